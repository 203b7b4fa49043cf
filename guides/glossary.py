"""``[[term]]`` marks in plain strings (questions, help, letters, the PDF).

Guide bodies are Markdown and go through guides.markdown; everything else on
the site is plain text, and these helpers give it the same glossary links.
"""

import re
from collections.abc import Callable

from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from guides.markdown import GLOSSARY_LINK


def _parts(text: str):
    """Yield (plain text, None) and (shown words, slug) pieces of ``text`` in order."""
    position = 0
    for match in GLOSSARY_LINK.finditer(text):
        yield text[position : match.start()], None
        shown = match.group(1).strip()
        yield shown, match.group(2) or slugify(shown)
        position = match.end()
    yield text[position:], None


def link(text, escape: Callable[[str], str] = conditional_escape) -> SafeString:
    """Escape ``text``, then turn each ``[[...]]`` mark into a link to /glossary/#slug.

    The slug is either the editor's (``[a-z0-9-]`` only, by the pattern) or
    made by slugify, so it can never break out of the attribute.
    """
    if text is None:
        return mark_safe("")
    out = []
    for words, slug in _parts(str(text)):
        if slug is None:
            out.append(str(escape(words)))
        else:
            # reverse(): the word list in the page's language (/es/glossary/ on Spanish pages).
            out.append(
                f'<a class="term" href="{reverse("guides:glossary")}#{slug}">{escape(words)}</a>'
            )
    return mark_safe("".join(out))


def strip(text) -> str:
    """``text`` with each ``[[...]]`` mark reduced to the words it shows."""
    if text is None:
        return ""
    return "".join(words for words, _slug in _parts(str(text)))


# Words a clinic or records office uses that a patient may not know: the PDF
# defines those of them its own text uses, in a short "words used" box.
JARGON = (
    "biomarker",
    "clinical-trial",
    "deductible",
    "discharge-summary",
    "hipaa",
    "imaging",
    "network",
    "oncologist",
    "operative-report",
    "pathologist",
    "pathology",
    "prior-approval",
    "radiologist",
    "referral",
    "slides-and-tissue-blocks",
    "stage",
    "tumor-board",
)


def jargon_in(text: str) -> list:
    """The JARGON entries whose term appears in ``text`` (whole words, any case)."""
    from guides.models import GlossaryTerm

    words = " ".join(text.lower().split())
    return [
        term
        for term in GlossaryTerm.objects.filter(slug__in=JARGON)
        if re.search(rf"\b{re.escape(term.term.lower())}", words)
    ]
