"""A browser whose first language is Spanish is offered the Spanish page;
nothing switches by itself, and without JavaScript the header link is there."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import assert_no_axe_violations, new_phone

pytestmark = pytest.mark.browser


@pytest.fixture
def spanish_phone(browser: Browser) -> Iterator[Page]:
    page = new_phone(browser, locale="es-US")
    yield page
    page.context.close()


def test_spanish_browser_is_offered_spanish_and_follows_it(spanish_phone: Page, site: str) -> None:
    page = spanish_phone
    page.goto(site + "/guides/")
    assert page.url == site + "/guides/"  # no redirect
    assert page.locator("html").get_attribute("lang") == "en"
    offer = page.locator("#language-offer")
    expect(offer).to_be_visible()
    assert_no_axe_violations(page)
    offer.get_by_role("link").click()
    page.wait_for_url(site + "/es/guides/")
    assert page.locator("html").get_attribute("lang") == "es"
    expect(page.locator("#language-offer")).to_have_count(0)
    # And back: the header names the other language in its own words.
    page.get_by_role("link", name="English", exact=True).click()
    page.wait_for_url(site + "/guides/")


def test_english_browser_sees_no_offer(page: Page, site: str) -> None:
    page.goto(site + "/guides/")
    expect(page.locator("#language-offer")).to_be_hidden()
    expect(page.get_by_role("link", name="Español", exact=True)).to_be_visible()


def test_without_javascript_the_header_link_is_the_way(browser: Browser, site: str) -> None:
    page = new_phone(browser, locale="es-US", javascript=False)
    try:
        page.goto(site + "/")
        expect(page.locator("#language-offer")).to_be_hidden()
        page.get_by_role("link", name="Español", exact=True).click()
        page.wait_for_url(site + "/es/")
        assert page.locator("html").get_attribute("lang") == "es"
    finally:
        page.context.close()
