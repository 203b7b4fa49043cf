"""The PDF packet, read back with pypdf: the patient's own words, short and legible."""

import io
import re
import subprocess
from datetime import date
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from pypdf import PdfReader

from checklists.presenters import letters
from checklists.records import ITEMS
from packets.models import Packet
from printing import pdf
from questionnaire.situations import KEYS
from tests.browser.conftest import SCREENSHOTS
from tests.factories import full_packet, hand_to

LETTER_HEIGHT = 792
TOP_MARGIN = 16 / 25.4 * 72
BOTTOM_MARGIN = 18 / 25.4 * 72


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def text_runs(page) -> list[tuple[str, float, float]]:
    """Each piece of text on a page: (text, size in points, distance from the top)."""
    runs: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font_dict, font_size) -> None:
        if text.strip():
            scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
            from_top = LETTER_HEIGHT - (cm[3] * tm[5] + cm[5])
            runs.append((text.strip(), font_size * scale, from_top))

    page.extract_text(visitor_text=visit)
    return runs


@pytest.fixture(autouse=True)
def empty_cache(db) -> None:
    cache.clear()


def own(client: Client, packet) -> Client:
    return hand_to(client, packet)


@pytest.fixture
def full(patient: Client) -> Client:
    """The factory's full packet: answers, checklist, questions, details, a letter, the call."""
    return own(patient, full_packet())


@pytest.fixture
def filled(patient: Client) -> Client:
    patient.post("/packet/")
    patient.post(
        "/packet/details/",
        {
            "name": "Ana Diaz",
            "cancer_type": "Follicular lymphoma",
            "first_doctor": "Dr. Lee",
            "doctor_contact": "Fax 555-0100",
            "center": "City Cancer Center",
            "records_office": "Mercy Records",
        },
    )
    patient.post("/packet/items/pathology-report/", {"status": "have", "note": "Blue folder copy"})
    patient.post(
        "/packet/items/imaging-disc/", {"status": "asked", "note": "Radiology called Tuesday"}
    )
    patient.post("/packet/questions/", {"action": "add", "text": "Could I join a trial here?"})
    patient.post("/packet/questions/", {"action": "suggest", "suggestion": "share-opinion"})
    patient.post("/questionnaire/")
    patient.post("/questionnaire/urgency/", {"answer": "no"})
    for key in KEYS:
        patient.post(f"/questionnaire/{key}/", {"answer": "yes" if key == "rare-cancer" else "no"})
    return patient


def test_packet_pdf_has_the_patients_own_words(filled: Client) -> None:
    response = filled.get("/packet/packet.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = " ".join(pdf_text(response.content).split())
    for words in [
        "Ana Diaz",
        "Follicular lymphoma",
        "City Cancer Center",
        "Blue folder copy",
        "Radiology called Tuesday",
        "Pathology report: Have it",
        "The scan images themselves: Asked for it",
        "Could I join a trial here?",
        "Will you share your opinion with my first doctor?",
        # The letters are PDFs of their own: the packet lists them.
        "Letters to request my records",
        "Letter to the records office. It asks for:",
        "What the reviewers will look at",
        "not medical advice",
        "Page 1 of",
    ]:
        assert words in text, words
    for words in ["To: Mercy Records", "Request for copies of my health records"]:
        assert words not in text, words


def test_every_saved_change_is_read_back_including_the_autosave(filled: Client) -> None:
    before = filled.get("/packet/packet.pdf")
    # The autosave's own request: htmx, the task page's field names.
    filled.post(
        "/packet/items/blood-tests/",
        {"blood-tests-status": "have", "blood-tests-note": "Typed, never pressed Save"},
        HTTP_HX_REQUEST="true",
    )
    filled.post(
        "/packet/records/plan/",
        {
            "treatment-plan-status": "asked",
            "treatment-plan-note": "Saved with Save and continue",
            "trial-details-status": "na",
            "trial-details-note": "",
        },
    )
    filled.post("/packet/insurance/", {"spoke_to": "Sam at the plan", "covered": "yes"})
    filled.post("/packet/letter/", {"delivery": "center", "record_format": "paper"})
    after = filled.get("/packet/packet.pdf", headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    text = pdf_text(after.content)
    for words in [
        "Recent blood test results: Have it",
        "Typed, never pressed Save",
        "Written treatment plan: Asked for it",
        "Saved with Save and continue",
        "Sam at the plan",
    ]:
        assert words in text, words
    # The letter's choices are read back in the letter's own PDF: every line
    # of the letter that the choice of paper copies wrote.
    letter_pdf = " ".join(pdf_text(filled.get("/packet/letters/office.pdf").content).split())
    (office,) = [one for one in letters(Packet.objects.get(), date.today()) if one.kind == "office"]
    on_paper = [" ".join(line.split()) for line in office.text().splitlines() if "paper" in line]
    assert on_paper
    for line in on_paper:
        assert line in letter_pdf, line


def test_a_full_packet_fits_six_letter_pages_with_none_near_empty(full: Client) -> None:
    content = full.get("/packet/packet.pdf").content
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) <= 6
    usable = LETTER_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN
    for number, page in enumerate(reader.pages[:-1], start=1):
        body = [top for _text, _size, top in text_runs(page) if top < LETTER_HEIGHT - BOTTOM_MARGIN]
        filled_share = (max(body) - TOP_MARGIN) / usable
        assert filled_share >= 0.25, (number, filled_share)
    # Page images to look at: screenshots/pdf-full-*.png.
    SCREENSHOTS.mkdir(exist_ok=True)
    target = SCREENSHOTS / "pdf-full.pdf"
    target.write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", str(target), str(SCREENSHOTS / "pdf-full")], check=True
    )


def test_every_line_is_at_least_eleven_points(full: Client) -> None:
    reader = PdfReader(io.BytesIO(full.get("/packet/packet.pdf").content))
    small = [
        (number, text, round(size, 1))
        for number, page in enumerate(reader.pages, start=1)
        for text, size, _top in text_runs(page)
        if size < 10.95
    ]
    assert small == []


def test_the_text_is_near_black(full: Client) -> None:
    reader = PdfReader(io.BytesIO(full.get("/packet/packet.pdf").content))
    colours = set()
    for page in reader.pages:
        data = page.get_contents().get_data().decode("latin-1")
        # Fill colours set just before text is shown.
        colours |= set(re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg\s+BT", data))
    lightest = max(max(float(v) for v in colour) for colour in colours)
    # Only the "Important for me" flag (#8a3b00) is not near-black.
    near_black = [c for c in colours if max(float(v) for v in c) <= 0.1]
    assert near_black and lightest <= 0.55


def test_the_pdf_speaks_as_the_patient(full: Client) -> None:
    text = pdf_text(full.get("/packet/packet.pdf").content)
    mine = re.sub(r"“[^”]*”", "", text)  # quoted words to say to a doctor are the doctor's
    mine = mine.replace("Thank you.", "")
    # The questionnaire's result, values and SURE questions are worded by the
    # questionnaire's own includes; my questions are addressed to the doctor.
    for start, end in [
        ("My questionnaire result", "My records checklist"),
        ("My questions to ask", "My insurance call"),
    ]:
        if start in mine:
            mine = mine[: mine.index(start)] + mine[mine.index(end) :]
    assert re.findall(r"\b(you|your)\b", mine, flags=re.IGNORECASE) == []
    assert "My records checklist" in text and "My note:" in text


def test_urgency_comes_first_when_it_applies(patient: Client) -> None:
    own(patient, full_packet())
    patient.post("/questionnaire/urgency/", {"answer": "yes"})
    reader = PdfReader(io.BytesIO(patient.get("/packet/packet.pdf").content))
    top = min(text_runs(reader.pages[0]), key=lambda run: run[2])
    assert top[0].startswith("My care team said my treatment must start right away")


def test_a_repeat_download_is_a_304_decided_before_the_packet_is_gathered(full: Client) -> None:
    etag = full.get("/packet/packet.pdf")["ETag"]
    with mock.patch("checklists.presenters.whole_packet", side_effect=AssertionError("gathered")):
        response = full.get("/packet/packet.pdf", headers={"if-none-match": etag})
        assert response.status_code == 304
        again = full.get("/packet/packet.pdf")
    assert again.status_code == 200 and again["ETag"] == etag


def test_the_paper_size_is_part_of_the_etag(full: Client) -> None:
    letter = full.get("/packet/packet.pdf?paper=letter")["ETag"]
    a4 = full.get("/packet/packet.pdf?paper=a4")["ETag"]
    assert letter != a4


def test_the_blank_checklist_takes_the_same_cached_path(client: Client, db) -> None:
    first = client.get("/checklist.pdf")
    with mock.patch("printing.pdf.render_pdf", side_effect=AssertionError("rendered")):
        assert client.get("/checklist.pdf").content == first.content
        assert (
            client.get("/checklist.pdf", headers={"if-none-match": first["ETag"]}).status_code
            == 304
        )


def test_packet_pdf_uses_the_shipped_font_and_letter_paper(filled: Client) -> None:
    reader = PdfReader(io.BytesIO(filled.get("/packet/packet.pdf").content))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("Atkinson" in name for name in fonts)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_a4_is_a_choice(filled: Client) -> None:
    reader = PdfReader(io.BytesIO(filled.get("/packet/packet.pdf?paper=a4").content))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_nothing_of_another_packet_is_in_the_pdf(filled: Client, stranger: Client) -> None:
    stranger.post("/packet/")
    stranger.post("/packet/items/medicines/", {"status": "have", "note": "Stranger note"})
    text = pdf_text(stranger.get("/packet/packet.pdf").content)
    assert "Stranger note" in text
    for words in ["Ana Diaz", "Blue folder copy", "Could I join a trial here?"]:
        assert words not in text


def test_second_download_renders_nothing_new(filled: Client) -> None:
    first = filled.get("/packet/packet.pdf")
    with mock.patch("printing.pdf.render_pdf", side_effect=AssertionError("rendered again")):
        second = filled.get("/packet/packet.pdf")
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_matching_etag_gets_304(filled: Client) -> None:
    etag = filled.get("/packet/packet.pdf")["ETag"]
    response = filled.get("/packet/packet.pdf", headers={"if-none-match": etag})
    assert response.status_code == 304


def test_a_change_makes_a_new_pdf(filled: Client) -> None:
    first = filled.get("/packet/packet.pdf")
    filled.post("/packet/items/medicines/", {"status": "have", "note": "New note"})
    second = filled.get("/packet/packet.pdf")
    assert second["ETag"] != first["ETag"]
    assert "New note" in pdf_text(second.content)


@override_settings(PDF_RATE_LIMIT=3, PDF_RATE_WINDOW=60)
def test_too_many_renders_get_a_clear_429(filled: Client) -> None:
    for n in range(3):
        filled.post("/packet/items/medicines/", {"status": "have", "note": f"change {n}"})
        assert filled.get("/packet/packet.pdf").status_code == 200
    # Downloading the same packet again renders nothing, so it is not limited.
    assert filled.get("/packet/packet.pdf").status_code == 200
    filled.post("/packet/items/medicines/", {"status": "have", "note": "one change too many"})
    response = filled.get("/packet/packet.pdf")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Please wait a moment" in response.content.decode()


def test_a_failed_render_shows_a_clear_error_and_keeps_the_packet(filled: Client) -> None:
    with mock.patch("printing.pdf.HTML", side_effect=RuntimeError("boom")):
        response = filled.get("/packet/packet.pdf")
    assert response.status_code == 500
    assert "We could not make your PDF" in response.content.decode()
    assert "Blue folder copy" in filled.get("/packet/records/pathology/").content.decode()


def test_pdf_without_a_packet_offers_to_start(client: Client, db) -> None:
    response = client.get("/packet/packet.pdf")
    assert response.status_code == 302
    assert response["Location"] == "/packet/"


def test_blank_checklist_needs_no_session_and_has_every_item(client: Client, db) -> None:
    response = client.get("/checklist.pdf")
    assert response.status_code == 200
    assert not response.cookies
    text = pdf_text(response.content)
    for item in ITEMS:
        assert str(item.title) in text, item.key
    assert "not medical advice" in text


def test_fetcher_refuses_files_and_other_hosts() -> None:
    fetcher = pdf.StaticOnlyFetcher()
    for url in [
        "file:///etc/passwd",
        "https://example.com/x.css",
        "http://127.0.0.1:5432/",
        pdf.BASE_URL + "etc/passwd",
        pdf.BASE_URL + "static/../../etc/passwd",
        "data:text/css,body{}",
    ]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    font = fetcher.fetch(pdf.BASE_URL + "static/fonts/atkinson-hyperlegible-latin-400-normal.woff2")
    assert font.read()[:4] == b"wOF2"


def test_content_pointing_elsewhere_fetches_nothing_and_still_renders() -> None:
    served: list[str] = []
    refused: list[str] = []
    real_fetch = pdf.StaticOnlyFetcher.fetch

    def spy(self, url, headers=None):
        try:
            response = real_fetch(self, url, headers)
        except ValueError:
            refused.append(url)
            raise
        served.append(url)
        return response

    html = (
        '<p>Hello</p><img src="file:///etc/passwd"><img src="https://example.com/x.png">'
        '<link rel="stylesheet" href="http://169.254.169.254/latest">'
    )
    with mock.patch.object(pdf.StaticOnlyFetcher, "fetch", spy):
        content = pdf.render_pdf(html)
    assert content.startswith(b"%PDF")
    assert "Hello" in pdf_text(content)
    assert "root:" not in pdf_text(content)
    assert {"file:///etc/passwd", "https://example.com/x.png"} <= set(refused)
    assert all(url.startswith(pdf.BASE_URL) for url in served)


def test_urgency_is_in_the_pdf_even_before_the_nine_questions(patient: Client) -> None:
    patient.post("/questionnaire/")
    patient.post("/questionnaire/urgency/", {"answer": "yes"})
    text = pdf_text(patient.get("/packet/packet.pdf").content)
    assert "My care team said my treatment must start right away" in text
    assert "My questionnaire result" not in text


def test_pdf_says_so_when_no_record_is_left_to_request(patient: Client) -> None:
    patient.post("/packet/")
    for item in ITEMS:
        patient.post(f"/packet/items/{item.key}/", {"status": "na", "note": ""})
    text = pdf_text(patient.get("/packet/packet.pdf").content)
    assert "nothing left to request" in text
    assert "Dear records team" not in text
