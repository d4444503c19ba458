"""The bureau keeps the decision tools here (Beheer > Triage).

- Vragenlijsten (``Tool``): the code and whether professionals can choose it; its versions; the
  pages "JSON importeren" (all-or-nothing, every error with its JSON path) and "JSON exporteren"
  (the newest published version of every tool, in the published format
  ``triage/schema/tools.schema.json``).
- Versies (``ToolVersion``) with their questions: a draft is edited here and published with
  "Publiceren" (checked first); a published version is read-only. "Nieuwe versie maken" copies it
  into a draft, so changing a tool never changes the version a result was scored with.
Results and intake registrations are not in the admin: the triage pages show them.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, OuterRef, Subquery
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import record
from topggz.admin_site import ObjectIdAdmin

from . import permissions, selectors, services
from .models import Item, Tool, ToolVersion
from .rules.tooljson import MAX_BYTES, parse_json, tools_document


class ToolImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Bestand (.json)"),
        help_text=gettext_lazy("Een of meer vragenlijsten in het formaat van triage/schema/tools.schema.json."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )
    publish = forms.BooleanField(
        label=gettext_lazy("Meteen publiceren"),
        required=False,
        help_text=gettext_lazy("Uit: de nieuwe versies worden concepten, die u hierna bekijkt en publiceert."),
    )


class VersionInline(admin.TabularInline):
    model = ToolVersion
    fields = ("number", "name", "status", "published_at")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False
    ordering = ("-number",)
    verbose_name = gettext_lazy("versie")
    verbose_name_plural = gettext_lazy("versies")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Tool)
class ToolAdmin(ObjectIdAdmin, admin.ModelAdmin):
    list_display = ("code", "newest_name_display", "newest_number", "active", "version_count")
    list_filter = ("active",)
    search_fields = ("code", "versions__name")
    inlines = [VersionInline]
    change_list_template = "triage/admin/tool_change_list.html"

    def get_queryset(self, request):
        newest_name = ToolVersion.objects.filter(tool=OuterRef("pk")).order_by("-number").values("name")[:1]
        return super().get_queryset(request).annotate(
            version_total=Count("versions"), newest=Max("versions__number"), newest_name=Subquery(newest_name)
        )

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj is not None else ()

    @admin.display(description=gettext_lazy("versies"), ordering="version_total")
    def version_count(self, obj):
        return obj.version_total

    @admin.display(description=gettext_lazy("nieuwste versie"), ordering="newest")
    def newest_number(self, obj):
        return obj.newest

    @admin.display(description=gettext_lazy("naam"))
    def newest_name_display(self, obj):
        return obj.newest_name or ""

    def has_delete_permission(self, request, obj=None):
        return False  # a tool's versions are evidence for results; take it out of use instead

    def get_urls(self):
        return [
            path("importeren/", self.admin_site.admin_view(self.import_view), name="triage_tool_import"),
            path("exporteren/", self.admin_site.admin_view(self.export_view), name="triage_tool_export"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not permissions.is_bureau(request.user):
            raise PermissionDenied
        outcome = None
        form = ToolImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_BYTES:
                data, errors = None, [f"$: het bestand is {upload.size // 1024} kB; de grens is {MAX_BYTES // 1024} kB"]
            else:
                data, parse_errors = parse_json(upload.read())
                errors = [str(e) for e in parse_errors]
            if errors:
                outcome = {"errors": errors}
            else:
                result = services.import_tools(user=request.user, data=data, publish=form.cleaned_data["publish"])
                outcome = {
                    "errors": [str(e) for e in result.errors],
                    "created": result.created,
                    "unchanged": result.unchanged,
                }
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Vragenlijsten importeren (JSON)"),
            "form": form,
            "outcome": outcome,
        }
        return TemplateResponse(request, "triage/admin/tool_import.html", context)

    def export_view(self, request):
        if not permissions.is_bureau(request.user):
            raise PermissionDenied
        versions = []
        for tool in Tool.objects.order_by("code"):
            version = selectors.published_version(tool.code)
            if version is not None:
                versions.append(version)
        return _json_response(request, versions, f"topggz-vragenlijsten-{timezone.localdate().isoformat()}.json")


def _json_response(request, versions, filename: str) -> HttpResponse:
    document = tools_document(selectors.tool_data(v) for v in versions)
    record(
        action="export",
        request=request,
        object_type=permissions.TOOL,
        detail={"versions": [f"{v.tool.code}:{v.number}" for v in versions]},
    )
    response = HttpResponse(json.dumps(document, ensure_ascii=False, indent=2) + "\n", content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ItemInline(admin.StackedInline):
    model = Item
    fields = (("position", "key", "weight", "characteristic"), "question", "help_text")
    extra = 0
    ordering = ("position", "pk")
    verbose_name = gettext_lazy("vraag")
    verbose_name_plural = gettext_lazy("vragen")

    def _draft(self, obj) -> bool:
        return obj is None or not obj.is_published

    def has_add_permission(self, request, obj=None):
        return self._draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._draft(obj) and super().has_delete_permission(request, obj)


class ToolVersionForm(forms.ModelForm):
    class Meta:
        model = ToolVersion
        fields = "__all__"
        widgets = {"explanation": forms.Textarea(attrs={"rows": 4}), "source": forms.Textarea(attrs={"rows": 2})}


@admin.register(ToolVersion)
class ToolVersionAdmin(ObjectIdAdmin, admin.ModelAdmin):
    form = ToolVersionForm
    list_display = ("name", "tool", "number", "status", "is_published_display", "result_count")
    list_filter = ("status", ("published_at", admin.EmptyFieldListFilter), "tool")
    list_select_related = ("tool",)
    search_fields = ("name", "tool__code")
    inlines = [ItemInline]
    filter_horizontal = ("target_groups",)
    change_form_template = "triage/admin/toolversion_change_form.html"
    fields = (
        "tool", "number", "name", "status", "target_groups", "specialist_cutoff", "high_specialist_cutoff",
        "requires_all_characteristics", "explanation", "source", "published_at", "published_by",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(result_total=Count("results"))

    @admin.display(description=gettext_lazy("gepubliceerd"), boolean=True, ordering="published_at")
    def is_published_display(self, obj):
        return obj.is_published

    @admin.display(description=gettext_lazy("uitslagen"), ordering="result_total")
    def result_count(self, obj):
        return obj.result_total

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ("number", "published_at", "published_by")
        if obj.is_published:
            return self.fields
        return ("tool", "number", "published_at", "published_by")

    def has_change_permission(self, request, obj=None):
        # A published version opens read-only; its buttons make a new version.
        if obj is not None and obj.is_published:
            return False
        return super().has_change_permission(request, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.is_published or obj.results.exists()):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.number = (ToolVersion.objects.filter(tool=obj.tool).aggregate(n=Max("number"))["n"] or 0) + 1
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return [
            path("<path:object_id>/publiceren/", self.admin_site.admin_view(self.publish_view), name="triage_toolversion_publish"),
            path("<path:object_id>/nieuwe-versie/", self.admin_site.admin_view(self.new_version_view), name="triage_toolversion_new"),
            path("<path:object_id>/json/", self.admin_site.admin_view(self.json_view), name="triage_toolversion_json"),
            *super().get_urls(),
        ]

    def _version(self, request, object_id) -> ToolVersion:
        version = self.get_object(request, object_id)  # a malformed or unknown id: 404 before any permission check
        if version is None or not permissions.is_bureau(request.user):
            raise PermissionDenied
        return version

    def publish_view(self, request, object_id):
        version = self._version(request, object_id)
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:triage_toolversion_change", args=[version.pk]))
        try:
            services.publish(user=request.user, version_id=version.pk)
        except services.CannotPublish as refused:
            for where, message in refused.problems:
                messages.error(request, f"{where}: {message}")
        else:
            messages.success(request, _("Versie %(number)s is gepubliceerd. Professionals gebruiken nu deze versie.") % {"number": version.number})
        return HttpResponseRedirect(reverse("admin:triage_toolversion_change", args=[version.pk]))

    def new_version_view(self, request, object_id):
        version = self._version(request, object_id)
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:triage_toolversion_change", args=[version.pk]))
        draft = services.new_draft(user=request.user, version_id=version.pk)
        messages.success(request, _("Versie %(number)s is een concept: pas het aan en publiceer het.") % {"number": draft.number})
        return HttpResponseRedirect(reverse("admin:triage_toolversion_change", args=[draft.pk]))

    def json_view(self, request, object_id):
        version = self._version(request, object_id)
        version = selectors.version_with_content(version.pk)
        return _json_response(request, [version], f"{version.tool.code}-v{version.number}.json")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["is_bureau"] = permissions.is_bureau(request.user)
        if obj is not None:
            context["tool_problems"] = [] if obj.is_published else services.rules.tool_problems(selectors.tool_data(obj))
        return super().render_change_form(request, context, add, change, form_url, obj)



