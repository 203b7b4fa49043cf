"""Form fields whose hint and error are tied to the input for screen readers:
``{% load form_fields %}``, then ``{{ field|described }}``."""

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def described(field: BoundField) -> SafeString:
    """The field's widget, with aria-describedby naming its hint and error by
    the very ids the page prints them under, and aria-invalid when refused."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    attrs = {"aria-describedby": " ".join(ids)} if ids else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
