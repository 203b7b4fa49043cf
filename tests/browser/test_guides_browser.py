"""The guides in a real Chromium: accessible, keyboard friendly, self-contained."""

import pytest
from playwright.sync_api import Page

from guides import content
from tests.browser.conftest import assert_no_axe_violations, screenshot

pytestmark = pytest.mark.browser

PAGES = [
    ("home", "/"),
    ("guides", "/guides/"),
    ("glossary", "/glossary/"),
    ("search", "/search/?q=insurance"),
    ("sources", "/sources/"),
    ("how-this-was-made", "/how-this-was-made/"),
    ("not-found", "/no-such-page/"),
    *[(f"guide-{g.slug}", f"/guides/{g.slug}/") for g in content.guide_files()],
]


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_page_has_no_accessibility_violations(page: Page, site: str, name: str, path: str) -> None:
    foreign: list[str] = []
    page.on(
        "request",
        lambda request: None if request.url.startswith(site) else foreign.append(request.url),
    )
    response = page.goto(site + path)
    assert response is not None
    assert response.status == (404 if name == "not-found" else 200)
    assert_no_axe_violations(page)
    screenshot(page, name)
    assert foreign == [], "the page asked another host for something"


def test_skip_link_moves_focus_to_the_main_content(page: Page, site: str) -> None:
    page.goto(site + "/guides/what-is-a-second-opinion/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_glossary_link_jumps_to_its_definition_without_javascript(
    page_without_js: Page, site: str
) -> None:
    page = page_without_js
    page.goto(site + "/guides/what-is-a-second-opinion/")
    page.locator('a[href="/glossary/#pathology-report"]').first.click()
    page.wait_for_url("**/glossary/#pathology-report")
    assert page.locator("#pathology-report").is_visible()


def test_search_works_from_the_header_by_keyboard(page: Page, site: str) -> None:
    page.goto(site + "/")
    page.get_by_role("searchbox", name="Search").first.fill("insurance")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=insurance")
    assert page.locator(".search-results a").first.get_attribute("href") == "/guides/who-pays/"


def test_page_fits_a_320_pixel_screen(page: Page, site: str) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    for path in [
        "/",
        "/guides/who-should-consider-one/",
        "/glossary/",
        "/sources/",
        "/how-this-was-made/",
        "/guides/paying-and-appeals/",
    ]:
        page.goto(site + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways at 320 px"


def test_shipped_font_is_used(page: Page, site: str) -> None:
    page.goto(site + "/guides/")
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px \"Atkinson Hyperlegible\"')")
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    )
    assert any("Atkinson" in family for family in loaded)


def test_search_count_matches_the_results_a_reader_sees(page: Page, site: str) -> None:
    page.goto(site + "/search/?q=cancer")
    said = int(page.locator(".search-count").inner_text().split()[0])
    assert said == page.locator(".search-results > li").count() > 1
    assert page.title().startswith(f"{said} results for")


def test_helpline_numbers_are_phone_links_on_a_phone(phone: Page, site: str) -> None:
    page = phone
    page.goto(site + "/")
    helplines = page.get_by_role("region", name="Talk to someone")
    assert helplines.is_visible()
    links = helplines.locator('a[href^="tel:"]')
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        "tel:+18004226237",
        "tel:+18002272345",
    ]
