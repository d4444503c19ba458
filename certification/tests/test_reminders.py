"""Reminders and invitations by e-mail: which are due on a day (pure, exact dates), and the daily job
that sends each (subject, kind, deadline) once, to the department's managers, with a link and no content."""

from datetime import date
from types import SimpleNamespace

import pytest

from certification.tasks import daily_reminders
from certification.visitation import reminder_services
from certification.visitation import reminders as r
from certification.visitation.models import Certificate, ComplianceCase, Procedure, ReminderSent
from register.tests.factories import DepartmentFactory
from topggz.jobs import registered_jobs
from topggz.testing import run_queued_tasks

from .factories import editor_of, manager_of

DUE = date(2027, 3, 12)  # a Friday: the dossier is due, the visit is 7 May 2027


def dossier(state="dossier_due", due=DUE):
    return r.ProcedureFacts(id=1, department_id=7, state=state, dossier_due=due)


def kinds(today, **facts):
    return [x.kind for x in r.due(today, **facts)]


# --- pure: the dossier ----------------------------------------------------------------------------------


def test_nothing_is_due_before_the_first_dossier_reminder():
    assert kinds(date(2027, 2, 25), procedures=[dossier()]) == []


def test_the_first_dossier_reminder_is_due_two_weeks_before_the_dossier_is_due():
    assert r.due(date(2027, 2, 26), procedures=[dossier()]) == [r.Reminder("procedure", 1, 7, "dossier_soon_14", DUE)]


def test_the_second_dossier_reminder_is_due_one_week_before_the_dossier_is_due():
    assert kinds(date(2027, 3, 5), procedures=[dossier()]) == ["dossier_soon_7"]


def test_on_the_due_day_the_one_week_reminder_is_still_the_one_due():
    assert kinds(DUE, procedures=[dossier()]) == ["dossier_soon_7"]


def test_the_day_after_the_due_date_the_dossier_is_overdue():
    assert kinds(date(2027, 3, 13), procedures=[dossier()]) == ["dossier_overdue"]


def test_a_job_that_missed_the_first_reminder_sends_only_the_newest():
    assert kinds(date(2027, 3, 8), procedures=[dossier()]) == ["dossier_soon_7"]


def test_a_submitted_dossier_gets_no_reminder():
    assert kinds(date(2027, 3, 13), procedures=[dossier(state="committee_review")]) == []


# --- pure: the hearing -------------------------------------------------------------------------------------


def hearing():
    return r.ProcedureFacts(id=2, department_id=7, state="hearing", hearing_sent_on=date(2027, 6, 1), hearing_due=date(2027, 6, 15))


def test_the_department_is_told_on_the_day_the_draft_report_is_sent_with_the_response_deadline():
    assert r.due(date(2027, 6, 1), procedures=[hearing()]) == [r.Reminder("procedure", 2, 7, "hearing_open", date(2027, 6, 15))]


def test_the_hearing_reminder_is_due_three_days_before_the_response_is_due():
    assert (kinds(date(2027, 6, 11), procedures=[hearing()]), kinds(date(2027, 6, 12), procedures=[hearing()])) == (
        ["hearing_open"], ["hearing_soon"]
    )


def test_after_the_response_deadline_the_hearing_sends_nothing():
    assert kinds(date(2027, 6, 16), procedures=[hearing()]) == []


# --- pure: the renewal invitation ---------------------------------------------------------------------------


def certificate(valid_today=True):
    return r.CertificateFacts(id=3, department_id=7, valid_until=date(2026, 2, 28), valid_today=valid_today)


def test_the_renewal_invitation_is_due_twelve_months_before_the_certificate_expires():
    assert (kinds(date(2025, 2, 28), certificates=[certificate()]), r.due(date(2025, 3, 1), certificates=[certificate()])) == (
        [], [r.Reminder("certificate", 3, 7, "renewal_invitation", date(2026, 2, 28))]
    )


def test_a_suspended_certificate_gets_no_invitation():
    assert kinds(date(2025, 6, 1), certificates=[certificate(valid_today=False)]) == []


# --- pure: the compliance case -------------------------------------------------------------------------------


def case(state="open"):
    return r.CaseFacts(id=4, department_id=7, state=state, since=date(2022, 6, 11),
                       notification_due=date(2022, 7, 11), recovery_due=date(2022, 12, 11))


def test_an_opened_case_asks_for_the_notification_with_its_deadline():
    assert r.due(date(2022, 6, 15), cases=[case()]) == [r.Reminder("case", 4, 7, "case_opened", date(2022, 7, 11))]


def test_the_notification_reminder_is_due_one_week_before_the_notification_is_due():
    assert (kinds(date(2022, 7, 3), cases=[case()]), kinds(date(2022, 7, 4), cases=[case()])) == (
        ["case_opened"], ["notification_soon"]
    )


def test_the_day_after_the_notification_deadline_it_is_overdue():
    assert kinds(date(2022, 7, 12), cases=[case()]) == ["notification_overdue"]


def test_the_recovery_reminder_is_due_four_weeks_before_recovery_is_due_for_a_reported_case():
    assert r.due(date(2022, 11, 13), cases=[case("reported")]) == [r.Reminder("case", 4, 7, "recovery_soon", date(2022, 12, 11))]
    assert kinds(date(2022, 11, 12), cases=[case("reported")]) == []


def test_a_recovered_case_and_a_case_past_its_recovery_deadline_send_nothing():
    assert (kinds(date(2022, 11, 20), cases=[case("recovered")]), kinds(date(2022, 12, 12), cases=[case()])) == ([], [])


# --- the daily job ----------------------------------------------------------------------------------------


@pytest.fixture
def due_procedure(db):
    department = DepartmentFactory(name="Afdeling Angst")
    manager = manager_of(department)
    editor_of(department)
    procedure = Procedure.objects.create(department=department, applied_on=date(2027, 1, 4), state="dossier_due",
                                         visit_date=date(2027, 5, 7), dossier_due=DUE)
    return department, manager, procedure


def test_the_job_mails_the_managers_once_per_reminder(due_procedure, mailoutbox):
    department, manager, procedure = due_procedure
    first = reminder_services.send_due(today=date(2027, 2, 26))
    second = reminder_services.send_due(today=date(2027, 2, 27))
    run_queued_tasks()
    assert (first.sent, second.sent, second.already_sent) == (1, 0, 1)
    assert [m.to for m in mailoutbox] == [[manager.email]]


def test_each_reminder_of_a_deadline_is_sent_once_and_recorded(due_procedure, mailoutbox):
    _, _, procedure = due_procedure
    for day in (date(2027, 2, 26), date(2027, 3, 5), date(2027, 3, 13), date(2027, 3, 14)):
        reminder_services.send_due(today=day)
    run_queued_tasks()
    assert list(ReminderSent.objects.filter(subject_id=procedure.pk).order_by("sent_on").values_list("kind", "sent_on")) == [
        ("dossier_soon_14", date(2027, 2, 26)), ("dossier_soon_7", date(2027, 3, 5)), ("dossier_overdue", date(2027, 3, 13))
    ]
    assert len(mailoutbox) == 3


def test_the_reminder_mail_is_dutch_and_carries_a_link_and_no_content(due_procedure, mailoutbox):
    _, _, procedure = due_procedure
    reminder_services.send_due(today=date(2027, 3, 5))
    run_queued_tasks()
    [mail] = mailoutbox
    assert mail.subject == "Dossier voor de visitatie uiterlijk 12 maart 2027"
    assert f"/keurmerken/procedures/{procedure.pk}/" in mail.body
    assert "Om privacyredenen staat de inhoud niet in deze e-mail." in mail.body


def test_a_reminder_is_not_sent_when_its_transaction_rolls_back(due_procedure, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("mail queue down")

    monkeypatch.setattr("certification.visitation.reminder_services.send_reminder", SimpleNamespace(enqueue=broken))
    with pytest.raises(RuntimeError):
        reminder_services.send_due(today=date(2027, 2, 26))
    assert not ReminderSent.objects.exists()


def test_the_renewal_invitation_is_sent_once(db, mailoutbox):
    department = DepartmentFactory()
    manager = manager_of(department)
    Certificate.objects.create(number="TOP-2022-001", department=department, decided_on=date(2022, 3, 1),
                               valid_from=date(2022, 3, 1), valid_until=date(2026, 2, 28))
    reminder_services.send_due(today=date(2025, 3, 1))
    reminder_services.send_due(today=date(2025, 3, 2))
    run_queued_tasks()
    assert [(m.to, m.subject) for m in mailoutbox] == [([manager.email], "Uitnodiging: hercertificering van het keurmerk")]


def test_an_open_compliance_case_asks_the_manager_to_report_the_change(db, mailoutbox):
    department = DepartmentFactory()
    manager = manager_of(department)
    ComplianceCase.objects.create(department=department, criterion=4, since=date(2022, 6, 11),
                                  notification_due=date(2022, 7, 11), recovery_due=date(2022, 12, 11))
    reminder_services.send_due(today=date(2022, 6, 15))
    run_queued_tasks()
    assert [(m.to, m.subject) for m in mailoutbox] == [([manager.email], "Wijziging melden uiterlijk 11 juli 2022")]


def test_the_daily_reminder_job_is_registered():
    assert "certification.tasks.daily_reminders" in {job.name for job in registered_jobs()}
    assert daily_reminders.module_path == "certification.tasks.daily_reminders"


def test_the_reminder_rules_run_without_a_database():
    """Pure: no models, no queries (the procedure's labels may use Django's translation, nothing more)."""
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import sys; from certification.visitation import reminders; "
        "print(sorted(n for n in sys.modules if n.startswith(('django.db', 'certification.visitation.models'))))"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).resolve().parents[2],
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_compliance_case_reminder_links_to_the_case_page(db, settings):
    settings.SITE_URL = "https://topggz.example"
    reminder = r.Reminder(r.CASE, 42, 7, r.CASE_OPENED, date(2027, 1, 1))
    assert reminder_services._link(reminder) == "https://topggz.example/keurmerken/naleving/42/"


@pytest.mark.parametrize("kind", [
    "dossier_soon_14", "dossier_soon_7", r.DOSSIER_OVERDUE, r.HEARING_OPEN, r.HEARING_SOON, r.RENEWAL_INVITATION,
    r.CASE_OPENED, r.NOTIFICATION_SOON, r.NOTIFICATION_OVERDUE, r.RECOVERY_SOON,
])
def test_every_kind_of_reminder_has_its_own_subject_naming_no_placeholder(kind):
    reminder = SimpleNamespace(kind=kind, deadline=date(2027, 3, 1))

    subject, body = reminder_services.message(reminder, "Centrum Dwang", "https://topggz.example/x")

    assert "%(" not in subject and "%(" not in body
    assert "https://topggz.example/x" in body
    others = {other for other in reminder_services.MESSAGES if other != kind and not kind.startswith(other)}
    assert all(subject != reminder_services.message(SimpleNamespace(kind=other, deadline=date(2027, 3, 1)),
                                                    "Centrum Dwang", "x")[0] for other in others)
