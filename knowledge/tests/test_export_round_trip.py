"""The BibTeX and RIS exports import back through the dossier's own importers to the same records."""

import datetime
import json

import pytest

from certification.dossier import services
from certification.dossier.models import Publication
from certification.publications.bibliography import parse_publications
from certification.tests.factories import DossierFactory, PublicationFactory, editor_of
from knowledge import selectors
from knowledge.rules import exports

pytestmark = pytest.mark.django_db

KINDS = ["article", "review", "congress_abstract", "book_chapter", "book", "thesis", "other"]


@pytest.fixture
def publications():
    dossier = DossierFactory()
    for number, kind in enumerate(KINDS):
        PublicationFactory(
            dossier=dossier,
            public=True,
            type=kind,
            title=f"Über {kind}: 50% & more_{number} (#1) ~ in de ggz",
            date=datetime.date(2020 + number, number + 1, number + 3),
            authors=[{"name": "van Dalen, Marieke", "unit_author": True}, {"name": "Müller, J.", "unit_author": False}],
            journal=f"Tijdschrift {number}",
            indexes=["PubMed"] if number % 2 else [],
            doi=f"10.1234/abc.{number}" if number != 3 else "",
            link="https://example.org/artikel" if number in (1, 3) else (f"https://doi.org/10.1234/abc.{number}"),
        )
    return dossier, [item for item in selectors.published_items() if item.kind == "publication"]


def _record(item):
    v = item.values
    return (v["type"], v["title"], v["date"], tuple(v["authors"]), v["journal"], v["doi"], v["link"], "PubMed" in v["indexes"])


def _candidate(c):
    return (c.type, c.title, c.date, tuple(c.authors), c.journal, c.doi, c.link, "PubMed" in c.indexes)


@pytest.mark.parametrize("name, write", [("publicaties.bib", exports.bibtex), ("publicaties.ris", exports.ris)])
def test_every_exported_publication_reads_back_as_the_same_record(publications, name, write):
    _dossier, items = publications

    parsed = parse_publications(name, write(items).encode())

    assert parsed.skipped == []
    assert sorted(_candidate(c) for c in parsed.candidates) == sorted(_record(item) for item in items)


@pytest.mark.parametrize("name, write", [("publicaties.bib", exports.bibtex), ("publicaties.ris", exports.ris)])
def test_the_import_service_adds_the_export_to_another_dossier_as_the_same_records(publications, name, write):
    _dossier, items = publications
    target = DossierFactory()
    editor = editor_of(target.department)

    report = services.import_publications(target, name, write(items).encode(), [], user=editor, expected_version=target.version)

    assert report.duplicates == []
    stored = Publication.objects.filter(dossier=target)
    got = sorted(
        (p.type, p.title, p.date, tuple(a["name"] for a in p.authors), p.journal, p.doi, p.link, "PubMed" in p.indexes)
        for p in stored
    )
    assert got == sorted(_record(item) for item in items)


def test_importing_the_export_into_the_dossier_it_came_from_finds_only_duplicates(publications):
    dossier, items = publications

    report = services.import_publications(
        dossier, "publicaties.bib", exports.bibtex(items).encode(), [], user=editor_of(dossier.department), expected_version=dossier.version
    )

    assert len(report.duplicates) == len(KINDS)


def test_the_csl_json_export_carries_type_authors_date_and_doi(publications):
    _dossier, items = publications

    records = json.loads(exports.csl_json(items))

    article = next(r for r in records if r["type"] == "article-journal" and r.get("DOI") == "10.1234/abc.0")
    assert article["author"][0] == {"family": "van Dalen", "given": "Marieke"}
    assert article["issued"] == {"date-parts": [[2020, 1, 3]]}
    assert {r["type"] for r in records} == {"article-journal", "paper-conference", "chapter", "book", "thesis", "document"}
