"""Remove audit entries past the retention period by re-anchoring the chain.

See ``audit.retention`` for how it works and why it is safe.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from audit.retention import PurgeRefused, purge, retention_cutoff, retention_years, start_of_day


class Command(BaseCommand):
    help = "Purge audit entries older than AUDIT_RETENTION_YEARS (or --before), keeping the chain verifiable."

    def add_arguments(self, parser):
        parser.add_argument(
            "--before",
            type=date.fromisoformat,
            help="Purge entries from before this date (YYYY-MM-DD, local time); "
            "may not be later than the retention cut-off.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report what would be purged; change nothing.")
        parser.add_argument("--actor", help="E-mail address of the user running the purge (recorded).")

    def handle(self, *args, before, dry_run, actor, **options):
        user = None
        if actor:
            user = get_user_model().objects.find_by_email(actor)
            if user is None:
                raise CommandError(f"No user with e-mail address {actor}.")
        try:
            result = purge(before=start_of_day(before) if before else None, actor=user, dry_run=dry_run)
        except PurgeRefused as exc:
            raise CommandError(str(exc)) from exc
        cutoff = f"{result.cutoff:%Y-%m-%d %H:%M}"
        if not result.purged_count:
            self.stdout.write(
                f"Nothing to purge: no entries from before {cutoff} "
                f"(retention {retention_years()} years, cut-off {retention_cutoff():%Y-%m-%d})."
            )
        elif dry_run:
            self.stdout.write(
                f"Dry run: would purge {result.purged_count} entries up to sequence "
                f"{result.purged_up_to_sequence} (from before {cutoff})."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Purged {result.purged_count} entries up to sequence {result.purged_up_to_sequence} "
                    f"(from before {cutoff}); chain re-anchored at hash {result.anchor.last_purged_hash}."
                )
            )
