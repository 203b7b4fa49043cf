"""Text that cannot blow up a PDF: separators, long words, emoji and a page ceiling.

A patient can paste anything into a note. Line and paragraph separators are
saved as plain newlines, and rows saved before that print as plain text too;
a word longer than the line breaks at the margin; emoji print with glyphs of
the project's own emoji font; and a document past the page ceiling gets a
message page instead of a PDF.
"""

import io
import subprocess
from pathlib import Path
from unittest import mock

import pytest
import textstat
from django.core.cache import cache
from django.test import Client
from pypdf import PdfReader
from weasyprint import Document

from checklists.models import (
    NOTE_MAX,
    QUESTION_MAX,
    QUESTIONS_MAX,
    ChecklistEntry,
    InsuranceCall,
    PacketQuestion,
)
from packets.models import CONTACT_MAX, NAME_MAX, PHONE_MAX, TEXT_MAX, LetterLanguage, Packet
from printing import pdf
from tests.browser.conftest import SCREENSHOTS
from tests.factories import full_packet, hand_to
from tests.printing.test_packet_pdf import pdf_text
from tests.site.test_plain_language import MAX_PAGE_GRADE, blocks, too_hard

# What a paste from a word processor, a PDF or an old system can carry.
LINE_BREAKS = ["\u2028", "\u2029", "\r\n", "\r", "\x85", "\x0b", "\x0c"]


@pytest.fixture(autouse=True)
def empty_cache(db) -> None:
    cache.clear()


def pages(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


def printed_text(content: bytes, tmp_path: Path) -> str:
    """The text on the paper: poppler's pdftotext leaves out what runs off the page
    (pypdf reads it all, on the page or not)."""
    target = tmp_path / "packet.pdf"
    target.write_bytes(content)
    run = subprocess.run(["pdftotext", str(target), "-"], check=True, capture_output=True)
    return run.stdout.decode()


def test_normalising_keeps_tabs_joiners_and_marks() -> None:
    from core.text import normalise_controls

    kept = "Tab\there, \u0645\u06cc\u200c\u062e, \u200fשלום, 👨\u200d👩\u200d👧"
    assert normalise_controls(kept) == kept
    assert normalise_controls("a\x00b\x1bc\x7fd\x9be") == "abcde"


def test_separators_in_a_note_are_saved_as_plain_newlines(patient: Client) -> None:
    patient.post("/packet/")
    note = "one" + "".join(f"{brk}{n}" for n, brk in enumerate(LINE_BREAKS)) + "\x00\x1bend"
    response = patient.post("/packet/items/medicines/", {"status": "have", "note": note})
    assert response.status_code == 302
    assert ChecklistEntry.objects.get(item_key="medicines").note == "one\n0\n1\n2\n3\n4\n5\n6end"


def test_a_note_on_many_lines_counts_each_line_break_once(patient: Client) -> None:
    # A browser sends each line break of a box as CR LF; the box's own count
    # (data-maxlength) counts one character for it, and so does the save.
    patient.post("/packet/")
    note = "\r\n".join(["ab"] * 160)  # 478 characters as typed, 637 as sent
    response = patient.post("/packet/items/medicines/", {"status": "have", "note": note})
    assert response.status_code == 302
    assert ChecklistEntry.objects.get(item_key="medicines").note == "\n".join(["ab"] * 160)


def test_a_packet_of_notes_full_of_line_separators_prints_on_a_few_pages(
    patient: Client,
) -> None:
    # Rows saved before separators were made plain on input.
    packet = full_packet()
    ChecklistEntry.objects.filter(packet=packet).update(note="a\u2028" * (NOTE_MAX // 2))
    InsuranceCall.objects.filter(packet=packet).update(notes="b\u2029" * (NOTE_MAX // 2))
    hand_to(patient, packet)
    response = patient.get("/packet/packet.pdf")
    assert response.status_code == 200
    assert pages(response.content) <= 8
    assert "a a a a a" in pdf_text(response.content)


def test_an_address_saved_with_line_separators_keeps_its_lines_in_the_letter(
    patient: Client,
) -> None:
    hand_to(patient, full_packet(address="12 Elm Street\u2028Springfield, IL 62701"))
    text = pdf_text(patient.get("/packet/letters/office.pdf").content)
    assert "\u2028" not in text
    assert "12 Elm Street\nSpringfield, IL 62701" in text


def test_a_500_character_word_in_a_note_prints_whole(patient: Client, tmp_path: Path) -> None:
    word = "Abcdefghij" * (NOTE_MAX // 10)
    patient.post("/packet/")
    patient.post("/packet/items/medicines/", {"status": "have", "note": word})
    content = patient.get("/packet/packet.pdf").content
    assert word in "".join(pdf_text(content).split())
    assert word in "".join(printed_text(content, tmp_path).split())


def test_emoji_in_a_note_print_with_glyphs_not_empty_boxes(patient: Client) -> None:
    note = "Pills 💊 twice a day 👍🏽, heart ❤️ checked 🩺"
    patient.post("/packet/")
    patient.post("/packet/items/medicines/", {"status": "have", "note": note})
    content = patient.get("/packet/packet.pdf").content
    reader = PdfReader(io.BytesIO(content))
    assert all(emoji in pdf_text(content) for emoji in "💊👍❤🩺")
    fonts = {
        str(font.get_object()["/BaseFont"]): font.get_object()["/Encoding"]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    # WeasyPrint gives a font that drew an empty box (.notdef) for a character
    # no font has an encoding of its own, instead of the plain Identity-H.
    assert {name: str(encoding) for name, encoding in fonts.items()} == dict.fromkeys(
        fonts, "/Identity-H"
    )
    assert any("Noto-Emoji" in name for name in fonts)
    # The page with the note, as an image to look at: screenshots/pdf-emoji.png.
    page = next(n for n, page in enumerate(reader.pages, start=1) if "💊" in page.extract_text())
    SCREENSHOTS.mkdir(exist_ok=True)
    target = SCREENSHOTS / "pdf-emoji.pdf"
    target.write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(page), "-l", str(page)]
        + [str(target), str(SCREENSHOTS / "pdf-emoji")],
        check=True,
    )


def test_a_packet_past_the_page_ceiling_gets_a_plain_message_and_no_pdf(
    patient: Client,
) -> None:
    hand_to(patient, full_packet())
    with (
        mock.patch.object(pdf, "MAX_PAGES", 2),
        mock.patch.object(Document, "write_pdf", side_effect=AssertionError("written")),
    ):
        response = patient.get("/packet/packet.pdf")
    assert response.status_code == 422
    html = response.content.decode()
    assert "We could not make your PDF" in html
    assert "Your packet is too long to print. It would be more than 2 pages." in html
    assert "Your packet is safe and nothing was lost." in html
    whole, found = blocks(html)
    assert textstat.flesch_kincaid_grade(whole) <= MAX_PAGE_GRADE
    assert too_hard(found) == []
    # Nothing was kept: with the usual ceiling the same packet prints.
    assert patient.get("/packet/packet.pdf").status_code == 200


def _largest_packet() -> Packet:
    """Every box at its limit, in the widest script, and addresses of one letter a
    line, so each letter's address runs as long as it can."""
    wide = "漢字" * NOTE_MAX
    lines = "a\n" * CONTACT_MAX
    packet = full_packet(
        name=wide[:NAME_MAX],
        phone=wide[:PHONE_MAX],
        cancer_type=wide[:TEXT_MAX],
        first_doctor=wide[:TEXT_MAX],
        center=wide[:TEXT_MAX],
        records_office=wide[:TEXT_MAX],
        address=lines[:CONTACT_MAX],
        records_office_address=lines[:CONTACT_MAX],
        doctor_contact=lines[:CONTACT_MAX],
        center_website="https://" + "w" * (CONTACT_MAX - 8),
        letter_language=LetterLanguage.SPANISH,
    )
    ChecklistEntry.objects.filter(packet=packet).update(status="need", note=wide[:NOTE_MAX])
    PacketQuestion.objects.filter(packet=packet).delete()
    PacketQuestion.objects.bulk_create(
        PacketQuestion(packet=packet, text=wide[:QUESTION_MAX], position=n)
        for n in range(1, QUESTIONS_MAX + 1)
    )
    InsuranceCall.objects.filter(packet=packet).update(
        spoke_to=wide[:TEXT_MAX], reference=wide[:60], notes=wide[:NOTE_MAX]
    )
    return packet


def test_the_largest_packet_the_forms_allow_prints_under_the_ceiling(patient: Client) -> None:
    hand_to(patient, _largest_packet())
    response = patient.get("/packet/packet.pdf")
    assert response.status_code == 200
    assert pages(response.content) <= 50 < pdf.MAX_PAGES


def test_the_largest_packets_letters_print_under_the_ceiling(patient: Client) -> None:
    hand_to(patient, _largest_packet())
    response = patient.get("/packet/letters.pdf")
    assert response.status_code == 200
    assert pages(response.content) < pdf.MAX_PAGES
