"""A PDF no worker takes: the "Making your PDF" page says so, with and
without JavaScript, and Try again makes it (printing/views.py)."""

from pathlib import Path

import pytest
from django.test import override_settings
from playwright.sync_api import Page

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_packet_browser import start
from tests.printing.test_packet_pdf import pdf_text
from tests.printing.test_pdf_workers import QUEUED

pytestmark = pytest.mark.browser


def try_again(page: Page, tmp_path: Path) -> str:
    with page.expect_download() as info:
        page.get_by_role("link", name="Try again").click()
    assert info.value.suggested_filename == "second-opinion-packet.pdf"
    target = tmp_path / "packet.pdf"
    info.value.save_as(target)
    return pdf_text(target.read_bytes())


@QUEUED
@override_settings(PDF_QUEUE_PATIENCE_SECONDS=1)
def test_with_javascript_the_wait_says_so_and_try_again_downloads(
    phone: Page, site: str, tmp_path: Path
) -> None:
    page = phone
    start(page, site)
    page.goto(site + "/packet/packet.pdf")
    page.get_by_role("heading", name="Making your PDF").wait_for()
    # No worker runs here: the next poll brings the message in.
    page.get_by_role("status").filter(has_text="This is taking longer than usual.").wait_for()
    assert_no_axe_violations(page)
    assert "Second Opinion" in try_again(page, tmp_path)


@QUEUED
@override_settings(PDF_QUEUE_PATIENCE_SECONDS=0)
def test_without_javascript_check_again_leads_to_the_same_message(
    phone_without_js: Page, site: str, tmp_path: Path
) -> None:
    page = phone_without_js
    start(page, site)
    page.goto(site + "/packet/packet.pdf")
    page.get_by_role("link", name="Check again").click()
    page.get_by_text("This is taking longer than usual.").wait_for()
    # (axe runs in the page's JavaScript: the test above checks the same markup.)
    assert "Second Opinion" in try_again(page, tmp_path)
