"""The finder's index: one SearchDocument per department, the lexicon, the stamp.

``index_departments(ids)`` (re)writes the documents of some departments;
register.services.register_changed() (the one invalidation path, which every
write to the register ends in) calls it when a department, its institutions
or its target groups change. ``rebuild_index()`` rewrites everything (``manage.py
rebuild_search_index``). ``ensure_index()`` runs before every search: one
query that reads the stamp and compares the highest department id with the
highest document id, and indexes departments created in bulk (their
documents are written when their links are, or here).

Each write changes the stamp (``touch()``), so every app process knows its
cached vocabularies and lexicon are out of date.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from ..models import AgeGroup, Department, SearchDocument, SearchIndexState, SearchTerm, TargetGroup
from .concepts import AGE_WORDS
from .lexicon import vocabulary_forms
from .text import STOP_WORDS, fold, stemmed_text, words

BATCH_SIZE = 500
MAX_WORD_LENGTH = 100


def group_terms(group: TargetGroup) -> list[str]:
    """Everything a target group is called: code, labels, synonyms, abbreviations."""
    return [group.code.replace("_", " "), *group.all_terms()]


def build_document(department: Department) -> SearchDocument:
    """The document of a department whose institutions and target groups are prefetched."""
    groups = " ".join(term for group in department.target_groups.all() for term in group_terms(group))
    institutions = " ".join(institution.name for institution in department.institutions.all())
    texts = {
        "name": fold(department.name),
        "groups": fold(groups),
        "institutions": fold(institutions),
        "description": fold(department.description),
    }
    return SearchDocument(
        department_id=department.pk,
        sort_key=texts["name"][:255],
        **{f"{column}_text": text for column, text in texts.items()},
        **{f"{column}_stems": stemmed_text(text) for column, text in texts.items()},
    )


def lexicon_words(texts: Iterable[str]) -> set[str]:
    """The words worth knowing in `texts`: no stop words, no numbers, not absurdly long."""
    return {
        word
        for text in texts
        for word in words(text)
        if word not in STOP_WORDS and not word.isdigit() and len(word) <= MAX_WORD_LENGTH
    }


def document_words(document: SearchDocument) -> set[str]:
    return lexicon_words(
        [document.name_text, document.groups_text, document.institutions_text, document.description_text]
    )


def vocabulary_words() -> set[str]:
    """The vocabularies' words and their forms (singular, plural, Dutch spelling: lexicon.vocabulary_forms),
    so a misspelling is corrected towards any of them, on PostgreSQL (pg_trgm) as on SQLite."""
    texts = [term for group in TargetGroup.objects.all() for term in group_terms(group)]
    texts += list(AgeGroup.objects.values_list("label_nl", flat=True))
    texts += list(AGE_WORDS.values())
    known = lexicon_words(texts)
    return known | lexicon_words(vocabulary_forms(known))


def add_words(new_words: set[str]) -> None:
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=word) for word in sorted(new_words)], ignore_conflicts=True, batch_size=BATCH_SIZE
    )


def touch() -> str:
    """Give the index a new stamp (every process reloads its cached vocabularies)."""
    stamp = uuid.uuid4().hex
    changed = {"stamp": stamp, "changed_at": timezone.now()}
    if not SearchIndexState.objects.filter(pk=1).update(**changed):
        SearchIndexState.objects.update_or_create(pk=1, defaults=changed)
    return stamp


def _departments(ids=None):
    queryset = Department.objects.prefetch_related("institutions", "target_groups").order_by("pk")
    return queryset if ids is None else queryset.filter(pk__in=ids)


@transaction.atomic
def index_departments(ids: Iterable[int]) -> int:
    """(Re)write the documents of these departments; returns how many were written."""
    ids = sorted(set(ids))
    if not ids:
        return 0
    documents = [build_document(d) for d in _departments(ids)]
    SearchDocument.objects.filter(pk__in=ids).delete()
    SearchDocument.objects.bulk_create(documents, batch_size=BATCH_SIZE)
    add_words(set().union(*(document_words(d) for d in documents)) if documents else set())
    touch()
    return len(documents)


@transaction.atomic
def rebuild_index() -> int:
    """Rewrite every document and the whole lexicon; returns the number of documents."""
    SearchDocument.objects.all().delete()
    SearchTerm.objects.all().delete()
    known = vocabulary_words()
    count = 0
    batch: list[SearchDocument] = []
    for department in _departments().iterator(chunk_size=BATCH_SIZE):
        batch.append(build_document(department))
        if len(batch) == BATCH_SIZE:
            count += _write(batch, known)
            batch = []
    count += _write(batch, known)
    add_words(known)
    touch()
    return count


def _write(documents: list[SearchDocument], known: set[str]) -> int:
    SearchDocument.objects.bulk_create(documents, batch_size=BATCH_SIZE)
    for document in documents:
        known |= document_words(document)
    return len(documents)


def vocabulary_changed(department_ids: Iterable[int] = ()) -> None:
    """A target group (or another vocabulary) changed: reindex its departments, learn its words."""
    add_words(vocabulary_words())
    if not index_departments(department_ids):
        touch()


def ensure_index() -> tuple[str | None, tuple, tuple]:
    """Index departments without a document (those written without signals).

    Returns (stamp, highest location id, (highest municipality code, highest
    postcode area)): what the process caches depend on. One query when the
    index is complete (the usual case). It compares highest ids, which an
    index lookup answers at once, where counting rows would read whole tables:
    a department written without signals is newer than the newest document.
    Deletions always pass through signals (register.signals listens to them).
    """
    stamp, last_department, last_document, last_location, last_municipality, last_area = _read_state()
    if last_department != last_document:
        missing = Department.objects.filter(search_document__isnull=True).values_list("pk", flat=True)
        with transaction.atomic():
            if not SearchTerm.objects.exists():
                add_words(vocabulary_words())
            index_departments(list(missing))
        stamp = SearchIndexState.objects.values_list("stamp", flat=True).filter(pk=1).first()
    elif stamp is None:
        stamp = touch()
    return stamp, last_location, (last_municipality, last_area)


def _read_state():
    with connection.cursor() as cursor:
        # ORDER BY ... DESC LIMIT 1 rather than MAX(): the same index lookup, planned in half the time
        # on PostgreSQL (this runs before every search). The keys are primary keys: never NULL.
        cursor.execute(
            "SELECT (SELECT stamp FROM register_searchindexstate WHERE id = 1),"
            " (SELECT id FROM register_department ORDER BY id DESC LIMIT 1),"
            " (SELECT department_id FROM register_searchdocument ORDER BY department_id DESC LIMIT 1),"
            " (SELECT id FROM register_location ORDER BY id DESC LIMIT 1),"
            " (SELECT code FROM geo_municipality ORDER BY code DESC LIMIT 1),"
            " (SELECT code FROM geo_postcodearea ORDER BY code DESC LIMIT 1)"
        )
        return cursor.fetchone()
