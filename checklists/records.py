"""The records checklist, declared as data and grouped by what reviewers look at.

Groups follow the five things a second-opinion team reviews (content brief,
section 2), plus the practical matters of insurance and the first doctor's
contact. What to bring follows the NCCN Guidelines for Patients and cancer
centers' own pages (brief, section 10); the page names that source.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from questionnaire import situations


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    why: str


# Who a records request goes to: the first doctor's records office, the
# pathology lab (slides and blocks) or the imaging department (the pictures).
# Things the patient gathers or writes, and orders such as a referral, are
# never requested: a referral is an order, not a record.
OFFICE, LAB, IMAGING, NOT_REQUESTED = "office", "lab", "imaging", ""


@dataclass(frozen=True)
class Item:
    key: str
    group: str
    title: str
    what: str
    where: str
    holder: str
    # Which letter asks for it ("" when no letter does), and its words there,
    # in the first person: the letter is the patient's own.
    request_from: str = OFFICE
    request: str = ""
    # Only asked for when the patient has had surgery.
    needs_surgery: bool = False

    @property
    def requestable(self) -> bool:
        return bool(self.request_from)


GROUPS: tuple[Group, ...] = (
    Group(
        "pathology",
        _("Pathology: what the cancer looks like under a microscope"),
        _(
            "In [[pathology]], doctors look at tissue up close. The new center's "
            "[[pathologist]] looks at your slides again, not just the report, to confirm the "
            "diagnosis. Slides are often the slowest thing to get, so ask early."
        ),
    ),
    Group(
        "biomarkers",
        _("Biomarker and molecular tests"),
        _(
            "[[Biomarker|biomarker]] tests look for gene changes and proteins in the tumor, "
            "like HER2 or PD-L1, that a treatment can aim at. This is not the same as a test "
            "for gene changes you were born with ([[inherited, or germline, testing|"
            "germline-testing]])."
        ),
    ),
    Group(
        "staging",
        _("Stage: how far the cancer has spread"),
        _(
            "[[Radiologists|radiologist]] on the new team read the scans again. Scans and "
            "surgery notes show the [[stage]], which shapes the treatment choices."
        ),
    ),
    Group(
        "health",
        _("General health"),
        _("Your health overall affects which treatments are safe for you."),
    ),
    Group(
        "plan",
        _("The treatment plan offered"),
        _("The team looks at the plan and may agree, or suggest something else."),
    ),
    Group(
        "insurance",
        _("Insurance and practical matters"),
        _("Check what your plan pays for before the visit."),
    ),
    Group(
        "contact",
        _("The first doctor"),
        _("The new team may send its opinion to your first doctor, if you want that."),
    ),
)

ITEMS: tuple[Item, ...] = (
    Item(
        "pathology-report",
        "pathology",
        _("Pathology report"),
        _("The written report on the tissue taken in a biopsy or surgery."),
        _("Ask the doctor's office or the hospital's medical records office."),
        _("Pathology lab or medical records office"),
        request=_("The pathology report for each biopsy or surgery"),
    ),
    Item(
        "pathology-slides",
        "pathology",
        _("Slides or tissue blocks"),
        _(
            "Glass slides or small blocks of tissue, so the new center's pathologist can "
            "look at them again. Slides are often the slowest thing to get: ask early."
        ),
        _(
            "The lab that made them sends them, with written permission on its own form. "
            "The new center or a doctor can often ask for them directly. Labs may send new "
            "slides cut from the block, and may want the slides back."
        ),
        _("Pathology lab"),
        request_from=LAB,
        request=_(
            "The glass slides and tissue blocks (or recut slides) for each biopsy or surgery"
        ),
    ),
    Item(
        "biomarker-results",
        "biomarkers",
        _("Biomarker test results"),
        _(
            "Results of tests on the tumor for gene changes and proteins, like HER2 or PD-L1, "
            "that a treatment can aim at."
        ),
        _("Ask the [[oncologist]]'s office for copies."),
        _("Oncologist's office"),
        request=_("The results of all biomarker tests on the tumor"),
    ),
    Item(
        "molecular-report",
        "biomarkers",
        _("Full molecular (genomic) test report"),
        _("The full report from the lab that tested the genes in the tumor, not just a summary."),
        _("Ask the oncologist's office, or the testing lab."),
        _("Testing lab or oncologist's office"),
        request=_("The full report of any genomic (molecular) test of the tumor"),
    ),
    Item(
        "imaging-reports",
        "staging",
        _("Scan reports"),
        _("The written reports for CT, MRI, PET or other scans."),
        _("Ask the radiology department or the medical records office."),
        _("Radiology department"),
        request=_("The written reports of my CT, MRI, PET and other scans"),
    ),
    Item(
        "imaging-disc",
        "staging",
        _("The scan images themselves"),
        _("The pictures from the scans, not just the reports. Many centers want these."),
        _("Ask the radiology department for a CD or DVD, or an image-sharing link."),
        _("Radiology department"),
        request_from=IMAGING,
        request=_("The images of my CT, MRI, PET and other scans"),
    ),
    Item(
        "operative-report",
        "staging",
        _("Surgery notes and hospital discharge summary"),
        _(
            "These are the surgeon's notes on the operation, called the [[operative report]]. "
            "The hospital writes the [[discharge summary]] when you leave."
        ),
        _("Ask the hospital's medical records office."),
        _("Medical records office"),
        request=_("The operative report and discharge summary for my surgery"),
        needs_surgery=True,
    ),
    Item(
        "medicines",
        "health",
        _("Medicines list"),
        _(
            "Every medicine taken, with the dose, including ones bought without a "
            "prescription and supplements."
        ),
        _("Write it yourself, or ask the pharmacy for a printout."),
        _("Patient or pharmacy"),
        request_from=NOT_REQUESTED,
    ),
    Item(
        "conditions",
        "health",
        _("Other health problems"),
        _("A short list of other health problems, like heart disease or diabetes."),
        _("Write it yourself, or ask the main doctor's office."),
        _("Patient or main doctor"),
        request_from=NOT_REQUESTED,
    ),
    Item(
        "blood-tests",
        "health",
        _("Recent blood test results"),
        _("Results from the most recent blood tests."),
        _("Ask the doctor's office, or look in the patient portal."),
        _("Doctor's office"),
        request=_("My most recent blood test results"),
    ),
    Item(
        "treatment-plan",
        "plan",
        _("Written treatment plan"),
        _("The plan the first doctor suggested, in writing if possible."),
        _("Ask the [[oncologist]]'s office for a copy."),
        _("Oncologist's office"),
        request=_("My treatment plan as written in my chart"),
    ),
    Item(
        "trial-details",
        "plan",
        _("Clinical trial papers, if a trial was offered"),
        _("The [[clinical trial]]'s consent form and its short summary of how it works."),
        _("Ask the research nurse or the trial team."),
        _("The trial team"),
        request_from=NOT_REQUESTED,
    ),
    Item(
        "insurance-cover",
        "insurance",
        _("Insurance cover for a second opinion"),
        _("Some plans pay for it, some do not, and some require one before costly treatment."),
        _("Call the number on the insurance card."),
        _("Insurance company"),
        request_from=NOT_REQUESTED,
    ),
    Item(
        "referral",
        "insurance",
        _("Referral or prior approval, if the plan needs one"),
        _(
            "Some plans only pay after a [[referral]] from a doctor, or after the plan agrees "
            "first ([[prior approval]])."
        ),
        _("Ask the insurance company, then the doctor's office. It is an order, not a record."),
        _("Insurance company and doctor's office"),
        request_from=NOT_REQUESTED,
    ),
    Item(
        "insurance-card",
        "insurance",
        _("Insurance card"),
        _("Bring the card, or a copy of both sides."),
        _("Keep it with this packet."),
        _("Patient"),
        request_from=NOT_REQUESTED,
    ),
    Item(
        "doctor-contact",
        "contact",
        _("First doctor's contact details"),
        _("Name, phone and fax number, so the new team can send its opinion back."),
        _("From a letter or the patient portal, or ask the office."),
        _("First doctor's office"),
        request_from=NOT_REQUESTED,
    ),
)

ITEMS_BY_KEY: dict[str, Item] = {item.key: item for item in ITEMS}
GROUPS_BY_KEY: dict[str, Group] = {group.key: group for group in GROUPS}
ITEMS_BY_GROUP: dict[str, tuple[Item, ...]] = {
    group.key: tuple(item for item in ITEMS if item.group == group.key) for group in GROUPS
}


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


# --- The checklist follows the questionnaire's answers ----------------------
# Which items matter more, given the answer that gives a situation's reason
# (situations.Situation.reason_answer). A "Not sure" flags nothing: it is a
# question to ask, and it adds nothing to the result either. A plan for
# surgery flags what the surgeon plans from (the biopsy's report, the scans,
# the written plan), not the notes of an operation that has not happened yet.
HIGHLIGHTS: dict[str, tuple[str, ...]] = {
    "unclear-diagnosis": ("pathology-report",),
    "type-or-stage-unsure": ("pathology-slides", "imaging-disc"),
    "came-back": ("biomarker-results", "treatment-plan"),
    "cancer-doctor-seen": ("pathology-report", "pathology-slides"),
    "few-options": ("biomarker-results", "molecular-report"),
    "several-options": ("treatment-plan",),
    "clinical-trial": ("trial-details",),
    "rare-cancer": ("pathology-slides", "molecular-report"),
    "surgery-first": ("pathology-report", "imaging-disc", "treatment-plan"),
    "small-hospital": ("pathology-slides", "imaging-disc"),
    "specialized-treatment": ("treatment-plan",),
}


def highlights(answers: dict[str, str]) -> dict[str, list[str]]:
    """Item key to the situation keys whose answer gives the reason that makes it important."""
    found: dict[str, list[str]] = {}
    for situation_key, item_keys in HIGHLIGHTS.items():
        if answers.get(situation_key) == situations.BY_KEY[situation_key].reason_answer:
            for item_key in item_keys:
                found.setdefault(item_key, []).append(situation_key)
    return found
