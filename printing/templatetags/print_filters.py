"""Words for a PDF's margin boxes, as CSS strings: ``{% load print_filters %}``."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from checklists.records import ITEMS_BY_KEY

register = template.Library()


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


@register.filter
def record_title(key: str) -> str:
    """A record's name, from its key (what a letter asks for, in the packet PDF's list)."""
    return str(ITEMS_BY_KEY[key].title)
