import pytest
from django.urls import reverse

MODELS = ["province", "healthregion", "municipality", "postcodearea"]


@pytest.mark.parametrize("model", MODELS)
def test_each_admin_list_names_the_source_cbs_pdok(admin_client, geo_data, model):
    response = admin_client.get(reverse(f"admin:geo_{model}_changelist"))

    assert response.status_code == 200
    assert "Bron: CBS / PDOK" in response.content.decode()


def test_municipalities_can_be_searched_by_name_in_the_admin(admin_client, geo_data):
    response = admin_client.get(reverse("admin:geo_municipality_changelist"), {"q": "utrecht"})

    rows = [m.code for m in response.context["cl"].result_list]
    assert "GM0344" in rows
    assert "GM0363" not in rows


def test_health_regions_can_be_filtered_by_kind_in_the_admin(admin_client, geo_data):
    response = admin_client.get(reverse("admin:geo_healthregion_changelist"), {"kind__exact": "ggd"})

    assert response.context["cl"].result_count == 25


def test_a_municipality_detail_page_is_read_only_and_names_the_source(admin_client, geo_data):
    response = admin_client.get(reverse("admin:geo_municipality_change", args=["GM0344"]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Bron: CBS / PDOK" in content
    assert 'name="_save"' not in content


@pytest.mark.parametrize("model", MODELS)
def test_reference_data_cannot_be_added_in_the_admin(admin_client, model):
    response = admin_client.get(reverse(f"admin:geo_{model}_add"))

    assert response.status_code == 403
