"""Log-in with a second factor, registration of referrers, invitations."""

import base64

import segno
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
from .forms import (
    AcceptInvitationForm,
    EmailAuthenticationForm,
    EmailPasswordResetForm,
    NewPasswordForm,
    RegistrationForm,
    TokenForm,
)
from .models import User


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


def _login_required(view):
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.get_full_path()}")
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    return wrapper


def _second_factor_locked(request, locked_until):
    """The answer while the user's second step is locked (too many wrong codes)."""
    return render(request, "accounts/second_factor_locked.html", {"locked_until": locked_until}, status=429)


@_login_required
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Second step of the log-in: a code from the app or a recovery code."""
    if not services.has_confirmed_device(request.user):
        return redirect(f"{reverse('accounts:two_factor_setup')}?next={_safe_next(request, '')}")
    locked_until = services.second_factor_locked_until(request.user)
    if locked_until is not None and request.method == "GET":
        return _second_factor_locked(request, locked_until)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, locked_until = services.verify_second_factor(request=request, token=form.cleaned_data["token"])
        if device is not None:
            services.second_factor_passed(request=request, device=device)
            return redirect(_safe_next(request, reverse("home")))
        if locked_until is not None:
            return _second_factor_locked(request, locked_until)
        form.add_error("token", _("Deze code klopt niet of is al gebruikt. Probeer de nieuwste code uit uw app."))
    return render(request, "accounts/two_factor.html", {"form": form, "next": _safe_next(request, "")})


def _qr_data_uri(device: TOTPDevice) -> str:
    """The authenticator link as a QR code in an SVG data URI (segno writes the XML namespace into it)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4, dark="#000", light="#fff", omitsize=False)


def _base32_secret(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


@_login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Link an authenticator app: show the key and QR code, confirm with a first code."""
    if services.has_confirmed_device(request.user) and not request.user.is_verified():
        return redirect("accounts:two_factor")
    locked_until = services.second_factor_locked_until(request.user)
    if locked_until is not None and request.method == "GET":
        return _second_factor_locked(request, locked_until)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None or request.method == "GET":
        device = services.start_totp_setup(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        matched, locked_until = services.verify_second_factor(
            request=request, token=form.cleaned_data["token"], device=device, step="setup"
        )
        if matched is not None:
            codes = services.activate_totp_device(device)
            services.second_factor_passed(request=request, device=device, step="setup")
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _safe_next(request, reverse("home"))})
        if locked_until is not None:
            return _second_factor_locked(request, locked_until)
        form.add_error("token", _("Deze code klopt niet. Controleer of de tijd op uw telefoon goed staat en probeer het opnieuw."))
    return render(
        request,
        "accounts/two_factor_setup.html",
        {"form": form, "secret": _base32_secret(device), "qr": _qr_data_uri(device), "next": _safe_next(request, "")},
    )


@require_http_methods(["GET", "POST"])
def register(request):
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The same answer whether or not the address already has an account;
        # its holder is told by e-mail instead (accounts.services).
        services.register_referrer(
            email=data["email"],
            password=data["password1"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            profession=data["profession"],
            organisation=data["organisation"],
            big_number=data["big_number"],
            request=request,
        )
        return render(request, "accounts/register_done.html", {"email": data["email"]})
    return render(request, "accounts/register.html", {"form": form})


def confirm_email(request, uidb64, token):
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        user = None
    if user is None or not services.confirm_email(user, token):
        return render(request, "accounts/confirm_email_failed.html", status=400)
    messages.success(request, _("Uw e-mailadres is bevestigd. U kunt nu inloggen."))
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    invitation = services.find_open_invitation(token)
    if invitation is None:
        raise Http404(_("Deze uitnodiging bestaat niet, is al gebruikt of is verlopen."))
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.accept_invitation(
            invitation=invitation,
            password=form.cleaned_data["password1"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            request=request,
        )
        auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("accounts:two_factor_setup")
    return render(request, "accounts/accept_invitation.html", {"form": form, "invitation": invitation})


password_reset = auth_views.PasswordResetView.as_view(
    form_class=EmailPasswordResetForm,
    template_name="accounts/password_reset.html",
    email_template_name="accounts/email/password_reset_body.txt",
    subject_template_name="accounts/email/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_reset_completed(user=form.user, request=self.request)
        return response


password_reset_confirm = PasswordResetConfirmView.as_view()
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


def admin_login(request, extra_context=None):
    """The admin's own log-in page is replaced by ours (password, lock-out, second factor)."""
    target = _safe_next(request, reverse("admin:index"))
    if request.user.is_authenticated:
        # Logged in but without admin access: say so instead of looping.
        return render(request, "accounts/no_access.html", status=403)
    return redirect(f"{reverse('accounts:login')}?next={target}")
