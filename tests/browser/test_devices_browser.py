"""In Chromium: a phone hands the packet to a laptop, and a caregiver
follows along read-only, with two separate browser contexts."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from checklists.models import ChecklistEntry
from tests.browser.conftest import assert_no_axe_violations, new_page, new_phone, screenshot
from tests.printing.test_packet_pdf import pdf_text

pytestmark = pytest.mark.browser


def make_code(page: Page, site: str, rights: str, label: str = "") -> str:
    """From the task list: 2 clicks (the link, then "Make a code") with the default rights."""
    page.goto(site + "/packet/")
    page.get_by_role("link", name="Open on another device or share").click()
    page.get_by_role("heading", name="Open on another device or share").wait_for()
    if rights == "view":
        page.get_by_label("Can only look and download").check()
    if label:
        page.get_by_label("A name for it").fill(label)
    page.get_by_role("button", name="Make a code").click()
    page.get_by_role("heading", name="Your code").wait_for()
    assert page.url.removeprefix(site) == "/packet/share/"  # the code is in no URL
    code = page.locator(".pairing-code strong").inner_text()
    assert code not in page.locator(".qr-code svg").inner_html()
    return code


def enter_code(page: Page, site: str, code: str) -> None:
    """From the home page: 2 clicks ("I have a code", "Open the packet") and typing."""
    page.goto(site + "/")
    page.get_by_role("link", name="I have a code").click()
    page.get_by_label("Your code").fill(code)
    page.get_by_role("button", name="Open the packet").click()


def save_item(page: Page, site: str, group_link: str, status_id: str, note_id: str, note: str):
    page.goto(site + "/packet/")
    page.get_by_role("link", name=group_link).click()
    page.locator(status_id).check()
    page.locator(note_id).fill(note)
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_load_state()


def download(page: Page, site: str, tmp_path: Path, name: str) -> str:
    page.goto(site + "/packet/check/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download PDF (US Letter)").click()
    target = tmp_path / name
    info.value.save_as(target)
    return pdf_text(target.read_bytes())


def start(page: Page, site: str) -> None:
    page.goto(site + "/packet/")
    page.get_by_role("button", name="Start my packet").click()
    page.get_by_role("heading", name="Your packet", exact=True).wait_for()


def test_phone_hands_the_packet_to_a_laptop_and_both_edit(
    browser: Browser, site: str, tmp_path: Path
) -> None:
    # axe needs JavaScript: the phone has it, the laptop does without.
    phone = new_phone(browser)
    laptop = new_page(browser, javascript=False)
    start(phone, site)
    code = make_code(phone, site, "edit", label="My laptop")
    assert_no_axe_violations(phone)
    screenshot(phone, "share-code")
    enter_code(laptop, site, code)
    laptop.get_by_role("heading", name="Your packet", exact=True).wait_for()
    save_item(
        phone,
        site,
        "Pathology: what the cancer looks like under a microscope",
        "#status-pathology-report-have",
        "#note-pathology-report",
        "Written on the phone",
    )
    save_item(
        laptop,
        site,
        "Stage: how far the cancer has spread",
        "#status-imaging-disc-asked",
        "#note-imaging-disc",
        "Written on the laptop",
    )
    assert ChecklistEntry.objects.count() >= 2
    for page, name in ((phone, "phone.pdf"), (laptop, "laptop.pdf")):
        text = download(page, site, tmp_path, name)
        assert "Written on the phone" in text and "Written on the laptop" in text
    phone.goto(site + "/packet/share/")
    assert "My laptop" in phone.locator("#browsers + ul").inner_text()
    assert_no_axe_violations(phone)
    # Removed: the laptop loses the packet at its next click.
    phone.get_by_role("button", name="Remove My laptop").click()
    laptop.goto(site + "/packet/check/")
    laptop.get_by_role("heading", name="Build your packet").wait_for()
    assert "Written on" not in laptop.content()
    phone.context.close()
    laptop.context.close()


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_a_caregiver_reads_and_downloads_but_cannot_change_anything(
    browser: Browser, site: str, tmp_path: Path, javascript: bool
) -> None:
    owner = new_page(browser, javascript=False)
    caregiver = new_phone(browser, javascript=javascript)
    start(owner, site)
    save_item(
        owner,
        site,
        "Pathology: what the cancer looks like under a microscope",
        "#status-pathology-report-have",
        "#note-pathology-report",
        "Owner wrote this",
    )
    code = make_code(owner, site, "view")
    caregiver.goto(site + "/packet/join/")
    if javascript:  # axe runs as JavaScript
        assert_no_axe_violations(caregiver)
    enter_code(caregiver, site, code)
    caregiver.get_by_role("heading", name="Check your packet").wait_for()
    assert "Owner wrote this" in caregiver.content()
    assert caregiver.locator(".summary-change").count() == 0
    if javascript:
        assert_no_axe_violations(caregiver)
    screenshot(caregiver, "view-only-check")
    # The questionnaire's result page of the packet is open to it, read only.
    caregiver.goto(site + "/packet/answers/")
    caregiver.get_by_role("heading", name="Your answers from the questionnaire").wait_for()
    assert caregiver.locator("main a[href^='/questionnaire/']").count() == 0
    if javascript:
        assert_no_axe_violations(caregiver)
    caregiver.goto(site + "/packet/check/")
    assert "Owner wrote this" in download(caregiver, site, tmp_path, "caregiver.pdf")
    # Crafted writes with this browser's cookies and a valid CSRF token.
    token = caregiver.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    for url, data in [
        ("/packet/items/pathology-report/", {"status": "na", "note": "caregiver"}),
        ("/packet/details/", {"name": "caregiver"}),
        ("/packet/delete/", {}),
        ("/questionnaire/urgency/", {"answer": "yes"}),
        ("/packet/share/", {"rights": "edit"}),
    ]:
        response = caregiver.request.post(
            site + url,
            form={**data, "csrfmiddlewaretoken": token},
            headers={"HX-Request": "true", "X-CSRFToken": token, "Origin": site},
        )
        assert response.status == 403, url
    assert ChecklistEntry.objects.get(item_key="pathology-report").note == "Owner wrote this"
    caregiver.goto(site + "/packet/details/")  # a change page: back to the read-only one
    caregiver.get_by_role("heading", name="Check your packet").wait_for()
    # The owner deletes the packet: the caregiver sees no packet at once.
    owner.goto(site + "/packet/delete/")
    owner.get_by_role("button", name="Yes, delete my packet").click()
    caregiver.goto(site + "/packet/check/")
    caregiver.get_by_role("heading", name="Build your packet").wait_for()
    owner.context.close()
    caregiver.context.close()


def test_a_wrong_code_says_so_plainly(phone: Page, site: str) -> None:
    page = phone
    enter_code(page, site, "ABCD-2345")
    page.get_by_text("That code does not work").first.wait_for()
    assert page.title().startswith("Error:")
    assert_no_axe_violations(page)
