"""Decision tools, their versions and items; triage results; intake registrations.

- ``Tool`` -> ``ToolVersion`` -> ``Item``: a tool keeps its code; what it asks and how it scores
  lives in versions. A version is a draft until the bureau publishes it; a published version
  never changes again (``ToolVersion.save``, ``Item.save``/``delete`` and the target groups refuse
  it), so every result and registration keeps exactly the version it was scored with. Changing a
  published tool means a new version (``services.new_draft``), for example and validated tools
  alike.
- ``TriageResult``: one use of a tool by a professional: the answers, the score and outcome the
  pure scoring gave, and the context used to match departments (target group, age group, 4-digit
  postcode). No patient identifiers.
- ``IntakeRegistration``: one treatment started at a department (form or quarterly CSV upload,
  ``IntakeUpload``), with the department's decision on the high-specialist care need; criterion 2
  counts these.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .rules import tools as rules

PC4 = RegexValidator(r"^[1-9][0-9]{3}$", _("Vul 4 cijfers in, bijvoorbeeld 3511."))


class Characteristic(models.TextChoices):
    SEVERE_COMPLEX_RARE = rules.SEVERE_COMPLEX_RARE, _("Ernstige, complexe en/of zeldzame aandoening(en)")
    INSUFFICIENT_BENEFIT = rules.INSUFFICIENT_BENEFIT, _(
        "Onvoldoende baat (gehad of verwacht) bij behandeling volgens de professionele standaard in de specialistische ggz"
    )
    EXPECTED_BENEFIT = rules.EXPECTED_BENEFIT, _("Zal naar verwachting profiteren van hoogspecialistische ggz")


class Outcome(models.TextChoices):
    NONE = rules.NONE, _("Geen aanwijzing voor specialistische ggz")
    SPECIALIST = rules.SPECIALIST, _("Specialistische ggz")
    HIGH_SPECIALIST = rules.HIGH_SPECIALIST, _("Hoogspecialistische ggz")


class ResultOutcome(models.TextChoices):
    NONE = rules.NONE, Outcome.NONE.label
    SPECIALIST = rules.SPECIALIST, Outcome.SPECIALIST.label
    HIGH_SPECIALIST = rules.HIGH_SPECIALIST, Outcome.HIGH_SPECIALIST.label
    UNDETERMINED = rules.UNDETERMINED, _("Nog niet te bepalen")


class ToolStatus(models.TextChoices):
    EXAMPLE = rules.EXAMPLE, _("Voorbeeld (niet gevalideerd)")
    VALIDATED = rules.VALIDATED, _("Gevalideerd")


class PublishedVersionError(ValidationError):
    """A published version (or its items) cannot change; make a new version."""

    def __init__(self):
        super().__init__(_("Deze versie is gepubliceerd en verandert niet meer. Maak een nieuwe versie."))


class Tool(models.Model):
    code = models.SlugField(
        _("code"), max_length=50, unique=True, help_text=_("Blijft gelijk over de versies, bijvoorbeeld trauma-dt.")
    )
    active = models.BooleanField(
        _("in gebruik"), default=True, help_text=_("Uit: professionals kunnen de vragenlijst niet meer kiezen.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("vragenlijst")
        verbose_name_plural = _("vragenlijsten")

    def __str__(self):
        return self.code


class ToolVersion(models.Model):
    tool = models.ForeignKey(Tool, on_delete=models.PROTECT, related_name="versions", verbose_name=_("vragenlijst"))
    number = models.PositiveSmallIntegerField(_("versie"))
    name = models.CharField(_("naam"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=ToolStatus.choices, default=ToolStatus.EXAMPLE)
    target_groups = models.ManyToManyField(
        "register.TargetGroup",
        blank=True,
        related_name="triage_tools",
        verbose_name=_("doelgroepen"),
        help_text=_("Leeg: voor alle doelgroepen."),
    )
    specialist_cutoff = models.PositiveSmallIntegerField(
        _("afkappunt specialistisch"), validators=[MinValueValidator(1)], help_text=_("Vanaf deze score: specialistische ggz.")
    )
    high_specialist_cutoff = models.PositiveSmallIntegerField(
        _("afkappunt hoogspecialistisch"),
        validators=[MinValueValidator(1)],
        help_text=_("Vanaf deze score: hoogspecialistische ggz."),
    )
    requires_all_characteristics = models.BooleanField(
        _("hoogspecialistisch alleen met alle drie de kenmerken"),
        default=True,
        help_text=_("Aan: ook bij een hoge score is de uitkomst alleen hoogspecialistisch als aan alle drie de kenmerken is voldaan."),
    )
    explanation = models.TextField(_("uitleg"), blank=True)
    source = models.TextField(_("bron"), blank=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    class Meta:
        ordering = ["tool__code", "-number"]
        verbose_name = _("versie van een vragenlijst")
        verbose_name_plural = _("versies van vragenlijsten")
        constraints = [
            models.UniqueConstraint(fields=["tool", "number"], name="triage_toolversion_unique_number"),
            models.CheckConstraint(
                condition=Q(high_specialist_cutoff__gte=models.F("specialist_cutoff")),
                name="triage_toolversion_cutoffs_ordered",
                violation_error_message=_("Het afkappunt voor hoogspecialistisch ligt niet onder dat voor specialistisch."),
            ),
            models.CheckConstraint(condition=Q(specialist_cutoff__gte=1), name="triage_toolversion_cutoff_positive"),
        ]

    def __str__(self):
        return f"{self.name} (v{self.number})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_example(self) -> bool:
        return self.status == ToolStatus.EXAMPLE

    def stored_is_published(self) -> bool:
        return bool(self.pk) and ToolVersion.objects.filter(pk=self.pk, published_at__isnull=False).exists()

    def save(self, *args, **kwargs):
        if self.stored_is_published():
            raise PublishedVersionError()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.stored_is_published():
            raise PublishedVersionError()
        return super().delete(*args, **kwargs)

    def clean(self):
        super().clean()
        if (
            self.specialist_cutoff is not None
            and self.high_specialist_cutoff is not None
            and self.high_specialist_cutoff < self.specialist_cutoff
        ):
            raise ValidationError(
                {"high_specialist_cutoff": _("Het afkappunt voor hoogspecialistisch ligt niet onder dat voor specialistisch.")}
            )


class Item(models.Model):
    version = models.ForeignKey(ToolVersion, on_delete=models.CASCADE, related_name="items", verbose_name=_("versie"))
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    key = models.SlugField(
        _("sleutel"), max_length=50, help_text=_("Korte naam in antwoordbestanden, bijvoorbeeld eerdere_behandeling.")
    )
    question = models.CharField(_("vraag"), max_length=500)
    help_text = models.CharField(_("toelichting"), max_length=1000, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("gewicht"), validators=[MinValueValidator(1), MaxValueValidator(rules.MAX_WEIGHT)], default=1
    )
    characteristic = models.CharField(_("kenmerk"), max_length=30, choices=Characteristic.choices, blank=True)

    class Meta:
        ordering = ["version", "position", "pk"]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="triage_item_unique_key"),
            models.CheckConstraint(
                condition=Q(weight__gte=1) & Q(weight__lte=rules.MAX_WEIGHT), name="triage_item_weight_range"
            ),
        ]

    def __str__(self):
        return self.key

    def _version_published(self) -> bool:
        return ToolVersion.objects.filter(pk=self.version_id, published_at__isnull=False).exists()

    def save(self, *args, **kwargs):
        if self._version_published():
            raise PublishedVersionError()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._version_published():
            raise PublishedVersionError()
        return super().delete(*args, **kwargs)


class TriageResult(models.Model):
    """One completed questionnaire: the answers and what the pure scoring made of them, for the version used."""

    version = models.ForeignKey(ToolVersion, on_delete=models.PROTECT, related_name="results", verbose_name=_("versie"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="triage_results", verbose_name=_("door")
    )
    created_at = models.DateTimeField(_("ingevuld op"), auto_now_add=True)
    target_group = models.ForeignKey(
        "register.TargetGroup", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("doelgroep")
    )
    age_group = models.ForeignKey(
        "register.AgeGroup", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("leeftijdsgroep")
    )
    pc4 = models.CharField(_("postcode (4 cijfers)"), max_length=4, blank=True, validators=[PC4])
    answers = models.JSONField(_("antwoorden"), default=dict, blank=True)  # item key -> true / false / null
    score = models.PositiveSmallIntegerField(_("score"))
    highest = models.PositiveSmallIntegerField(_("hoogst mogelijke score"))
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=ResultOutcome.choices)
    characteristics_met = models.JSONField(_("vervulde kenmerken"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("uitslag")
        verbose_name_plural = _("uitslagen")
        constraints = [
            models.CheckConstraint(condition=Q(outcome__in=ResultOutcome.values), name="triage_result_outcome_valid"),
            models.CheckConstraint(condition=Q(highest__gte=models.F("score")), name="triage_result_score_range"),
        ]
        indexes = [models.Index(fields=["created_by", "-created_at"], name="triage_result_by_user")]

    def __str__(self):
        return f"{self.version} #{self.pk}"


class IntakeUpload(models.Model):
    """One quarterly CSV upload of a department; its registrations go with it when a new upload replaces it."""

    department = models.ForeignKey(
        "register.Department", on_delete=models.CASCADE, related_name="intake_uploads", verbose_name=_("afdeling")
    )
    year = models.PositiveSmallIntegerField(_("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    quarter = models.PositiveSmallIntegerField(_("kwartaal"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    file_name = models.CharField(_("bestand"), max_length=200)
    rows = models.PositiveIntegerField(_("registraties"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("upload van intakes")
        verbose_name_plural = _("uploads van intakes")
        constraints = [
            models.UniqueConstraint(fields=["department", "year", "quarter"], name="triage_upload_one_per_quarter"),
            models.CheckConstraint(condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="triage_upload_quarter_range"),
        ]

    def __str__(self):
        return f"{self.department} {self.year}-Q{self.quarter}"


class IntakeRegistration(models.Model):
    class Basis(models.TextChoices):
        TOOL = "tool", _("Vragenlijst (Decision Tool)")
        OWN_CRITERIA = "own_criteria", _("Eigen criteria van de afdeling")

    department = models.ForeignKey(
        "register.Department", on_delete=models.CASCADE, related_name="intake_registrations", verbose_name=_("afdeling")
    )
    started_on = models.DateField(_("start behandeling"))
    target_group = models.ForeignKey(
        "register.TargetGroup", on_delete=models.PROTECT, related_name="+", verbose_name=_("doelgroep")
    )
    age_group = models.ForeignKey(
        "register.AgeGroup", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("leeftijdsgroep")
    )
    basis = models.CharField(_("vastgesteld met"), max_length=20, choices=Basis.choices)
    tool_version = models.ForeignKey(
        ToolVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("vragenlijst"),
    )
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    tool_outcome = models.CharField(_("uitkomst vragenlijst"), max_length=20, choices=Outcome.choices, blank=True)
    own_criteria = models.CharField(_("eigen criteria"), max_length=300, blank=True)
    high_specialist = models.BooleanField(_("hoogspecialistische zorgvraag (besluit afdeling)"))
    upload = models.ForeignKey(
        IntakeUpload, on_delete=models.CASCADE, null=True, blank=True, related_name="registrations", verbose_name=_("upload")
    )
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    registered_at = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("intakeregistratie")
        verbose_name_plural = _("intakeregistraties")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(basis="tool", tool_version__isnull=False, score__isnull=False) & ~Q(tool_outcome="")
                )
                | Q(basis="own_criteria", tool_version__isnull=True, score__isnull=True, tool_outcome=""),
                name="triage_registration_basis_consistent",
            ),
        ]
        indexes = [models.Index(fields=["department", "started_on"], name="triage_registration_quarter")]

    def __str__(self):
        return f"{self.department} {self.started_on.isoformat()}"
