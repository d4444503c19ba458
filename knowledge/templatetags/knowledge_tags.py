"""The "Kennis" section of a department page: ``{% load knowledge_tags %}{% department_knowledge department %}``."""

from django import template

from knowledge import selectors
from knowledge.presenters import KIND_LABELS, PARAM_OF_KIND

register = template.Library()

SHOWN = 10


@register.inclusion_tag("knowledge/_department_knowledge.html", takes_context=True)
def department_knowledge(context, department):
    items = selectors.published_items(department_id=department.pk)
    return {
        "department": department,
        "items": items[:SHOWN],
        "more": len(items) > SHOWN,
        "total": len(items),
        "kind_labels": KIND_LABELS,
        "lang_nl": context.get("lang_nl"),
        "kind_params": PARAM_OF_KIND,
    }


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "")
