from django import template

register = template.Library()


@register.simple_tag
def header_at(table, index):
    return table.headers[index]


