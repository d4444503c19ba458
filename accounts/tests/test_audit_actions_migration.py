"""audit migration 0003 (the log-in step actions) keeps the audit tables append-only."""

import pytest
from django.db import connection

from audit.triggers import missing_triggers

pytestmark = pytest.mark.django_db


def test_the_append_only_triggers_survive_the_migration_that_adds_the_log_in_step_actions():
    # On SQLite, replacing the action check constraint rebuilds the table, which drops its triggers.
    assert missing_triggers(connection) == []
