"""Template helpers of the dossier editor: verdict badges and criterion names in the page's language."""

from django import template
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

register = template.Library()

VERDICT_LABELS = {
    "met": _("voldoet"),
    "not_met": _("voldoet niet"),
    "needs_review": _("ter beoordeling door de commissie"),
}

EFFECT_LABELS = {
    "ok": pgettext_lazy("reden", "telt mee"),
    "fail": pgettext_lazy("reden", "voldoet niet"),
    "review": pgettext_lazy("reden", "ter beoordeling"),
    "excluded": pgettext_lazy("reden", "telt niet mee"),
    "uncertain": pgettext_lazy("reden", "telt mee als de commissie het aanvaardt"),
    "note": pgettext_lazy("reden", "let op"),
}


@register.simple_tag
def verdict_badge(verdict):
    return render_to_string("certification/_verdict.html", {"verdict": str(verdict), "label": VERDICT_LABELS[str(verdict)]})


@register.filter
def verdict_label(verdict):
    return VERDICT_LABELS[str(verdict)]


@register.filter
def effect_label(effect):
    return EFFECT_LABELS.get(effect, effect)


@register.simple_tag
def criterion_name(criterion):
    if criterion.number == 0:
        return str(_("Algemene voorwaarden"))
    return f"{criterion.number}. {criterion.title}"


@register.filter
def fields_with_errors(form):
    return [field for field in form if field.errors]
