from datetime import date

from certification.format.dossier import Activity
from certification.rules.report import Verdict

from .builders import check, passing, texts


def activity(title="Cliëntenpanel", day=date(2021, 3, 1), end=None, result="nieuwe uitkomstmaat"):
    return Activity(title=title, date=day, end_date=end, description="meebeslissen", result=result)


def test_a_participation_activity_with_a_result_in_the_last_three_years_meets_criterion_12():
    assert check(passing(patient_participation=(activity(),)), 12).verdict is Verdict.MET


def test_a_participation_activity_without_a_result_does_not_count():
    result = check(passing(patient_participation=(activity(result=""),)), 12)
    assert result.verdict is Verdict.NOT_MET
    assert "Participatieactiviteit 'Cliëntenpanel' (2021-03-01) telt niet: het resultaat is niet beschreven." in texts(
        result
    )


def test_a_participation_activity_that_ended_the_day_before_the_window_does_not_count():
    result = check(passing(patient_participation=(activity(day=date(2017, 1, 1), end=date(2019, 6, 14)),)), 12)
    assert result.verdict is Verdict.NOT_MET


def test_an_ongoing_participation_activity_started_long_ago_counts():
    assert check(passing(patient_participation=(activity(day=date(2015, 1, 1)),)), 12).verdict is Verdict.MET


def test_no_participation_at_all_fails_criterion_12():
    result = check(passing(patient_participation=()), 12)
    assert result.verdict is Verdict.NOT_MET
    assert "0 activiteit(en) patiëntenparticipatie in 2019-06-15 t/m 2022-06-14; norm: minstens 1." in texts(result)
