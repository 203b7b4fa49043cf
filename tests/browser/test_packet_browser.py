"""The packet in Chromium at phone width: nothing lost, with or without JavaScript."""

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import (
    PHONE,
    SCREENSHOTS,
    assert_no_axe_violations,
    screenshot,
)
from tests.printing.test_packet_pdf import pdf_text

pytestmark = pytest.mark.browser


def start(page: Page, site: str) -> None:
    page.goto(site + "/packet/")
    page.get_by_role("button", name="Start my packet").click()
    page.get_by_role("heading", name="Your packet", exact=True).wait_for()


def download(page: Page, tmp_path: Path) -> str:
    page.get_by_role("link", name="Check your packet and download it").click()
    page.get_by_role("heading", name="Check your packet").wait_for()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download PDF (US Letter)").click()
    target = tmp_path / "packet.pdf"
    info.value.save_as(target)
    return pdf_text(target.read_bytes())


def test_with_javascript_a_change_saves_itself(phone: Page, site: str, tmp_path: Path) -> None:
    page = phone
    start(page, site)
    page.get_by_role(
        "link", name="Pathology: what the cancer looks like under a microscope"
    ).click()
    page.locator("#status-pathology-report-have").check()
    page.get_by_role("status").filter(has_text="Saved: Pathology report, Have it.").wait_for()
    page.locator("#note-pathology-report").fill("In my blue folder")
    page.locator("#item-pathology-report-message").filter(has_text="Saved").wait_for()
    page.get_by_role("status").filter(has_text="Saved: Pathology report, Have it.").wait_for()
    # A live count of what is left, once the patient types.
    assert (
        "You have 483 characters left." in page.locator("#note-pathology-report-count").inner_text()
    )
    # Press nothing: back to the task list and straight to the download.
    page.get_by_role("link", name="Back to your task list").first.click()
    page.get_by_role("heading", name="Your packet", exact=True).wait_for()
    assert "In progress" in page.locator("#task-records-pathology").inner_text()
    text = download(page, tmp_path)
    assert "Pathology report: Have it" in text and "In my blue folder" in text


def test_without_javascript_save_and_continue_saves_the_page(
    phone_without_js: Page, site: str, tmp_path: Path
) -> None:
    page = phone_without_js
    start(page, site)
    page.get_by_role("link", name="Stage: how far the cancer has spread").click()
    page.locator("#status-imaging-disc-asked").check()
    page.locator("#note-imaging-disc").fill("Asked radiology on Monday")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="General health").wait_for()
    page.get_by_role("link", name="Back to your task list").first.click()
    text = download(page, tmp_path)
    assert "The scan images themselves: Asked for it" in text
    assert "Asked radiology on Monday" in text


def test_leaving_with_unsaved_text_warns(phone: Page, site: str) -> None:
    page = phone
    start(page, site)
    page.goto(site + "/packet/details/")
    page.get_by_label("Full name").fill("Ana Diaz")
    dialogs: list[str] = []

    def answer(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", answer)
    page.get_by_role("link", name="Back to your task list").first.click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url.endswith("/packet/details/")
    assert page.get_by_label("Full name").input_value() == "Ana Diaz"
    # Saving clears the warning.
    page.remove_listener("dialog", answer)
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="Letters to request your records").wait_for()


def test_a_printed_letter_is_the_letter_alone(phone: Page, site: str) -> None:
    page = phone
    start(page, site)
    page.goto(site + "/packet/letter/")
    page.emulate_media(media="print")
    visible = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(el => el.checkVisibility() && el.children.length === 0
                    && el.textContent.trim())
            .map(el => el.textContent.trim())"""
    )
    text = " ".join(visible)
    assert "Request for copies of my own health records" in text
    for chrome in [
        "Skip to main content",
        "Guides",
        "Save and continue",
        "information, not medical",
    ]:
        assert chrome not in text, chrome
    assert "Back to your task list" not in text
    # Each letter on a page of its own.
    breaks = page.evaluate(
        "() => [...document.querySelectorAll('.letter-print')].map("
        "el => getComputedStyle(el).breakBefore)"
    )
    assert breaks[0] in ("auto", "") and set(breaks[1:]) <= {"page"}
    page.pdf(path=str(SCREENSHOTS / "letter-print.pdf"), format="Letter")


def test_the_printed_letter_fits_one_page(phone: Page, site: str, tmp_path: Path) -> None:
    page = phone
    start(page, site)
    page.goto(site + "/packet/details/")
    page.get_by_label("Full name").fill("Ana Diaz")
    page.get_by_role("button", name="Save and continue").click()
    # Only the office letter: mark slides and images as in hand.
    page.goto(site + "/packet/records/pathology/")
    page.locator("#status-pathology-slides-have").check()
    page.goto(site + "/packet/records/staging/")
    page.locator("#status-imaging-disc-have").check()
    page.get_by_role("button", name="Save and continue").click()
    page.goto(site + "/packet/letter/")
    target = tmp_path / "letter.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(target), format="Letter")
    from pypdf import PdfReader

    reader = PdfReader(target)
    assert len(reader.pages) == 1
    assert "Ana Diaz" in reader.pages[0].extract_text()


def test_after_add_the_questions_page_stays_where_the_patient_was(
    phone_without_js: Page, site: str
) -> None:
    page = phone_without_js
    start(page, site)
    page.goto(site + "/packet/questions/")
    page.get_by_label("Your question").fill("Can I bring my sister?")
    page.get_by_role("button", name="Add question").click()
    page.wait_for_url("**/packet/questions/#own")
    assert page.evaluate("() => window.scrollY") > 200
    assert page.locator(".my-questions li p").all_inner_texts() == ["Can I bring my sister?"]


def test_a_bad_date_is_announced(page: Page, site: str) -> None:
    start(page, site)
    page.goto(site + "/packet/details/")
    born = page.get_by_role("group", name="Date of birth")
    born.get_by_label("Month").fill("31")
    born.get_by_label("Day").fill("31")
    born.get_by_label("Year").fill("1961")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_text("There is a problem").wait_for()
    description = page.evaluate(
        """() => {
            const group = document.getElementById('id_date_of_birth');
            return group.getAttribute('aria-describedby').split(' ')
                .map(id => document.getElementById(id).textContent.trim());
        }"""
    )
    assert description[0] == "For example, 3 14 1961"
    assert description[1] == "Error: Date of birth must be a real date."
    assert born.get_by_label("Month").get_attribute("aria-invalid") == "true"
    assert page.get_by_role("alert").count() == 1
    # The summary has the focus, and its link leads to the box to fix.
    assert page.evaluate("() => document.activeElement.className") == "error-summary"
    page.get_by_role("link", name="Date of birth must be a real date.").click()
    assert page.evaluate("() => document.activeElement.name") == "date_of_birth_month"


def test_every_task_page_has_no_accessibility_violations(page: Page, site: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(site + "/packet/")
    assert_no_axe_violations(page)
    screenshot(page, "packet-start")
    page.get_by_role("button", name="Start my packet").click()
    page.get_by_role("heading", name="Your packet", exact=True).wait_for()
    assert_no_axe_violations(page)
    screenshot(page, "packet-tasks")
    for path, name in [
        ("/packet/answers/", "packet-answers"),
        ("/packet/records/pathology/", "packet-records"),
        ("/packet/records/insurance/", "packet-records-insurance"),
        ("/packet/questions/", "packet-questions"),
        ("/packet/details/", "packet-details"),
        ("/packet/letter/", "packet-letter"),
        ("/packet/requests/", "packet-requests"),
        ("/packet/insurance/", "packet-insurance"),
        ("/packet/check/", "packet-check"),
        ("/packet/delete/", "packet-delete"),
    ]:
        page.goto(site + path)
        assert_no_axe_violations(page)
        screenshot(page, name)
    # Error states.
    page.goto(site + "/packet/records/health/")
    page.locator("#note-medicines").fill("x" * 501)
    page.locator("#item-medicines-message").filter(has_text="Note must be 500").wait_for()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_text("There is a problem").wait_for()
    assert_no_axe_violations(page)
    screenshot(page, "packet-records-error")
    page.goto(site + "/packet/details/")
    page.get_by_role("group", name="Date of birth").get_by_label("Month").fill("not a date")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_text("There is a problem").wait_for()
    assert_no_axe_violations(page)
    screenshot(page, "packet-details-error")
    page.goto(site + "/packet/insurance/")
    call = page.get_by_role("group", name="Date of the call")
    call.get_by_label("Month").fill("13")
    call.get_by_label("Day").fill("45")
    call.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_text("There is a problem").wait_for()
    assert_no_axe_violations(page)
    page.goto(site + "/packet/questions/")
    page.get_by_role("button", name="Add question").click()
    page.get_by_text("There is a problem").wait_for()
    assert_no_axe_violations(page)
    page.goto(site + "/packet/delete/")
    page.get_by_role("button", name="Yes, delete my packet").click()
    page.get_by_role("heading", name="Your packet was deleted").wait_for()
    assert_no_axe_violations(page)


def test_the_pdf_pages_as_images(page: Page, site: str, tmp_path: Path) -> None:
    start(page, site)
    page.goto(site + "/packet/check/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download PDF (A4)").click()
    target = tmp_path / "packet-a4.pdf"
    info.value.save_as(target)
    SCREENSHOTS.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", str(target), str(SCREENSHOTS / "pdf-empty-a4")],
        check=True,
    )
    assert (SCREENSHOTS / "pdf-empty-a4-1.png").exists()
