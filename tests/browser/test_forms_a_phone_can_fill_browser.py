"""#24 items 7 and 8 in a real browser at phone width: the date boxes, a long
paste that is kept and counted, the error summary taking the focus with and
without JavaScript, and Back/Forward after a refused form never asking to
send it again."""

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import assert_no_axe_violations, screenshot

pytestmark = pytest.mark.browser


def start(page: Page, site: str) -> None:
    page.goto(site + "/packet/")
    page.get_by_role("button", name="Start my packet").click()
    page.get_by_role("heading", name="Your packet", exact=True).wait_for()


def focused_class(page: Page) -> str:
    return page.evaluate("() => document.activeElement.className")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_date_typed_as_3_14_61_says_what_to_fix_and_keeps_everything(
    phone: Page, phone_without_js: Page, site: str, javascript: bool
) -> None:
    page = phone if javascript else phone_without_js
    start(page, site)
    page.goto(site + "/packet/details/")
    page.get_by_label("Full name").fill("Ana Diaz")
    born = page.get_by_role("group", name="Date of birth")
    for label, typed in (("Month", "3"), ("Day", "14"), ("Year", "61")):
        box = born.get_by_label(label)
        assert box.get_attribute("inputmode") == "numeric"  # the number keypad
        box.fill(typed)
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    assert focused_class(page) == "error-summary"
    assert "Year must include 4 numbers, for example 1961." in page.locator("main").inner_text()
    assert page.get_by_label("Full name").input_value() == "Ana Diaz"
    assert born.get_by_label("Year").input_value() == "61"
    if javascript:
        assert_no_axe_violations(page)
        screenshot(page, "details-date-error")
    # Back, then Forward: the refused page comes back by a plain GET, with
    # what was typed, and no "Confirm form resubmission".
    page.go_back()
    page.get_by_role("heading", name="Your details for the letter").wait_for()
    page.go_forward()
    page.get_by_role("heading", name="There is a problem").wait_for()
    assert born.get_by_label("Year").input_value() == "61"
    born.get_by_label("Year").fill("1961")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/packet/letter/")


def test_a_long_paste_is_kept_and_counted_and_refused_whole(phone: Page, site: str) -> None:
    page = phone
    start(page, site)
    page.goto(site + "/packet/records/health/")
    note = page.locator("#note-medicines")
    note.fill("p" * 5000)
    assert len(note.input_value()) == 5000  # not cut to 500
    page.locator("#note-medicines-count").filter(
        has_text="You have 4500 characters too many."
    ).wait_for()
    page.locator("#item-medicines-message").filter(
        has_text="Note must be 500 characters or fewer. It has 5000."
    ).wait_for()
    assert_no_axe_violations(page)
    screenshot(page, "records-note-too-long")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    assert focused_class(page) == "error-summary"
    assert len(page.locator("#note-medicines").input_value()) == 5000
    page.locator("#note-medicines").fill("short")
    count = page.locator("#note-medicines-count")
    count.filter(has_text="You have 495 characters left.").wait_for()


def test_a_questionnaire_step_without_an_answer_focuses_the_summary(phone: Page, site: str) -> None:
    page = phone
    page.goto(site + "/questionnaire/")
    page.get_by_role("button", name="Start now").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    page.wait_for_function("() => document.activeElement.className === 'error-summary'")
    assert_no_axe_violations(page)
