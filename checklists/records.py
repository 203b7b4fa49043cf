"""The records checklist, declared as data and grouped by what reviewers look at.

Groups follow the five things a second-opinion team reviews (content brief,
section 2), plus the practical matters of insurance and the first doctor's
contact. What to bring follows the NCCN Guidelines for Patients and cancer
centers' own pages (brief, section 10); the page names that source.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    why: str


@dataclass(frozen=True)
class Item:
    key: str
    group: str
    title: str
    what: str
    where: str
    holder: str
    # Whether the first doctor's office can send it (it goes in the letter).
    requestable: bool = True


GROUPS: tuple[Group, ...] = (
    Group(
        "pathology",
        _("Pathology: what the cancer looks like under a microscope"),
        _("The new team checks the pathology to confirm the diagnosis."),
    ),
    Group(
        "biomarkers",
        _("Biomarker and molecular tests"),
        _(
            "The team checks that the right tests for treatment targets were done, "
            "and whether more are needed."
        ),
    ),
    Group(
        "staging",
        _("Stage: how far the cancer has spread"),
        _("Scans and surgery notes show the stage, which shapes the treatment choices."),
    ),
    Group(
        "health",
        _("Your general health"),
        _("Your health overall affects which treatments are safe for you."),
    ),
    Group(
        "plan",
        _("The treatment plan you were offered"),
        _("The team looks at the plan and may agree, or suggest something else."),
    ),
    Group(
        "insurance",
        _("Insurance and practical matters"),
        _("Check what your plan pays for before the visit."),
    ),
    Group(
        "contact",
        _("Your first doctor"),
        _("The new team may send its opinion to your first doctor, if you want that."),
    ),
)

ITEMS: tuple[Item, ...] = (
    Item(
        "pathology-report",
        "pathology",
        _("Pathology report"),
        _("The written report on the tissue taken in your biopsy or surgery."),
        _("Ask your doctor's office or the hospital's medical records office."),
        _("Pathology lab or medical records office"),
    ),
    Item(
        "pathology-slides",
        "pathology",
        _("Slides or tissue blocks, if the center asks"),
        _(
            "Glass slides or small blocks of your tissue, so the new team's pathologist "
            "can look for themselves."
        ),
        _(
            "The lab that did the first test sends them. It needs your written permission, "
            "on its own form."
        ),
        _("Pathology lab"),
        requestable=False,
    ),
    Item(
        "biomarker-results",
        "biomarkers",
        _("Biomarker test results"),
        _("Results of tests that look for targets a treatment can aim at."),
        _("Ask your oncologist's office for copies."),
        _("Your oncologist's office"),
    ),
    Item(
        "molecular-report",
        "biomarkers",
        _("Full molecular (genomic) test report"),
        _("The full report from the lab that tested the genes in your cancer, not just a summary."),
        _("Ask your oncologist's office, or the testing lab."),
        _("Testing lab or your oncologist's office"),
    ),
    Item(
        "imaging-reports",
        "staging",
        _("Scan reports"),
        _("The written reports for your CT, MRI, PET or other scans."),
        _("Ask the radiology department or the medical records office."),
        _("Radiology department"),
    ),
    Item(
        "imaging-disc",
        "staging",
        _("The scan images themselves, on a disc or by upload"),
        _("The pictures from your scans, not just the reports. Many centers want these."),
        _("Ask the radiology department for a CD or DVD, or ask if they can send them online."),
        _("Radiology department"),
    ),
    Item(
        "operative-report",
        "staging",
        _("Surgery notes and hospital discharge summary"),
        _("The surgeon's report of any operation, and the summary written when you went home."),
        _("Ask the hospital's medical records office."),
        _("Medical records office"),
    ),
    Item(
        "medicines",
        "health",
        _("List of your medicines"),
        _("Every medicine you take, with the dose. Include ones you buy yourself and supplements."),
        _("Write it yourself, or ask your pharmacy for a printout."),
        _("You or your pharmacy"),
        requestable=False,
    ),
    Item(
        "conditions",
        "health",
        _("Other health problems"),
        _("A short list of other health problems, like heart disease or diabetes."),
        _("Write it yourself, or ask your main doctor's office."),
        _("You or your main doctor"),
        requestable=False,
    ),
    Item(
        "blood-tests",
        "health",
        _("Recent blood test results"),
        _("Results from your most recent blood tests."),
        _("Ask your doctor's office, or look in your patient portal."),
        _("Your doctor's office"),
    ),
    Item(
        "treatment-plan",
        "plan",
        _("Your written treatment plan"),
        _("The plan your first doctor suggested, in writing if you can get it."),
        _("Ask your oncologist's office for a copy."),
        _("Your oncologist's office"),
    ),
    Item(
        "trial-details",
        "plan",
        _("Clinical trial papers, if you were offered a trial"),
        _("The trial's consent form and its short summary of how the study works."),
        _("Ask the research nurse or the trial team."),
        _("The trial team"),
    ),
    Item(
        "insurance-cover",
        "insurance",
        _("Does your plan cover a second opinion?"),
        _("Some plans pay for it, some do not, and some require one before costly treatment."),
        _("Call the number on your insurance card."),
        _("Your insurance company"),
        requestable=False,
    ),
    Item(
        "referral",
        "insurance",
        _("Referral or prior approval, if your plan needs one"),
        _("Some plans only pay if your doctor refers you, or if the plan agrees first."),
        _("Ask your insurance company, then your doctor's office."),
        _("Your insurance company and doctor's office"),
    ),
    Item(
        "insurance-card",
        "insurance",
        _("Insurance card"),
        _("Bring the card, or a copy of both sides."),
        _("You have it."),
        _("You"),
        requestable=False,
    ),
    Item(
        "doctor-contact",
        "contact",
        _("First doctor's contact details"),
        _("Name, phone and fax number, so the new team can send its opinion back."),
        _("From a letter or your patient portal, or ask the office."),
        _("Your first doctor's office"),
        requestable=False,
    ),
)

ITEMS_BY_KEY: dict[str, Item] = {item.key: item for item in ITEMS}


@dataclass(frozen=True)
class SuggestedQuestion:
    key: str
    text: str


# Questions to ask at the second-opinion visit, drawn from what reviewers check.
SUGGESTED_QUESTIONS: tuple[SuggestedQuestion, ...] = (
    SuggestedQuestion(
        "agree-diagnosis", _("Do you agree with my diagnosis and the stage of my cancer?")
    ),
    SuggestedQuestion(
        "right-tests",
        _(
            "Were the right tests done to look for treatment targets, such as biomarkers? "
            "Do I need more tests?"
        ),
    ),
    SuggestedQuestion(
        "all-options", _("What are all my treatment choices, including clinical trials?")
    ),
    SuggestedQuestion(
        "aim-of-each",
        _("What is the goal of each choice: to cure, to control the cancer, or to ease symptoms?"),
    ),
    SuggestedQuestion(
        "side-effects", _("What side effects could each choice have, and how long might they last?")
    ),
    SuggestedQuestion("share-opinion", _("Will you share your opinion with my first doctor?")),
    SuggestedQuestion("safe-to-wait", _("Is it safe for me to wait a few weeks before I start?")),
    SuggestedQuestion(
        "who-treats", _("If I choose your plan, could my first doctor still give the treatment?")
    ),
)
SUGGESTIONS_BY_KEY: dict[str, SuggestedQuestion] = {q.key: q for q in SUGGESTED_QUESTIONS}


@dataclass(frozen=True)
class Progress:
    ready: int
    total: int


def is_ready(status: str) -> bool:
    """An item is ready when you have it, or it does not apply to you."""
    return status in ("have", "na")


def progress(statuses: dict[str, str]) -> tuple[Progress, dict[str, Progress]]:
    """Overall and per-group counts of ready items (untouched items still need doing)."""
    per_group: dict[str, Progress] = {}
    for group in GROUPS:
        items = [item for item in ITEMS if item.group == group.key]
        ready = sum(1 for item in items if is_ready(statuses.get(item.key, "need")))
        per_group[group.key] = Progress(ready, len(items))
    overall = Progress(
        sum(p.ready for p in per_group.values()), sum(p.total for p in per_group.values())
    )
    return overall, per_group


# --- The checklist follows the questionnaire's answers ----------------------
# Which items matter more, given a Yes (or Not sure) to a situation.
HIGHLIGHTS: dict[str, tuple[str, ...]] = {
    "surgery-first": ("operative-report", "imaging-reports", "imaging-disc"),
    "clinical-trial": ("trial-details",),
    "few-options": ("biomarker-results", "molecular-report"),
    "rare-cancer": ("pathology-slides", "molecular-report"),
    "specialized-treatment": ("treatment-plan", "molecular-report"),
    "unclear-diagnosis": ("pathology-report",),
    "no-cancer-specialist": ("pathology-report", "pathology-slides"),
    "small-hospital": ("pathology-slides", "imaging-disc"),
}


def highlights(answers: dict[str, str]) -> dict[str, list[str]]:
    """Item key to the situation keys (answered Yes or Not sure) that make it important."""
    found: dict[str, list[str]] = {}
    for situation_key, item_keys in HIGHLIGHTS.items():
        if answers.get(situation_key) in ("yes", "unsure"):
            for item_key in item_keys:
                found.setdefault(item_key, []).append(situation_key)
    return found
