"""The public knowledge base page, the department's Kennis section, the exports and the feeds."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certification.dossier.forms import record_form_class
from certification.tests.factories import (
    DossierFactory,
    InnovationFactory,
    PatientParticipationFactory,
    PresentationFactory,
    PublicationFactory,
    StudyFactory,
    TrainingPlaceFactory,
)
from register.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def page(client, query=""):
    response = client.get(f"/kennis/{query}")
    assert response.status_code == 200
    return response.content.decode()


def department_page(client, department):
    response = client.get(f"/afdelingen/{department.slug}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def dossier():
    return DossierFactory(department=DepartmentFactory(name="Centrum Dwang", slug="centrum-dwang", target_groups=["ocd"]))


def test_a_public_publication_shows_with_its_doi_link(client, dossier):
    PublicationFactory(dossier=dossier, public=True, title="Vier dagen ERP", doi="10.1234/erp.4")

    html = page(client)

    assert "Vier dagen ERP" in html
    assert 'href="https://doi.org/10.1234/erp.4"' in html


def test_a_record_not_marked_public_is_not_shown(client, dossier):
    PublicationFactory(dossier=dossier, public=False, title="Nog geheim")

    assert "Nog geheim" not in page(client)
    assert "Nog geheim" not in department_page(client, dossier.department)


def test_a_public_record_of_an_older_dossier_is_not_shown(client, dossier):
    older = DossierFactory(department=dossier.department, visitation_date=datetime.date(2018, 1, 1))
    PublicationFactory(dossier=older, public=True, title="Uit het oude dossier")
    PublicationFactory(dossier=dossier, public=True, title="Uit het huidige dossier")

    html = page(client)

    assert "Uit het huidige dossier" in html
    assert "Uit het oude dossier" not in html


def test_an_innovation_shows_what_is_new_how_it_differs_and_its_effectiveness_study(client, dossier):
    study = StudyFactory(dossier=dossier, public=True, title="RCT vier dagen", phase="dataverzameling")
    InnovationFactory(
        dossier=dossier, public=True, title="Bergen-aanpak", innovative_aspect="Alles in vier dagen",
        difference_from_regular_care="Geen wekelijkse sessies", effectiveness_design="Gerandomiseerd", study=study,
    )

    html = page(client, "?soort=innovatie")

    for text in ("Bergen-aanpak", "Alles in vier dagen", "Geen wekelijkse sessies", "Gerandomiseerd", "RCT vier dagen", "dataverzameling"):
        assert text in html


def test_an_innovation_does_not_name_a_study_that_is_not_public(client, dossier):
    study = StudyFactory(dossier=dossier, public=False, title="Interne pilotstudie")
    InnovationFactory(dossier=dossier, public=True, study=study)

    assert "Interne pilotstudie" not in page(client)


def test_a_study_shows_its_phase_and_never_its_researchers_or_candidate(client, dossier):
    StudyFactory(
        dossier=dossier, public=True, title="Cohort dwang", phase="analyse", researchers=["Dr. Verborgen"],
        is_phd_study=True, phd_candidate="Drs. Onbekend", promotors=["Prof. Stil"], candidate_involvement="Volledig",
    )

    html = page(client)

    assert "analyse" in html
    for name in ("Dr. Verborgen", "Drs. Onbekend", "Prof. Stil"):
        assert name not in html


def test_presentations_training_places_and_participation_show(client, dossier):
    PresentationFactory(dossier=dossier, public=True, title="Lezing over dwang", presenter="Dr. P. Jansen")
    TrainingPlaceFactory(dossier=dossier, public=True, discipline="klinisch_psycholoog", places=3)
    PatientParticipationFactory(dossier=dossier, public=True, title="Cliëntenpanel", result="Folder herschreven")

    html = page(client)

    for text in ("Lezing over dwang", "Dr. P. Jansen", "klinisch_psycholoog", "Cliëntenpanel", "Folder herschreven"):
        assert text in html


def test_a_publication_shared_by_two_departments_shows_once_naming_both(client, dossier):
    other = DossierFactory(department=DepartmentFactory(name="Netwerk Noord", slug="netwerk-noord"))
    PublicationFactory(dossier=dossier, public=True, title="Samen gedeeld", doi="10.1/shared")
    PublicationFactory(dossier=other, public=True, title="Samen gedeeld", doi="10.1/shared")

    html = page(client)

    assert html.count(">Samen gedeeld</h3>") == 1
    assert "Centrum Dwang" in html and "Netwerk Noord" in html


def test_the_filters_select_kind_year_and_department(client, dossier):
    other = DossierFactory(department=DepartmentFactory(name="Netwerk Noord", slug="netwerk-noord"))
    PublicationFactory(dossier=dossier, public=True, title="Artikel 2021", date=datetime.date(2021, 1, 1))
    PublicationFactory(dossier=dossier, public=True, title="Artikel 2024", date=datetime.date(2024, 1, 1))
    PresentationFactory(dossier=other, public=True, title="Lezing Noord", date=datetime.date(2024, 2, 1))

    assert "Lezing Noord" not in page(client, "?soort=publicatie")
    html = page(client, "?jaar=2024")
    assert "Artikel 2024" in html and "Artikel 2021" not in html
    html = page(client, "?afdeling=netwerk-noord")
    assert "Lezing Noord" in html and "Artikel 2024" not in html


def test_the_target_group_filter_uses_the_items_own_words_else_its_departments_groups(client, dossier):
    InnovationFactory(dossier=dossier, public=True, title="Exposure bij dwang", description="Voor mensen met een dwangstoornis.")
    trauma = DossierFactory(department=DepartmentFactory(slug="trauma", target_groups=["psychotrauma"]))
    InnovationFactory(dossier=trauma, public=True, title="Achtdaagse behandeling", description="Intensief.")

    html = page(client, "?doelgroep=psychotrauma")

    assert "Achtdaagse behandeling" in html
    assert "Exposure bij dwang" not in html


def test_the_search_reads_an_abbreviation_as_its_target_group_as_the_finder_does(client, dossier):
    trauma = DossierFactory(department=DepartmentFactory(slug="trauma", target_groups=["psychotrauma"]))
    InnovationFactory(dossier=trauma, public=True, title="Achtdaagse behandeling", description="Intensief.")
    InnovationFactory(dossier=dossier, public=True, title="Exposure bij dwang", description="Voor mensen met een dwangstoornis.")

    html = page(client, "?q=PTSS")

    assert "Achtdaagse behandeling" in html
    assert "Exposure bij dwang" not in html


def test_the_search_finds_a_word_in_the_items_text_by_its_stem(client, dossier):
    PublicationFactory(dossier=dossier, public=True, title="Wachtlijsten verkorten")
    PublicationFactory(dossier=dossier, public=True, title="Iets anders")

    html = page(client, "?q=wachtlijst")

    assert "Wachtlijsten verkorten" in html
    assert "Iets anders" not in html


def test_unknown_filter_values_are_ignored(client, dossier):
    PublicationFactory(dossier=dossier, public=True, title="Blijft zichtbaar")

    assert "Blijft zichtbaar" in page(client, "?soort=onzin&jaar=abc&afdeling=bestaat-niet&doelgroep=xx&pagina=-1")


def test_the_department_page_has_a_kennis_section_with_its_items(client, dossier):
    PublicationFactory(dossier=dossier, public=True, title="Van deze afdeling")
    other = DossierFactory(department=DepartmentFactory(slug="anders"))
    PublicationFactory(dossier=other, public=True, title="Van een andere afdeling")

    html = department_page(client, dossier.department)

    assert 'id="kennis-kop"' in html
    assert "Van deze afdeling" in html
    assert "Van een andere afdeling" not in html
    assert "/kennis/afdelingen/centrum-dwang/nieuw.atom" in html


def test_the_department_page_says_when_nothing_is_shared(client, dossier):
    assert "Deze afdeling heeft nog geen kennis gedeeld." in department_page(client, dossier.department)


def test_a_department_without_a_dossier_shows_no_items_of_others(client, dossier):
    PublicationFactory(dossier=dossier, public=True, title="Van een afdeling met dossier")
    without = DepartmentFactory(slug="zonder-dossier")

    html = department_page(client, without)

    assert "Deze afdeling heeft nog geen kennis gedeeld." in html
    assert "Van een afdeling met dossier" not in html


def test_the_exports_are_downloads_of_the_public_publications(client, dossier):
    PublicationFactory(dossier=dossier, public=True, title="In de export", doi="10.1/in")
    PublicationFactory(dossier=dossier, public=False, title="Niet in de export")
    PresentationFactory(dossier=dossier, public=True, title="Geen publicatie")

    for url, kind in (("publicaties.bib", "application/x-bibtex"), ("publicaties.ris", "application/x-research-info-systems"),
                      ("publicaties.json", "application/vnd.citationstyles.csl+json")):
        response = client.get(f"/kennis/{url}")
        body = response.content.decode()
        assert response["Content-Type"].startswith(kind)
        assert "attachment" in response["Content-Disposition"]
        assert "In de export" in body and "Niet in de export" not in body and "Geen publicatie" not in body


def test_the_exports_follow_the_search(client, dossier):
    PublicationFactory(dossier=dossier, public=True, title="Artikel 2021", date=datetime.date(2021, 1, 1))
    PublicationFactory(dossier=dossier, public=True, title="Artikel 2024", date=datetime.date(2024, 1, 1))

    body = client.get("/kennis/publicaties.ris?jaar=2024").content.decode()

    assert "Artikel 2024" in body and "Artikel 2021" not in body


def test_the_national_feed_is_atom_with_the_new_items(client, dossier):
    PublicationFactory(dossier=dossier, public=True, title="Nieuw artikel")

    response = client.get("/kennis/nieuw.atom")

    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Nieuw artikel" in response.content.decode()


def test_the_department_feed_holds_only_that_departments_items(client, dossier):
    PublicationFactory(dossier=dossier, public=True, title="Van deze afdeling")
    other = DossierFactory(department=DepartmentFactory(slug="anders"))
    PublicationFactory(dossier=other, public=True, title="Van een andere afdeling")

    body = client.get("/kennis/afdelingen/centrum-dwang/nieuw.atom").content.decode()

    assert "Van deze afdeling" in body and "Van een andere afdeling" not in body
    assert client.get("/kennis/afdelingen/bestaat-niet/nieuw.atom").status_code == 404


def test_the_page_is_available_in_english(client, dossier):
    PublicationFactory(dossier=dossier, public=True, title="Vier dagen ERP")

    html = client.get("/en/kennis/").content.decode()

    assert '<html lang="en"' in html
    assert "Knowledge base" in html


def test_the_dossier_editor_forms_ask_whether_a_record_is_public():
    for kind in ("innovations", "studies", "publications", "presentations", "training_places", "patient_participation"):
        assert "public" in record_form_class(kind).base_fields


def test_the_dossier_editor_forms_of_other_records_do_not():
    for kind in ("staff", "knowledge_transfer", "university_agreements"):
        assert "public" not in record_form_class(kind).base_fields


def _fill(dossier, n):
    for number in range(n):
        study = StudyFactory(dossier=dossier, public=True)
        InnovationFactory(dossier=dossier, public=True, study=study)
        PublicationFactory(dossier=dossier, public=True, doi=f"10.1/{dossier.pk}.{number}")
        PresentationFactory(dossier=dossier, public=True)
        TrainingPlaceFactory(dossier=dossier, public=True)
        PatientParticipationFactory(dossier=dossier, public=True)


def count(client, url):
    client.get(url)  # warm the finder's per-process caches
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url", ["/kennis/", "/kennis/?q=dwang&soort=publicatie", "/kennis/publicaties.bib", "/kennis/nieuw.atom"])
def test_the_number_of_queries_does_not_grow_with_the_items(client, dossier, url):
    _fill(dossier, 1)
    few = count(client, url)
    for _number in range(3):
        _fill(DossierFactory(department=DepartmentFactory()), 4)
    _fill(dossier, 4)

    assert count(client, url) == few


def test_the_department_pages_queries_do_not_grow_with_its_items(client, dossier):
    _fill(dossier, 1)
    url = f"/afdelingen/{dossier.department.slug}/"
    few = count(client, url)
    _fill(dossier, 6)

    assert count(client, url) == few


def test_a_department_without_a_dossier_reads_only_the_dossiers(client, dossier):
    _fill(dossier, 4)
    without = DepartmentFactory(slug="zonder-dossier")
    url = f"/afdelingen/{without.slug}/"
    with_items = count(client, f"/afdelingen/{dossier.department.slug}/")

    # the dossier list, not the six kinds of items, their departments and their target groups
    assert count(client, url) == with_items - 8
