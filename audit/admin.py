"""Read-only admin for the audit log, for bureau admins only.

Visible to superusers and to users with the permission ``audit.view_auditentry``
(given to the bureau-admin role only). Nobody, superusers included, can add,
change or delete entries or anchors here, and there are no bulk actions. The
CSV export exports the current filtered list and is itself audited.
"""

import csv
import json

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from topggz.admin_site import ReadOnlyAdmin

from . import chain
from .models import Action, AuditAnchor, AuditEntry
from .services import record_for_request

EXPORT_FIELDS = ("sequence", "timestamp", *chain.HASHED_FIELDS[2:], "entry_hash", "hash_key_id")


def can_view_audit_log(user) -> bool:
    return bool(user.is_active and (user.is_superuser or user.has_perm("audit.view_auditentry")))


class ReadOnlyAuditAdmin(ReadOnlyAdmin, admin.ModelAdmin):

    def has_module_permission(self, request):
        return can_view_audit_log(request.user)

    def has_view_permission(self, request, obj=None):
        return can_view_audit_log(request.user)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAuditAdmin):
    list_display = (
        "sequence",
        "timestamp",
        "actor_email",
        "actor_role",
        "action",
        "object_type",
        "object_id",
        "on_behalf_of",
        "outcome",
    )
    list_filter = ("action", "outcome", "timestamp")
    search_fields = ("actor_email", "object_type", "object_id", "on_behalf_of")
    show_full_result_count = False
    fields = (
        ("sequence", "timestamp"),
        ("actor_email", "actor_id", "actor_role"),
        ("action", "outcome"),
        ("object_type", "object_id"),
        "on_behalf_of",
        "client_ip",
        "detail_display",
        "previous_hash",
        ("entry_hash", "hash_key_id"),
    )
    readonly_fields = ("detail_display",)

    @admin.display(description=_("details"))
    def detail_display(self, obj):
        return format_html("<pre>{}</pre>", json.dumps(obj.detail, indent=2, ensure_ascii=False, sort_keys=True))

    def get_urls(self):
        export = path(
            "export/",
            self.admin_site.admin_view(self.export_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_export",
        )
        return [export, *super().get_urls()]

    def export_view(self, request):
        """The current changelist selection (search and filters) as CSV."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = request.GET.copy()
        query.pop("p", None)
        request.GET = query
        queryset = self.get_changelist_instance(request).get_queryset(request)
        last = queryset.order_by("-sequence").values_list("sequence", flat=True).first() or 0
        queryset = queryset.filter(sequence__lte=last).order_by("sequence")
        record_for_request(
            request,
            action=Action.EXPORT,
            object_type="audit.auditentry",
            detail={"rows": queryset.count(), "up_to_sequence": last, "query": query.urlencode()[:500]},
        )
        response = StreamingHttpResponse(_csv_rows(queryset), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="auditlog.csv"'
        return response


@admin.register(AuditAnchor)
class AuditAnchorAdmin(ReadOnlyAuditAdmin):
    list_display = ("purged_up_to_sequence", "created_at", "cutoff", "purged_count", "actor_email")


class _Echo:
    def write(self, value):
        return value


def _csv_rows(queryset):
    writer = csv.writer(_Echo())
    yield writer.writerow(EXPORT_FIELDS)
    for entry in queryset.iterator(chunk_size=2000):
        yield writer.writerow([_cell(entry, name) for name in EXPORT_FIELDS])


def _cell(entry, name) -> str:
    value = getattr(entry, name)
    if name == "timestamp":
        return chain.format_timestamp(value)
    if name == "detail":
        return chain.canonical_json(value)
    value = "" if value is None else str(value)
    # Spreadsheets execute cells that start with these; defuse them.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
