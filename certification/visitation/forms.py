"""Forms of the visitation procedure's pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from certification.dossier.forms import Styled


class ApplicationForm(Styled, forms.Form):
    """A department applies for the quality mark; ``departments``: those the user may apply for."""

    department = forms.ModelChoiceField(label=_("Afdeling"), queryset=None, empty_label=None)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
