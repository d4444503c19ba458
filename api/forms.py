from django import forms
from django.utils.translation import gettext_lazy as _

from .rules.tokens import SCOPES


class TokenForm(forms.Form):
    department = forms.TypedChoiceField(label=_("Afdeling"), coerce=int)
    name = forms.CharField(
        label=_("Naam van de sleutel"), max_length=100,
        help_text=_("Waarvoor is de sleutel? Bijvoorbeeld: het systeem dat hem gebruikt."),
        error_messages={"required": _("Geef de sleutel een naam.")},
    )
    scopes = forms.MultipleChoiceField(
        label=_("Wat mag de sleutel?"), widget=forms.CheckboxSelectMultiple,
        choices=[(scope, _(label)) for scope, label in SCOPES.items()],
        error_messages={"required": _("Kies minstens één bevoegdheid.")},
    )

    def __init__(self, *args, departments=(), **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [(d.pk, d.name) for d in departments]
        self.fields["name"].widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"
        self.fields["department"].widget.attrs["class"] = "utrecht-select utrecht-select--html-select"
