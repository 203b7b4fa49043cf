"""Playwright for Python driving Debian's Chromium (/usr/bin/chromium), never a download."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in the test thread;
# Django's ORM calls made by the test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# A common phone's viewport (iPhone 12 to 14), and a laptop's.
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}
WIDTHS = {"phone": PHONE["width"], "desktop": LAPTOP["width"]}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        # Never skipped: CI counts a skipped browser test as a failure anyway.
        pytest.fail(f"Chromium not found at {CHROMIUM}; `make test` installs Debian's chromium.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def new_page(
    browser: Browser, *, javascript: bool = True, size: dict = LAPTOP, locale: str | None = None
) -> Page:
    """A page in a context of its own (cookies included); close it with page.context.close()."""
    options = {"locale": locale} if locale else {}
    context = browser.new_context(java_script_enabled=javascript, viewport=size, **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def new_phone(browser: Browser, *, javascript: bool = True, locale: str | None = None) -> Page:
    """A page the size of a phone's screen, as every phone test uses."""
    return new_page(browser, javascript=javascript, size=PHONE, locale=locale)


def _closed_after(page: Page) -> Iterator[Page]:
    """Hand the page to the test, then close its context (cookies and all)."""
    yield page
    page.context.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    yield from _closed_after(new_page(browser))


@pytest.fixture
def page_without_js(browser: Browser) -> Iterator[Page]:
    yield from _closed_after(new_page(browser, javascript=False))


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    yield from _closed_after(new_phone(browser))


@pytest.fixture
def phone_without_js(browser: Browser) -> Iterator[Page]:
    yield from _closed_after(new_phone(browser, javascript=False))


@pytest.fixture
def site(live_server, guides_loaded) -> str:
    """The live site's base URL, with the shipped guides in its database."""
    return live_server.url


_axe = Axe()


def assert_no_axe_violations(page: Page) -> None:
    """axe-core, WCAG 2.2 AA rules: not one violation on the page as it stands."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def screenshot(page: Page, name: str) -> None:
    """Full-page screenshots at phone and desktop widths, into screenshots/ (git-ignored)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    original = page.viewport_size
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOTS / f"{name}-{label}.png", full_page=True)
    if original:
        page.set_viewport_size(original)


def assert_nothing_from_other_hosts(page: Page, base_url: str, visit) -> None:
    hosts: list[str] = []
    page.on("request", lambda request: hosts.append(request.url))
    visit()
    foreign = [url for url in hosts if not url.startswith(base_url) and not url.startswith("data:")]
    assert foreign == []
