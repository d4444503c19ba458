"""The monthly report form and the upload form; the rules are insight.rules.capacity's, shared with the CSV."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from register.models import Offer

from .rules.capacity import COLUMN_FIELDS, FIELD_COLUMNS, MAX_BYTES, check_report

# form field -> CSV column (insight.rules.capacity; the API uses the same field names)
COLUMN_OF = FIELD_COLUMNS
FIELD_OF = COLUMN_FIELDS


class ReportForm(forms.Form):
    department = forms.ModelChoiceField(queryset=None, label=_("Afdeling"), empty_label=None)
    offer_kind = forms.ChoiceField(label=_("Aanbod"), choices=Offer.Kind.choices, initial=Offer.Kind.TREATMENT)
    month = forms.CharField(label=_("Maand"), help_text=_("Als JJJJ-MM, bijvoorbeeld 2026-11."), max_length=7)
    measured_on = forms.CharField(label=_("Meetdatum"), help_text=_("Als JJJJ-MM-DD."), max_length=10)
    intake_weeks = forms.CharField(
        label=_("Wachttijd van aanmelding tot intake (weken)"), max_length=5,
        help_text=_("Het gerealiseerde gemiddelde over de afgelopen twee maanden, bijvoorbeeld 4,5."),
    )
    treatment_weeks = forms.CharField(
        label=_("Wachttijd van intake tot behandeling (weken)"), max_length=5,
        help_text=_("Het gerealiseerde gemiddelde over de afgelopen twee maanden."),
    )
    waiting_count = forms.CharField(label=_("Aantal wachtenden"), max_length=6)
    beds_free = forms.CharField(label=_("Vrije bedden (alleen klinische zorg)"), required=False, max_length=6)
    beds_total = forms.CharField(label=_("Bedden totaal (alleen klinische zorg)"), required=False, max_length=6)
    paused = forms.BooleanField(label=_("Er is nu een aanmeldpauze"), required=False)

    def __init__(self, *args, departments, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.today = today or timezone.localdate()
        self.report = None
        for name in ("month", "measured_on", "intake_weeks", "treatment_weeks", "waiting_count", "beds_free", "beds_total"):
            self.fields[name].widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"
        for name in ("department", "offer_kind"):
            self.fields[name].widget.attrs["class"] = "utrecht-select utrecht-select--html-select"
        self.fields["month"].widget.attrs["inputmode"] = "numeric"
        self.fields["measured_on"].widget.attrs["inputmode"] = "numeric"
        for name in ("intake_weeks", "treatment_weeks"):
            self.fields[name].widget.attrs["inputmode"] = "decimal"

    def clean(self):
        data = super().clean()
        department = data.get("department")
        if department is None:
            return data
        values = {column: str(data.get(name) or "") for name, column in COLUMN_OF.items()}
        values["aanmeldpauze"] = "ja" if data.get("paused") else "nee"
        kinds = set(department.offers.values_list("kind", flat=True))
        self.report, problems = check_report(values, offer_kinds=kinds, today=self.today)
        for column, message in problems:
            self.add_error(FIELD_OF[column], message)
        return data


class UploadForm(forms.Form):
    department = forms.ModelChoiceField(queryset=None, label=_("Afdeling"), empty_label=None)
    file = forms.FileField(label=_("CSV-bestand"), help_text=_("Eén regel per maand en aanbod; zie het voorbeeldbestand."))

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["department"].widget.attrs["class"] = "utrecht-select utrecht-select--html-select"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan %(kb)s kB.") % {"kb": MAX_BYTES // 1000})
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Upload een CSV-bestand (.csv)."))
        return upload
