import pytest
from django.urls import reverse

from certification.models import CriteriaSet, Criterion

pytestmark = pytest.mark.django_db


def seeded():
    return CriteriaSet.objects.get(code="2019-2022")


@pytest.mark.parametrize(
    "url",
    [
        lambda: reverse("admin:certification_criteriaset_changelist"),
        lambda: reverse("admin:certification_criteriaset_change", args=[seeded().pk]),
        lambda: reverse("admin:certification_criterion_changelist"),
        lambda: reverse("admin:certification_criterion_change", args=[seeded().criteria.get(number=10).pk]),
        lambda: reverse("admin:certification_criteriaset_history", args=[seeded().pk]),
    ],
)
def test_the_bureau_maintains_criteria_sets_in_the_admin(admin_client, url):
    assert admin_client.get(url()).status_code == 200


def test_the_criterion_page_lists_the_kinds_of_norms_the_checker_knows(admin_client):
    page = admin_client.get(reverse("admin:certification_criterion_change", args=[seeded().criteria.get(number=10).pk]))
    assert "<code>publications</code>" in page.content.decode()
    assert "min_publications" in page.content.decode()


def test_the_copy_action_makes_an_unpublished_draft_of_a_set(admin_client):
    response = admin_client.post(
        reverse("admin:certification_criteriaset_changelist"),
        {"action": "copy_sets", "_selected_action": [seeded().pk]},
        follow=True,
    )
    assert response.status_code == 200
    copy = CriteriaSet.objects.get(code="2019-2022-kopie")
    assert not copy.published
    assert copy.criteria.count() == 14


def test_the_admin_refuses_a_norm_the_checker_cannot_run(admin_client):
    criterion = seeded().criteria.get(number=5)
    url = reverse("admin:certification_criterion_change", args=[criterion.pk])
    data = {
        "criteria_set": criterion.criteria_set_id,
        "number": 5,
        "title": criterion.title,
        "text": criterion.text,
        "evidence_text": criterion.evidence_text,
        "required_evidence": '["innovation_details"]',
        "norms": '[{"kind": "innovations_with_design", "params": {"min_innovations": "twee"}}]',
        "review_points": "[]",
        "sub_items-TOTAL_FORMS": 0,
        "sub_items-INITIAL_FORMS": 0,
        "sub_items-MIN_NUM_FORMS": 0,
        "sub_items-MAX_NUM_FORMS": 1000,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200  # the form comes back with the error
    assert "parameter min_innovations: moet een geheel getal zijn, niet tekst" in response.content.decode()
    assert Criterion.objects.get(pk=criterion.pk).norms == [
        {"kind": "innovations_with_design", "params": {"min_innovations": 2}}
    ]
