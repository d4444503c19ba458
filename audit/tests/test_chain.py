"""verify_chain() recomputes hashes and checks links and sequence numbers (pure, no database)."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from audit.chain import GENESIS_HASH, compute_hash, verify_chain


def make_chain(count, anchor_hash=GENESIS_HASH, start=0):
    entries, previous = [], anchor_hash
    for sequence in range(start + 1, start + count + 1):
        entry = SimpleNamespace(
            sequence=sequence,
            timestamp=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=sequence),
            actor_id="1",
            actor_email="a@topggz.example",
            actor_role="bureau_admin",
            action="read",
            object_type="register.department",
            object_id=str(sequence),
            on_behalf_of="",
            client_ip=None,
            outcome="success",
            detail={},
            previous_hash=previous,
        )
        entry.entry_hash = previous = compute_hash(entry)
        entries.append(entry)
    return entries


def test_an_intact_chain_verifies():
    result = verify_chain(make_chain(5), GENESIS_HASH)

    assert (result.ok, result.checked, result.last_sequence) == (True, 5, 5)


def test_altered_content_is_named_by_its_sequence():
    entries = make_chain(5)
    entries[2].action = "delete"

    result = verify_chain(entries, GENESIS_HASH)

    assert (result.ok, result.first_broken_sequence) == (False, 3)
    assert "hash mismatch" in result.reason


def test_a_missing_entry_is_a_sequence_gap():
    entries = make_chain(5)
    del entries[2]

    result = verify_chain(entries, GENESIS_HASH)

    assert (result.ok, result.first_broken_sequence) == (False, 4)
    assert "sequence gap" in result.reason


def test_a_rehashed_entry_still_breaks_the_link_to_its_successor():
    entries = make_chain(5)
    entries[2].action = "delete"
    entries[2].entry_hash = compute_hash(entries[2])

    result = verify_chain(entries, GENESIS_HASH)

    assert (result.ok, result.first_broken_sequence) == (False, 4)
    assert "previous-hash link" in result.reason


def test_a_chain_starts_from_its_anchor_after_a_purge():
    anchor_hash = "f" * 64
    entries = make_chain(3, anchor_hash=anchor_hash, start=10)

    assert verify_chain(entries, anchor_hash, anchor_sequence=10).ok
    assert not verify_chain(entries, GENESIS_HASH).ok
