"""Monthly capacity and waiting-time reports, per department and offer. History is kept: one row per
department, offer and month (a correction overwrites that month, and django-simple-history keeps
the earlier version); the latest report of the treatment offer is copied onto the department
(register.Department.waiting_*) by insight.services.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from register.models import Department, Offer


class CapacityReport(models.Model):
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="capacity_reports")
    offer_kind = models.CharField(_("aanbod"), max_length=30, choices=Offer.Kind.choices, default=Offer.Kind.TREATMENT)
    month = models.DateField(_("maand"), help_text=_("De eerste dag van de maand waarover wordt gerapporteerd."))
    measured_on = models.DateField(_("meetdatum"))
    intake_weeks = models.DecimalField(
        _("wachttijd aanmelding tot intake (weken)"), max_digits=4, decimal_places=1,
        help_text=_("Het gerealiseerde gemiddelde over de afgelopen twee maanden."),
    )
    treatment_weeks = models.DecimalField(
        _("wachttijd intake tot behandeling (weken)"), max_digits=4, decimal_places=1,
        help_text=_("Het gerealiseerde gemiddelde over de afgelopen twee maanden."),
    )
    waiting_count = models.PositiveIntegerField(_("aantal wachtenden"))
    beds_free = models.PositiveIntegerField(_("vrije bedden (klinisch)"), null=True, blank=True)
    beds_total = models.PositiveIntegerField(_("bedden totaal (klinisch)"), null=True, blank=True)
    paused = models.BooleanField(_("aanmeldpauze"), default=False)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reported_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("capaciteitsrapportage")
        verbose_name_plural = _("capaciteitsrapportages")
        ordering = ["department", "offer_kind", "month"]
        constraints = [
            models.UniqueConstraint(fields=["department", "offer_kind", "month"], name="insight_report_one_per_month"),
            models.CheckConstraint(condition=Q(intake_weeks__gte=0, treatment_weeks__gte=0), name="insight_report_weeks_not_negative"),
            models.CheckConstraint(
                condition=Q(beds_free__isnull=True, beds_total__isnull=True)
                | Q(beds_free__isnull=False, beds_total__isnull=False, beds_free__lte=F("beds_total")),
                name="insight_report_beds_consistent",
            ),
        ]

    def __str__(self):
        return f"{self.department} – {self.get_offer_kind_display()} – {self.month:%Y-%m}"
