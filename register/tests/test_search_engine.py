"""register.search.engine on small registers made with factories: filters, paging, errors, queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from register.models import Department, Institution, Offer
from register.search import FinderQuery, search
from register.search.scoring import Features, score
from register.tests.factories import (
    DepartmentFactory,
    InstitutionFactory,
    LocationFactory,
    MunicipalityFactory,
    OfferFactory,
    ProvinceFactory,
)

pytestmark = pytest.mark.django_db


PAUSE = {"status": Offer.Status.PAUSED, "pause_reason": "Wachtlijst", "pause_expected_end": datetime.date(2027, 1, 1)}


def slugs(result) -> list[str]:
    return [hit.department.slug for hit in result.hits]


def count_queries(query: FinderQuery) -> int:
    search(query)  # warm the process cache after the register changed
    with CaptureQueriesContext(connection) as captured:
        search(query)
    return len(captured)


def autism_departments(count: int, start: int = 0):
    for n in range(start, start + count):
        department = DepartmentFactory(slug=f"autisme-{n}", target_groups=["autisme"])
        LocationFactory(department=department, name="Polikliniek", care_functions=["outpatient", "crisis"])
        OfferFactory(department=department)


# --- queries do not grow with the results -------------------------------------------------------


def test_a_text_search_takes_as_many_queries_for_one_result_as_for_fifty():
    autism_departments(1)
    one = count_queries(FinderQuery(text="autisme"))
    autism_departments(49, start=1)
    assert search(FinderQuery(text="autisme")).total == 50
    assert count_queries(FinderQuery(text="autisme")) == one


def test_a_filtered_search_takes_as_many_queries_for_one_result_as_for_fifty():
    query = FinderQuery(target_groups=("autisme",), care_functions=("crisis",), offers=("treatment",))
    autism_departments(1)
    one = count_queries(query)
    autism_departments(49, start=1)
    assert count_queries(query) == one


def test_a_search_takes_a_fixed_small_number_of_queries():
    autism_departments(12)
    assert count_queries(FinderQuery(text="autisme")) <= 8


# --- paging ------------------------------------------------------------------------------------


def test_the_result_says_how_many_departments_and_pages_there_are():
    autism_departments(23)
    result = search(FinderQuery(text="autisme", per_page=10))
    assert (result.total, result.num_pages, len(result.hits)) == (23, 3, 10)


def test_the_last_page_holds_the_rest():
    autism_departments(23)
    assert len(search(FinderQuery(text="autisme", page=3)).hits) == 3


def test_a_page_beyond_the_last_shows_the_last_page():
    autism_departments(23)
    result = search(FinderQuery(text="autisme", page=9))
    assert (result.page, len(result.hits)) == (3, 3)


def test_a_page_below_one_shows_the_first_page():
    autism_departments(3)
    assert search(FinderQuery(text="autisme", page=0)).page == 1


def test_pages_do_not_overlap_and_together_hold_every_result():
    autism_departments(23)
    seen = [slug for page in (1, 2, 3) for slug in slugs(search(FinderQuery(text="autisme", page=page)))]
    assert sorted(seen) == sorted(f"autisme-{n}" for n in range(23))


def test_no_results_give_one_empty_page():
    result = search(FinderQuery(text="xyzzy"))
    assert (result.total, result.page, result.num_pages, result.hits) == (0, 1, 1, [])


# --- filters -------------------------------------------------------------------------------------


def test_a_department_with_any_of_the_chosen_target_groups_passes():
    DepartmentFactory(slug="trauma", target_groups=["psychotrauma"])
    DepartmentFactory(slug="dwang", target_groups=["dwang"])
    DepartmentFactory(slug="angst", target_groups=["angst"])
    assert sorted(slugs(search(FinderQuery(target_groups=("psychotrauma", "dwang"))))) == ["dwang", "trauma"]


def test_a_department_with_any_of_the_chosen_age_groups_passes():
    DepartmentFactory(slug="kind", age_groups=["children"])
    DepartmentFactory(slug="oud", age_groups=["elderly"])
    assert slugs(search(FinderQuery(age_groups=("children", "youth")))) == ["kind"]


def test_a_paused_offer_still_counts_for_the_offer_filter():
    department = DepartmentFactory(slug="pauze")
    OfferFactory(
        department=department, kind=Offer.Kind.SECOND_OPINION, status=Offer.Status.PAUSED,
        pause_reason="Te weinig behandelaren.", pause_expected_end=datetime.date(2027, 3, 1),
    )
    DepartmentFactory(slug="zonder")
    assert slugs(search(FinderQuery(offers=("second_opinion",)))) == ["pauze"]


def test_the_care_function_filter_looks_at_the_departments_locations():
    LocationFactory(department=DepartmentFactory(slug="crisis"), care_functions=["crisis"])
    LocationFactory(department=DepartmentFactory(slug="ambulant"), care_functions=["outpatient"])
    assert slugs(search(FinderQuery(care_functions=("crisis",)))) == ["crisis"]


def test_the_province_filter_looks_at_the_municipality_of_a_location():
    LocationFactory(department=DepartmentFactory(slug="utrecht"))
    groningen = MunicipalityFactory(
        code="GM0014", name="Groningen",
        province=ProvinceFactory(code="PV20", name="Groningen", pop_weighted_lat=53.2, pop_weighted_lon=6.6),
    )
    LocationFactory(department=DepartmentFactory(slug="groningen"), municipality=groningen, postcode="9711 AA")
    assert slugs(search(FinderQuery(province="PV20"))) == ["groningen"]


def test_filters_and_text_must_all_hold():
    DepartmentFactory(slug="autisme-kind", target_groups=["autisme"], age_groups=["children"])
    DepartmentFactory(slug="autisme-volwassen", target_groups=["autisme"], age_groups=["adults"])
    DepartmentFactory(slug="angst-kind", target_groups=["angst"], age_groups=["children"])
    assert slugs(search(FinderQuery(text="autisme", age_groups=("children",)))) == ["autisme-kind"]


def test_an_unknown_code_is_reported_and_ignored():
    DepartmentFactory(slug="centrum")
    result = search(FinderQuery(target_groups=("bestaat-niet",)))
    assert slugs(result) == ["centrum"]
    assert "bestaat-niet" in result.errors["doelgroep"]


def test_an_unknown_province_is_reported_and_ignored():
    DepartmentFactory(slug="centrum")
    result = search(FinderQuery(province="PV99"))
    assert (slugs(result), list(result.errors)) == (["centrum"], ["provincie"])


# --- place errors -------------------------------------------------------------------------------


def test_an_invalid_postcode_becomes_a_dutch_error_for_the_place_field():
    DepartmentFactory(slug="centrum")
    result = search(FinderQuery(place="0123 AB", radius_km=10))
    assert "postcode" in result.errors["plaats"]


def test_an_invalid_place_still_gives_results_without_distance():
    LocationFactory(department=DepartmentFactory(slug="centrum"))
    result = search(FinderQuery(place="0123 AB", radius_km=10, sort="distance"))
    assert slugs(result) == ["centrum"]
    assert (result.origin, result.hits[0].distance_km) == (None, None)


def test_a_negative_radius_is_ignored():
    LocationFactory(department=DepartmentFactory(slug="centrum"))
    assert slugs(search(FinderQuery(place="Utrecht", radius_km=-5))) == ["centrum"]


def test_a_very_long_question_is_cut_off_and_still_answered():
    DepartmentFactory(slug="centrum", target_groups=["autisme"])
    assert slugs(search(FinderQuery(text="autisme " + "woord " * 500))) == ["centrum"]


def test_sorting_by_distance_puts_departments_without_a_location_last():
    DepartmentFactory(name="A zonder locatie", slug="zonder")
    LocationFactory(department=DepartmentFactory(name="B met locatie", slug="met"))
    result = search(FinderQuery(place="Utrecht", sort="distance"))
    assert slugs(result) == ["met", "zonder"]
    assert result.hits[1].distance_km is None


def test_a_radius_without_a_place_is_ignored():
    DepartmentFactory(slug="centrum")
    assert slugs(search(FinderQuery(radius_km=5))) == ["centrum"]


# --- ranking ------------------------------------------------------------------------------------


def test_equal_scores_are_ordered_by_name():
    for name in ("Centrum C", "Centrum A", "Centrum B"):
        DepartmentFactory(name=name, slug=name.lower().replace(" ", "-"), target_groups=["autisme"])
    assert slugs(search(FinderQuery(text="autisme"))) == ["centrum-a", "centrum-b", "centrum-c"]


def test_a_certified_department_comes_before_an_equal_one_in_procedure():
    DepartmentFactory(name="A in procedure", slug="a", status="in_procedure", certified_from=None, certified_until=None)
    DepartmentFactory(name="B gecertificeerd", slug="b")
    assert slugs(search(FinderQuery())) == ["b", "a"]


def test_a_department_without_the_target_group_comes_after_those_with_it():
    DepartmentFactory(slug="beschrijving", target_groups=["angst"], description="Ook bij autisme denken wij mee.")
    DepartmentFactory(slug="doelgroep", target_groups=["autisme"])
    assert slugs(search(FinderQuery(text="autisme"))) == ["doelgroep", "beschrijving"]


def test_the_score_of_a_hit_is_the_tiered_score_of_its_features():
    DepartmentFactory(
        name="Autismecentrum Oost", slug="centrum", target_groups=["autisme"], age_groups=["adults"],
        institutions=[InstitutionFactory(name="Stichting Volwassenen en Autisme")],
        description="Wij helpen volwassenen.",
    )
    hit = search(FinderQuery(text="autisme volwassenen")).hits[0]
    expected = score(
        Features(
            matched_groups=1,
            matched_age=True,
            term_columns=(frozenset({"groups", "institutions"}),),  # "volwassenen" counts as its age group
            certified=True,
        )
    )
    assert hit.score == expected


def test_a_hit_lists_the_target_groups_it_matched():
    DepartmentFactory(slug="centrum", target_groups=["autisme", "lvb"])
    hit = search(FinderQuery(text="ASS")).hits[0]
    assert [g.code for g in hit.matched_target_groups] == ["autisme"]


def test_a_hit_also_lists_the_target_groups_of_the_filter():
    DepartmentFactory(slug="centrum", target_groups=["autisme", "lvb"])
    hit = search(FinderQuery(target_groups=("lvb",))).hits[0]
    assert [g.code for g in hit.matched_target_groups] == ["lvb"]


# --- what a hit carries ---------------------------------------------------------------------------


def test_a_hit_carries_what_its_card_shows_without_further_queries():
    department = DepartmentFactory(slug="centrum", target_groups=["autisme"], age_groups=["adults", "elderly"])
    LocationFactory(department=department, name="Polikliniek", city="Utrecht", care_functions=["outpatient"])
    OfferFactory(department=department)
    hit = search(FinderQuery(text="autisme")).hits[0]
    with CaptureQueriesContext(connection) as captured:
        card = hit.department
        summary = (
            card.pk,
            card.name,
            [g.code for g in card.target_groups],
            [a.code for a in card.age_groups],
            [(o.kind, o.paused) for o in card.offers],
            [(loc.name, loc.city) for loc in card.locations],
        )
    assert len(captured) == 0
    assert summary == (
        department.pk,
        department.name,
        ["autisme"],
        ["adults", "elderly"],
        [("treatment", False)],
        [("Polikliniek", "Utrecht")],
    )


def test_a_hit_lists_its_institutions_in_name_order():
    department = DepartmentFactory(slug="centrum", target_groups=["autisme"], institutions=[])
    department.institutions.add(InstitutionFactory(name="Zorggroep Zuid"), InstitutionFactory(name="Ggz Anker"))
    hit = search(FinderQuery(text="autisme")).hits[0]
    assert [str(institution) for institution in hit.department.institutions] == ["Ggz Anker", "Zorggroep Zuid"]


def test_a_hit_lists_its_offers_in_the_order_of_the_kinds_as_the_department_page_does():
    department = DepartmentFactory(slug="centrum", target_groups=["autisme"])
    for kind in ("remote_supervision", "second_opinion", "treatment", "co_treatment"):
        OfferFactory(department=department, kind=kind)
    hit = search(FinderQuery(text="autisme")).hits[0]
    assert [o.kind for o in hit.department.offers] == ["treatment", "second_opinion", "co_treatment", "remote_supervision"]


def test_a_hit_marks_a_paused_offer():
    department = DepartmentFactory(slug="centrum", target_groups=["autisme"])
    OfferFactory(department=department, kind="second_opinion", **PAUSE)
    hit = search(FinderQuery(text="autisme")).hits[0]
    assert [(o.kind, o.paused) for o in hit.department.offers] == [("second_opinion", True)]


def test_a_hit_names_its_nearest_location_among_its_own():
    department = DepartmentFactory(slug="centrum", target_groups=["autisme"])
    LocationFactory(department=department, name="Polikliniek")
    hit = search(FinderQuery(text="autisme", place="Utrecht")).hits[0]
    assert hit.nearest_location is not None
    assert hit.nearest_location in hit.department.locations


def test_a_renamed_institution_shows_on_the_next_search():
    department = DepartmentFactory(slug="centrum", target_groups=["autisme"], institutions=[])
    institution = InstitutionFactory(name="Ggz Oud")
    department.institutions.add(institution)
    search(FinderQuery(text="autisme"))  # the process now holds the card
    institution.name = "Ggz Nieuw"
    institution.save()
    assert [str(i) for i in search(FinderQuery(text="autisme")).hits[0].department.institutions] == ["Ggz Nieuw"]


def test_a_deleted_institution_leaves_the_card_on_the_next_search():
    department = DepartmentFactory(slug="centrum", target_groups=["autisme"], institutions=[])
    gone = InstitutionFactory(name="Ggz Weg")
    department.institutions.add(gone, InstitutionFactory(name="Ggz Blijft"))
    search(FinderQuery(text="autisme"))
    gone.delete()
    assert [str(i) for i in search(FinderQuery(text="autisme")).hits[0].department.institutions] == ["Ggz Blijft"]


def test_a_paused_offer_shows_on_the_next_search():
    department = DepartmentFactory(slug="centrum", target_groups=["autisme"])
    offer = OfferFactory(department=department)
    search(FinderQuery(text="autisme"))
    for name, value in PAUSE.items():
        setattr(offer, name, value)
    offer.save()
    assert [o.paused for o in search(FinderQuery(text="autisme")).hits[0].department.offers] == [True]


def test_a_text_that_is_only_stop_words_does_not_filter():
    DepartmentFactory(slug="centrum")
    assert slugs(search(FinderQuery(text="de en van"))) == ["centrum"]
