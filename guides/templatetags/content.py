"""Template tags for content shown anywhere on the site: ``{% load content %}``.

- ``{{ text|glossary }}``: a plain (non-Markdown) string whose ``[[term]]`` or
  ``[[words shown|term-slug]]`` marks become links to the word list. The text
  is escaped first and only the links are added, so patient or editor text
  can never inject markup.
- ``{{ text|glossary_plain }}``: the same string with the marks removed
  ("[[words shown|slug]]" reads "words shown"), for the PDF, plain text or a
  page ``<title>``. Autoescaping still applies to its output.
- ``{% content_version %}``: "Content version 2.0, 29 November 2026", or
  nothing before any release exists. At most one query a request.
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from guides import glossary as marks
from guides.models import current_release

register = template.Library()


@register.filter(name="glossary", needs_autoescape=True)
def glossary_links(text, autoescape: bool = True) -> SafeString:
    """``[[term]]`` marks in a plain string become word-list links; the rest is escaped."""
    return marks.link(text, escape=conditional_escape if autoescape else str)


@register.filter(name="glossary_plain")
def glossary_plain(text) -> str:
    """The string with ``[[...]]`` marks reduced to the words they show."""
    return marks.strip(text)


@register.simple_tag
def content_version() -> str:
    """The current content release as one line, for pages and print."""
    release = current_release()
    return release.label if release else ""
