"""Verify the whole audit log: sequence numbers, links, keyed hashes, anchors, guard triggers, exported heads.

    python manage.py audit_verify
    python manage.py audit_verify --expect-head 1234:<64 hex characters>
    python manage.py audit_verify --expect-head-file head.json   # written by audit_head --json

Exit code 0 and "Audit-log intact: N entries checked" when all is well;
exit code 1 naming the first broken entry (sequence, timestamp, reason), the
missing trigger, or the exported head the log no longer reaches (emptied or
cut off) or no longer matches (rewritten). The run itself is recorded as a
``verify`` entry (unless --no-record), and the head is printed as
SEQUENCE:HASH so that it can be kept outside the database.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections, router

from audit.models import Action, AuditEntry, Outcome
from audit.selectors import ExpectedHead, check_expected_head, verify_stored_log
from audit.services import record
from audit.triggers import missing_triggers


def expected_head(text: str) -> ExpectedHead:
    try:
        return ExpectedHead.parse(text)
    except ValueError as exc:
        raise CommandError(f"--expect-head: {exc}") from exc


def expected_head_file(path: str) -> ExpectedHead:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return ExpectedHead.parse(f"{int(data['sequence'])}:{data['hash']}")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CommandError(f"--expect-head-file {path}: not a head written by audit_head --json ({exc})") from exc


class Command(BaseCommand):
    help = "Verify the hash chain of the audit log (exit code 1 if it is broken or misses an exported head)."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=2000, help="Entries fetched per round trip.")
        parser.add_argument("--no-record", action="store_true", help="Do not append a 'verify' entry.")
        parser.add_argument(
            "--expect-head",
            action="append",
            default=[],
            metavar="SEQUENCE:HASH",
            help="A head printed earlier by audit_head: the log must still reach it, with that hash (repeatable).",
        )
        parser.add_argument(
            "--expect-head-file",
            action="append",
            default=[],
            metavar="PATH",
            help="A head written earlier by audit_head --json (repeatable).",
        )

    def handle(self, *args, chunk_size, no_record, expect_head, expect_head_file, **options):
        heads = [expected_head(text) for text in expect_head] + [expected_head_file(p) for p in expect_head_file]
        result = verify_stored_log(chunk_size=chunk_size)
        problems = []
        if not result.ok:
            problems.append(self._describe_break(result))
        for head in heads:
            problem = check_expected_head(head, result)
            if problem:
                problems.append(f"Exported head {head.sequence}:{head.hash} not matched: {problem}")
        missing = missing_triggers(connections[router.db_for_write(AuditEntry)])
        if missing:
            problems.append(f"Append-only trigger missing or disabled: {', '.join(missing)}")
        if not no_record:
            record(
                action=Action.VERIFY,
                outcome=Outcome.FAILURE if problems else Outcome.SUCCESS,
                role="system",
                object_type="audit.auditentry",
                detail={
                    "checked": result.checked,
                    "first_broken_sequence": result.first_broken_sequence,
                    "expected_heads": [head.sequence for head in heads],
                },
            )
        if problems:
            raise CommandError("\n".join(problems), returncode=1)
        self.stdout.write(self.style.SUCCESS(f"Audit-log intact: {result.checked} entries checked"))
        if heads:
            self.stdout.write(f"Reaches the exported head(s): {', '.join(str(head.sequence) for head in heads)}")
        if result.unkeyed:
            self.stdout.write(
                f"{result.unkeyed} unkeyed (format 1) entries from before keying, up to sequence "
                f"{result.last_unkeyed_sequence}: set AUDIT_UNKEYED_UP_TO={result.last_unkeyed_sequence} "
                "so that no more can appear, and keep an exported head."
            )
        if result.last_sequence:
            self.stdout.write(f"Head: sequence {result.last_sequence}, hash {result.last_hash}")
            self.stdout.write(f"{result.last_sequence}:{result.last_hash}")

    def _describe_break(self, result):
        message = f"Audit-log broken after {result.checked} entries checked"
        if result.first_broken_sequence is not None:
            entry = AuditEntry.objects.filter(sequence=result.first_broken_sequence).first()
            when = f" ({entry.timestamp.isoformat()})" if entry else ""
            message += f": first broken entry sequence {result.first_broken_sequence}{when}"
        return f"{message}: {result.reason}"
