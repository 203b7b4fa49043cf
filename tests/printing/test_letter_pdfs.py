"""The letters as PDFs of their own, read back with pypdf and looked at as images.

A letter to post has no packet cover, running header or "Page 2 of 7" footer;
each starts on a new page; a Spanish reading copy follows its English letter
and says on every page that it is not to send.
"""

import io
import re
import subprocess
import time
from datetime import date
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult
from PIL import Image
from pypdf import PdfReader

from checklists.models import ChecklistEntry
from checklists.presenters import letters as letters_of
from checklists.templatetags.letter_markup import letter_section
from core.middleware import STARTED_KEY
from packets.models import Device, LetterLanguage, Packet
from printing import cache as pdf_cache
from printing import pdf
from tests.browser.conftest import SCREENSHOTS
from tests.factories import full_packet, hand_to

DATED = timezone.localdate
PACKET_WORDS = [
    "My second opinion packet",
    "Second Opinion. Information, not medical advice.",
    "What the reviewers will look at",
    "Talk to someone",
]
MARK_ES = "Copia para leer. No la envíe."
MARK_EN = "Copy to read. Do not send."
OWN_HEADING = "Para que usted lo lea, en español:"


@pytest.fixture(autouse=True)
def empty_cache(db) -> None:
    cache.clear()


def three_letters(**changes) -> Packet:
    """The factory's packet with slides and scan images still needed too: a
    letter to the records office, the pathology lab and the imaging department."""
    packet = full_packet(**changes)
    ChecklistEntry.objects.filter(
        packet=packet, item_key__in=["pathology-slides", "imaging-disc"]
    ).update(status="need")
    packet.touch()
    packet.refresh_from_db()
    return packet


@pytest.fixture
def owner(patient: Client) -> tuple[Client, Packet]:
    packet = three_letters(letter_language=LetterLanguage.ENGLISH)
    return hand_to(patient, packet), packet


def pages_of(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def first_line(page: str) -> str:
    return page.strip().splitlines()[0].strip()


def flat(text: str) -> str:
    return " ".join(text.split())


def documents_in(pages: list[str], openings: list[str]) -> list[list[str]]:
    """The PDF's pages cut where a letter (or a Spanish copy) opens: a page
    whose first line starts with one of ``openings``."""
    cuts = [n for n, page in enumerate(pages) if first_line(page).startswith(tuple(openings))]
    assert cuts and cuts[0] == 0, [first_line(page) for page in pages]
    return [pages[a:b] for a, b in zip(cuts, [*cuts[1:], len(pages)], strict=True)]


def spanish_heading(letter) -> str:
    with translation.override("es"):
        return str(letter.heading)


def assert_continued(document: list[str], line: str) -> None:
    """Only the pages after the first say whose letter they are, and which page:
    ``line`` with {n} and {total} in it."""
    total = len(document)
    assert line.format(n=1, total=total) not in flat(document[0])
    for n, page in enumerate(document[1:], start=2):
        assert line.format(n=n, total=total) in flat(page), (n, page)


def dark_pixels_in_body(png: Path) -> int:
    """How many dark pixels there are inside the page's margins (a blank page has none)."""
    image = Image.open(png).convert("L")
    width, height = image.size
    body = image.crop((width // 10, height // 10, width * 9 // 10, height * 9 // 10))
    return sum(body.histogram()[:128])  # pixels at each grey level, 0 (black) to 255


def page_images(content: bytes, name: str) -> list[Path]:
    """Each page at 50 dpi, in screenshots/ (to look at) as NAME-1.png, NAME-2.png ..."""
    SCREENSHOTS.mkdir(exist_ok=True)
    for old in SCREENSHOTS.glob(f"{name}-*.png"):
        old.unlink()
    target = SCREENSHOTS / f"{name}.pdf"
    target.write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", str(target), str(SCREENSHOTS / name)], check=True
    )
    return sorted(SCREENSHOTS.glob(f"{name}-*.png"))


# --- Every letter in one PDF ---------------------------------------------------------


def test_every_letter_starts_its_own_page_with_no_packet_header_or_footer(owner) -> None:
    client, packet = owner
    response = client.get("/packet/letters.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="records-request-letters.pdf"'
    pages = pages_of(response.content)
    letters = letters_of(packet, DATED())
    # Each letter opens a page with its date, then its greeting, and holds no other.
    documents = documents_in(pages, [letters[0].dated])
    assert len(documents) == len(letters) == 3
    greetings = ["Dear records team,", "Dear pathology team,", "Dear imaging team,"]
    for document, letter, greeting in zip(documents, letters, greetings, strict=True):
        assert greeting == letter.greeting and greeting in document[0]
        assert [
            other for other in greetings if other != greeting and other in "".join(document)
        ] == []
        assert_continued(document, f"Ana María Díaz, {letter.heading}, page {{n}} of {{total}}")
    text = flat("\n".join(pages))
    assert not re.search(r"Page \d+ of \d+", text)
    for words in PACKET_WORDS:
        assert words not in text, words
    for words in ["Mercy Hospital Health Information Office", "Ana María Díaz"]:
        assert words in text, words


def test_each_page_is_a_drawn_letter_not_a_blank_sheet(owner) -> None:
    client, _packet = owner
    content = client.get("/packet/letters.pdf").content
    images = page_images(content, "letters-pdf")
    assert len(images) == len(pages_of(content)) >= 3
    for png in images:
        assert dark_pixels_in_body(png) > 20, png.name


# --- One letter ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "filename", "greeting"),
    [
        ("office", "records-request-records-office.pdf", "Dear records team,"),
        ("lab", "records-request-pathology-lab.pdf", "Dear pathology team,"),
        ("imaging", "records-request-imaging-department.pdf", "Dear imaging team,"),
    ],
)
def test_one_letter_is_that_letter_alone(owner, kind: str, filename: str, greeting: str) -> None:
    client, packet = owner
    response = client.get(f"/packet/letters/{kind}.pdf")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    pages = pages_of(response.content)
    (letter,) = [one for one in letters_of(packet, DATED()) if one.kind == kind]
    (document,) = documents_in(pages, [letter.dated])
    assert greeting in document[0]
    text = flat("\n".join(pages))
    assert flat(letter.subject) in text
    for item in letter.items:
        assert flat(item) in text, item
    others = {"Dear records team,", "Dear pathology team,", "Dear imaging team,"} - {greeting}
    assert [other for other in others if other in text] == []
    assert_continued(document, f"Ana María Díaz, {letter.heading}, page {{n}} of {{total}}")


def test_a_letter_that_runs_to_two_pages_says_whose_it_is_on_the_second(patient: Client) -> None:
    # An address of many short lines pushes the signature onto another page.
    long_address = "\n".join(f"Line {n}" for n in range(1, 26))
    packet = three_letters(letter_language=LetterLanguage.ENGLISH, address=long_address)
    client = hand_to(patient, packet)
    pages = pages_of(client.get("/packet/letters/office.pdf").content)
    assert len(pages) >= 2
    assert first_line(pages[0]) == letters_of(packet, DATED())[0].dated
    assert "Letter to the records office, page" not in pages[0]
    assert f"Ana María Díaz, Letter to the records office, page 2 of {len(pages)}" in flat(pages[1])
    assert_continued(pages, "Ana María Díaz, Letter to the records office, page {n} of {total}")
    assert not re.search(r"Page \d+ of \d+", flat("\n".join(pages)))


def test_letters_follow_the_packets_paper_size(patient: Client) -> None:
    client = hand_to(patient, three_letters(paper_size="a4"))
    reader = PdfReader(io.BytesIO(client.get("/packet/letters/office.pdf").content))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    letter = PdfReader(io.BytesIO(client.get("/packet/letters/office.pdf?paper=letter").content))
    box = letter.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


# --- The Spanish reading copy ------------------------------------------------------


def test_the_spanish_copy_follows_its_letter_and_says_on_each_page_not_to_send(
    patient: Client,
) -> None:
    packet = three_letters(letter_language=LetterLanguage.SPANISH)
    client = hand_to(patient, packet)
    content = client.get("/es/packet/letters.pdf").content
    pages = pages_of(content)
    letters = letters_of(packet, DATED())
    documents = documents_in(pages, [letters[0].dated, OWN_HEADING])
    # Each English letter, then its Spanish copy, each from a new page.
    assert len(documents) == 6
    for letter, english, spanish in zip(letters, documents[0::2], documents[1::2], strict=True):
        assert letter.greeting in english[0]
        for page in english:
            assert MARK_ES not in flat(page) and "Estimado" not in page
        assert letter.own.greeting in flat(spanish[0])
        for page in spanish:
            assert MARK_ES in flat(page) and MARK_EN in flat(page)
        assert "No envíe esta copia." in spanish[0]
        assert_continued(
            spanish, f"Ana María Díaz, {spanish_heading(letter)}, página {{n}} de {{total}}"
        )
    images = page_images(content, "letters-pdf-es")
    assert len(images) == len(pages)
    for png in images:
        assert dark_pixels_in_body(png) > 20, png.name


def test_a_long_spanish_copy_is_marked_on_every_page(patient: Client) -> None:
    long_address = "\n".join(f"Casa {n}" for n in range(1, 26))
    packet = three_letters(letter_language=LetterLanguage.SPANISH, address=long_address)
    client = hand_to(patient, packet)
    content = client.get("/packet/letters/office.pdf").content
    pages = pages_of(content)
    (letter,) = [one for one in letters_of(packet, DATED()) if one.kind == "office"]
    english, spanish = documents_in(pages, [letter.dated, OWN_HEADING])
    assert len(spanish) >= 2
    assert "Dear records team," in english[0]
    assert MARK_ES not in flat("".join(english))
    for page in spanish:
        assert MARK_ES in flat(page)
    assert_continued(
        spanish, "Ana María Díaz, Carta a la oficina de registros médicos, página {n} de {total}"
    )
    images = page_images(content, "letter-pdf-es-long")
    assert len(images) == len(pages)
    for png in images:
        assert dark_pixels_in_body(png) > 20, png.name


# --- Who may download which letter -----------------------------------------------


@pytest.mark.parametrize("path", ["/packet/letters/records.pdf", "/packet/letters/all.pdf"])
def test_an_unknown_kind_of_letter_is_404(owner, path: str) -> None:
    client, _packet = owner
    assert client.get("/packet/letters/office.pdf").status_code == 200
    assert client.get(path).status_code == 404


def test_a_letter_the_packet_does_not_hold_is_404(patient: Client) -> None:
    client = hand_to(patient, full_packet())  # slides and scan images are on their way
    assert client.get("/packet/letters/office.pdf").status_code == 200
    assert client.get("/packet/letters/lab.pdf").status_code == 404
    assert client.get("/packet/letters/imaging.pdf").status_code == 404


def test_no_letters_at_all_is_404_for_the_whole_set_too(patient: Client) -> None:
    packet = full_packet()
    client = hand_to(patient, packet)
    assert client.get("/packet/letters.pdf").status_code == 200
    ChecklistEntry.objects.filter(packet=packet, status="need").update(status="na")
    packet.touch()
    assert client.get("/packet/letters.pdf").status_code == 404


@pytest.mark.parametrize("path", ["/packet/letters.pdf", "/packet/letters/office.pdf"])
def test_a_browser_without_a_packet_is_sent_to_start_one(client: Client, db, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == "/packet/"


def test_a_stranger_gets_only_their_own_letters(owner, stranger: Client) -> None:
    _client, _packet = owner
    hand_to(stranger, three_letters(name="Stranger Person", letter_language="en"))
    text = flat("\n".join(pages_of(stranger.get("/packet/letters.pdf").content)))
    assert "My name: Stranger Person" in text
    assert "Ana María Díaz" not in text


def test_a_view_only_browser_may_download_the_letters(owner, stranger: Client) -> None:
    _client, packet = owner
    device = Device.objects.create(packet=packet, can_edit=False)
    session = stranger.session
    session.update({"packet_id": packet.pk, "device_id": device.pk, STARTED_KEY: int(time.time())})
    session.save()
    stranger.cookies["sessionid"] = session.session_key
    response = stranger.get("/packet/letters/office.pdf")
    assert response.status_code == 200
    assert "Dear records team," in pages_of(response.content)[0]


# --- Made once, kept by version, gone with the packet --------------------------------


def test_a_second_download_is_the_cached_copy_and_a_change_makes_a_new_one(owner) -> None:
    client, packet = owner
    first = client.get("/packet/letters/office.pdf")
    again = client.get("/packet/letters/office.pdf", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    Packet.objects.filter(pk=packet.pk).update(records_office="Saint Jude Records")
    Packet.objects.get(pk=packet.pk).touch()
    changed = client.get("/packet/letters/office.pdf", headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert "To: Saint Jude Records" in pages_of(changed.content)[0]


def test_deleting_the_packet_forgets_its_letters(owner) -> None:
    client, packet = owner
    for path in ["/packet/letters.pdf", "/packet/letters/office.pdf", "/es/packet/letters.pdf"]:
        assert client.get(path).status_code == 200
    keys = [
        pdf_cache.letters_key(packet.pk, document, paper, language)
        for document in pdf_cache.LETTER_DOCUMENTS
        for paper in ("letter", "a4")
        for language in ("en", "es")
    ]
    assert len(cache.get_many(keys)) == 3
    assert client.post("/packet/delete/").status_code == 200
    assert cache.get_many(keys) == {}
    assert client.get("/packet/letters.pdf").status_code == 302


def test_a_delete_while_a_letter_renders_keeps_and_hands_out_nothing(owner) -> None:
    client, packet = owner
    rendered = b"%PDF-1.7 Ochre-pangolin-6012 (a render in flight)"

    def render_during_a_delete(html, **kwargs) -> bytes:
        Packet.objects.get(pk=packet.pk).delete()
        return rendered

    with mock.patch("printing.pdf.render_pdf", side_effect=render_during_a_delete):
        response = client.get("/packet/letters/office.pdf")
    assert response.status_code == 202  # still "Making your PDF": nothing was kept
    assert rendered not in response.content
    key = pdf_cache.letters_key(packet.pk, "office", "letter", "en")
    assert cache.get(key) is None
    assert client.get("/packet/letters/office.pdf").status_code == 302


# --- The packet PDF lists the letters; the letters page links to them ---------------


def test_the_packet_pdf_lists_the_letters_instead_of_holding_them(owner) -> None:
    client, _packet = owner
    text = flat("\n".join(pages_of(client.get("/packet/packet.pdf").content)))
    for words in [
        "Letters to request my records",
        "Letter to the records office. It asks for:",
        "Letter to the pathology lab. It asks for: Slides or tissue blocks",
        "Letter to the imaging department. It asks for: The scan images themselves",
        "“Letters to request your records”",
    ]:
        assert words in text, words
    for words in ["Dear records team,", "Request for copies of my health records"]:
        assert words not in text, words


def test_the_download_links_name_each_letter_and_the_whole_set(owner) -> None:
    _client, packet = owner
    letters = letters_of(packet, date(2026, 12, 5))
    every = render_to_string("printing/_letter_downloads.html#all", {"letters": letters})
    assert 'href="/packet/letters.pdf"' in every
    assert "Download all letters (PDF)" in every
    one = letter_section(letters[1])
    assert 'href="/packet/letters/lab.pdf"' in one
    assert "Download this letter (PDF)" in flat(one)
    assert "Letter to the pathology lab" in one  # the link's name says which letter


# --- Made by a worker, as the packet PDF is ------------------------------------------


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_a_letter_is_made_by_a_worker_never_in_the_web_request() -> None:
    client = Client()
    client.post("/packet/")  # nothing marked yet: every letter is still to send
    with mock.patch.object(pdf, "render_pdf", side_effect=AssertionError("a web thread rendered")):
        first = client.get("/packet/letters/lab.pdf")
        again = client.get("/packet/letters/lab.pdf")
        poll = client.get("/packet/letters/lab.pdf", HTTP_HX_REQUEST="true")
    assert first.status_code == 202
    assert "Making your PDF" in first.content.decode()
    assert 'href="/packet/letters/lab.pdf">Check again</a>' in first.content.decode()
    assert again.status_code == 202 and poll.status_code == 204
    assert DBTaskResult.objects.count() == 1  # asked three times, queued once
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    ready = client.get("/packet/letters/lab.pdf", HTTP_HX_REQUEST="true")
    assert ready.status_code == 286
    download = client.get("/packet/letters/lab.pdf")
    assert download.status_code == 200
    assert "Dear pathology team," in pages_of(download.content)[0]


def test_a_failed_render_says_so_and_keeps_the_packet(owner) -> None:
    client, packet = owner
    with mock.patch("printing.pdf.HTML", side_effect=RuntimeError("boom")):
        response = client.get("/packet/letters/office.pdf")
    assert response.status_code == 500
    assert "We could not make your PDF" in response.content.decode()
    assert Packet.objects.filter(pk=packet.pk).exists()
    assert client.get("/packet/letters/office.pdf").status_code == 200


@override_settings(PDF_RATE_LIMIT=2, PDF_RATE_WINDOW=60)
def test_letter_renders_count_with_the_packets_and_a_404_counts_nothing(owner) -> None:
    client, _packet = owner
    for _n in range(3):
        assert client.get("/packet/letters/records.pdf").status_code == 404
    assert client.get("/packet/letters/office.pdf").status_code == 200
    assert client.get("/packet/letters/office.pdf").status_code == 200  # the cached copy
    assert client.get("/packet/letters/lab.pdf").status_code == 200
    response = client.get("/packet/letters/imaging.pdf")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Please wait a moment" in response.content.decode()
