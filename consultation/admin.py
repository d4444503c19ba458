"""The bureau configures the escalation ladder here: the regional tables and the coordinators' seats.

Requests themselves are not in the admin: their content is read only through the desk's pages,
which check the viewer and write every read to the audit log.
"""

from django.contrib import admin

from .models import CoordinatorSeat, RegionalTable


@admin.register(RegionalTable)
class RegionalTableAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    filter_horizontal = ["regions"]
    search_fields = ["name", "code"]


@admin.register(CoordinatorSeat)
class CoordinatorSeatAdmin(admin.ModelAdmin):
    list_display = ["user", "level", "region", "table"]
    list_filter = ["level", "table"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "region", "table"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            from accounts.roles import Role

            kwargs["queryset"] = db_field.related_model.objects.filter(role=Role.REGIONAL_COORDINATOR)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
