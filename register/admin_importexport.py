"""Admin pages "Importeren" and "Exporteren" for the whole register and for the complaints vocabulary.

`RegisterImportExportAdminMixin` adds both pages to a ModelAdmin (the
Department admin) and a change list template with links to them. Only
active staff with register.add_department and register.change_department
may use them.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from audit.services import record

from .importexport import KINDS, export_register, import_register
from .importexport.complaints import export_complaints, import_complaints
from .importexport.files import max_upload_bytes, megabytes

PERMISSIONS = ("register.add_department", "register.change_department")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "application/zip",
}
FILE_EXTENSIONS = {"xlsx": "xlsx", "csv": "zip"}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".xlsx,.csv"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        clean_one = super().clean
        if isinstance(data, (list, tuple)):
            return [clean_one(item, initial) for item in data]
        return [clean_one(data, initial)]


class RegisterImportForm(forms.Form):
    files = MultipleFileField(
        label="Bestanden",
        help_text="Eén Excel-werkmap (.xlsx) met een tabblad per soort, of een of meer csv-bestanden "
        "(bijvoorbeeld afdelingen.csv).",
    )
    kind = forms.ChoiceField(
        label="Soort gegevens",
        choices=[("", "Volgt uit de bestandsnaam of het tabblad"), *((kind, kind) for kind in KINDS)],
        required=False,
        help_text="Alleen nodig bij één csv-bestand waarvan de naam niet zegt wat erin staat.",
    )
    dry_run = forms.BooleanField(label="Alleen controleren, niets opslaan", required=False)


class RegisterImportExportAdminMixin:
    """Adds the register import and export pages to a ModelAdmin."""

    change_list_template = "register/admin/department_change_list.html"
    import_template = "register/admin/import.html"
    export_template = "register/admin/export.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path("importeren/", self.admin_site.admin_view(self.import_view), name="%s_%s_import" % info),
            path("exporteren/", self.admin_site.admin_view(self.export_view), name="%s_%s_export" % info),
            *super().get_urls(),
        ]

    def has_import_export_permission(self, request) -> bool:
        user = request.user
        return user.is_active and user.is_staff and user.has_perms(PERMISSIONS)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import_export": self.has_import_export_permission(request)}
        return super().changelist_view(request, extra_context)

    def import_export_context(self, request, title: str) -> dict:
        return {**self.admin_site.each_context(request), "opts": self.opts, "title": title}

    def import_view(self, request):
        if not self.has_import_export_permission(request):
            raise PermissionDenied
        report = None
        if request.method == "POST":
            form = RegisterImportForm(request.POST, request.FILES)
            if form.is_valid():
                data = form.cleaned_data
                report = import_register(
                    data["files"], kind=data["kind"] or None, user=request.user, dry_run=data["dry_run"]
                )
                if not data["dry_run"]:
                    record(
                        action="import",
                        request=request,
                        object_type="register",
                        outcome="failure" if report.errors else "success",
                        detail={"files": [f.name for f in data["files"]], "errors": len(report.errors)},
                    )
        else:
            form = RegisterImportForm()
        context = {
            **self.import_export_context(request, "Register importeren"),
            "form": form,
            "report": report,
            "kinds": KINDS,
            "max_size": megabytes(max_upload_bytes()),
        }
        return TemplateResponse(request, self.import_template, context)

    def export_view(self, request):
        if not self.has_import_export_permission(request):
            raise PermissionDenied
        export_format = request.GET.get("formaat")
        if export_format not in CONTENT_TYPES:
            return TemplateResponse(request, self.export_template, self.import_export_context(request, "Register exporteren"))
        filename = f"topggz-register-{timezone.localdate().isoformat()}.{FILE_EXTENSIONS[export_format]}"
        response = HttpResponse(export_register(export_format), content_type=CONTENT_TYPES[export_format])
        record(action="export", request=request, object_type="register", detail={"format": export_format})
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


# --- the complaints vocabulary ------------------------------------------------------------------------

COMPLAINT_PERMISSIONS = ("register.add_complaintterm", "register.change_complaintterm")
COMPLAINT_CONTENT_TYPES = {"xlsx": CONTENT_TYPES["xlsx"], "csv": "text/csv; charset=utf-8"}


class ComplaintImportForm(forms.Form):
    file = forms.FileField(
        label="Bestand",
        help_text="Een .csv- of .xlsx-bestand met de kolommen term, language en target_groups.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    dry_run = forms.BooleanField(label="Alleen controleren, niets opslaan", required=False)


class ComplaintImportExportAdminMixin:
    """Adds "Importeren" and "Exporteren" pages for the complaints vocabulary to a ModelAdmin."""

    change_list_template = "register/admin/department_change_list.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path("importeren/", self.admin_site.admin_view(self.import_view), name="%s_%s_import" % info),
            path("exporteren/", self.admin_site.admin_view(self.export_view), name="%s_%s_export" % info),
            *super().get_urls(),
        ]

    def has_import_export_permission(self, request) -> bool:
        user = request.user
        return user.is_active and user.is_staff and user.has_perms(COMPLAINT_PERMISSIONS)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import_export": self.has_import_export_permission(request)}
        return super().changelist_view(request, extra_context)

    def import_export_context(self, request, title: str) -> dict:
        return {**self.admin_site.each_context(request), "opts": self.opts, "title": title}

    def import_view(self, request):
        if not self.has_import_export_permission(request):
            raise PermissionDenied
        report = None
        if request.method == "POST":
            form = ComplaintImportForm(request.POST, request.FILES)
            if form.is_valid():
                data = form.cleaned_data
                report = import_complaints([data["file"]], dry_run=data["dry_run"])
                if not data["dry_run"]:
                    record(
                        action="import",
                        request=request,
                        object_type="complaints",
                        outcome="failure" if report.errors else "success",
                        detail={"files": [data["file"].name], "errors": len(report.errors)},
                    )
        else:
            form = ComplaintImportForm()
        context = {
            **self.import_export_context(request, "Klachtenwoorden importeren"),
            "form": form,
            "report": report,
            "max_size": megabytes(max_upload_bytes()),
        }
        return TemplateResponse(request, "register/admin/complaints_import.html", context)

    def export_view(self, request):
        if not self.has_import_export_permission(request):
            raise PermissionDenied
        export_format = request.GET.get("formaat")
        if export_format not in COMPLAINT_CONTENT_TYPES:
            context = self.import_export_context(request, "Klachtenwoorden exporteren")
            return TemplateResponse(request, "register/admin/complaints_export.html", context)
        filename = f"topggz-klachtenwoorden-{timezone.localdate().isoformat()}.{export_format}"
        response = HttpResponse(export_complaints(export_format), content_type=COMPLAINT_CONTENT_TYPES[export_format])
        record(action="export", request=request, object_type="complaints", detail={"format": export_format})
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
