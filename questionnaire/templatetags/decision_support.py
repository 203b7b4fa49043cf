"""The decision aid's shared pieces, for the result, the start page and the PDF:
``{% load decision_support %}``.

The wording and the numbers live in decision.py (data, not template logic);
these tags only hand them to their templates.
"""

from django import template

from questionnaire import decision

register = template.Library()


@register.inclusion_tag("questionnaire/_icon_array.html")
def icon_array(figure: decision.IconArray | None = None) -> dict:
    """An "x to y out of 100" range as 100 squares, with the same in words."""
    return {"figure": figure or decision.EVIDENCE_FIGURE}


@register.inclusion_tag("questionnaire/_less_likely.html")
def less_likely() -> dict:
    """When a second opinion is less likely to change much: the same on every result."""
    return {
        "title": decision.LESS_LIKELY_TITLE,
        "intro": decision.LESS_LIKELY_INTRO,
        "items": decision.LESS_LIKELY,
        "closing": decision.LESS_LIKELY_CLOSING,
        "sources": decision.LESS_LIKELY_SOURCES,
        "judgment": decision.LESS_LIKELY_JUDGMENT,
    }


@register.simple_tag
def less_likely_mine() -> dict:
    """The same list for the PDF, closed in the first person (``{% less_likely_mine as it %}``)."""
    return {
        "title": decision.LESS_LIKELY_TITLE,
        "items": decision.LESS_LIKELY,
        "closing": decision.LESS_LIKELY_MINE,
    }
