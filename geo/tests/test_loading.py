import pytest
from django.core.management import call_command

from geo.loading import DATA_DIR, ensure_geo_loaded, geo_counts, load_geo
from geo.models import HealthRegion, Municipality, PostcodeArea, Province

FULL_COUNTS = {
    "provinces": 12,
    "ggd_regions": 25,
    "zorgkantoor_regions": 31,
    "municipalities": 342,
    "postcode_areas": 4067,
}


@pytest.mark.django_db
def test_load_geo_loads_all_provinces_regions_municipalities_and_postcodes():
    load_geo()

    assert geo_counts() == FULL_COUNTS


@pytest.mark.django_db
def test_load_geo_a_second_time_writes_nothing_and_duplicates_nothing():
    load_geo()

    second = load_geo()

    assert not second.changed
    assert second.postcode_areas.unchanged == 4067
    assert geo_counts() == FULL_COUNTS


@pytest.mark.django_db
def test_load_geo_restores_a_row_that_was_changed_in_the_database():
    load_geo()
    Municipality.objects.filter(code="GM0344").update(population=1)

    result = load_geo()

    assert (result.municipalities.updated, result.municipalities.unchanged) == (1, 341)
    assert Municipality.objects.get(code="GM0344").population == 374_238


@pytest.mark.django_db
def test_load_geo_links_a_municipality_to_its_province_regions_and_figures():
    load_geo()

    amsterdam = Municipality.objects.get(code="GM0363")

    assert amsterdam.province.name == "Noord-Holland"
    assert amsterdam.ggd_region.kind == HealthRegion.Kind.GGD
    assert amsterdam.ggd_region.name == "GGD Amsterdam"
    assert amsterdam.zorgkantoor_region.kind == HealthRegion.Kind.ZORGKANTOOR
    assert amsterdam.population == 931_298
    assert (round(amsterdam.centroid_lat, 3), round(amsterdam.centroid_lon, 3)) == (52.365, 4.908)


@pytest.mark.django_db
def test_load_geo_stores_a_missing_postcode_population_as_zero():
    load_geo()

    assert PostcodeArea.objects.get(code="1044").population == 0


@pytest.mark.django_db
def test_load_geo_uses_a_bounded_number_of_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(100):
        load_geo()


@pytest.mark.django_db
def test_ensure_geo_loaded_fills_empty_tables_and_returns_the_counts():
    assert ensure_geo_loaded() == FULL_COUNTS


@pytest.mark.django_db
def test_ensure_geo_loaded_leaves_filled_tables_alone():
    load_geo()
    Province.objects.filter(code="PV26").update(population=1)

    ensure_geo_loaded()

    assert Province.objects.get(code="PV26").population == 1


@pytest.mark.django_db
def test_load_geo_command_reports_what_it_did():
    call_command("load_geo", stdout=(first := _Output()))
    call_command("load_geo", stdout=(second := _Output()))

    assert "Gemeenten: 342 nieuw" in first.text
    assert "Gemeenten: 0 nieuw, 0 bijgewerkt, 342 ongewijzigd" in second.text
    assert "al actueel" in second.text


def test_data_files_and_source_notes_live_inside_the_app():
    assert DATA_DIR.parent.name == "geo"
    source = (DATA_DIR / "SOURCE.md").read_text(encoding="utf-8")
    assert "Bron: CBS / PDOK" in source
    assert "CC BY 4.0" in source


class _Output:
    """Minimal stdout for call_command that keeps what was written."""

    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass
