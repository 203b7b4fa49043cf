"""Form fields whose hint and error are tied to the input for screen readers:
``{% load form_fields %}``, then ``{{ field|described }}``."""

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe

from core.dates import PARTS, first_part_to_fix

register = template.Library()


@register.filter
def described(field: BoundField, parts: str = "") -> SafeString:
    """The field's widget, with aria-describedby naming its hint and error by
    the very ids the page prints them under, and aria-invalid when refused.

    With ``"parts"`` (a date's three boxes) the fieldset around them carries
    aria-describedby, so each box gets only aria-invalid."""
    if parts:
        return field.as_widget(attrs={"aria-invalid": "true"} if field.errors else {})
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    attrs = {"aria-describedby": " ".join(ids)} if ids else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def anchor(field: BoundField) -> str:
    """The id an error message links to: the first radio of a group, the
    date box to fix, or the field itself."""
    if field.widget_type == "dateparts":
        return f"{field.auto_id}_{PARTS.index(first_part_to_fix(field.value()))}"
    if getattr(field.field.widget, "input_type", "") == "radio":
        return f"{field.auto_id}_0"
    return field.auto_id


class _ErrorSummary(template.Node):
    def __init__(self, nodelist) -> None:
        self.nodelist = nodelist

    def render(self, context) -> str:
        items = self.nodelist.render(context)
        with context.push(error_items=mark_safe(items)):  # noqa: S308 (rendered by the template)
            return context.template.engine.get_template("includes/error_summary_box.html").render(
                context
            )


@register.tag
def errorsummary(parser, token) -> _ErrorSummary:
    """``{% errorsummary %}<li>…</li>{% enderrorsummary %}``: the one error
    summary box of every form, at the top of the main content, focused when the
    page arrives (``autofocus`` without JavaScript; enhance.js after a swap)."""
    nodelist = parser.parse(("enderrorsummary",))
    parser.delete_first_token()
    return _ErrorSummary(nodelist)
