import pytest
from django.core.exceptions import ValidationError

from geo.models import Municipality, PostcodeArea
from geo.selectors import PlaceKind, find_municipality, resolve_place, within_radius


def test_a_postcode_resolves_to_the_pc4_point_in_its_municipality(geo_data):
    place = resolve_place("3511 AB")

    area = PostcodeArea.objects.get(code="3511")
    assert (place.lat, place.lon) == (area.lat, area.lon)
    assert place.kind == PlaceKind.POSTCODE
    assert place.municipality_code == "GM0344"
    assert place.label == "3511 AB Utrecht"


def test_a_bare_pc4_resolves_like_the_full_postcode(geo_data):
    assert resolve_place("3511").lat == resolve_place(" 3511ab ").lat


def test_a_well_formed_but_unknown_pc4_is_reported_as_onbekend(geo_data):
    with pytest.raises(ValidationError) as excinfo:
        resolve_place("1099 AA")

    assert excinfo.value.messages == ["Postcode 1099 AA is onbekend: voor dit postcodegebied hebben we geen locatie."]


def test_a_malformed_postcode_is_refused_before_any_lookup(geo_data):
    with pytest.raises(ValidationError, match="begint niet met een 0"):
        resolve_place("0123 AB")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("utrecht", "GM0344"),
        ("'s-Gravenhage", "GM0518"),
        ("Den Haag", "GM0518"),
        ("den bosch", "GM0796"),
        ("'s-Hertogenbosch", "GM0796"),
        ("Súdwest-Fryslân", "GM1900"),
        ("sudwest fryslan", "GM1900"),
        ("Hengelo", "GM0164"),
        ("Bergen (NH.)", "GM0373"),
    ],
)
def test_a_municipality_name_is_found_ignoring_case_accents_and_aliases(geo_data, name, code):
    assert find_municipality(name).code == code


def test_a_municipality_resolves_to_its_population_weighted_centre(geo_data):
    place = resolve_place("Rotterdam")

    rotterdam = Municipality.objects.get(code="GM0599")
    assert (place.lat, place.lon) == (rotterdam.pop_weighted_lat, rotterdam.pop_weighted_lon)
    assert place.kind == PlaceKind.MUNICIPALITY
    assert place.label == "Rotterdam"


def test_den_haag_resolves_to_s_gravenhage(geo_data):
    place = resolve_place("Den Haag")

    assert (place.municipality_code, place.label) == ("GM0518", "'s-Gravenhage")


def test_an_ambiguous_municipality_name_lists_the_options(geo_data):
    with pytest.raises(ValidationError) as excinfo:
        resolve_place("Bergen")

    assert excinfo.value.messages == ["Gemeente ‘Bergen’ is niet eenduidig; bedoelt u Bergen (L.) of Bergen (NH.)?"]


def test_an_unknown_municipality_is_reported_as_onbekend(geo_data):
    with pytest.raises(ValidationError) as excinfo:
        resolve_place("Atlantis")

    assert excinfo.value.messages == ["Gemeente ‘Atlantis’ is onbekend."]


def test_a_qualifier_that_matches_no_municipality_is_not_ignored(geo_data):
    with pytest.raises(ValidationError, match="onbekend"):
        resolve_place("Hengelo (Gld.)")


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_input_asks_for_a_postcode_or_municipality(db, text):
    with pytest.raises(ValidationError, match="Vul een postcode of gemeente in"):
        resolve_place(text)


def test_within_radius_returns_nearby_postcodes_nearest_first(geo_data):
    utrecht = resolve_place("3511")

    found = within_radius(PostcodeArea.objects.all(), utrecht.lat, utrecht.lon, 3.0)

    distances = [km for _, km in found]
    assert found[0][0].code == "3511"
    assert distances == sorted(distances)
    assert all(km <= 3.0 for km in distances)
    assert {"3512", "3581"} <= {area.code for area, _ in found}


def test_within_radius_works_on_municipality_centres(geo_data):
    amsterdam = resolve_place("Amsterdam")

    found = within_radius(
        Municipality.objects.all(),
        amsterdam.lat,
        amsterdam.lon,
        40.0,
        lat_field="pop_weighted_lat",
        lon_field="pop_weighted_lon",
    )

    codes = [m.code for m, _ in found]
    assert codes[0] == "GM0363"
    assert "GM0344" in codes  # Utrecht, about 33 km
    assert "GM0599" not in codes  # Rotterdam, about 57 km
