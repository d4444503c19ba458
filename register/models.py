"""The register of TOPGGz departments.

Invariants live in the database (check and unique constraints), not only in
forms, so that imports, the admin and later APIs cannot store invalid rows.
Controlled vocabularies (target groups, age groups, care functions,
exclusion criteria) are tables seeded by migrations, so the bureau can add a
term without a code change.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from geo.models import LAT_RANGE, LON_RANGE, Municipality

from . import validators
from .services import RegisterManager


class Vocabulary(models.Model):
    """A term of a controlled vocabulary with a Dutch and an English label."""

    objects = RegisterManager()  # bulk writes change the finder's index stamp (register.services)

    code = models.SlugField(_("code"), max_length=50, unique=True)
    label_nl = models.CharField(_("naam (Nederlands)"), max_length=120, unique=True)
    label_en = models.CharField(_("naam (Engels)"), max_length=120)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "label_nl"]

    @property
    def label(self) -> str:
        return self.label_en if translation.get_language() == "en" else self.label_nl

    def __str__(self):
        return self.label


class TargetGroup(Vocabulary):
    """A diagnosis or problem group (doelgroep), with its synonyms and abbreviations.

    Synonyms and abbreviations are lists of strings; the finder uses them to
    match what people type ("PTSS" finds psychotrauma).
    """

    description = models.TextField(_("omschrijving"), blank=True)
    synonyms = models.JSONField(_("synoniemen"), default=list, blank=True)
    abbreviations = models.JSONField(_("afkortingen"), default=list, blank=True)

    class Meta(Vocabulary.Meta):
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")

    def all_terms(self) -> list[str]:
        return [self.label_nl, self.label_en, *self.synonyms, *self.abbreviations]


class AgeGroup(Vocabulary):
    min_age = models.PositiveSmallIntegerField(_("vanaf leeftijd"))
    max_age = models.PositiveSmallIntegerField(_("tot en met leeftijd"), null=True, blank=True)

    class Meta(Vocabulary.Meta):
        verbose_name = _("leeftijdsgroep")
        verbose_name_plural = _("leeftijdsgroepen")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_age__isnull=True) | Q(max_age__gte=F("min_age")),
                name="register_agegroup_age_range_valid",
            )
        ]


class CareFunction(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("zorgfunctie")
        verbose_name_plural = _("zorgfuncties")


class ExclusionCriterion(Vocabulary):
    """A structured, comparable exclusion criterion (for example 'IQ below 70')."""

    description = models.TextField(_("omschrijving"), blank=True)

    class Meta(Vocabulary.Meta):
        verbose_name = _("exclusiecriterium")
        verbose_name_plural = _("exclusiecriteria")


class ComplaintTerm(models.Model):
    """A lay word or symptom people type ("stemmen horen", "zelfbeschadiging", "panic attacks").

    The finder reads it as the target groups it is linked to, each with a
    weight (ComplaintLink): "stemmen horen" is psychosis (1.0) and a little
    psychotrauma (0.4). Kept by the bureau in the admin, with import and
    export (register.importexport.complaints); seeded from
    register/data/complaints.csv.
    """

    class Language(models.TextChoices):
        DUTCH = "nl", _("Nederlands")
        ENGLISH = "en", _("Engels")

    objects = RegisterManager()  # bulk writes change the finder's index stamp (register.services)

    term = models.CharField(_("woord of zin"), max_length=100, unique=True)
    language = models.CharField(_("taal"), max_length=2, choices=Language.choices, default=Language.DUTCH)
    target_groups = models.ManyToManyField(
        TargetGroup, through="ComplaintLink", related_name="complaint_terms", verbose_name=_("doelgroepen")
    )

    class Meta:
        verbose_name = _("klachtenwoord")
        verbose_name_plural = _("klachtenwoorden")
        ordering = ["term"]
        constraints = [
            models.CheckConstraint(condition=~Q(term=""), name="register_complaintterm_term_required"),
            models.CheckConstraint(condition=Q(language__in=["nl", "en"]), name="register_complaintterm_language_valid"),
        ]

    def __str__(self):
        return self.term


class ComplaintLink(models.Model):
    """How strongly a complaint term points to a target group: a weight above 0 and at most 1."""

    objects = RegisterManager()  # bulk writes change the finder's index stamp (register.services)

    complaint = models.ForeignKey(ComplaintTerm, on_delete=models.CASCADE, related_name="links")
    target_group = models.ForeignKey(
        TargetGroup, on_delete=models.CASCADE, related_name="complaint_links", verbose_name=_("doelgroep")
    )
    weight = models.DecimalField(
        _("gewicht"),
        max_digits=3,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0.01), MaxValueValidator(1)],
        help_text=_("Hoe sterk het woord op deze doelgroep wijst: van 0,01 (een beetje) tot 1 (zeker)."),
    )

    class Meta:
        verbose_name = _("doelgroep van een klachtenwoord")
        verbose_name_plural = _("doelgroepen van een klachtenwoord")
        ordering = ["complaint", "-weight", "target_group"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "target_group"], name="register_complaintlink_unique"),
            models.CheckConstraint(condition=Q(weight__gt=0, weight__lte=1), name="register_complaintlink_weight_range"),
        ]

    def __str__(self):
        return f"{self.complaint} → {self.target_group.code} ({self.weight})"


class Institution(models.Model):
    objects = RegisterManager()  # bulk writes change the finder's index stamp (register.services)

    name = models.CharField(_("naam"), max_length=200, unique=True)
    website = models.URLField(_("website"), blank=True)
    city = models.CharField(_("plaats"), max_length=100)
    agb_code = models.CharField(
        _("AGB-code"), max_length=8, blank=True, validators=[validators.validate_agb], help_text=_("8 cijfers")
    )
    kvk_number = models.CharField(
        _("KvK-nummer"), max_length=8, blank=True, validators=[validators.validate_kvk], help_text=_("8 cijfers")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("instelling")
        verbose_name_plural = _("instellingen")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="register_institution_name_required"),
            models.CheckConstraint(condition=~Q(city=""), name="register_institution_city_required"),
            models.CheckConstraint(
                condition=Q(agb_code="") | Q(agb_code__regex=validators.AGB_PATTERN),
                name="register_institution_agb_format",
            ),
            models.CheckConstraint(
                condition=Q(kvk_number="") | Q(kvk_number__regex=validators.KVK_PATTERN),
                name="register_institution_kvk_format",
            ),
            models.UniqueConstraint(
                fields=["agb_code"], condition=~Q(agb_code=""), name="register_institution_agb_unique"
            ),
            models.UniqueConstraint(
                fields=["kvk_number"], condition=~Q(kvk_number=""), name="register_institution_kvk_unique"
            ),
        ]

    def __str__(self):
        return self.name


class Department(models.Model):
    """A TOPGGz department (afdeling); it may also be a care programme, a pathway or a network."""

    objects = RegisterManager()  # bulk writes change the finder's index stamp (register.services)

    class Status(models.TextChoices):
        CERTIFIED = "certified", _("Gecertificeerd")
        IN_PROCEDURE = "in_procedure", _("In procedure")
        EXPIRED = "expired", _("Verlopen")

    class Reach(models.TextChoices):
        SUPRA_REGIONAL = "supra_regional", _("Bovenregionaal")
        NATIONAL = "national", _("Landelijk")

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    institutions = models.ManyToManyField(Institution, related_name="departments", verbose_name=_("instellingen"))
    description = models.TextField(_("omschrijving (in eenvoudig Nederlands)"))
    specialised_since = models.DateField(
        _("gespecialiseerd sinds"),
        null=True,
        blank=True,
        help_text=_("De criteria vragen minstens drie jaar specialisatie in de doelgroep."),
    )
    phone = models.CharField(_("telefoon"), max_length=20, blank=True, validators=[validators.validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # Status and dates follow the certificates (certification.visitation.services.sync_register writes
    # them); the admin shows them read-only and the import refuses to change them.
    status = models.CharField(
        _("status in het register"), max_length=20, choices=Status.choices, default=Status.IN_PROCEDURE,
        help_text=_("Volgt uit het keurmerk; niet met de hand te wijzigen."),
    )
    certified_from = models.DateField(
        _("keurmerk geldig vanaf"), null=True, blank=True, help_text=_("Volgt uit het keurmerk.")
    )
    certified_until = models.DateField(
        _("keurmerk geldig tot"), null=True, blank=True, help_text=_("Volgt uit het keurmerk.")
    )
    reach = models.CharField(_("functie"), max_length=20, choices=Reach.choices, default=Reach.SUPRA_REGIONAL)
    target_groups = models.ManyToManyField(TargetGroup, related_name="departments", verbose_name=_("doelgroepen"))
    age_groups = models.ManyToManyField(AgeGroup, related_name="departments", verbose_name=_("leeftijdsgroepen"))
    last_confirmed_on = models.DateField(
        _("laatst bevestigd op"), help_text=_("De datum waarop de afdeling haar gegevens voor het laatst bevestigde.")
    )
    # The latest waiting times of the treatment offer, copied here by insight.services from the monthly
    # capacity reports (insight.CapacityReport keeps the history), so the department page and the finder's
    # cards show them without a query of their own. Rules for showing them: register/waiting.py.
    waiting_intake_weeks = models.DecimalField(
        _("wachttijd tot intake (weken)"), max_digits=4, decimal_places=1, null=True, blank=True, editable=False
    )
    waiting_treatment_weeks = models.DecimalField(
        _("wachttijd intake tot behandeling (weken)"), max_digits=4, decimal_places=1, null=True, blank=True, editable=False
    )
    waiting_measured_on = models.DateField(_("wachttijden gemeten op"), null=True, blank=True, editable=False)
    waiting_trend = models.JSONField(
        _("verloop wachttijden"), default=list, blank=True, editable=False,
        help_text=_("De laatste twaalf maanden: [maand, weken tot intake, weken tot behandeling]."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[institutions, target_groups, age_groups])

    class Meta:
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelingen")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="register_department_name_required"),
            models.CheckConstraint(condition=~Q(slug=""), name="register_department_slug_required"),
            models.CheckConstraint(condition=~Q(description=""), name="register_department_description_required"),
            models.CheckConstraint(
                condition=Q(status__in=["certified", "in_procedure", "expired"]), name="register_department_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(reach__in=["supra_regional", "national"]), name="register_department_reach_valid"
            ),
            # A certificate (current or expired) always has both dates, in order.
            models.CheckConstraint(
                condition=Q(status="in_procedure")
                | Q(certified_from__isnull=False, certified_until__isnull=False, certified_until__gt=F("certified_from")),
                name="register_department_certificate_dates",
            ),
            models.CheckConstraint(
                condition=Q(phone="") | Q(phone__regex=validators.PHONE_PATTERN), name="register_department_phone_format"
            ),
        ]

    def __str__(self):
        return self.name

    def is_fresh(self, today=None) -> bool:
        from .rules import is_fresh

        return is_fresh(self.last_confirmed_on, today or timezone.localdate(), settings.REGISTER_FRESHNESS_MONTHS)


class Offer(models.Model):
    """What a department offers (aanbod) and how to request it."""

    objects = RegisterManager()  # bulk writes change the finder's index stamp (register.services)

    class Kind(models.TextChoices):
        TREATMENT = "treatment", _("Hoogspecialistische behandeling")
        CONSULTATION = "consultation", _("Consultatie en advies")
        SECOND_OPINION = "second_opinion", _("Second opinion")
        CO_TREATMENT = "co_treatment", _("Medebehandeling")
        REMOTE_SUPERVISION = "remote_supervision", _("Behandeling op afstand begeleiden")

    class Status(models.TextChoices):
        OPEN = "open", _("Open voor aanmelding")
        PAUSED = "paused", _("Aanmeldpauze")

    class Requester(models.TextChoices):
        GP = "gp", _("Huisarts")
        MENTAL_HEALTH = "mental_health", _("Ggz-behandelaar")
        MEDICAL_SPECIALIST = "medical_specialist", _("Medisch specialist")
        YOUTH_CARE = "youth_care", _("Jeugdarts of jeugdhulp")
        SOCIAL_DOMAIN = "social_domain", _("Sociaal domein (wijkteam)")
        PATIENT = "patient", _("Patiënt of naaste zelf")

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="offers")
    kind = models.CharField(_("soort aanbod"), max_length=30, choices=Kind.choices)
    requesters = models.JSONField(
        _("wie mag aanvragen"), default=list, help_text=_("Lijst van codes: gp, mental_health, medical_specialist, ...")
    )
    how_to_request = models.TextField(_("hoe aanvragen"), help_text=_("Wat moet de verwijzer sturen, en hoe?"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    pause_reason = models.TextField(_("reden aanmeldpauze"), blank=True)
    pause_expected_end = models.DateField(_("aanmeldpauze verwacht tot"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")
        ordering = ["department", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["department", "kind"], name="register_offer_one_per_kind"),
            models.CheckConstraint(
                condition=Q(
                    kind__in=["treatment", "consultation", "second_opinion", "co_treatment", "remote_supervision"]
                ),
                name="register_offer_kind_valid",
            ),
            models.CheckConstraint(condition=~Q(how_to_request=""), name="register_offer_how_required"),
            # A registration pause states its reason and its expected end; an open offer has neither.
            models.CheckConstraint(
                condition=(Q(status="open") & Q(pause_reason="") & Q(pause_expected_end__isnull=True))
                | (Q(status="paused") & ~Q(pause_reason="") & Q(pause_expected_end__isnull=False)),
                name="register_offer_pause_consistent",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.department})"

    def requester_labels(self) -> list[str]:
        labels = dict(self.Requester.choices)
        return [str(labels.get(code, code)) for code in self.requesters]


class DepartmentExclusion(models.Model):
    """An exclusion criterion that a department applies, with its local nuance."""

    # The finder does not show exclusions, but the open data does: its writes change the stamp too.
    objects = RegisterManager()

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="exclusions")
    criterion = models.ForeignKey(ExclusionCriterion, on_delete=models.PROTECT, related_name="department_uses")
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("exclusiecriterium van afdeling")
        verbose_name_plural = _("exclusiecriteria van afdeling")
        ordering = ["department", "criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["department", "criterion"], name="register_exclusion_once_per_department")
        ]

    def __str__(self):
        return f"{self.criterion} ({self.department})"


class Location(models.Model):
    objects = RegisterManager()  # bulk writes change the finder's index stamp (register.services)

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("naam locatie"), max_length=200)
    street_address = models.CharField(_("adres"), max_length=200)
    postcode = models.CharField(
        _("postcode"), max_length=7, validators=[validators.validate_postcode], help_text=_("bijvoorbeeld 3511 AB")
    )
    city = models.CharField(_("plaats"), max_length=100)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="register_locations", verbose_name=_("gemeente")
    )
    latitude = models.FloatField(_("breedtegraad"), validators=[MinValueValidator(LAT_RANGE[0]), MaxValueValidator(LAT_RANGE[1])])
    longitude = models.FloatField(_("lengtegraad"), validators=[MinValueValidator(LON_RANGE[0]), MaxValueValidator(LON_RANGE[1])])
    care_functions = models.ManyToManyField(CareFunction, related_name="locations", verbose_name=_("zorgfuncties"))
    history = HistoricalRecords(m2m_fields=[care_functions])

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["department", "name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="register_location_name_required"),
            models.CheckConstraint(condition=~Q(street_address=""), name="register_location_address_required"),
            models.CheckConstraint(
                condition=Q(postcode__regex=validators.POSTCODE_PATTERN), name="register_location_postcode_format"
            ),
            models.CheckConstraint(
                condition=Q(latitude__gte=LAT_RANGE[0], latitude__lte=LAT_RANGE[1])
                & Q(longitude__gte=LON_RANGE[0], longitude__lte=LON_RANGE[1]),
                name="register_location_in_netherlands",
            ),
            models.UniqueConstraint(fields=["department", "name"], name="register_location_name_unique_per_department"),
        ]
        indexes = [models.Index(fields=["latitude", "longitude"], name="register_location_latlon")]

    def __str__(self):
        return f"{self.name}, {self.city}"


# --- the finder's search index (register.search) ------------------------------------


class SearchDocument(models.Model):
    """What the finder indexes of one department; kept in sync by register.signals.

    The ``*_text`` columns hold folded words (lower case, no diacritics, a-z and
    0-9 only): PostgreSQL indexes them with ``to_tsvector('dutch', ...)`` in a
    generated, GIN-indexed column that migration 0003 adds (the model does not
    know it). The ``*_stems`` columns hold the same words stemmed in Python: the
    SQLite FTS5 table ``register_search_fts`` mirrors them through triggers.
    ``manage.py rebuild_search_index`` rebuilds everything.
    """

    department = models.OneToOneField(
        Department, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    sort_key = models.CharField(max_length=255)
    name_text = models.TextField(blank=True)
    groups_text = models.TextField(blank=True)
    institutions_text = models.TextField(blank=True)
    description_text = models.TextField(blank=True)
    name_stems = models.TextField(blank=True)
    groups_stems = models.TextField(blank=True)
    institutions_stems = models.TextField(blank=True)
    description_stems = models.TextField(blank=True)

    class Meta:
        verbose_name = _("zoekindex van afdeling")
        verbose_name_plural = _("zoekindex van afdelingen")
        default_permissions = ()

    def __str__(self):
        return self.sort_key


class SearchTerm(models.Model):
    """A word the finder knows (from the documents and the vocabularies): the typo lexicon."""

    word = models.CharField(max_length=100, unique=True)

    class Meta:
        verbose_name = _("zoekwoord")
        verbose_name_plural = _("zoekwoorden")
        default_permissions = ()

    def __str__(self):
        return self.word


class SearchIndexState(models.Model):
    """One row whose stamp changes whenever the index or a vocabulary changes.

    Each app process caches the vocabularies and the lexicon under this stamp.
    """

    stamp = models.CharField(max_length=32)
    # When the stamp last changed: the register's "last modified" (the API's Last-Modified header,
    # the open-data download page). Null only before the first change after migration 0007.
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        default_permissions = ()

    def __str__(self):
        return self.stamp
