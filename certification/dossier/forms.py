"""Forms of the dossier editor: one per record kind and one per group of dossier fields.

The forms only turn text into values and check them (Dutch messages, from
the models' validators); every write goes through ``certification.dossier.services``
with the dossier version the editor started from. The services validate
again (``full_clean``) and their errors are put back on the form, so an
error found only there still shows next to its field.

List values stored as JSON (diagnoses, researchers, authors...) are edited
as one item per line; a leading ``*`` marks an author of the unit.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from register import vocabulary

from .models import Attachment, Dossier, Study, TrainingPlace
from .services import RECORD_KINDS
from topggz.uploads import EXTENSIONS, max_upload_bytes

NOT_EDITED = frozenset({"id", "position", "dossier", "file", "file_name", "key"})


# ----------------------------------------------------------------- list fields


def _label(code_nl_en) -> str:
    code, nl, en = code_nl_en[:3]
    return en if (get_language() or "nl").startswith("en") else nl


class LinesField(forms.CharField):
    """A list of texts, one per line (empty lines are ignored)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")


class AuthorsField(LinesField):
    """Authors one per line, ``*`` in front of each author of the unit: ``*Jansen, P.``."""

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(
                ("*" if a.get("unit_author") else "") + str(a.get("name", "")) for a in value if isinstance(a, dict)
            )
        return value

    def to_python(self, value):
        authors = []
        for line in super().to_python(value):
            unit = line.startswith("*")
            name = line.lstrip("*").strip()
            if name:
                authors.append({"name": name, "unit_author": unit})
        return authors


class ChoiceListField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


def _choices(rows):
    return lambda: [(row[0], _label(row)) for row in rows]


JSON_FIELDS = {
    "age_groups": lambda f: ChoiceListField(label=f.verbose_name, required=False, choices=_choices(vocabulary.AGE_GROUPS)),
    "care_functions": lambda f: ChoiceListField(
        label=f.verbose_name, required=False, choices=_choices(vocabulary.CARE_FUNCTIONS)
    ),
    "authors": lambda f: AuthorsField(
        label=f.verbose_name,
        help_text=_("Eén auteur per regel, zoals Jansen, P. Zet een * voor de auteurs van de eenheid: *Jansen, P."),
    ),
}


class PercentField(forms.DecimalField):
    """A share asked as a percentage (0 to 100) and handed on as the fraction (0 to 1) the model and the checker use."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 100)
        kwargs.setdefault("max_digits", 5)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)
        self.error_messages["min_value"] = _("Een percentage is minstens 0.")
        self.error_messages["max_value"] = _("Een percentage is hoogstens 100.")
        for validator in self.validators:
            if isinstance(validator, MinValueValidator):
                validator.message = self.error_messages["min_value"]
            elif isinstance(validator, MaxValueValidator):
                validator.message = self.error_messages["max_value"]

    def prepare_value(self, value):
        """A stored fraction is shown as a percentage; posted text (a percentage already) is shown as typed."""
        if isinstance(value, (float, int, Decimal)) and not isinstance(value, bool):
            percent = (Decimal(str(value)) * 100).quantize(Decimal("0.01"))
            return format(percent.normalize(), "f")
        return value

    def clean(self, value):
        percent = super().clean(value)
        return None if percent is None else float(percent) / 100

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["step"] = "any"
        return attrs


PERCENT_FIELDS = {
    "supra_regional_share": lambda f: PercentField(
        label=_("bovenregionaal aandeel (%)"),
        required=not f.blank,
        help_text=_("Een schatting, als percentage van 0 tot 100: het deel dat van buiten de eigen regio komt."),
    ),
}


def _formfield(model_field: models.Field, **kwargs):
    if model_field.name in PERCENT_FIELDS:
        return PERCENT_FIELDS[model_field.name](model_field)
    if isinstance(model_field, models.JSONField):
        make = JSON_FIELDS.get(model_field.name)
        if make is not None:
            return make(model_field)
        help_text = _("Eén per regel.")
        if model_field.help_text:
            help_text = f"{model_field.help_text} {help_text}"
        return LinesField(label=model_field.verbose_name, required=not model_field.blank, help_text=help_text)
    if isinstance(model_field, models.DateField):
        kwargs["widget"] = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    return model_field.formfield(**kwargs)


# ---------------------------------------------------------------- look and feel

_WIDGET_CLASSES = (
    (forms.CheckboxSelectMultiple, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    (forms.ClearableFileInput, "utrecht-textbox utrecht-textbox--html-input"),
    (forms.widgets.Input, "utrecht-textbox utrecht-textbox--html-input"),
)


def widget_class(widget: forms.Widget) -> str:
    return next((css for kind, css in _WIDGET_CLASSES if isinstance(widget, kind)), "")


class Styled:
    """Utrecht classes per widget, help and errors tied to their field (aria-describedby, aria-invalid)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("class", widget_class(field.widget))
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-help"
            if isinstance(field.widget, forms.NumberInput):
                field.widget.attrs.setdefault("inputmode", "decimal")

    def full_clean(self):
        super().full_clean()
        self.mark_invalid()

    def mark_invalid(self):
        for name in self.errors:
            if name in self.fields:
                auto_id = self[name].auto_id
                described = [f"{auto_id}-error"] + ([f"{auto_id}-help"] if self.fields[name].help_text else [])
                self.fields[name].widget.attrs.update({"aria-invalid": "true", "aria-describedby": " ".join(described)})

    def add_service_errors(self, error: ValidationError, default_field: str | None = None) -> None:
        """Put the errors a service raised next to their fields (others on ``default_field``, or atop the form)."""
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else default_field, messages)
        else:
            self.add_error(default_field, error.messages)
        self.mark_invalid()


class EditorForm(Styled, forms.ModelForm):
    def values(self) -> dict:
        """The cleaned values to hand to a service."""
        return {name: self.cleaned_data[name] for name in self.fields if name in self.cleaned_data}


def _limit_choices(form: forms.ModelForm, dossier_id) -> None:
    """Links (CV, document, study, training place) may only point into the same dossier."""
    targets = {Attachment: Attachment.objects.filter(dossier_id=dossier_id), Study: Study.objects.filter(dossier_id=dossier_id)}
    targets[TrainingPlace] = TrainingPlace.objects.filter(dossier_id=dossier_id)
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.queryset.model in targets:
            field.queryset = targets[field.queryset.model]


@cache
def record_form_class(kind: str) -> type[EditorForm]:
    spec = RECORD_KINDS[kind]
    names = [f.name for f in spec.model._meta.fields if f.editable and f.name not in NOT_EDITED]
    return forms.modelform_factory(spec.model, form=EditorForm, fields=names, formfield_callback=_formfield)


def record_form(kind: str, *, dossier_id, data=None, instance=None, prefix=None) -> EditorForm:
    form = record_form_class(kind)(data=data, instance=instance, prefix=prefix)
    _limit_choices(form, dossier_id)
    return form


@cache
def _dossier_fields_form_class(fields: tuple[str, ...]) -> type[EditorForm]:
    return forms.modelform_factory(Dossier, form=EditorForm, fields=list(fields), formfield_callback=_formfield)


def dossier_fields_form(fields: tuple[str, ...], *, dossier: Dossier, data=None, prefix=None) -> EditorForm:
    form = _dossier_fields_form_class(tuple(fields))(data=data, instance=dossier, prefix=prefix)
    _limit_choices(form, dossier.pk)
    if "criteria_set" in form.fields:
        form.fields["criteria_set"].empty_label = _("De set die op de visitatiedatum geldt")
    return form


class AttachmentUploadForm(Styled, forms.Form):
    """An upload; the file's checks (type by content, size) run in the service and land on the file field."""

    title = forms.CharField(label=_("Titel"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("Soort"), choices=Attachment.Kind.choices, initial=Attachment.Kind.OTHER)
    file = forms.FileField(label=_("Bestand"), help_text=" ")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Een PDF, Word-document (.docx), PNG of JPEG van hoogstens %(size)s MB.") % {
            "size": max_upload_bytes() // (1024 * 1024)
        }
        self.fields["file"].widget.attrs["accept"] = ",".join(EXTENSIONS)

    def add_service_errors(self, error: ValidationError, default_field: str | None = "file") -> None:
        super().add_service_errors(error, default_field)


class PublicationImportForm(Styled, forms.Form):
    file = forms.FileField(
        label=_("BibTeX- of RIS-bestand"),
        help_text=_("Een export uit EndNote, Zotero, Mendeley, PubMed of Google Scholar (.bib of .ris)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".bib,.ris,.txt"}),
    )


class NewDossierForm(Styled, forms.Form):
    department = forms.ModelChoiceField(label=_("Afdeling"), queryset=None, empty_label=None)
    visitation_date = forms.DateField(
        label=_("Geplande visitatiedatum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
