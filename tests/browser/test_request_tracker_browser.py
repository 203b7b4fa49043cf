"""Tracking records requests on a phone, as a patient would, with and without
JavaScript: mark letters sent, see the late one, print its follow-up and
download the calendar reminders."""

from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page

from tests.browser.conftest import assert_no_axe_violations, new_phone

pytestmark = pytest.mark.browser


def fill_date(page: Page, prefix: str, day: date) -> None:
    page.locator(f"#id_{prefix}_0").fill(str(day.month))
    page.locator(f"#id_{prefix}_1").fill(str(day.day))
    page.locator(f"#id_{prefix}_2").fill(str(day.year))


def save(page: Page, kind: str, heading: str) -> None:
    page.locator(f"#request-{kind}").get_by_role("button", name=f"Save {heading}").click()
    page.get_by_role("status").filter(has_text=f"Saved: {heading}.").wait_for()


def download_reminder(
    page: Page, kind: str, holder: str, tmp_path: Path, n: int
) -> icalendar.Event:
    with page.expect_download() as info:
        page.locator(f"#request-{kind}").get_by_role(
            "link", name=f"Add a reminder to your calendar for the {holder}"
        ).click()
    target = tmp_path / f"{kind}-{n}.ics"
    info.value.save_as(target)
    (event,) = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    return event


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_patient_tracks_two_letters(
    browser: Browser, site: str, tmp_path: Path, javascript: bool
) -> None:
    page = new_phone(browser, javascript=javascript)
    try:
        tracks_two_letters(page, site, tmp_path, javascript)
    finally:
        page.context.close()


def check_axe(page: Page, javascript: bool) -> None:
    """axe-core runs in the page, so only where scripts run."""
    if javascript:
        assert_no_axe_violations(page)


def tracks_two_letters(page: Page, site: str, tmp_path: Path, javascript: bool) -> None:
    today = timezone.localdate()
    page.goto(site + "/packet/")
    page.get_by_role("button", name="Start my packet").click()
    page.goto(site + "/packet/details/")
    page.get_by_label("Full name").fill("Ana Díaz")
    page.get_by_label("Your phone number").fill("555-0100")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="Letters to request your records").wait_for()
    # Print the letters: one PDF, each letter on its own page, ready to sign.
    with page.expect_download() as info:
        page.get_by_role("link", name="Download all letters (PDF)").click()
    letters = tmp_path / "letters.pdf"
    info.value.save_as(letters)
    from tests.printing.test_packet_pdf import pdf_text

    printed = " ".join(pdf_text(letters.read_bytes()).split())
    assert "Dear records team," in printed and "Dear imaging team," in printed
    assert "Ana Díaz" in printed and "Please send them by" in printed

    page.goto(site + "/packet/")
    page.get_by_role("link", name="Track your records requests").click()
    page.get_by_role("heading", name="Track your records requests", level=1).wait_for()
    check_axe(page, javascript)

    page.goto(site + "/packet/requests/office/follow-up/")
    page.get_by_role("heading", name="No date sent yet").wait_for()
    check_axe(page, javascript)
    page.get_by_role("link", name="Add the date you sent it").click()
    page.get_by_role("heading", name="Track your records requests", level=1).wait_for()

    sent = today - timedelta(days=40)
    fill_date(page, "office-sent_on", sent)
    page.locator("#request-office").get_by_label("By mail").check()
    save(page, "office", "Letter to the records office")
    fill_date(page, "imaging-sent_on", today)
    save(page, "imaging", "Letter to the imaging department")

    office = page.locator("#request-office")
    assert "Overdue by 10 days" in office.locator(".request-status").inner_text()
    assert "Waiting, due" in page.locator("#request-imaging .request-status").inner_text()
    assert (
        page.locator("#request-imaging")
        .get_by_role("link", name="Print the follow-up letter")
        .count()
        == 0
    )
    check_axe(page, javascript)

    first = download_reminder(page, "office", "records office", tmp_path, 1)
    again = download_reminder(page, "office", "records office", tmp_path, 2)
    assert first.decoded("dtstart") == sent + timedelta(days=30)
    assert str(first["uid"]) == str(again["uid"])
    (alarm,) = first.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(days=-3)
    imaging = download_reminder(page, "imaging", "imaging department", tmp_path, 3)
    assert imaging.decoded("dtstart") == today + timedelta(days=30)
    assert str(imaging["uid"]) != str(first["uid"])
    assert "Ana" not in (tmp_path / "office-1.ics").read_text()

    page.goto(site + "/packet/")
    assert "1 overdue" in page.locator("#task-requests").inner_text()
    assert page.locator("#task-requests .task-alert").inner_text().endswith("Overdue")

    page.goto(site + "/packet/check/")
    requests = page.locator(".summary-row").filter(has_text="Records requests").inner_text()
    assert "Letter to the records office: Overdue by 10 days" in requests
    check_axe(page, javascript)

    page.goto(site + "/packet/requests/")
    office.get_by_role("link", name="Print the follow-up letter to the records office").click()
    page.get_by_role("heading", name="Follow-up letter to the records office").wait_for()
    letter = page.locator(".letter-print").inner_text()
    assert f"On {sent:%B} {sent.day}, {sent.year}, I sent you a written request" in letter
    assert "within 10 days" in letter and "Ana Díaz" in letter
    assert "180 days" in page.locator("#complain").inner_text()
    check_axe(page, javascript)
