"""The consultation and second-opinion desk: requests, their events, messages and escalations.

A request is pseudonymous: an age group (the band) and perhaps a birth year and a 4-digit postcode, never a name,
address, date of birth or BSN (``validators.refuse_bsn`` guards every text field and file
name). Its events are the source of truth: ``status`` and the clocks follow from them through
the pure rules in ``consultation.rules`` (the same functions the ``consultation replay``
command runs), and are stored on the request only so that the inbox can filter on them.

Content (the question, what was tried, the answer, messages, attachments, notes on events)
is removed by the retention job some months after closing (``services.remove_expired_content``);
what remains are the anonymised figures: kind, dates, department, region, age band, reasons.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .validators import refuse_bsn, validate_pc4


class Kind(models.TextChoices):
    CONSULTATION = "consultation", _("Consultatie en advies (patiënt niet gezien)")
    SECOND_OPINION = "second_opinion", _("Second opinion (patiënt gezien)")
    CO_TREATMENT = "co_treatment", _("Medebehandeling")
    REMOTE_SUPERVISION = "remote_supervision", _("Behandeling op afstand begeleiden")
    TREATMENT = "treatment", _("Verzoek om behandeling")


class Status(models.TextChoices):
    AT_DESK = "at_desk", _("Bij het bureau")
    NEW = "new", _("Nieuw")
    IN_PROGRESS = "in_progress", _("In behandeling")
    WAITING_INFO = "waiting_info", _("Wacht op informatie")
    ANSWERED = "answered", _("Beantwoord")
    DECLINED = "declined", _("Afgewezen")
    CLOSED = "closed", _("Afgesloten")


class Profession(models.TextChoices):
    GP = "gp", _("Huisarts")
    MENTAL_HEALTH = "mental_health", _("Ggz-behandelaar")
    MEDICAL_SPECIALIST = "medical_specialist", _("Medisch specialist")
    YOUTH_CARE = "youth_care", _("Jeugdarts of jeugdhulp")
    SOCIAL_DOMAIN = "social_domain", _("Sociaal domein (wijkteam)")


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Gewoon")
    SOON = "soon", _("Snel (binnen enkele weken)")
    URGENT = "urgent", _("Dringend (geen crisis)")


class DeclineReason(models.TextChoices):
    EXCLUSION_CRITERION = "exclusion_criterion", _("Exclusiecriterium van de afdeling")
    OUTSIDE_TARGET_GROUP = "outside_target_group", _("Buiten de doelgroep")
    REGISTRATION_PAUSE = "registration_pause", _("Aanmeldpauze")
    NOT_HIGH_SPECIALIST = "not_high_specialist", _("Geen hoogspecialistische zorgvraag")
    OTHER = "other", _("Andere reden")


class Outcome(models.TextChoices):  # consultation.rules.lifecycle.CLOSE_OUTCOMES
    HELPED = "helped", _("Geholpen")
    NOT_HELPED = "not_helped", _("Niet geholpen")
    REFERRED = "referred", _("Elders verwezen")
    WITHDRAWN = "withdrawn", _("Ingetrokken")
    OTHER = "other", _("Anders")


class EscalationLevel(models.IntegerChoices):
    TRANSFER = 1, _("Regionaal transferpunt")
    REGIONAL_TABLE = 2, _("Regionale tafel hoogcomplexe zorg")
    ADMINISTRATIVE = 3, _("Bestuurlijke escalatie")
    MINISTER = 4, _("Minister")


class EscalationOutcome(models.TextChoices):
    PLACED = "placed", _("Geplaatst bij een afdeling")
    ADVICE = "advice", _("Advies gegeven")
    NO_SOLUTION = "no_solution", _("Geen oplossing")
    WITHDRAWN = "withdrawn", _("Cliënt trok zich terug")


class RequestQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Status.CLOSED)


class ConsultationRequest(models.Model):
    objects = RequestQuerySet.as_manager()

    reference = models.CharField(_("kenmerk"), max_length=12, unique=True, editable=False)
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="consultation_requests",
        verbose_name=_("verwijzer"),
    )
    profession = models.CharField(_("beroep van de verwijzer"), max_length=30, choices=Profession.choices)
    kind = models.CharField(_("soort vraag"), max_length=30, choices=Kind.choices)
    urgency = models.CharField(_("urgentie"), max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    # --- content (removed by retention) ---
    question = models.TextField(_("vraag"), blank=True, validators=[refuse_bsn])
    tried = models.TextField(_("wat is al geprobeerd"), blank=True, validators=[refuse_bsn],
                             help_text=_("Behandelingen, hoe lang en met welk resultaat."))
    current_provider = models.CharField(_("huidige behandelaar of instelling"), max_length=200, blank=True,
                                        validators=[refuse_bsn])
    answer = models.TextField(_("antwoord"), blank=True, validators=[refuse_bsn])
    content_removed_on = models.DateField(_("inhoud verwijderd op"), null=True, blank=True)
    # --- the patient, pseudonymously ---
    target_groups = models.ManyToManyField("register.TargetGroup", related_name="+", verbose_name=_("doelgroepen"))
    age_group = models.ForeignKey("register.AgeGroup", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("leeftijdsgroep"))
    birth_year = models.PositiveSmallIntegerField(_("geboortejaar (mag leeg)"), null=True, blank=True)
    concerns = models.ManyToManyField("register.ExclusionCriterion", related_name="+", blank=True,
                                      verbose_name=_("speelt een van deze zaken?"))
    patient_pc4 = models.CharField(_("postcode (4 cijfers)"), max_length=4, validators=[validate_pc4])
    patient_region = models.ForeignKey("geo.HealthRegion", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+", verbose_name=_("zorgkantoorregio van de patiënt"))
    consent = models.BooleanField(_("de patiënt stemt in met delen"))
    waiting_since = models.DateField(_("wacht sinds"), help_text=_(
        "De datum waarop de patiënt zich voor deze zorgvraag voor het eerst ergens aanmeldde."))
    # --- where it is and how far ---
    department = models.ForeignKey("register.Department", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="consultation_requests", verbose_name=_("afdeling"))
    triage_result = models.ForeignKey(
        "triage.TriageResult", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("triageresultaat"), help_text=_("De uitslag van een beslisinstrument die de verwijzer meestuurde."),
    )
    triage_summary = models.TextField(_("triage-uitslag"), blank=True, help_text=_(
        "Score, uitkomst en vervulde kenmerken zoals ze waren toen de vraag werd verstuurd."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    received_on = models.DateField(_("ontvangen op"))
    triage_due_on = models.DateField(_("triage uiterlijk"), null=True, blank=True)
    answer_due_on = models.DateField(_("antwoord uiterlijk"), null=True, blank=True)
    overdue = models.BooleanField(_("te laat"), default=False)
    answered_on = models.DateField(_("beantwoord op"), null=True, blank=True)
    treatment_started_on = models.DateField(_("behandeling gestart op"), null=True, blank=True)
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices, blank=True)
    helped = models.BooleanField(_("het antwoord hielp"), null=True, blank=True)
    referral_avoided = models.BooleanField(_("verwijzing voorkomen"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalatieniveau"), default=0)
    reminded = models.JSONField(default=dict, blank=True, editable=False)  # clock -> the due date reminded of
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("consultatievraag")
        verbose_name_plural = _("consultatievragen")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="consultation_request_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="consultation_request_status_valid"),
            models.CheckConstraint(condition=Q(consent=True), name="consultation_request_consent_required"),
            models.CheckConstraint(condition=Q(patient_pc4__regex=r"^[1-9][0-9]{3}$"),
                                   name="consultation_request_pc4_format"),
            models.CheckConstraint(condition=Q(department__isnull=False) | Q(status__in=["at_desk", "declined", "closed"]),
                                   name="consultation_request_department_or_desk"),
            models.CheckConstraint(condition=Q(escalation_level__lte=4), name="consultation_request_level_range"),
            models.CheckConstraint(condition=Q(waiting_since__lte=models.F("received_on")),
                                   name="consultation_request_waiting_since_before_receipt"),
        ]
        indexes = [
            models.Index(fields=["department", "status", "received_on"], name="consult_inbox"),
            models.Index(fields=["referrer", "created_at"], name="consult_referrer"),
            models.Index(fields=["escalation_level", "patient_region"], name="consult_escalated"),
            models.Index(fields=["department", "answered_on"], name="consult_answered"),
            models.Index(fields=["closed_on"], name="consult_closed"),
        ]

    def __str__(self):
        return self.reference

    @property
    def content_removed(self) -> bool:
        return self.content_removed_on is not None


class Event(models.Model):
    """One step in a request's life; the rules replay these (``consultation.rules.lifecycle``)."""

    class Kind(models.TextChoices):  # the event kinds of consultation.rules.lifecycle
        RECEIVED = "received", _("Ontvangen")
        ROUTED = "routed", _("Doorgezet naar een afdeling")
        INFO_ASKED = "info_asked", _("Informatie gevraagd")
        INFO_GIVEN = "info_given", _("Informatie gegeven")
        ACCEPTED = "accepted", _("Geaccepteerd")
        DECLINED = "declined", _("Afgewezen")
        FORWARDED = "forwarded", _("Doorgestuurd")
        ANSWERED = "answered", _("Beantwoord")
        TREATMENT_STARTED = "treatment_started", _("Behandeling gestart")
        ESCALATED = "escalated", _("Opgeschaald")
        ESCALATION_OUTCOME = "escalation_outcome", _("Uitkomst escalatie")
        CLOSED = "closed", _("Afgesloten")

    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    on = models.DateField()
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    actor_role = models.CharField(max_length=30, blank=True)
    department = models.ForeignKey("register.Department", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    data = models.JSONField(default=dict, blank=True)  # codes only: reasons, levels, outcomes, ids
    note = models.TextField(blank=True, validators=[refuse_bsn])  # content (removed by retention)

    class Meta:
        ordering = ["request", "on", "pk"]
        indexes = [models.Index(fields=["kind", "on"], name="consult_event_kind_on")]

    def __str__(self):
        return f"{self.request_id} {self.kind} {self.on}"


class Message(models.Model):
    class Side(models.TextChoices):
        REFERRER = "referrer", _("Verwijzer")
        DEPARTMENT = "department", _("Afdeling")
        DESK = "desk", _("Bureau")

    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    side = models.CharField(max_length=20, choices=Side.choices)
    body = models.TextField(_("bericht"), validators=[refuse_bsn])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["request", "created_at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="consultation_message_body_required")]


def attachment_path(instance, filename) -> str:
    return f"consultation/{instance.request_id}/{instance.token}.pdf"


class Attachment(models.Model):
    class Purpose(models.TextChoices):
        REQUEST = "request", _("Bij de vraag")
        ANSWER = "answer", _("Bij het antwoord")
        MESSAGE = "message", _("Bij een bericht")

    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="attachments")
    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    token = models.CharField(max_length=32, unique=True)
    file = models.FileField(upload_to=attachment_path)
    name = models.CharField(_("bestandsnaam"), max_length=200, validators=[refuse_bsn])
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["request", "created_at", "pk"]


# ------------------------------------------------------------------ the escalation ladder


class RegionalTable(models.Model):
    """A supra-regional table for highly complex care: a group of zorgkantoor regions (the bureau configures)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=120, unique=True)
    regions = models.ManyToManyField("geo.HealthRegion", related_name="regional_tables",
                                     limit_choices_to={"kind": "zorgkantoor"}, verbose_name=_("zorgkantoorregio's"))

    class Meta:
        verbose_name = _("regionale tafel hoogcomplexe zorg")
        verbose_name_plural = _("regionale tafels hoogcomplexe zorg")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CoordinatorSeat(models.Model):
    """A regional coordinator's seat at one level: a region (1), a table (2), or national (3, 4)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coordinator_seats")
    level = models.PositiveSmallIntegerField(_("niveau"), choices=EscalationLevel.choices)
    region = models.ForeignKey("geo.HealthRegion", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                               limit_choices_to={"kind": "zorgkantoor"}, verbose_name=_("zorgkantoorregio"))
    table = models.ForeignKey(RegionalTable, on_delete=models.CASCADE, null=True, blank=True, related_name="seats",
                              verbose_name=_("regionale tafel"))

    class Meta:
        verbose_name = _("zetel regiocoördinator")
        verbose_name_plural = _("zetels regiocoördinatoren")
        constraints = [
            models.CheckConstraint(
                condition=(Q(level=1) & Q(region__isnull=False) & Q(table__isnull=True))
                | (Q(level=2) & Q(region__isnull=True) & Q(table__isnull=False))
                | (Q(level__in=[3, 4]) & Q(region__isnull=True) & Q(table__isnull=True)),
                name="consultation_seat_scope_matches_level",
            ),
            models.UniqueConstraint(fields=["user", "level", "region", "table"], name="consultation_seat_unique"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_level_display()} {self.region or self.table or ''}".strip()


class Escalation(models.Model):
    """A stay of one request at one level of the ladder."""

    class Trigger(models.TextChoices):
        REFERRER = "referrer", _("Op verzoek van de verwijzer")
        DEPARTMENT = "department", _("Op verzoek van de afdeling")
        AUTO = "auto", _("Automatisch")
        COORDINATOR = "coordinator", _("Door de vorige laag")

    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="escalations")
    level = models.PositiveSmallIntegerField(choices=EscalationLevel.choices)
    region = models.ForeignKey("geo.HealthRegion", on_delete=models.PROTECT, null=True, related_name="+")
    table = models.ForeignKey(RegionalTable, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    trigger = models.CharField(max_length=20, choices=Trigger.choices)
    entered_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)
    advice = models.TextField(_("advies"), blank=True, validators=[refuse_bsn])  # content (retention)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=EscalationOutcome.choices, blank=True)
    placed_at = models.ForeignKey("register.Department", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("geplaatst bij"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    class Meta:
        verbose_name = _("escalatie")
        verbose_name_plural = _("escalaties")
        ordering = ["request", "entered_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "level"], name="consultation_escalation_once_per_level"),
            models.UniqueConstraint(fields=["request"], condition=Q(left_on__isnull=True),
                                    name="consultation_escalation_one_open"),
            models.CheckConstraint(condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("entered_on")),
                                   name="consultation_escalation_dates_ordered"),
        ]
        indexes = [models.Index(fields=["level", "left_on", "region"], name="consult_escalation_open")]
