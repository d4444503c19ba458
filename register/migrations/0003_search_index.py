"""The finder's search index (register.search).

Besides the three tables, this adds per database:

- SQLite: the FTS5 table ``register_search_fts`` (tokenizer ``unicode61
  remove_diacritics 2``) over the pre-stemmed ``*_stems`` columns of
  ``register_searchdocument`` (external content), kept in sync by triggers.
  A later migration that rebuilds ``register_searchdocument`` on SQLite must
  create the triggers again.
- PostgreSQL: the pg_trgm extension; per text column a generated column
  ``<column>_vector`` = ``strip(to_tsvector('dutch', <column>_text))`` with a
  GIN index (stripped: the finder needs which words a column has, not where);
  a GIN trigram index on the lexicon's words.

The index itself is filled by ``manage.py rebuild_search_index`` or, lazily,
by the first search (register.search.index.ensure_index).
"""

import django.db.models.deletion
from django.db import migrations, models

SEARCH_COLUMNS = ("name_stems", "groups_stems", "institutions_stems", "description_stems")
_COLUMNS = ", ".join(SEARCH_COLUMNS)
_NEW = ", ".join(f"new.{c}" for c in SEARCH_COLUMNS)
_OLD = ", ".join(f"old.{c}" for c in SEARCH_COLUMNS)

SQLITE_FORWARDS = [
    f"""CREATE VIRTUAL TABLE register_search_fts USING fts5(
        {_COLUMNS},
        content='register_searchdocument', content_rowid='department_id',
        tokenize='unicode61 remove_diacritics 2', detail='column', columnsize=0
    )""",
    f"""CREATE TRIGGER register_search_fts_insert AFTER INSERT ON register_searchdocument BEGIN
        INSERT INTO register_search_fts(rowid, {_COLUMNS}) VALUES (new.department_id, {_NEW});
    END""",
    f"""CREATE TRIGGER register_search_fts_delete AFTER DELETE ON register_searchdocument BEGIN
        INSERT INTO register_search_fts(register_search_fts, rowid, {_COLUMNS})
        VALUES ('delete', old.department_id, {_OLD});
    END""",
    f"""CREATE TRIGGER register_search_fts_update AFTER UPDATE ON register_searchdocument BEGIN
        INSERT INTO register_search_fts(register_search_fts, rowid, {_COLUMNS})
        VALUES ('delete', old.department_id, {_OLD});
        INSERT INTO register_search_fts(rowid, {_COLUMNS}) VALUES (new.department_id, {_NEW});
    END""",
]
SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS register_search_fts_update",
    "DROP TRIGGER IF EXISTS register_search_fts_delete",
    "DROP TRIGGER IF EXISTS register_search_fts_insert",
    "DROP TABLE IF EXISTS register_search_fts",
]

TEXT_COLUMNS = ("name", "groups", "institutions", "description")

POSTGRES_FORWARDS = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"]
for _column in TEXT_COLUMNS:
    POSTGRES_FORWARDS += [
        f"""ALTER TABLE register_searchdocument ADD COLUMN {_column}_vector tsvector
            GENERATED ALWAYS AS (strip(to_tsvector('dutch'::regconfig, {_column}_text))) STORED""",
        # Kept in the row uncompressed unless the row gets very large: every search reads these.
        f"ALTER TABLE register_searchdocument ALTER COLUMN {_column}_vector SET STORAGE MAIN",
        # fastupdate off: no pending list that slows down searches after a bulk rebuild.
        f"""CREATE INDEX register_searchdocument_{_column}_vector ON register_searchdocument
            USING GIN ({_column}_vector) WITH (fastupdate = off)""",
    ]
POSTGRES_FORWARDS.append(
    "CREATE INDEX register_searchterm_word_trgm ON register_searchterm USING GIN (word gin_trgm_ops)"
)
POSTGRES_BACKWARDS = ["DROP INDEX IF EXISTS register_searchterm_word_trgm"] + [
    f"ALTER TABLE register_searchdocument DROP COLUMN IF EXISTS {_column}_vector" for _column in TEXT_COLUMNS
]


class VendorRunSQL(migrations.RunSQL):
    """RunSQL that runs only on one database vendor ("sqlite", "postgresql")."""

    def __init__(self, vendor, sql, reverse_sql):
        super().__init__(sql, reverse_sql, elidable=False)
        self.vendor = vendor

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"Raw SQL for {self.vendor}"


def create_state(apps, schema_editor):
    apps.get_model("register", "SearchIndexState").objects.get_or_create(pk=1, defaults={"stamp": "initial"})


class Migration(migrations.Migration):

    dependencies = [
        ('register', '0002_seed_vocabularies'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('department', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_document', serialize=False, to='register.department')),
                ('sort_key', models.CharField(max_length=255)),
                ('name_text', models.TextField(blank=True)),
                ('groups_text', models.TextField(blank=True)),
                ('institutions_text', models.TextField(blank=True)),
                ('description_text', models.TextField(blank=True)),
                ('name_stems', models.TextField(blank=True)),
                ('groups_stems', models.TextField(blank=True)),
                ('institutions_stems', models.TextField(blank=True)),
                ('description_stems', models.TextField(blank=True)),
            ],
            options={
                'verbose_name': 'zoekindex van afdeling',
                'verbose_name_plural': 'zoekindex van afdelingen',
                'default_permissions': (),
            },
        ),
        migrations.CreateModel(
            name='SearchIndexState',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('stamp', models.CharField(max_length=32)),
            ],
            options={
                'default_permissions': (),
            },
        ),
        migrations.CreateModel(
            name='SearchTerm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('word', models.CharField(max_length=100, unique=True)),
            ],
            options={
                'verbose_name': 'zoekwoord',
                'verbose_name_plural': 'zoekwoorden',
                'default_permissions': (),
            },
        ),
        VendorRunSQL("sqlite", SQLITE_FORWARDS, SQLITE_BACKWARDS),
        VendorRunSQL("postgresql", POSTGRES_FORWARDS, POSTGRES_BACKWARDS),
        migrations.RunPython(create_state, migrations.RunPython.noop),
    ]
