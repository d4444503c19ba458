from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from . import services
from .models import DepartmentMembership, Invitation, User
from .roles import Role


class MembershipInline(admin.TabularInline):
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
    autocomplete_fields = ("departments",)

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
