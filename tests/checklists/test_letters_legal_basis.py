"""Each records letter rests on one legal basis, picked from what the patient
chose, and says nothing that contradicts it (45 CFR 164.524, 164.508; Ciox
Health v. Azar; HHS right-of-access guidance). Read as a records office would:
every combination of recipient, format and kind of item."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.test import Client
from pytest_django.asserts import assertContains

from checklists.letter import (
    ACCESS,
    AUTHORIZATION,
    CONSENT,
    DIRECTIVE,
    GAP,
    Details,
    build_letters,
    default_send_by,
)
from checklists.records import ITEMS

TODAY = date(2026, 12, 1)
VISIT = date(2027, 1, 20)
FULL = Details(
    name="Ana Diaz",
    other_names="Ana Lopez",
    date_of_birth=date(1961, 3, 14),
    address="12 Elm Street, Springfield",
    phone="555-0100",
    email="ana@example.org",
    mrn="MRN-448812",
    service_dates="September 2026 to now",
    first_doctor="Dr. Rivera",
    records_office="Mercy Records",
    records_office_address="400 Main Street",
    lab_name="Mercy Pathology Lab",
    lab_cases="S26-12345",
    procedure_dates="October 3, 2026",
    imaging_exams="CT chest, October 2, 2026, City Imaging",
    center="City Cancer Center",
    center_address="1 Center Way, Chicago",
    center_fax="555-0199",
    center_phone="555-0198",
    center_email="records@citycancer.example",
    center_contact="New patient office",
    appointment_date=VISIT,
    had_surgery="yes",
)
RECORD_FORMATS = ["portal", "electronic", "cd", "paper"]
IMAGING_FORMATS = ["cd", "link"]
COMBINATIONS = [
    (delivery, record, imaging)
    for delivery in ("me", "center")
    for record in RECORD_FORMATS
    for imaging in IMAGING_FORMATS
]
AUTHORIZATION_ELEMENTS = [
    "What may be sent: The records listed above",  # description of the information
    "Who may send them: Mercy Records",  # who may disclose
    "Who may receive them: City Cancer Center, at the address or fax above",  # recipient
    "Why: A second opinion on my cancer care, at my request.",  # purpose
    "This permission ends on: December 1, 2027",  # expiry
    "I may cancel this permission at any time by writing",  # right to revoke, and how
    "may not refuse to treat me because I do not sign this",  # no conditioning
    "may share them again. Federal privacy law may then no longer protect them.",  # redisclosure
    "If someone signs for me",  # a personal representative's authority
    f"My signature: {GAP}",
    f"Date signed: {GAP}",
]


def letters(details: Details) -> dict[str, object]:
    return {letter.kind: letter for letter in build_letters(list(ITEMS), details, TODAY)}


@pytest.mark.parametrize(("delivery", "record", "imaging"), COMBINATIONS)
def test_every_letter_rests_on_the_basis_its_choices_call_for(delivery, record, imaging) -> None:
    chosen = replace(FULL, delivery=delivery, record_format=record, imaging_format=imaging)
    by_kind = letters(chosen)
    assert set(by_kind) == {"office", "lab", "imaging"}
    office, lab, scans = (by_kind[k].text() for k in ("office", "lab", "imaging"))
    expected_office = (
        ACCESS if delivery == "me" else AUTHORIZATION if record == "paper" else DIRECTIVE
    )
    assert by_kind["office"].basis == expected_office
    assert by_kind["imaging"].basis == (ACCESS if delivery == "me" else DIRECTIVE)
    assert by_kind["lab"].basis == CONSENT

    # Every letter asks for the records by a date: a week before the visit.
    for text in (office, lab, scans):
        assert "Please send them by January 13, 2027." in text

    if expected_office == ACCESS:
        assert "HIPAA right of access (45 CFR 164.524)" in office
        assert "The copies are for me." in office and "cost-based fee" in office
        assert "30 days at most" in office
        # Nothing that would make it a disclosure to someone else.
        for words in ("Send to:", "straight to", "authorization", "164.508"):
            assert words not in office, words
    if expected_office == DIRECTIVE:
        assert "164.524(c)(3)(ii)" in office and "I direct this office" in office
        assert "electronic copy" in office and "30 days at most" in office
        # The recipient and where to send, as the rule asks.
        for line in (
            "Send to: City Cancer Center",
            "Mailing address: 1 Center Way, Chicago",
            "Fax: 555-0199",
            "Secure email: records@citycancer.example",
        ):
            assert line in office, line
        # Anything not kept electronically goes under an authorization.
        assert "My permission for anything not kept electronically" in office
        for element in AUTHORIZATION_ELEMENTS:
            assert element in office, element
        assert "cost-based" not in office  # Ciox: the fee limit is for copies to me
        assert "send me copies" not in office and "The copies are for me" not in office
    if expected_office == AUTHORIZATION:
        assert "HIPAA authorization (45 CFR 164.508)" in office
        assert "paper copies" in office
        for line in ("Mailing address: 1 Center Way, Chicago", "Fax: 555-0199"):
            assert line in office, line
        for element in AUTHORIZATION_ELEMENTS:
            assert element in office, element
        # No right-of-access clock or fee promise on an authorization.
        for words in ("30 days", "right of access", "cost-based", "The copies are for me"):
            assert words not in office, words

    # Slides and blocks: a consent, never the HIPAA clock.
    for words in ("30 days", "right of access", "164.524"):
        assert words not in lab, words
    for words in (
        "Lab name: Mercy Pathology Lab",
        "Case (accession) numbers: S26-12345",
        "Date of the biopsy or surgery: October 3, 2026",
        "the pathology report for each case",
        "immunostain (IHC) slides",
        "new slides cut from them are fine",
        "needs the slides back",
        "This consent ends on December 1, 2027. I may cancel it in writing at any time.",
        "Send to: Pathology department, City Cancer Center",
    ):
        assert words in lab, words

    # Scans: the exams, the format the new radiologists read, and the reports.
    for words in (
        "The scans (type, date and place): CT chest, October 2, 2026, City Imaging",
        "DICOM format, with a viewer",
        "the radiologist's report for each scan",
        "earlier scans of the same areas",
    ):
        assert words in scans, words
    if delivery == "me":
        assert "The copies are for me." in scans and "Send to:" not in scans
    else:
        assert "I direct this department" in scans and "Send to: City Cancer Center" in scans
        assert "The copies are for me" not in scans


@pytest.mark.parametrize("kind", ["office", "lab", "imaging"])
def test_letters_carry_the_identifiers_an_office_finds_a_chart_with(kind) -> None:
    text = letters(replace(FULL, delivery="me", record_format="electronic"))[kind].text()
    for line in (
        "Patient: Ana Diaz",
        "Other names on my records: Ana Lopez",
        "Date of birth: March 14, 1961",
        "Medical record number, if known: MRN-448812",
        "My email: ana@example.org",
    ):
        assert line in text, line
    if kind == "office":
        assert "Dates of care to include: September 2026 to now" in text
        assert "My doctor there: Dr. Rivera" in text
        assert "Please email an electronic copy to ana@example.org." in text


def test_other_names_and_email_are_left_out_rather_than_left_blank() -> None:
    text = letters(replace(FULL, other_names="", email="", delivery="me"))["office"].text()
    assert "Other names" not in text and "My email" not in text
    assert f"Medical record number, if known: {GAP}" in letters(Details())["office"].text()


def test_an_email_copy_without_an_email_address_leaves_a_line_to_fill_in() -> None:
    text = letters(replace(FULL, email="", record_format="electronic", delivery="me"))
    assert f"Please email an electronic copy to: {GAP}" in text["office"].text()


def test_without_a_chosen_recipient_the_copies_come_to_the_patient() -> None:
    by_kind = letters(replace(FULL, delivery=""))
    assert by_kind["office"].basis == ACCESS and by_kind["imaging"].basis == ACCESS


@pytest.mark.parametrize(
    ("appointment", "urgent", "expected"),
    [
        (VISIT, False, VISIT - timedelta(days=7)),
        (VISIT, True, VISIT - timedelta(days=10)),
        (None, False, TODAY + timedelta(days=21)),
        (None, True, TODAY + timedelta(days=10)),
        # A visit too soon for a week's notice: still a date an office can meet.
        (TODAY + timedelta(days=5), False, TODAY + timedelta(days=3)),
    ],
)
def test_the_send_by_date_comes_before_the_visit_and_sooner_when_urgent(
    appointment, urgent, expected
) -> None:
    assert default_send_by(TODAY, appointment, urgent) == expected


def test_a_date_the_patient_chose_wins_and_urgency_is_said() -> None:
    chosen = replace(FULL, send_by=date(2026, 12, 20), urgent=True)
    for letter in build_letters(list(ITEMS), chosen, TODAY):
        text = letter.text()
        assert "Please send them by December 20, 2026." in text
        assert "My treatment decision is waiting on them." in text


# --- The pages ------------------------------------------------------------------


def test_the_details_page_asks_for_what_the_letters_need(patient: Client) -> None:
    patient.post("/packet/")
    page = patient.get("/packet/details/").content.decode()
    for name in (
        "other_names",
        "email",
        "mrn",
        "service_dates",
        "lab_name",
        "lab_cases",
        "procedure_dates",
        "imaging_exams",
        "center_address",
        "center_fax",
        "center_phone",
        "center_email",
        "center_contact",
    ):
        assert f'name="{name}"' in page, name
    assert 'type="email" name="email"' in page and 'autocomplete="email"' in page
    # The center's numbers are not the patient's: the browser must not fill them in.
    assert 'type="tel" name="center_fax"' in page
    assert "It is at the top of your pathology report." in page


def test_saved_details_and_the_send_by_date_reach_the_letters(patient: Client) -> None:
    patient.post("/packet/")
    patient.post(
        "/packet/details/",
        {
            "name": "Ana Diaz",
            "mrn": "MRN-448812",
            "lab_cases": "S26-12345",
            "center": "City Cancer Center",
            "center_fax": "555-0199",
            "email": "ana@example.org",
        },
    )
    response = patient.post(
        "/packet/letter/",
        {
            "delivery": "center",
            "record_format": "electronic",
            "send_by_month": "12",
            "send_by_day": "28",
            "send_by_year": str(date.today().year + 1),
        },
    )
    assert response.status_code == 302
    page = patient.get("/packet/letter/")
    year = date.today().year + 1
    assertContains(page, f"Please send them by December 28, {year}.", count=3)
    assertContains(page, "Medical record number, if known: MRN-448812", count=3)
    assertContains(page, "Case (accession) numbers: S26-12345")
    assertContains(page, "Fax: 555-0199", count=3)
    assertContains(page, "Electronic copies sent to your new center, at your direction")


def test_a_bad_send_by_date_is_refused_and_keeps_the_other_choices(patient: Client) -> None:
    patient.post("/packet/")
    patient.post("/packet/letter/", {"delivery": "me", "record_format": "paper"})
    response = patient.post(
        "/packet/letter/",
        {
            "delivery": "center",
            "send_by_month": "2",
            "send_by_day": "30",
            "send_by_year": "2027",
        },
        follow=True,
    )
    assertContains(response, "must be a real date")
    from packets.models import Packet

    saved = Packet.objects.get()
    assert (saved.delivery, saved.record_format, saved.send_by) == ("me", "paper", None)
    # What was typed is still on the page, to correct.
    assertContains(response, 'value="30"')


# --- The check page: everything that will print, each with its change link ------


def test_the_check_page_lists_every_detail_the_letters_and_pdf_print(patient: Client) -> None:
    from checklists.forms import DETAILS_SECTIONS, DetailsForm
    from tests.factories import CALL, full_packet, hand_to

    packet = full_packet(other_names="Ana Lopez", lab_cases="S26-12345")
    hand_to(patient, packet)
    listed = [name for _heading, names in DETAILS_SECTIONS for name in names]
    assert sorted(listed) == sorted(DetailsForm.Meta.fields)  # none left out, none twice
    page = patient.get("/packet/check/").content.decode()
    for value in (
        "555-0100",  # phone
        "12 Elm Street<br>Springfield, IL 62701",  # address
        "City Cancer Center",
        "March 14, 2027",  # the visit
        "Ana Lopez",
        "S26-12345",
        "MH-0048812",
        "1 Center Way<br>Chicago, IL 60601",
        "555-0142",
        CALL["spoke_to"],
        CALL["reference"],
    ):
        assert value in page, value
    # Each insurance answer, not only "covered".
    for label in (
        "Is a second opinion covered?",
        "Is a referral or prior approval needed?",
        "Is the center in your network?",
    ):
        assert f"<dt>{label}</dt>" in page, label
    for name in ("phone", "center_fax", "appointment_date", "mrn"):
        assert f'href="/packet/details/#id_{name}"' in page, name
    assert 'href="/packet/letter/#id_delivery_0"' in page
    assert 'href="/packet/insurance/#id_covered_0"' in page
    assert "They ask for the records by" in page
    assert "Electronic copies sent to your new center, at your direction" in page


def test_a_shared_view_only_check_page_has_no_change_links(patient: Client) -> None:
    from tests.packets.test_pairing_and_sharing import joined

    patient.post("/packet/")
    patient.post("/packet/details/", {"name": "Ana", "phone": "555-0100"})
    viewer = joined(patient, "view")
    page = viewer.get("/packet/check/").content.decode()
    assert "555-0100" in page and "/packet/details/#id_" not in page


def test_the_spanish_reading_copy_has_no_lines_to_sign(db) -> None:
    from checklists import presenters
    from tests.factories import full_packet

    packet = full_packet(letter_language="es", delivery="center", record_format="electronic")
    for letter in presenters.letters(packet, TODAY):
        assert "My signature: " in letter.text() and "Date signed: " in letter.text()
        copy = letter.own.text()
        assert "Mi firma" not in copy and "Fecha de la firma" not in copy, letter.kind
        assert "Mi nombre: Ana María Díaz" in copy  # who it is from stays


def test_the_spanish_insurance_page_offers_an_interpreter_before_the_script(
    patient: Client,
) -> None:
    patient.post("/packet/")
    page = patient.get("/es/packet/insurance/").content.decode()
    assert page.index("Puede hablar en español.") < page.index("Puede decir:")
