from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from topggz.admin_site import LabelledTabularInline

from . import services
from .models import DepartmentMembership, Invitation, User
from .roles import Role


class MembershipInline(LabelledTabularInline):
    model = DepartmentMembership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ("department",)
    readonly_fields = ("created_at", "created_by")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("email", "first_name", "last_name", "organisation")
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Persoonlijke gegevens"), {"fields": ("first_name", "last_name", "profession", "organisation", "big_number")}),
        (_("Rol"), {"fields": ("role", "is_active")}),
        (_("Belangrijke data"), {"fields": ("last_login", "date_joined", "email_confirmed_at")}),
    )
    readonly_fields = ("last_login", "date_joined", "email_confirmed_at")
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "role", "password1", "password2")}),)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        # Role, staff flag, group and audit entry always go through one service.
        services.assign_role(
            user=user,
            role=user.role,
            departments=[m.department for m in user.memberships.select_related("department")],
            actor=request.user,
            request=request,
        )


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role", "departments"]
        # A labelled checkbox list (the autocomplete widget's search box has no label).
        widgets = {"departments": forms.CheckboxSelectMultiple(attrs={"class": "topggz-admin-checkboxes"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "role" in self.fields:
            self.fields["role"].choices = [c for c in Role.choices if c[0] != Role.REFERRER]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") in {Role.DEPARTMENT_EDITOR, Role.DEPARTMENT_MANAGER} and not cleaned.get("departments"):
            self.add_error("departments", _("Kies de afdeling(en) waarvoor deze persoon gaat werken."))
        return cleaned


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    form = InvitationForm
    list_display = ("email", "role", "created_at", "expires_at", "accepted_at", "invited_by")
    list_filter = ("role",)
    search_fields = ("email",)

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        invitation, _link = services.invite(
            email=form.cleaned_data["email"], role=form.cleaned_data["role"], invited_by=request.user, request=request
        )
        obj.pk = invitation.pk
        form.instance = invitation
        messages.success(request, _("De uitnodiging is per e-mail verstuurd naar %(email)s.") % {"email": invitation.email})

    def save_related(self, request, form, formsets, change):
        form.instance.departments.set(form.cleaned_data.get("departments") or [])


# --- two-factor devices and lock-outs -------------------------------------------------------
#
# django-otp's and django-axes's own admins are in English (neither ships Dutch), show a
# user's TOTP secret and QR code to whoever may view devices (which would let the viewer pass
# the user's second factor), and answer 500 for an unknown device id on those pages. The
# bureau needs two things here: remove a lost authenticator (the user then sets up a new one
# at the next log-in) and lift a lock-out. These admins do exactly that, in Dutch.
# (Every log-in and refusal is in the audit log, so axes's own logs are not shown.)


class _DeviceAdmin(admin.ModelAdmin):
    list_display = ("owner", "device_name", "ready", "created", "last_used")
    list_filter = ("confirmed",)
    search_fields = ("user__email", "user__first_name", "user__last_name")
    list_select_related = ("user",)
    fields = ("owner", "device_name", "ready", "created", "last_used")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("gebruiker"), ordering="user__email")
    def owner(self, obj):
        return obj.user

    @admin.display(description=_("naam"), ordering="name")
    def device_name(self, obj):
        return obj.name

    @admin.display(description=_("in gebruik"), boolean=True, ordering="confirmed")
    def ready(self, obj):
        return obj.confirmed

    @admin.display(description=_("aangemaakt"), ordering="created_at")
    def created(self, obj):
        return obj.created_at

    @admin.display(description=_("laatst gebruikt"), ordering="last_used_at")
    def last_used(self, obj):
        return obj.last_used_at

    def changelist_view(self, request, extra_context=None):
        help_text = _(
            "Kwijt? Verwijder het hier; bij de volgende keer inloggen stelt de gebruiker een nieuwe in."
        )
        return super().changelist_view(request, {"subtitle": help_text, **(extra_context or {})})


class AuthenticatorAdmin(_DeviceAdmin):
    pass


class RecoveryCodesAdmin(_DeviceAdmin):
    pass


class LockoutAdmin(admin.ModelAdmin):
    """Failed log-ins per address and user name; deleting a row lifts that lock-out."""

    list_display = ("username", "ip", "failures", "last_attempt")
    search_fields = ("username", "ip_address")
    fields = ("username", "ip", "failures", "last_attempt")
    readonly_fields = fields
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("e-mailadres (ingevuld)"))
    def username(self, obj):
        return obj.username

    @admin.display(description=_("IP-adres"))
    def ip(self, obj):
        return obj.ip_address

    @admin.display(description=_("mislukte pogingen"), ordering="failures_since_start")
    def failures(self, obj):
        return obj.failures_since_start

    @admin.display(description=_("laatste poging"), ordering="attempt_time")
    def last_attempt(self, obj):
        return obj.attempt_time

    def changelist_view(self, request, extra_context=None):
        subtitle = _("Verwijder een regel om die blokkade op te heffen.")
        return super().changelist_view(request, {"subtitle": subtitle, **(extra_context or {})})


def _replace(model, model_admin):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    if model_admin is not None:
        admin.site.register(model, model_admin)


_replace(TOTPDevice, AuthenticatorAdmin)
_replace(StaticDevice, RecoveryCodesAdmin)
_replace(AccessAttempt, LockoutAdmin)
_replace(AccessLog, None)
_replace(AccessFailureLog, None)
# Role groups are kept by accounts.services.sync_role_groups; a hand edit would be overwritten.
_replace(Group, None)
