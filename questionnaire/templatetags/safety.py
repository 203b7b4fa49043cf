"""The safety lines and the urgent headline, for the pages and the PDF:
``{% load safety %}``.

The packet's pages and the PDF have no result view to read them from, and
the lines are the same whatever was answered, so tags bring them in. The
wording lives in decision.py, which the PDF's content version covers.
"""

from django import template

from questionnaire import decision

register = template.Library()


@register.inclusion_tag("questionnaire/_safety.html")
def safety_block(boxed: bool = True) -> dict:
    """Whether waiting is safe, and the signs that cannot wait. ``boxed=False`` inside
    a box with a heading of its own (the urgency box)."""
    return {"safety": decision.SAFETY, "boxed": boxed}


@register.simple_tag
def safety_mine() -> decision.Safety:
    """The same lines in the first person, for the PDF (``{% safety_mine as safety %}``)."""
    return decision.SAFETY_MINE


@register.simple_tag
def urgent_headline(mine: bool = False) -> str:
    """The urgent path's result title; ``mine`` in the first person, for the PDF."""
    return str(decision.URGENT_HEADLINE_MINE if mine else decision.URGENT_HEADLINE)
