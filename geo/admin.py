"""Read-only admin for the reference geography.

The data come from geo/data/ and are (re)loaded by `manage.py load_geo`, which
would overwrite hand edits, so the admin only shows them. Every page names
the source: the change lists carry "Bron: CBS / PDOK (CC BY 4.0)" as their
subtitle and every detail page has a "Bron" field.
"""

from django.contrib import admin

from topggz.admin_site import ReadOnlyAdmin
from django.utils.translation import gettext_lazy as _

from .models import HealthRegion, Municipality, PostcodeArea, Province

SOURCE_NOTE = _("Bron: CBS / PDOK (CC BY 4.0)")


class ReferenceDataAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """View-only admin that shows the data source."""

    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "source"]

    @admin.display(description=_("Bron"))
    def source(self, obj):
        return SOURCE_NOTE

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"subtitle": SOURCE_NOTE, **(extra_context or {})})


@admin.register(Province)
class ProvinceAdmin(ReferenceDataAdmin):
    list_display = ["code", "name", "population"]
    search_fields = ["code", "name"]


@admin.register(HealthRegion)
class HealthRegionAdmin(ReferenceDataAdmin):
    list_display = ["code", "name", "kind", "population"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(ReferenceDataAdmin):
    list_display = ["code", "name", "province", "ggd_region", "zorgkantoor_region", "population", "land_area_km2"]
    list_filter = ["province", "ggd_region", "zorgkantoor_region"]
    list_select_related = ["province", "ggd_region", "zorgkantoor_region"]
    search_fields = ["code", "name"]


@admin.register(PostcodeArea)
class PostcodeAreaAdmin(ReferenceDataAdmin):
    list_display = ["code", "place_name", "municipality", "population", "area_km2", "point_type"]
    list_filter = ["municipality__province", "point_type"]
    list_select_related = ["municipality"]
    search_fields = ["code", "place_name", "municipality__name", "municipality__code"]
