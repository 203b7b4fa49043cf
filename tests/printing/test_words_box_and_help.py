"""The PDF ends with the words it uses, who to call, and the content's version."""

import html
import io
import re

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from guides import glossary
from guides.models import GlossaryTerm, current_release
from tests.factories import full_packet, hand_to


def pdf_words(client: Client) -> str:
    content = client.get("/packet/packet.pdf").content
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def own(client: Client) -> None:
    hand_to(client, full_packet())


def test_the_pdf_defines_the_hard_words_its_own_text_uses(patient: Client, guides_loaded) -> None:
    own(patient)
    text = pdf_words(patient)
    body, box = text.split("Words used in my packet", 1)
    box = box.split("Talk to someone", 1)[0]
    # A page break inside the box puts the page's footer between two entries.
    box = re.sub(r"Page \d+ of \d+", " ", box)
    defined = re.findall(r"([A-Z][\w -]+?): ", box)
    assert "Pathologist" in defined and "Biomarker" in defined
    for term in defined:
        # Defined only because the packet itself uses the word.
        assert re.search(rf"\b{re.escape(term.lower())}", body.lower()), term
    for term in GlossaryTerm.objects.filter(slug__in=glossary.JARGON):
        if re.search(rf"\b{re.escape(term.term.lower())}", body.lower()):
            assert term.first_sentence in box, term.term
    assert not re.search(r"\b(you|your)\b", box, flags=re.IGNORECASE)


def test_the_pdf_gives_the_helplines_and_the_content_version(
    patient: Client, guides_loaded
) -> None:
    own(patient)
    text = pdf_words(patient)
    assert "1-800-4-CANCER (1-800-422-6237)" in text
    assert "1-800-227-2345" in text
    assert current_release().label in text


def test_the_packet_check_page_gives_the_helplines_and_the_content_version(
    patient: Client, guides_loaded
) -> None:
    own(patient)
    page = patient.get("/packet/check/").content.decode()
    assert 'href="tel:+18004226237"' in page
    assert current_release().label in page


def _word_list_page(client: Client, prefix: str) -> dict[str, str]:
    """Term to definition, as the site's own word list page shows them."""
    page = client.get(f"{prefix}/glossary/").content.decode()
    entries = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", page, flags=re.S)
    return {html.unescape(term): html.unescape(definition) for term, definition in entries}


def _words_box(client: Client, prefix: str) -> str:
    content = client.get(f"{prefix}/packet/packet.pdf").content
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    # A page's footer numbers may fall between two entries of the box.
    text = re.sub(r"\b(Page \d+ of|Página \d+ de) \d+ ", "", text)
    with translation.override("es" if prefix else "en"):
        heading, after = gettext("Words used in my packet"), gettext("Talk to someone")
    return text.split(heading, 1)[1].split(after, 1)[0]


@pytest.mark.parametrize("prefix", ["", "/es"], ids=["english", "spanish"])
def test_the_words_box_is_the_word_list_the_site_shows(
    patient: Client, guides_loaded, prefix: str
) -> None:
    """Every term in the PDF's box is a word-list entry of the page's language,
    spelled as the word list spells it, with the first sentence of its meaning."""
    own(patient)
    box = _words_box(patient, prefix)
    word_list = _word_list_page(patient, prefix)
    shown = [term for term in word_list if f"{term}: " in box]
    assert len(shown) >= 8, shown  # the full packet uses most of the hard words
    for term in shown:
        first_sentence = re.split(r"(?<=\.)\s", word_list[term], maxsplit=1)[0]
        assert f"{term}: {first_sentence}" in box, term
    # Nothing in the box that the word list does not have, in this language.
    defined = re.findall(r"(?:^|\.\s)([A-ZÁÉÍÓÚ][^:.]{1,40}): ", box)
    assert set(defined) <= set(word_list), set(defined) - set(word_list)
    # The PDF speaks in the first person: its words never address a reader.
    you = r"\b(you|your|usted|ustedes)\b"
    assert not re.search(you, box, flags=re.IGNORECASE), box
