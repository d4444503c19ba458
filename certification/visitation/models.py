"""Certificates (keurmerken): issued on the board's decision, valid four years, suspended or withdrawn with reasons.

The register's certification status and dates (``register.Department.status``, ``certified_from``,
``certified_until``) are derived from these rows by ``services.sync_register``; nobody types them.
Every change to a certificate is a ``CertificateEvent`` (its public history).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from . import rules


class Certificate(models.Model):
    number = models.CharField(_("nummer"), max_length=30, unique=True)
    department = models.ForeignKey(
        "register.Department", on_delete=models.PROTECT, related_name="certificates", verbose_name=_("afdeling")
    )
    dossier = models.ForeignKey(
        "certification.Dossier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("dossier"),
    )
    decided_on = models.DateField(_("datum besluit bestuur"))
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot en met"))
    suspended_on = models.DateField(_("geschorst op"), null=True, blank=True)
    suspension_reason = models.TextField(_("reden schorsing"), blank=True)
    withdrawn_on = models.DateField(_("ingetrokken op"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reden intrekking"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("keurmerk")
        verbose_name_plural = _("keurmerken")
        ordering = ["-valid_from", "number"]
        constraints = [
            models.CheckConstraint(condition=~Q(number=""), name="certification_certificate_number_required"),
            models.CheckConstraint(
                condition=Q(valid_until__gt=F("valid_from")), name="certification_certificate_dates_in_order"
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | ~Q(withdrawal_reason=""),
                name="certification_certificate_withdrawal_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(suspended_on__isnull=True) | ~Q(suspension_reason=""),
                name="certification_certificate_suspension_has_reason",
            ),
        ]

    def __str__(self):
        return self.number

    def facts(self) -> rules.CertificateFacts:
        """The certificate as the pure rules read it (its suspensions come from its events)."""
        suspensions = []
        for event in sorted(self.events.all(), key=lambda e: (e.on, e.pk)):
            if event.kind == CertificateEvent.Kind.SUSPENDED:
                suspensions.append(rules.Suspension(start=event.on))
            elif event.kind == CertificateEvent.Kind.REINSTATED and suspensions and suspensions[-1].end is None:
                suspensions[-1] = rules.Suspension(start=suspensions[-1].start, end=event.on)
        return rules.CertificateFacts(
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            suspensions=tuple(suspensions),
            withdrawn_on=self.withdrawn_on,
        )

    def state_on(self, day) -> str:
        return rules.state_on(self.facts(), day)


class CertificateEvent(models.Model):
    """One step in a certificate's life, shown on its public verification page."""

    class Kind(models.TextChoices):
        ISSUED = "issued", _("Verleend")
        SUSPENDED = "suspended", _("Geschorst")
        REINSTATED = "reinstated", _("Schorsing opgeheven")
        WITHDRAWN = "withdrawn", _("Ingetrokken")

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="events", verbose_name=_("keurmerk")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    on = models.DateField(_("datum"))
    reason = models.TextField(_("reden"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gebeurtenis keurmerk")
        verbose_name_plural = _("gebeurtenissen keurmerk")
        ordering = ["on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["issued", "suspended", "reinstated", "withdrawn"]),
                name="certification_certificate_event_kind_valid",
            ),
        ]


class BoardMeeting(models.Model):
    """One of the board's meetings (four a year); its agenda is the procedures that wait for it."""

    held_on = models.DateField(_("datum"), unique=True)
    note = models.CharField(_("opmerking"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("bestuursvergadering")
        verbose_name_plural = _("bestuursvergaderingen")
        ordering = ["held_on"]

    def __str__(self):
        return self.held_on.isoformat()


class Procedure(models.Model):
    """One visitation procedure of one department, from application to certificate, refusal or withdrawal."""

    class Kind(models.TextChoices):
        FIRST = "first", _("Eerste visitatie")
        RENEWAL = "renewal", _("Hervisitatie")
        INTERIM = "interim", _("Tussentijdse visitatie")

    class State(models.TextChoices):
        APPLICATION = "application", _("Aanvraag")
        PLANNING = "planning", _("Planning")
        DOSSIER_DUE = "dossier_due", _("Dossier opgevraagd")
        COMMITTEE_REVIEW = "committee_review", _("Beoordeling door de commissie")
        VISIT = "visit", _("Visitatie")
        DRAFT_REPORT = "draft_report", _("Conceptrapport")
        HEARING = "hearing", _("Hoor en wederhoor")
        COMMITTEE_ADVICE = "committee_advice", _("Advies van de commissie")
        BOARD_DECISION = "board_decision", _("Besluit van het bestuur")
        CERTIFIED = "certified", _("Keurmerk verleend")
        REFUSED = "refused", _("Keurmerk geweigerd")
        OBJECTION = "objection", _("Bezwaar")
        RECOVERY = "recovery", _("Herstelperiode")
        WITHDRAWN = "withdrawn", _("Keurmerk ingetrokken")

    department = models.ForeignKey(
        "register.Department", on_delete=models.PROTECT, related_name="procedures", verbose_name=_("afdeling")
    )
    dossier = models.ForeignKey(
        "certification.Dossier", on_delete=models.SET_NULL, null=True, blank=True, related_name="procedures"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.FIRST)
    state = models.CharField(_("stap"), max_length=30, choices=State.choices, default=State.APPLICATION)
    applied_on = models.DateField(_("aangevraagd op"))
    visit_date = models.DateField(_("visitatiedatum"), null=True, blank=True)
    dossier_due = models.DateField(_("dossier uiterlijk"), null=True, blank=True)
    hearing_sent_on = models.DateField(_("conceptrapport voorgelegd op"), null=True, blank=True)
    hearing_due = models.DateField(_("reactie uiterlijk"), null=True, blank=True)
    board_meeting = models.ForeignKey(
        BoardMeeting, on_delete=models.PROTECT, null=True, blank=True, related_name="agenda",
        verbose_name=_("bestuursvergadering"),
    )
    decided_on = models.DateField(_("besluit op"), null=True, blank=True)
    objection_due = models.DateField(_("bezwaar uiterlijk"), null=True, blank=True)
    recovery_due = models.DateField(_("herstel uiterlijk"), null=True, blank=True)
    certificate = models.ForeignKey(
        Certificate, on_delete=models.PROTECT, null=True, blank=True, related_name="procedures"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("visitatieprocedure")
        verbose_name_plural = _("visitatieprocedures")
        ordering = ["-applied_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    state__in=[
                        "application", "planning", "dossier_due", "committee_review", "visit", "draft_report",
                        "hearing", "committee_advice", "board_decision", "certified", "refused", "objection",
                        "recovery", "withdrawn",
                    ]
                ),
                name="certification_procedure_state_valid",
            ),
            models.CheckConstraint(
                condition=~Q(state="certified") | Q(certificate__isnull=False),
                name="certification_procedure_certified_has_certificate",
            ),
        ]

    def __str__(self):
        return f"{self.department} – {self.get_kind_display()} ({self.applied_on.isoformat()})"


class TeamMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Voorzitter")
        MEMBER = "member", _("Lid")
        SECRETARY = "secretary", _("Secretaris")

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="visitation_teams")
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    no_conflict_declared_at = models.DateTimeField(_("geen belangenverstrengeling verklaard op"), null=True, blank=True)

    class Meta:
        verbose_name = _("teamlid")
        verbose_name_plural = _("teamleden")
        ordering = ["procedure", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "user"], name="certification_team_member_once"),
        ]


class ProcedureStep(models.Model):
    """Every transition taken: the procedure's own history (the audit log has the access trail)."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="steps")
    transition = models.CharField(max_length=40)
    source = models.CharField(max_length=30)
    target = models.CharField(max_length=30)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    taken_on = models.DateField()
    taken_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["taken_at", "pk"]


class HearingResponse(models.Model):
    """The department's response to the draft report; every submission is a new version, none is overwritten."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="hearing_responses")
    version = models.PositiveIntegerField()
    text = models.TextField(_("reactie"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["procedure", "version"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "version"], name="certification_hearing_version_once"),
        ]


class ComplianceCase(models.Model):
    """A criterion that stopped being met during a certificate's four years (or a change the manager reported).

    The notification is due one calendar month after ``since``, recovery six calendar months after.
    """

    class State(models.TextChoices):
        OPEN = "open", _("Open: melding verwacht")
        REPORTED = "reported", _("Gemeld, met herstelplan")
        RECOVERED = "recovered", _("Hersteld")
        TO_BOARD = "to_board", _("Niet hersteld: naar het bestuur")
        CLOSED = "closed", _("Afgesloten door het bestuur")

    department = models.ForeignKey(
        "register.Department", on_delete=models.PROTECT, related_name="compliance_cases", verbose_name=_("afdeling")
    )
    certificate = models.ForeignKey(
        Certificate, on_delete=models.PROTECT, null=True, blank=True, related_name="compliance_cases"
    )
    criterion = models.PositiveSmallIntegerField(_("criterium"), null=True, blank=True)  # None: reported by hand
    description = models.TextField(_("wijziging"), blank=True)
    since = models.DateField(_("voldoet niet sinds"))
    notification_due = models.DateField(_("melding uiterlijk"))
    recovery_due = models.DateField(_("herstel uiterlijk"))
    state = models.CharField(_("stand"), max_length=20, choices=State.choices, default=State.OPEN)
    reported_on = models.DateField(_("gemeld op"), null=True, blank=True)
    recovery_plan = models.TextField(_("herstelplan"), blank=True)
    interim_visit_needed = models.BooleanField(_("tussentijdse visitatie nodig"), null=True, blank=True)
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nalevingszaak")
        verbose_name_plural = _("nalevingszaken")
        ordering = ["-since", "criterion"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["open", "reported", "recovered", "to_board", "closed"]),
                name="certification_compliance_state_valid",
            ),
            models.CheckConstraint(
                condition=~Q(state="reported") | ~Q(recovery_plan=""),
                name="certification_compliance_reported_has_plan",
            ),
        ]

    @property
    def is_running(self) -> bool:
        return self.state in (self.State.OPEN, self.State.REPORTED, self.State.TO_BOARD)


class ReviewMessage(models.Model):
    """The committee's review of one criterion of a dossier: findings, questions to the department, answers.

    A finding is the committee's own note (the department does not see it). A question is for the
    department; its answers (by the department or the committee) hang under it, oldest first.
    Criterion 0 is the general conditions.
    """

    class Kind(models.TextChoices):
        FINDING = "finding", _("Bevinding")
        QUESTION = "question", _("Vraag aan de afdeling")
        ANSWER = "answer", _("Antwoord")

    dossier = models.ForeignKey(
        "certification.Dossier", on_delete=models.CASCADE, related_name="review_messages", verbose_name=_("dossier")
    )
    criterion = models.PositiveSmallIntegerField(_("criterium"))
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="answers", verbose_name=_("vraag")
    )
    text = models.TextField(_("tekst"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("beoordelingsbericht")
        verbose_name_plural = _("beoordelingsberichten")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["finding", "question", "answer"]), name="certification_review_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="certification_review_text_required"),
            models.CheckConstraint(
                condition=(Q(kind="answer") & Q(parent__isnull=False)) | (~Q(kind="answer") & Q(parent__isnull=True)),
                name="certification_review_only_answers_have_a_question",
            ),
        ]


class CommitteeJudgement(models.Model):
    """The committee's own verdict and finding on one criterion; the visitation report is made from these."""

    dossier = models.ForeignKey(
        "certification.Dossier", on_delete=models.CASCADE, related_name="committee_judgements", verbose_name=_("dossier")
    )
    criterion = models.PositiveSmallIntegerField(_("criterium"))
    verdict = models.CharField(_("oordeel van de commissie"), max_length=20, choices=[("met", _("Voldoet")), ("not_met", _("Voldoet niet"))])
    checker_verdict = models.CharField(_("oordeel van de toetser"), max_length=20)
    finding = models.TextField(_("bevinding"))
    reason = models.TextField(_("reden van afwijken"), blank=True)
    judged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    judged_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("oordeel van de commissie")
        verbose_name_plural = _("oordelen van de commissie")
        ordering = ["dossier", "criterion"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "criterion"], name="certification_judgement_once"),
            models.CheckConstraint(condition=Q(verdict__in=["met", "not_met"]), name="certification_judgement_verdict_valid"),
            models.CheckConstraint(condition=~Q(finding=""), name="certification_judgement_finding_required"),
        ]


class ReminderSent(models.Model):
    """A reminder or invitation e-mail that went out: each (subject, kind, deadline) is sent once.

    ``subject`` is ``procedure``, ``certificate`` or ``case`` (``visitation.reminders``); the row is
    written in the transaction that enqueues the e-mail, so a second daily run finds it and sends nothing.
    """

    subject = models.CharField(_("onderwerp"), max_length=20)
    subject_id = models.PositiveIntegerField(_("nummer onderwerp"))
    department = models.ForeignKey(
        "register.Department", on_delete=models.CASCADE, related_name="+", verbose_name=_("afdeling")
    )
    kind = models.CharField(_("soort"), max_length=40)
    deadline = models.DateField(_("termijn"))
    sent_on = models.DateField(_("verstuurd op"))
    recipients = models.PositiveSmallIntegerField(_("aantal ontvangers"), default=0)

    class Meta:
        verbose_name = _("verstuurde herinnering")
        verbose_name_plural = _("verstuurde herinneringen")
        ordering = ["-sent_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "subject_id", "kind", "deadline"], name="certification_reminder_sent_once"
            ),
            models.CheckConstraint(
                condition=Q(subject__in=["procedure", "certificate", "case"]), name="certification_reminder_subject_valid"
            ),
        ]
