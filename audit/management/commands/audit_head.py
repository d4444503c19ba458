"""Print the head of the audit log (last sequence number and hash) to keep it outside the database.

    python manage.py audit_head                     # prints SEQUENCE:HASH
    python manage.py audit_head --json head.json    # also writes it as JSON ("-" for stdout)

The log is verified first; a broken log exits 1 and exports nothing, so that a
tampered head is never written down as the truth. Keep the output where the
database's users cannot change it (a ticket, a signed e-mail, write-once
storage) and check against it later with
``audit_verify --expect-head SEQUENCE:HASH`` or ``--expect-head-file head.json``.
The export is recorded as an ``export`` entry (unless --no-record), after
the head it exports.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from audit.models import Action
from audit.selectors import head_entry, verify_stored_log
from audit.services import record


class Command(BaseCommand):
    help = "Verify the audit log and print its head as SEQUENCE:HASH (optionally as a JSON file)."

    def add_arguments(self, parser):
        parser.add_argument("--json", dest="json_path", metavar="PATH", help="Also write the head as JSON to PATH ('-': stdout).")
        parser.add_argument("--no-record", action="store_true", help="Do not append an 'export' entry.")

    def handle(self, *args, json_path: str | None, no_record: bool, **options):
        result = verify_stored_log()
        if not result.ok:
            raise CommandError(
                f"Audit-log broken at sequence {result.first_broken_sequence}: {result.reason}. No head exported.",
                returncode=1,
            )
        sequence, entry_hash = result.last_sequence or 0, result.last_hash
        entry = head_entry()
        head = {
            "sequence": sequence,
            "hash": entry_hash,
            "key_id": (entry.hash_key_id or "") if entry is not None and entry.sequence == sequence else "",
            "timestamp": entry.timestamp.isoformat() if entry is not None and entry.sequence == sequence else None,
            "exported_at": timezone.now().isoformat(),
        }
        if json_path:
            text = json.dumps(head, indent=2, sort_keys=True)
            if json_path == "-":
                self.stdout.write(text)
            else:
                Path(json_path).write_text(text + "\n", encoding="utf-8")
        if json_path != "-":
            self.stdout.write(f"{sequence}:{entry_hash}")
        if not no_record:
            record(
                action=Action.EXPORT,
                role="system",
                object_type="audit.auditentry",
                detail={"head_sequence": sequence, "head_hash": entry_hash},
            )
