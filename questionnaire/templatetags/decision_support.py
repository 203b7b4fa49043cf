"""The decision aid's shared pieces, for the result, the start page and the PDF:
``{% load decision_support %}``.

The wording and the numbers live in decision.py (data, not template logic);
these tags only hand them to their templates.
"""

from django import template
from django.utils.safestring import SafeString

from core.fragments import drawn_once
from questionnaire import decision

register = template.Library()


# The same for every patient, in each language: drawn once (core/fragments.py).
_icon_array = drawn_once(
    "questionnaire/_icon_array.html", lambda: {"figure": decision.EVIDENCE_FIGURE}
)
_less_likely = drawn_once(
    "questionnaire/_less_likely.html",
    lambda: {
        "title": decision.LESS_LIKELY_TITLE,
        "intro": decision.LESS_LIKELY_INTRO,
        "items": decision.LESS_LIKELY,
        "closing": decision.LESS_LIKELY_CLOSING,
        "sources": decision.LESS_LIKELY_SOURCES,
        "judgment": decision.LESS_LIKELY_JUDGMENT,
    },
)
_choices = drawn_once(
    "questionnaire/_options.html",
    lambda urgent, article: {
        "options": decision.options_for(urgent),
        "urgent": urgent,
        "evidence_note": decision.EVIDENCE_NOTE,
        "article_view": decision.ARTICLE_VIEW if article else "",
    },
)


@register.simple_tag
def icon_array() -> SafeString:
    """The studies' "x to y out of 100" range as 100 squares, with the same in words."""
    return _icon_array()


@register.simple_tag
def less_likely() -> SafeString:
    """When a second opinion is less likely to change much: the same on every result."""
    return _less_likely()


@register.simple_tag
def choices(urgent: bool = False, article: bool = False) -> SafeString:
    """The choice in front of the patient, the options side by side, with
    what studies show; the urgent path's options when ``urgent``, and the
    article's view when ``article`` (the result page)."""
    return _choices(bool(urgent), bool(article))


@register.simple_tag
def less_likely_mine() -> dict:
    """The same list for the PDF, closed in the first person (``{% less_likely_mine as it %}``)."""
    return {
        "title": decision.LESS_LIKELY_TITLE,
        "items": decision.LESS_LIKELY,
        "closing": decision.LESS_LIKELY_MINE,
    }
