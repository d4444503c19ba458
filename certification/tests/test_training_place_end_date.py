"""A training place's last day: it counts up to and including that day; the day after, its lapse is a
change that starts the compliance clock exactly like a person's end date (issue 14's definitions)."""

import copy
import json
from dataclasses import replace
from datetime import date

import pytest
from django.utils import timezone

from certification.dossier import services as dossier_services
from certification.dossier.db import to_dataclass
from certification.dossier.forms import record_form_class
from certification.dossier.models import Dossier, TrainingPlace
from certification.format.dossier import Occupancy, Training
from certification.format.dossier import TrainingPlace as Place
from certification.format.jsonio import dossier_from_json, dossier_to_json, validation_errors
from certification.rules.report import Verdict
from certification.visitation import compliance
from certification.visitation import compliance_services
from certification.visitation import services as certificate_services
from certification.visitation.models import ComplianceCase
from register.tests.factories import DepartmentFactory

from .builders import PASSING, check, criteria_2019_2022, example, load_json, passing, texts
from .factories import bureau_admin
from .test_command import run  # noqa: F401 - the command as from the command line

FULL = tuple(Occupancy(year=y, occupied=1) for y in (2019, 2020, 2021))


def places_end(*ends):
    """The passing example with its training places ending on ``ends`` (one per place, None: continues)."""
    dossier = example()
    places = tuple(replace(place, end_date=end) for place, end in zip(dossier.training.places, ends, strict=True))
    return replace(dossier, training=replace(dossier.training, places=places))


def failure(failures, number):
    return next(f for f in failures if f.number == number)


# --- the rule --------------------------------------------------------------------------------------


def test_a_training_place_counts_up_to_and_including_its_last_day():
    dossier = passing(training=Training(participation="erkend", places=(Place(discipline="psychiater", occupancy=FULL, end_date=date(2022, 6, 15)),)))
    result = check(dossier, 13)
    assert result.verdict is Verdict.MET
    assert "Opleidingsplaats psychiater: 1 plaats(en); bezetting 2019: 1, 2020: 1, 2021: 1; laatste dag 2022-06-15." in texts(result)


def test_a_training_place_whose_last_day_lies_before_the_visitation_date_does_not_count():
    dossier = passing(training=Training(participation="erkend", places=(Place(discipline="psychiater", occupancy=FULL, end_date=date(2022, 6, 14)),)))
    result = check(dossier, 13)
    assert result.verdict is Verdict.NOT_MET
    assert "Opleidingsplaats 'psychiater' telt niet: de plaats liep af op 2022-06-14." in texts(result)


# --- compliance ------------------------------------------------------------------------------------


def test_the_lapse_of_the_last_training_place_makes_criterion_13_fail_from_the_day_after_its_last_day():
    found = failure(compliance.failures_on(places_end(date(2022, 8, 31), date(2022, 9, 30)), criteria_2019_2022(), date(2022, 10, 15)), 13)
    assert (found.since, found.notification_due, found.recovery_due) == (date(2022, 10, 1), date(2022, 11, 1), date(2023, 4, 1))


def test_the_lapse_of_one_training_place_while_another_continues_is_no_failure():
    assert 13 not in {f.number for f in compliance.failures_on(places_end(date(2022, 8, 31), None), criteria_2019_2022(), date(2022, 10, 15))}


def test_a_training_place_last_day_is_a_change_day():
    assert date(2022, 9, 1) in compliance.change_days(places_end(date(2022, 8, 31), None))


# --- the format --------------------------------------------------------------------------------------


def test_the_json_format_carries_a_training_place_end_date_both_ways():
    data = copy.deepcopy(load_json(PASSING))
    data["training"]["places"][0]["end_date"] = "2022-08-31"
    dossier = dossier_from_json(data)
    assert dossier.training.places[0].end_date == date(2022, 8, 31)
    assert dossier_to_json(dossier)["training"]["places"][0]["end_date"] == "2022-08-31"


def test_the_schema_accepts_a_training_place_end_date_and_refuses_a_malformed_one():
    data = copy.deepcopy(load_json(PASSING))
    data["training"]["places"][0]["end_date"] = "2022-08-31"
    assert validation_errors(data) == []
    data["training"]["places"][0]["end_date"] = "31-08-2022"
    assert validation_errors(data) != []


def test_a_file_without_training_place_end_dates_still_loads_and_exports_without_them():
    dossier = example()
    assert dossier.training.places[0].end_date is None
    assert "end_date" not in dossier_to_json(dossier)["training"]["places"][0]


def test_the_editor_form_of_a_training_place_has_its_last_day():
    assert "end_date" in record_form_class("training_places").base_fields


# --- the platform and the command ------------------------------------------------------------------


@pytest.fixture
def certified(db):
    """Certified since 1 March 2022; its submitted dossier's training places end on 31 August and 30 September 2022."""
    department = DepartmentFactory(status="in_procedure", certified_from=None, certified_until=None)
    bureau = bureau_admin()
    data = copy.deepcopy(load_json(PASSING))
    data["training"]["places"][0]["end_date"] = "2022-08-31"
    data["training"]["places"][1]["end_date"] = "2022-09-30"
    data["department"]["register_slug"] = department.slug
    dossier = dossier_services.import_dossier_json(user=bureau, data=data, department=department)
    Dossier.objects.filter(pk=dossier.pk).update(status=Dossier.Status.SUBMITTED, submitted_at=timezone.now())
    certificate_services.issue_certificate(user=bureau, department_id=department.pk, decided_on=date(2022, 3, 1))
    return department


def test_an_imported_training_place_keeps_its_last_day_in_the_database(certified):
    assert sorted(TrainingPlace.objects.filter(dossier__department=certified).values_list("end_date", flat=True)) == [
        date(2022, 8, 31), date(2022, 9, 30)
    ]
    stored = Dossier.objects.get(department=certified)
    assert [p.end_date for p in to_dataclass(stored).training.places] == [date(2022, 8, 31), date(2022, 9, 30)]


def test_the_daily_run_opens_a_case_when_the_last_training_place_lapses(certified):
    compliance_services.run_daily(today=date(2022, 10, 15))
    case = ComplianceCase.objects.get(department=certified, criterion=13)
    assert (case.since, case.notification_due, case.recovery_due) == (date(2022, 10, 1), date(2022, 11, 1), date(2023, 4, 1))


@pytest.mark.django_db
def test_the_check_command_on_a_date_shows_a_lapsed_training_place(tmp_path, run):
    data = copy.deepcopy(load_json(PASSING))
    data["training"]["places"][0]["end_date"] = "2022-08-31"
    data["training"]["places"][1]["end_date"] = "2022-09-30"
    path = tmp_path / "dossier.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    status, out, _ = run("check", path, "--on", "2022-10-15")
    assert status == 1
    assert "voldoet niet sinds 2022-10-01; melding uiterlijk 2022-11-01; herstel uiterlijk 2023-04-01" in out
