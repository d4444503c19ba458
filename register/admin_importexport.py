"""Admin pages "Importeren" and "Exporteren" for the whole register and for the complaints vocabulary.

`ImportExportPagesMixin` adds both pages to a ModelAdmin, with a change list
template that links to them, and audits every import and export;
`RegisterImportExportAdminMixin` (the Department admin: only active staff with
register.add_department and register.change_department) and
`ComplaintImportExportAdminMixin` (the complaints vocabulary) say what they
import and export.
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


class ImportExportPagesMixin:
    """The "Importeren" and "Exporteren" pages of a ModelAdmin, and a change list that links to them.

    A subclass names its permissions, templates, titles, form and formats, and says how to import
    the form's files (`run_import`) and what to export (`export_bytes`). Every import that is not a
    dry run, and every export, is audited under `object_type`.
    """

    change_list_template = "register/admin/department_change_list.html"
    import_export_permissions: tuple = ()
    object_type = ""
    import_form = forms.Form
    import_template = ""
    export_template = ""
    import_title = ""
    export_title = ""
    content_types: dict = {}
    file_extensions: dict = {}
    filename_stem = ""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path("importeren/", self.admin_site.admin_view(self.import_view), name="%s_%s_import" % info),
            path("exporteren/", self.admin_site.admin_view(self.export_view), name="%s_%s_export" % info),
            *super().get_urls(),
        ]

    def has_import_export_permission(self, request) -> bool:
        user = request.user
        return user.is_active and user.is_staff and user.has_perms(self.import_export_permissions)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import_export": self.has_import_export_permission(request)}
        return super().changelist_view(request, extra_context)

    def import_export_context(self, request, title: str) -> dict:
        return {**self.admin_site.each_context(request), "opts": self.opts, "title": title}

    def uploaded_files(self, data) -> list:
        raise NotImplementedError  # each import form names its file field(s)

    def run_import(self, data, *, request):
        raise NotImplementedError  # each admin imports its own kind of data

    def export_bytes(self, export_format: str) -> bytes:
        raise NotImplementedError  # each admin exports its own kind of data

    def import_view(self, request):
        if not self.has_import_export_permission(request):
            raise PermissionDenied
        report = None
        form = self.import_form(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            report = self.run_import(data, request=request)
            if not data["dry_run"]:
                record(
                    action="import",
                    request=request,
                    object_type=self.object_type,
                    outcome="failure" if report.errors else "success",
                    detail={"files": [f.name for f in self.uploaded_files(data)], "errors": len(report.errors)},
                )
        context = {
            **self.import_export_context(request, self.import_title),
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
        if export_format not in self.content_types:
            return TemplateResponse(request, self.export_template, self.import_export_context(request, self.export_title))
        filename = f"{self.filename_stem}-{timezone.localdate().isoformat()}.{self.file_extensions[export_format]}"
        response = HttpResponse(self.export_bytes(export_format), content_type=self.content_types[export_format])
        record(action="export", request=request, object_type=self.object_type, detail={"format": export_format})
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class RegisterImportExportAdminMixin(ImportExportPagesMixin):
    """The whole register (the Department admin): only active staff with register.add_department and
    register.change_department."""

    import_export_permissions = PERMISSIONS
    object_type = "register"
    import_form = RegisterImportForm
    import_template = "register/admin/import.html"
    export_template = "register/admin/export.html"
    import_title = "Register importeren"
    export_title = "Register exporteren"
    content_types = CONTENT_TYPES
    file_extensions = FILE_EXTENSIONS
    filename_stem = "topggz-register"

    def uploaded_files(self, data) -> list:
        return data["files"]

    def run_import(self, data, *, request):
        return import_register(data["files"], kind=data["kind"] or None, user=request.user, dry_run=data["dry_run"])

    def export_bytes(self, export_format: str) -> bytes:
        return export_register(export_format)


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


class ComplaintImportExportAdminMixin(ImportExportPagesMixin):
    """The complaints vocabulary (register.importexport.complaints)."""

    import_export_permissions = COMPLAINT_PERMISSIONS
    object_type = "complaints"
    import_form = ComplaintImportForm
    import_template = "register/admin/complaints_import.html"
    export_template = "register/admin/complaints_export.html"
    import_title = "Klachtenwoorden importeren"
    export_title = "Klachtenwoorden exporteren"
    content_types = COMPLAINT_CONTENT_TYPES
    file_extensions = {"xlsx": "xlsx", "csv": "csv"}
    filename_stem = "topggz-klachtenwoorden"

    def uploaded_files(self, data) -> list:
        return [data["file"]]

    def run_import(self, data, *, request):
        return import_complaints([data["file"]], dry_run=data["dry_run"])

    def export_bytes(self, export_format: str) -> bytes:
        return export_complaints(export_format)
