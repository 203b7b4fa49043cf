"""The PDF packet, read back with pypdf: the patient's own words are in it."""

import io
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from pypdf import PdfReader

from checklists import pdf
from checklists.records import ITEMS
from checklists.situations import KEYS


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture(autouse=True)
def empty_cache(db) -> None:
    cache.clear()


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
            "paper_size": "letter",
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
        "Status: Have it",
        "Status: Asked for it",
        "Could I join a trial here?",
        "Will you share your opinion with my first doctor?",
        "Dear Dr. Lee,",
        "What the reviewers will look at",
        "not medical advice",
        "My cancer is rare",
        "Page 1 of",
    ]:
        assert words in text, words


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
    with mock.patch("checklists.pdf.render_pdf", side_effect=AssertionError("rendered again")):
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
    with mock.patch("checklists.pdf.HTML", side_effect=RuntimeError("boom")):
        response = filled.get("/packet/packet.pdf")
    assert response.status_code == 500
    assert "We could not make your PDF" in response.content.decode()
    assert "Blue folder copy" in filled.get("/packet/").content.decode()


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
    assert "Dear care team" not in text
