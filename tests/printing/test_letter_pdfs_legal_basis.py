"""The letters' PDFs read back as a records office reads them: for every
combination of recipient (me / new center), format (portal, email, CD,
paper) and item kind (records, images, slides), the right legal basis, no
contradictory sentence, every authorization element where one is needed, no
HIPAA clock on slides, and the "send by" date (45 CFR 164.524 and 164.508)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from checklists.letter import long_date
from tests.checklists.test_letters_legal_basis import COMBINATIONS
from tests.factories import hand_to
from tests.printing.test_letter_pdfs import documents_in, flat, pages_of, three_letters

CENTER = {
    "center": "City Cancer Center",
    "center_address": "1 Center Way, Chicago",
    "center_fax": "555-0199",
    "lab_name": "Mercy Pathology Lab",
    "lab_cases": "S26-12345",
}
AUTHORIZATION = [
    "What may be sent: The records listed above",
    "Who may send them: Mercy Hospital Health Information Office",
    "Who may receive them: City Cancer Center, at the address or fax above",
    "Why: A second opinion on my cancer care, at my request.",
    "This permission ends on:",
    "I may cancel this permission at any time by writing",
    "may not refuse to treat me because I do not sign this",
    "Federal privacy law may then no longer protect them.",
    "My signature:",
    "Date signed:",
]


@pytest.fixture(autouse=True)
def empty_cache(db) -> None:
    cache.clear()


@pytest.mark.parametrize(("delivery", "record", "imaging"), COMBINATIONS)
def test_each_letters_pdf_rests_on_the_basis_its_choices_call_for(
    patient: Client, delivery: str, record: str, imaging: str
) -> None:
    today = timezone.localdate()
    visit = today + timedelta(days=40)
    packet = three_letters(
        delivery=delivery,
        record_format=record,
        imaging_format=imaging,
        appointment_date=visit,
        letter_language="en",
        **CENTER,
    )
    hand_to(patient, packet)
    response = patient.get("/packet/letters.pdf")
    assert response.status_code == 200
    pages = pages_of(response.content)
    office, lab, scans = (
        flat(" ".join(document)) for document in documents_in(pages, [long_date(today)])
    )
    assert "Dear records team," in office and "Dear pathology team," in lab
    assert "Dear imaging team," in scans
    send_by = f"Please send them by {long_date(visit - timedelta(days=7))}."
    for text in (office, lab, scans):
        assert send_by in text

    if delivery == "me":
        assert "HIPAA right of access (45 CFR 164.524)" in office
        assert "The copies are for me." in office and "cost-based fee" in office
        for words in ("Send to:", "I direct", "164.508", "authorization"):
            assert words not in office, words
    elif record == "paper":
        assert "HIPAA authorization (45 CFR 164.508)" in office
        for element in AUTHORIZATION:
            assert element in office, element
        for words in ("30 days", "right of access", "cost-based", "The copies are for me"):
            assert words not in office, words
    else:
        assert "164.524(c)(3)(ii)" in office and "I direct this office" in office
        assert "Send to: City Cancer Center" in office and "Fax: 555-0199" in office
        for element in AUTHORIZATION:
            assert element in office, element
        assert "cost-based" not in office and "The copies are for me" not in office

    for words in ("30 days", "right of access"):
        assert words not in lab, words
    assert "Case (accession) numbers: S26-12345" in lab
    assert "I may cancel it in writing at any time." in lab

    assert "DICOM format, with a viewer" in scans
    if delivery == "me":
        assert "The copies are for me." in scans and "Send to:" not in scans
    else:
        assert "I direct this department" in scans and "The copies are for me" not in scans
