"""Forms of the desk's pages: the request, the steps on a request, messages and the inbox filter.

The forms turn text into values and check what a form can check (required fields, formats, no
BSN in any text: ``validators.refuse_bsn``). Every write goes through ``consultation.services``;
the errors a service raises are put back next to their fields (``add_service_errors``), so a
refusal found only there (a postcode that does not exist, a department that closed its offer)
still shows where the person can fix it.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from register.models import AgeGroup, ExclusionCriterion, TargetGroup
from topggz.uploads import max_upload_bytes

from .models import DeclineReason, EscalationOutcome, Kind, Outcome, Profession, Urgency
from .services import NewRequest
from .validators import refuse_bsn, validate_pc4

DESK = "desk"  # the destination "Het bureau kiest voor mij"
DATE_WIDGET = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}

_WIDGET_CLASSES = (
    (forms.CheckboxSelectMultiple, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.RadioSelect, "utrecht-radio-button utrecht-radio-button--html-input"),
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    (forms.ClearableFileInput, "utrecht-textbox utrecht-textbox--html-input"),
    (forms.widgets.Input, "utrecht-textbox utrecht-textbox--html-input"),
)


class Styled:
    """Utrecht classes per widget. Django ties help and errors to their field itself (aria-describedby
    ``<id>_helptext`` and ``<id>_error``, aria-invalid); ``_field.html`` uses those ids."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = next((css for kind, css in _WIDGET_CLASSES if isinstance(field.widget, kind)), "")
            if not isinstance(field.widget, forms.HiddenInput):
                field.widget.attrs.setdefault("class", css)

    def add_service_errors(self, error: ValidationError, aliases: dict[str, str] | None = None) -> None:
        """Put a service's errors next to their fields (``aliases``: service name -> form field); others atop."""
        aliases = aliases or {}
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                name = aliases.get(name, name)
                self.add_error(name if name in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)


class BsnFreeCharField(forms.CharField):
    default_validators = [refuse_bsn]


def _vocabulary_choices(model) -> list[tuple[str, str]]:
    return [(term.code, term.label) for term in model.objects.order_by("order", "label_nl")]


class MultiplePdfInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePdfField(forms.FileField):
    """Zero or more PDFs; each is checked by the service (type by content, size, no BSN in the name)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultiplePdfInput(attrs={"accept": ".pdf,application/pdf"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _pdf_help() -> str:
    return _("Alleen PDF, hoogstens %(size)s MB per bestand. Geen naam, adres, geboortedatum of BSN in de bestandsnaam.") % {
        "size": max_upload_bytes() // (1024 * 1024)
    }


# ------------------------------------------------------------------ the request


class RequestForm(Styled, forms.Form):
    """What a referrer asks. The destination and the attachments come in the second step (after matching)."""

    kind = forms.ChoiceField(label=_("Wat voor vraag is het?"), choices=Kind.choices, widget=forms.RadioSelect)
    profession = forms.ChoiceField(label=_("Uw beroep"), choices=[("", _("Kies uw beroep"))] + Profession.choices)
    question = BsnFreeCharField(
        label=_("Uw vraag"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Beschrijf de klachten en wat u wilt weten. Noem geen naam, adres, geboortedatum of BSN."),
    )
    tried = BsnFreeCharField(
        label=_("Wat is al geprobeerd?"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Behandelingen, hoe lang en met welk resultaat. Leeg als er nog niets is geprobeerd."),
    )
    urgency = forms.ChoiceField(label=_("Hoe snel is antwoord nodig?"), choices=Urgency.choices, initial=Urgency.ROUTINE,
                                widget=forms.RadioSelect)
    current_provider = BsnFreeCharField(
        label=_("Huidige behandelaar of instelling"), max_length=200, required=False,
        help_text=_("Bijvoorbeeld: huisartsenpraktijk of ggz-instelling. Leeg als er geen is."),
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Doelgroepen"), widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies de problemen die het best passen. Meer dan één mag."),
    )
    age_group = forms.ChoiceField(label=_("Leeftijdsgroep"))
    birth_year = forms.IntegerField(
        label=_("Geboortejaar"), required=False, min_value=1900,
        help_text=_("Mag leeg blijven. Alleen het jaar, nooit de hele geboortedatum."),
    )
    patient_pc4 = forms.CharField(
        label=_("Postcode van de patiënt (alleen de 4 cijfers)"), min_length=4, max_length=4,
        validators=[validate_pc4], help_text=_("Bijvoorbeeld 3511. Hiermee zoeken we afdelingen in de buurt."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 4}),
    )
    waiting_since = forms.DateField(
        label=_("Wacht sinds"), widget=forms.DateInput(**DATE_WIDGET),
        help_text=_("De datum waarop de patiënt zich voor deze zorgvraag voor het eerst ergens aanmeldde."),
    )
    concerns = forms.MultipleChoiceField(
        label=_("Speelt een van deze zaken?"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Sommige afdelingen nemen patiënten met deze zaken niet aan. Dan ziet u dat bij de afdeling."),
    )
    triage = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)  # a triage result carried along

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_groups"].choices = _vocabulary_choices(TargetGroup)
        self.fields["age_group"].choices = [("", _("Kies een leeftijdsgroep"))] + _vocabulary_choices(AgeGroup)
        self.fields["concerns"].choices = _vocabulary_choices(ExclusionCriterion)
        self.fields["birth_year"].widget.attrs.update({"max": timezone.localdate().year, "inputmode": "numeric"})

    def clean_waiting_since(self):
        value = self.cleaned_data["waiting_since"]
        if value > timezone.localdate():
            raise ValidationError(_("‘Wacht sinds’ kan niet in de toekomst liggen."))
        return value

    def clean_birth_year(self):
        value = self.cleaned_data.get("birth_year")
        if value is not None and value > timezone.localdate().year:
            raise ValidationError(_("Het geboortejaar kan niet in de toekomst liggen."))
        return value

    def matching_arguments(self, patient_region: str | None) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "target_groups": list(data["target_groups"]),
            "age_group": data["age_group"],
            "pc4": data["patient_pc4"],
            "concerns": set(data["concerns"]),
            "tried": data["tried"],
            "patient_region": patient_region,
        }


class SendForm(Styled, forms.Form):
    """The second step: where the request goes, the attachments and the consent."""

    destination = forms.ChoiceField(label=_("Naar wie gaat uw vraag?"), widget=forms.RadioSelect,
                                    error_messages={"required": _("Kies een afdeling of het bureau.")})
    attachments = MultiplePdfField(label=_("Bijlagen (PDF)"))
    consent = forms.BooleanField(
        label=_("De patiënt weet van deze vraag en stemt ermee in dat ik deze gegevens deel."),
        error_messages={"required": _("Bevestig dat de patiënt ermee instemt dat u deze vraag deelt.")},
    )

    def __init__(self, *args, departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _pdf_help()
        self.fields["destination"].choices = [(str(d.pk), d.name) for d in departments] + [
            (DESK, _("Het bureau kiest voor mij"))
        ]

    def department_id(self) -> int | None:
        value = self.cleaned_data["destination"]
        return None if value == DESK else int(value)


def new_request(request_form: RequestForm, send_form: SendForm) -> NewRequest:
    data = request_form.cleaned_data
    return NewRequest(
        kind=data["kind"],
        profession=data["profession"],
        question=data["question"],
        tried=data["tried"],
        current_provider=data["current_provider"],
        urgency=data["urgency"],
        target_groups=list(data["target_groups"]),
        age_group=data["age_group"],
        birth_year=data["birth_year"],
        patient_pc4=data["patient_pc4"],
        waiting_since=data["waiting_since"],
        concerns=list(data["concerns"]),
        consent=send_form.cleaned_data["consent"],
        department_id=send_form.department_id(),
        triage_result_id=data.get("triage"),
    )


# The names the service gives its errors -> the fields of the two forms.
SERVICE_FIELDS = {"department_id": "destination"}
SEND_FIELDS = frozenset({"destination", "attachments", "consent", "department_id"})


# ------------------------------------------------------------------ steps on a request


class StepForm(Styled, forms.Form):
    """A step on a request. ``version`` is the request's version the page showed (lost-update guard)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    step = ""  # the event kind (consultation.rules.lifecycle)

    def service_arguments(self) -> dict:
        return {}


class AcceptForm(StepForm):
    step = "accepted"


class TreatmentStartedForm(StepForm):
    step = "treatment_started"


class NoteStepForm(StepForm):
    note = BsnFreeCharField(label=_("Toelichting"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))

    def service_arguments(self) -> dict:
        return {"note": self.cleaned_data["note"]}


class AskInfoForm(NoteStepForm):
    step = "info_asked"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].label = _("Welke informatie heeft u nodig?")
        self.fields["note"].help_text = _("De termijn staat stil tot de verwijzer antwoordt.")


class GiveInfoForm(NoteStepForm):
    step = "info_given"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].label = _("De gevraagde informatie")


class DeclineForm(StepForm):
    step = "declined"
    reason = forms.ChoiceField(label=_("Reden"), choices=DeclineReason.choices, widget=forms.RadioSelect)
    note = BsnFreeCharField(
        label=_("Toelichting en suggestie"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Waarom past de vraag niet, en waar kan de verwijzer beter terecht?"),
    )

    def service_arguments(self) -> dict:
        return {"reason": self.cleaned_data["reason"], "note": self.cleaned_data["note"]}


class DepartmentStepForm(StepForm):
    """Forward (department) or route (bureau) to a department: a matching suggestion or any open department."""

    department = forms.TypedChoiceField(label=_("Afdeling"), coerce=int,
                                        error_messages={"required": _("Kies de afdeling.")})
    note = BsnFreeCharField(label=_("Toelichting"), max_length=5000, required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, departments=(), **kwargs):
        """``departments``: choices, plain (pk, name) or grouped (label, [(pk, name), ...])."""
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", _("Kies een afdeling"))] + list(departments)

    def service_arguments(self) -> dict:
        return {"department_id": self.cleaned_data["department"], "note": self.cleaned_data["note"]}


class ForwardForm(DepartmentStepForm):
    step = "forwarded"


class RouteForm(DepartmentStepForm):
    step = "routed"


class AnswerForm(StepForm):
    step = "answered"
    note = BsnFreeCharField(label=_("Uw antwoord"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))
    attachment = forms.FileField(label=_("Bijlage (PDF)"), required=False,
                                 widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment"].help_text = _pdf_help()

    def service_arguments(self) -> dict:
        return {"note": self.cleaned_data["note"], "attachment": self.cleaned_data.get("attachment")}


class EscalateForm(StepForm):
    step = "escalated"
    note = BsnFreeCharField(label=_("Waarom opschalen?"), max_length=5000, required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def service_arguments(self) -> dict:
        return {"note": self.cleaned_data["note"]}


class EscalationOutcomeForm(StepForm):
    step = "escalation_outcome"
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=EscalationOutcome.choices, widget=forms.RadioSelect)
    department = forms.TypedChoiceField(label=_("Geplaatst bij (alleen bij plaatsing)"), coerce=int, required=False,
                                        empty_value=None)
    note = BsnFreeCharField(label=_("Advies"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", _("Geen afdeling"))] + list(departments)

    def clean(self):
        data = super().clean()
        if data.get("outcome") == EscalationOutcome.PLACED and not data.get("department"):
            self.add_error("department", _("Kies de afdeling waar de patiënt terecht kan."))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        department = data.get("department") if data["outcome"] == EscalationOutcome.PLACED else None
        return {"outcome": data["outcome"], "department_id": department, "note": data["note"]}


YES_NO = [("yes", _("Ja")), ("no", _("Nee"))]


class CloseForm(StepForm):
    step = "closed"
    outcome = forms.ChoiceField(label=_("Hoe liep het af?"), choices=Outcome.choices, widget=forms.RadioSelect)
    helped = forms.ChoiceField(label=_("Hielp het antwoord?"), choices=YES_NO, required=False, widget=forms.RadioSelect)
    referral_avoided = forms.ChoiceField(label=_("Is een verwijzing voorkomen?"), choices=YES_NO, required=False,
                                         widget=forms.RadioSelect,
                                         help_text=_("Kon de patiënt door het advies bij u blijven, zonder verwijzing?"))
    note = BsnFreeCharField(label=_("Toelichting"), max_length=5000, required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def service_arguments(self) -> dict:
        data = self.cleaned_data

        def yes_no(value):
            return {"yes": True, "no": False}.get(value)

        return {"outcome": data["outcome"], "helped": yes_no(data["helped"]),
                "referral_avoided": yes_no(data["referral_avoided"]), "note": data["note"]}


STEP_FORMS: dict[str, type[StepForm]] = {
    form.step: form
    for form in (AcceptForm, DeclineForm, ForwardForm, AskInfoForm, GiveInfoForm, AnswerForm, TreatmentStartedForm,
                 RouteForm, EscalateForm, EscalationOutcomeForm, CloseForm)
}


class MessageForm(Styled, forms.Form):
    body = BsnFreeCharField(label=_("Nieuw bericht"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
                            help_text=_("Noem geen naam, adres, geboortedatum of BSN."))
    attachment = forms.FileField(label=_("Bijlage (PDF)"), required=False,
                                 widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment"].help_text = _pdf_help()
