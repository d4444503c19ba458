"""A triage result carried into a consultation request: prefill values and a summary, only for who may see it."""

import pytest

from accounts.roles import Role
from triage import services
from triage.handoff import handoff_for
from triage.tests.builders import bureau, example_version, person


@pytest.fixture
def result(db):
    user = person(Role.REFERRER)
    found = services.record_result(
        user=user, version_id=example_version().pk, target_group="psychotrauma", age_group="adults", pc4="3511",
        answers={"ernstige_beperkingen": True, "standaardbehandeling_onvoldoende": True, "hoogspecialistisch_aanbod": True,
                 "meerdere_aandoeningen": True, "kan_meedoen": True},
    )
    return user, found


def test_the_handoff_prefills_the_request_and_summarises_the_result(result):
    user, found = result
    handoff = handoff_for(user, str(found.pk))
    assert (handoff.target_group, handoff.age_group, handoff.pc4) == ("psychotrauma", "adults", "3511")
    assert "versie 1, voorbeeld, niet gevalideerd" in handoff.summary
    assert "score 10 van 14" in handoff.summary and "uitkomst: hoogspecialistische ggz" in handoff.summary


def test_the_bureau_gets_the_handoff_but_another_professional_does_not(result):
    _user, found = result
    assert handoff_for(bureau(), found.pk) is not None
    assert handoff_for(person(Role.REFERRER), found.pk) is None


@pytest.mark.parametrize("value", [None, "", "abc", "0", "-3", "99999999999999999999"])
def test_a_bad_or_unknown_id_gives_no_handoff(db, value):
    assert handoff_for(person(Role.REFERRER), value) is None
