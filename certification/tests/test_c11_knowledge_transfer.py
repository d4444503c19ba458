from datetime import date

from dateutil.relativedelta import relativedelta

from certification.format.dossier import Activity, Presentation
from certification.rules.report import Verdict

from .builders import DAY, V, check, criteria_2019_2022, passing, texts, with_norm

PRESENTER = "Dr. Joris Hoekstra"  # on the staff of the passing example


def talk(title, day, presenter=PRESENTER):
    return Presentation(date=day, congress="Voorjaarscongres", scope="national", title=title, presenter=presenter)


def three_a_year(last_year_first=date(2021, 7, 1)):
    return [
        talk("J1a", date(2019, 7, 1)), talk("J1b", date(2019, 8, 1)), talk("J1c", date(2019, 9, 1)),
        talk("J2a", date(2020, 7, 1)), talk("J2b", date(2020, 8, 1)), talk("J2c", date(2020, 9, 1)),
        talk("J3a", last_year_first), talk("J3b", date(2021, 8, 1)), talk("J3c", date(2021, 9, 1)),
    ]  # fmt: skip


def test_three_presentations_in_each_of_the_last_three_years_meet_criterion_11():
    assert check(passing(presentations=tuple(three_a_year())), 11).verdict is Verdict.MET


def test_a_presentation_exactly_one_year_before_the_visitation_falls_in_the_last_year():
    one_year = V - relativedelta(years=1)
    assert check(passing(presentations=tuple(three_a_year(one_year))), 11).verdict is Verdict.MET


def test_a_presentation_a_day_earlier_falls_in_the_year_before_and_leaves_the_last_year_short():
    one_year = V - relativedelta(years=1)
    result = check(passing(presentations=tuple(three_a_year(one_year - DAY))), 11)
    assert result.verdict is Verdict.NOT_MET
    assert "2021-06-15 t/m 2022-06-14: 2 voordracht(en): 'J3b' en 'J3c'; norm: minstens 3 per jaar." in texts(result)


def test_a_presentation_older_than_three_years_does_not_count():
    talks = three_a_year()
    talks[0] = talk("J1a", date(2019, 6, 14))
    result = check(passing(presentations=tuple(talks)), 11)
    assert result.verdict is Verdict.NOT_MET
    assert "Voordracht 'J1a' (2019-06-14, Voorjaarscongres) telt niet: buiten de 3 jaar voor de visitatie" in texts(
        result
    )


def test_a_presenter_is_matched_to_the_staff_without_titles():
    talks = three_a_year()
    talks[0] = talk("J1a", date(2019, 7, 1), presenter="joris hoekstra")
    assert check(passing(presentations=tuple(talks)), 11).verdict is Verdict.MET


def test_a_presenter_not_on_the_staff_list_is_put_to_the_committee():
    talks = three_a_year()
    talks[0] = talk("J1a", date(2019, 7, 1), presenter="Dr. Gast Spreker")
    result = check(passing(presentations=tuple(talks)), 11)
    assert result.verdict is Verdict.NEEDS_REVIEW
    assert (
        "Voordracht 'J1a' (2019-07-01, Voorjaarscongres) door 'Dr. Gast Spreker': deze naam staat niet in het personeelsoverzicht"
        in texts(result)
    )


def test_no_knowledge_transfer_activity_in_the_last_three_years_fails_criterion_11():
    old = Activity(title="Oude cursus", date=date(2018, 1, 1), end_date=date(2019, 6, 14))
    result = check(passing(presentations=tuple(three_a_year()), knowledge_transfer=(old,)), 11)
    assert result.verdict is Verdict.NOT_MET
    assert "Activiteit 'Oude cursus' (2018-01-01) telt niet: valt buiten 2019-06-15 t/m 2022-06-14." in texts(result)


def test_a_knowledge_transfer_activity_running_into_the_window_counts():
    running = Activity(title="Richtlijn", date=date(2018, 1, 1), end_date=date(2019, 6, 15))
    assert check(passing(presentations=tuple(three_a_year()), knowledge_transfer=(running,)), 11).verdict is Verdict.MET


def test_the_presentations_per_year_are_read_from_the_criteria_set():
    four = with_norm(criteria_2019_2022(), 11, "presentations_per_year", min_per_year=4)
    assert check(passing(presentations=tuple(three_a_year())), 11, four).verdict is Verdict.NOT_MET
