"""The public read API under /api/v1/: answers, paging, validators, CORS, rate limits, problems."""

import pytest

from register.models import Offer
from register.tests.factories import DepartmentExclusionFactory

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def get(client, url, **headers):
    return client.get(url, **headers)


def test_the_search_lists_departments_with_their_certification_and_offers(client, departments):
    body = get(client, "/api/v1/afdelingen?q=psychotrauma").json()
    assert body["count"] == 2
    slugs = {hit["slug"] for hit in body["results"]}
    assert slugs == {"centrum-psychotrauma-utrecht", "psychotrauma-amsterdam"}
    amsterdam = next(hit for hit in body["results"] if hit["slug"] == "psychotrauma-amsterdam")
    assert {"kind": "consultation", "paused": True} in amsterdam["offers"]
    assert amsterdam["certification"]["status"] == "certified"
    assert amsterdam["certification"]["in_force"] is True


def test_the_search_measures_distance_from_a_postcode(client, departments):
    body = get(client, "/api/v1/afdelingen?plaats=1011&sorteer=distance").json()
    assert [hit["slug"] for hit in body["results"]][0] == "psychotrauma-amsterdam"
    assert body["results"][0]["distance_km"] < 5
    assert body["origin"]["label"]


def test_an_unknown_target_group_is_a_problem_naming_the_parameter(client, departments):
    response = get(client, "/api/v1/afdelingen?doelgroep=bestaat-niet")
    assert response.status_code == 400
    assert response["Content-Type"].startswith(PROBLEM)
    assert [item["name"] for item in response.json()["invalid_params"]] == ["doelgroep"]


def test_an_unknown_place_is_a_problem(client, departments):
    response = get(client, "/api/v1/afdelingen?plaats=Nergenshuizen")
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "plaats"


def test_paging_gives_next_and_previous_links(client, departments):
    first = get(client, "/api/v1/afdelingen?aantal=1").json()
    assert first["pages"] == 3 and first["previous"] is None
    second = get(client, first["next"]).json()
    assert second["page"] == 2
    assert second["results"][0]["slug"] != first["results"][0]["slug"]
    assert get(client, second["previous"]).json()["results"] == first["results"]


def test_a_page_beyond_the_last_is_a_problem(client, departments):
    assert get(client, "/api/v1/afdelingen?pagina=9").status_code == 400


def test_a_department_shows_its_pause_locations_and_exclusions(client, departments):
    DepartmentExclusionFactory(department=departments[1], note="Eerst afkicken")
    body = get(client, "/api/v1/afdelingen/psychotrauma-amsterdam").json()
    paused = next(offer for offer in body["offers_detail"] if offer["kind"] == "consultation")
    assert paused["status"] == "paused" and paused["pause_expected_end"] == "2027-03-01"
    assert body["locations_detail"][0]["city"] == "Amsterdam"
    assert body["exclusions"] == [{"criterion": "active_addiction", "note": "Eerst afkicken"}]


def test_an_unknown_department_is_a_problem_404(client, departments):
    response = get(client, "/api/v1/afdelingen/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"].startswith(PROBLEM)


def test_an_unknown_path_under_the_api_is_a_problem_404(client, db):
    response = get(client, "/api/v1/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"].startswith(PROBLEM)


def test_institutions_carry_agb_and_kvk(client, departments):
    body = get(client, "/api/v1/instellingen").json()
    assert body["count"] == 3
    first = body["results"][0]
    assert len(first["agb_code"]) == 8 and len(first["kvk_number"]) == 8
    one = get(client, f"/api/v1/instellingen/{first['id']}").json()
    assert one["departments"] == first["departments"]


def test_locations_are_listed_with_coordinates(client, departments):
    body = get(client, "/api/v1/locaties").json()
    assert body["count"] == 3
    assert {row["department"] for row in body["results"]} == {d.slug for d in departments}


def test_the_vocabulary_lists_every_code_with_both_labels(client, departments):
    body = get(client, "/api/v1/woordenlijst").json()
    kinds = {row["code"]: row for row in body["offer_kinds"]}
    assert set(kinds) == set(Offer.Kind.values)
    assert kinds["second_opinion"]["label_nl"] == "Second opinion"
    assert any(group["code"] == "psychotrauma" for group in body["target_groups"])


# --- validators -------------------------------------------------------------------------------


def test_a_read_carries_etag_and_last_modified(client, departments):
    response = get(client, "/api/v1/afdelingen")
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")


def test_the_same_etag_gets_304_without_a_body(client, departments):
    etag = get(client, "/api/v1/afdelingen/dwang-groningen")["ETag"]
    again = get(client, "/api/v1/afdelingen/dwang-groningen", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


def test_a_change_to_the_register_changes_the_etag(client, departments):
    etag = get(client, "/api/v1/afdelingen/dwang-groningen")["ETag"]
    departments[2].offers.update(status=Offer.Status.PAUSED, pause_reason="Vol", pause_expected_end="2027-01-01")
    again = get(client, "/api/v1/afdelingen/dwang-groningen", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert again.json()["offers"][0]["paused"] is True


def test_a_changed_exclusion_changes_the_etag(client, departments):
    etag = get(client, "/api/v1/afdelingen/dwang-groningen")["ETag"]
    DepartmentExclusionFactory(department=departments[2])
    assert get(client, "/api/v1/afdelingen/dwang-groningen", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_if_modified_since_the_last_change_gets_304(client, departments):
    last_modified = get(client, "/api/v1/instellingen")["Last-Modified"]
    assert get(client, "/api/v1/instellingen", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


# --- CORS and rate limits ---------------------------------------------------------------------------


def test_a_read_allows_every_origin(client, departments):
    response = get(client, "/api/v1/woordenlijst", HTTP_ORIGIN="https://verwijsportaal.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_the_preflight_allows_reading_only(client, db):
    response = client.options(
        "/api/v1/afdelingen", HTTP_ORIGIN="https://x.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_a_write_gets_no_cors_and_is_refused(client, db):
    response = client.post("/api/v1/afdelingen", HTTP_ORIGIN="https://x.example")
    assert response.status_code == 405
    assert "Access-Control-Allow-Origin" not in response
    assert response["Content-Type"].startswith(PROBLEM)


def test_an_anonymous_client_over_its_rate_gets_429_with_retry_after(client, departments, settings):
    settings.API_ANON_RATE = "2/min"
    assert get(client, "/api/v1/woordenlijst").status_code == 200
    assert get(client, "/api/v1/woordenlijst").status_code == 200
    refused = get(client, "/api/v1/woordenlijst")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert refused["Content-Type"].startswith(PROBLEM)


def test_the_rate_is_counted_per_client_address(client, departments, settings):
    settings.API_ANON_RATE = "1/min"
    assert get(client, "/api/v1/woordenlijst", REMOTE_ADDR="10.0.0.1").status_code == 200
    assert get(client, "/api/v1/woordenlijst", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_a_department_shows_its_latest_waiting_times(client, departments):
    from register.models import Department

    Department.objects.filter(pk=departments[2].pk).update(
        waiting_intake_weeks="6.5", waiting_treatment_weeks="3.0", waiting_measured_on="2026-11-30"
    )
    body = get(client, "/api/v1/afdelingen/dwang-groningen").json()
    assert body["waiting_times"] == {"intake_weeks": 6.5, "treatment_weeks": 3.0, "measured_on": "2026-11-30"}
    hit = next(h for h in get(client, "/api/v1/afdelingen?q=dwang").json()["results"] if h["slug"] == "dwang-groningen")
    assert hit["waiting_times"]["intake_weeks"] == 6.5


def test_a_department_without_reported_waiting_times_has_none(client, departments):
    assert get(client, "/api/v1/afdelingen/dwang-groningen").json()["waiting_times"] is None
