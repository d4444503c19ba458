"""Store every e-mail address in its normalised form (accounts.addresses).

Log-in, lock-out, registration, password reset and invitations all key an
address by its normalised form (NFKC, stripped, case-folded). A user stored as
``Analyst@TOPGGZ.example`` is rewritten to ``analyst@topggz.example``. It is
safe because the unique constraint on ``lower(email)`` already forbids two
users that differ only in (ASCII) case; a row whose normalised form would
still clash with another user (possible only with non-ASCII letters) is left
as it is and named in the migration's output, and the log-in lookup's
case-insensitive fallback (``UserManager.find_by_email``) keeps finding it.
The function is frozen here on purpose.
"""

import unicodedata

from django.db import migrations


def normalize_email(value):
    return unicodedata.normalize("NFKC", str(value or "")).strip().casefold()


def forwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Invitation = apps.get_model("accounts", "Invitation")
    db = schema_editor.connection.alias
    users = User.objects.using(db)
    counts = {}
    for email in users.values_list("email", flat=True):
        key = normalize_email(email)
        counts[key] = counts.get(key, 0) + 1
    for pk, email in users.values_list("pk", "email"):
        key = normalize_email(email)
        if key == email:
            continue
        if counts[key] > 1:
            print(f"\n  accounts.0004: left user #{pk} as it is: its normalised address clashes with another user.")
            continue
        users.filter(pk=pk).update(email=key)
    for pk, email in Invitation.objects.using(db).values_list("pk", "email"):
        key = normalize_email(email)
        if key != email:
            Invitation.objects.using(db).filter(pk=pk).update(email=key)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_second_factor_lock")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
