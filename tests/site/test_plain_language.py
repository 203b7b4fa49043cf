"""Every patient page outside the guides reads plainly and links its hard words.

The questionnaire's steps and result, the packet's task pages and letter, and
the PDF's text: each page at Flesch-Kincaid grade 8 or lower, no sentence of
five words or more above grade 12 (the test names the sentence), and each
hard word of the word list (guides.glossary.JARGON) that a page uses is a
link to its meaning at least once on that page.
"""

import io
import re
from html.parser import HTMLParser

import pytest
import textstat
from django.test import Client
from pypdf import PdfReader

from guides import glossary
from guides.models import GlossaryTerm
from questionnaire.situations import KEYS
from tests.factories import full_packet, hand_to
from tests.guides.test_readability import (
    MAX_PAGE_GRADE,
    MAX_SENTENCE_GRADE,
    MIN_WORDS_TO_GRADE,
    report,
    sentences,
)

# Names we cannot make plainer: each counts as one short word when a sentence
# is graded, and never as a word-list term ("Network" in a cancer group's name).
PROPER_NAMES = (
    "National Comprehensive Cancer Network",
    "National Cancer Institute",
    "American Cancer Society",
    "US Department of Health and Human Services",
    "Ottawa Hospital Research Institute",
    "France Légaré",
    "Cancer Information Service",
    "Health Information Office",
    # The NCI's titles for its cancer centers (the center finder).
    "Comprehensive Cancer Centers",
    "Comprehensive Cancer Center",
    "Clinical Cancer Centers",
    "Clinical Cancer Center",
    "Basic Laboratory Cancer Center",
)


class _Blocks(HTMLParser):
    """The words inside <main> as a reader meets them: one block per line.

    Form labels, legends, buttons and table cells are blocks of their own;
    what the patient typed (textareas) is not the site's writing and is left
    out. A block that does not end with . ! or ? is a label, not a sentence.
    """

    BLOCKS = {
        "p",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "dt",
        "dd",
        "blockquote",
        "label",
        "legend",
        "button",
        "summary",
        "th",
        "td",
        "caption",
        "option",
        "div",
        "section",
        "fieldset",
    }

    def __init__(self) -> None:
        super().__init__()
        self.inside = self.skip = False
        self.current: list[str] = []
        self.sentences: list[str] = []
        self.labels: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "main":
            self.inside = True
        elif tag in ("textarea", "script", "style", "select"):
            self.skip = True
        elif tag in self.BLOCKS or tag == "br":
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("textarea", "script", "style", "select"):
            self.skip = False
        if tag in self.BLOCKS:
            self.flush()
        if tag == "main":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside and not self.skip:
            self.current.append(data)

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        self.current = []
        if text:
            (self.sentences if text[-1] in ".!?" else self.labels).append(text)


def blocks(html: str) -> tuple[str, list[str]]:
    """The page's whole text (for its grade) and its real sentences (to grade one by one)."""
    parser = _Blocks()
    parser.feed(html)
    parser.flush()
    whole = "\n".join(parser.sentences + [label + "." for label in parser.labels])
    return whole, [s for block in parser.sentences for s in sentences(block)]


def too_hard(found_in: list[str]) -> list[tuple[float, str]]:
    found = []
    for sentence in found_in:
        graded = sentence
        for name in PROPER_NAMES:
            graded = graded.replace(name, "it")
        if len(graded.split()) >= MIN_WORDS_TO_GRADE:
            grade = textstat.flesch_kincaid_grade(graded)
            if grade > MAX_SENTENCE_GRADE:
                found.append((round(grade, 1), sentence))
    return found


QUESTIONNAIRE_PAGES = [
    "/questionnaire/",
    "/questionnaire/urgency/",
    "/questionnaire/urgency/advice/",
    *(f"/questionnaire/{key}/" for key in KEYS),
    "/questionnaire/check/",
    "/questionnaire/result/",
    "/questionnaire/restart/",
    "/questionnaire/values/",
    "/questionnaire/sure/",
    "/questionnaire/ready/",
]
PACKET_PAGES = [
    "/packet/",
    "/packet/answers/",
    "/packet/records/pathology/",
    "/packet/records/biomarkers/",
    "/packet/records/staging/",
    "/packet/records/health/",
    "/packet/records/plan/",
    "/packet/records/insurance/",
    "/packet/records/contact/",
    "/packet/questions/",
    "/packet/details/",
    "/packet/letter/",
    "/packet/insurance/",
    "/packet/check/",
]


@pytest.fixture
def answered(patient: Client, guides_loaded) -> Client:
    """A patient with a full packet who answered every step, with a mix of answers."""
    hand_to(patient, full_packet())
    patient.post("/questionnaire/urgency/", {"answer": "unsure"})
    for n, key in enumerate(KEYS):
        patient.post(f"/questionnaire/{key}/", {"answer": ("yes", "no", "unsure")[n % 3]})
    patient.post(
        "/questionnaire/sure/",
        {
            "sure-sure": "no",
            "sure-understand": "yes",
            "sure-risk-benefit": "no",
            "sure-encouragement": "yes",
        },
    )
    return patient


def page_text(client: Client, url: str) -> tuple[str, str, list[str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    whole, found = blocks(html)
    return html, whole, found


@pytest.mark.parametrize("url", QUESTIONNAIRE_PAGES + PACKET_PAGES)
def test_each_patient_page_reads_at_grade_eight(answered: Client, url: str) -> None:
    _html, whole, found = page_text(answered, url)
    grade = textstat.flesch_kincaid_grade(whole)
    assert grade <= MAX_PAGE_GRADE, f"{url} reads at grade {grade}"
    hard = too_hard(found)
    assert not hard, f"{url}: " + report(hard)


CENTER_PAGES = [
    "/centers/",
    "/centers/?zip=10065",
    "/centers/?zip=99501",
    "/centers/?zip=00000",
    "/centers/dana-farber-harvard/",
    "/centers/md-anderson/",
]


@pytest.mark.parametrize("url", CENTER_PAGES)
def test_each_center_finder_page_reads_at_grade_eight(
    patient: Client, centers_loaded, url: str
) -> None:
    # Centers' own names are names, not sentences to grade.
    from centers.models import Center

    _html, whole, found = page_text(patient, url)
    for name in Center.objects.values_list("name", flat=True):
        whole = whole.replace(name, "Center")
        found = [block.replace(name, "Center") for block in found]
    grade = textstat.flesch_kincaid_grade(whole)
    assert grade <= MAX_PAGE_GRADE, f"{url} reads at grade {grade}"
    hard = too_hard(found)
    assert not hard, f"{url}: " + report(hard)


def test_the_pdf_reads_at_grade_eight(answered: Client) -> None:
    content = answered.get("/packet/packet.pdf").content
    lines = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    grade = textstat.flesch_kincaid_grade(lines)
    assert grade <= MAX_PAGE_GRADE, f"the PDF reads at grade {grade}"


def _uses(text: str, term: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(term.lower())}(?:s|es)?(?![\w-])", text.lower())


@pytest.mark.parametrize("url", QUESTIONNAIRE_PAGES + PACKET_PAGES)
def test_hard_words_on_a_patient_page_are_linked_there(answered: Client, url: str) -> None:
    html, text, _found = page_text(answered, url)
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    missing = [
        term.term
        for term in GlossaryTerm.objects.filter(slug__in=glossary.JARGON)
        if _uses(text, term.term) and f'href="/glossary/#{term.slug}"' not in main
    ]
    assert not missing, f"{url} uses these words without a link to their meaning: {missing}"
