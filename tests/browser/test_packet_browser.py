"""Building a packet in Chromium by keyboard, and the PDF it downloads."""

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import SCREENSHOTS, assert_no_axe_violations, screenshot
from tests.browser.keyboard import tab_to

pytestmark = pytest.mark.browser


def set_item_by_keyboard(page: Page, key: str, steps: int, note: str) -> None:
    tab_to(page, f'#item-{key} input[name="status"]')
    for _ in range(steps):
        page.keyboard.press("ArrowRight")
    tab_to(page, f"#note-{key}")
    page.keyboard.type(note)
    tab_to(page, f'#item-{key} button[type="submit"]')
    page.keyboard.press("Enter")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_build_a_packet_by_keyboard_and_download_the_pdf(
    page: Page, page_without_js: Page, site: str, javascript: bool, tmp_path: Path
) -> None:
    tab = page if javascript else page_without_js
    tab.goto(site + "/packet/")
    tab_to(tab, "button.button-start")
    tab.keyboard.press("Enter")
    tab.get_by_role("heading", name="Your packet", exact=True).wait_for()
    set_item_by_keyboard(tab, "pathology-report", 2, "In my blue folder")
    tab.locator("#item-pathology-report .saved-flag" if javascript else ".messages").wait_for()
    if javascript:
        assert tab.get_by_role("status").filter(has_text="Saved: Pathology report").count() == 1
        tab.wait_for_function("() => document.activeElement.closest('#item-pathology-report')")
        assert "1 of 16 records ready" in tab.locator("#progress h2").inner_text()
    set_item_by_keyboard(tab, "imaging-disc", 1, "Asked radiology")
    tab.wait_for_load_state()
    tab.locator("#item-imaging-disc textarea").filter(has_text="Asked radiology").wait_for()
    tab.goto(site + "/packet/")
    assert tab.locator("#status-pathology-report-have").is_checked()
    assert tab.locator("#status-imaging-disc-asked").is_checked()
    with tab.expect_download() as download_info:
        tab.get_by_role("link", name="Download PDF (US Letter)").click()
    target = tmp_path / "packet.pdf"
    download_info.value.save_as(target)
    assert target.read_bytes().startswith(b"%PDF")
    from tests.test_packet_pdf import pdf_text

    text = pdf_text(target.read_bytes())
    assert "In my blue folder" in text and "Asked radiology" in text
    # Page images, to look at: screenshots/pdf-*.png.
    SCREENSHOTS.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(target), str(SCREENSHOTS / "pdf-packet")],
        check=True,
    )
    assert (SCREENSHOTS / "pdf-packet-1.png").exists()


def test_packet_pages_have_no_accessibility_violations(page: Page, site: str) -> None:
    page.goto(site + "/packet/")
    assert_no_axe_violations(page)
    screenshot(page, "packet-start")
    page.get_by_role("button", name="Start my packet").click()
    page.get_by_role("heading", name="Your packet", exact=True).wait_for()
    assert_no_axe_violations(page)
    screenshot(page, "packet")
    page.locator("#note-medicines").fill("x" * 501)
    page.locator("#item-medicines button[type=submit]").click()
    page.locator("#item-medicines .error-summary").wait_for()
    assert_no_axe_violations(page)
    for path, name in [
        ("/packet/questions/", "packet-questions"),
        ("/packet/details/", "packet-details"),
        ("/packet/letter/", "packet-letter"),
        ("/packet/delete/", "packet-delete"),
    ]:
        page.goto(site + path)
        assert_no_axe_violations(page)
        screenshot(page, name)
    page.goto(site + "/packet/details/")
    page.get_by_label("Type of cancer").fill("Lymphoma")
    page.get_by_role("button", name="Save details").click()
    page.get_by_text("Your details were saved.").wait_for()
    assert_no_axe_violations(page)  # the packet page with its "saved" message
    page.goto(site + "/packet/details/")
    page.get_by_label("Appointment date").fill("2020-01-01")
    page.get_by_role("button", name="Save details").click()
    page.get_by_text("There is a problem").wait_for()
    assert_no_axe_violations(page)
    page.goto(site + "/packet/delete/")
    page.get_by_role("button", name="Yes, delete my packet").click()
    page.get_by_role("heading", name="Your packet was deleted").wait_for()
    assert_no_axe_violations(page)
