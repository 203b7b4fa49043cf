"""The PDF ends with the words it uses, who to call, and the content's version."""

import io
import re

from django.test import Client
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
    defined = re.findall(r"([A-Z][\w -]+?): ", box)
    assert "Pathologist" in defined and "HIPAA" in defined
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
