"""#24 items 7 and 8, and its "valid, predictable markup" and "small truths":
dates in three boxes with messages that say what is wrong, boxes that take
more than their limit and say so, one wording for length errors, one error
summary in one place, Post/Redirect/Get after a refused form, one named
search landmark, and one privacy wording."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from checklists.models import ChecklistEntry, PacketQuestion
from packets.models import Packet
from tests.packets.test_pairing_and_sharing import make_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_packet(patient: Client) -> Client:
    patient.post("/packet/")
    return patient


def birth(client: Client, month: str, day: str, year: str, **more):
    """Send the details page as a phone does: the three date boxes, and any other field."""
    data = {"date_of_birth_month": month, "date_of_birth_day": day, "date_of_birth_year": year}
    return client.post("/packet/details/", {**data, **more}, follow=True)


def error_of(response) -> str:
    found = re.search(
        r'id="id_date_of_birth-error">.*?</span> ([^<]+)</p>', response.content.decode()
    )
    return found.group(1) if found else ""


# --- Item 7: dates -----------------------------------------------------------------


def test_the_date_of_birth_is_month_day_and_year_boxes_with_a_number_keypad(
    with_packet: Client,
) -> None:
    page = with_packet.get("/packet/details/").content.decode()
    group = page[page.index('<fieldset class="date-field" id="id_date_of_birth"') :]
    group = group[: group.index("</fieldset>")]
    assert "<legend>Date of birth</legend>" in group
    labels = re.findall(r'<label for="id_date_of_birth_\d">(\w+)</label>', group)
    assert labels == ["Month", "Day", "Year"]  # US order
    for part in ("month", "day", "year"):
        box = re.search(rf'<input [^>]*name="date_of_birth_{part}"[^>]*>', group).group(0)
        assert 'inputmode="numeric"' in box
        assert f'autocomplete="bday-{part}"' in box


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("3", "", ""), "Date of birth must include a day and a year."),
        (("", "14", "1961"), "Date of birth must include a month."),
        (("3", "14", ""), "Date of birth must include a year."),
        (("3", "14", "61"), "Year must include 4 numbers, for example 1961."),
        (("2", "30", "1961"), "Date of birth must be a real date."),
        (("13", "1", "1961"), "Date of birth must be a real date."),
        (("March", "14", "1961"), "Date of birth must be a real date. Use numbers only."),
        (("1", "1", "1890"), f"Date of birth must be in {date.today().year - 120} or later."),
        (("1", "1", str(date.today().year + 1)), "Date of birth must be today or in the past."),
    ],
)
def test_each_date_mistake_gets_its_own_message_and_nothing_typed_is_lost(
    with_packet: Client, parts: tuple[str, str, str], message: str
) -> None:
    response = birth(with_packet, *parts, name="Ana Diaz")
    assert error_of(response).startswith(message)
    page = response.content.decode()
    assert 'value="Ana Diaz"' in page  # the other field is shown back, not saved
    for part, typed in zip(("month", "day", "year"), parts, strict=True):
        if typed:
            assert f'name="date_of_birth_{part}" value="{typed}"' in page
    packet = Packet.objects.get()
    assert (packet.name, packet.date_of_birth) == ("", None)


@pytest.mark.parametrize(
    "parts", [("03", "14", "1961"), ("3", "14", "1961"), (" 3 ", "14", "1961")]
)
def test_a_real_date_saves_however_the_numbers_are_typed(
    with_packet: Client, parts: tuple[str, str, str]
) -> None:
    birth(with_packet, *parts)
    assert Packet.objects.get().date_of_birth == date(1961, 3, 14)


def test_the_error_summary_leads_to_the_box_to_fix(with_packet: Client) -> None:
    page = birth(with_packet, "3", "", "1961").content.decode()
    assert '<a href="#id_date_of_birth_1">Date of birth must include a day.</a>' in page
    page = birth(with_packet, "3", "14", "61").content.decode()
    assert '<a href="#id_date_of_birth_2">Year must include 4 numbers' in page


def test_the_appointment_and_call_dates_say_what_is_allowed(with_packet: Client) -> None:
    far = str(date.today().year + 5)
    response = with_packet.post(
        "/packet/details/",
        {"appointment_date_month": "1", "appointment_date_day": "1", "appointment_date_year": far},
        follow=True,
    )
    assertContains(response, "Appointment date, if you have one must be no more than three years")
    response = with_packet.post(
        "/packet/insurance/",
        {"call_date_month": "1", "call_date_day": "1", "call_date_year": "2001"},
        follow=True,
    )
    assertContains(response, "Date of the call must be no more than a year ago.")


def test_two_devices_changing_the_date_of_birth_choose_between_readable_dates(
    with_packet: Client,
) -> None:
    stale = with_packet.get("/packet/details/").content.decode()
    drawn = dict(re.findall(r'name="(drawn-[^"]+)" value="([^"]*)"', stale))
    birth(with_packet, "3", "14", "1961")
    response = with_packet.post(
        "/packet/details/",
        {
            **drawn,
            "date_of_birth_month": "4",
            "date_of_birth_day": "2",
            "date_of_birth_year": "1962",
        },
    )
    assertContains(response, "Changed on another device while you were editing")
    assertContains(response, "<strong>3/14/1961</strong>")
    assertContains(response, "<strong>4/2/1962</strong>")
    assert Packet.objects.get().date_of_birth == date(1961, 3, 14)


# --- Item 8: lengths, one wording, the error summary, PRG -------------------------------


def test_a_long_paste_is_kept_whole_and_refused_with_how_long_it_is(with_packet: Client) -> None:
    page = with_packet.get("/packet/records/health/").content.decode()
    box = re.search(r'<textarea id="note-medicines"[^>]*>', page).group(0)
    assert "maxlength" not in box.replace("data-maxlength", "")  # the browser cuts nothing
    assert 'data-maxlength="500"' in box
    pasted = "p" * 5000
    data = {"medicines-status": "have", "medicines-note": pasted}
    response = with_packet.post("/packet/records/health/", data, follow=True)
    assertContains(response, "Note must be 500 characters or fewer. It has 5000.")
    assertContains(response, f">{pasted}</textarea>")
    assert not ChecklistEntry.objects.exists()


def test_no_box_a_patient_types_in_cuts_text_short(with_packet: Client) -> None:
    for url in ("/packet/details/", "/packet/insurance/", "/packet/questions/", "/packet/share/"):
        page = with_packet.get(url).content.decode()
        main = page[page.index("<main") :]
        assert not re.search(r"<(input|textarea)\b[^>]*\smaxlength=", main), url


LENGTH = re.compile(r"^.+ must be \d+ characters or fewer\. It has \d+\.$")


def test_every_length_error_is_worded_one_way(with_packet: Client) -> None:
    messages = []
    pages = [
        ("/packet/details/", {"name": "n" * 81}),
        ("/packet/details/", {"address": "a" * 201}),
        ("/packet/insurance/", {"reference": "r" * 61}),
        ("/packet/questions/", {"action": "add", "text": "q" * 301}),
        ("/packet/records/health/", {"medicines-status": "have", "medicines-note": "x" * 501}),
        ("/packet/share/", {"rights": "view", "label": "l" * 200}),
    ]
    for url, data in pages:
        page = with_packet.post(url, data, follow=True).content.decode()
        found = re.findall(
            r'class="field-error"[^>]*><span class="visually-hidden">Error:</span> ([^<]+)<', page
        )
        assert found, url
        messages += found
    wrong = [m for m in messages if not LENGTH.match(m.split(": ")[-1])]
    assert not wrong


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/packet/details/", {"date_of_birth_month": "3"}),
        ("/packet/insurance/", {"reference": "r" * 61}),
        ("/packet/questions/", {"action": "add", "text": ""}),
        ("/packet/records/health/", {"medicines-status": "bogus"}),
        ("/packet/share/", {"rights": "everything"}),
        ("/packet/join/", {"code": "ZZZZ-ZZZZ", "replace": "1"}),
        ("/questionnaire/urgency/", {}),
        ("/questionnaire/values/", {"start-soon": "9"}),
        ("/questionnaire/sure/", {"sure-sure": "maybe"}),
    ],
)
def test_a_refused_form_redirects_and_shows_one_focused_summary_before_the_heading(
    with_packet: Client, url: str, data: dict
) -> None:
    with_packet.post("/questionnaire/")
    response = with_packet.post(url, data)
    assert response.status_code == 303  # Post/Redirect/Get: Back never asks to resubmit
    assert response["Location"].startswith(f"{url}?held=")
    page = with_packet.get(response["Location"]).content.decode()
    assert page.count('class="error-summary"') == 1
    summary = re.search(r'<div class="error-summary"[^>]*>', page).group(0)
    assert "autofocus" in summary and 'tabindex="-1"' in summary
    main = page[page.index("<main") :]
    assert main.index('class="error-summary"') < main.index("<h1")
    # Reload shows the same page again; nothing was lost.
    assert with_packet.get(response["Location"]).content.decode().count("error-summary") >= 1


def test_a_held_form_is_for_its_own_page_and_session_only(with_packet: Client, db) -> None:
    response = with_packet.post("/packet/details/", {"name": "Secret Name" + "n" * 80})
    location = response["Location"]
    other = Client()
    other.post("/packet/")
    assertNotContains(other.get(location), "Secret Name")
    token = location.split("held=")[1]
    assertNotContains(with_packet.get(f"/packet/insurance/?held={token}"), "Secret Name")
    assertContains(with_packet.get(location), "Secret Name")


def test_the_questions_limit_message_survives_the_redirect(with_packet: Client) -> None:
    PacketQuestion.objects.bulk_create(
        PacketQuestion(packet=Packet.objects.get(), text=f"Q{n}?", position=n) for n in range(20)
    )
    response = with_packet.post(
        "/packet/questions/", {"action": "add", "text": "One more?"}, follow=True
    )
    assertContains(response, "You can keep up to 20 questions.")
    assertContains(response, "One more?</textarea>")


# --- Valid, predictable markup; small truths --------------------------------------------


def test_each_page_has_one_named_search_landmark(with_packet: Client, guides_loaded) -> None:
    for url in ("/", "/search/?q=biopsy", "/no-such-page/", "/packet/letter/"):
        page = with_packet.get(url).content.decode()
        landmarks = re.findall(r'<[^>]+role="search"[^>]*>', page)
        assert len(landmarks) == 1, url
        assert 'aria-label="Site search"' in landmarks[0]


def test_the_letter_page_names_each_region_once(with_packet: Client) -> None:
    with_packet.post("/packet/letter/", {"letter_language": "es"})
    page = with_packet.get("/packet/letter/").content.decode()
    names = []
    for target in re.findall(r'<section[^>]*aria-labelledby="([^"]+)"', page):
        heading = re.search(rf'id="{target}"[^>]*>(.*?)</h[23]>', page, re.S).group(1)
        names.append(re.sub(r"<[^>]+>", "", heading).strip())
    assert len(names) >= 4
    assert len(names) == len(set(names))


def test_every_page_that_speaks_of_keeping_data_says_the_same_true_thing(
    with_packet: Client, guides_loaded
) -> None:
    days = settings.PACKET_MAX_IDLE_DAYS
    sentence = (
        f"We keep your answers and packet on our server for up to {days} days "
        "after your last change."
    )
    stranger = Client()
    for client, url in [
        (stranger, "/"),
        (stranger, "/questionnaire/"),
        (stranger, "/packet/"),
        (with_packet, "/packet/"),
    ]:
        page = client.get(url).content.decode()
        assert sentence in page, url
        assert "browser session" not in page, url


def test_text_saved_before_with_separators_can_still_be_edited(with_packet: Client) -> None:
    """Rows saved before core/text.py may hold U+2028; the page now draws them
    as newlines. That difference is no change and no conflict: the edit saves."""
    Packet.objects.update(address="1 Elm Street\u2028Springfield")
    page = with_packet.get("/packet/details/").content.decode()
    drawn = dict(re.findall(r'name="(drawn-[^"]+)" value="([^"]*)"', page))
    fields = {name.removeprefix("drawn-"): value for name, value in drawn.items()}
    response = with_packet.post(
        "/packet/details/", {**drawn, **fields, "address": "2 Oak Road\nSpringfield"}
    )
    assert response.status_code == 302
    assert Packet.objects.get().address == "2 Oak Road\nSpringfield"


def test_forms_held_for_one_packet_are_gone_once_the_browser_opens_another(
    with_packet: Client,
) -> None:
    held_at = with_packet.post("/packet/details/", {"name": "Held Name " + "n" * 80})["Location"]
    owner = Client()
    owner.post("/packet/")
    code = make_code(owner)
    joined = with_packet.post("/packet/join/", {"code": code, "replace": "1"})
    assert joined.status_code == 302
    assertNotContains(with_packet.get(held_at), "Held Name")
