"""The records catalogue and the letters a records office can act on (finding 2)."""

import re
from dataclasses import replace
from datetime import date

import pytest
from django.test import Client
from pytest_django.asserts import assertContains

from checklists import records
from checklists.letter import GAP, Details, build_letters, requested_items
from checklists.records import ITEMS, ITEMS_BY_KEY
from tests.factories import DETAILS, full_packet

TODAY = date(2026, 11, 20)
FULL = Details(
    name="Ana Diaz",
    date_of_birth=date(1961, 3, 14),
    address="12 Elm Street, Springfield",
    phone="555-0100",
    records_office="Mercy Records",
    records_office_address="400 Main Street",
    center="City Cancer Center",
    appointment_date=date(2027, 3, 14),
    delivery="me",
    record_format="portal",
    imaging_format="cd",
    had_surgery="yes",
)
SECOND_PERSON = re.compile(r"\b(you|your|yours|yourself)\b", re.IGNORECASE)


def letters_for(details: Details, items=ITEMS) -> dict[str, str]:
    return {letter.kind: letter.text() for letter in build_letters(list(items), details, TODAY)}


def test_every_detail_reaches_the_letter() -> None:
    text = letters_for(FULL)["office"]
    for value in [
        "Ana Diaz",
        "March 14, 1961",
        "12 Elm Street, Springfield",
        "555-0100",
        "Mercy Records",
        "400 Main Street",
        "City Cancer Center",
        "March 14, 2027",
        "in my patient portal",
        "November 20, 2026",
    ]:
        assert value in text, value


def test_missing_details_leave_a_gap_to_fill_in_by_hand() -> None:
    text = letters_for(Details())["office"]
    for label in ["To", "Address", "My name", "Date of birth", "My address", "My phone"]:
        assert f"{label}: {GAP}" in text, label
    assert "another cancer center" not in text  # never a made-up recipient


def test_the_letter_page_shows_the_gaps(patient: Client) -> None:
    patient.post("/packet/")
    response = patient.get("/packet/letter/")
    assertContains(response, 'Date of birth: <span class="gap">', html=False)
    assertContains(response, "(blank, to fill in by hand)")


@pytest.mark.parametrize("delivery", ["me", "center", ""])
def test_no_letter_speaks_in_the_second_person(delivery: str) -> None:
    for kind, text in letters_for(replace(FULL, delivery=delivery)).items():
        found = SECOND_PERSON.findall(text.replace("Thank you.", ""))
        assert found == [], (kind, found)


def test_items_marked_as_not_applying_are_never_requested(patient: Client) -> None:
    patient.post("/packet/")
    patient.post("/packet/letter/", {"had_surgery": "yes"})
    for item in ITEMS:
        if item.requestable:
            patient.post(f"/packet/items/{item.key}/", {"status": "na", "note": ""})
    page = patient.get("/packet/letter/").content.decode()
    for item in ITEMS:
        assert str(item.request or item.title) not in page.split("Your letters")[1]
    assert "There is nothing left to request" in page


def test_items_already_held_or_asked_for_are_left_out() -> None:
    needed = [item for item in ITEMS if item.key not in ("blood-tests", "treatment-plan")]
    text = letters_for(FULL, needed)["office"]
    assert "blood test" not in text and "treatment plan" not in text
    assert "pathology report" in text


def test_surgery_records_only_after_surgery() -> None:
    surgery = str(ITEMS_BY_KEY["operative-report"].request)
    assert surgery in letters_for(FULL)["office"]
    for answer in ("no", ""):
        assert surgery not in letters_for(replace(FULL, had_surgery=answer))["office"]


def test_a_referral_is_never_asked_of_a_records_office() -> None:
    assert not ITEMS_BY_KEY["referral"].requestable
    for text in letters_for(FULL).values():
        assert "referral" not in text.lower()


def test_things_the_patient_gathers_are_never_requested() -> None:
    wanted = {item.key for item in requested_items(list(ITEMS), FULL)}
    assert wanted.isdisjoint(
        {"medicines", "conditions", "insurance-card", "insurance-cover", "referral"}
    )


def test_the_fee_limit_is_promised_only_for_copies_to_the_patient() -> None:
    to_me = letters_for(replace(FULL, delivery="me"))
    to_center = letters_for(replace(FULL, delivery="center"))
    assert "cost-based fee" in to_me["office"] and "The copies are for me" in to_me["office"]
    for text in to_center.values():
        assert "cost-based" not in text  # Ciox Health v. Azar: not for third parties
    assert "cost-based" not in to_me["lab"]  # slides go to the center's pathologist


def test_requests_under_hipaa_state_the_thirty_days_as_a_limit_and_the_one_extension() -> None:
    for delivery in ("me", "center"):
        letters = letters_for(replace(FULL, delivery=delivery, record_format="electronic"))
        for kind in ("office", "imaging"):
            text = letters[kind]
            assert "30 days at most" in text and "That is a limit, not a goal." in text
            assert "within those 30 days" in text and "It may do this once." in text
        assert "30 days" not in letters["lab"]  # slides: no HIPAA clock


def test_delivery_goes_to_the_patient_or_straight_to_the_named_center() -> None:
    to_me = letters_for(FULL)["office"]
    assert "The copies are for me." in to_me and "Send to:" not in to_me
    text = letters_for(replace(FULL, delivery="center"))["office"]
    assert "Send to: City Cancer Center" in text
    assert "Mailing address: " + GAP in text and "Fax: " + GAP in text
    assert "The copies are for me" not in text


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("record_format", "portal", "Please put them in my patient portal"),
        ("record_format", "electronic", "Please email an electronic copy to"),
        ("record_format", "cd", "on a CD or USB drive and mail it to me"),
        ("record_format", "paper", "Please mail paper copies to my address below."),
        ("imaging_format", "cd", "I would like them on a CD or DVD, with a viewer on the disc."),
        ("imaging_format", "link", "I would like them through a secure image-sharing link."),
    ],
)
def test_the_format_asked_is_in_the_letter(field: str, value: str, words: str) -> None:
    letters = letters_for(replace(FULL, **{field: value}))
    kind = "imaging" if field == "imaging_format" else "office"
    assert words in letters[kind]


def test_slides_and_images_get_letters_of_their_own() -> None:
    letters = letters_for(FULL)
    assert set(letters) == {"office", "lab", "imaging"}
    lab = letters["lab"]
    assert "glass slides and tissue blocks (or recut slides)" in lab
    assert "new slides cut from them are fine" in lab and "needs the slides back" in lab
    assert "look at my slides again" in lab
    assert "images of my CT, MRI, PET" in letters["imaging"]
    assert "slides" not in letters["office"] and "images of my" not in letters["office"]


def test_no_lab_or_imaging_letter_when_those_are_in_hand() -> None:
    needed = [item for item in ITEMS if item.key not in ("pathology-slides", "imaging-disc")]
    assert set(letters_for(FULL, needed)) == {"office"}


# --- The catalogue carries the content review's facts -------------------------


def test_pathology_texts_say_slides_are_reviewed_again_and_slow() -> None:
    slides = ITEMS_BY_KEY["pathology-slides"]
    text = f"{slides.what} {slides.where}"
    assert "look at them again" in text and "slowest" in text and "ask early" in text
    assert "ask for them directly" in text
    assert "new slides cut from the block" in text and "want the slides back" in text


def test_biomarker_texts_tell_tumor_testing_from_inherited_testing() -> None:
    group = records.GROUPS_BY_KEY["biomarkers"]
    assert "HER2" in group.why and "PD-L1" in group.why
    assert "germline" in group.why and "born with" in group.why


def test_the_letter_page_states_the_records_law(patient: Client) -> None:
    patient.post("/packet/")
    response = patient.get("/packet/letter/")
    for words in [
        "30 days at most",
        "within those 30 days",
        "Ciox Health v. Azar",
        "shorter limits",
    ]:
        assertContains(response, words)


def test_the_letter_page_is_built_from_the_saved_choices(patient: Client) -> None:
    patient.post("/packet/")
    patient.post("/packet/details/", {"name": "Ana Diaz", "records_office": "Mercy Records"})
    response = patient.post(
        "/packet/letter/",
        {
            "had_surgery": "no",
            "delivery": "center",
            "record_format": "paper",
            "imaging_format": "link",
        },
    )
    assert response.status_code == 302
    page = patient.get("/packet/letter/")
    assertContains(page, "To: Mercy Records")
    assertContains(page, "a HIPAA authorization (45 CFR 164.508)")
    assertContains(page, "through a secure image-sharing link")
    assertContains(page, 'class="letter-print"', count=3)


def test_the_factory_packet_asks_one_office_only(db) -> None:
    packet = full_packet()
    from checklists import presenters

    letters = presenters.letters(packet, TODAY)
    assert [letter.kind for letter in letters] == ["office"]
    assert DETAILS["name"] in letters[0].text()


def test_checklist_and_letter_texts_read_at_grade_eight_or_lower() -> None:
    from guides.markdown import reading_grade

    checklist = [str(text) for group in records.GROUPS for text in (group.title, group.why)] + [
        str(text) for item in ITEMS for text in (item.title, item.what, item.where)
    ]
    assert reading_grade("\n\n".join(checklist)) <= 8
    for kind, text in letters_for(FULL).items():
        assert reading_grade(text) <= 8, kind
