"""Forms of the visitation procedure's pages."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certification.dossier.forms import Styled


class ApplicationForm(Styled, forms.Form):
    """A department applies for the quality mark; ``departments``: those the user may apply for."""

    department = forms.ModelChoiceField(label=_("Afdeling"), queryset=None, empty_label=None)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


class RecoveryPlanForm(Styled, forms.Form):
    """The manager reports a compliance case the platform opened, with the recovery plan."""

    recovery_plan = forms.CharField(
        label=_("Herstelplan"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000,
        help_text=_("Wat verandert er, wie doet wat, en wanneer voldoet de afdeling weer?"),
    )


class ChangeReportForm(RecoveryPlanForm):
    """A change the dossier cannot show, reported by hand by the manager, with the recovery plan."""

    department = forms.ModelChoiceField(label=_("Afdeling"), queryset=None, empty_label=None)
    since = forms.DateField(
        label=_("Sinds wanneer"), widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("De eerste dag dat de afdeling niet meer aan het criterium voldoet."),
    )
    description = forms.CharField(
        label=_("Wat is er veranderd"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
    )

    field_order = ["department", "since", "description", "recovery_plan"]

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.order_fields(self.field_order)

    def clean_since(self):
        since = self.cleaned_data["since"]
        if since > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst. Meld een wijziging als die is ingegaan."))
        return since


class InterimVisitForm(Styled, forms.Form):
    """The committee decides whether a reported change needs an interim re-visitation."""

    needed = forms.TypedChoiceField(
        label=_("Tussentijdse visitatie nodig?"), choices=(("ja", _("Ja")), ("nee", _("Nee"))),
        coerce=lambda value: value == "ja",
    )


class BoardDecisionForm(Styled, forms.Form):
    """The board's decision on a compliance case that was not recovered in time."""

    decision = forms.ChoiceField(
        label=_("Besluit van het bestuur"),
        choices=(("suspend", _("Keurmerk schorsen")), ("withdraw", _("Keurmerk intrekken"))),
    )
    on = forms.DateField(label=_("Met ingang van"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(
        label=_("Reden"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
        help_text=_("De reden staat op de openbare pagina van het keurmerk."),
    )
