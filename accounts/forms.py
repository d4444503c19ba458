from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import User
from .validators import validate_big


class UtrechtStyledForm:
    """Give every input the NL Design System (Utrecht) textbox classes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("class", "utrecht-textbox utrecht-textbox--html-input")
            if field.help_text:
                field.widget.attrs.setdefault("aria-describedby", f"id_{name}-help")

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget_attrs = self.fields[name].widget.attrs
                widget_attrs["aria-invalid"] = "true"
                widget_attrs["aria-describedby"] = f"id_{name}-error"


class EmailAuthenticationForm(UtrechtStyledForm, AuthenticationForm):
    username = forms.EmailField(label=_("E-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}))

    error_messages = {
        "invalid_login": _("Dit e-mailadres en wachtwoord horen niet bij elkaar. Let op: na vijf pogingen wordt inloggen een kwartier geblokkeerd."),
        "inactive": _("Dit account is nog niet actief. Bevestig eerst uw e-mailadres via de link in de e-mail."),
    }


class TokenForm(UtrechtStyledForm, forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("De 6 cijfers uit uw authenticator-app, of een van uw herstelcodes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )

    def clean_token(self):
        return self.cleaned_data["token"].replace(" ", "").strip()


class PasswordPairForm(UtrechtStyledForm, forms.Form):
    password1 = forms.CharField(label=_("Wachtwoord"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(
        label=_("Wachtwoord nog een keer"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif cleaned.get("password1"):
            try:
                password_validation.validate_password(cleaned["password1"], self._user_for_validation())
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def _user_for_validation(self):
        return None


class RegistrationForm(PasswordPairForm):
    email = forms.EmailField(label=_("E-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    profession = forms.CharField(label=_("Beroep"), max_length=100, help_text=_("Bijvoorbeeld huisarts of psychiater."))
    organisation = forms.CharField(label=_("Organisatie"), max_length=200)
    big_number = forms.CharField(
        label=_("BIG-nummer (niet verplicht)"), max_length=11, required=False, validators=[validate_big]
    )

    field_order = ["email", "first_name", "last_name", "profession", "organisation", "big_number", "password1", "password2"]

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Er is al een account met dit e-mailadres. Wachtwoord vergeten? Vraag dan een nieuw aan."))
        return email

    def _user_for_validation(self):
        return User(email=self.cleaned_data.get("email", ""), first_name=self.cleaned_data.get("first_name", ""))


class AcceptInvitationForm(PasswordPairForm):
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    field_order = ["first_name", "last_name", "password1", "password2"]
