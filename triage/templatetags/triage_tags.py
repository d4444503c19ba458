"""Template helpers for triage pages and the main menu."""

from dataclasses import dataclass, field

from django import template

from triage import permissions

register = template.Library()


@register.filter
def uses_triage(user) -> bool:
    """{% if user|uses_triage %}: the main menu shows "Triage"."""
    return permissions.uses_triage(user)


@dataclass
class Problems:
    general: list = field(default_factory=list)
    fields: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.general) + sum(len(f.errors) for f in self.fields)


@register.simple_tag
def form_problems(*forms) -> Problems:
    """{% form_problems form as problems %}: general errors and the fields with errors, in the form's order."""
    problems = Problems()
    for form in forms:
        if form is None or not form.is_bound:
            continue
        problems.general.extend(form.non_field_errors())
        problems.fields.extend(bound for bound in form if bound.errors)
    return problems


@register.simple_tag
def field_anchor(bound) -> str:
    """The id a link to this field points at: a radio group's first option, else the input."""
    if bound.widget_type == "radioselect":
        return f"{bound.auto_id}_0"
    return bound.id_for_label or bound.auto_id


@register.filter
def answer_label(value) -> str:
    from django.utils.translation import gettext as _

    return {True: _("Ja"), False: _("Nee"), None: _("Weet ik niet")}.get(value, _("Niet beantwoord"))


@register.simple_tag
def item_at(sequence, index):
    """{% item_at list 2 %}: the element at a position (a table's column name for a cell)."""
    try:
        return sequence[index]
    except (IndexError, TypeError, KeyError):
        return ""
