"""Verify the whole audit log: sequence numbers, hash links, entry hashes, guard triggers.

Exit code 0 and "Audit-log intact: N entries checked" when all is well;
exit code 1 naming the first broken entry (sequence, timestamp, reason) or the
missing trigger otherwise. The run itself is recorded as a ``verify`` entry
(unless --no-record), and the head (last sequence and hash) is printed so it
can be noted outside the database.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connections, router

from audit.models import Action, AuditEntry, Outcome
from audit.selectors import verify_stored_log
from audit.services import record
from audit.triggers import missing_triggers


class Command(BaseCommand):
    help = "Verify the hash chain of the audit log (exit code 1 if it is broken)."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=2000, help="Entries fetched per round trip.")
        parser.add_argument("--no-record", action="store_true", help="Do not append a 'verify' entry.")

    def handle(self, *args, chunk_size, no_record, **options):
        result = verify_stored_log(chunk_size=chunk_size)
        problems = []
        if not result.ok:
            problems.append(self._describe_break(result))
        missing = missing_triggers(connections[router.db_for_write(AuditEntry)])
        if missing:
            problems.append(f"Append-only trigger missing or disabled: {', '.join(missing)}")
        if not no_record:
            record(
                action=Action.VERIFY,
                outcome=Outcome.FAILURE if problems else Outcome.SUCCESS,
                role="system",
                object_type="audit.auditentry",
                detail={"checked": result.checked, "first_broken_sequence": result.first_broken_sequence},
            )
        if problems:
            raise CommandError("\n".join(problems), returncode=1)
        self.stdout.write(self.style.SUCCESS(f"Audit-log intact: {result.checked} entries checked"))
        if result.last_sequence:
            self.stdout.write(f"Head: sequence {result.last_sequence}, hash {result.last_hash}")

    def _describe_break(self, result):
        message = f"Audit-log broken after {result.checked} entries checked"
        if result.first_broken_sequence is not None:
            entry = AuditEntry.objects.filter(sequence=result.first_broken_sequence).first()
            when = f" ({entry.timestamp.isoformat()})" if entry else ""
            message += f": first broken entry sequence {result.first_broken_sequence}{when}"
        return f"{message}: {result.reason}"
