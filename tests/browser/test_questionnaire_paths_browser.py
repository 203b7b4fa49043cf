"""Three journeys at phone width, with and without JavaScript, start to result.

The urgent path (told first to move fast), an all-"Not sure" path (nothing
claimed) and a strong-reason path; Start again asks first; axe finds nothing
on any step.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from questionnaire import decision, flow
from questionnaire.situations import KEYS
from tests.browser.conftest import assert_no_axe_violations as check_with_axe
from tests.browser.conftest import new_phone, screenshot

pytestmark = pytest.mark.browser

LABELS = {"yes": "Yes", "no": "No", "unsure": "Not sure"}
# The urgency question (step 1) says what each answer means.
URGENCY_LABELS = {
    "yes": "Yes, it must start right away",
    "no": "No, they said waiting a few weeks is safe",
    "unsure": "Not sure, or no one has told me",
}


@pytest.fixture(params=[True, False], ids=["with-js", "without-js"])
def phone(request, browser: Browser) -> Iterator[Page]:
    page = new_phone(browser, javascript=request.param)
    page.javascript = request.param
    yield page
    page.context.close()


def answer(page: Page, value: str, step: int) -> None:
    page.get_by_text(f"Step {step} of {flow.TOTAL_STEPS}").wait_for()
    labels = URGENCY_LABELS if step == 1 else LABELS
    page.get_by_label(labels[value], exact=True).check()
    page.get_by_role("button", name="Continue").click()


def start(page: Page, site: str) -> None:
    page.goto(site + "/questionnaire/")
    # Start is on the first phone screen, not several screens down.
    box = page.get_by_role("button", name="Start now").bounding_box()
    assert box is not None and box["y"] + box["height"] < 900
    page.get_by_role("button", name="Start now").click()


def to_result(page: Page, answers: list[str]) -> None:
    for step, value in enumerate(answers, start=2):
        answer(page, value, step)
    page.get_by_role("heading", name="Check your answers").wait_for()
    page.get_by_role("link", name="See your result").click()
    page.wait_for_url("**/questionnaire/result/")


def test_urgent_path_is_told_first_to_move_fast(phone: Page, site: str) -> None:
    start(phone, site)
    answer(phone, "yes", 1)
    phone.get_by_role("heading", name="If treatment must start soon").wait_for()
    text = phone.locator("main").inner_text()
    assert str(decision.URGENCY_TITLE["yes"]) in text
    assert "Call 911" in text and "Burkitt" in text
    phone.get_by_role("link", name="Continue").click()
    to_result(phone, ["no"] * len(KEYS))
    headings = phone.locator("main h2").all_inner_texts()
    assert headings[0] == str(decision.URGENCY_TITLE["yes"])
    options = phone.locator(".option h3").all_inner_texts()
    assert options[0].startswith("Start treatment now")
    assert "Both are reasonable choices" not in phone.locator("main").inner_text()
    screenshot(phone, "result-urgent")


def test_all_not_sure_claims_nothing(phone: Page, site: str) -> None:
    start(phone, site)
    answer(phone, "unsure", 1)
    phone.get_by_role("link", name="Continue").click()
    to_result(phone, ["unsure"] * len(KEYS))
    main = phone.locator("main").inner_text()
    assert phone.locator("main h2").first.inner_text() == str(decision.URGENCY_TITLE["unsure"])
    # Not sure about timing is the urgent path: its headline first, then what the answers show.
    assert phone.locator(".result-title").inner_text() == (
        "Get a second opinion alongside treatment, not before it"
    )
    assert "None of the listed reasons was confirmed by your answers." in main
    assert phone.locator(".reason").count() == 0
    assert phone.locator(".ask-list li").count() == len(KEYS)
    assert "You were not sure whether your cancer is rare" in main
    assert "Your cancer is rare" not in main.replace("whether your cancer is rare", "")
    screenshot(phone, "result-all-not-sure")


def test_strong_reason_path(phone: Page, site: str) -> None:
    start(phone, site)
    answer(phone, "no", 1)
    # No to the rest, but Yes to "has a cancer doctor looked?" (its No is a reason).
    to_result(
        phone, ["yes" if key in ("rare-cancer", "cancer-doctor-seen") else "no" for key in KEYS]
    )
    assert phone.locator(".result-title").inner_text() == (
        "Your answers show a strong reason to get a second opinion"
    )
    assert phone.locator(".reason h3").all_inner_texts() == ["Your cancer is rare Strong reason"]
    assert "must start right away" not in phone.locator("main").inner_text()
    screenshot(phone, "result-strong")


def test_start_again_needs_confirming(phone: Page, site: str) -> None:
    start(phone, site)
    answer(phone, "no", 1)
    to_result(phone, ["yes"] * len(KEYS))
    phone.get_by_role("link", name="Start again").click()
    phone.get_by_role(
        "heading", name="Are you sure you want to start the questions again?"
    ).wait_for()
    screenshot(phone, "restart-confirm")
    phone.get_by_role("link", name="No, keep my answers").click()
    phone.wait_for_url("**/questionnaire/result/")
    # Every Yes but "has a cancer doctor looked?" is a reason.
    assert phone.locator(".reason").count() == len(KEYS) - 1
    phone.get_by_role("link", name="Start again").click()
    phone.get_by_role("button", name="Yes, clear my answers").click()
    phone.wait_for_url("**/questionnaire/urgency/")
    assert "were cleared" in phone.locator("main").inner_text()
    phone.goto(site + "/questionnaire/result/")
    phone.wait_for_url("**/questionnaire/urgency/")


def test_every_step_has_no_accessibility_violations(phone: Page, site: str) -> None:
    """axe runs in the page, so it checks the JavaScript pass; without JavaScript the
    same steps are walked (the server sends the same markup)."""

    def assert_no_axe_violations(page: Page) -> None:
        if page.javascript:
            check_with_axe(page)

    start(phone, site)
    phone.get_by_text(f"Step 1 of {flow.TOTAL_STEPS}").wait_for()
    assert_no_axe_violations(phone)
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_text("There is a problem").wait_for()
    assert_no_axe_violations(phone)
    phone.get_by_label(URGENCY_LABELS["unsure"], exact=True).check()
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_role("heading", name="If treatment must start soon").wait_for()
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name="Continue").click()
    for step, key in enumerate(KEYS, start=2):
        phone.get_by_text(f"Step {step} of {flow.TOTAL_STEPS}").wait_for()
        assert_no_axe_violations(phone)
        answer(phone, "yes" if key == "few-options" else "unsure", step)
    phone.get_by_role("heading", name="Check your answers").wait_for()
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name="See your result").click()
    phone.locator(".result-title").wait_for()
    phone.locator("details.workings summary").click()
    assert_no_axe_violations(phone)
    screenshot(phone, "result-mixed")
    phone.get_by_role("link", name="Start again").click()
    phone.get_by_role(
        "heading", name="Are you sure you want to start the questions again?"
    ).wait_for()
    assert_no_axe_violations(phone)
    phone.goto(site + "/questionnaire/values/")
    assert phone.get_by_text(f"Step {flow.number('values')} of {flow.TOTAL_STEPS}").is_visible()
    assert_no_axe_violations(phone)
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_text(f"Step {flow.number('sure')} of {flow.TOTAL_STEPS}").wait_for()
    assert_no_axe_violations(phone)
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_text("There is a problem").wait_for()
    assert_no_axe_violations(phone)
    for radio in phone.locator('input[value="yes"]').all():
        radio.check()
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_role("heading", name="Your next steps").wait_for()
    assert_no_axe_violations(phone)
