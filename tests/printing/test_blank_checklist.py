"""The blank checklist anyone can print says which content it was made from,
and claims no more than its source does (review 3, rows 23 and 24)."""

from django.test import Client

from guides.models import current_release
from tests.printing.test_packet_pdf import pdf_text


def test_the_blank_checklist_prints_its_content_version(client: Client, guides_loaded) -> None:
    text = " ".join(pdf_text(client.get("/checklist.pdf").content).split())
    release = current_release()
    assert release is not None and release.label in text


def test_the_blank_checklist_says_many_centers_not_most(client: Client, db) -> None:
    text = " ".join(pdf_text(client.get("/checklist.pdf").content).split())
    assert "Many centers like records sent before the visit" in text
    assert "Most centers" not in text
