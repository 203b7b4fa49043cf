"""The Spanish guides in a real Chromium at phone width, with and without JavaScript."""

import pytest
from playwright.sync_api import Page

from guides import content
from tests.browser.conftest import PHONE, assert_no_axe_violations, screenshot

pytestmark = pytest.mark.browser

SPANISH = content.translated_guide_files("es")
PAGES = [
    ("es-guides", "/es/guides/"),
    ("es-glossary", "/es/glossary/"),
    ("es-search", "/es/search/?q=biopsia"),
    ("es-sources", "/es/sources/"),
    ("es-how-this-was-made", "/es/how-this-was-made/"),
    *[(f"es-guide-{g.slug}", f"/es/guides/{g.slug}/") for g in SPANISH],
]


def _fits_the_phone(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_spanish_page_at_phone_width_is_accessible(phone: Page, site: str, name, path) -> None:
    response = phone.goto(site + path)
    assert response is not None and response.status == 200
    assert phone.locator("html").get_attribute("lang") == "es"
    assert _fits_the_phone(phone), f"{path} scrolls sideways at {PHONE['width']}px"
    assert_no_axe_violations(phone)
    screenshot(phone, name)


def test_spanish_word_link_opens_its_meaning_without_javascript(
    phone_without_js: Page, site: str
) -> None:
    page = phone_without_js
    page.goto(site + "/es/guides/what-is-a-second-opinion/")
    assert page.locator("html").get_attribute("lang") == "es"
    page.locator('a[href="/es/glossary/#pathology-report"]').first.click()
    page.wait_for_url("**/es/glossary/#pathology-report")
    assert page.locator("#pathology-report dt").inner_text() == "Informe de patología"


def test_spanish_guide_switches_to_its_english_version(phone_without_js: Page, site: str) -> None:
    page = phone_without_js
    page.goto(site + "/es/guides/who-pays/")
    assert page.locator("h1").inner_text() == "¿Quién paga la segunda opinión?"
    page.get_by_role("link", name="English").first.click()
    page.wait_for_url("**/guides/who-pays/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Who pays for a second opinion?"


def test_spanish_search_from_the_page_by_keyboard(phone: Page, site: str) -> None:
    phone.goto(site + "/es/search/")
    phone.get_by_label("Busque en las guías y en la lista de palabras").fill("patologo")
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/es/search/?q=patologo")
    assert "resultado" in phone.locator(".search-count").inner_text()
    assert phone.locator('a[href="/es/glossary/#pathologist"]').count() >= 1
