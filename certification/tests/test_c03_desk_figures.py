"""Criterion 3 from the consultation desk: the quarter records filled from answered requests, never re-typed.

Visitation on 2022-06-15: criterion 3 reads the quarters entirely within 2021-06-15 t/m 2022-06-14, that is
2021-Q3, 2021-Q4 and 2022-Q1.
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from accounts.testing import login_verified

from audit.models import AuditEntry
from certification.criteria.services import create_criteria_set
from certification.dossier import services
from certification.rules.checker import check_dossier
from certification.dossier.db import to_dataclass
from certification.format.jsonio import dossier_from_json, dossier_to_json
from certification.models import ConsultationQuarter, Dossier
from certification.criteria.selectors import criteria_set_data
from consultation.models import ConsultationRequest
from consultation.tests.builders import desk_department, referrer, staff_of, step, submitted, with_geo

from .factories import ConsultationQuarterFactory, DossierFactory, committee_member, editor_of

UTRECHT_PC4, AMSTERDAM_PC4 = "3511", "1011"  # the department's location is in Utrecht


@pytest.fixture
def desk(db):
    with_geo()
    department = desk_department()
    return department, staff_of(department), referrer()


@pytest.fixture
def dossier(desk):
    return DossierFactory(department=desk[0])


def answered(desk, answered_on, kind="consultation", pc4=UTRECHT_PC4):
    department, staff, person = desk
    request = submitted(person, department, on=answered_on, kind=kind, patient_pc4=pc4)
    return step(staff, request, "answered", answered_on, note="Ons advies is ...")


def fill(dossier, user):
    version = Dossier.objects.get(pk=dossier.pk).version
    return services.fill_consultation_quarters(user=user, dossier_id=dossier.pk, expected_version=version)


def rows(dossier):
    return sorted(
        (r.kind, r.year, r.quarter, r.count, r.supra_regional_share, r.from_desk)
        for r in ConsultationQuarter.objects.filter(dossier=dossier)
    )


def test_the_fill_writes_one_row_per_kind_and_quarter_with_answered_requests(desk, dossier):
    answered(desk, date(2021, 7, 5))
    answered(desk, date(2021, 8, 2))
    answered(desk, date(2022, 1, 10), kind="second_opinion")
    fill(dossier, desk[1])
    assert rows(dossier) == [
        ("consultation", 2021, 3, 2, 0.0, True),
        ("second_opinion", 2022, 1, 1, 0.0, True),
    ]


def test_the_supra_regional_share_is_the_fraction_of_patients_from_outside_the_departments_regions(desk, dossier):
    answered(desk, date(2021, 7, 5), pc4=UTRECHT_PC4)
    answered(desk, date(2021, 7, 6), pc4=AMSTERDAM_PC4)
    answered(desk, date(2021, 7, 7), pc4=AMSTERDAM_PC4)
    answered(desk, date(2021, 7, 8), pc4=AMSTERDAM_PC4)
    fill(dossier, desk[1])
    assert ConsultationQuarter.objects.get(dossier=dossier).supra_regional_share == 0.75


def test_quarters_outside_the_lookback_window_are_not_written(desk, dossier):
    answered(desk, date(2021, 6, 28))  # 2021-Q2 begins before the window
    answered(desk, date(2022, 4, 4))  # 2022-Q2 ends after it
    result = fill(dossier, desk[1])
    assert rows(dossier) == []
    assert result.created == ()


def test_a_fill_reports_what_it_created(desk, dossier):
    answered(desk, date(2021, 10, 4))
    result = fill(dossier, desk[1])
    assert [(q.kind, q.label, q.count) for q in result.created] == [("consultation", "2021-Q4", 1)]
    assert (result.updated, result.kept, result.removed) == ((), (), ())


def test_a_row_typed_by_hand_is_kept_and_reported_with_the_desks_figure(desk, dossier):
    ConsultationQuarterFactory(dossier=dossier, kind="consultation", year=2021, quarter=3, count=12,
                               supra_regional_share=0.25)
    answered(desk, date(2021, 7, 5))
    result = fill(dossier, desk[1])
    assert rows(dossier) == [("consultation", 2021, 3, 12, 0.25, False)]
    assert [(q.label, q.typed_count, q.count) for q in result.kept] == [("2021-Q3", 12, 1)]


def test_desk_rows_are_replaced_on_a_second_fill(desk, dossier):
    answered(desk, date(2021, 7, 5))
    fill(dossier, desk[1])
    answered(desk, date(2021, 9, 6), pc4=AMSTERDAM_PC4)
    result = fill(dossier, desk[1])
    assert rows(dossier) == [("consultation", 2021, 3, 2, 0.5, True)]
    assert [q.label for q in result.updated] == ["2021-Q3"]


def test_a_second_fill_with_nothing_new_leaves_the_rows_unchanged(desk, dossier):
    answered(desk, date(2021, 7, 5))
    fill(dossier, desk[1])
    result = fill(dossier, desk[1])
    assert [q.label for q in result.unchanged] == ["2021-Q3"]
    assert not result.changed


def test_a_desk_row_the_desk_no_longer_counts_is_removed_on_the_next_fill(desk, dossier):
    request = answered(desk, date(2021, 7, 5))
    fill(dossier, desk[1])
    ConsultationRequest.objects.filter(pk=request.pk).delete()
    result = fill(dossier, desk[1])
    assert rows(dossier) == []
    assert [q.label for q in result.removed] == ["2021-Q3"]


def test_a_desk_row_outside_the_window_is_left_alone(desk, dossier):
    ConsultationQuarterFactory(dossier=dossier, kind="consultation", year=2020, quarter=1, count=3,
                               supra_regional_share=0.0, from_desk=True)
    fill(dossier, desk[1])
    assert rows(dossier) == [("consultation", 2020, 1, 3, 0.0, True)]


def test_a_desk_row_changed_by_hand_becomes_a_typed_row_the_next_fill_keeps(desk, dossier):
    answered(desk, date(2021, 7, 5))
    fill(dossier, desk[1])
    row = ConsultationQuarter.objects.get(dossier=dossier)
    services.save_record(user=desk[1], dossier_id=dossier.pk, expected_version=Dossier.objects.get(pk=dossier.pk).version,
                         kind="consultation_quarters", record_id=row.pk, values={"count": 5})
    result = fill(dossier, desk[1])
    assert rows(dossier) == [("consultation", 2021, 3, 5, 0.0, False)]
    assert [q.label for q in result.kept] == ["2021-Q3"]


def test_the_desk_mark_cannot_be_set_through_the_record_service(desk, dossier):
    with pytest.raises(ValidationError) as refused:
        services.save_record(user=desk[1], dossier_id=dossier.pk, expected_version=dossier.version,
                             kind="consultation_quarters",
                             values={"kind": "consultation", "year": 2021, "quarter": 3, "count": 1,
                                     "supra_regional_share": 0, "from_desk": True})
    assert "from_desk" in refused.value.message_dict


def test_new_rows_go_after_the_rows_already_there(desk, dossier):
    typed = ConsultationQuarterFactory(dossier=dossier, kind="second_opinion", year=2021, quarter=4, position=7)
    answered(desk, date(2021, 7, 5))
    fill(dossier, desk[1])
    added = ConsultationQuarter.objects.get(dossier=dossier, from_desk=True)
    assert added.position > typed.position


def test_the_criterion_3_norms_are_met_by_the_filled_figures(desk, dossier):
    answered(desk, date(2021, 7, 5), pc4=AMSTERDAM_PC4)
    answered(desk, date(2022, 1, 10), kind="second_opinion", pc4=AMSTERDAM_PC4)
    fill(dossier, desk[1])
    stored = Dossier.objects.get(pk=dossier.pk)
    result = check_dossier(to_dataclass(stored), criteria_set_data(stored.effective_criteria_set())).result(3)
    assert [(r.effect, r.text) for r in result.reasons] == [
        ("ok", "Consultatie & advies: 2021-Q3: 1 (bovenregionaal 100%)."),
        ("ok", "Second opinions: 2022-Q1: 1 (bovenregionaal 100%)."),
    ]


# ------------------------------------------------------------------ who, and the record of it


def test_an_editor_of_another_department_may_not_fill_the_dossier_and_the_refusal_is_audited(desk, dossier):
    stranger = editor_of(DossierFactory().department)
    with pytest.raises(PermissionDenied):
        fill(dossier, stranger)
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert (entry.actor_id, entry.object_id, entry.outcome) == (str(stranger.pk), str(dossier.pk), "denied")


def test_a_committee_member_may_read_the_dossier_but_not_fill_it(desk, dossier):
    with pytest.raises(PermissionDenied):
        fill(dossier, committee_member(dossier))


def test_a_fill_is_audited_with_what_it_did(desk, dossier):
    answered(desk, date(2021, 7, 5))
    fill(dossier, desk[1])
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert (entry.action, entry.object_type, entry.object_id, entry.outcome) == (
        "update", "certification.dossier", str(dossier.pk), "success"
    )
    assert entry.detail["source"] == "consultation_desk"
    assert (entry.detail["created"], entry.detail["kept"]) == (1, 0)


def test_a_fill_from_a_stale_version_writes_nothing(desk, dossier):
    answered(desk, date(2021, 7, 5))
    with pytest.raises(services.ConcurrentEditError):
        services.fill_consultation_quarters(user=desk[1], dossier_id=dossier.pk, expected_version=dossier.version + 5)
    assert rows(dossier) == []


def test_a_submitted_dossier_is_not_filled(desk, dossier):
    Dossier.objects.filter(pk=dossier.pk).update(status="submitted", submitted_at="2022-05-01T10:00:00Z")
    answered(desk, date(2021, 7, 5))
    with pytest.raises(services.DossierNotEditableError):
        fill(dossier, desk[1])
    assert rows(dossier) == []


# ------------------------------------------------------------------ the JSON format


def test_the_json_format_carries_desk_rows_as_ordinary_quarters(desk, dossier):
    answered(desk, date(2021, 7, 5))
    fill(dossier, desk[1])
    data = dossier_to_json(to_dataclass(Dossier.objects.get(pk=dossier.pk)))
    assert data["consultation"]["quarters"] == [{"quarter": "2021-Q3", "count": 1, "supra_regional_share": 0.0}]
    dossier_from_json(data)  # still valid against the published schema


# ------------------------------------------------------------------ the editor


def criterion_3(dossier) -> str:
    return reverse("certification:criterion", args=[dossier.pk, 3])


def fill_url(dossier) -> str:
    return reverse("certification:fill_from_desk", args=[dossier.pk])


def test_the_criterion_3_page_offers_an_editor_the_fill_button(client, desk, dossier):
    body = login_verified(client, desk[1]).get(criterion_3(dossier)).content.decode()
    assert f'action="{fill_url(dossier)}"' in body
    assert "Vul aan uit de consultatiebalie" in body


def test_a_committee_member_sees_no_fill_button(client, desk, dossier):
    body = login_verified(client, committee_member(dossier)).get(criterion_3(dossier)).content.decode()
    assert "Vul aan uit de consultatiebalie" not in body


def test_the_fill_button_fills_the_records_and_says_what_it_did(client, desk, dossier):
    answered(desk, date(2021, 7, 5))
    as_editor = login_verified(client, desk[1])
    response = as_editor.post(fill_url(dossier), {"version": dossier.version, "terug": 3}, follow=True)
    assert response.redirect_chain[-1][0] == criterion_3(dossier) + "#deel-consultation_quarters"
    body = response.content.decode()
    assert "Aangevuld uit de consultatiebalie (2021-06-15 t/m 2022-06-14): 1 kwartaal toegevoegd." in body
    assert rows(dossier) == [("consultation", 2021, 3, 1, 0.0, True)]


def test_the_fill_button_names_each_row_it_kept(client, desk, dossier):
    ConsultationQuarterFactory(dossier=dossier, kind="consultation", year=2021, quarter=3, count=12)
    answered(desk, date(2021, 7, 5))
    response = login_verified(client, desk[1]).post(fill_url(dossier), {"version": dossier.version}, follow=True)
    body = response.content.decode()
    assert "Consultatie en advies 2021-Q3: u vulde zelf 12 in; die rij blijft staan." in body
    assert "De consultatiebalie telt 1 (bovenregionaal 0%)" in body


def test_the_fill_button_says_so_when_the_desk_counts_nothing(client, desk, dossier):
    response = login_verified(client, desk[1]).post(fill_url(dossier), {"version": dossier.version}, follow=True)
    assert "De consultatiebalie telt geen door deze afdeling beantwoorde" in response.content.decode()


def test_the_fill_button_with_a_stale_version_writes_nothing_and_says_why(client, desk, dossier):
    answered(desk, date(2021, 7, 5))
    response = login_verified(client, desk[1]).post(fill_url(dossier), {"version": dossier.version + 1}, follow=True)
    assert "Iemand anders heeft dit dossier intussen opgeslagen" in response.content.decode()
    assert rows(dossier) == []


def test_the_fill_button_refuses_a_committee_member(client, desk, dossier):
    answered(desk, date(2021, 7, 5))
    response = login_verified(client, committee_member(dossier)).post(fill_url(dossier), {"version": dossier.version})
    assert response.status_code == 403
    assert rows(dossier) == []


def test_the_fill_button_answers_not_found_to_an_editor_of_another_department(client, desk, dossier):
    stranger = editor_of(DossierFactory().department)
    response = login_verified(client, stranger).post(fill_url(dossier), {"version": dossier.version})
    assert response.status_code == 404


def test_the_fill_button_takes_no_get(client, desk, dossier):
    assert login_verified(client, desk[1]).get(fill_url(dossier)).status_code == 405


@pytest.mark.urls("certification.tests.urls_with_desk_inbox")
def test_a_desk_row_is_marked_and_links_to_the_requests_behind_it(client, desk, dossier):
    answered(desk, date(2021, 7, 5))
    fill(dossier, desk[1])
    body = login_verified(client, desk[1]).get(criterion_3(dossier)).content.decode()
    assert "uit de consultatiebalie" in body
    link = f"/consult/inbox/?afdeling={dossier.department_id}&amp;beantwoord=2021-Q3&amp;soort=consultation"
    assert f'href="{link}"' in body


@pytest.mark.urls("certification.tests.urls_with_desk_inbox")
def test_a_row_typed_by_hand_has_no_link_to_the_desk(client, desk, dossier):
    ConsultationQuarterFactory(dossier=dossier, kind="consultation", year=2021, quarter=3, count=12)
    body = login_verified(client, desk[1]).get(criterion_3(dossier)).content.decode()
    assert "zelf ingevuld" in body and "/consult/inbox/" not in body


@pytest.mark.urls("certification.tests.urls_with_desk_inbox")
def test_a_committee_member_sees_the_desk_mark_but_no_link_to_the_requests(client, desk, dossier):
    answered(desk, date(2021, 7, 5))
    fill(dossier, desk[1])
    body = login_verified(client, committee_member(dossier)).get(criterion_3(dossier)).content.decode()
    assert "uit de consultatiebalie" in body and "/consult/inbox/" not in body



def test_in_english_the_button_and_the_message_are_english(client, desk, dossier):
    answered(desk, date(2021, 7, 5))
    as_editor = login_verified(client, desk[1])
    with translation.override("en"):
        page, url = criterion_3(dossier), fill_url(dossier)
    assert "Fill in from the consultation desk" in as_editor.get(page).content.decode()
    response = as_editor.post(url, {"version": dossier.version, "terug": 3}, follow=True)
    assert "Filled in from the consultation desk (2021-06-15 to 2022-06-14): 1 quarter added." in response.content.decode()


def test_the_window_follows_the_lookback_of_the_criteria_sets_norm(desk, dossier):
    import json
    from pathlib import Path

    source = Path(services.__file__).parents[1] / "migrations" / "data" / "criteria_2019_2022.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    for criterion in data["criteria"]:
        for norm in criterion["norms"]:
            if norm["kind"] == "service_quarters" and norm["params"]["service"] == "consultation":
                norm["params"]["lookback_months"] = 24
    Dossier.objects.filter(pk=dossier.pk).update(criteria_set=create_criteria_set(data=data, code="c3-24"))
    answered(desk, date(2020, 8, 3))  # within 24 months of the visitation
    answered(desk, date(2020, 8, 4), kind="second_opinion")  # second opinions still look back 12 months
    fill(dossier, desk[1])
    assert rows(dossier) == [("consultation", 2020, 3, 1, 0.0, True)]
