"""The professional's pages: the picker, the questionnaire (works without JavaScript) and the result."""

import re

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.testing import login_verified
from audit.models import AuditEntry
from register.models import Offer
from register.search import rebuild_index
from register.tests.factories import DepartmentFactory, LocationFactory, OfferFactory
from triage import services
from triage.models import ToolVersion, TriageResult
from triage.tests.builders import EXAMPLE_CODE, bureau, person, stored_tool

ALL_YES = {"a": "ja", "b": "ja", "c": "ja", "d": "ja"}


@pytest.fixture
def referrer(db, client):
    user = person(Role.REFERRER)
    client.force_login(user)
    return user


def post_answers(client, code="proef-dt", version="1", **fields):
    data = {"versie": version, "doelgroep": "psychotrauma", **fields}
    return client.post(reverse("triage:questionnaire", args=[code]), data)


# ------------------------------------------------------------------ who may use the tools


def test_triage_pages_need_a_log_in(client, db):
    response = client.get(reverse("triage:index"))
    assert response.status_code == 302 and "inloggen" in response.url or "login" in response.url


@pytest.mark.parametrize("role", [Role.ANALYST, Role.COMMITTEE_MEMBER, Role.REGIONAL_COORDINATOR])
def test_roles_that_do_not_treat_patients_cannot_open_a_questionnaire(client, db, role):
    login_verified(client, person(role))
    assert client.get(reverse("triage:questionnaire", args=[EXAMPLE_CODE])).status_code == 404
    assert AuditEntry.objects.filter(outcome="denied", object_type="triage.tool").exists()


def test_the_main_menu_shows_triage_to_professionals_only(client, db):
    client.force_login(person(Role.REFERRER))
    assert 'href="/triage/"' in client.get(reverse("home")).content.decode()
    login_verified(client, person(Role.COMMITTEE_MEMBER))
    assert 'href="/triage/"' not in client.get(reverse("home")).content.decode()


# ------------------------------------------------------------------ picking a tool


def test_the_picker_puts_the_tools_for_the_chosen_target_group_first(referrer, client):
    stored_tool()  # for psychotrauma
    stored_tool(code="eet-dt", name="Eetlijst", target_groups=["eetstoornissen"])
    page = client.get(reverse("triage:index"), {"doelgroep": "psychotrauma"}).content.decode()
    suggested, _sep, others = page.partition("Andere vragenlijsten")
    assert "Proeflijst" in suggested and "Voorbeeld: hoogspecialistische zorgvraag" in suggested  # for every group
    assert "Eetlijst" in others
    assert "Voorbeeld, niet gevalideerd" in page


def test_a_draft_version_and_a_tool_out_of_use_are_not_offered(referrer, client):
    stored_tool(publish=False)
    page = client.get(reverse("triage:index")).content.decode()
    assert "Proeflijst" not in page
    assert client.get(reverse("triage:questionnaire", args=["proef-dt"])).status_code == 404


# ------------------------------------------------------------------ the questionnaire


def test_the_questionnaire_has_a_fieldset_with_a_legend_per_question_and_radio_buttons(referrer, client):
    stored_tool()
    page = client.get(reverse("triage:questionnaire", args=["proef-dt"])).content.decode()
    assert page.count('class="utrecht-form-fieldset topggz-question') == 4
    assert re.search(r"<legend[^>]*><span[^>]*>Vraag 1 van 4</span> Vraag a\?</legend>", page)
    assert page.count('type="radio" name="vraag_a"') == 3
    assert 'aria-describedby="id_vraag_d_helptext"' in page and "Uitleg bij d." in page
    assert '<input type="hidden" name="versie" value="1">' in page


def test_unanswered_questions_get_an_error_summary_that_links_to_each_and_nothing_is_stored(referrer, client):
    stored_tool()
    response = post_answers(client, vraag_a="ja", vraag_b="nee")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Fout:" in page
    assert 'role="alert"' in page and "Er zijn 2 problemen" in page
    assert 'href="#id_vraag_c_0"' in page and 'href="#id_vraag_d_0"' in page
    assert 'id="id_vraag_c_error"' in page
    assert 'value="ja" id="id_vraag_a_0" checked' in page  # what was given stays
    assert not TriageResult.objects.exists()


def test_a_postcode_that_is_not_four_digits_is_refused(referrer, client):
    stored_tool()
    page = post_answers(client, postcode="35a1", **{f"vraag_{k}": v for k, v in ALL_YES.items()}).content.decode()
    assert "Vul 4 cijfers in" in page
    assert not TriageResult.objects.exists()


def test_complete_answers_are_scored_stored_and_shown(referrer, client):
    stored_tool()
    response = post_answers(client, leeftijd="adults", postcode="3511", **{f"vraag_{k}": v for k, v in ALL_YES.items()})
    result = TriageResult.objects.get()
    assert response.url == reverse("triage:result", args=[result.pk])
    assert (result.score, result.outcome, result.pc4) == (10, "high_specialist", "3511")
    assert result.answers == {"a": True, "b": True, "c": True, "d": True}
    assert result.characteristics_met == ["severe_complex_rare", "insufficient_benefit", "expected_benefit"]
    assert AuditEntry.objects.filter(action="create", object_type="triage.result", object_id=str(result.pk)).exists()


def test_dont_know_answers_are_stored_as_open_and_the_result_says_what_to_find_out(referrer, client):
    stored_tool()
    post_answers(client, vraag_a="weet-niet", vraag_b="ja", vraag_c="ja", vraag_d="ja")
    result = TriageResult.objects.get()
    assert result.outcome == "undetermined" and result.answers["a"] is None
    page = client.get(reverse("triage:result", args=[result.pk])).content.decode()
    assert "Nog niet te bepalen" in page
    assert "tussen ‘Specialistische ggz’ en ‘Hoogspecialistische ggz’" in page
    assert "Weet ik niet" in page


# ------------------------------------------------------------------ the result


@pytest.fixture
def matching_department(db):
    department = DepartmentFactory(name="Traumacentrum Noord", target_groups=["psychotrauma"], age_groups=["adults"])
    OfferFactory(department=department, kind=Offer.Kind.CONSULTATION)
    LocationFactory(department=department)
    other = DepartmentFactory(name="Eetcentrum Zuid", target_groups=["eetstoornissen"])
    LocationFactory(department=other)
    rebuild_index()
    return department


def test_the_result_shows_score_outcome_characteristics_and_the_matching_departments_as_finder_cards(referrer, client, matching_department):
    version = stored_tool()
    result = services.record_result(user=referrer, version_id=version.pk, answers={"a": True, "b": True, "c": True, "d": False},
                                    target_group="psychotrauma", age_group="adults")
    page = client.get(reverse("triage:result", args=[result.pk])).content.decode()
    assert "Hoogspecialistische ggz" in page
    assert "Score: 6 van de 10 punten." in page
    assert page.count("topggz-state--met") == 3
    assert 'class="topggz-hit"' in page and "Traumacentrum Noord" in page
    assert "Eetcentrum Zuid" not in page
    assert "/zoeken/?doelgroep=psychotrauma&amp;leeftijd=adults" in page or "doelgroep=psychotrauma&amp;leeftijd=adults" in page
    assert f'href="/consult/nieuw/?triage={result.pk}"' in page


def test_a_capped_result_explains_that_a_characteristic_is_missing(referrer, client, db):
    version = stored_tool()
    result = services.record_result(user=referrer, version_id=version.pk, answers={"a": False, "b": True, "c": False, "d": True},
                                    target_group="psychotrauma")
    page = client.get(reverse("triage:result", args=[result.pk])).content.decode()
    assert "maar de patiënt voldoet niet aan alle drie de kenmerken" in page
    assert page.count("topggz-state--not_met") == 2


def test_no_specialist_care_shows_no_departments(referrer, client, matching_department):
    version = stored_tool()
    result = services.record_result(user=referrer, version_id=version.pk, answers=dict.fromkeys("abcd", False), target_group="psychotrauma")
    page = client.get(reverse("triage:result", args=[result.pk])).content.decode()
    assert "huisarts" in page and "Traumacentrum Noord" not in page


def test_someone_elses_result_answers_404_and_the_refusal_is_audited(client, db):
    version = ToolVersion.objects.get(tool__code=EXAMPLE_CODE)
    result = services.record_result(user=person(), version_id=version.pk, answers={})
    client.force_login(person())
    assert client.get(reverse("triage:result", args=[result.pk])).status_code == 404
    assert AuditEntry.objects.filter(outcome="denied", object_type="triage.result", object_id=str(result.pk)).exists()


def test_the_bureau_may_read_a_result_and_that_read_is_audited(client, db):
    version = ToolVersion.objects.get(tool__code=EXAMPLE_CODE)
    result = services.record_result(user=person(), version_id=version.pk, answers={})
    login_verified(client, bureau())
    assert client.get(reverse("triage:result", args=[result.pk])).status_code == 200
    assert AuditEntry.objects.filter(action="read", object_type="triage.result", object_id=str(result.pk)).exists()


def test_the_pages_are_translated_into_english(referrer, client):
    stored_tool()
    page = client.get("/en" + reverse("triage:questionnaire", args=["proef-dt"])).content.decode()
    assert "Question 1 of 4" in page and "I don't know" in page
