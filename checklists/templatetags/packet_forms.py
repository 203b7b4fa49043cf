"""Dates as the letters write them: ``{% load packet_forms %}``, then ``{{ day|long_date }}``."""

from django import template

from checklists.letter import long_date as format_long

register = template.Library()


@register.filter
def long_date(day) -> str:
    """A date as a person writes it, in the page's language: "November 29,
    2026", or "29 de noviembre de 2026" on a Spanish page."""
    return format_long(day) if day else ""
