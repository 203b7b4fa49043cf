"""#24 item 2: a stale page or a paired device never silently puts back an
older value. Each page sends every field, as a browser does, with the values
it was drawn with."""

import html
import re

import pytest
from django.test import Client

from checklists.models import ChecklistEntry
from packets.models import Packet
from tests.packets.test_pairing_and_sharing import joined

pytestmark = pytest.mark.django_db

DRAWN = re.compile(r'<input type="hidden" name="drawn-([^"]+)" value="([^"]*)">')


def held(page: str) -> dict[str, str]:
    """What a browser holds on ``page``: each field as drawn, and the drawn values."""
    values = {name: html.unescape(value) for name, value in DRAWN.findall(page)}
    return {**values, **{f"drawn-{name}": value for name, value in values.items()}}


def drawn(client: Client, url: str) -> dict[str, str]:
    """What a browser holds after loading ``url``."""
    return held(client.get(url).content.decode())


@pytest.fixture
def phone(db) -> Client:
    client = Client()
    client.post("/packet/")
    client.post("/packet/details/", {"name": "Ana", "phone": "555-0100"})
    return client


@pytest.fixture
def laptop(phone: Client) -> Client:
    return joined(phone, "edit")


def test_a_stale_details_page_keeps_the_phone_number_saved_meanwhile(
    phone: Client, laptop: Client
) -> None:
    stale = drawn(phone, "/packet/details/")
    fresh = drawn(laptop, "/packet/details/")
    laptop.post("/packet/details/", {**fresh, "phone": "555-0199"})
    # The phone's tab, drawn before, changes only the name.
    response = phone.post("/packet/details/", {**stale, "name": "Ana María"})
    assert response.status_code == 302
    packet = Packet.objects.get()
    assert (packet.name, packet.phone) == ("Ana María", "555-0199")


def test_the_same_field_changed_on_both_sides_asks_and_loses_nothing(
    phone: Client, laptop: Client
) -> None:
    stale = drawn(phone, "/packet/details/")
    laptop.post("/packet/details/", {**drawn(laptop, "/packet/details/"), "phone": "555-0199"})
    page = phone.post("/packet/details/", {**stale, "phone": "555-0123", "name": "Ana M"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Changed on another device while you were editing" in text
    assert "555-0199" in text and "555-0123" in text  # both values shown
    packet = Packet.objects.get()
    assert packet.phone == "555-0199"  # the saved one is kept until the patient picks
    assert packet.name == "Ana M"  # the change nobody else made is saved
    # The patient picks theirs.
    choice = held(text)
    choice.update({"keep-phone": "mine", "mine-phone": "555-0123"})
    assert phone.post("/packet/details/", choice).status_code == 302
    assert Packet.objects.get().phone == "555-0123"


def test_keeping_the_saved_value_writes_nothing(phone: Client, laptop: Client) -> None:
    stale = drawn(phone, "/packet/details/")
    laptop.post("/packet/details/", {**drawn(laptop, "/packet/details/"), "phone": "555-0199"})
    text = phone.post("/packet/details/", {**stale, "phone": "555-0123"}).content.decode()
    choice = {**held(text), "keep-phone": "saved"}
    choice["mine-phone"] = "555-0123"
    assert phone.post("/packet/details/", choice).status_code == 302
    assert Packet.objects.get().phone == "555-0199"


def test_a_stale_records_page_keeps_a_status_saved_meanwhile(phone: Client, laptop: Client) -> None:
    url = "/packet/records/pathology/"
    stale = drawn(phone, url)
    laptop.post("/packet/items/pathology-report/", {"status": "have", "note": "from the lab"})
    # The phone's tab changes another item and presses Save and continue.
    response = phone.post(url, {**stale, "pathology-slides-status": "asked"})
    assert response.status_code == 302
    rows = dict(ChecklistEntry.objects.values_list("item_key", "status"))
    assert rows["pathology-report"] == "have"
    assert rows["pathology-slides"] == "asked"
    assert ChecklistEntry.objects.get(item_key="pathology-report").note == "from the lab"


def test_an_autosave_from_a_stale_page_says_not_saved(phone: Client, laptop: Client) -> None:
    stale = drawn(phone, "/packet/records/pathology/")
    laptop.post("/packet/items/pathology-report/", {"status": "have", "note": ""})
    item = {k: v for k, v in stale.items() if "pathology-report-" in k}
    response = phone.post(
        "/packet/items/pathology-report/",
        {**item, "pathology-report-status": "asked"},
        headers={"HX-Request": "true"},
    )
    assert response["X-Autosave"] == "refused"
    text = response.content.decode()
    assert "changed on another device to “Have it”" in text
    assert ChecklistEntry.objects.get(item_key="pathology-report").status == "have"
    # The page now knows what is saved: choosing again saves.
    assert 'name="drawn-pathology-report-status" value="have"' in text
    again = phone.post(
        "/packet/items/pathology-report/",
        {
            "drawn-pathology-report-status": "have",
            "drawn-pathology-report-note": "",
            "pathology-report-status": "asked",
            "pathology-report-note": "",
        },
        headers={"HX-Request": "true"},
    )
    assert again.status_code == 200 and "saved-flag" in again.content.decode()
    assert ChecklistEntry.objects.get(item_key="pathology-report").status == "asked"


def test_a_letter_autosave_from_a_stale_page_keeps_the_other_choice(
    phone: Client, laptop: Client
) -> None:
    stale = drawn(phone, "/packet/letter/")
    laptop.post("/packet/letter/", {**drawn(laptop, "/packet/letter/"), "delivery": "center"})
    response = phone.post(
        "/packet/letter/", {**stale, "record_format": "paper"}, headers={"HX-Request": "true"}
    )
    assert response["X-Autosave"] == "saved"
    packet = Packet.objects.get()
    assert (packet.delivery, packet.record_format) == ("center", "paper")


def test_a_letter_conflict_redraws_the_choice_and_keeping_the_saved_one_holds(
    phone: Client, laptop: Client
) -> None:
    stale = drawn(phone, "/packet/letter/")
    laptop.post("/packet/letter/", {**drawn(laptop, "/packet/letter/"), "delivery": "center"})
    response = phone.post(
        "/packet/letter/", {**stale, "delivery": "me"}, headers={"HX-Request": "true"}
    )
    assert response["X-Autosave"] == "refused"
    text = response.content.decode()
    assert "Changed on another device while you were editing" in text
    # The radios now show what is saved; the patient's own waits in the box.
    assert re.search(r'value="center"[^>]*checked', text)
    assert Packet.objects.get().delivery == "center"
    # Another choice on the redrawn page, the conflict left at "keep the saved one".
    form = held(text)
    form.update({"record_format": "paper", "keep-delivery": "saved", "mine-delivery": "me"})
    phone.post("/packet/letter/", form, headers={"HX-Request": "true"})
    packet = Packet.objects.get()
    assert (packet.delivery, packet.record_format) == ("center", "paper")


def test_the_letter_language_suggestion_is_no_conflict(phone: Client) -> None:
    page = drawn(phone, "/es/packet/letter/")
    response = phone.post("/es/packet/letter/", {**page, "letter_language": "en"})
    assert response.status_code == 302
    assert Packet.objects.get().letter_language == "en"


def test_line_endings_are_no_change(phone: Client, laptop: Client) -> None:
    laptop.post("/packet/items/medicines/", {"status": "have", "note": "one\r\ntwo"})
    # The page holds the note in a hidden input, which a browser reads with
    # LF; the form sends the textarea back as CRLF, unchanged.
    response = phone.post(
        "/packet/items/medicines/",
        {
            "drawn-medicines-status": "have",
            "drawn-medicines-note": "one\ntwo",
            "medicines-status": "asked",
            "medicines-note": "one\r\ntwo",
        },
        headers={"HX-Request": "true"},
    )
    assert "saved-flag" in response.content.decode()
    assert ChecklistEntry.objects.get(item_key="medicines").status == "asked"


def test_an_autosave_conflict_redraws_the_item_with_the_saved_values(
    phone: Client, laptop: Client
) -> None:
    stale = drawn(phone, "/packet/records/pathology/")
    laptop.post("/packet/items/pathology-report/", {"status": "have", "note": "from the lab"})
    item = {k: v for k, v in stale.items() if "pathology-report-" in k}
    text = phone.post(
        "/packet/items/pathology-report/",
        {**item, "pathology-report-status": "asked", "pathology-report-note": "mine"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert '<fieldset id="item-pathology-report"' in text and 'hx-swap-oob="true"' in text
    assert re.search(r'id="status-pathology-report-have"[^>]*checked', text)
    assert ">from the lab</textarea>" in text  # the saved note in the box
    assert "Yours was: “mine”" in text  # and the patient's own quoted


def test_a_refused_records_page_keeps_the_values_it_was_drawn_with(
    phone: Client, laptop: Client
) -> None:
    url = "/packet/records/pathology/"
    stale = drawn(phone, url)
    laptop.post("/packet/items/pathology-report/", {"status": "have", "note": ""})
    refused = phone.post(url, {**stale, "pathology-slides-note": "x" * 600}, follow=True)
    assert refused.redirect_chain[0][1] == 303
    again = held(refused.content.decode())
    assert again["drawn-pathology-report-status"] == "need"  # still what the page was drawn with
    form = {**stale, "pathology-slides-note": "short"}
    assert phone.post(url, form).status_code == 302
    assert ChecklistEntry.objects.get(item_key="pathology-report").status == "have"


def test_personal_fields_say_what_they_are(phone: Client) -> None:
    # #24 item 7, in part: autocomplete tokens (WCAG 1.3.5) and the phone keypad.
    page = phone.get("/packet/details/").content.decode()
    assert re.search(r'<input type="text" name="name"[^>]*autocomplete="name"', page)
    assert re.search(r'<textarea name="address"[^>]*autocomplete="street-address"', page)
    assert re.search(r'<input type="tel" name="phone"[^>]*autocomplete="tel"', page)
    for part in ("month", "day", "year"):
        assert re.search(rf'name="date_of_birth_{part}"[^>]*autocomplete="bday-{part}"', page)
    assert not re.search(r'name="appointment_date_month"[^>]*autocomplete="bday', page)
