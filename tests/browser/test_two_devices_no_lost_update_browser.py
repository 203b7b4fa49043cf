"""#24 item 2 in Chromium: a phone (no JavaScript) and a laptop (JavaScript)
paired with "can change" edit the details and a records group at the same
time, in all four orders. No saved value is ever replaced by an older one
without the patient choosing it."""

import pytest
from playwright.sync_api import Browser, Page

from checklists.models import ChecklistEntry
from packets.models import Packet
from tests.browser.conftest import assert_no_axe_violations, new_page, new_phone, screenshot
from tests.browser.test_devices_browser import enter_code, make_code, start

pytestmark = pytest.mark.browser


def paired(browser: Browser, site: str) -> tuple[Page, Page]:
    laptop = new_page(browser)
    phone = new_phone(browser, javascript=False)
    start(laptop, site)
    laptop.goto(site + "/packet/details/")
    laptop.get_by_label("Full name").fill("Ana")
    laptop.get_by_label("Your phone number").fill("555-0100")
    laptop.get_by_role("button", name="Save and continue").click()
    enter_code(phone, site, make_code(laptop, site, "edit"))
    phone.get_by_role("heading", name="Your packet", exact=True).wait_for()
    return laptop, phone


def save_details(page: Page, label: str, value: str) -> None:
    page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("first", ["laptop", "phone"])
def test_details_edited_on_both_at_once_keep_both_changes(
    browser: Browser, site: str, first: str
) -> None:
    laptop, phone = paired(browser, site)
    try:
        laptop.goto(site + "/packet/details/")
        phone.goto(site + "/packet/details/")
        saves = {
            "laptop": lambda: save_details(laptop, "Your phone number", "555-0199"),
            "phone": lambda: save_details(phone, "Full name", "Ana María Díaz"),
        }
        saves[first]()
        saves["phone" if first == "laptop" else "laptop"]()
        packet = Packet.objects.get()
        assert (packet.name, packet.phone) == ("Ana María Díaz", "555-0199")
    finally:
        laptop.context.close()
        phone.context.close()


@pytest.mark.parametrize("first", ["laptop", "phone"])
def test_a_records_group_edited_on_both_at_once_keeps_both_changes(
    browser: Browser, site: str, first: str
) -> None:
    laptop, phone = paired(browser, site)
    url = site + "/packet/records/pathology/"
    try:
        laptop.goto(url)
        phone.goto(url)

        def on_laptop() -> None:  # autosaves as it changes
            laptop.locator("#status-pathology-report-have").check()
            laptop.locator("#item-pathology-report-message").filter(has_text="Saved").wait_for()

        def on_phone() -> None:  # the whole page, with Save and continue
            phone.locator("#status-pathology-slides-asked").check()
            phone.get_by_role("button", name="Save and continue").click()
            phone.wait_for_load_state()

        steps = {"laptop": on_laptop, "phone": on_phone}
        steps[first]()
        steps["phone" if first == "laptop" else "laptop"]()
        rows = dict(ChecklistEntry.objects.values_list("item_key", "status"))
        assert rows["pathology-report"] == "have"
        assert rows["pathology-slides"] == "asked"
    finally:
        laptop.context.close()
        phone.context.close()


def test_the_same_field_on_both_shows_both_and_the_patient_picks(
    browser: Browser, site: str
) -> None:
    laptop, phone = paired(browser, site)
    try:
        laptop.goto(site + "/packet/details/")
        phone.goto(site + "/packet/details/")
        save_details(laptop, "Your phone number", "555-0199")
        save_details(phone, "Your phone number", "555-0123")
        phone.get_by_role(
            "heading", name="Changed on another device while you were editing"
        ).wait_for()
        box = phone.locator(".conflict-box").inner_text()
        assert "555-0199" in box and "555-0123" in box
        assert Packet.objects.get().phone == "555-0199"
        screenshot(phone, "details-conflict")
        phone.get_by_label("Use yours:").check()
        phone.get_by_role("button", name="Save and continue").click()
        phone.wait_for_load_state()
        assert Packet.objects.get().phone == "555-0123"
        # The laptop sees the phone's choice.
        laptop.goto(site + "/packet/details/")
        assert laptop.get_by_label("Your phone number").input_value() == "555-0123"
        assert_no_axe_violations(laptop)
    finally:
        laptop.context.close()
        phone.context.close()
