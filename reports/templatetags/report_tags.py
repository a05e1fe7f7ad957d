from django import template

from reports.metrics import suppress

register = template.Library()


@register.filter
def small(value, shared: bool):
    """{{ count|small:shared }}: "fewer than 5" for 1–4 where the view is shared."""
    if not isinstance(value, int):
        return value
    return suppress(value, shared=bool(shared))


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key, key)
