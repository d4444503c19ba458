"""The inline SVG map: province outlines from CBS / PDOK and a marker per location."""

import re
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import translation

from register import maps


def place(name, lat, lon, city="Utrecht"):
    return SimpleNamespace(name=name, city=city, latitude=lat, longitude=lon)


def render_map(locations):
    return render_to_string(
        "register/_map.html",
        {"map": maps.locations_map(locations), "map_id": "kaart", "map_title": "Kaart met de locaties"},
    )


def test_the_map_has_all_twelve_provinces():
    codes = [shape.code for shape in maps.province_shapes()]

    assert codes == [f"PV{number}" for number in range(20, 32)]


def test_the_province_outlines_are_computed_once_per_process():
    assert maps.province_shapes() is maps.province_shapes()


def test_the_province_outlines_stay_small():
    assert sum(len(shape.path) for shape in maps.province_shapes()) < 20_000


def test_coordinates_are_rounded_to_one_decimal():
    numbers = re.findall(r"-?\d*\.?\d+", "".join(shape.path for shape in maps.province_shapes()))

    assert all(len(number.partition(".")[2]) <= 1 for number in numbers)


def test_utrecht_lies_north_west_of_maastricht_on_the_map():
    utrecht_x, utrecht_y = maps.project(52.09, 5.12)
    maastricht_x, maastricht_y = maps.project(50.85, 5.69)

    assert utrecht_x < maastricht_x
    assert utrecht_y < maastricht_y


def test_every_point_of_the_netherlands_falls_inside_the_view_box():
    width, height = maps.frame()

    for lat, lon in [(53.55, 6.2), (50.75, 5.8), (51.4, 3.36), (53.2, 7.2)]:
        x, y = maps.project(lat, lon)
        assert 0 < x < width and 0 < y < height


def test_the_map_svg_contains_one_marker_per_location():
    svg = render_map([place("Centrum", 52.09, 5.12), place("Zuid", 51.44, 5.47, "Eindhoven"), place("Noord", 53.2, 6.56)])

    assert svg.count('<circle class="topggz-map__dot"') == 3
    assert re.findall(r'<text class="topggz-map__label"[^>]*>(\d+)</text>', svg) == ["1", "2", "3"]


def test_the_map_svg_is_an_image_with_a_title_and_a_text_alternative():
    svg = render_map([place("Centrum", 52.09, 5.12), place("Zuid", 51.44, 5.47, "Eindhoven")])

    assert re.search(r'<svg [^>]*role="img"[^>]*aria-labelledby="kaart-titel kaart-uitleg"', svg)
    assert '<title id="kaart-titel">Kaart met de locaties</title>' in svg
    assert '<desc id="kaart-uitleg">1: Centrum, Utrecht; 2: Zuid, Eindhoven</desc>' in svg


def test_the_map_svg_has_no_style_attributes_and_no_decimal_commas_in_dutch():
    with translation.override("nl"):
        svg = render_map([place("Centrum", 52.09, 5.12)])

    assert "style=" not in svg
    assert not re.search(r'c[xy]="\d+,\d', svg)
