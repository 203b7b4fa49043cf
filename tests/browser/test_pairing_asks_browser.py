"""#24 item 6 in Chromium: a laptop and a phone, each with its own packet.
The phone is asked before a code replaces its packet; cut off later, it is
told why. With JavaScript on the laptop, without it on the phone."""

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import assert_no_axe_violations, new_page, new_phone, screenshot
from tests.browser.test_devices_browser import enter_code, make_code, start

pytestmark = pytest.mark.browser


def test_the_phone_is_asked_which_packet_to_keep_then_told_when_cut_off(
    browser: Browser, site: str
) -> None:
    laptop = new_page(browser)
    phone = new_phone(browser, javascript=False)
    try:
        start(laptop, site)
        laptop.goto(site + "/packet/details/")
        laptop.get_by_label("Full name").fill("Ana Laptop")
        laptop.get_by_role("button", name="Save and continue").click()
        start(phone, site)
        phone.goto(site + "/packet/details/")
        phone.get_by_label("Full name").fill("Luis Phone")
        phone.get_by_role("button", name="Save and continue").click()

        code = make_code(laptop, site, "edit")
        assert "delete the packet for everyone" in laptop.locator("main").inner_text()
        enter_code(phone, site, code)
        phone.get_by_role("heading", name="Open the other packet instead of yours?").wait_for()
        screenshot(phone, "join-confirm")
        phone.get_by_role("link", name="Keep my packet").click()
        phone.goto(site + "/packet/details/")
        assert phone.get_by_label("Full name").input_value() == "Luis Phone"

        # Asked again, the phone chooses the laptop's packet; the code still works.
        enter_code(phone, site, code)
        phone.get_by_role("button", name="Open the other packet").click()
        phone.goto(site + "/packet/details/")
        assert phone.get_by_label("Full name").input_value() == "Ana Laptop"

        # The laptop removes every other browser; the phone's next click says why.
        laptop.goto(site + "/packet/share/")
        laptop.get_by_role("button", name="Remove all other browsers").click()
        phone.goto(site + "/packet/")
        assert (
            "This packet is no longer shared with this browser."
            in phone.locator("main").inner_text()
        )
        laptop.goto(site + "/packet/join/")
        enter_code_page = laptop.locator("main").inner_text()
        assert "we ask which one to keep here" in enter_code_page
        assert_no_axe_violations(laptop)
    finally:
        laptop.context.close()
        phone.context.close()
