"""The publishing rules: what the knowledge base shows, and what it never shows (pure, no database)."""

import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

from knowledge.rules import finding, publishing
from knowledge.rules.publishing import DossierRef

ROOT = Path(__file__).resolve().parents[2]


def publication(**values):
    row = {"id": 1, "dossier_id": 10, "public": True, "type": "article", "title": "Vier dagen ERP", "date": date(2024, 3, 1),
           "authors": [{"name": "Jansen, P.", "unit_author": True}], "journal": "J", "doi": "", "link": ""}
    row.update(values)
    return row


def test_the_current_dossier_is_the_one_with_the_latest_visitation_date():
    refs = [DossierRef(1, 7, date(2022, 6, 15)), DossierRef(2, 7, date(2026, 6, 15)), DossierRef(3, 8, date(2020, 1, 1))]

    assert publishing.current_dossiers(refs) == {7: 2, 8: 3}


def test_of_two_dossiers_for_the_same_date_the_newest_row_counts():
    refs = [DossierRef(5, 7, date(2022, 6, 15)), DossierRef(4, 7, date(2022, 6, 15))]

    assert publishing.current_dossiers(refs) == {7: 5}


def test_a_record_marked_public_in_the_current_dossier_is_public():
    assert publishing.is_public("publication", publication(), [10])


def test_a_record_not_marked_public_is_never_public():
    assert not publishing.is_public("publication", publication(public=False), [10])


def test_a_public_record_of_an_older_dossier_is_not_public():
    assert not publishing.is_public("publication", publication(dossier_id=9), [10])


def test_records_of_other_kinds_are_never_public_even_when_marked():
    assert not publishing.is_public("staff", {"public": True, "dossier_id": 10}, [10])
    assert not publishing.is_public("knowledge_transfer", {"public": True, "dossier_id": 10}, [10])


def test_no_personal_field_of_a_study_is_ever_a_public_field():
    row = {"title": "T", "researchers": ["Dr. Geheim"], "phd_candidate": "Mr. Geheim", "promotors": ["Prof. Geheim"],
           "candidate_involvement": "Geheim", "phase": "dataverzameling", "start_date": date(2020, 1, 1)}

    shown = publishing.public_fields("study", row)

    assert "Geheim" not in repr(shown)
    assert shown["phase"] == "dataverzameling"


def test_the_personal_fields_are_in_no_kinds_public_fields():
    for kind, fields in publishing.NEVER_PUBLIC.items():
        assert not set(fields) & set(publishing.PUBLIC_FIELDS[kind])


def test_authors_keep_their_names_and_lose_the_unit_author_mark():
    shown = publishing.public_fields("publication", publication())

    assert shown["authors"] == ["Jansen, P."]


def test_the_presenter_is_the_one_name_a_presentation_shows():
    row = {"date": date(2024, 1, 1), "congress": "NVvP", "scope": "national", "title": "T", "presenter": "Dr. P. Jansen", "kind": ""}

    assert publishing.public_fields("presentation", row)["presenter"] == "Dr. P. Jansen"


def test_a_training_places_occupancy_is_not_public():
    assert publishing.PUBLIC_FIELDS["training_place"] == ("discipline", "places", "recognition")


def _entry(values, department, record_id, kind="publication"):
    return (kind, publishing.public_fields(kind, values), department, record_id, datetime(2026, 1, 1, tzinfo=timezone.utc))


def test_two_departments_publication_with_the_same_doi_is_one_item_naming_both():
    a, b = (1, "Afdeling A", "a"), (2, "Afdeling B", "b")

    items = publishing.merge([_entry(publication(doi="10.1/x"), a, 1), _entry(publication(doi="10.1/x", title="Other spelling"), b, 2)])

    assert len(items) == 1
    assert items[0].departments == [a, b]


def test_a_publication_without_doi_is_the_same_by_its_normalised_title_and_year():
    a, b = (1, "Afdeling A", "a"), (2, "Afdeling B", "b")

    items = publishing.merge([_entry(publication(title="Vier dagen ERP!"), a, 1), _entry(publication(title="vier  dagen érp"), b, 2)])

    assert len(items) == 1


def test_the_same_title_in_another_year_is_another_publication():
    a = (1, "Afdeling A", "a")

    items = publishing.merge([_entry(publication(), a, 1), _entry(publication(date=date(2025, 1, 1)), a, 2)])

    assert len(items) == 2


def test_training_places_of_two_departments_are_never_merged():
    a, b = (1, "Afdeling A", "a"), (2, "Afdeling B", "b")
    place = {"discipline": "psychiater", "places": 2, "recognition": ""}

    items = publishing.merge([_entry(place, a, 1, "training_place"), _entry(place, b, 2, "training_place")])

    assert len(items) == 2


def test_an_undated_item_drops_out_when_a_year_is_chosen():
    item = publishing.Item(kind="innovation", key=(), values={"title": "X"}, departments=[(1, "A", "a")])

    assert finding.passes_filters(item, finding.Filters())
    assert not finding.passes_filters(item, finding.Filters(years=frozenset({2024})))


def test_an_item_is_found_by_a_target_group_the_text_was_read_as():
    assert finding.text_score(set(), ("psychotrauma",), [("ptss",)], ["psychotrauma"]) > 0


def test_an_item_is_found_only_when_it_has_every_searched_word():
    assert finding.text_score({"erp", "dag"}, (), [("erp",), ("dag",)], []) > 0
    assert finding.text_score({"erp"}, (), [("erp",), ("dag",)], []) == 0


def test_the_rules_run_without_importing_django():
    script = (
        "import sys\nimport knowledge.rules.publishing, knowledge.rules.finding, knowledge.rules.exports\n"
        "print(sorted(n for n in sys.modules if n == 'django' or n.startswith('django.')))"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)

    assert result.stdout.strip() == "[]"
