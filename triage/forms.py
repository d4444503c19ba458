"""Forms: the questionnaire (built from a tool version), an intake registration, a quarterly upload."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from register.models import AgeGroup, TargetGroup

from .models import PC4, Outcome
from .rules import tools as rules
from .rules.intake import check_intake

YES, NO, UNKNOWN = "ja", "nee", "weet-niet"
ANSWER_CHOICES = [(YES, _("Ja")), (NO, _("Nee")), (UNKNOWN, _("Weet ik niet"))]
ANSWER_VALUES = {YES: True, NO: False, UNKNOWN: None}


def item_field_name(key: str) -> str:
    return f"vraag_{key}"


_WIDGET_CLASSES = (
    (forms.RadioSelect, ""),  # rendered by the template, option by option
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    (forms.widgets.Input, "utrecht-textbox utrecht-textbox--html-input"),
)


class Styled:
    """The NL Design System (Utrecht) class on every widget; Django ties help and errors to it (aria-describedby)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = next((css for kind, css in _WIDGET_CLASSES if isinstance(field.widget, kind)), "")
            if css:
                field.widget.attrs.setdefault("class", css)


class QuestionnaireForm(Styled, forms.Form):
    """The context used to match departments, then one yes / no / don't-know question per item."""

    doelgroep = forms.ChoiceField(
        label=_("Doelgroep"),
        help_text=_("Waar gaat de hulpvraag vooral over?"),
        error_messages={"required": _("Kies een doelgroep."), "invalid_choice": _("Kies een doelgroep uit de lijst.")},
    )
    leeftijd = forms.ChoiceField(label=_("Leeftijdsgroep"), required=False, help_text=_("Niet verplicht."))
    postcode = forms.CharField(
        label=_("Postcode van de patiënt (alleen de 4 cijfers)"),
        required=False,
        max_length=4,
        validators=[PC4],
        help_text=_("Niet verplicht. Dan zoeken we afdelingen dichtbij. Bijvoorbeeld 3511."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 4}),
    )

    def __init__(self, *args, tool: rules.Tool, **kwargs):
        super().__init__(*args, **kwargs)
        self.tool = tool
        groups = TargetGroup.objects.all()
        if tool.target_groups:
            groups = groups.filter(code__in=tool.target_groups)
        self.fields["doelgroep"].choices = [("", _("Kies een doelgroep"))] + [(g.code, g.label) for g in groups]
        self.fields["leeftijd"].choices = [("", _("Niet opgegeven"))] + [(a.code, a.label) for a in AgeGroup.objects.all()]
        for number, item in enumerate(tool.items, start=1):
            self.fields[item_field_name(item.key)] = forms.ChoiceField(
                label=item.question,
                help_text=item.help_text,
                choices=ANSWER_CHOICES,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Vraag %(number)s: kies ja, nee of weet ik niet.") % {"number": number},
                    "invalid_choice": _("Vraag %(number)s: kies ja, nee of weet ik niet.") % {"number": number},
                },
            )

    def item_fields(self):
        return [self[item_field_name(item.key)] for item in self.tool.items]

    def context_fields(self):
        return [self["doelgroep"], self["leeftijd"], self["postcode"]]

    def answers(self) -> dict:
        return {item.key: ANSWER_VALUES[self.cleaned_data[item_field_name(item.key)]] for item in self.tool.items}


class IntakeForm(Styled, forms.Form):
    """One started treatment; the checks are the CSV upload's (``rules.intake.check_intake``)."""

    department = forms.ModelChoiceField(label=_("Afdeling"), queryset=None, empty_label=None)
    started_on = forms.DateField(
        label=_("Startdatum van de behandeling"),
        help_text=_("Bijvoorbeeld 2026-03-01 of 01-03-2026."),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    target_group = forms.ChoiceField(label=_("Doelgroep"))
    age_group = forms.ChoiceField(label=_("Leeftijdsgroep"), required=False)
    tool = forms.ChoiceField(
        label=_("Vragenlijst"),
        required=False,
        help_text=_("Leeg laten als de afdeling eigen criteria gebruikte."),
    )
    score = forms.IntegerField(label=_("Score op de vragenlijst"), required=False, min_value=0, max_value=3000)
    tool_outcome = forms.ChoiceField(
        label=_("Uitkomst van de vragenlijst"),
        required=False,
        choices=[("", _("Volgt uit de score"))] + list(Outcome.choices),
        help_text=_("Alleen nodig als de uitkomst niet uit de score volgt."),
    )
    own_criteria = forms.CharField(
        label=_("Eigen criteria"),
        required=False,
        max_length=300,
        help_text=_("Zonder vragenlijst: beschrijf kort hoe de afdeling de zorgvraag vaststelde. Geen gegevens van de patiënt."),
        widget=forms.TextInput(),
    )
    high_specialist = forms.ChoiceField(
        label=_("Stelde de afdeling een hoogspecialistische zorgvraag vast?"),
        choices=[("ja", _("Ja")), ("nee", _("Nee"))],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, departments, lookups, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lookups = lookups
        self.today = today or timezone.localdate()
        self.intake = None
        self.fields["department"].queryset = departments
        self.fields["target_group"].choices = [("", _("Kies een doelgroep"))] + [
            (g.code, g.label) for g in TargetGroup.objects.all()
        ]
        self.fields["age_group"].choices = [("", _("Niet opgegeven"))] + [(a.code, a.label) for a in AgeGroup.objects.all()]
        self.fields["tool"].choices = [("", _("Geen: eigen criteria"))] + [
            (f"{code}:{number}", f"{tool.name} (versie {number})")
            for (code, number), tool in sorted(lookups.tools.items(), key=lambda kv: (kv[1].name, kv[0][1]))
        ]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        code, _sep, number = (data.get("tool") or "").partition(":")
        intake, problems = check_intake(
            started_on=data.get("started_on"),
            target_group=data.get("target_group") or "",
            high_specialist={"ja": True, "nee": False}.get(data.get("high_specialist")),
            lookups=self.lookups,
            today=self.today,
            age_group=data.get("age_group") or "",
            tool=code,
            tool_version=int(number) if number.isdigit() else None,
            score=data.get("score"),
            tool_outcome=data.get("tool_outcome") or "",
            own_criteria=data.get("own_criteria") or "",
        )
        for name, messages in problems.items():
            field = "tool" if name == "tool_version" else name
            for message in messages:
                self.add_error(field, message)
        self.intake = intake
        return data


def _quarter_choices():
    return [(q, f"Q{q}") for q in (1, 2, 3, 4)]


class IntakeUploadForm(Styled, forms.Form):
    department = forms.ModelChoiceField(label=_("Afdeling"), queryset=None, empty_label=None)
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Kwartaal"), choices=_quarter_choices, coerce=int)
    file = forms.FileField(
        label=_("Bestand (.csv)"),
        help_text=_("Eén rij per gestarte behandeling in dit kwartaal. Een nieuwe upload voor hetzelfde kwartaal vervangt de vorige."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
