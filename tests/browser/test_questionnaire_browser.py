"""The questionnaire in Chromium, by keyboard only, with and without JavaScript."""

import pytest
from playwright.sync_api import Page

from questionnaire import flow
from questionnaire.situations import KEYS
from tests.browser.conftest import assert_no_axe_violations, screenshot
from tests.browser.keyboard import focused, tab_to

pytestmark = pytest.mark.browser

# One reason of each weight (unclear-diagnosis 2, single-expert 1, rare-cancer 3), a Yes
# to "has a cancer doctor looked?" (no reason) and two Not sure.
ANSWERS = ["yes", "no", "unsure", "yes", "yes", "no", "no", "unsure", "yes", "no", "no", "no"]
ARROWS = {"yes": [], "no": ["ArrowDown"], "unsure": ["ArrowDown", "ArrowDown"]}


def choose_by_keyboard(page: Page, answer: str) -> None:
    tab_to(page, 'input[name="answer"]')
    if answer == "yes":
        page.keyboard.press("Space")
    for key in ARROWS[answer]:
        page.keyboard.press(key)
    assert page.locator(f'input[value="{answer}"]').is_checked()
    tab_to(page, 'button[type="submit"]')
    page.keyboard.press("Enter")


def complete_by_keyboard(page: Page, site: str, javascript: bool) -> dict[str, object]:
    page.goto(site + "/questionnaire/")
    tab_to(page, "button.button-start")
    page.keyboard.press("Enter")
    page.wait_for_url("**/questionnaire/urgency/")
    if javascript:
        page.evaluate("window.sameDocument = true")
    page.get_by_text(f"Step 1 of {flow.TOTAL_STEPS}: timing").wait_for()
    choose_by_keyboard(page, "no")
    page.wait_for_url(f"**/questionnaire/{KEYS[0]}/")
    for number, (key, answer) in enumerate(zip(KEYS, ANSWERS, strict=True), start=1):
        page.get_by_text(f"Step {number + 1} of {flow.TOTAL_STEPS}").wait_for()
        assert page.url.endswith(f"/questionnaire/{key}/")
        if javascript and number > 1:
            # The swapped-in question's heading has the focus, so it is read out.
            page.wait_for_function("() => document.activeElement.tagName === 'H1'", timeout=2000)
        choose_by_keyboard(page, answer)
    page.wait_for_url("**/questionnaire/check/")
    page.get_by_role("heading", name="Check your answers").wait_for()
    if javascript:
        assert page.evaluate("window.sameDocument") is True, "htmx should swap, not reload"
        page.wait_for_function("() => document.activeElement.tagName === 'H1'", timeout=2000)
        assert focused(page)["text"] == "Check your answers"
    tab_to(page, 'a[href="/questionnaire/result/"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/questionnaire/result/")
    return {
        "title": page.locator(".result-title").inner_text(),
        "reasons": page.locator(".reason h3").all_inner_texts(),
        "asks": page.locator(".ask-list li").all_inner_texts(),
        "total": page.locator(".workings tfoot td").text_content(),
    }


def test_keyboard_only_with_and_without_javascript_reach_the_same_result(
    page: Page, page_without_js: Page, site: str
) -> None:
    with_js = complete_by_keyboard(page, site, javascript=True)
    without_js = complete_by_keyboard(page_without_js, site, javascript=False)
    assert with_js == without_js
    assert with_js["title"] == "Your answers show a strong reason to get a second opinion"
    assert with_js["reasons"] == [
        "Your cancer is rare Strong reason",
        "Your diagnosis is not clear to you Reason",
        "One specialist made your diagnosis, and no team has looked at it Weaker reason",
    ]
    assert len(with_js["asks"]) == 2
    # Points from the answers, never "of" a maximum.
    assert with_js["total"] == "6"


def test_back_button_after_a_swap_shows_the_previous_question(page: Page, site: str) -> None:
    page.goto(site + "/questionnaire/")
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("No, they said waiting a few weeks is safe", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_text(f"Step 2 of {flow.TOTAL_STEPS}").wait_for()
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_text(f"Step 3 of {flow.TOTAL_STEPS}").wait_for()
    page.go_back()
    page.get_by_text(f"Step 2 of {flow.TOTAL_STEPS}").wait_for()
    assert page.get_by_label("No", exact=True).is_checked()
    page.reload()
    page.get_by_text(f"Step 2 of {flow.TOTAL_STEPS}").wait_for()


def test_questionnaire_pages_have_no_accessibility_violations(page: Page, site: str) -> None:
    page.goto(site + "/questionnaire/")
    assert_no_axe_violations(page)
    screenshot(page, "questionnaire-start")
    page.get_by_role("button", name="Start now").click()
    page.get_by_text(f"Step 1 of {flow.TOTAL_STEPS}: timing").wait_for()
    assert_no_axe_violations(page)
    screenshot(page, "questionnaire-urgency")
    page.get_by_label("Yes, it must start right away", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="If treatment must start soon").wait_for()
    assert_no_axe_violations(page)
    screenshot(page, "questionnaire-urgency-advice")
    page.get_by_role("link", name="Continue").click()
    page.get_by_text(f"Step 2 of {flow.TOTAL_STEPS}").wait_for()
    page.locator("details.why summary").click()
    assert_no_axe_violations(page)
    screenshot(page, "questionnaire-question")
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("There is a problem").wait_for()
    assert_no_axe_violations(page)
    screenshot(page, "questionnaire-error")
    for answer in ANSWERS:
        page.get_by_label(
            {"yes": "Yes", "no": "No", "unsure": "Not sure"}[answer], exact=True
        ).check()
        before = page.url
        page.get_by_role("button", name="Continue").click()
        # The next question has a page of its own: wait for it, not a fixed time
        # (on a busy machine the old page could take the next answer).
        page.wait_for_url(lambda url, before=before: url != before)
        page.wait_for_load_state()
    page.get_by_role("heading", name="Check your answers").wait_for()
    assert_no_axe_violations(page)
    screenshot(page, "questionnaire-check")
    page.get_by_role("link", name="See your result").click()
    page.locator(".result-title").wait_for()
    page.locator("details.workings summary").click()
    assert_no_axe_violations(page)
    screenshot(page, "questionnaire-result")
