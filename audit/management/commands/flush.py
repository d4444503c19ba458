"""Django's ``flush``, able to empty the append-only audit tables on SQLite.

``flush`` deliberately removes all data. On PostgreSQL it uses TRUNCATE,
which the row-level guard triggers do not see. On SQLite it uses DELETE, which
they refuse; without this override every transactional test (and
``live_server`` browser test) that logs someone in would fail at teardown.
Here the SQLite delete guards are lifted inside one transaction around the
flush and re-created before it commits. Behaviour is otherwise Django's.
"""

from django.core.management.commands import flush
from django.db import connections, transaction

from audit.triggers import ANCHOR_TABLE, ENTRY_TABLE, deletes_permitted


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        if options["interactive"]:
            confirm = input(
                f'You have requested a flush of the database "{connection.settings_dict["NAME"]}".\n'
                "This will IRREVERSIBLY DESTROY all data currently in it, the audit log included.\n"
                "Type 'yes' to continue, or 'no' to cancel: "
            )
            if confirm != "yes":
                self.stdout.write("Flush cancelled.")
                return
            options["interactive"] = False
        with transaction.atomic(using=options["database"]):
            with deletes_permitted(connection, tables=(ENTRY_TABLE, ANCHOR_TABLE), require_guard=False):
                return super().handle(**options)
