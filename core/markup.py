"""Escaping for the markup the site writes in Python: the form renderer,
field rows, the date boxes, letters and the check page's lists, each drawn
many times a page.

``esc`` is Django's ``conditional_escape`` with the same output, without
the wrapper that looks for lazy strings among its arguments on every call,
which cost more than the escaping itself.
"""

from html import escape as _escape


def esc(value) -> str:
    """What is already safe (has ``__html__``) as it is; anything else made
    text and escaped, quotes included."""
    html = getattr(value, "__html__", None)
    return html() if html is not None else _escape(str(value))
