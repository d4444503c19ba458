"""Read-only admin for the monthly capacity reports: the bureau reads every report and its earlier
versions (simple-history); nobody adds, changes or deletes them here. Reports are written only
through insight.services (the form and the CSV upload at /inzicht/rapporteren/), which checks,
audits and copies them onto the department; an admin edit would bypass all three.
"""

from django.contrib import admin

from topggz.admin_site import GuardedHistoryAdmin, is_bureau, ReadOnlyAdmin

from .models import CapacityReport


@admin.register(CapacityReport)
class CapacityReportAdmin(ReadOnlyAdmin, GuardedHistoryAdmin):
    list_display = ("department", "offer_kind", "month", "measured_on", "intake_weeks", "treatment_weeks",
                    "waiting_count", "beds_free", "beds_total", "paused", "reported_at")
    list_filter = ("offer_kind", "paused", "month")
    search_fields = ("department__name",)
    date_hierarchy = "month"
    list_select_related = ("department",)
    show_full_result_count = False

    def has_module_permission(self, request):
        return is_bureau(request.user)

    def has_view_permission(self, request, obj=None):
        return is_bureau(request.user)
