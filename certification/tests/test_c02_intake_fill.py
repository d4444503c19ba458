"""Criterion 2 from the intake registrations: the quarter records filled from started treatments, never re-typed.

Visitation on 2022-06-15: criterion 2 reads the quarters entirely within 2021-06-15 t/m 2022-06-14, that is
2021-Q3, 2021-Q4 and 2022-Q1. Registrations are made through triage's services, as a department's form or
quarterly upload would.
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from accounts.testing import login_verified
from audit.models import AuditEntry
from certification.criteria.services import create_criteria_set
from certification.dossier import services
from certification.rules.checker import check_dossier
from certification.dossier.db import to_dataclass
from certification.format.jsonio import dossier_from_json, dossier_to_json
from certification.models import Dossier, TreatmentQuarter
from certification.criteria.selectors import criteria_set_data
from triage import services as triage_services
from triage.models import IntakeRegistration
from triage.tests.builders import intake, person

from .factories import DossierFactory, committee_member, editor_of


@pytest.fixture
def dossier(db):
    return DossierFactory()


@pytest.fixture
def editor(dossier):
    return editor_of(dossier.department)


def started(dossier, day, high=True):
    staff = person(Role.BUREAU_ADMIN)
    return triage_services.register_intake(user=staff, department_id=dossier.department_id, intake=intake(day, high=high))


def fill(dossier, user):
    version = Dossier.objects.get(pk=dossier.pk).version
    return services.fill_treatment_quarters(user=user, dossier_id=dossier.pk, expected_version=version)


def rows(dossier):
    return sorted(
        (r.year, r.quarter, r.started, r.high_specialist, r.from_intake) for r in TreatmentQuarter.objects.filter(dossier=dossier)
    )


def typed(dossier, year, quarter, started_count, high, position=0):
    return TreatmentQuarter.objects.create(dossier=dossier, year=year, quarter=quarter, started=started_count,
                                           high_specialist=high, position=position)


def test_the_fill_writes_one_row_per_quarter_with_started_treatments(dossier, editor):
    started(dossier, date(2021, 7, 5))
    started(dossier, date(2021, 8, 2), high=False)
    started(dossier, date(2022, 1, 10))
    fill(dossier, editor)
    assert rows(dossier) == [(2021, 3, 2, 1, True), (2022, 1, 1, 1, True)]


def test_quarters_outside_the_lookback_window_are_not_written(dossier, editor):
    started(dossier, date(2021, 6, 28))  # 2021-Q2 begins before the window
    started(dossier, date(2022, 4, 4))  # 2022-Q2 ends after it
    result = fill(dossier, editor)
    assert rows(dossier) == [] and result.created == ()


def test_another_departments_registrations_do_not_count(dossier, editor):
    from register.tests.factories import DepartmentFactory

    triage_services.register_intake(user=person(Role.BUREAU_ADMIN), department_id=DepartmentFactory().pk,
                                    intake=intake(date(2021, 7, 5)))
    assert fill(dossier, editor).created == ()


def test_a_fill_reports_what_it_created(dossier, editor):
    started(dossier, date(2021, 10, 4))
    result = fill(dossier, editor)
    assert [(q.label, q.started, q.high_specialist) for q in result.created] == [("2021-Q4", 1, 1)]
    assert (result.updated, result.kept, result.removed) == ((), (), ())


def test_a_row_typed_by_hand_is_kept_and_reported_with_the_registrations_figures(dossier, editor):
    typed(dossier, 2021, 3, 12, 7)
    started(dossier, date(2021, 7, 5))
    result = fill(dossier, editor)
    assert rows(dossier) == [(2021, 3, 12, 7, False)]
    assert [(q.label, q.typed, q.started, q.high_specialist) for q in result.kept] == [("2021-Q3", (12, 7), 1, 1)]


def test_filled_rows_are_replaced_on_a_second_fill(dossier, editor):
    started(dossier, date(2021, 7, 5))
    fill(dossier, editor)
    started(dossier, date(2021, 9, 6), high=False)
    result = fill(dossier, editor)
    assert rows(dossier) == [(2021, 3, 2, 1, True)]
    assert [q.label for q in result.updated] == ["2021-Q3"]


def test_a_second_fill_with_nothing_new_leaves_the_rows_unchanged(dossier, editor):
    started(dossier, date(2021, 7, 5))
    fill(dossier, editor)
    result = fill(dossier, editor)
    assert [q.label for q in result.unchanged] == ["2021-Q3"] and not result.changed


def test_a_filled_row_without_registrations_any_more_is_removed_on_the_next_fill(dossier, editor):
    registration = started(dossier, date(2021, 7, 5))
    fill(dossier, editor)
    IntakeRegistration.objects.filter(pk=registration.pk).delete()
    result = fill(dossier, editor)
    assert rows(dossier) == [] and [q.label for q in result.removed] == ["2021-Q3"]


def test_a_filled_row_outside_the_window_is_left_alone(dossier, editor):
    TreatmentQuarter.objects.create(dossier=dossier, year=2020, quarter=1, started=3, high_specialist=2, from_intake=True)
    fill(dossier, editor)
    assert rows(dossier) == [(2020, 1, 3, 2, True)]


def test_a_filled_row_changed_by_hand_becomes_a_typed_row_the_next_fill_keeps(dossier, editor):
    started(dossier, date(2021, 7, 5))
    fill(dossier, editor)
    row = TreatmentQuarter.objects.get(dossier=dossier)
    services.save_record(user=editor, dossier_id=dossier.pk, expected_version=Dossier.objects.get(pk=dossier.pk).version,
                         kind="treatment_quarters", record_id=row.pk, values={"started": 5})
    result = fill(dossier, editor)
    assert rows(dossier) == [(2021, 3, 5, 1, False)]
    assert [q.label for q in result.kept] == ["2021-Q3"]


def test_the_intake_mark_cannot_be_set_through_the_record_service(dossier, editor):
    with pytest.raises(ValidationError) as refused:
        services.save_record(user=editor, dossier_id=dossier.pk, expected_version=dossier.version, kind="treatment_quarters",
                             values={"year": 2021, "quarter": 3, "started": 1, "high_specialist": 1, "from_intake": True})
    assert "from_intake" in refused.value.message_dict


def test_criterion_2_is_checked_on_the_filled_figures(dossier, editor):
    for day in range(1, 5):
        started(dossier, date(2021, 10, day), high=day <= 2)  # 2 of 4: exactly half
    fill(dossier, editor)
    stored = Dossier.objects.get(pk=dossier.pk)
    result = check_dossier(to_dataclass(stored), criteria_set_data(stored.effective_criteria_set())).result(2)
    reasons = [(r.effect, r.text) for r in result.reasons]
    assert ("ok", "2 van de 4 gestarte behandelingen (50%) hadden een hoogspecialistische zorgvraag (2021-Q4: 2 van 4); "
                  "norm: minstens 50%.") in reasons
    assert ("ok", "Onderbouwing aanwezig: 2b gestarte behandelingen per kwartaal.") in reasons


# ------------------------------------------------------------------ who, and the record of it


def test_an_editor_of_another_department_may_not_fill_the_dossier_and_the_refusal_is_audited(dossier):
    stranger = editor_of(DossierFactory().department)
    with pytest.raises(PermissionDenied):
        fill(dossier, stranger)
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert (entry.actor_id, entry.object_id, entry.outcome) == (str(stranger.pk), str(dossier.pk), "denied")


def test_a_committee_member_may_read_the_dossier_but_not_fill_it(dossier):
    with pytest.raises(PermissionDenied):
        fill(dossier, committee_member(dossier))


def test_a_fill_is_audited_with_what_it_did(dossier, editor):
    started(dossier, date(2021, 7, 5))
    fill(dossier, editor)
    entry = AuditEntry.objects.filter(object_type="certification.dossier").order_by("-sequence").first()
    assert (entry.action, entry.object_id, entry.outcome) == ("update", str(dossier.pk), "success")
    assert entry.detail["source"] == "intake_registrations"
    assert (entry.detail["created"], entry.detail["kept"]) == (1, 0)


def test_a_fill_from_a_stale_version_writes_nothing(dossier, editor):
    started(dossier, date(2021, 7, 5))
    with pytest.raises(services.ConcurrentEditError):
        services.fill_treatment_quarters(user=editor, dossier_id=dossier.pk, expected_version=dossier.version + 5)
    assert rows(dossier) == []


def test_a_submitted_dossier_is_not_filled(dossier, editor):
    Dossier.objects.filter(pk=dossier.pk).update(status="submitted", submitted_at="2022-05-01T10:00:00Z")
    started(dossier, date(2021, 7, 5))
    with pytest.raises(services.DossierNotEditableError):
        fill(dossier, editor)
    assert rows(dossier) == []


def test_the_json_format_carries_filled_rows_as_ordinary_quarters(dossier, editor):
    started(dossier, date(2021, 7, 5))
    fill(dossier, editor)
    data = dossier_to_json(to_dataclass(Dossier.objects.get(pk=dossier.pk)))
    assert data["patients"]["treatments_started"] == [{"quarter": "2021-Q3", "started": 1, "high_specialist": 1}]
    dossier_from_json(data)


# ------------------------------------------------------------------ the editor


def criterion_2(dossier) -> str:
    return reverse("certification:criterion", args=[dossier.pk, 2])


def fill_url(dossier) -> str:
    return reverse("certification:fill_from_intake", args=[dossier.pk])


def test_the_criterion_2_page_offers_an_editor_the_fill_button(client, dossier, editor):
    body = login_verified(client, editor).get(criterion_2(dossier)).content.decode()
    assert f'action="{fill_url(dossier)}"' in body
    assert "Vul aan uit de intakeregistratie" in body


def test_a_committee_member_sees_no_fill_button(client, dossier):
    body = login_verified(client, committee_member(dossier)).get(criterion_2(dossier)).content.decode()
    assert "Vul aan uit de intakeregistratie" not in body


def test_the_fill_button_fills_the_records_and_says_what_it_did(client, dossier, editor):
    started(dossier, date(2021, 7, 5))
    response = login_verified(client, editor).post(fill_url(dossier), {"version": dossier.version, "terug": 2}, follow=True)
    assert response.redirect_chain[-1][0] == criterion_2(dossier) + "#deel-treatment_quarters"
    assert "Aangevuld uit de intakeregistratie (2021-06-15 t/m 2022-06-14): 1 kwartaal toegevoegd." in response.content.decode()
    assert rows(dossier) == [(2021, 3, 1, 1, True)]


def test_the_fill_button_names_each_row_it_kept(client, dossier, editor):
    typed(dossier, 2021, 3, 12, 7)
    started(dossier, date(2021, 7, 5))
    body = login_verified(client, editor).post(fill_url(dossier), {"version": dossier.version}, follow=True).content.decode()
    assert "2021-Q3: u vulde zelf 7 van 12 in; die rij blijft staan. De intakeregistratie telt 1 van 1." in body


def test_the_fill_button_says_so_when_nothing_is_registered(client, dossier, editor):
    body = login_verified(client, editor).post(fill_url(dossier), {"version": dossier.version}, follow=True).content.decode()
    assert "Er zijn geen gestarte behandelingen van deze afdeling geregistreerd" in body


def test_the_fill_button_with_a_stale_version_writes_nothing_and_says_why(client, dossier, editor):
    started(dossier, date(2021, 7, 5))
    body = login_verified(client, editor).post(fill_url(dossier), {"version": dossier.version + 1}, follow=True).content.decode()
    assert "Iemand anders heeft dit dossier intussen opgeslagen" in body
    assert rows(dossier) == []


def test_the_fill_button_refuses_a_committee_member(client, dossier):
    started(dossier, date(2021, 7, 5))
    response = login_verified(client, committee_member(dossier)).post(fill_url(dossier), {"version": dossier.version})
    assert response.status_code == 403 and rows(dossier) == []


def test_the_fill_button_answers_not_found_to_an_editor_of_another_department(client, dossier):
    stranger = editor_of(DossierFactory().department)
    assert login_verified(client, stranger).post(fill_url(dossier), {"version": dossier.version}).status_code == 404


def test_the_fill_button_takes_no_get(client, dossier, editor):
    assert login_verified(client, editor).get(fill_url(dossier)).status_code == 405


def test_a_filled_row_is_marked_and_links_to_the_registrations_behind_it(client, dossier, editor):
    started(dossier, date(2021, 7, 5))
    fill(dossier, editor)
    body = login_verified(client, editor).get(criterion_2(dossier)).content.decode()
    assert "uit de intakeregistratie" in body
    assert f'href="/triage/intake/?afdeling={dossier.department_id}&amp;kwartaal=2021-Q3"' in body


def test_the_link_leads_to_exactly_the_registrations_counted(client, dossier, editor):
    started(dossier, date(2021, 7, 5))
    started(dossier, date(2021, 9, 30), high=False)
    started(dossier, date(2021, 10, 1))  # the next quarter
    fill(dossier, editor)
    page = login_verified(client, editor).get(f"/triage/intake/?afdeling={dossier.department_id}&kwartaal=2021-Q3")
    listed = page.context["page"].object_list
    assert sorted(r.started_on.isoformat() for r in listed) == ["2021-07-05", "2021-09-30"]


def test_a_row_typed_by_hand_has_no_link_to_the_registrations(client, dossier, editor):
    typed(dossier, 2021, 3, 12, 7)
    body = login_verified(client, editor).get(criterion_2(dossier)).content.decode()
    assert "zelf ingevuld" in body and "/triage/intake/" not in body


def test_a_committee_member_sees_the_intake_mark_but_no_link_to_the_registrations(client, dossier, editor):
    started(dossier, date(2021, 7, 5))
    fill(dossier, editor)
    body = login_verified(client, committee_member(dossier)).get(criterion_2(dossier)).content.decode()
    assert "uit de intakeregistratie" in body and "/triage/intake/" not in body


def test_in_english_the_button_and_the_message_are_english(client, dossier, editor):
    started(dossier, date(2021, 7, 5))
    as_editor = login_verified(client, editor)
    with translation.override("en"):
        page, url = criterion_2(dossier), fill_url(dossier)
    assert "Fill in from the intake registrations" in as_editor.get(page).content.decode()
    response = as_editor.post(url, {"version": dossier.version, "terug": 2}, follow=True)
    assert "Filled in from the intake registrations (2021-06-15 to 2022-06-14): 1 quarter added." in response.content.decode()


def test_the_window_follows_the_lookback_of_the_criteria_sets_norm(dossier, editor):
    import json
    from pathlib import Path

    source = Path(services.__file__).parents[1] / "migrations" / "data" / "criteria_2019_2022.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    for criterion in data["criteria"]:
        for norm in criterion["norms"]:
            if norm["kind"] == "high_specialist_share":
                norm["params"]["lookback_months"] = 24
    Dossier.objects.filter(pk=dossier.pk).update(criteria_set=create_criteria_set(data=data, code="c2-24"))
    started(dossier, date(2020, 8, 3))  # within 24 months of the visitation
    fill(dossier, editor)
    assert rows(dossier) == [(2020, 3, 1, 1, True)]
