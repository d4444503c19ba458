"""Criteria sets as data: the bureau maintains them in the admin.

A ``CriteriaSet`` (for example "2019-2022") is in force from one date up to
and including another. It holds the general conditions and the numbered
``Criterion`` rows; each criterion has ``SubItem`` rows ("1a".."1g") for its
numbered evidence questions. Machine-checkable norms are JSON:
``[{"kind": "publications", "params": {"min_publications": 5, ...}}]`` where
``kind`` names a rule in ``certification.rules`` and ``params`` carries its
numbers. A new set (2023-2027) is added as data, without code changes:
``clean()`` validates every norm and evidence key against the rules the code
knows, so the admin refuses a set the checker could not run.

The checker never reads these models: ``selectors.criteria_set_data``
turns a set into ``criteria.CriteriaSetData``.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from certification.rules.evidence import EVIDENCE
from certification.rules import norm_errors


def validate_norms(value):
    if not isinstance(value, list):
        raise ValidationError(_('De normen zijn een lijst van objecten met "kind" en "params".'))
    errors = [error for norm in value for error in norm_errors(norm)]
    if errors:
        raise ValidationError(errors)


def validate_evidence_keys(value):
    if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
        raise ValidationError(_("De vereiste onderbouwing is een lijst van sleutels."))
    unknown = [k for k in value if k not in EVIDENCE]
    if unknown:
        raise ValidationError(
            _("Onbekende onderbouwing: %(keys)s. Bekend zijn: %(known)s."),
            params={"keys": ", ".join(unknown), "known": ", ".join(sorted(EVIDENCE))},
        )


def validate_text_list(value):
    if not isinstance(value, list) or not all(isinstance(t, str) and t.strip() for t in value):
        raise ValidationError(_("Geef een lijst van teksten."))


NORMS_HELP = _(
    'Lijst van normen als JSON, bijvoorbeeld [{"kind": "publications", "params": {"min_publications": 5, ...}}]. '
    '"kind" kiest de toetsregel, "params" geeft alle getallen.'
)
EVIDENCE_HELP = _('Lijst van sleutels van vereiste onderbouwing als JSON, bijvoorbeeld ["studies"].')
REVIEW_HELP = _("Lijst van punten die de visitatiecommissie zelf beoordeelt, als JSON-lijst van teksten.")


class CriteriaSet(models.Model):
    code = models.SlugField(_("code"), max_length=20, unique=True, help_text=_("Bijvoorbeeld 2019-2022."))
    title = models.CharField(_("titel"), max_length=200)
    in_force_from = models.DateField(_("van kracht vanaf"))
    in_force_until = models.DateField(
        _("van kracht tot en met"), null=True, blank=True, help_text=_("Leeg: geldt tot een volgende set.")
    )
    published = models.BooleanField(
        _("gepubliceerd"),
        default=False,
        help_text=_("Alleen gepubliceerde sets worden gekozen voor een visitatiedatum."),
    )
    general_text = models.TextField(_("algemene voorwaarden"), blank=True)
    general_norms = models.JSONField(
        _("normen algemene voorwaarden"), default=list, blank=True, validators=[validate_norms], help_text=NORMS_HELP
    )
    general_evidence = models.JSONField(
        _("onderbouwing algemene voorwaarden"),
        default=list,
        blank=True,
        validators=[validate_evidence_keys],
        help_text=EVIDENCE_HELP,
    )
    general_review_points = models.JSONField(
        _("beoordelingspunten algemene voorwaarden"),
        default=list,
        blank=True,
        validators=[validate_text_list],
        help_text=REVIEW_HELP,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criteriaset")
        verbose_name_plural = _("criteriasets")
        ordering = ["-in_force_from"]
        constraints = [
            models.CheckConstraint(condition=~Q(code=""), name="certification_criteriaset_code_required"),
            models.CheckConstraint(condition=~Q(title=""), name="certification_criteriaset_title_required"),
            models.CheckConstraint(
                condition=Q(in_force_until__isnull=True) | Q(in_force_until__gte=F("in_force_from")),
                name="certification_criteriaset_dates_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}" if self.title and self.code not in self.title else self.title or self.code

    def is_in_force_on(self, day) -> bool:
        return self.in_force_from <= day and (self.in_force_until is None or day <= self.in_force_until)

    def overlapping_published(self):
        """Other published sets whose period overlaps this one (two sets may not apply on the same day)."""
        qs = CriteriaSet.objects.filter(published=True).exclude(pk=self.pk)
        if self.in_force_until is not None:
            qs = qs.filter(in_force_from__lte=self.in_force_until)
        return qs.filter(Q(in_force_until__isnull=True) | Q(in_force_until__gte=self.in_force_from))

    def clean(self):
        super().clean()
        if self.in_force_until and self.in_force_from and self.in_force_until < self.in_force_from:
            raise ValidationError({"in_force_until": _("De einddatum ligt voor de begindatum.")})
        if self.published and self.in_force_from:
            clash = self.overlapping_published().first()
            if clash:
                raise ValidationError(
                    _("De periode overlapt met de gepubliceerde set %(other)s; op elke datum geldt hoogstens één set."),
                    params={"other": clash.code},
                )


class Criterion(models.Model):
    criteria_set = models.ForeignKey(
        CriteriaSet, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("criteriaset")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("criterium"))
    evidence_text = models.TextField(_("vereiste onderbouwing (toelichting)"), blank=True)
    required_evidence = models.JSONField(
        _("vereiste onderbouwing"),
        default=list,
        blank=True,
        validators=[validate_evidence_keys],
        help_text=EVIDENCE_HELP,
    )
    norms = models.JSONField(_("normen"), default=list, blank=True, validators=[validate_norms], help_text=NORMS_HELP)
    review_points = models.JSONField(
        _("beoordelingspunten voor de commissie"),
        default=list,
        blank=True,
        validators=[validate_text_list],
        help_text=REVIEW_HELP,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterium")
        verbose_name_plural = _("criteria")
        ordering = ["criteria_set", "number"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "number"], name="certification_criterion_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="certification_criterion_number_positive"),
            models.CheckConstraint(condition=~Q(title=""), name="certification_criterion_title_required"),
        ]

    def __str__(self):
        return f"{self.criteria_set.code} criterium {self.number}. {self.title}"


class SubItem(models.Model):
    """A numbered evidence question of a criterion: "1a", "2b", ..."""

    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="sub_items", verbose_name=_("criterium")
    )
    letter = models.CharField(_("letter"), max_length=1, help_text=_("a, b, c, ..."))
    text = models.TextField(_("tekst"))
    required_evidence = models.JSONField(
        _("vereiste onderbouwing"),
        default=list,
        blank=True,
        validators=[validate_evidence_keys],
        help_text=EVIDENCE_HELP,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("onderdeel")
        verbose_name_plural = _("onderdelen")
        ordering = ["criterion", "letter"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "letter"], name="certification_subitem_letter_unique"),
            models.CheckConstraint(condition=Q(letter__regex=r"^[a-z]$"), name="certification_subitem_letter_format"),
        ]

    @property
    def code(self) -> str:
        return f"{self.criterion.number}{self.letter}"

    def __str__(self):
        return self.code
