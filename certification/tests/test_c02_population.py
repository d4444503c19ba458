from dataclasses import replace
from datetime import date

import pytest

from certification.format.dossier import StartedQuarter
from certification.format.periods import Quarter
from certification.rules.report import Verdict

from .builders import check, criteria_2019_2022, passing, texts, with_norm


def dossier(*rows, visitation=date(2022, 6, 15)):
    d = passing(visitation_date=visitation)
    started = tuple(StartedQuarter(quarter=Quarter.parse(q), started=s, high_specialist=h) for q, s, h in rows)
    return replace(d, patients=replace(d.patients, treatments_started=started))


@pytest.mark.parametrize(
    "rows, verdict",
    [
        ([("2021-Q4", 100, 50)], Verdict.MET),  # exactly 50%
        ([("2021-Q4", 100, 49)], Verdict.NOT_MET),
        ([("2021-Q4", 3, 2)], Verdict.MET),
        ([("2021-Q4", 201, 100)], Verdict.NOT_MET),  # 49.75%
        ([("2021-Q3", 100, 60), ("2021-Q4", 100, 30)], Verdict.NOT_MET),  # pooled 45%: no picking the best quarter
        ([("2021-Q3", 100, 40), ("2021-Q4", 100, 60)], Verdict.MET),  # pooled 50%
    ],
)
def test_criterion_2_needs_half_of_the_started_treatments_to_have_a_high_specialist_need(rows, verdict):
    assert check(dossier(*rows), 2).verdict is verdict


def test_criterion_2_names_the_quarters_and_the_share():
    result = check(dossier(("2021-Q4", 100, 49)), 2)
    assert "49 van de 100 gestarte behandelingen (49%)" in texts(result)
    assert "2021-Q4: 49 van 100" in texts(result)


def test_a_quarter_starting_on_the_first_day_of_the_year_before_the_visitation_counts():
    assert check(dossier(("2021-Q2", 10, 6), visitation=date(2022, 4, 1)), 2).verdict is Verdict.MET


def test_a_quarter_starting_a_day_before_the_year_before_the_visitation_does_not_count():
    result = check(dossier(("2021-Q2", 10, 6), visitation=date(2022, 4, 2)), 2)
    assert result.verdict is Verdict.NOT_MET
    assert (
        "Kwartaal 2021-Q2 telt niet: het valt niet geheel in het jaar voor de visitatie (2021-04-02 t/m 2022-04-01)."
        in texts(result)
    )


def test_the_quarter_of_the_visitation_itself_does_not_count():
    result = check(dossier(("2022-Q2", 10, 9)), 2)
    assert result.verdict is Verdict.NOT_MET
    assert "Kwartaal 2022-Q2 telt niet" in texts(result)


def test_criterion_2_without_quarter_figures_misses_evidence():
    result = check(dossier(), 2)
    assert result.verdict is Verdict.NOT_MET
    assert "2b: gestarte behandelingen per kwartaal" in [str(m) for m in result.missing]


def test_a_quarter_without_started_treatments_cannot_give_a_share():
    result = check(dossier(("2021-Q4", 0, 0)), 2)
    assert result.verdict is Verdict.NOT_MET
    assert "zijn geen behandelingen gestart" in texts(result)


def test_the_minimum_share_is_read_from_the_criteria_set():
    stricter = with_norm(criteria_2019_2022(), 2, "high_specialist_share", min_share=0.6)
    assert check(dossier(("2021-Q4", 100, 55)), 2).verdict is Verdict.MET
    assert check(dossier(("2021-Q4", 100, 55)), 2, stricter).verdict is Verdict.NOT_MET


def test_the_number_of_quarters_is_read_from_the_criteria_set():
    two_quarters = with_norm(criteria_2019_2022(), 2, "high_specialist_share", min_quarters=2)
    result = check(dossier(("2021-Q4", 100, 55)), 2, two_quarters)
    assert result.verdict is Verdict.NOT_MET
    assert "gegevens over 1 kwartaal uit het jaar voor de visitatie" in texts(result)
