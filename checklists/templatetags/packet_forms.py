"""Form fields whose hint and error are tied to the input for screen readers."""

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe

from checklists.letter import long_date as format_long

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


@register.filter
def long_date(day) -> str:
    """A date as a person writes it, in the page's language: "November 29,
    2026", or "29 de noviembre de 2026" on a Spanish page."""
    return format_long(day) if day else ""


def _css_string(text: str) -> str:
    """``text`` as a quoted CSS string that cannot end the string or the <style>."""
    escaped = "".join(
        ch if ch.isalnum() or ch in " .,:;!?()-'’" or ord(ch) > 127 else f"\\{ord(ch):x} "
        for ch in str(text)
    )
    return f'"{escaped}"'


@register.filter
def css_string(text: str) -> SafeString:
    """Translated words for a PDF margin box's ``content``."""
    return mark_safe(_css_string(text))


@register.filter
def css_page_numbers(text: str) -> SafeString:
    """ "Page {page} of {pages}", translated, as ``content`` with the page counters
    in place of the two marks: the words come from the catalogue, not pdf.css."""
    parts = []
    for piece in (
        str(text).replace("{pages}", "\0pages\0").replace("{page}", "\0page\0").split("\0")
    ):
        if piece in ("page", "pages"):
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(_css_string(piece))
    return mark_safe(" ".join(parts))
