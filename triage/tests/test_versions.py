"""Versions: a published version never changes, a change is a new version, and a result keeps its version."""

import pytest
from django.db import transaction
from django.urls import reverse

from accounts.testing import login_verified
from register.models import TargetGroup
from triage import services
from triage.models import Item, PublishedVersionError, ToolVersion
from triage.rules.tools import HIGH_SPECIALIST, SPECIALIST
from triage.selectors import tool_data
from triage.tests.builders import bureau, person, stored_tool

YES_ABC = {"a": True, "b": True, "c": True, "d": False}  # 6 points, all three characteristics


@pytest.fixture
def published(db):
    return stored_tool()


def test_a_published_version_refuses_to_change(published):
    published.name = "Anders"
    with pytest.raises(PublishedVersionError):
        published.save()


def test_the_items_of_a_published_version_refuse_to_change_or_go(published):
    item = published.items.get(key="a")
    item.weight = 5
    with pytest.raises(PublishedVersionError):
        item.save()
    with pytest.raises(PublishedVersionError):
        item.delete()
    with pytest.raises(PublishedVersionError):
        Item.objects.create(version=published, key="e", question="Nieuw?", weight=1)


def test_the_target_groups_of_a_published_version_refuse_to_change(published):
    autism = TargetGroup.objects.get(code="autisme")
    with pytest.raises(PublishedVersionError), transaction.atomic():
        published.target_groups.add(autism)
    with pytest.raises(PublishedVersionError), transaction.atomic():
        published.target_groups.clear()
    with pytest.raises(PublishedVersionError), transaction.atomic():
        autism.triage_tools.add(published)
    assert list(published.target_groups.values_list("code", flat=True)) == ["psychotrauma"]


def test_a_new_draft_copies_the_version_and_can_be_edited(published):
    draft = services.new_draft(user=bureau(), version_id=published.pk)
    assert draft.number == 2 and not draft.is_published
    assert tool_data(draft).items == tool_data(published).items
    item = draft.items.get(key="a")
    item.weight = 5
    item.save()
    assert published.items.get(key="a").weight == 1


def test_asking_twice_for_a_new_draft_gives_the_same_draft(published):
    user = bureau()
    first = services.new_draft(user=user, version_id=published.pk)
    assert services.new_draft(user=user, version_id=published.pk).pk == first.pk


def test_a_draft_is_published_only_when_its_rules_hold(published):
    user = bureau()
    draft = services.new_draft(user=user, version_id=published.pk)
    ToolVersion.objects.filter(pk=draft.pk).update(high_specialist_cutoff=99)
    with pytest.raises(services.CannotPublish) as refused:
        services.publish(user=user, version_id=draft.pk)
    assert refused.value.problems[0][0] == "$.cutoffs.high_specialist"
    ToolVersion.objects.filter(pk=draft.pk).update(high_specialist_cutoff=6)
    assert services.publish(user=user, version_id=draft.pk).is_published


def test_a_result_keeps_its_version_and_outcome_after_the_tool_changes(published):
    user = person()
    result = services.record_result(user=user, version_id=published.pk, answers=YES_ABC, target_group="psychotrauma")
    assert (result.score, result.outcome) == (6, HIGH_SPECIALIST)

    editor = bureau()
    draft = services.new_draft(user=editor, version_id=published.pk)
    draft.high_specialist_cutoff = 8  # the same answers now fall short
    draft.save()
    services.publish(user=editor, version_id=draft.pk)

    result.refresh_from_db()
    assert result.version_id == published.pk
    assert (result.score, result.outcome) == (6, HIGH_SPECIALIST)
    again = services.record_result(user=user, version_id=draft.pk, answers=YES_ABC)
    assert again.outcome == SPECIALIST


def test_the_result_page_names_its_version_and_says_a_newer_one_exists(published, client):
    user = person()
    result = services.record_result(user=user, version_id=published.pk, answers=YES_ABC, target_group="psychotrauma")
    editor = bureau()
    draft = services.new_draft(user=editor, version_id=published.pk)
    services.publish(user=editor, version_id=draft.pk)
    client.force_login(user)
    page = client.get(reverse("triage:result", args=[result.pk])).content.decode()
    assert "met versie 1 van de vragenlijst" in page
    assert "nieuwere versie (2)" in page


def test_answers_to_the_form_of_version_1_are_scored_with_version_1_after_version_2_is_published(published, client):
    user = person()
    client.force_login(user)
    editor = bureau()
    draft = services.new_draft(user=editor, version_id=published.pk)
    draft.high_specialist_cutoff = 8
    draft.save()
    services.publish(user=editor, version_id=draft.pk)
    response = client.post(
        reverse("triage:questionnaire", args=["proef-dt"]),
        {"versie": "1", "doelgroep": "psychotrauma", "vraag_a": "ja", "vraag_b": "ja", "vraag_c": "ja", "vraag_d": "nee"},
    )
    result = user.triage_results.get()
    assert response.status_code == 302
    assert (result.version.number, result.outcome) == (1, HIGH_SPECIALIST)


def test_a_version_with_results_cannot_be_deleted_in_the_admin(published, client):
    user = bureau()
    draft = services.new_draft(user=user, version_id=published.pk)
    login_verified(client, user)
    assert client.post(reverse("admin:triage_toolversion_delete", args=[published.pk]), {"post": "yes"}).status_code == 403
    assert client.post(reverse("admin:triage_toolversion_delete", args=[draft.pk]), {"post": "yes"}).status_code == 302
    assert not ToolVersion.objects.filter(pk=draft.pk).exists()


def test_the_admin_shows_a_published_version_read_only_and_makes_a_new_version_from_it(published, client):
    user = bureau()
    login_verified(client, user)
    change = reverse("admin:triage_toolversion_change", args=[published.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert "Nieuwe versie maken" in page.content.decode()
    client.post(change, {"name": "Anders"})
    published.refresh_from_db()
    assert published.name == "Proeflijst"
    response = client.post(reverse("admin:triage_toolversion_new", args=[published.pk]))
    draft = ToolVersion.objects.get(tool=published.tool, number=2)
    assert response.url == reverse("admin:triage_toolversion_change", args=[draft.pk])
    response = client.post(reverse("admin:triage_toolversion_publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.is_published


def test_the_admin_imports_and_exports_tools_as_json(db, client):
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    from triage.tests.builders import tool_dict

    login_verified(client, bureau())
    upload = SimpleUploadedFile("lijst.json", json.dumps({"tools": [tool_dict(code="uit-bestand")]}).encode())
    page = client.post(reverse("admin:triage_tool_import"), {"file": upload, "publish": "on"})
    assert "De import is opgeslagen" in page.content.decode()
    exported = json.loads(client.get(reverse("admin:triage_tool_export")).content)
    assert {t["code"] for t in exported["tools"]} == {"uit-bestand", "voorbeeld-hoogspecialistisch"}

    bad = SimpleUploadedFile("fout.json", b'{"tools": [{"code": "x"}]}')
    page = client.post(reverse("admin:triage_tool_import"), {"file": bad}).content.decode()
    assert "Er is niets opgeslagen" in page
    assert "$.tools[0].name: verplicht veld ontbreekt" in page
