from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from .addresses import normalize_email
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
        "invalid_login": _(
            "Dit e-mailadres en wachtwoord horen niet bij elkaar. Let op: na %(limit)s pogingen wordt inloggen "
            "%(minutes)s minuten geblokkeerd."
        ),
        "inactive": _("Dit account is nog niet actief. Bevestig eerst uw e-mailadres via de link in de e-mail."),
    }

    def get_invalid_login_error(self):
        # The limits the lock-out really has (AXES_FAILURE_LIMIT, AXES_COOLOFF_MINUTES).
        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={"limit": settings.AXES_FAILURE_LIMIT, "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)},
        )

    def clean_username(self):
        # The same key for the password check and the lock-out (accounts.addresses).
        return normalize_email(self.cleaned_data["username"])


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
        # Whether the address has an account is not the form's business: the
        # answer is the same either way (accounts.services.register_referrer).
        return normalize_email(self.cleaned_data["email"])

    def _user_for_validation(self):
        return User(email=self.cleaned_data.get("email", ""), first_name=self.cleaned_data.get("first_name", ""))


class AcceptInvitationForm(PasswordPairForm):
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    field_order = ["first_name", "last_name", "password1", "password2"]


class EmailPasswordResetForm(UtrechtStyledForm, PasswordResetForm):
    """Ask for a reset link; the address is looked up in its normalised form."""

    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("Het e-mailadres waarmee u inlogt. Als er een account bij hoort, sturen we daar een link naartoe."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])

    def get_users(self, email):
        key = normalize_email(email)
        user = User.objects.find_by_email(key)
        if user is not None and user.is_active and user.has_usable_password():
            yield user


class NewPasswordForm(UtrechtStyledForm, SetPasswordForm):
    """Choose a new password from a reset link."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Nieuw wachtwoord")
        self.fields["new_password1"].help_text = _(
            "Minstens 12 tekens. Niet alleen cijfers, geen veelgebruikt wachtwoord en niet te veel lijkend op uw naam of e-mailadres."
        )
        self.fields["new_password1"].widget.attrs["aria-describedby"] = "id_new_password1-help"
        self.fields["new_password2"].label = _("Nieuw wachtwoord nog een keer")
        self.error_messages = {**self.error_messages, "password_mismatch": _("De twee wachtwoorden zijn niet gelijk.")}
