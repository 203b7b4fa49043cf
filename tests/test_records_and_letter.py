"""The records catalogue, progress counts and the letter: pure functions."""

from datetime import date

from checklists import records
from checklists.letter import build_letter

TODAY = date(2026, 11, 26)


def test_checklist_covers_what_the_reviewers_look_at() -> None:
    groups = {g.key for g in records.GROUPS}
    assert {
        "pathology",
        "biomarkers",
        "staging",
        "health",
        "plan",
        "insurance",
        "contact",
    } == groups
    keys = set(records.ITEMS_BY_KEY)
    for key in [
        "pathology-report",
        "pathology-slides",
        "imaging-disc",
        "operative-report",
        "medicines",
        "blood-tests",
        "treatment-plan",
        "trial-details",
        "referral",
    ]:
        assert key in keys
    for item in records.ITEMS:
        assert item.group in groups
        assert item.what and item.where and item.holder


def test_progress_counts_have_and_does_not_apply_as_ready() -> None:
    overall, per_group = records.progress(
        {"pathology-report": "have", "pathology-slides": "na", "imaging-disc": "asked"}
    )
    assert per_group["pathology"] == records.Progress(2, 2)
    assert per_group["staging"] == records.Progress(0, 3)
    assert overall == records.Progress(2, len(records.ITEMS))


def test_untouched_items_still_need_doing() -> None:
    overall, _ = records.progress({})
    assert overall.ready == 0


def test_suggested_questions_come_from_what_reviewers_check() -> None:
    texts = " ".join(str(q.text) for q in records.SUGGESTED_QUESTIONS).lower()
    for words in [
        "diagnosis",
        "stage",
        "tests",
        "clinical trials",
        "side effects",
        "goal",
        "share your opinion with my first doctor",
    ]:
        assert words in texts


def test_letter_is_addressed_to_the_first_doctor_and_lists_items() -> None:
    letter = build_letter(
        name="Ana Diaz",
        first_doctor="Dr. Lee",
        doctor_contact="Fax 555-0100",
        center="City Cancer Center",
        appointment_date=date(2027, 1, 12),
        still_needed=[
            records.ITEMS_BY_KEY["pathology-report"],
            records.ITEMS_BY_KEY["imaging-disc"],
        ],
        today=TODAY,
    )
    assert letter.to.startswith("The office of Dr. Lee")
    assert "Fax 555-0100" in letter.to
    assert letter.greeting == "Dear Dr. Lee,"
    assert "City Cancer Center" in letter.opening
    assert "January 12, 2027" in letter.opening
    assert letter.items == (
        "Pathology report",
        "The scan images themselves, on a disc or by upload",
    )
    assert letter.name == "Ana Diaz"


def test_letter_without_details_still_reads_well() -> None:
    letter = build_letter(
        name="",
        first_doctor="",
        doctor_contact="",
        center="",
        appointment_date=None,
        still_needed=[],
        today=TODAY,
    )
    assert letter.greeting == "Dear care team,"
    assert "another cancer center" in letter.opening
    assert letter.items == ()  # nothing to ask for: the pages say so instead
    assert letter.name == ""
