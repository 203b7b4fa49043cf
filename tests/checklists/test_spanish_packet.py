"""The packet in Spanish: every task page, the letter a records office can read, and the PDF.

A patient who works from /es/ addresses stays on them (links, forms, htmx,
redirects), reads plain Spanish on every page, and downloads a Spanish PDF.
The letter to send is always the English letter; with "Spanish and English"
chosen, a Spanish version for the patient follows it, marked not for sending.
"""

import io
import re
import subprocess
from datetime import date, timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone, translation
from pypdf import PdfReader
from pytest_django.asserts import assertContains, assertNotContains

from checklists import presenters
from checklists.letter import long_date
from packets.models import Packet
from printing import pdf
from tests.browser.conftest import SCREENSHOTS
from tests.factories import DETAILS, full_packet, hand_to
from tests.printing.test_packet_pdf import (
    BOTTOM_MARGIN,
    LETTER_HEIGHT,
    TOP_MARGIN,
    pdf_text,
    text_runs,
)
from tests.site.test_plain_language import PACKET_PAGES, blocks
from tests.spanish import FAIRLY_EASY, fernandez_huerta, inflesz

HX = {"HTTP_HX_REQUEST": "true"}
SPANISH_PACKET_PAGES = ["/es" + url for url in PACKET_PAGES]
OTHER_SPANISH_PAGES = ["/es/packet/share/", "/es/packet/join/", "/es/packet/delete/"]
SECOND_PERSON_EN = re.compile(r"\b(you|your|yours|yourself)\b", re.IGNORECASE)
SECOND_PERSON_ES = re.compile(r"\b(usted|ustedes|su|sus|tu|tus|te|ti)\b", re.IGNORECASE)


@pytest.fixture(autouse=True)
def empty_cache(db) -> None:
    cache.clear()


@pytest.fixture
def full(patient: Client) -> tuple[Client, Packet]:
    packet = full_packet()
    return hand_to(patient, packet), packet


def main_of(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def without_english(html: str) -> str:
    """The page minus the parts marked lang="en" (the letter to send, the
    English call script): they are English on purpose, not Spanish to grade."""
    return re.sub(r'<div[^>]*\blang="en"[^>]*>.*?</div>', "", html, flags=re.DOTALL)


def spanish_reading(html: str) -> tuple[float, float]:
    whole, _sentences = blocks(without_english(html))
    return fernandez_huerta(whole), inflesz(whole)


def internal_addresses(html: str) -> list[str]:
    """Every address a link, form or htmx request on the page goes to, on this site."""
    found = re.findall(r'(?:href|action|hx-post|hx-get)="([^"]*)"', html)
    return [url for url in found if url.startswith("/") and not url.startswith(("/static/", "//"))]


# --- Every page in Spanish, and every address stays in /es/ ---------------------


@pytest.mark.parametrize("url", SPANISH_PACKET_PAGES + OTHER_SPANISH_PAGES)
def test_each_spanish_packet_page_is_spanish_and_stays_in_es(full, url: str) -> None:
    client, _packet = full
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="es"' in html
    main = main_of(html)
    outside = [u for u in internal_addresses(main) if not u.startswith("/es/")]
    assert not outside, f"{url} leaves Spanish through {outside}"
    for english in ("Save and continue", "Back to your task list", "Your packet", "Still need"):
        assert english not in without_english(main), (url, english)


def test_the_packet_start_page_and_its_form_are_spanish(patient: Client) -> None:
    page = patient.get("/es/packet/")
    assertContains(page, "Arme su paquete")
    assertContains(page, 'action="/es/packet/"')
    response = patient.post("/es/packet/")
    assert response["Location"] == "/es/packet/"
    assertContains(patient.get("/es/packet/"), "Su paquete")


def test_saving_a_group_without_javascript_moves_on_in_spanish(full) -> None:
    client, _packet = full
    response = client.post(
        "/es/packet/records/plan/",
        {
            "treatment-plan-status": "have",
            "treatment-plan-note": "En la carpeta azul",
            "trial-details-status": "na",
            "trial-details-note": "",
        },
    )
    assert response["Location"].startswith("/es/packet/records/")
    assertContains(client.get("/es/packet/check/"), "En la carpeta azul")


def test_an_item_saved_without_javascript_says_so_in_spanish(full) -> None:
    client, _packet = full
    response = client.post("/es/packet/items/medicines/", {"status": "have", "note": "Lista"})
    assert response["Location"] == "/es/packet/records/health/#item-medicines"
    assertContains(client.get(response["Location"]), "Guardado: Lista de medicinas.")


def test_the_autosave_announces_in_spanish(full) -> None:
    client, _packet = full
    response = client.post(
        "/es/packet/items/medicines/",
        {"medicines-status": "have", "medicines-note": "Nota nueva"},
        **HX,
    )
    assertContains(response, "Guardado: Lista de medicinas, Ya lo tengo.")
    assertContains(response, '<span class="saved-flag">Guardado</span>')


def test_a_refused_autosave_says_why_in_spanish(full) -> None:
    client, _packet = full
    response = client.post(
        "/es/packet/items/medicines/",
        {"medicines-status": "have", "medicines-note": "x" * 501},
        **HX,
    )
    assert response["X-Autosave"] == "refused"
    assertContains(response, "No se guardó: Lista de medicinas.")
    assertContains(response, "Nota debe tener 500 letras y signos o menos. Ahora tiene 501.")


def test_a_refused_note_without_javascript_comes_back_in_spanish(full) -> None:
    client, _packet = full
    response = client.post(
        "/es/packet/records/health/",
        {
            "medicines-status": "have",
            "medicines-note": "y" * 501,
            "conditions-status": "bogus",
            "conditions-note": "",
            "blood-tests-status": "need",
            "blood-tests-note": "",
        },
        follow=True,
    )
    assert response.status_code == 200
    assertContains(response, "Hay un problema")
    assertContains(response, "Elija en qué punto está con esto.")
    assertContains(response, "<title>Error:")
    assertContains(response, "y" * 501)


def test_a_bad_date_is_refused_in_spanish(full) -> None:
    client, _packet = full

    def details(month: str, day: str, year: str):
        parts = {"date_of_birth_month": month, "date_of_birth_day": day}
        return client.post(
            "/es/packet/details/", {**parts, "date_of_birth_year": year}, follow=True
        )

    response = details("31", "31", "1961")
    assertContains(response, "Fecha de nacimiento debe ser una fecha real.")
    assertContains(response, "Por ejemplo, 3 14 1961")
    assertContains(response, '<label for="id_date_of_birth_0">Mes</label>')
    assertContains(details("3", "", "1961"), "Fecha de nacimiento debe incluir el día.")
    assertContains(details("3", "14", "61"), "El año debe tener 4 números, por ejemplo 1961.")
    assertContains(
        details("3", "14", "2090"), "Fecha de nacimiento debe ser hoy o una fecha pasada."
    )
    response = client.post(
        "/es/packet/insurance/",
        {"call_date_month": "1", "call_date_day": "1", "call_date_year": "2001"},
        follow=True,
    )
    assertContains(response, "Fecha de la llamada no puede ser de hace más de un año.")


def test_saved_details_flash_and_redirect_in_spanish(full) -> None:
    client, _packet = full
    response = client.post("/es/packet/details/", {"name": "Ana"})
    assert response["Location"] == "/es/packet/letter/"
    assertContains(client.get(response["Location"]), "Sus datos se guardaron.")


def test_the_scripts_get_their_words_from_the_page(full) -> None:
    client, _packet = full
    page = client.get("/es/packet/records/health/")
    assertContains(page, 'data-left-many="Le quedan {n} letras y signos."')
    assertContains(page, 'data-failed="Lo sentimos, no se guardó. Por favor, pruebe otra vez."')
    english = client.get("/packet/records/health/")
    assertContains(english, 'data-left-many="You have {n} characters left."')


def test_the_insurance_page_offers_an_interpreter_and_the_english_words(full) -> None:
    client, _packet = full
    page = client.get("/es/packet/insurance/")
    assertContains(page, "pida un intérprete")
    assertContains(page, "Muchas aseguradoras ofrecen ayuda gratis en español.")
    assertContains(page, "¿Mi plan cubre una segunda opinión? ¿Cuánto voy a pagar?")
    # The English words, for a call in English, marked as English.
    assertContains(page, '<div lang="en">')
    assertContains(page, "Is a second opinion covered by my plan? How much will I pay?")
    assertNotContains(client.get("/packet/insurance/"), "interpreter")


# --- Plain Spanish -----------------------------------------------------------------


@pytest.mark.parametrize("url", SPANISH_PACKET_PAGES + OTHER_SPANISH_PAGES)
def test_each_spanish_packet_page_reads_fairly_easy(full, url: str) -> None:
    client, _packet = full
    html = client.get(url).content.decode()
    ease, szigriszt = spanish_reading(html)
    print(f"READING {url} Fernández-Huerta {ease:.1f} INFLESZ {szigriszt:.1f}")
    assert ease >= FAIRLY_EASY, f"{url} reads at Fernández-Huerta {ease:.1f}"


# --- The letter ------------------------------------------------------------------


def letter_texts(packet: Packet) -> tuple[list[str], list[str]]:
    letters = presenters.letters(packet, date(2026, 11, 29))
    return [letter.text() for letter in letters], [
        letter.own.text() for letter in letters if letter.own
    ]


def test_the_letter_to_send_is_the_english_letter_whatever_the_page(db) -> None:
    packet = full_packet(letter_language="es")
    english_only = full_packet(letter_language="en")
    with translation.override("en"):
        reference, none = letter_texts(english_only)
    assert none == []
    with translation.override("es"):
        to_send, for_me = letter_texts(packet)
    assert to_send == reference
    assert "Request to send an electronic copy of my health records" in to_send[0]
    assert "November 29, 2026" in to_send[0]
    assert "Pido enviar una copia electrónica de mis registros médicos" in for_me[0]
    assert "29 de noviembre de 2026" in for_me[0]
    assert "14 de marzo de 1961" in for_me[0]


def test_neither_letter_speaks_to_the_patient(db) -> None:
    packet = full_packet(letter_language="es", had_surgery="yes")
    packet.entries.update(status="need")
    with translation.override("es"):
        to_send, for_me = letter_texts(packet)
    assert len(to_send) == 3 and len(for_me) == 3
    for text in to_send:
        plain = text.replace("Thank you.", "")  # a courtesy to the office
        assert not SECOND_PERSON_EN.search(plain), SECOND_PERSON_EN.search(plain)
        assert " my " in text
    for text in for_me:
        assert not SECOND_PERSON_ES.search(text), SECOND_PERSON_ES.search(text)
        assert re.search(r"\b(mi|mis|me)\b", text)


def test_without_a_choice_spanish_pages_suggest_both_and_english_pages_english(full) -> None:
    client, _packet = full
    spanish = client.get("/es/packet/letter/").content.decode()
    assert re.search(r'value="es"[^>]*checked', spanish)
    english = client.get("/packet/letter/").content.decode()
    assert re.search(r'value="en"[^>]*checked', english)
    assert "Para usted" not in english


def test_the_spanish_letter_page_shows_the_english_letter_then_the_spanish_one(full) -> None:
    client, packet = full
    client.post(
        "/es/packet/letter/",
        {"delivery": "center", "record_format": "electronic", "letter_language": "es"},
    )
    packet.refresh_from_db()
    assert packet.letter_language == "es"
    html = client.get("/es/packet/letter/").content.decode()
    english = html.index("Request to send an electronic copy of my health records")
    own = html.index("Para que usted lo lea, en español: Carta a la oficina de registros médicos")
    spanish = html.index("Pido enviar una copia electrónica de mis registros médicos")
    assert english < own < spanish
    assert 'class="letter" lang="en"' in html
    assert 'class="letter" lang="es"' in html
    # Printed from the browser, only the English letter prints.
    assert 'class="letter-own no-print"' in html
    assert "No envíe esta copia." in html


def test_english_chosen_shows_the_english_letter_alone_on_a_spanish_page(full) -> None:
    client, _packet = full
    client.post("/es/packet/letter/", {"letter_language": "en"})
    html = client.get("/es/packet/letter/").content.decode()
    assert "Dear records team," in html and "health records" in html
    assert "Para usted" not in html
    assert "Pido enviar" not in html


def test_the_english_letter_page_is_unchanged_with_english_chosen(full) -> None:
    client, _packet = full
    before = client.get("/packet/letter/").content.decode()
    client.post(
        "/packet/letter/",
        {
            "had_surgery": "yes",
            "delivery": "center",
            "record_format": "electronic",
            "imaging_format": "link",
            "letter_language": "en",
        },
    )
    after = client.get("/packet/letter/").content.decode()
    letters = re.compile(r'<section class="letter-print".*?</section>', re.DOTALL)
    assert letters.findall(before) == letters.findall(after)
    assert "Dear records team," in after


def test_the_print_stylesheet_hides_the_spanish_version() -> None:
    from django.contrib.staticfiles import finders

    css = Path(finders.find("css/print.css")).read_text(encoding="utf-8")
    assert ".letter-own { display: none !important; }" in css
    assert "body:has(.letter-print) main .wrap > :not(.letter-print)" in css


# --- The PDF in Spanish ----------------------------------------------------------


def pdf_pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_spanish_pdf_is_spanish_with_the_english_letter_first(full) -> None:
    client, _packet = full
    response = client.get("/es/packet/packet.pdf")
    assert response.status_code == 200
    pages = pdf_pages(response.content)
    text = flat("\n".join(pages))
    today = long_date_es(timezone.localdate())
    for words in [
        "Mi paquete para la segunda opinión",
        "Esto no es un consejo médico.",
        "Lo que va a revisar el equipo",
        "Mi lista de registros",
        "Informe de patología: Me falta",
        "Mis preguntas para hacer",
        "Mi llamada al seguro",
        "Puedo pedir un intérprete.",
        "Si las dos opiniones no son iguales",
        "Palabras de mi paquete",
        "Patólogo:",
        "Hable con alguien",
        "Página 1 de",
        f"Página {len(pages)} de {len(pages)}",
        "Segunda Opinión. Información, no consejos médicos.",
        "14 de marzo de 1961",
        "14 de marzo de 2027",
        "20 de noviembre de 2026",
        f"(hecho el {today})",
    ]:
        assert words in text, words
    assert "Page 1 of" not in text
    # The letters are PDFs of their own: the packet lists them, in Spanish.
    assert "Cartas para pedir mis registros" in text
    assert (
        "Carta a la oficina de registros médicos (en inglés para enviar, con una copia en "
        "español para leerla yo). Pide:"
    ) in text
    for words in ["Request for copies of my health records", "Pido copias", "Dear records team"]:
        assert words not in text, words


def long_date_es(day: date) -> str:
    with translation.override("es"):
        return long_date(day)


def test_the_spanish_pdf_keeps_the_page_limits(full) -> None:
    client, packet = full
    content = client.get("/es/packet/packet.pdf").content
    reader = PdfReader(io.BytesIO(content))
    # Page images to look at: screenshots/pdf-es-*.png.
    SCREENSHOTS.mkdir(exist_ok=True)
    target = SCREENSHOTS / "pdf-es.pdf"
    target.write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", str(target), str(SCREENSHOTS / "pdf-es")], check=True
    )
    # The English packet fits six pages, and Spanish runs about a tenth longer
    # than English: one more at most (the letters are PDFs of their own).
    assert len(reader.pages) <= 7
    usable = LETTER_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN
    for number, page in enumerate(reader.pages[:-1], start=1):
        body = [top for _text, _size, top in text_runs(page) if top < LETTER_HEIGHT - BOTTOM_MARGIN]
        filled_share = (max(body) - TOP_MARGIN) / usable
        assert filled_share >= 0.25, (number, filled_share)
    for _text, size, _top in (run for page in reader.pages for run in text_runs(page)):
        assert size >= 10.9
    SCREENSHOTS.mkdir(exist_ok=True)
    target = SCREENSHOTS / "pdf-es.pdf"
    target.write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", str(target), str(SCREENSHOTS / "pdf-es")], check=True
    )
    Packet.objects.filter(pk=packet.pk).update(letter_language="en")
    packet.touch()
    english_letter_only = client.get("/es/packet/packet.pdf").content
    assert len(PdfReader(io.BytesIO(english_letter_only)).pages) <= 6
    assert "copia en español" not in flat(pdf_text(english_letter_only))


def test_the_spanish_pdf_reads_fairly_easy(full) -> None:
    client, _packet = full
    pages = pdf_pages(client.get("/es/packet/packet.pdf").content)
    # The English letter is for the office, not Spanish to grade.
    spanish = [page for page in pages if "Dear records team," not in page]
    ease = fernandez_huerta("\n".join(spanish))
    print(
        f"READING /es/packet/packet.pdf Fernández-Huerta {ease:.1f} INFLESZ "
        f"{inflesz(chr(10).join(spanish)):.1f}"
    )
    assert ease >= FAIRLY_EASY


def test_the_english_pdf_is_unchanged_by_a_spanish_choice_of_letter_default(full) -> None:
    client, _packet = full
    text = flat(pdf_text(client.get("/packet/packet.pdf").content))
    assert "Page 1 of" in text
    assert "Second Opinion. Information, not medical advice." in text
    assert "copy in Spanish" not in text
    assert "March 14, 1961" in text


def test_the_blank_checklist_in_spanish(client: Client, db) -> None:
    response = client.get("/es/checklist.pdf")
    assert response.status_code == 200
    text = flat(pdf_text(response.content))
    for words in [
        "Lista de registros para una segunda opinión",
        "Me falta",
        "Ya lo pedí",
        "Informe de patología",
        "Página 1 de",
        f"Impreso desde Segunda Opinión el {long_date_es(timezone.localdate())}.",
    ]:
        assert words in text, words
    english = flat(pdf_text(client.get("/checklist.pdf").content))
    assert "Records checklist for a second opinion" in english and "Page 1 of" in english


# --- The cache knows the language --------------------------------------------------


def test_each_language_has_its_own_etag_and_cached_pdf(full) -> None:
    client, _packet = full
    english = client.get("/packet/packet.pdf")
    spanish = client.get("/es/packet/packet.pdf")
    assert english["ETag"] != spanish["ETag"]
    assert "Mi paquete" in pdf_text(spanish.content)
    with mock.patch.object(pdf, "render_pdf", side_effect=AssertionError("rendered again")):
        again_en = client.get("/packet/packet.pdf")
        again_es = client.get("/es/packet/packet.pdf")
    assert "My second opinion packet" in pdf_text(again_en.content)
    assert "Mi paquete" in pdf_text(again_es.content)
    # A Spanish browser holding the English copy's tag gets the Spanish PDF, not a 304.
    crossed = client.get("/es/packet/packet.pdf", headers={"if-none-match": english["ETag"]})
    assert crossed.status_code == 200
    assert "Mi paquete" in pdf_text(crossed.content)


def test_the_blank_checklist_is_cached_per_language(client: Client, db) -> None:
    english = client.get("/checklist.pdf")
    spanish = client.get("/es/checklist.pdf")
    assert english["ETag"] != spanish["ETag"]
    with mock.patch.object(pdf, "render_pdf", side_effect=AssertionError("rendered again")):
        assert "Lista de registros" in pdf_text(client.get("/es/checklist.pdf").content)
        assert "Records checklist" in pdf_text(client.get("/checklist.pdf").content)


def test_deleting_forgets_the_pdfs_of_both_languages(full) -> None:
    from printing import cache as pdf_cache

    client, packet = full
    client.get("/packet/packet.pdf")
    client.get("/es/packet/packet.pdf")
    keys = [pdf_cache.packet_key(packet.pk, "letter", lang) for lang in ("en", "es")]
    assert all(cache.get(key) for key in keys)
    client.post("/es/packet/delete/")
    assert not any(cache.get(key) for key in keys)


def test_purging_an_idle_packet_forgets_its_pdfs(full) -> None:
    """purge_packets deletes packets; printing forgets their PDFs as each goes."""
    from django.core.management import call_command

    from packets.models import Packet
    from printing import cache as pdf_cache

    client, packet = full
    client.get("/packet/packet.pdf")
    client.get("/es/packet/packet.pdf")
    keys = [pdf_cache.packet_key(packet.pk, "letter", lang) for lang in ("en", "es")]
    assert all(cache.get(key) for key in keys)
    Packet.objects.filter(pk=packet.pk).update(updated_at=timezone.now() - timedelta(days=30))
    call_command("purge_packets", stdout=io.StringIO())
    assert not Packet.objects.filter(pk=packet.pk).exists()
    assert not any(cache.get(key) for key in keys)


def test_the_details_name_in_the_factory_reaches_the_spanish_pdf(full) -> None:
    client, _packet = full
    assert DETAILS["name"] in pdf_text(client.get("/es/packet/packet.pdf").content)


def test_the_task_list_headings_and_counts_are_spanish(full) -> None:
    """They were passed to gettext under an alias the extractor never saw."""
    client, _packet = full
    page = client.get("/es/packet/")
    for words in ("Antes de empezar", "Prepárese para la cita", " listos", " elegidas"):
        assertContains(page, words)
    for words in ("Before you start", "Get ready for the visit", " ready<", " chosen<"):
        assertNotContains(page, words)
