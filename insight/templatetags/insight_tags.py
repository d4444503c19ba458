from django import template

register = template.Library()


@register.simple_tag
def header_at(table, index):
    return table.headers[index]


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
