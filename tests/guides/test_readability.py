"""Every guide, glossary entry and content page reads at grade 8; no sentence above 12.

Flesch-Kincaid on one sentence is a rough measure, and on a fragment of
under five words (a list label such as "Radiation.", a name such as
"Patient Advocate Foundation.") it measures only syllables per word: those
are not graded one by one, but still count in the page's grade.
"""

import re
from html.parser import HTMLParser

import pytest
import textstat
from django.test import Client

from guides import content
from guides.markdown import plain_text

MAX_PAGE_GRADE = 8.0
MAX_SENTENCE_GRADE = 12.0
MIN_WORDS_TO_GRADE = 5
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”]?\s+(?=[\"“(]?[A-Z0-9])")

GUIDES = content.guide_files()
TERMS = content.glossary_entries()
CONTENT_PAGES = ["/how-this-was-made/"]


def sentences(text: str) -> list[str]:
    return [s for line in text.splitlines() for s in SENTENCE_END.split(line) if s.strip()]


def report(found: list[tuple[float, str]]) -> str:
    return "sentences above grade 12:\n" + "\n".join(f"  grade {g}: {s}" for g, s in found)


def too_hard(text: str) -> list[tuple[float, str]]:
    """Each sentence of five words or more that grades above 12, with its grade."""
    found = []
    for sentence in sentences(text):
        if len(sentence.split()) >= MIN_WORDS_TO_GRADE:
            grade = textstat.flesch_kincaid_grade(sentence)
            if grade > MAX_SENTENCE_GRADE:
                found.append((round(grade, 1), sentence))
    return found


class _MainText(HTMLParser):
    """The words inside <main>, one block per line, as plain_text gives a guide."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "dt", "dd", "blockquote"}

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.lines: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "main":
            self.inside = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.inside = False
        if self.inside and tag in self.BLOCKS:
            text = " ".join("".join(self.current).split())
            self.current = []
            if text:
                self.lines.append(text if text[-1] in ".!?:" else text + ".")

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.current.append(data)


def main_text(html: str) -> str:
    parser = _MainText()
    parser.feed(html)
    return "\n".join(parser.lines)


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.slug)
def test_guide_page_reads_at_grade_eight_or_lower(guide: content.GuideFile) -> None:
    grade = textstat.flesch_kincaid_grade(plain_text(guide.body))
    assert grade <= MAX_PAGE_GRADE, f"{guide.slug} reads at grade {grade}"


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.slug)
def test_no_guide_sentence_reads_above_grade_twelve(guide: content.GuideFile) -> None:
    found = too_hard(plain_text(guide.body)) + too_hard(guide.summary)
    assert not found, report(found)


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t["slug"])
def test_no_glossary_sentence_reads_above_grade_twelve(term: dict[str, str]) -> None:
    found = too_hard(term["definition"])
    assert not found, report(found)


@pytest.mark.parametrize("url", CONTENT_PAGES)
def test_content_page_reads_at_grade_eight(client: Client, guides_loaded, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    text = main_text(response.content.decode())
    assert textstat.flesch_kincaid_grade(text) <= MAX_PAGE_GRADE
    found = too_hard(text)
    assert not found, report(found)


def test_home_helplines_read_plainly(client: Client, guides_loaded) -> None:
    found = too_hard(main_text(client.get("/").content.decode()))
    assert not found, report(found)
