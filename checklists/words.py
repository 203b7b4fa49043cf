"""The PDF's "words used" box when the packet is not in English.

In English the box is built from the word list itself (guides.glossary.
jargon_in). The word list's entries are English rows; until each has a
version in the reader's language there, these are the same seventeen hard
words (guides.glossary.JARGON) with the first sentence of each entry,
through the catalogue like every other string of the PDF, and found in the
translated text by their translated names.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Word:
    slug: str
    term: str
    first_sentence: str


WORDS: tuple[Word, ...] = (
    Word(
        "biomarker",
        _("Biomarker"),
        _(
            "A sign in the body that can be measured, such as a gene change or a protein "
            "in a tumor."
        ),
    ),
    Word(
        "clinical-trial",
        _("Clinical trial"),
        _("A research study that tests a new treatment in people, or a new way to use an old one."),
    ),
    Word(
        "deductible",
        _("Deductible"),
        _(
            "The amount a person pays for covered care each year before the health plan starts "
            "to pay its share."
        ),
    ),
    Word(
        "discharge-summary",
        _("Discharge summary"),
        _("A report written when a patient leaves the hospital."),
    ),
    Word("hipaa", _("HIPAA"), _("A US law that keeps health facts private.")),
    Word(
        "imaging",
        _("Imaging"),
        _(
            "Tests that take pictures of the inside of the body, such as x-rays and CT, MRI or "
            "PET scans."
        ),
    ),
    Word(
        "network",
        _("Network"),
        _("The doctors, hospitals and labs that have a deal with a health plan."),
    ),
    Word("oncologist", _("Oncologist"), _("A doctor who treats cancer.")),
    Word("operative-report", _("Operative report"), _("The surgeon's report on an operation.")),
    Word(
        "pathologist",
        _("Pathologist"),
        _("A doctor who looks at cells and tissue under a microscope to find disease."),
    ),
    Word(
        "pathology",
        _("Pathology"),
        _("The study of disease by looking at cells and tissue, often under a microscope."),
    ),
    Word(
        "prior-approval",
        _("Prior approval"),
        _("When a health plan must say yes to a test, visit or treatment before it happens."),
    ),
    Word(
        "radiologist",
        _("Radiologist"),
        _("A doctor who reads scans and x-rays, such as CT, MRI and PET scans."),
    ),
    Word(
        "referral",
        _("Referral"),
        _("A request from one doctor that sends a patient to another doctor."),
    ),
    Word(
        "slides-and-tissue-blocks",
        _("Slides and tissue blocks"),
        _("Tissue taken in a biopsy or surgery is kept by the lab in small blocks of wax."),
    ),
    Word(
        "stage", _("Stage"), _("A way to describe how big a cancer is and how far it has spread.")
    ),
    Word(
        "tumor-board",
        _("Tumor board"),
        _("A meeting where different kinds of cancer experts talk through cases as a group."),
    ),
)


def words_in(text: str) -> list[Word]:
    """The words whose translated name appears in ``text`` (whole words, a
    plural allowed), in the order of their translated names."""
    found = " ".join(text.lower().split())
    used = [
        word
        for word in WORDS
        if re.search(rf"\b{re.escape(str(word.term).lower())}(?:es|s)?\b", found)
    ]
    return sorted(used, key=lambda word: str(word.term).lower())
