"""The bureau's admin: criteria sets (sets, criteria with their sub-items and norms as data), and dossiers.

Dossiers are read-only here (they change through ``certification.dossier.services``,
which keep the version and the audit log); opening one is audited as a read.
Committee assignments are made here, and audited as permission changes.
"""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from topggz.admin_site import GuardedHistoryAdmin, LabelledTabularInline, ReadOnlyAdmin

from .criteria import services as criteria_services
from certification.rules.evidence import EVIDENCE
from certification.dossier.models import Attachment, CommitteeAssignment, Dossier, Publication, StaffMember
from certification.criteria.models import CriteriaSet, Criterion, SubItem
from certification.dossier.permissions import PERMISSION_CHANGE, READ, audit
from .rules import RULES
from .visitation.models import BoardMeeting, Certificate, ComplianceCase, Procedure


def _reference_html():
    """What the bureau may write in the JSON fields: rule kinds with their parameters, and evidence keys."""
    rules = format_html_join(
        "",
        "<li><code>{}</code>: {} (params: <code>{}</code>)</li>",
        (
            (kind, spec.label, ", ".join(sorted(spec.params_schema["properties"])))
            for kind, spec in sorted(RULES.items())
        ),
    )
    evidence = format_html_join(
        "", "<li><code>{}</code>: {}</li>", ((key, spec.label) for key, spec in sorted(EVIDENCE.items()))
    )
    return format_html(
        "<p>{}</p><ul>{}</ul><p>{}</p><ul>{}</ul>",
        _("Normsoorten (kind) en hun parameters:"),
        rules,
        _("Sleutels voor vereiste onderbouwing:"),
        evidence,
    )


class CriterionInline(LabelledTabularInline):
    model = Criterion
    fields = ("number", "title")
    extra = 0
    show_change_link = True


class SubItemInline(LabelledTabularInline):
    model = SubItem
    fields = ("letter", "text", "required_evidence")
    extra = 0


@admin.register(CriteriaSet)
class CriteriaSetAdmin(GuardedHistoryAdmin):
    list_display = ("code", "title", "in_force_from", "in_force_until", "published", "criterion_count")
    list_filter = ("published",)
    search_fields = ("code", "title")
    inlines = [CriterionInline]
    actions = ["copy_sets"]
    readonly_fields = ("reference",)
    fieldsets = (
        (None, {"fields": ("code", "title", "in_force_from", "in_force_until", "published")}),
        (
            _("Algemene voorwaarden"),
            {"fields": ("general_text", "general_norms", "general_evidence", "general_review_points", "reference")},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(criterion_total=Count("criteria"))

    @admin.display(description=_("criteria"), ordering="criterion_total")
    def criterion_count(self, obj):
        return obj.criterion_total

    @admin.display(description=_("mogelijke normen en onderbouwing"))
    def reference(self, obj=None):
        return _reference_html()

    @admin.action(description=_("Kopieer als nieuwe, ongepubliceerde set"))
    def copy_sets(self, request, queryset):
        for source in queryset:
            base, n = source.code[:12], 1
            code = f"{base}-kopie"
            while CriteriaSet.objects.filter(code=code).exists():
                n += 1
                code = f"{base}-kopie{n}"
            copy = criteria_services.copy_criteria_set(
                source=source,
                code=code,
                title=f"{source.title} (kopie)",
                in_force_from=source.in_force_from,
                in_force_until=source.in_force_until,
            )
            self.message_user(
                request,
                _("Set %(source)s gekopieerd naar %(copy)s; pas code, periode en normen aan en publiceer.")
                % {"source": source.code, "copy": copy.code},
                messages.SUCCESS,
            )


@admin.register(Criterion)
class CriterionAdmin(GuardedHistoryAdmin):
    list_display = ("number", "title", "criteria_set", "norm_kinds")
    list_display_links = ("number", "title")
    list_filter = ("criteria_set",)
    search_fields = ("title", "text")
    ordering = ("criteria_set", "number")
    list_select_related = ("criteria_set",)
    inlines = [SubItemInline]
    readonly_fields = ("reference",)
    fields = (
        "criteria_set",
        "number",
        "title",
        "text",
        "evidence_text",
        "required_evidence",
        "norms",
        "review_points",
        "reference",
    )

    @admin.display(description=_("normen"))
    def norm_kinds(self, obj):
        return ", ".join(n.get("kind", "?") for n in obj.norms if isinstance(n, dict)) or "-"

    @admin.display(description=_("mogelijke normen en onderbouwing"))
    def reference(self, obj=None):
        return _reference_html()


# ------------------------------------------------------------------- dossiers


class _ReadOnlyInline(LabelledTabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StaffInline(_ReadOnlyInline):
    model = StaffMember
    fields = ("name", "function", "fte", "hours_per_week", "is_figurehead", "is_senior_researcher", "is_professor", "end_date")


class PublicationInline(_ReadOnlyInline):
    model = Publication
    fields = ("type", "title", "date", "journal", "peer_reviewed")


class AttachmentInline(_ReadOnlyInline):
    model = Attachment
    fields = ("key", "title", "kind", "file_name")


class CommitteeInline(_ReadOnlyInline):
    model = CommitteeAssignment
    fields = ("user", "role")


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin, GuardedHistoryAdmin):
    list_display = ("department_name", "department", "visitation_date", "status", "version", "criteria_set", "updated_at")
    list_filter = ("status", "criteria_set")
    search_fields = ("department_name", "department__name", "department__slug", "institution")
    date_hierarchy = "visitation_date"
    list_select_related = ("department", "criteria_set")
    ordering = ("-visitation_date", "department_name")
    inlines = [CommitteeInline, StaffInline, PublicationInline, AttachmentInline]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and getattr(response, "status_code", None) == 200:
            department_id = Dossier.objects.filter(pk=object_id).values_list("department_id", flat=True).first()
            audit(request.user, READ, object_id, department_id)
        return response


@admin.register(CommitteeAssignment)
class CommitteeAssignmentAdmin(GuardedHistoryAdmin):
    list_display = ("dossier", "user", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("dossier__department_name", "user__email", "user__last_name")
    autocomplete_fields = ("dossier",)
    list_select_related = ("dossier", "user")

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        super().save_model(request, obj, form, change)
        audit(
            request.user,
            PERMISSION_CHANGE,
            obj.dossier_id,
            obj.dossier.department_id,
            detail={"assigned": obj.user_id, "role": obj.role},
        )

    def delete_model(self, request, obj):
        dossier_id, department_id, member = obj.dossier_id, obj.dossier.department_id, obj.user_id
        obj._history_user = request.user
        super().delete_model(request, obj)
        audit(request.user, PERMISSION_CHANGE, dossier_id, department_id, detail={"unassigned": member})


# --- visitation: board meetings are data the bureau keeps; certificates, procedures and compliance
# cases change only through their services (audited), so the admin shows them read-only.


@admin.register(BoardMeeting)
class BoardMeetingAdmin(admin.ModelAdmin):
    list_display = ("held_on", "note")
    date_hierarchy = "held_on"


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("number", "department", "valid_from", "valid_until", "suspended_on", "withdrawn_on")
    search_fields = ("number", "department__name")
    list_select_related = ("department",)


@admin.register(Procedure)
class ProcedureAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("department", "kind", "state", "visit_date", "board_meeting")
    list_filter = ("state", "kind")
    list_select_related = ("department", "board_meeting")


@admin.register(ComplianceCase)
class ComplianceCaseAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("department", "criterion", "since", "notification_due", "recovery_due", "state")
    list_filter = ("state",)
    list_select_related = ("department",)
