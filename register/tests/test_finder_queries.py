"""Realistic finder questions over the demo register, with the departments that must come first.

The demo (register.demo, 74 fictional departments) is loaded and indexed once
for this module, inside a transaction that is rolled back afterwards. Every
case runs on SQLite and on PostgreSQL and must give the same order there:
the ranking uses no engine-specific scores.
"""

from datetime import date

import pytest
from django.db import transaction

from geo.distance import haversine_km
from geo.selectors import resolve_place
from register.demo import load_demo
from register.models import Department, Location
from register.search import FinderQuery, backends, context, rebuild_index, search, sql

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo(today=TODAY)
        rebuild_index()
        yield
        transaction.set_rollback(True)


def slugs(result) -> list[str]:
    return [hit.department.slug for hit in result.hits]


def groups_of(hit) -> set[str]:
    return {g.code for g in hit.department.target_groups}


case = pytest.param

CASES = [
    # Abbreviations and synonyms of the target-group vocabulary
    case({"text": "PTSS"}, ["noorderkim-centrum-psychotrauma-noord", "maasoever-expertisecentrum-psychotrauma-jeugd"],
         id="PTSS finds the psychotrauma departments"),
    case({"text": "ptsd"}, ["noorderkim-centrum-psychotrauma-noord"], id="ptsd in lower case finds psychotrauma"),
    case({"text": "trauma"}, ["lindenhage-kliniek-persoonlijkheid-en-trauma", "noorderkim-centrum-psychotrauma-noord"],
         id="trauma puts the department with trauma in its name first"),
    case({"text": "complex trauma"}, ["lindenhage-kliniek-persoonlijkheid-en-trauma"],
         id="complex trauma is read as psychotrauma"),
    case({"text": "ASS"}, ["schermerwaard-autismecentrum-schermer", "greidhoeke-autismeteam-volwassenen"],
         id="ASS finds the autism departments"),
    case({"text": "autisme"}, ["zilverlinde-centrum-autisme-en-verstandelijke-beperking", "dommeldal-centrum-autisme-kind-en-jeugd"],
         id="autisme puts departments with autisme in their name first"),
    case({"text": "asperger"}, ["schermerwaard-autismecentrum-schermer"], id="asperger is read as autism"),
    case({"text": "eetstoornis jongeren"},
         ["waalheuvel-centrum-eetstoornissen-jong", "scheldemond-jeugdteam-eetstoornissen-zeeland",
          "lindeweide-netwerk-eetstoornissen-oost"],
         id="eetstoornis jongeren finds eating-disorder departments for youth first"),
    case({"text": "anorexia"}, ["waalheuvel-centrum-eetstoornissen-jong", "waddenlicht-eetstoornissenteam-fryslan"],
         id="anorexia finds the eating-disorder departments"),
    case({"text": "anorexia nervosa"}, ["waalheuvel-centrum-eetstoornissen-jong"],
         id="anorexia nervosa is read as one term"),
    case({"text": "boulimia"}, ["waalheuvel-centrum-eetstoornissen-jong"], id="boulimia finds eating disorders"),
    case({"text": "dwang"}, ["peelrand-afdeling-ernstige-angst-en-dwang", "duinhorst-jeugdteam-dwang-en-angst"],
         id="dwang puts departments with dwang in their name first"),
    case({"text": "OCD"}, ["peelrand-afdeling-ernstige-angst-en-dwang", "heideborgh-angst-en-dwangcentrum-drenthe"],
         id="OCD finds the obsessive-compulsive departments"),
    case({"text": "smetvrees"}, ["peelrand-afdeling-ernstige-angst-en-dwang"], id="smetvrees is read as dwang"),
    case({"text": "manisch-depressief"}, ["duinhorst-bipolair-centrum-haarlem"], id="manisch-depressief is read as bipolar"),
    case({"text": "dubbele diagnose"},
         ["hunzedal-kliniek-dubbele-diagnose-oost-groningen", "scheldemond-kliniek-dubbele-diagnose-zeeland"],
         id="dubbele diagnose puts the dual-diagnosis clinics first"),
    case({"text": "borderline"}, ["greidhoeke-behandelcentrum-persoonlijkheid"], id="borderline finds personality disorders"),
    case({"text": "hersenletsel"}, ["hofstadkring-centrum-neuropsychiatrie-kust"], id="hersenletsel finds neuropsychiatry"),
    case({"text": "Korsakov"}, ["hofstadkring-centrum-neuropsychiatrie-kust"], id="Korsakov finds neuropsychiatry"),
    case({"text": "transgender"}, ["noorderkim-netwerk-genderzorg-noord", "ijhaven-polikliniek-genderidentiteit"],
         id="transgender finds gender care"),
    case({"text": "SOLK"}, ["dinkeloever-centrum-somatische-symptoomstoornissen"], id="SOLK finds somatic symptom disorders"),
    case({"text": "hechting"}, ["mergelhof-infant-mental-health-team-zuid", "ijhaven-zorgpad-infant-mental-health-randstad"],
         id="hechting finds infant mental health"),
    case({"text": "LVB"}, ["peelrand-centrum-lvb-en-psychiatrie"], id="LVB puts the department with LVB in its name first"),
    case({"text": "eating disorder"}, ["waalheuvel-centrum-eetstoornissen-jong"], id="the English label finds its target group"),
    # Words that combine a problem and an age or a place
    case({"text": "depressie ouderen"}, ["schermerwaard-team-ernstige-depressie-bij-ouderen"],
         id="depressie ouderen finds depression in old age first"),
    case({"text": "angst bij kinderen"}, ["duinhorst-jeugdteam-dwang-en-angst", "polderwijde-jeugdteam-ernstige-angst"],
         id="angst bij kinderen finds anxiety teams for children first"),
    case({"text": "verslaving jongeren"}, ["roerstreek-expertisecentrum-verslaving-jongeren"],
         id="verslaving jongeren finds addiction care for youth first"),
    case({"text": "tics kinderen"}, ["lindenhage-centrum-tics-en-tourette", "waalheuvel-landelijk-netwerk-tourette-en-tics"],
         id="tics kinderen finds tic disorders for children"),
    case({"text": "mijn dochter van 15 jaar heeft anorexia"},
         ["waalheuvel-centrum-eetstoornissen-jong", "waddenlicht-eetstoornissenteam-fryslan"],
         id="an age in years counts like an age word"),
    case({"text": "ouders met een baby"}, ["mergelhof-infant-mental-health-team-zuid", "ijhaven-zorgpad-infant-mental-health-randstad"],
         id="ouders met een baby finds infant mental health, not old-age psychiatry"),
    case({"text": "jeugdtrauma"}, ["maasoever-expertisecentrum-psychotrauma-jeugd", "dinkeloever-traumacentrum-jeugd-twente"],
         id="the compound jeugdtrauma finds trauma care for youth first"),
    case({"text": "autisme volwassenen Groningen"}, ["greidhoeke-autismeteam-volwassenen"],
         id="autisme volwassenen Groningen finds the adult autism team nearest to Groningen"),
    case({"text": "psychose Groningen"}, ["noorderkim-topklinische-afdeling-psychose"],
         id="psychose Groningen finds the psychosis department in Groningen"),
    # Typing errors
    case({"text": "eetsoornis"}, ["waalheuvel-centrum-eetstoornissen-jong"], id="eetsoornis still finds eating disorders"),
    case({"text": "psychoze"}, ["ijhaven-ambulant-team-psychose-en-verslaving"], id="psychoze still finds psychosis"),
    case({"text": "autsime"}, ["zilverlinde-centrum-autisme-en-verstandelijke-beperking"], id="autsime still finds autism"),
    case({"text": "bipolair"}, ["duinhorst-bipolair-centrum-haarlem", "mergelhof-centrum-bipolaire-stoornissen-zuid"],
         id="bipolair finds the bipolar departments"),
    case({"text": "schizofreenie"}, ["ijhaven-ambulant-team-psychose-en-verslaving"], id="schizofreenie still finds psychosis"),
    case({"text": "torette"}, ["lindenhage-centrum-tics-en-tourette"], id="torette still finds tourette"),
    case({"text": "angststooornis"}, ["peelrand-afdeling-ernstige-angst-en-dwang"], id="angststooornis still finds anxiety"),
    # Words from names and descriptions
    case({"text": "EMDR"}, ["dinkeloever-traumacentrum-jeugd-twente"], id="EMDR finds departments that describe it"),
    case({"text": "clozapine"}, ["ijhaven-ambulant-team-psychose-en-verslaving"], id="clozapine finds psychosis clinics that use it"),
    case({"text": "ECT"}, ["diezeaa-centrum-depressie-en-ect", "zilverlinde-zorgprogramma-complexe-stemmingsproblemen"],
         id="ECT puts the department with ECT in its name first"),
    case({"text": "Ggz Noorderkim"},
         ["noorderkim-centrum-psychotrauma-noord", "noorderkim-netwerk-genderzorg-noord",
          "noorderkim-polikliniek-bipolaire-stoornissen", "noorderkim-topklinische-afdeling-psychose"],
         id="an institution name finds its departments first"),
    case({"text": "Traumacentrum Noord-Limburg"}, ["maasheuvel-traumacentrum-noord-limburg"],
         id="a department name finds that department first"),
    # Filters
    case({"target_groups": ("autisme",), "age_groups": ("children",)},
         ["dommeldal-centrum-autisme-kind-en-jeugd", "heideborgh-kinder-en-jeugdpsychiatrie-autisme-en-gedrag"],
         id="autism for children by filters"),
    case({"target_groups": ("tourette",), "offers": ("second_opinion",)}, ["waalheuvel-landelijk-netwerk-tourette-en-tics"],
         id="a second opinion for tics by filters"),
    case({"care_functions": ("inpatient_closed",)},
         ["vechtoever-kliniek-jonge-mensen-met-psychose", "hofstadkring-kliniek-psychose-haaglanden",
          "noorderkim-topklinische-afdeling-psychose"],
         id="a closed ward by the care-function filter"),
    case({"province": "PV29"},
         ["scheldemond-jeugdteam-eetstoornissen-zeeland", "scheldemond-kliniek-dubbele-diagnose-zeeland",
          "scheldemond-zeeuws-centrum-psychotrauma"],
         id="the province of Zeeland"),
    case({"province": "PV20", "text": "verslaving"}, ["hunzedal-kliniek-dubbele-diagnose-oost-groningen"],
         id="addiction care in the province of Groningen"),
    case({"offers": ("remote_supervision",), "target_groups": ("psychose",)},
         ["merwedal-centrum-ernstige-psychiatrische-aandoeningen", "dommeldal-expertisecentrum-psychose-kempen"],
         id="supervision at a distance for psychosis"),
    case({"text": "autisme", "age_groups": ("adults",), "province": "PV28"}, ["sleutelhof-expertisecentrum-autisme-volwassenen"],
         id="autism for adults in Zuid-Holland"),
    # Places
    case({"text": "angst", "place": "Assen"}, ["heideborgh-angst-en-dwangcentrum-drenthe"],
         id="equally relevant departments come nearest first"),
    case({"text": "psychose", "place": "Groningen", "radius_km": 10}, ["noorderkim-topklinische-afdeling-psychose"],
         id="psychosis within 10 km of Groningen"),
    case({"text": "depressie", "place": "Den Bosch"}, ["diezeaa-centrum-depressie-en-ect"],
         id="depression near Den Bosch"),
    case({"text": "trauma", "place": "Maastricht", "sort": "distance"},
         ["maasheuvel-traumacentrum-noord-limburg", "waalheuvel-traumateam-rijk-van-nijmegen"],
         id="trauma sorted by distance from Maastricht"),
]


@pytest.mark.parametrize("query, first", CASES)
def test_a_realistic_question_puts_the_right_departments_first(query, first):
    assert slugs(search(FinderQuery(**query)))[: len(first)] == first


def test_there_are_at_least_forty_realistic_cases():
    assert len(CASES) >= 40


# --- what the text was read as --------------------------------------------------------------------


def test_ptss_is_read_as_psychotrauma():
    assert [g.code for g in search(FinderQuery(text="PTSS")).interpreted_target_groups] == ["psychotrauma"]


def test_every_hit_for_an_abbreviation_has_its_target_group():
    assert all("psychotrauma" in groups_of(hit) for hit in search(FinderQuery(text="PTSS", per_page=50)).hits)


def test_a_corrected_word_is_reported():
    assert search(FinderQuery(text="eetsoornis")).corrections == {"eetsoornis": "eetstoornis"}


def test_the_age_words_of_the_text_are_reported():
    assert [a.code for a in search(FinderQuery(text="eetstoornis jongeren")).interpreted_age_groups] == ["youth"]


def test_a_place_in_the_text_becomes_the_origin_when_no_place_is_given():
    result = search(FinderQuery(text="psychose Groningen"))
    assert result.text_place.label == result.origin.label == "Groningen"
    assert result.hits[0].distance_km < 10


def test_a_place_alone_in_the_text_lists_every_department_nearest_first():
    result = search(FinderQuery(text="Groningen", per_page=100))
    assert result.total == Department.objects.count()
    nearest = nearest_by_brute_force("Groningen")
    assert slugs(result)[0] == min(nearest, key=nearest.get)


def test_a_place_given_wins_over_a_place_in_the_text():
    result = search(FinderQuery(text="psychose Groningen", place="Maastricht"))
    assert (result.origin.label, result.text_place) == ("Maastricht", None)


# --- distance -------------------------------------------------------------------------------------


def nearest_by_brute_force(place_text: str) -> dict[str, float]:
    place = resolve_place(place_text)
    nearest: dict[str, float] = {}
    for location in Location.objects.select_related("department"):
        km = haversine_km(place.lat, place.lon, location.latitude, location.longitude)
        slug = location.department.slug
        nearest[slug] = min(km, nearest.get(slug, km))
    return nearest


def test_a_radius_search_finds_exactly_the_departments_with_a_location_within_it():
    nearest = nearest_by_brute_force("3511 AB")
    result = search(FinderQuery(place="3511 AB", radius_km=25, per_page=100))
    assert sorted(slugs(result)) == sorted(slug for slug, km in nearest.items() if km <= 25)


def test_every_hit_of_a_radius_search_has_its_distance_and_nearest_location():
    nearest = nearest_by_brute_force("3511 AB")
    for hit in search(FinderQuery(place="3511 AB", radius_km=25, per_page=100)).hits:
        assert hit.distance_km == pytest.approx(nearest[hit.department.slug], abs=1e-9)
        assert hit.nearest_location in hit.department.locations


def test_sorting_by_distance_puts_the_nearest_department_first():
    nearest = nearest_by_brute_force("3511 AB")
    result = search(FinderQuery(place="3511 AB", sort="distance", per_page=100))
    assert slugs(result) == sorted(nearest, key=lambda slug: (nearest[slug], slugs(result).index(slug)))
    assert slugs(result)[0] == min(nearest, key=nearest.get)


def test_sorting_by_distance_gives_ever_larger_distances():
    distances = [hit.distance_km for hit in search(FinderQuery(text="angst", place="3511 AB", sort="distance")).hits]
    assert distances == sorted(distances)


def test_every_hit_gets_a_distance_when_a_place_is_given():
    assert all(hit.distance_km is not None for hit in search(FinderQuery(text="autisme", place="Zwolle")).hits)


def test_an_unknown_postcode_gives_an_error_and_all_results_without_distance():
    result = search(FinderQuery(place="1000 AA", radius_km=25))
    assert "1000 AA" in result.errors["plaats"]
    assert result.total == Department.objects.count()
    assert all(hit.distance_km is None for hit in result.hits)


# --- no results ------------------------------------------------------------------------------------


def test_a_nonsense_question_finds_nothing():
    assert search(FinderQuery(text="xyzzy qwerty")).total == 0


def test_a_nonsense_question_suggests_checking_the_spelling():
    assert search(FinderQuery(text="xyzzy qwerty")).suggestions[0].startswith("Controleer de spelling")


def test_a_question_outside_the_register_suggests_other_words():
    assert any("andere woorden" in s for s in search(FinderQuery(text="dyslexie")).suggestions)


def test_no_results_by_a_filter_suggest_removing_that_filter_by_name():
    result = search(FinderQuery(text="eetstoornis", age_groups=("elderly",)))
    assert result.total == 0
    assert any("Haal het filter ‘Leeftijd: Ouderen (65 jaar en ouder)’ weg." in s for s in result.suggestions)


def test_no_results_nearby_suggest_the_smallest_larger_distance_that_finds_something():
    result = search(FinderQuery(text="tourette", place="Amersfoort", radius_km=5))
    assert result.total == 0
    assert "Zoek verder weg, bijvoorbeeld binnen 25 km. Dan vindt u 1 afdeling." in result.suggestions


def test_no_results_within_the_largest_distance_suggest_the_whole_country():
    result = search(FinderQuery(text="tourette", place="Middelburg", radius_km=10))
    assert "Zoek in heel Nederland, zonder afstand. Dan vindt u 2 afdelingen." in result.suggestions


def test_no_results_in_a_province_suggest_the_whole_country():
    result = search(FinderQuery(text="tourette", province="PV29"))
    assert any("Zoek in heel Nederland" in s for s in result.suggestions)


def test_a_suggestion_says_how_many_departments_it_would_find():
    result = search(FinderQuery(target_groups=("infant_mental_health",), province="PV20"))
    assert "Haal het filter ‘Doelgroep: Infant mental health’ weg. Dan vindt u 6 afdelingen." in result.suggestions


def test_results_have_no_suggestions():
    assert search(FinderQuery(text="autisme")).suggestions == []


# --- paging over the demo -------------------------------------------------------------------------


def test_an_empty_question_lists_every_department_over_pages_of_ten():
    result = search(FinderQuery())
    assert (result.total, result.num_pages, len(result.hits)) == (Department.objects.count(), 8, 10)


def test_a_page_beyond_the_last_of_the_demo_is_the_last_page():
    result = search(FinderQuery(page=99))
    assert (result.page, len(result.hits)) == (8, Department.objects.count() - 70)


# --- the target-group column is answered from memory, as the full-text index would -----------------


def test_the_target_group_column_from_memory_selects_what_the_full_text_index_selects():
    ctx, backend, facets = context.current(), backends.current(), context.facets()
    assert ctx.groups_by_stem
    for stem, groups in ctx.groups_by_stem.items():
        subquery, params = backend.matches([stem], "groups")
        from_index = sorted(row[0] for row in sql.fetch(sql.Sql(subquery, tuple(params))))
        from_memory = sorted(int(i) for i in facets.ids[facets.any_of(facets.target_groups, groups)])
        assert from_memory == from_index, stem


@pytest.mark.parametrize("column", ["name", "institutions"])
def test_the_word_index_selects_what_the_full_text_index_selects(column):
    backend, facets, words = backends.current(), context.facets(), context.words()
    assert words.columns[column]
    for stem in words.columns[column]:
        subquery, params = backend.matches([stem], column)
        from_index = sorted(row[0] for row in sql.fetch(sql.Sql(subquery, tuple(params))))
        from_memory = sorted({int(facets.ids[row]) for row in words.rows(column, [stem])})
        assert from_memory == from_index, stem
