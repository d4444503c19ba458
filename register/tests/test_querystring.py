"""The finder's URL: parse_query and to_querystring (pure, no database)."""

from django.http import QueryDict

from register.search import FinderQuery
from register.search.querystring import KnownCodes, is_empty, parse_query, to_querystring

FULL_QUERY = FinderQuery(
    text="trauma na een ongeluk",
    target_groups=("dwang", "psychotrauma"),
    age_groups=("adults",),
    offers=("consultation", "second_opinion"),
    care_functions=("outpatient",),
    province="PV26",
    place="3511 AB",
    radius_km=25,
    sort="distance",
    page=3,
)


def parse(querystring, known=None):
    return parse_query(QueryDict(querystring), known=known)


def test_an_empty_query_string_gives_the_default_query_without_messages():
    assert parse("") == (FinderQuery(), {})


def test_a_full_query_survives_the_round_trip_through_the_url():
    query, messages = parse(to_querystring(FULL_QUERY))

    assert query == FULL_QUERY
    assert messages == {}


def test_the_query_string_has_a_fixed_parameter_order():
    assert to_querystring(FULL_QUERY) == (
        "q=trauma+na+een+ongeluk&doelgroep=dwang&doelgroep=psychotrauma&leeftijd=adults"
        "&aanbod=consultation&aanbod=second_opinion&zorgfunctie=outpatient&provincie=PV26"
        "&plaats=3511+AB&afstand=25&sorteer=distance&pagina=3"
    )


def test_the_same_choices_in_another_order_give_the_same_url():
    first, _ = parse("doelgroep=psychotrauma&doelgroep=dwang")
    second, _ = parse("doelgroep=dwang&doelgroep=psychotrauma&doelgroep=dwang")

    assert to_querystring(first) == to_querystring(second) == "doelgroep=dwang&doelgroep=psychotrauma"


def test_defaults_and_empty_fields_are_left_out_of_the_url():
    query, _ = parse("q=&plaats=&afstand=&sorteer=relevance&pagina=1&provincie=")

    assert to_querystring(query) == ""


def test_overrides_change_one_field_for_paging_links():
    assert to_querystring(FinderQuery(text="dwang"), page=2) == "q=dwang&pagina=2"


def test_the_text_is_trimmed_and_its_whitespace_collapsed():
    query, _ = parse("q=++eet%0A%0Dstoornis++")

    assert query.text == "eet stoornis"


def test_a_very_long_text_is_shortened_with_a_message():
    query, messages = parse("q=" + "a" * 1500)

    assert len(query.text) == 1000
    assert "te lang" in messages["q"]


def test_an_unknown_target_group_is_dropped_with_a_dutch_message():
    known = KnownCodes(target_groups=frozenset({"psychotrauma"}))

    query, messages = parse("doelgroep=psychotrauma&doelgroep=bestaat-niet", known=known)

    assert query.target_groups == ("psychotrauma",)
    assert messages["doelgroep"] == "Een van de gekozen doelgroepen kennen we niet. Die hebben we weggelaten."


def test_a_malformed_code_is_dropped_even_without_a_vocabulary():
    query, messages = parse("leeftijd=%3Cscript%3E&zorgfunctie=OUTPATIENT")

    assert query.age_groups == ()
    assert query.care_functions == ()
    assert set(messages) == {"leeftijd", "zorgfunctie"}


def test_an_unknown_offer_kind_is_dropped_with_a_message():
    query, messages = parse("aanbod=treatment&aanbod=massage")

    assert query.offers == ("treatment",)
    assert "soorten hulp" in messages["aanbod"]


def test_an_unknown_province_is_dropped_with_a_message():
    known = KnownCodes(provinces=frozenset({"PV26"}))

    query, messages = parse("provincie=PV99", known=known)

    assert query.province == ""
    assert "provincie" in messages["provincie"]


def test_a_province_code_in_lower_case_is_accepted():
    query, messages = parse("provincie=pv26", known=KnownCodes(provinces=frozenset({"PV26"})))

    assert query.province == "PV26"
    assert messages == {}


def test_a_distance_outside_the_choices_is_ignored_with_a_message():
    query, messages = parse("plaats=Utrecht&afstand=7")

    assert query.radius_km is None
    assert messages["afstand"] == "Kies een afstand uit de lijst: 5, 10, 25, 50, 100 km, of heel Nederland."


def test_a_distance_that_is_not_a_number_is_ignored_with_a_message():
    query, messages = parse("plaats=Utrecht&afstand=ver")

    assert query.radius_km is None
    assert "afstand" in messages


def test_an_empty_distance_means_the_whole_country():
    query, messages = parse("plaats=Utrecht&afstand=")

    assert query.radius_km is None
    assert messages == {}


def test_a_distance_without_a_place_is_kept_with_a_hint_to_fill_in_a_place():
    query, messages = parse("afstand=10")

    assert query.radius_km == 10
    assert "postcode of plaats" in messages["afstand"]


def test_sorting_by_distance_without_a_place_falls_back_to_relevance_with_a_kind_message():
    query, messages = parse("sorteer=distance")

    assert query.sort == "relevance"
    assert messages["sorteer"] == (
        "Vul een postcode of plaats in om op afstand te sorteren. We sorteren nu op wat het beste past."
    )


def test_sorting_by_distance_with_a_place_is_kept():
    query, messages = parse("sorteer=distance&plaats=3511")

    assert query.sort == "distance"
    assert messages == {}


def test_an_unknown_sort_order_falls_back_to_relevance():
    query, messages = parse("sorteer=random")

    assert query.sort == "relevance"
    assert "sorteer" in messages


def test_a_page_that_is_not_a_positive_number_gives_the_first_page_with_a_message():
    for value in ["0", "-2", "twee", "99999999999999999999"]:
        query, messages = parse(f"pagina={value}")

        assert query.page == 1, value
        assert "pagina" in messages, value


def test_a_plain_dict_with_lists_is_accepted_too():
    query, messages = parse_query({"q": "angst", "doelgroep": ["angst", "dwang"], "pagina": "2"})

    assert query == FinderQuery(text="angst", target_groups=("angst", "dwang"), page=2)
    assert messages == {}


def test_a_query_with_only_paging_and_sorting_counts_as_empty():
    assert is_empty(FinderQuery(page=4))
    assert not is_empty(FinderQuery(province="PV26"))


def test_a_parents_story_of_a_thousand_characters_is_kept_whole():
    story = ("mijn dochter eet bijna niets meer " * 40)[:1000].strip()

    query, messages = parse_query({"q": story})

    assert (query.text, messages) == (story, {})
