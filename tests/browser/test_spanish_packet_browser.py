"""The packet in Spanish in Chromium at phone width, with and without JavaScript.

A patient starts from /es/packet/, changes an item and a note (autosave with
JavaScript, "Guardar y continuar" without), chooses the letter in Spanish and
English, checks the packet and downloads the PDF, which is read back.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import assert_no_axe_violations, screenshot
from tests.printing.test_packet_pdf import pdf_text

pytestmark = pytest.mark.browser


def is_spanish(page: Page) -> None:
    assert page.locator("html").get_attribute("lang") == "es", page.url
    assert "/es/" in page.url, page.url


def start(page: Page, site: str) -> None:
    page.goto(site + "/es/packet/")
    is_spanish(page)
    page.get_by_role("button", name="Empezar mi paquete").click()
    page.get_by_role("heading", name="Su paquete", exact=True).wait_for()
    is_spanish(page)


def choose_both_languages(page: Page) -> None:
    page.get_by_role("link", name="Cartas para pedir sus registros").click()
    page.get_by_role("heading", name="Cartas para pedir sus registros").wait_for()
    is_spanish(page)
    # Suggested on a Spanish page, before anything is saved.
    assert page.get_by_label(
        "En inglés para enviar, y una copia en español para leerla yo"
    ).is_checked()
    page.get_by_label("Enviarlos a mí").check()
    page.get_by_role("button", name="Guardar y continuar").click()
    # Next come the records requests, then the insurance call.
    page.get_by_role("heading", name="Siga sus solicitudes de registros", level=1).wait_for()
    is_spanish(page)
    page.get_by_role("link", name="Siguiente: llame a su seguro médico").click()
    page.get_by_role("heading", name="Llame a su seguro médico").wait_for()
    is_spanish(page)
    assert "pida un intérprete" in page.locator("main").inner_text()
    page.get_by_role("link", name="Volver a su lista de tareas").first.click()
    page.get_by_role("heading", name="Su paquete", exact=True).wait_for()


def download(page: Page, tmp_path: Path) -> str:
    page.get_by_role("link", name="Revise su paquete y descárguelo").click()
    page.get_by_role("heading", name="Revise su paquete").wait_for()
    is_spanish(page)
    with page.expect_download() as info:
        page.get_by_role("link", name="Descargar PDF (tamaño carta)").click()
    target = tmp_path / "paquete.pdf"
    info.value.save_as(target)
    return " ".join(pdf_text(target.read_bytes()).split())


def assert_spanish_pdf(text: str, note: str, status_line: str) -> None:
    for words in [
        "Mi paquete para la segunda opinión",
        "Página 1 de",
        status_line,
        note,
        # The letters are PDFs of their own: the packet lists them.
        "Cartas para pedir mis registros",
        "Carta a la oficina de registros médicos (en inglés para enviar, con una copia "
        "en español para leerla yo). Pide:",
    ]:
        assert words in text, words
    assert "Request for copies" not in text and "Pido copias" not in text


def test_with_javascript_a_change_saves_itself_in_spanish(
    phone: Page, site: str, tmp_path: Path
) -> None:
    page = phone
    start(page, site)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Patología: cómo se ve el cáncer en el microscopio").click()
    is_spanish(page)
    page.locator("#status-pathology-report-have").check()
    page.get_by_role("status").filter(
        has_text="Guardado: Informe de patología, Ya lo tengo."
    ).wait_for()
    page.locator("#note-pathology-report").fill("En mi carpeta azul")
    page.locator("#item-pathology-report-message").filter(has_text="Guardado").wait_for()
    assert (
        "Le quedan 482 letras y signos."
        in page.locator("#note-pathology-report-count").inner_text()
    )
    assert_no_axe_violations(page)
    screenshot(page, "es-packet-records-js")
    page.get_by_role("link", name="Volver a su lista de tareas").first.click()
    page.get_by_role("heading", name="Su paquete", exact=True).wait_for()
    assert "En curso" in page.locator("#task-records-pathology").inner_text()
    choose_both_languages(page)
    page.get_by_role("link", name="Cartas para pedir sus registros").click()
    assert_no_axe_violations(page)
    screenshot(page, "es-packet-letter-js")
    page.get_by_role("link", name="Volver a su lista de tareas").first.click()
    page.get_by_role("link", name="Llame a su seguro médico").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Volver a su lista de tareas").first.click()
    text = download(page, tmp_path)
    assert_no_axe_violations(page)
    assert_spanish_pdf(text, "En mi carpeta azul", "Informe de patología: Ya lo tengo")


def test_without_javascript_guardar_y_continuar_saves_the_page(
    phone_without_js: Page, site: str, tmp_path: Path
) -> None:
    page = phone_without_js
    start(page, site)
    page.get_by_role("link", name="Estadio: cuánto se ha extendido el cáncer").click()
    is_spanish(page)
    page.locator("#status-imaging-disc-asked").check()
    page.locator("#note-imaging-disc").fill("Lo pedí en radiología el lunes")
    page.get_by_role("button", name="Guardar y continuar").click()
    page.get_by_role("heading", name="Salud en general").wait_for()
    is_spanish(page)
    page.get_by_role("link", name="Volver a su lista de tareas").first.click()
    choose_both_languages(page)
    text = download(page, tmp_path)
    assert_spanish_pdf(
        text, "Lo pedí en radiología el lunes", "Las imágenes de los estudios: Ya lo pedí"
    )


def test_a_bad_date_without_javascript_is_explained_in_spanish(
    phone_without_js: Page, site: str
) -> None:
    page = phone_without_js
    start(page, site)
    page.get_by_role("link", name="Sus datos para la carta").click()
    born = page.get_by_role("group", name="Fecha de nacimiento")
    born.get_by_label("Mes").fill("3")
    born.get_by_label("Día").fill("14")
    born.get_by_label("Año").fill("61")
    page.get_by_role("button", name="Guardar y continuar").click()
    page.get_by_role("heading", name="Hay un problema").wait_for()
    is_spanish(page)
    assert "El año debe tener 4 números, por ejemplo 1961." in page.locator("main").inner_text()
    # Without JavaScript too, the summary has the focus (autofocus).
    assert page.evaluate("() => document.activeElement.className") == "error-summary"
