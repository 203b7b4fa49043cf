"""The whole decision journey by keyboard: questions, result, values, SURE, packet, PDF."""

from pathlib import Path

import pytest
from playwright.sync_api import Page

from questionnaire import flow
from questionnaire.situations import KEYS
from tests.browser.conftest import assert_no_axe_violations, screenshot
from tests.browser.keyboard import tab_to
from tests.browser.test_questionnaire_browser import choose_by_keyboard

pytestmark = pytest.mark.browser


def rate_by_keyboard(page: Page, name: str, steps: int) -> None:
    """Tab into a radio group (its first option) and arrow along to the wanted one."""
    tab_to(page, f'input[name="{name}"]')
    if steps == 0:
        page.keyboard.press("Space")
    for _ in range(steps):
        page.keyboard.press("ArrowRight")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_whole_journey_by_keyboard(
    page: Page, page_without_js: Page, site: str, javascript: bool, tmp_path: Path
) -> None:
    tab = page if javascript else page_without_js
    tab.goto(site + "/questionnaire/")
    tab_to(tab, "button.button-start")
    tab.keyboard.press("Enter")
    tab.get_by_text(f"Step 1 of {flow.TOTAL_STEPS}: timing").wait_for()
    choose_by_keyboard(tab, "no")
    for number, key in enumerate(KEYS, start=1):
        tab.get_by_text(f"Step {number + 1} of {flow.TOTAL_STEPS}").wait_for()
        yes = key in ("surgery-first", "cancer-doctor-seen")
        choose_by_keyboard(tab, "yes" if yes else "no")
    tab.get_by_role("heading", name="Check your answers").wait_for()
    tab_to(tab, 'a[href="/questionnaire/result/"]')
    tab.keyboard.press("Enter")
    tab.locator(".result-title").wait_for()
    assert "Go ahead with the current plan" in tab.content()
    tab_to(tab, 'a[href="/questionnaire/values/"]')
    tab.keyboard.press("Enter")
    tab.get_by_role("heading", name="What matters most to you?").wait_for()
    rate_by_keyboard(tab, "sure-of-diagnosis", 3)
    rate_by_keyboard(tab, "travel-and-cost", 1)
    tab_to(tab, 'button[type="submit"]')
    tab.keyboard.press("Enter")
    tab.get_by_role("heading", name="Do you feel ready to decide?").wait_for()
    for key, steps in [
        ("sure-sure", 1),
        ("sure-understand", 0),
        ("sure-risk-benefit", 0),
        ("sure-encouragement", 0),
    ]:
        rate_by_keyboard(tab, key, steps)
    tab_to(tab, 'button[type="submit"]')
    tab.keyboard.press("Enter")
    tab.get_by_role("heading", name="Your next steps").wait_for()
    assert "look at both options again" in tab.content()
    tab_to(tab, 'a[href="/packet/"]')
    tab.keyboard.press("Enter")
    tab.get_by_role("heading", name="Your packet", exact=True).wait_for()
    # A packet already exists (the questionnaire made it), so the task list shows.
    tab.goto(tab.url + "answers/")
    assert "Being sure my diagnosis is right" in tab.content()
    tab.goto(tab.url.replace("answers/", "records/staging/"))
    surgery = tab.locator("#item-imaging-disc")
    assert "Important for you" in surgery.inner_text()
    tab.goto(tab.url.replace("records/staging/", "check/"))
    with tab.expect_download() as download_info:
        tab.get_by_role("link", name="Download PDF (US Letter)").click()
    target = tmp_path / "packet.pdf"
    download_info.value.save_as(target)
    from tests.printing.test_packet_pdf import pdf_text

    text = pdf_text(target.read_bytes())
    assert "Being sure my diagnosis is right: Very important" in text
    assert "Do you feel sure about the best choice for you? No" in text


def test_decision_pages_have_no_accessibility_violations(page: Page, site: str) -> None:
    page.goto(site + "/questionnaire/")
    page.get_by_role("button", name="Start now").click()
    for path, name in [
        ("/questionnaire/values/", "values"),
        ("/questionnaire/sure/", "sure"),
        ("/packet/insurance/", "packet-insurance"),
    ]:
        page.goto(site + path)
        assert_no_axe_violations(page)
        screenshot(page, name)
    page.goto(site + "/questionnaire/sure/")
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("There is a problem").wait_for()
    assert_no_axe_violations(page)
    for radio in page.locator('input[value="yes"]').all():
        radio.check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Your next steps").wait_for()
    assert_no_axe_violations(page)
    screenshot(page, "ready")
