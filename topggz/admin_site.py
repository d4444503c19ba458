"""What every page of the admin (/beheer/) shares.

- ``ObjectIdAdmin``: an id in an admin URL that is malformed, out of range or unknown answers
  404, never a 500 and never a redirect (stock Django redirects an unknown id to the index).
- ``GuardedHistoryAdmin``: django-simple-history's history pages under the platform's rule:
  whoever may see a record may read its old versions (read-only); only the bureau may revert,
  and a revert changes only the fields of the reverting user's own change form.
- ``configure``: the site's name and branding, and ``ObjectIdAdmin`` for the admins of other
  apps (auth, axes, django-otp), called once by ``topggz.urls``.
"""

from __future__ import annotations

from django.apps import apps as django_apps
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet, modelform_factory
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import get_history_model_for_model, get_m2m_reverse_field_name

from accounts.permissions import deny
from accounts.roles import sees_all_departments

SITE_NAME = gettext_lazy("TOPGGz-platform")


def parse_id(field, value):
    """The value of ``field`` that a URL part stands for; 404 when it cannot be one.

    Malformed ("abc") and out-of-range ("99999999999999999999") values are refused here,
    before any query, so that no lookup can fail on them on any database.
    """
    try:
        parsed = field.to_python(unquote(str(value)))
        field.run_validators(parsed)
    except (ValidationError, OverflowError, TypeError, ValueError):
        raise Http404("Not found") from None
    if parsed is None:
        raise Http404("Not found")
    return parsed


def is_bureau(user) -> bool:
    return bool(user.is_authenticated and sees_all_departments(getattr(user, "role", ""), user.is_superuser))


class ReadOnlyAdmin:
    """Mixed in before a ModelAdmin whose rows are written elsewhere (services, imports, the audit
    chain): it lists and shows them, and nobody adds, changes or deletes them in the admin."""

    actions = None

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ObjectIdAdmin:
    """Mixed into every ModelAdmin: a malformed, out-of-range or unknown id answers 404."""

    def get_object(self, request, object_id, from_field=None):
        opts = self.model._meta
        field = opts.pk if from_field is None else opts.get_field(from_field)
        value = parse_id(field, object_id)
        obj = super().get_object(request, object_id, from_field)
        # Unknown: 404 before any permission check. Known but outside the user's queryset: None,
        # for the admin to refuse (and audit) as it does for other departments.
        if obj is None and not self.model._default_manager.filter(**{field.name: value}).exists():
            raise Http404("Not found")
        return obj

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django's change, delete and history views redirect to the index for an unknown id.
        raise Http404("Not found")


class GuardedHistoryAdmin(ObjectIdAdmin, SimpleHistoryAdmin):
    """simple-history's admin with the platform's rule for reading and reverting old versions."""

    object_history_template = "admin/topggz/object_history.html"
    object_history_list_template = "admin/topggz/object_history_list.html"
    object_history_form_template = "admin/topggz/object_history_form.html"

    def may_revert(self, request, obj) -> bool:
        """Only the bureau reverts, and only records it may change here."""
        return is_bureau(request.user) and self.has_change_permission(request, obj)

    def revert_disabled(self, request, obj=None):
        return super().revert_disabled(request, obj) or not self.may_revert(request, obj)

    def _current_object(self, request, object_id):
        """The record as it is now, in the user's scope.

        simple-history would otherwise show the history of any id, also of a record outside the
        user's queryset or a deleted one (from its last version). ``get_object`` answers 404 for
        an unknown id and refuses (404, audited) another department's.
        """
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("Not found")
        if not self.has_view_history_or_change_history_permission(request, obj):
            raise PermissionDenied
        return obj

    def history_view(self, request, object_id, extra_context=None):
        self._current_object(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.current_app = self.admin_site.name
        opts = self.model._meta
        history_model = get_history_model_for_model(self.model)
        version_pk = parse_id(history_model._meta.pk, version_id)
        current = self._current_object(request, object_id)
        version = get_object_or_404(history_model, **{opts.pk.attname: current.pk, "history_id": version_pk})
        old = version.instance
        old._state.adding = False
        may_revert = self.may_revert(request, current)
        if request.method == "POST" and not may_revert:
            deny(request, object_type=opts.label_lower, object_id=current.pk)

        fieldsets = self.get_fieldsets(request, current)
        initial = _historical_m2m_initial(version, self.model)
        if may_revert:
            form_class = self.get_form(request, current, change=True)
            readonly_fields = self.get_readonly_fields(request, current)
            prepopulated = self.get_prepopulated_fields(request, current)
        else:
            # Every field of the old version, shown and not editable: values as text, and the
            # many-to-many choices as disabled checkboxes ticked as they were in that version
            # (as text they would show today's choices: the admin reads them from the database).
            names = flatten_fieldsets(fieldsets)
            many = {f.name for f in opts.many_to_many} & set(initial)
            form_class = modelform_factory(
                self.model,
                form=self.form,
                fields=[name for name in names if name in many],
                formfield_callback=lambda field, **kwargs: self.formfield_for_dbfield(field, request=request, **kwargs),
            )
            readonly_fields = [name for name in names if name not in many]
            prepopulated = {}

        if request.method == "POST":
            # The form edits the record as it is now: a field outside the user's form keeps its value.
            form = form_class(request.POST, request.FILES, instance=current)
            if form.is_valid():
                with transaction.atomic():
                    new_object = self.save_form(request, form, change=True)
                    self.save_model(request, new_object, form, change=True)
                    self.save_related(request, form, [], True)
                    self.log_change(request, new_object, self.construct_change_message(request, form, []))
                return self.response_change(request, new_object)
        else:
            form = form_class(instance=old, initial={k: v for k, v in initial.items() if k in form_class.base_fields})
        if not may_revert:
            for field in form.fields.values():
                field.disabled = True

        admin_form = helpers.AdminForm(form, fieldsets, prepopulated, readonly_fields, model_admin=self)
        url_args = self.admin_site.name, opts.app_label, opts.model_name
        context = {
            **self.admin_site.each_context(request),
            "title": self.history_form_view_title(request, current),
            "subtitle": None,
            "adminform": admin_form,
            "object_id": object_id,
            "original": current,
            "version": version,
            "is_popup": False,
            "media": mark_safe(self.media + admin_form.media),
            "errors": helpers.AdminErrorList(form, []),
            "app_label": opts.app_label,
            "original_opts": opts,
            "changelist_url": reverse("%s:%s_%s_changelist" % url_args),
            "change_url": reverse("%s:%s_%s_change" % url_args, args=(current.pk,)),
            "history_url": reverse("%s:%s_%s_history" % url_args, args=(current.pk,)),
            "change_history": False,
            "revert_disabled": not may_revert,
            "add": False,
            "change": True,
            "has_add_permission": self.has_add_permission(request),
            "has_view_permission": True,
            "has_change_permission": may_revert,
            "has_delete_permission": False,
            "has_editable_inline_admin_formsets": False,
            "has_file_field": True,
            "has_absolute_url": False,
            "form_url": "",
            "opts": opts,
            "content_type_id": self.content_type_model_cls.objects.get_for_model(self.model).id,
            "save_as": False,
            "save_on_top": self.save_on_top,
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_form_template, context)

    def history_view_title(self, request, obj):
        return _("Geschiedenis van %(object)s") % {"object": obj}

    def history_form_view_title(self, request, obj):
        verbose_name = self.model._meta.verbose_name
        if self.revert_disabled(request, obj):
            return _("Eerdere versie van %(name)s bekijken") % {"name": verbose_name}
        return capfirst(_("%(name)s terugzetten naar een eerdere versie") % {"name": verbose_name})


class LabelledInlineFormSet(BaseInlineFormSet):
    """A tabular inline's inputs have only a column heading; give each its own accessible name."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = str(form.instance) if form.instance.pk else _("nieuwe regel %(number)s") % {"number": (index or 0) + 1}
        for name, field in form.fields.items():
            label = _("Verwijderen") if name == "DELETE" else field.label
            # The admin wraps related fields (RelatedFieldWidgetWrapper); label the input itself.
            widget = getattr(field.widget, "widget", field.widget)
            if label and not widget.is_hidden:
                widget.attrs = {**widget.attrs, "aria-label": f"{label} ({row})"}


class LabelledTabularInline(admin.TabularInline):
    """TabularInline whose inputs are labelled for screen readers (axe: label, select-name)."""

    formset = LabelledInlineFormSet


def _historical_m2m_initial(version, model) -> dict[str, list]:
    """The many-to-many values the old version had (simple-history keeps them per version)."""
    initial = {}
    for field in getattr(version, "_history_m2m_fields", ()):
        target = get_m2m_reverse_field_name(field)
        initial[field.name] = [getattr(row, f"{target}_id") for row in getattr(version, field.name).all()]
    return initial


# Apps whose names the admin shows but that ship no Dutch (django-otp's names are not even
# marked for translation): app label -> (app name, {model name: (singular, plural)}).
DUTCH_NAMES = {
    "axes": (
        gettext_lazy("Inlogbeveiliging"),
        {"accessattempt": (gettext_lazy("inlogblokkade"), gettext_lazy("inlogblokkades"))},
    ),
    "otp_totp": (
        gettext_lazy("Tweestapsverificatie"),
        {"totpdevice": (gettext_lazy("authenticator-app"), gettext_lazy("authenticator-apps"))},
    ),
    "otp_static": (
        gettext_lazy("Herstelcodes"),
        {"staticdevice": (gettext_lazy("set herstelcodes"), gettext_lazy("sets herstelcodes"))},
    ),
    # django-tasks-db: the results of scheduled and deferred work (topggz.jobs, topggz.admin).
    "django_tasks_database": (
        gettext_lazy("Achtergrondtaken"),
        {"dbtaskresult": (gettext_lazy("taak"), gettext_lazy("taken"))},
    ),
}


def name_in_dutch() -> None:
    """Give the apps and models of DUTCH_NAMES their Dutch names on every admin page.

    Only the runtime names change (``verbose_name``), not ``Meta.original_attrs``, which is
    what migrations read: no migration of another app is made by this.
    """
    for app_label, (app_name, models) in DUTCH_NAMES.items():
        try:
            config = django_apps.get_app_config(app_label)
        except LookupError:
            continue
        config.verbose_name = app_name
        for model_name, (singular, plural) in models.items():
            opts = config.get_model(model_name)._meta
            opts.verbose_name, opts.verbose_name_plural = singular, plural


def configure(site: admin.AdminSite) -> None:
    """Name the site after the platform and make every registered admin answer 404 for a bad id."""
    site.site_header = SITE_NAME
    site.site_title = SITE_NAME
    site.index_title = gettext_lazy("Beheer")
    site.site_url = "/"
    name_in_dutch()
    for model, model_admin in list(site._registry.items()):
        if not isinstance(model_admin, ObjectIdAdmin):
            strict = type(type(model_admin).__name__, (ObjectIdAdmin, type(model_admin)), {})
            site._registry[model] = strict(model, site)
