"""Intake registrations: the shared checks, the quarterly CSV (all-or-nothing, row numbers), staff see only their departments."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from accounts.testing import login_verified
from audit.models import AuditEntry
from register.tests.factories import DepartmentFactory
from triage import services
from triage.models import IntakeRegistration, IntakeUpload
from triage.rules.intake import Lookups, check_intake, read_intake_csv, template_csv
from triage.rules.tools import HIGH_SPECIALIST, SPECIALIST
from triage.tests.builders import bureau, intake, person, pure_tool

TODAY = date(2026, 6, 15)
VALID_BSN = "111222333"
LOOKUPS = Lookups(
    target_groups={"psychotrauma": "psychotrauma", "eetstoornissen": "eetstoornissen", "psychotrauma (nl)": "psychotrauma"},
    age_groups={"adults": "adults", "volwassenen": "adults"},
    tools={("proef-dt", 1): pure_tool()},
)
HEADER = "startdatum;doelgroep;leeftijdsgroep;vragenlijst;versie;score;uitkomst_vragenlijst;eigen_criteria;hoogspecialistisch\n"


def read(text: str, quarter=(2026, 1), name="q1.csv"):
    return read_intake_csv(text.encode("utf-8"), source=name, lookups=LOOKUPS, today=TODAY, quarter=quarter)


def errors_of(text: str, **kwargs):
    _rows, errors = read(text, **kwargs)
    return [(e.row, e.column, e.message) for e in errors]


# ------------------------------------------------------------------ the checks (pure)


def test_a_registration_with_a_tool_takes_its_outcome_from_the_score_when_the_score_decides():
    found, errors = check_intake(started_on=date(2026, 2, 1), target_group="psychotrauma", high_specialist=False,
                                 lookups=LOOKUPS, today=TODAY, tool="proef-dt", tool_version=1, score=4)
    assert errors == {} and found.tool_outcome == SPECIALIST


def test_a_score_at_the_high_cut_off_needs_the_outcome_because_the_characteristics_decide():
    _found, errors = check_intake(started_on=date(2026, 2, 1), target_group="psychotrauma", high_specialist=True,
                                  lookups=LOOKUPS, today=TODAY, tool="proef-dt", tool_version=1, score=7)
    assert "hangt de uitkomst af van de kenmerken" in errors["tool_outcome"][0]
    found, errors = check_intake(started_on=date(2026, 2, 1), target_group="psychotrauma", high_specialist=True,
                                 lookups=LOOKUPS, today=TODAY, tool="proef-dt", tool_version=1, score=7, tool_outcome="hoogspecialistisch")
    assert errors == {} and found.tool_outcome == HIGH_SPECIALIST


def test_an_outcome_the_score_cannot_have_is_refused():
    _found, errors = check_intake(started_on=date(2026, 2, 1), target_group="psychotrauma", high_specialist=True,
                                  lookups=LOOKUPS, today=TODAY, tool="proef-dt", tool_version=1, score=2, tool_outcome="hoogspecialistisch")
    assert "Bij score 2 kan de uitkomst niet" in errors["tool_outcome"][0]


def test_an_unknown_tool_version_names_the_versions_there_are():
    _found, errors = check_intake(started_on=date(2026, 2, 1), target_group="psychotrauma", high_specialist=True,
                                  lookups=LOOKUPS, today=TODAY, tool="proef-dt", tool_version=3, score=2)
    assert errors["tool_version"] == ["Vragenlijst 'proef-dt' versie 3 bestaat niet; er zijn versies 1."]


def test_without_a_tool_the_departments_own_criteria_are_required():
    _found, errors = check_intake(started_on=date(2026, 2, 1), target_group="psychotrauma", high_specialist=True,
                                  lookups=LOOKUPS, today=TODAY)
    assert "eigen criteria" in errors["own_criteria"][0]


def test_a_bsn_in_the_own_criteria_is_refused():
    _found, errors = check_intake(started_on=date(2026, 2, 1), target_group="psychotrauma", high_specialist=True,
                                  lookups=LOOKUPS, today=TODAY, own_criteria=f"Patiënt {VALID_BSN}")
    assert "BSN" in errors["own_criteria"][0]


def test_a_start_date_in_the_future_or_outside_the_quarter_is_refused():
    _f, errors = check_intake(started_on=date(2026, 7, 1), target_group="psychotrauma", high_specialist=True,
                              lookups=LOOKUPS, today=TODAY, own_criteria="x")
    assert "toekomst" in errors["started_on"][0]
    _f, errors = check_intake(started_on=date(2026, 4, 1), target_group="psychotrauma", high_specialist=True,
                              lookups=LOOKUPS, today=TODAY, own_criteria="x", quarter=(2026, 1))
    assert errors["started_on"] == ["De startdatum 2026-04-01 valt niet in 2026-Q1 (2026-01-01 tot en met 2026-03-31)."]


# ------------------------------------------------------------------ the CSV file (pure)


def test_the_template_file_reads_without_errors(db):
    from triage.selectors import intake_lookups

    rows, errors = read_intake_csv(template_csv().encode(), source="voorbeeld.csv", lookups=intake_lookups(), today=TODAY)
    assert errors == [] and len(rows) == 2


def test_a_valid_file_gives_one_registration_per_row_with_its_row_number():
    rows, errors = read(HEADER + "2026-01-05;psychotrauma;Volwassenen;proef-dt;1;4;;;nee\n\n05-02-2026;eetstoornissen;;;;;;Eigen criteria;ja\n")
    assert errors == []
    assert [(r.row, r.started_on, r.target_group, r.age_group, r.tool_outcome, r.high_specialist) for r in rows] == [
        (2, date(2026, 1, 5), "psychotrauma", "adults", SPECIALIST, False),
        (4, date(2026, 2, 5), "eetstoornissen", "", "", True),
    ]


def test_every_bad_row_is_reported_with_its_row_number_and_column_and_nothing_is_returned():
    rows, errors = read(
        HEADER
        + "2026-01-05;psychotrauma;;;;;;Eigen;ja\n"
        + "2026-13-01;psychotrauma;;;;;;Eigen;ja\n"
        + "2026-01-06;onbekend;;;;;;Eigen;misschien\n"
        + f"2026-01-07;psychotrauma;;;;;;Eigen {VALID_BSN};ja\n"
    )
    assert rows == []
    found = {(e.row, e.column) for e in errors}
    assert found == {(3, "startdatum"), (4, "hoogspecialistisch"), (5, "eigen_criteria")}
    assert str(errors[0]).startswith("q1.csv, rij 3, kolom startdatum: '2026-13-01' is geen datum")


def test_a_row_whose_values_fail_the_checks_names_the_column():
    assert errors_of(HEADER + "2026-01-06;onbekend;;;;;;Eigen;ja\n") == [
        (2, "doelgroep", "Onbekende doelgroep 'onbekend'. Gebruik een code of naam uit het register.")
    ]


def test_columns_that_could_identify_a_patient_are_refused():
    found = errors_of("startdatum;doelgroep;bsn;hoogspecialistisch\n2026-01-05;psychotrauma;x;ja\n")
    assert found[0][:2] == (1, "bsn")
    assert "herkenbaar" in found[0][2]


def test_a_missing_required_column_is_named():
    assert errors_of("startdatum;doelgroep\n2026-01-05;psychotrauma\n") == [(1, "hoogspecialistisch", "De kolom 'hoogspecialistisch' ontbreekt.")]


def test_english_column_names_and_a_comma_as_separator_are_accepted():
    rows, errors = read("started_on,target_group,own_criteria,high_specialist\n2026-01-05,psychotrauma,Eigen,yes\n")
    assert errors == [] and rows[0].high_specialist is True


@pytest.mark.parametrize(
    "content, name, expected",
    [
        (b"startdatum\n", "q1.xlsx", "Alleen csv-bestanden"),
        ("startdatum;doelgroep\n".encode("utf-16"), "q1.csv", "UTF-8"),
        (HEADER.encode(), "q1.csv", "geen registraties"),
        (b"\n\n" + HEADER.encode(), "q1.csv", "eerste rij moet de kolomnamen"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(content, name, expected):
    _rows, errors = read_intake_csv(content, source=name, lookups=LOOKUPS, today=TODAY, quarter=(2026, 1))
    assert expected in errors[0].message


# ------------------------------------------------------------------ storing (services)


@pytest.fixture
def department(db):
    return DepartmentFactory()


@pytest.fixture
def staff(department):
    return person(Role.DEPARTMENT_EDITOR, departments=[department])


def upload(user, department, text, year=2026, quarter=1, name="q1.csv"):
    return services.upload_intakes(user=user, department_id=department.pk, year=year, quarter=quarter, file_name=name,
                                   content=text.encode("utf-8"), today=TODAY)


def test_an_upload_stores_every_row_and_links_them_to_the_upload(staff, department):
    outcome = upload(staff, department, HEADER + "2026-01-05;psychotrauma;;voorbeeld-hoogspecialistisch;1;10;hoogspecialistisch;;ja\n"
                     "2026-02-05;psychotrauma;;;;;;Eigen;nee\n")
    assert outcome.ok and outcome.upload.rows == 2
    assert list(outcome.upload.registrations.order_by("started_on").values_list("basis", "high_specialist")) == [
        ("tool", True), ("own_criteria", False)]
    assert AuditEntry.objects.filter(action="import", object_type="triage.registration", outcome="success").exists()


def test_an_upload_with_one_bad_row_saves_nothing(staff, department):
    outcome = upload(staff, department, HEADER + "2026-01-05;psychotrauma;;;;;;Eigen;ja\n2026-01-06;psychotrauma;;;;;;;ja\n")
    assert not outcome.ok and [e.row for e in outcome.errors] == [3]
    assert not IntakeRegistration.objects.exists() and not IntakeUpload.objects.exists()


def test_a_new_upload_for_the_same_quarter_replaces_the_previous_one_but_not_the_form_entries(staff, department):
    services.register_intake(user=staff, department_id=department.pk, intake=intake(date(2026, 1, 2)))
    upload(staff, department, HEADER + "2026-01-05;psychotrauma;;;;;;Eigen;ja\n2026-01-06;psychotrauma;;;;;;Eigen;ja\n")
    outcome = upload(staff, department, HEADER + "2026-01-07;psychotrauma;;;;;;Eigen;nee\n", name="q1-verbeterd.csv")
    assert outcome.replaced == 2
    assert IntakeRegistration.objects.count() == 2
    assert IntakeUpload.objects.get().file_name == "q1-verbeterd.csv"


def test_staff_cannot_register_or_upload_for_another_department(staff, department):
    other = DepartmentFactory()
    with pytest.raises(PermissionDenied):
        services.register_intake(user=staff, department_id=other.pk, intake=intake(date(2026, 1, 2)))
    with pytest.raises(PermissionDenied):
        upload(staff, other, HEADER + "2026-01-05;psychotrauma;;;;;;Eigen;ja\n")
    assert AuditEntry.objects.filter(outcome="denied", object_type="triage.registration").count() == 2


def test_a_referrer_cannot_register_intakes(department):
    with pytest.raises(PermissionDenied):
        services.register_intake(user=person(Role.REFERRER), department_id=department.pk, intake=intake(date(2026, 1, 2)))


# ------------------------------------------------------------------ the pages


def test_staff_see_only_their_own_departments_on_the_intake_page(client, staff, department):
    other = DepartmentFactory(name="Andere afdeling")
    login_verified(client, staff)
    page = client.get(reverse("triage:intake")).content.decode()
    assert department.name in page and "Andere afdeling" not in page
    assert client.get(reverse("triage:intake"), {"afdeling": other.pk}).status_code == 404


def test_the_form_registers_one_treatment(client, staff, department):
    login_verified(client, staff)
    response = client.post(reverse("triage:intake_new"), {
        "department": department.pk, "started_on": "2026-03-02", "target_group": "psychotrauma",
        "tool": "voorbeeld-hoogspecialistisch:1", "score": "11", "tool_outcome": "high_specialist", "high_specialist": "ja",
    })
    assert response.status_code == 302
    registration = IntakeRegistration.objects.get()
    assert (registration.basis, registration.score, registration.tool_outcome) == ("tool", 11, "high_specialist")
    assert registration.tool_version.tool.code == "voorbeeld-hoogspecialistisch"


def test_the_form_shows_the_shared_checks_as_field_errors(client, staff, department):
    login_verified(client, staff)
    page = client.post(reverse("triage:intake_new"), {
        "department": department.pk, "started_on": "2026-03-02", "target_group": "psychotrauma", "high_specialist": "ja",
        "own_criteria": f"BSN {VALID_BSN}",
    }).content.decode()
    assert "Er is 1 probleem" in page and 'href="#id_own_criteria"' in page
    assert not IntakeRegistration.objects.exists()


def test_the_form_offers_only_the_users_departments(client, staff, department):
    DepartmentFactory(name="Andere afdeling")
    login_verified(client, staff)
    page = client.get(reverse("triage:intake_new")).content.decode()
    assert "Andere afdeling" not in page


def test_the_upload_page_lists_every_error_with_its_row(client, staff, department):
    login_verified(client, staff)
    file = SimpleUploadedFile("q1.csv", (HEADER + "2026-01-05;onbekend;;;;;;Eigen;ja\n").encode())
    page = client.post(reverse("triage:intake_upload"), {"department": department.pk, "year": 2026, "quarter": 1, "file": file}).content.decode()
    assert "Niets opgeslagen: 1 fout in het bestand" in page
    assert "q1.csv, rij 2, kolom doelgroep" in page


def test_a_registration_from_the_form_can_be_removed_by_its_department(client, staff, department):
    registration = services.register_intake(user=staff, department_id=department.pk, intake=intake(date(2026, 1, 2)))
    login_verified(client, staff)
    assert client.post(reverse("triage:intake_delete", args=[registration.pk])).status_code == 302
    assert not IntakeRegistration.objects.exists()


def test_the_bureau_registers_for_any_department(department):
    registration = services.register_intake(user=bureau(), department_id=department.pk, intake=intake(date(2026, 1, 2)))
    assert registration.department == department
