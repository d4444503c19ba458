from datetime import date

import pytest
from dateutil.relativedelta import relativedelta

from certification.format.dossier import Author
from certification.rules.report import Verdict

from .builders import (
    DAY,
    V,
    check,
    criteria_2019_2022,
    passing,
    publication,
    texts,
    with_norm,
)

FIRST_DAY = V - relativedelta(years=3)  # 2019-06-15, the first day of the window


def four_more():
    return [publication(f"Artikel {n}", date(2021, n + 6, 1)) for n in range(1, 5)]


def with_publications(*pubs, visitation=V):
    return passing(publications=tuple(pubs), visitation_date=visitation)


def test_five_publications_including_one_exactly_three_years_before_the_visitation_meet_criterion_10():
    result = check(with_publications(publication("Het oudste artikel", FIRST_DAY), *four_more()), 10)
    assert result.verdict is Verdict.MET
    assert "Publicatie 'Het oudste artikel' (2019-06-15) telt mee" in texts(result)


def test_a_publication_a_day_more_than_three_years_before_the_visitation_does_not_count():
    result = check(with_publications(publication("Het oudste artikel", FIRST_DAY - DAY), *four_more()), 10)
    assert result.verdict is Verdict.NOT_MET
    assert (
        "Publicatie 'Het oudste artikel' (2019-06-14) telt niet: verschenen voor 2019-06-15, eerder dan 3 jaar voor de visitatie."
        in texts(result)
    )
    assert (
        "Er tellen 4 publicaties mee (norm: minstens 5 in 2019-06-15 t/m 2022-06-14, waarvan 1 internationaal)."
        in texts(result)
    )


def test_a_publication_on_the_visitation_day_does_not_count():
    result = check(with_publications(publication("Net verschenen", V), *four_more()), 10)
    assert result.verdict is Verdict.NOT_MET
    assert (
        "Publicatie 'Net verschenen' (2022-06-15) telt niet: verschenen op of na de visitatiedatum 2022-06-15."
        in texts(result)
    )


def test_the_window_of_a_leap_day_visitation_starts_on_the_last_day_of_february():
    leap = date(2024, 2, 29)
    counted = check(with_publications(publication("Randgeval", date(2021, 2, 28)), *four_more(), visitation=leap), 10)
    too_old = check(with_publications(publication("Randgeval", date(2021, 2, 27)), *four_more(), visitation=leap), 10)
    assert (counted.verdict, too_old.verdict) == (Verdict.MET, Verdict.NOT_MET)


@pytest.mark.parametrize(
    "kind, reason",
    [
        (dict(type="congress_abstract"), "telt niet: congresabstract."),
        (dict(type="book_chapter"), "telt niet: boekhoofdstuk."),
        (dict(peer_reviewed=False), "telt niet: niet peer reviewed."),
        (dict(authors=(Author(name="K. Extern"),)), "telt niet: geen van de auteurs is aan de eenheid verbonden."),
        (dict(indexes=()), "telt niet: het tijdschrift is niet gerefereerd in een zoekmachine"),
    ],
)
def test_a_publication_that_is_not_a_peer_reviewed_indexed_article_by_the_unit_does_not_count(kind, reason):
    result = check(with_publications(publication("X", date(2021, 5, 1), **kind), *four_more()), 10)
    assert result.verdict is Verdict.NOT_MET
    assert f"Publicatie 'X' (2021-05-01) {reason}" in texts(result)


def test_a_review_article_counts():
    assert (
        check(with_publications(publication("Overzicht", date(2021, 5, 1), type="review"), *four_more()), 10).verdict
        is Verdict.MET
    )


def test_the_listed_search_engines_are_matched_without_regard_to_case():
    assert (
        check(with_publications(publication("X", date(2021, 5, 1), indexes=("psycinfo",)), *four_more()), 10).verdict
        is Verdict.MET
    )


def test_five_national_publications_fail_criterion_10_for_want_of_an_international_one():
    pubs = [publication(f"Artikel {n}", date(2021, n, 1), international=False) for n in range(1, 6)]
    result = check(with_publications(*pubs), 10)
    assert result.verdict is Verdict.NOT_MET
    assert "Van de publicaties die meetellen zijn er 0 in een internationaal tijdschrift verschenen" in texts(result)


def test_a_journal_indexed_only_in_a_comparable_search_engine_is_put_to_the_committee():
    result = check(
        with_publications(publication("Juridisch", date(2021, 5, 1), indexes=("HeinOnline",)), *four_more()), 10
    )
    assert result.verdict is Verdict.NEEDS_REVIEW
    assert (
        "Publicatie 'Juridisch' (2021-05-01) telt alleen mee als de commissie HeinOnline als vergelijkbare zoekmachine aanvaardt"
        in texts(result)
    )


def test_a_comparable_search_engine_does_not_matter_when_enough_other_publications_count():
    pubs = [
        *four_more(),
        publication("Vijfde", date(2021, 6, 1)),
        publication("Juridisch", date(2021, 5, 1), indexes=("HeinOnline",)),
    ]
    assert check(with_publications(*pubs), 10).verdict is Verdict.MET


def test_the_minimum_number_of_publications_is_read_from_the_criteria_set():
    six = with_norm(criteria_2019_2022(), 10, "publications", min_publications=6)
    dossier = with_publications(publication("Vijfde", date(2021, 6, 1)), *four_more())
    assert (check(dossier, 10).verdict, check(dossier, 10, six).verdict) == (Verdict.MET, Verdict.NOT_MET)
