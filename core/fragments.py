"""Parts of a page that are the same for everyone who sees them, drawn once.

The result page shows the choices side by side, a 100-square figure and
the list of when a second opinion is less likely to change much: the same
words for every patient, in each language. Drawing them again on every
request cost about a quarter of the page. ``drawn_once`` draws such a
template once per language (and site prefix, and choice of a few flags),
and afterwards gives the same markup until the process restarts (after a
template edit in development too)::

    choices = drawn_once("questionnaire/_options.html", lambda urgent: {...})
    choices(True)

What keeps it safe to share between patients: the template sees only the
context that ``build`` makes from the values, and the values may only be
flags, True, False or None (a packet, a form, a word is refused), so
nothing of one patient can ever be drawn into another's page.
"""

import functools
from collections.abc import Callable

from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# Flags only: a word or a number could be something a patient typed.
PLAIN = (bool, type(None))


def drawn_once(template_name: str, build: Callable[..., dict]) -> Callable[..., SafeString]:
    """``build(*values)`` gives the template's whole context; the returned
    function draws it for its values, once per language."""

    @functools.lru_cache(maxsize=64, typed=True)
    def draw(language: str, prefix: str, *values) -> SafeString:
        # The template is rendered, so safe: S308 is about unescaped input.
        return mark_safe(get_template(template_name).render(build(*values)))  # noqa: S308

    def drawn(*values) -> SafeString:
        for value in values:
            if not isinstance(value, PLAIN):
                raise TypeError(f"{template_name} is drawn once for plain values only: {value!r}")
        return draw(get_language(), get_script_prefix(), *values)

    return drawn
