"""Tracking a records request after its letter: due dates, overdue marks,
calendar reminders, the follow-up letter and the complaint route."""

import html
import re
from datetime import date, timedelta

import icalendar
import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from checklists import presenters, tracker
from checklists.models import RecordRequest
from packets.models import Packet
from tests.factories import full_packet, hand_to
from tests.packets.test_pairing_and_sharing import joined

pytestmark = pytest.mark.django_db

URL = "/packet/requests/"
DRAWN = re.compile(r'<input type="hidden" name="drawn-([^"]+)" value="([^"]*)">')


def held(page: str, kind: str) -> dict[str, str]:
    """What a browser sends from ``kind``'s form as drawn: each field, and its drawn value."""
    values = {
        name: html.unescape(value)
        for name, value in DRAWN.findall(page)
        if name.startswith(f"{kind}-")
    }
    return {"kind": kind, **values, **{f"drawn-{name}": value for name, value in values.items()}}


def today() -> date:
    return timezone.localdate()


def parts(name: str, day: date) -> dict[str, str]:
    """A date typed into its three boxes."""
    return {
        f"{name}_month": str(day.month),
        f"{name}_day": str(day.day),
        f"{name}_year": str(day.year),
    }


def send(client: Client, kind: str, **fields: str) -> object:
    """Post ``kind``'s form as the page draws it, with ``fields`` changed."""
    data = held(client.get(URL).content.decode(), kind)
    for name, value in fields.items():
        data.pop(f"{kind}-{name}", None)
        if isinstance(value, date):
            data.update(parts(f"{kind}-{name}", value))
        else:
            data[f"{kind}-{name}"] = value
    return client.post(URL, data)


def stale_office_tab(phone: Client) -> dict[str, str]:
    """The phone's office form, drawn after it marked the letter sent; a paired
    laptop then changes what came to "Some of it"."""
    send(phone, "office", sent_on=today() - timedelta(days=3))
    laptop = joined(phone, "edit")
    stale = held(phone.get(URL).content.decode(), "office")
    send(laptop, "office", received="some")
    return stale


@pytest.fixture
def full(patient: Client) -> tuple[Client, Packet]:
    """A patient whose packet has details and the records office's letter."""
    packet = full_packet()
    return hand_to(patient, packet), packet


@pytest.fixture
def everything_needed(patient: Client) -> Client:
    """A patient with details saved and every record still needed: three letters."""
    patient.post("/packet/")
    patient.post("/packet/details/", {"name": "Ana Díaz", "phone": "555-0100"})
    return patient


# --- Due dates, without HTTP ----------------------------------------------------------


def test_a_request_is_due_30_days_after_it_went() -> None:
    assert tracker.due_date(date(2026, 11, 1), None, False) == date(2026, 12, 1)


def test_a_promised_date_is_the_due_date() -> None:
    assert tracker.due_date(date(2026, 11, 1), date(2026, 11, 15), False) == date(2026, 11, 15)


def test_more_time_moves_the_due_date_once_by_30_days() -> None:
    assert tracker.due_date(date(2026, 11, 1), None, True) == date(2026, 12, 31)
    assert tracker.due_date(date(2026, 11, 1), date(2026, 11, 15), True) == date(2026, 12, 15)


def test_nothing_is_due_before_the_letter_goes() -> None:
    assert tracker.due_date(None, None, True) is None
    assert tracker.state(date(2026, 12, 1), None).code == tracker.NOT_SENT


def test_overdue_only_after_the_due_date_and_until_everything_came() -> None:
    sent = date(2026, 11, 1)
    assert tracker.state(date(2026, 12, 1), sent).code == tracker.WAITING
    late = tracker.state(date(2026, 12, 11), sent)
    assert (late.code, late.days_late, late.label) == (tracker.OVERDUE, 10, "Overdue by 10 days")
    assert tracker.state(date(2026, 12, 11), sent, received="some").overdue
    assert tracker.state(date(2026, 12, 11), sent, received="all").code == tracker.ALL
    assert tracker.state(date(2026, 11, 20), sent, received="some").code == tracker.SOME


# --- The page and the task list --------------------------------------------------------


def test_the_tracker_comes_after_the_letters_on_the_task_list(everything_needed: Client) -> None:
    page = everything_needed.get("/packet/").content.decode()
    links = re.findall(r'class="task-link" href="([^"]+)"', page)
    assert links.index(URL) == links.index("/packet/letter/") + 1
    assertContains(everything_needed.get(URL), "Track your records requests")


def test_the_page_has_a_form_for_each_letter(everything_needed: Client) -> None:
    page = everything_needed.get(URL).content.decode()
    for kind in ("office", "lab", "imaging"):
        assert f'name="kind" value="{kind}"' in page
    assert "within 30 days" in page and "164.524(b)(2)" in page
    assert "no set deadline" in page  # slides and blocks


def test_an_overdue_request_stands_out_on_the_task_list_and_the_page(
    everything_needed: Client,
) -> None:
    response = send(everything_needed, "office", sent_on=today() - timedelta(days=40))
    assert response.status_code == 302
    row = RecordRequest.objects.get(kind="office")
    assert row.sent_on == today() - timedelta(days=40)
    task_list = everything_needed.get("/packet/").content.decode()
    block = task_list.split('id="task-requests"')[1].split("</li>")[0]
    assert "(1 overdue)" in block
    assert 'class="task-alert"' in block and "Overdue</strong>" in block
    page = everything_needed.get(URL).content.decode()
    assert "Overdue by 10 days" in page
    assert "Overdue: 1 request is late." in page
    assert "/packet/requests/office/follow-up/" in page


def test_a_request_sent_today_is_waiting(everything_needed: Client) -> None:
    send(everything_needed, "imaging", sent_on=today(), sent_how="portal")
    page = everything_needed.get(URL).content.decode()
    assert "Waiting, due" in page
    assert "/packet/requests/imaging/follow-up/" not in page
    block = everything_needed.get("/packet/").content.decode().split('id="task-requests"')[1]
    assert "(1 of 3 sent)" in block.split("</li>")[0]


def test_bad_dates_keep_what_was_saved(everything_needed: Client) -> None:
    sent = today() - timedelta(days=5)
    send(everything_needed, "office", sent_on=sent)
    data = held(everything_needed.get(URL).content.decode(), "office")
    data.pop("office-sent_on")
    data.update({"office-sent_on_month": "2", "office-sent_on_day": "30"})
    data.update({"office-sent_on_year": "2026", "office-received": "some"})
    response = everything_needed.post(URL, data, follow=True)
    assertContains(response, "Date you sent the letter must be a real date.")
    assert response.content.decode().count('class="error-summary"') == 1
    assertContains(response, 'value="30"')  # what was typed stays in its box
    row = RecordRequest.objects.get(kind="office")
    assert (row.sent_on, row.received) == (sent, "")


def test_a_promise_before_the_letter_went_is_refused(everything_needed: Client) -> None:
    sent = today() - timedelta(days=5)
    response = send(everything_needed, "office", sent_on=sent, promised_by=sent - timedelta(days=1))
    assert response.status_code == 303
    assertContains(
        everything_needed.get(response["Location"]),
        "The promised date must be on or after the date you sent it.",
    )
    assert not RecordRequest.objects.exists()


def test_a_stale_tab_never_overwrites_a_change_made_elsewhere(everything_needed: Client) -> None:
    phone = everything_needed
    stale = stale_office_tab(phone)
    # The phone's tab, drawn before, changes what came to "all".
    stale["office-received"] = "all"
    response = phone.post(URL, stale)
    assert response.status_code == 200
    assertContains(response, "Changed on another device while you were editing")
    assertContains(response, "Some of it")
    assert RecordRequest.objects.get(kind="office").received == "some"


def test_a_stale_tab_writes_only_what_it_changed(everything_needed: Client) -> None:
    phone = everything_needed
    stale = stale_office_tab(phone)
    stale["office-sent_how"] = "fax"
    assert phone.post(URL, stale).status_code == 302
    row = RecordRequest.objects.get(kind="office")
    assert (row.sent_how, row.received) == ("fax", "some")


def test_an_unknown_kind_is_404(everything_needed: Client) -> None:
    assert everything_needed.post(URL, {"kind": "dentist"}).status_code == 404
    assert everything_needed.get("/packet/requests/dentist.ics").status_code == 404
    assert everything_needed.get("/packet/requests/dentist/follow-up/").status_code == 404


def test_no_sent_date_gives_a_clear_page(everything_needed: Client) -> None:
    for url in ("/packet/requests/office.ics", "/packet/requests/office/follow-up/"):
        response = everything_needed.get(url)
        assert response.status_code == 200
        assertContains(response, "Add the date you sent it")


def test_a_stranger_gets_nothing_of_another_packet(
    everything_needed: Client, stranger: Client
) -> None:
    send(everything_needed, "office", sent_on=today() - timedelta(days=40))
    for url in (URL, "/packet/requests/office.ics", "/packet/requests/office/follow-up/"):
        response = stranger.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/packet/"
    response = stranger.post(URL, {"kind": "office", "office-received": "all"})
    assertNotContains(response, "Ana", status_code=200)
    assert RecordRequest.objects.get().received == ""


def test_deleting_the_packet_removes_its_requests(everything_needed: Client) -> None:
    send(everything_needed, "office", sent_on=today())
    assert RecordRequest.objects.exists()
    everything_needed.post("/packet/delete/")
    assert not Packet.objects.exists() and not RecordRequest.objects.exists()


def test_purging_an_idle_packet_removes_its_requests(everything_needed: Client, settings) -> None:
    from django.core.management import call_command

    send(everything_needed, "office", sent_on=today())
    old = timezone.now() - timedelta(days=settings.PACKET_MAX_IDLE_DAYS + 1)
    Packet.objects.update(updated_at=old)
    call_command("purge_packets", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Packet.objects.exists() and not RecordRequest.objects.exists()


def test_the_check_page_lists_the_requests(everything_needed: Client) -> None:
    send(everything_needed, "office", sent_on=today() - timedelta(days=3))
    page = everything_needed.get("/packet/check/").content.decode()
    row = page.split("Records requests</dt>")[1].split("</div>")[0]
    assert "Letter to the records office" in row and "Sent " in row
    assert 'href="/packet/requests/">Change' in row


# --- The calendar reminder ------------------------------------------------------------


def reminder(client: Client, kind: str = "office") -> icalendar.Event:
    response = client.get(f"/packet/requests/{kind}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == f'attachment; filename="records-request-{kind}.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    return event


def test_the_reminder_is_an_all_day_event_on_the_due_date_with_an_alarm(full) -> None:
    client, packet = full
    sent = today() - timedelta(days=5)
    send(client, "office", sent_on=sent)
    event = reminder(client)
    assert event.decoded("dtstart") == sent + timedelta(days=30)
    assert type(event.decoded("dtstart")) is date
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(days=-3)
    assert str(alarm["action"]) == "DISPLAY"
    assert str(event["summary"]) == "Records request: records office"
    text = event.to_ical().decode()
    assert packet.name.split()[0] not in text
    assert "lymphoma" not in text.lower()
    assert f":{packet.pk}@" not in text


def test_the_reminder_keeps_its_uid_and_moves_with_an_edit(full) -> None:
    client, _packet = full
    sent = today() - timedelta(days=5)
    send(client, "office", sent_on=sent)
    first, again = reminder(client), reminder(client)
    assert str(first["uid"]) == str(again["uid"])
    send(client, "office", more_time="True")
    edited = reminder(client)
    assert str(edited["uid"]) == str(first["uid"])
    assert edited.decoded("dtstart") == sent + timedelta(days=60)
    assert int(edited["sequence"]) >= int(first["sequence"])


def test_two_packets_have_different_reminders(full, stranger: Client) -> None:
    client, _packet = full
    other = hand_to(stranger, full_packet())
    for each in (client, other):
        send(each, "office", sent_on=today())
    assert str(reminder(client)["uid"]) != str(reminder(other)["uid"])


# --- The follow-up letter and the complaint route -------------------------------------


def test_the_follow_up_letter_cites_the_first_letter_and_asks_within_10_days(full) -> None:
    client, packet = full
    sent = today() - timedelta(days=40)
    send(client, "office", sent_on=sent)
    page = client.get("/packet/requests/office/follow-up/").content.decode()
    first = f"{sent:%B} {sent.day}, {sent.year}"
    assert f"On {first}, I sent you a written request" in page
    assert "within 10 days of this letter" in page
    assert "Pathology report" in page or "pathology report" in page
    assert packet.name in page and packet.phone in page
    assert "My signature" in page
    assert 'class="letter-print"' in page


def test_the_follow_up_page_says_how_to_complain_to_ocr(full) -> None:
    client, _packet = full
    send(client, "office", sent_on=today() - timedelta(days=40))
    page = client.get("/packet/requests/office/follow-up/").content.decode()
    assert "File within 180 days" in page
    assert "ocrportal.hhs.gov" in page
    assert "Office for Civil Rights" in page
    assert "Right under HIPAA to Access" in page
    assert "How to File a Health Information Privacy or Security Complaint" in page
    assert 'href="https://ocrportal' not in page  # an address as text, not a link


def test_the_follow_up_letter_comes_with_a_spanish_copy_not_to_send(full) -> None:
    client, packet = full
    Packet.objects.filter(pk=packet.pk).update(letter_language="es")
    send(client, "office", sent_on=today() - timedelta(days=40))
    page = client.get("/packet/requests/office/follow-up/").content.decode()
    assert "Do not send this copy." in page
    assert 'lang="es"' in page and "within 10 days of this letter" in page


def test_the_pdf_lists_the_requests(full) -> None:
    from tests.printing.test_packet_pdf import pdf_text

    client, _packet = full
    sent = today() - timedelta(days=40)
    send(client, "office", sent_on=sent, sent_how="fax", received="some")
    text = " ".join(pdf_text(client.get("/packet/packet.pdf").content).split())
    part = text.split("My records requests")[1][:400]
    due = sent + timedelta(days=30)
    assert "What Sent How Due Received" in part
    assert "Letter to the records office" in part and "By fax" in part
    assert f"{sent:%B} {sent.day}, {sent.year}" in part
    assert f"{due:%B} {due.day}, {due.year} (Overdue by 10 days)" in part
    assert "Some of it" in part


def test_choosing_mine_after_a_conflict_saves_it(everything_needed: Client) -> None:
    phone = everything_needed
    stale = stale_office_tab(phone)
    stale["office-received"] = "all"
    page = phone.post(URL, stale).content.decode()
    again = held(page, "office")
    again.update({"keep-office-received": "mine", "mine-office-received": "all"})
    assert phone.post(URL, again).status_code == 302
    assert RecordRequest.objects.get(kind="office").received == "all"


def test_the_tracker_speaks_spanish(everything_needed: Client) -> None:
    send(everything_needed, "office", sent_on=today() - timedelta(days=40))
    page = everything_needed.get("/es" + URL).content.decode()
    assert "Siga sus solicitudes de registros" in page
    assert "Atrasada por 10 días" in page
    assert "Imprimir la carta de seguimiento" in page
    follow_up = everything_needed.get("/es/packet/requests/office/follow-up/").content.decode()
    assert "Puede presentar una queja ante la Oficina de Derechos Civiles" in follow_up
    # The letter itself stays in English, to send.
    assert "within 10 days of this letter" in follow_up


def test_the_follow_up_names_the_lab_and_the_medical_record_number(db) -> None:
    packet = full_packet(lab_name="Mercy Pathology Lab")
    details = presenters.details_of(packet)
    sent = date(2026, 10, 1)
    lab = tracker.follow_up_letter("lab", details, sent, (), "", date(2026, 11, 20))
    office = tracker.follow_up_letter("office", details, sent, (), "", date(2026, 11, 20))
    assert "Lab name: Mercy Pathology Lab" in lab.text()
    assert "30 days" not in lab.text()  # slides: no HIPAA clock
    assert "Medical record number, if known: MH-0048812" in office.text()
