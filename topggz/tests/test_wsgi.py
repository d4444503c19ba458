"""The WSGI entry point's garbage-collector tuning."""

import gc

from topggz import wsgi


def test_the_gc_threshold_is_raised_to_the_configured_value():
    before = gc.get_threshold()
    try:
        wsgi._tune_gc(12345)
        assert gc.get_threshold()[0] == 12345
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_a_zero_threshold_leaves_the_collector_alone():
    before = gc.get_threshold()
    wsgi._tune_gc(0)
    assert gc.get_threshold() == before
