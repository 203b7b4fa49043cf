"""``[[term]]`` marks in plain strings (questions, help, letters, the PDF).

Guide bodies are Markdown and go through guides.markdown; everything else on
the site is plain text, and these helpers give it the same glossary links.
Links go to the word list of the page's language (/glossary/ or
/es/glossary/); the words shown are the text's own, so a Spanish string
marks Spanish words with the English slug: ``[[patólogo|pathologist]]``.
"""

import re
from collections.abc import Callable

from django.conf import settings
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
    word_list = None
    for words, slug in _parts(str(text)):
        if slug is None:
            out.append(str(escape(words)))
        else:
            word_list = word_list or reverse("guides:glossary")
            out.append(f'<a class="term" href="{word_list}#{slug}">{escape(words)}</a>')
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


# The same words as Spanish text writes them, by slug: each pattern matches
# the word list's term and its plural or feminine ("patólogas"), any case.
JARGON_ES = {
    "biomarker": r"biomarcador(?:es)?",
    "clinical-trial": r"ensayos? clínicos?",
    "deductible": r"deducibles?",
    "discharge-summary": r"res[uú]men(?:es)? del? alta",
    "hipaa": r"hipaa",
    "imaging": r"estudios? de imágenes",
    "network": r"red(?:es)? de proveedores",
    "oncologist": r"oncólog[oa]s?",
    "operative-report": r"informes? quirúrgicos?",
    "pathologist": r"patólog[oa]s?",
    "pathology": r"patología",
    "prior-approval": r"autorizaci(?:ón|ones) previas?",
    "radiologist": r"radiólog[oa]s?",
    "referral": r"referidos?",
    "slides-and-tissue-blocks": r"laminillas?|láminas?",
    "stage": r"estadios?",
    "tumor-board": r"(?:juntas?|comités?) de tumores",
}
JARGON_BY_LANGUAGE = {"es": JARGON_ES}


def jargon_in(text: str, language: str = settings.LANGUAGE_CODE) -> list:
    """The JARGON entries whose term appears in ``text`` (whole words, any case).

    In another language, the entries' translations (with ``term``, ``slug``,
    ``definition`` and ``first_sentence`` as a GlossaryTerm has), found by the
    language's patterns (JARGON_ES), in the order of the words they show.
    """
    from guides.models import GlossaryTerm, GlossaryTermTranslation

    words = " ".join(text.lower().split())
    if language == settings.LANGUAGE_CODE:
        return [
            term
            for term in GlossaryTerm.objects.filter(slug__in=JARGON)
            if re.search(rf"\b{re.escape(term.term.lower())}", words)
        ]
    patterns = JARGON_BY_LANGUAGE[language]
    used = [slug for slug, pattern in patterns.items() if uses(words, pattern)]
    return list(
        GlossaryTermTranslation.objects.filter(language=language, glossary_term__slug__in=used)
        .select_related("glossary_term")
        .order_by("term")
    )


def uses(text: str, pattern: str) -> bool:
    """Whether ``text`` has the word ``pattern`` matches, as a whole word, any case."""
    return re.search(rf"(?<![\w-])(?:{pattern})(?![\w-])", text, re.IGNORECASE) is not None
