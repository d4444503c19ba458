"""The bureau's admin for the register: search, filters, inline locations and offers."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from accounts.permissions import deny, department_scope
from accounts.roles import sees_all_departments
from geo.models import Province
from topggz.admin_site import GuardedHistoryAdmin, LabelledTabularInline

from . import rules
from .admin_importexport import ComplaintImportExportAdminMixin
from .forms import LocationForm
from .models import (
    AgeGroup,
    CareFunction,
    ComplaintLink,
    ComplaintTerm,
    Department,
    DepartmentExclusion,
    ExclusionCriterion,
    Institution,
    Location,
    Offer,
    TargetGroup,
)


CERTIFICATION_HELP = _(
    "De status en de data van het keurmerk volgen uit de keurmerken die het bestuur verleent, schorst of "
    "intrekt. Niemand wijzigt ze hier of via een import; ze veranderen vanzelf mee met het keurmerk."
)


class VocabularyAdmin(admin.ModelAdmin):
    list_display = ("label_nl", "label_en", "code", "order")
    search_fields = ("label_nl", "label_en", "code")
    ordering = ("order", "label_nl")


@admin.register(TargetGroup)
class TargetGroupAdmin(VocabularyAdmin):
    list_display = ("label_nl", "label_en", "code", "abbreviation_list", "order")

    @admin.display(description=_("afkortingen"))
    def abbreviation_list(self, obj):
        return ", ".join(obj.abbreviations)


@admin.register(AgeGroup)
class AgeGroupAdmin(VocabularyAdmin):
    list_display = ("label_nl", "label_en", "code", "min_age", "max_age", "order")


admin.site.register(CareFunction, VocabularyAdmin)
admin.site.register(ExclusionCriterion, VocabularyAdmin)


class ComplaintLinkInline(LabelledTabularInline):
    model = ComplaintLink
    extra = 1
    autocomplete_fields = ("target_group",)


@admin.register(ComplaintTerm)
class ComplaintTermAdmin(ComplaintImportExportAdminMixin, admin.ModelAdmin):
    """The complaints vocabulary: lay words with their target groups and weights (import and export too)."""

    list_display = ("term", "language", "target_group_weights")
    list_filter = ("language", "target_groups")
    search_fields = ("term",)
    inlines = (ComplaintLinkInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("links__target_group")

    @admin.display(description=_("doelgroepen (gewicht)"))
    def target_group_weights(self, obj):
        links = sorted(obj.links.all(), key=lambda link: (-link.weight, link.target_group.code))
        return ", ".join(f"{link.target_group.label_nl} ({link.weight:.2f})".replace(".", ",") for link in links)


@admin.register(Institution)
class InstitutionAdmin(GuardedHistoryAdmin):
    list_display = ("name", "city", "agb_code", "kvk_number", "department_count")
    search_fields = ("name", "city", "agb_code", "kvk_number")
    list_filter = ("city",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(department_total=Count("departments"))

    @admin.display(description=_("afdelingen"), ordering="department_total")
    def department_count(self, obj):
        return obj.department_total


class LocationInline(admin.StackedInline):
    model = Location
    form = LocationForm
    extra = 0
    autocomplete_fields = ("municipality",)


class OfferInline(admin.StackedInline):
    model = Offer
    extra = 0


class ExclusionInline(LabelledTabularInline):
    model = DepartmentExclusion
    extra = 0


class FreshnessFilter(admin.SimpleListFilter):
    title = _("actualiteit")
    parameter_name = "actueel"

    def lookups(self, request, model_admin):
        return [("ja", _("Recent bevestigd")), ("nee", _("Niet recent bevestigd"))]

    def queryset(self, request, queryset):
        limit = rules.freshness_limit(timezone.localdate(), settings.REGISTER_FRESHNESS_MONTHS)
        if self.value() == "ja":
            return queryset.filter(last_confirmed_on__gte=limit)
        if self.value() == "nee":
            return queryset.filter(last_confirmed_on__lt=limit)
        return queryset


class ProvinceFilter(admin.SimpleListFilter):
    title = _("provincie")
    parameter_name = "provincie"

    def lookups(self, request, model_admin):
        return [(p.code, p.name) for p in Province.objects.all()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(locations__municipality__province_id=self.value()).distinct()
        return queryset


def _department_admin_bases():
    """The Department admin, with the import/export views when that module is present."""
    try:
        from .admin_importexport import RegisterImportExportAdminMixin
    except ImportError:  # pragma: no cover - during partial checkouts only
        return (GuardedHistoryAdmin,)
    return (RegisterImportExportAdminMixin, GuardedHistoryAdmin)


@admin.register(Department)
class DepartmentAdmin(*_department_admin_bases()):
    list_display = ("name", "institution_names", "status", "certified_until", "reach", "last_confirmed_on", "is_fresh")
    list_filter = ("status", "reach", FreshnessFilter, ProvinceFilter, "target_groups", "age_groups")
    search_fields = ("name", "slug", "description", "institutions__name", "locations__city", "locations__postcode")
    prepopulated_fields = {"slug": ("name",)}
    # Checkboxes, not filter_horizontal: its JavaScript widget has unlabelled selects and
    # English instructions; a checkbox list is labelled, works with the keyboard and without JS.
    checkbox_fields = ("institutions", "target_groups", "age_groups")
    inlines = [LocationInline, OfferInline, ExclusionInline]
    date_hierarchy = "last_confirmed_on"
    fieldsets = (
        (None, {"fields": ("name", "slug", "institutions", "description", "specialised_since", "reach")}),
        (_("Doelgroepen"), {"fields": ("target_groups", "age_groups")}),
        (_("Contact"), {"fields": ("phone", "email", "website")}),
        (
            _("Keurmerk"),
            {
                "fields": ("status", "certified_from", "certified_until", "certification_source"),
                "description": CERTIFICATION_HELP,
            },
        ),
        (_("Actualiteit"), {"fields": ("last_confirmed_on",)}),
    )

    # Nobody types the certification status and dates: certification.visitation.services.sync_register
    # derives them from the certificates. Read-only for everyone, the bureau and superusers included.
    derived_fields = ("status", "certified_from", "certified_until", "certification_source")
    # Only the bureau decides which institutions a department belongs to (and its address, the slug).
    bureau_only_fields = ("slug", "institutions")

    def get_queryset(self, request):
        return department_scope(request.user, super().get_queryset(request).prefetch_related("institutions"))

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and Department.objects.filter(pk=object_id).exists():
            deny(request, object_type="register.department", object_id=object_id)
        if obj is not None:
            self._audit(request, "read", obj)
        return obj

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.checkbox_fields:
            kwargs["widget"] = forms.CheckboxSelectMultiple(attrs={"class": "topggz-admin-checkboxes"})
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if sees_all_departments(request.user.role, request.user.is_superuser):
            return self.derived_fields
        return self.bureau_only_fields + self.derived_fields

    def get_prepopulated_fields(self, request, obj=None):
        return {} if "slug" in self.get_readonly_fields(request, obj) else self.prepopulated_fields

    def has_add_permission(self, request):
        return sees_all_departments(request.user.role, request.user.is_superuser) and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return sees_all_departments(request.user.role, request.user.is_superuser) and super().has_delete_permission(
            request, obj
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._audit(request, "update" if change else "create", obj)

    @staticmethod
    def _audit(request, action, obj):
        from audit.services import record

        record(
            action=action,
            request=request,
            role=request.user.role,
            object_type="register.department",
            object_id=str(obj.pk),
            on_behalf_of=str(obj.pk),
        )

    @admin.display(description=_("keurmerk en procedure"))
    def certification_source(self, obj):
        """Links to the certificate (its public page) and the procedure the status follows from, if any."""
        if obj is None or obj.pk is None:
            return _("Een nieuwe afdeling staat 'in procedure' tot het bestuur een keurmerk verleent.")
        links = []
        certificate = obj.certificates.order_by("-valid_from", "-pk").first() if hasattr(obj, "certificates") else None
        if certificate is not None:
            url = reverse("certification:certificate", args=[certificate.number])
            links.append(format_html('<a href="{}">{} {}</a>', url, _("Keurmerk"), certificate.number))
        procedure = obj.procedures.order_by("-applied_on", "-pk").first() if hasattr(obj, "procedures") else None
        if procedure is not None:
            url = reverse("certification:procedure", args=[procedure.pk])
            links.append(format_html('<a href="{}">{} ({})</a>', url, _("Visitatieprocedure"), procedure.get_state_display()))
        if not links:
            return _("Geen keurmerk of procedure op het platform; de status komt uit het register van vóór het platform.")
        return format_html_join(" · ", "{}", ((link,) for link in links))

    @admin.display(description=_("instelling(en)"))
    def institution_names(self, obj):
        return "; ".join(i.name for i in obj.institutions.all())

    @admin.display(description=_("recent bevestigd"), boolean=True)
    def is_fresh(self, obj):
        return obj.is_fresh()
