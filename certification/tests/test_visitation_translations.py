"""The procedure's step labels and the services' messages are marked for translation (Dutch first, English in the .po)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from certification.visitation import procedure as p


def test_a_step_label_is_dutch_by_default_and_english_in_english():
    with translation.override("nl"):
        assert str(p.BY_NAME["grant"].label) == "Bestuur: keurmerk verlenen"
    with translation.override("en"):
        assert str(p.BY_NAME["grant"].label) == "Board: grant the quality mark"


def test_every_step_label_has_an_english_translation():
    with translation.override("en"):
        english = [str(t.label) for t in p.TRANSITIONS]
    with translation.override("nl"):
        dutch = [str(t.label) for t in p.TRANSITIONS]
    assert [e for e, d in zip(english, dutch, strict=True) if e == d] == []


def test_a_refused_transition_says_why_in_the_users_language():
    with translation.override("en"), pytest.raises(p.TransitionRefused, match="is not possible at this stage"):
        p.transition("grant", p.APPLICATION, {p.BUREAU})


def test_team_problems_are_translated():
    with translation.override("en"):
        assert p.team_problems([("chair", True)])[0] == "the team needs 2 × member, not 0"


@pytest.mark.django_db
def test_a_service_message_is_english_for_an_english_user():
    from certification.visitation import review_services

    from .factories import DossierFactory, committee_member

    dossier = DossierFactory()
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        review_services.post(committee_member(dossier), dossier, 4, "question", "  ")
    assert raised.value.message_dict == {"text": ["Write a text first."]}
