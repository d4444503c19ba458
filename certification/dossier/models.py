"""The structured dossier in the database: one ``Dossier`` per department and visitation date.

The models mirror the frozen dataclasses of ``certification.dossier`` (and so
the JSON format, ``schema/dossier.schema.json``) one record kind per model.
``certification.dossier.db`` converts between the two; the checker only ever
sees the dataclasses.

Rules that hold here:

- Invariants are database constraints where a single row can express them
  (hours 0-168, FTE 0-2, shares 0-1, dates in order, one row per quarter or
  year, unique study titles and attachment ids per dossier). Rules that span
  rows (an attachment a staff member points at belongs to the same dossier)
  are checked in ``clean()``.
- ``Dossier.version`` is the optimistic-concurrency counter of the whole
  dossier: every write through ``certification.dossier.services`` names the version
  it started from and bumps it with a conditional ``UPDATE ... WHERE version
  = n`` (see ``services.claim_version``). Nothing else may write dossier rows.
- Files are stored once, as ``Attachment`` rows (checked by
  ``topggz.uploads``); a CV, an organigram or a signed agreement is a
  link from the record to its attachment, just as the JSON format refers to
  attachments by id.
- Every record keeps its history (django-simple-history).
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from topggz.limits import validate_finite

from certification.format import dossier as d
from topggz.uploads import validate_upload

HOURS = [validate_finite, MinValueValidator(0), MaxValueValidator(168)]
FTE = [validate_finite, MinValueValidator(0), MaxValueValidator(2)]
SHARE = [validate_finite, MinValueValidator(0), MaxValueValidator(1)]
YEAR = [MinValueValidator(1900), MaxValueValidator(2999)]
QUARTER = [MinValueValidator(1), MaxValueValidator(4)]
ATTACHMENT_KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
DISCIPLINE_PATTERN = r"^[a-z_]+$"

AGE_GROUPS = ("children", "youth", "young_adults", "adults", "elderly")
CARE_FUNCTIONS = ("outpatient", "day_treatment", "inpatient_open", "inpatient_closed", "home_treatment", "crisis")


# ------------------------------------------------------------ JSON validators


def validate_string_list(value):
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValidationError(_("Geef een lijst van (niet-lege) teksten."))


def _validate_choice_list(value, allowed, what):
    validate_string_list(value)
    unknown = [v for v in value if v not in allowed]
    if unknown:
        raise ValidationError(
            _("Onbekende %(what)s: %(unknown)s. Kies uit %(allowed)s."),
            params={"what": what, "unknown": ", ".join(unknown), "allowed": ", ".join(allowed)},
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("De lijst bevat dubbele waarden."))


def validate_age_groups(value):
    _validate_choice_list(value, AGE_GROUPS, _("leeftijdsgroep"))


def validate_care_functions(value):
    _validate_choice_list(value, CARE_FUNCTIONS, _("zorgfunctie"))


def validate_unique_string_list(value):
    validate_string_list(value)
    if len(set(value)) != len(value):
        raise ValidationError(_("De lijst bevat dubbele waarden."))


def validate_authors(value):
    """A non-empty list of ``{"name": "...", "unit_author": true|false}``."""
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Een publicatie heeft minstens één auteur."))
    for i, author in enumerate(value, start=1):
        if (
            not isinstance(author, dict)
            or set(author) - {"name", "unit_author"}
            or not isinstance(author.get("name"), str)
            or not author["name"].strip()
            or not isinstance(author.get("unit_author", False), bool)
        ):
            raise ValidationError(
                _('Auteur %(n)s moet de vorm {"name": "...", "unit_author": true/false} hebben.'), params={"n": i}
            )


def _ordered(start, end):
    """Both dates given, end not before start (an end date is the last day)."""
    return Q(**{f"{end}__isnull": True}) | Q(**{f"{start}__isnull": True}) | Q(**{f"{end}__gte": F(start)})


def _between(field, low, high):
    return Q(**{f"{field}__gte": low, f"{field}__lte": high})


def _same_dossier(record, field_name, label, *, of_dossier=False):
    """Cross-row rule: a linked attachment or study belongs to the record's own dossier.

    ``of_dossier``: ``record`` is the dossier itself (its own id is the owner; an unsaved dossier owns no
    attachment yet, so any link is to another dossier's). A record not yet given a dossier is not checked here:
    the service sets the dossier and validates again.
    """
    if of_dossier:
        owner, known = record.pk, True
    else:
        owner = record.dossier_id
        known = owner is not None
    target = getattr(record, field_name, None)
    if target is not None and known and target.dossier_id != owner:
        raise ValidationError({field_name: _("%(label)s hoort bij een ander dossier.") % {"label": label}})


# ------------------------------------------------------------------- dossier


class Dossier(models.Model):
    """A department's dossier for one visitation: the cover sheet and the narrative parts.

    ``criteria_set`` empty means: the published set in force on the
    visitation date (``effective_criteria_set``), so moving the date moves
    the set with it.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Concept")
        SUBMITTED = "submitted", _("Ingediend")

    department = models.ForeignKey(
        "register.Department", on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("afdeling")
    )
    visitation_date = models.DateField(_("geplande visitatiedatum"))
    criteria_set = models.ForeignKey(
        "certification.CriteriaSet",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("criteriaset"),
        help_text=_("Leeg: de gepubliceerde set die geldt op de visitatiedatum."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(
        _("versie"), default=1, editable=False, help_text=_("Telt op bij elke wijziging; voorkomt dat twee redacteuren elkaars werk overschrijven.")
    )
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True, editable=False)

    # Criterion 1: the unit as the dossier describes it (a snapshot; the register may differ).
    department_name = models.CharField(_("naam van de eenheid"), max_length=200)
    institution = models.CharField(_("instelling(en)"), max_length=300, blank=True)
    specialised_since = models.DateField(_("gespecialiseerd sinds"), null=True, blank=True)
    target_group = models.TextField(_("doelgroep"), blank=True)
    diagnoses = models.JSONField(_("diagnoses"), default=list, blank=True, validators=[validate_string_list])
    age_groups = models.JSONField(_("leeftijdsgroepen"), default=list, blank=True, validators=[validate_age_groups])
    other_characteristics = models.TextField(_("andere kenmerken van de doelgroep"), blank=True)
    specialist_offer = models.TextField(_("hoogspecialistisch zorgaanbod"), blank=True)
    management = models.TextField(_("aansturing en positionering"), blank=True)
    organigram = models.ForeignKey(
        "certification.Attachment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organigram (bijlage)"),
    )
    chain_position = models.TextField(_("positie in de zorgketen"), blank=True)
    # Criterion 2: the narrative of the patient population.
    intake_criteria = models.TextField(_("criteria hoogspecialistische zorgvraag"), blank=True)
    decision_tool = models.TextField(_("besluitvormingsinstrument"), blank=True)
    outflow_criteria = models.TextField(_("uitstroomcriteria"), blank=True)
    # Criterion 13: how the unit takes part in training.
    training_participation = models.TextField(_("participatie in opleidingen"), blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-visitation_date", "department_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "visitation_date"],
                name="certification_dossier_one_per_visitation",
                violation_error_message=_("Deze afdeling heeft al een dossier voor deze visitatiedatum."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted"]), name="certification_dossier_status_valid"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="certification_dossier_version_positive"),
            models.CheckConstraint(condition=~Q(department_name=""), name="certification_dossier_name_required"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="certification_dossier_submitted_has_moment",
            ),
        ]

    def __str__(self):
        return f"{self.department_name} – visitatie {self.visitation_date.isoformat()}"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    def effective_criteria_set(self):
        """The chosen set, else the published set in force on the visitation date (None if there is none)."""
        if self.criteria_set_id is not None:
            return self.criteria_set
        from certification.criteria.selectors import criteria_set_for

        return criteria_set_for(self.visitation_date)

    def clean(self):
        super().clean()
        _same_dossier(self, "organigram", _("Het organigram"), of_dossier=True)


def _dossier(related_name: str):
    return models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name=related_name, verbose_name=_("dossier"))


class DossierRecord(models.Model):
    """One item of one of the dossier's lists; ``position`` keeps the order of the list (and its JSON path)."""

    position = models.PositiveIntegerField(_("volgorde"), default=0)
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class DossierSection(models.Model):
    """A part of the dossier that exists at most once (outcome measurement, board statement, self-evaluation)."""

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


# ----------------------------------------------------------------- attachments


def attachment_path(instance, filename) -> str:
    """dossiers/<dossier id>/<random>.<ext>: names in storage reveal nothing; the original name is kept in the row."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"dossiers/{instance.dossier_id}/{uuid.uuid4().hex}{suffix}"


class Attachment(DossierRecord):
    class Kind(models.TextChoices):
        CV = "cv", _("Cv")
        ORGANIGRAM = "organigram", _("Organigram")
        AGREEMENT = "agreement", _("Overeenkomst")
        OTHER = "other", _("Overig")

    dossier = _dossier("attachments")
    key = models.CharField(
        _("id"),
        max_length=100,
        validators=[RegexValidator(ATTACHMENT_KEY_PATTERN, _("Letters, cijfers, punt, streepje of liggend streepje."))],
        help_text=_("Waarmee andere onderdelen naar deze bijlage verwijzen, bijvoorbeeld cv-jansen."),
    )
    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(
        _("bestand"), upload_to=attachment_path, max_length=300, blank=True, validators=[validate_upload]
    )
    file_name = models.CharField(
        _("bestandsnaam of URL"),
        max_length=500,
        blank=True,
        help_text=_("De oorspronkelijke bestandsnaam (of een URL als het bestand elders staat)."),
    )

    class Meta(DossierRecord.Meta):
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "key"],
                name="certification_attachment_key_unique",
                violation_error_message=_("Dit dossier heeft al een bijlage met dit id."),
            ),
            models.CheckConstraint(
                condition=Q(key__regex=ATTACHMENT_KEY_PATTERN), name="certification_attachment_key_format"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="certification_attachment_title_required"),
            models.CheckConstraint(
                condition=Q(kind__in=["cv", "organigram", "agreement", "other"]),
                name="certification_attachment_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.key}: {self.title}"


# ----------------------------------------------------------------- criterion 1


class DossierLocation(DossierRecord):
    dossier = _dossier("locations")
    name = models.CharField(_("naam"), max_length=200)
    size = models.CharField(_("omvang"), max_length=300, blank=True)
    care_functions = models.JSONField(
        _("zorgfuncties"), default=list, blank=True, validators=[validate_care_functions]
    )

    class Meta(DossierRecord.Meta):
        verbose_name = _("locatie in het dossier")
        verbose_name_plural = _("locaties in het dossier")
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="certification_location_name_required")]

    def __str__(self):
        return self.name


# ----------------------------------------------------------------------- staff


class StaffMember(DossierRecord):
    """A staff member with their roles for criteria 4 (figurehead), 7 (senior researcher), 8 (professor), 9 (PhD)."""

    class Phd(models.TextChoices):
        OBTAINED = d.PHD_OBTAINED, _("Gepromoveerd")
        EQUIVALENT = d.PHD_EQUIVALENT, _("Vergelijkbaar niveau")
        NONE = d.PHD_NONE, _("Geen")

    dossier = _dossier("staff")
    name = models.CharField(_("naam"), max_length=200)
    discipline = models.CharField(_("discipline"), max_length=200, blank=True)
    function = models.CharField(_("functie"), max_length=200, blank=True)
    fte = models.FloatField(_("fte"), default=0, validators=FTE)
    hours_per_week = models.FloatField(_("uren per week verbonden"), default=0, validators=HOURS)
    clinical_hours_per_week = models.FloatField(_("uren directe patiëntenzorg per week"), default=0, validators=HOURS)
    research_hours_per_week = models.FloatField(_("uren onderzoek per week"), default=0, validators=HOURS)
    phd = models.CharField(_("promotie"), max_length=20, choices=Phd.choices, default=Phd.NONE)
    phd_equivalent_explanation = models.TextField(_("onderbouwing vergelijkbaar niveau"), blank=True)
    cv = models.ForeignKey(
        Attachment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("cv (bijlage)")
    )
    start_date = models.DateField(_("in dienst vanaf"), null=True, blank=True)
    end_date = models.DateField(_("laatste werkdag"), null=True, blank=True)

    is_figurehead = models.BooleanField(_("boegbeeld"), default=False)
    figurehead_field = models.CharField(_("terrein van het boegbeeld"), max_length=300, blank=True)
    is_senior_researcher = models.BooleanField(_("senior onderzoeker"), default=False)
    is_professor = models.BooleanField(_("hoogleraar"), default=False)
    professor_hours_per_week = models.FloatField(_("uren per week als hoogleraar"), default=0, validators=HOURS)
    professor_contribution = models.TextField(_("bijdrage van de hoogleraar"), blank=True)
    professor_chair = models.CharField(_("leerstoel"), max_length=300, blank=True)
    professor_university = models.CharField(_("universiteit"), max_length=300, blank=True)
    is_phd_candidate = models.BooleanField(_("promovendus"), default=False)
    phd_candidate_study = models.ForeignKey(
        "certification.Study",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("promotieonderzoek"),
    )

    class Meta(DossierRecord.Meta):
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="certification_staff_name_required"),
            models.CheckConstraint(condition=_between("fte", 0, 2), name="certification_staff_fte_range"),
            models.CheckConstraint(condition=_between("hours_per_week", 0, 168), name="certification_staff_hours_range"),
            models.CheckConstraint(
                condition=_between("clinical_hours_per_week", 0, 168), name="certification_staff_clinical_hours_range"
            ),
            models.CheckConstraint(
                condition=_between("research_hours_per_week", 0, 168), name="certification_staff_research_hours_range"
            ),
            models.CheckConstraint(
                condition=_between("professor_hours_per_week", 0, 168), name="certification_staff_professor_hours_range"
            ),
            models.CheckConstraint(
                condition=Q(phd__in=[d.PHD_OBTAINED, d.PHD_EQUIVALENT, d.PHD_NONE]),
                name="certification_staff_phd_valid",
            ),
            models.CheckConstraint(condition=_ordered("start_date", "end_date"), name="certification_staff_dates_in_order"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        _same_dossier(self, "cv", _("Het cv"))
        _same_dossier(self, "phd_candidate_study", _("Het promotieonderzoek"))
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("De laatste werkdag ligt voor de eerste.")})


# ---------------------------------------------------------------- criteria 1b, 2


class PatientYear(DossierRecord):
    dossier = _dossier("patient_years")
    year = models.PositiveSmallIntegerField(_("jaar"), validators=YEAR)
    count = models.PositiveIntegerField(_("aantal behandelde patiënten"), validators=[validate_finite])

    class Meta(DossierRecord.Meta):
        verbose_name = _("behandelde patiënten per jaar")
        verbose_name_plural = _("behandelde patiënten per jaar")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "year"],
                name="certification_patientyear_unique",
                violation_error_message=_("Dit jaar staat er al in."),
            ),
            models.CheckConstraint(condition=_between("year", 1900, 2999), name="certification_patientyear_year_range"),
        ]

    def __str__(self):
        return f"{self.year}: {self.count}"


class TreatmentQuarter(DossierRecord):
    dossier = _dossier("treatment_quarters")
    year = models.PositiveSmallIntegerField(_("jaar"), validators=YEAR)
    quarter = models.PositiveSmallIntegerField(_("kwartaal"), validators=QUARTER)
    started = models.PositiveIntegerField(_("gestarte behandelingen"), validators=[validate_finite])
    high_specialist = models.PositiveIntegerField(_("waarvan hoogspecialistisch"), validators=[validate_finite])
    # Set only by services.fill_treatment_quarters; a row someone types or changes by hand is False, and the
    # fill never overwrites it. Not part of the JSON format (its schema allows no extra property).
    from_intake = models.BooleanField(
        _("uit de intakeregistratie"),
        default=False,
        editable=False,
        help_text=_("Ingevuld uit de geregistreerde gestarte behandelingen; bij een volgende keer aanvullen wordt de rij vervangen."),
    )

    class Meta(DossierRecord.Meta):
        verbose_name = _("gestarte behandelingen per kwartaal")
        verbose_name_plural = _("gestarte behandelingen per kwartaal")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "year", "quarter"],
                name="certification_treatmentquarter_unique",
                violation_error_message=_("Dit kwartaal staat er al in."),
            ),
            models.CheckConstraint(condition=_between("quarter", 1, 4), name="certification_treatmentquarter_quarter_range"),
            models.CheckConstraint(condition=_between("year", 1900, 2999), name="certification_treatmentquarter_year_range"),
            models.CheckConstraint(
                condition=Q(high_specialist__lte=F("started")), name="certification_treatmentquarter_high_within_started"
            ),
        ]

    def __str__(self):
        return f"{self.year}-Q{self.quarter}"

    def clean(self):
        super().clean()
        if self.high_specialist is not None and self.started is not None and self.high_specialist > self.started:
            raise ValidationError(
                {"high_specialist": _("Er kunnen niet meer hoogspecialistische behandelingen zijn dan gestarte.")}
            )


# ------------------------------------------------------------------ criterion 3

SERVICE_KINDS = [("consultation", _("Consultatie en advies")), ("second_opinion", _("Second opinion"))]


class ConsultationService(DossierSection):
    """The description of consultation & advice (3a) or second opinion (3b); one per kind."""

    dossier = _dossier("consultation_services")
    kind = models.CharField(_("soort"), max_length=20, choices=SERVICE_KINDS)
    description = models.TextField(_("activiteiten en vormen"), blank=True)
    requesters = models.TextField(_("aanvragers"), blank=True)
    professionals = models.TextField(_("uitvoerende professionals"), blank=True)
    example = models.TextField(_("typisch voorbeeld"), blank=True)
    example_benefit = models.TextField(_("opbrengst voor consultvrager en patiënt"), blank=True)

    class Meta:
        verbose_name = _("consultatie of second opinion")
        verbose_name_plural = _("consultatie en second opinion")
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "kind"], name="certification_consultationservice_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=["consultation", "second_opinion"]), name="certification_consultationservice_kind"
            ),
        ]

    def __str__(self):
        return self.get_kind_display()


class ConsultationQuarter(DossierRecord):
    dossier = _dossier("consultation_quarters")
    kind = models.CharField(_("soort"), max_length=20, choices=SERVICE_KINDS)
    year = models.PositiveSmallIntegerField(_("jaar"), validators=YEAR)
    quarter = models.PositiveSmallIntegerField(_("kwartaal"), validators=QUARTER)
    count = models.PositiveIntegerField(_("geschat aantal"), validators=[validate_finite])
    supra_regional_share = models.FloatField(
        _("bovenregionaal aandeel"),
        validators=SHARE,
        help_text=_("Opgeslagen als fractie van 0 tot 1 (zoals in het JSON-formaat); het formulier vraagt een percentage."),
    )
    # Set only by services.fill_consultation_quarters; a row someone types or changes by hand is False, and
    # the fill never overwrites it. Not part of the JSON format (its schema allows no extra property).
    from_desk = models.BooleanField(
        _("uit de consultatiebalie"),
        default=False,
        editable=False,
        help_text=_("Ingevuld uit de consultatiebalie; bij een volgende keer aanvullen wordt de rij vervangen."),
    )

    class Meta(DossierRecord.Meta):
        verbose_name = _("consultaties per kwartaal")
        verbose_name_plural = _("consultaties per kwartaal")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "kind", "year", "quarter"],
                name="certification_consultationquarter_unique",
                violation_error_message=_("Dit kwartaal staat er al in."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["consultation", "second_opinion"]), name="certification_consultationquarter_kind"
            ),
            models.CheckConstraint(
                condition=_between("quarter", 1, 4), name="certification_consultationquarter_quarter_range"
            ),
            models.CheckConstraint(
                condition=_between("year", 1900, 2999), name="certification_consultationquarter_year_range"
            ),
            models.CheckConstraint(
                condition=_between("supra_regional_share", 0, 1), name="certification_consultationquarter_share_range"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year}-Q{self.quarter}"


# ------------------------------------------------------------------ criterion 5


class Innovation(DossierRecord):
    dossier = _dossier("innovations")
    title = models.CharField(_("naam"), max_length=300)
    target_group = models.TextField(_("doelgroep"), blank=True)
    description = models.TextField(_("beschrijving"), blank=True)
    innovative_aspect = models.TextField(_("innovatief karakter"), blank=True)
    difference_from_regular_care = models.TextField(_("verschil met reguliere zorg"), blank=True)
    effectiveness_design = models.TextField(_("design effectiviteitsonderzoek"), blank=True)
    study = models.ForeignKey(
        "certification.Study",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("onderzoek"),
    )
    public = models.BooleanField(
        _("openbaar in de kennisbank"),
        default=False,
        help_text=_("Aangevinkt: iedereen kan dit zien in de kennisbank en op de pagina van de afdeling."),
    )

    class Meta(DossierRecord.Meta):
        verbose_name = _("innovatie")
        verbose_name_plural = _("innovaties")
        constraints = [models.CheckConstraint(condition=~Q(title=""), name="certification_innovation_title_required")]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        _same_dossier(self, "study", _("Het onderzoek"))


# ------------------------------------------------------------------ criterion 6


class OutcomeMeasurement(DossierSection):
    dossier = models.OneToOneField(
        Dossier, on_delete=models.CASCADE, related_name="outcome_measurement", verbose_name=_("dossier")
    )
    individual_use = models.TextField(_("gebruik bij de individuele behandeling"), blank=True)
    group_results = models.TextField(_("resultaten op groepsniveau"), blank=True)
    appreciation_method = models.TextField(_("meting van de waardering"), blank=True)
    appreciation_results = models.TextField(_("uitkomsten van de waardering"), blank=True)
    adjustment_example = models.TextField(_("voorbeeld van een aanpassing"), blank=True)

    class Meta:
        verbose_name = _("effectmeting")
        verbose_name_plural = _("effectmetingen")

    def __str__(self):
        return str(_("effectmeting"))


class OutcomeInstrument(DossierRecord):
    dossier = _dossier("outcome_instruments")
    name = models.CharField(_("instrument"), max_length=300)
    moments = models.CharField(_("meetmomenten"), max_length=500, blank=True)

    class Meta(DossierRecord.Meta):
        verbose_name = _("meetinstrument")
        verbose_name_plural = _("meetinstrumenten")
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="certification_instrument_name_required")]

    def __str__(self):
        return self.name


# --------------------------------------------------------------- criteria 9-11


class Study(DossierRecord):
    dossier = _dossier("studies")
    title = models.CharField(_("titel"), max_length=500)
    subject = models.TextField(_("onderwerp"), blank=True)
    researchers = models.JSONField(_("onderzoekers"), default=list, blank=True, validators=[validate_string_list])
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("laatste dag"), null=True, blank=True, help_text=_("Leeg: loopt nog."))
    phase = models.CharField(_("fase"), max_length=300, blank=True)
    is_phd_study = models.BooleanField(_("promotieonderzoek"), default=False)
    phd_candidate = models.CharField(_("promovendus"), max_length=200, blank=True)
    promotors = models.JSONField(_("(co)promotoren"), default=list, blank=True, validators=[validate_string_list])
    candidate_involvement = models.TextField(_("betrokkenheid van de promovendus"), blank=True)
    public = models.BooleanField(
        _("openbaar in de kennisbank"),
        default=False,
        help_text=_("Aangevinkt: iedereen kan dit zien in de kennisbank en op de pagina van de afdeling."),
    )

    class Meta(DossierRecord.Meta):
        verbose_name = _("onderzoek")
        verbose_name_plural = _("onderzoeken")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "title"],
                name="certification_study_title_unique",
                violation_error_message=_("Dit dossier heeft al een onderzoek met deze titel; titels moeten uniek zijn."),
            ),
            models.CheckConstraint(condition=~Q(title=""), name="certification_study_title_required"),
            models.CheckConstraint(condition=_ordered("start_date", "end_date"), name="certification_study_dates_in_order"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("De einddatum ligt voor de startdatum.")})


class Publication(DossierRecord):
    class Type(models.TextChoices):
        ARTICLE = "article", _("Tijdschriftartikel")
        REVIEW = "review", _("Overzichtsartikel")
        CONGRESS_ABSTRACT = "congress_abstract", _("Congresabstract")
        BOOK_CHAPTER = "book_chapter", _("Boekhoofdstuk")
        BOOK = "book", _("Boek")
        THESIS = "thesis", _("Proefschrift")
        OTHER = "other", _("Ander type publicatie")

    dossier = _dossier("publications")
    type = models.CharField(_("soort"), max_length=20, choices=Type.choices, default=Type.ARTICLE)
    title = models.TextField(_("titel"))
    date = models.DateField(_("datum van publicatie"))
    authors = models.JSONField(
        _("auteurs"),
        default=list,
        validators=[validate_authors],
        help_text=_('Lijst van {"name": "Jansen, P.", "unit_author": true}; auteurs van de eenheid staan vet in het overzicht.'),
    )
    journal = models.CharField(_("tijdschrift"), max_length=500, blank=True)
    peer_reviewed = models.BooleanField(_("peer reviewed"), default=False)
    international = models.BooleanField(_("internationaal tijdschrift"), default=False)
    indexes = models.JSONField(
        _("gerefereerd in"), default=list, blank=True, validators=[validate_unique_string_list],
        help_text=_("Bijvoorbeeld PubMed, PsycINFO, Embase."),
    )
    link = models.CharField(_("link"), max_length=1000, blank=True)
    doi = models.CharField(
        _("DOI"), max_length=255, blank=True, db_index=True, help_text=_("Zonder https://doi.org/, in kleine letters.")
    )
    public = models.BooleanField(
        _("openbaar in de kennisbank"),
        default=False,
        help_text=_("Aangevinkt: iedereen kan dit zien in de kennisbank en op de pagina van de afdeling."),
    )

    class Meta(DossierRecord.Meta):
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="certification_publication_title_required"),
            models.CheckConstraint(
                condition=Q(type__in=[t for t, _label in d.PUBLICATION_TYPES.items()]),
                name="certification_publication_type_valid",
            ),
        ]

    def __str__(self):
        return self.title


class Presentation(DossierRecord):
    class Scope(models.TextChoices):
        NATIONAL = "national", _("Nationaal")
        INTERNATIONAL = "international", _("Internationaal")

    class Kind(models.TextChoices):
        LECTURE = "lecture", _("Lezing")
        PRESENTATION = "presentation", _("Presentatie")
        POSTER = "poster", _("Posterpresentatie")

    dossier = _dossier("presentations")
    date = models.DateField(_("datum"))
    congress = models.CharField(_("congres of symposium"), max_length=500)
    scope = models.CharField(_("reikwijdte"), max_length=20, choices=Scope.choices)
    title = models.CharField(_("titel"), max_length=500)
    presenter = models.CharField(_("spreker"), max_length=200)
    kind = models.CharField(_("vorm"), max_length=20, choices=Kind.choices, blank=True)
    public = models.BooleanField(
        _("openbaar in de kennisbank"),
        default=False,
        help_text=_("Aangevinkt: iedereen kan dit zien in de kennisbank en op de pagina van de afdeling."),
    )

    class Meta(DossierRecord.Meta):
        verbose_name = _("voordracht")
        verbose_name_plural = _("voordrachten")
        constraints = [
            models.CheckConstraint(condition=~Q(congress=""), name="certification_presentation_congress_required"),
            models.CheckConstraint(condition=~Q(title=""), name="certification_presentation_title_required"),
            models.CheckConstraint(condition=~Q(presenter=""), name="certification_presentation_presenter_required"),
            models.CheckConstraint(
                condition=Q(scope__in=["national", "international"]), name="certification_presentation_scope_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["", "lecture", "presentation", "poster"]),
                name="certification_presentation_kind_valid",
            ),
        ]

    def __str__(self):
        return self.title


class Activity(DossierRecord):
    title = models.CharField(_("korte naam"), max_length=300)
    date = models.DateField(_("(start)datum"))
    end_date = models.DateField(_("laatste dag"), null=True, blank=True)
    kind = models.CharField(_("soort"), max_length=200, blank=True)
    description = models.TextField(_("beschrijving"), blank=True)
    result = models.TextField(_("resultaat"), blank=True)

    class Meta(DossierRecord.Meta):
        abstract = True

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.date and self.end_date and self.end_date < self.date:
            raise ValidationError({"end_date": _("De laatste dag ligt voor de startdatum.")})


class KnowledgeTransferActivity(Activity):
    dossier = _dossier("knowledge_transfer")

    class Meta(Activity.Meta):
        verbose_name = _("activiteit kennisoverdracht")
        verbose_name_plural = _("activiteiten kennisoverdracht")
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="certification_knowledgetransfer_title_required"),
            models.CheckConstraint(
                condition=_ordered("date", "end_date"), name="certification_knowledgetransfer_dates_in_order"
            ),
        ]


class PatientParticipation(Activity):
    dossier = _dossier("patient_participation")
    public = models.BooleanField(
        _("openbaar in de kennisbank"),
        default=False,
        help_text=_("Aangevinkt: iedereen kan dit zien in de kennisbank en op de pagina van de afdeling."),
    )

    class Meta(Activity.Meta):
        verbose_name = _("activiteit patiëntenparticipatie")
        verbose_name_plural = _("activiteiten patiëntenparticipatie")
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="certification_participation_title_required"),
            models.CheckConstraint(
                condition=_ordered("date", "end_date"), name="certification_participation_dates_in_order"
            ),
        ]


# ------------------------------------------------------------------ criterion 8


class UniversityAgreement(DossierRecord):
    class PartnerKind(models.TextChoices):
        UNIVERSITY = "university", _("Universiteit")
        UMC = "umc", _("UMC")

    dossier = _dossier("university_agreements")
    partner = models.CharField(_("universiteit of UMC"), max_length=300)
    partner_kind = models.CharField(_("soort partner"), max_length=20, choices=PartnerKind.choices, blank=True)
    description = models.TextField(_("wederzijds voordeel"), blank=True)
    document = models.ForeignKey(
        Attachment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("getekende overeenkomst (bijlage)"),
    )
    start_date = models.DateField(_("ingangsdatum"), null=True, blank=True)
    end_date = models.DateField(_("laatste dag"), null=True, blank=True)

    class Meta(DossierRecord.Meta):
        verbose_name = _("samenwerkingsovereenkomst")
        verbose_name_plural = _("samenwerkingsovereenkomsten")
        constraints = [
            models.CheckConstraint(condition=~Q(partner=""), name="certification_agreement_partner_required"),
            models.CheckConstraint(
                condition=Q(partner_kind__in=["", "university", "umc"]), name="certification_agreement_kind_valid"
            ),
            models.CheckConstraint(
                condition=_ordered("start_date", "end_date"), name="certification_agreement_dates_in_order"
            ),
        ]

    def __str__(self):
        return self.partner

    def clean(self):
        super().clean()
        _same_dossier(self, "document", _("De overeenkomst"))
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("De laatste dag ligt voor de ingangsdatum.")})


# ----------------------------------------------------------------- criterion 13


class TrainingPlace(DossierRecord):
    dossier = _dossier("training_places")
    discipline = models.CharField(
        _("discipline"),
        max_length=50,
        validators=[RegexValidator(DISCIPLINE_PATTERN, _("Kleine letters en liggende streepjes, bijvoorbeeld klinisch_psycholoog."))],
    )
    places = models.PositiveSmallIntegerField(_("aantal plaatsen"), default=1)
    recognition = models.CharField(_("erkenning"), max_length=300, blank=True)
    end_date = models.DateField(
        _("laatste dag"),
        null=True,
        blank=True,
        help_text=_("De laatste dag dat de opleidingsplaats er is. Leeg: de plaats loopt door."),
    )
    public = models.BooleanField(
        _("openbaar in de kennisbank"),
        default=False,
        help_text=_("Aangevinkt: iedereen kan dit zien in de kennisbank en op de pagina van de afdeling."),
    )

    class Meta(DossierRecord.Meta):
        verbose_name = _("opleidingsplaats")
        verbose_name_plural = _("opleidingsplaatsen")
        constraints = [
            models.CheckConstraint(
                condition=Q(discipline__regex=DISCIPLINE_PATTERN), name="certification_trainingplace_discipline_format"
            ),
        ]

    def __str__(self):
        return self.discipline


class TrainingOccupancy(models.Model):
    """How many of a training place's positions were actually filled in a calendar year (13b)."""

    place = models.ForeignKey(
        TrainingPlace, on_delete=models.CASCADE, related_name="occupancy", verbose_name=_("opleidingsplaats")
    )
    year = models.PositiveSmallIntegerField(_("jaar"), validators=YEAR)
    occupied = models.PositiveSmallIntegerField(_("bezet"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bezetting opleidingsplaats")
        verbose_name_plural = _("bezetting opleidingsplaatsen")
        ordering = ["place", "year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "year"],
                name="certification_occupancy_unique",
                violation_error_message=_("De bezetting van dit jaar staat er al in."),
            ),
            models.CheckConstraint(condition=_between("year", 1900, 2999), name="certification_occupancy_year_range"),
        ]

    def __str__(self):
        return f"{self.year}: {self.occupied}"


# ----------------------------------------------------------------- criterion 14


class BoardStatement(DossierSection):
    dossier = models.OneToOneField(
        Dossier, on_delete=models.CASCADE, related_name="board_statement", verbose_name=_("dossier")
    )
    commitment = models.TextField(_("commitment van de raad van bestuur"), blank=True)
    funding = models.TextField(_("financiering"), blank=True)
    signed_by = models.CharField(_("ondertekend door"), max_length=200, blank=True)
    signed_on = models.DateField(_("ondertekend op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verklaring raad van bestuur")
        verbose_name_plural = _("verklaringen raad van bestuur")

    def __str__(self):
        return str(_("verklaring raad van bestuur"))


class SelfEvaluation(DossierSection):
    dossier = models.OneToOneField(
        Dossier, on_delete=models.CASCADE, related_name="self_evaluation", verbose_name=_("dossier")
    )
    strengths = models.TextField(_("sterke kanten"), blank=True)
    weaknesses = models.TextField(_("zwakke kanten"), blank=True)
    development_points = models.TextField(_("ontwikkelpunten"), blank=True)

    class Meta:
        verbose_name = _("zelfevaluatie")
        verbose_name_plural = _("zelfevaluaties")

    def __str__(self):
        return str(_("zelfevaluatie"))


# -------------------------------------------------------------------- committee


class CommitteeAssignment(models.Model):
    """A committee member or secretary assigned to review one dossier; they may read it, nothing more (yet)."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Lid")
        SECRETARY = "secretary", _("Secretaris")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="committee_assignments",
        verbose_name=_("gebruiker"),
    )
    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="committee_assignments", verbose_name=_("dossier")
    )
    role = models.CharField(_("rol in de commissie"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("toewijzing visitatiecommissie")
        verbose_name_plural = _("toewijzingen visitatiecommissie")
        ordering = ["dossier", "role", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dossier"],
                name="certification_committee_once_per_dossier",
                violation_error_message=_("Deze gebruiker is al aan dit dossier toegewezen."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=["member", "secretary"]), name="certification_committee_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}) – {self.dossier}"

    def clean(self):
        super().clean()
        from accounts.roles import Role as UserRole

        user = getattr(self, "user", None) if self.user_id else None
        if user is not None and user.role not in (UserRole.COMMITTEE_MEMBER, UserRole.COMMITTEE_SECRETARY):
            raise ValidationError(
                {"user": _("Alleen gebruikers met de rol lid of secretaris van de visitatiecommissie kunnen worden toegewezen.")}
            )
