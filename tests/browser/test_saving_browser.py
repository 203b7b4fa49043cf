"""#24: warnings that mean something, and words that are true with and without
JavaScript. Phone width, in Chromium."""

import re

import pytest
from playwright.sync_api import Page

from checklists import records
from packets.models import Packet
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_packet_browser import start

pytestmark = pytest.mark.browser


def leave_and_record_dialogs(page: Page) -> list[str]:
    """Click "Back to your task list" and return the dialogs it raised (each
    dismissed, so the page stays when one appears)."""
    dialogs: list[str] = []

    def answer(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    page.get_by_role("link", name="Back to your task list").first.click()
    page.wait_for_timeout(600)
    page.remove_listener("dialog", answer)
    return dialogs


@pytest.mark.parametrize("group", [g.key for g in records.GROUPS])
def test_no_leave_warning_after_a_record_change_was_saved(
    phone: Page, site: str, group: str
) -> None:
    page = phone
    start(page, site)
    page.goto(f"{site}/packet/records/{group}/")
    first = records.ITEMS_BY_GROUP[group][0]
    page.locator(f"#status-{first.key}-asked").check()
    page.locator(f"#item-{first.key}-message").filter(has_text="Saved").wait_for()
    assert leave_and_record_dialogs(page) == []
    page.get_by_role("heading", name="Your packet", exact=True).wait_for()


def test_the_warning_still_comes_for_a_note_not_yet_saved(phone: Page, site: str) -> None:
    page = phone
    start(page, site)
    group = records.GROUPS[0].key
    page.goto(f"{site}/packet/records/{group}/")
    first = records.ITEMS_BY_GROUP[group][0]
    # Typed, and the autosave (0.8 s after the last key) has not gone yet.
    page.locator(f"#note-{first.key}").press_sequentially("In the blue folder")
    assert leave_and_record_dialogs(page) == ["beforeunload"]
    assert page.locator(f"#note-{first.key}").input_value() == "In the blue folder"


def test_the_letter_task_saves_its_choices_as_they_change(phone: Page, site: str) -> None:
    page = phone
    start(page, site)
    page.goto(site + "/packet/letter/")
    assert page.get_by_text("Your choices save as you go.").is_visible()
    page.get_by_label("Send them straight to my second-opinion center").check()
    page.locator("#live-status").filter(has_text="Your letter choices were saved.").wait_for()
    assert Packet.objects.get().delivery == "center"
    # The letters below follow the choice without a reload.
    assert "straight to" in page.locator("#letters").inner_text()
    assert_no_axe_violations(page)
    assert leave_and_record_dialogs(page) == []


def test_the_letter_task_warns_when_a_choice_could_not_be_saved(phone: Page, site: str) -> None:
    page = phone
    start(page, site)
    page.goto(site + "/packet/letter/")
    # The connection drops as the choice is made.
    page.route(
        "**/packet/letter/",
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    page.get_by_label("Paper copies").check()
    page.wait_for_timeout(300)
    assert leave_and_record_dialogs(page) == ["beforeunload"]
    assert Packet.objects.get().record_format == ""


def test_without_javascript_no_page_promises_to_save_as_you_go(
    phone_without_js: Page, site: str
) -> None:
    page = phone_without_js
    start(page, site)
    pages = ["/packet/", "/packet/letter/", *(f"/packet/records/{g.key}/" for g in records.GROUPS)]
    for path in pages:
        page.goto(site + path)
        text = page.locator("main").inner_text()
        assert "as you go" not in text, path
        if path != "/packet/":
            assert "Press Save and continue to keep your changes." in text, path
    # And the button does keep them.
    page.goto(site + "/packet/letter/")
    page.get_by_label("Paper copies").check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="Letters to request your records").wait_for(state="detached")
    assert Packet.objects.get().record_format == "paper"


def test_after_the_session_ends_an_autosave_says_so(phone: Page, site: str) -> None:
    page = phone
    start(page, site)
    group = records.GROUPS[0].key
    page.goto(f"{site}/packet/records/{group}/")
    # The session ended while the page was open (its form's CSRF cookie lasts).
    page.context.clear_cookies(name=re.compile("sessionid"))
    first = records.ITEMS_BY_GROUP[group][0]
    page.locator(f"#status-{first.key}-have").check()
    page.locator("#live-status").filter(has_text="your session has ended").wait_for()
    # A second refused autosave redraws the one notice; notices never stack.
    second = records.ITEMS_BY_GROUP[group][1]
    with page.expect_response(lambda r: f"/packet/items/{second.key}/" in r.url):
        page.locator(f"#status-{second.key}-have").check()
    page.wait_for_timeout(200)  # let htmx settle the swap
    assert page.locator(".session-ended").count() == 1
    # Still unsaved, so leaving still warns.
    assert leave_and_record_dialogs(page) == ["beforeunload"]


def test_after_the_session_ends_a_save_shows_back_what_was_typed(
    phone_without_js: Page, site: str
) -> None:
    page = phone_without_js
    start(page, site)
    page.goto(site + "/packet/details/")
    page.context.clear_cookies(name=re.compile("sessionid"))
    page.get_by_label("Full name").fill("Ana María Díaz")
    page.get_by_label("Your address").fill("12 Elm Street\nSpringfield, IL 62701")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="Not saved: your session has ended").wait_for()
    typed = page.locator(".typed-back").inner_text()
    assert "Ana María Díaz" in typed and "Springfield, IL 62701" in typed
    page.get_by_role("link", name="start a new packet").click()
    page.get_by_role("button", name="Start my packet").wait_for()
