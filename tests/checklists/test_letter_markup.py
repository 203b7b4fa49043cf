"""A letter drawn as HTML (checklists/templatetags/letter_markup.py) says
exactly what the letter says, in order: every labelled line, every sentence,
a gap to write in where a value is missing, and nothing a patient typed
read as markup."""

from dataclasses import replace
from datetime import date
from html.parser import HTMLParser

import pytest
from django.utils import translation

from checklists.letter import GAP, Details, build_letters
from checklists.records import ITEMS
from checklists.templatetags.letter_markup import letter_html
from checklists.tracker import follow_up_letter
from tests.checklists.test_letters_legal_basis import FULL, TODAY


class _Text(HTMLParser):
    """The text a reader sees, one line per paragraph, list item or <br>;
    the text only a screen reader hears is kept apart."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = [""]
        self.hidden: list[str] = []
        self._depth_hidden = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in {"p", "li", "br", "div"}:
            self.lines.append("")
        if tag == "li":
            self.lines[-1] = "- "
        if self._depth_hidden or ("class", "visually-hidden") in attrs:
            self._depth_hidden += 1

    def handle_endtag(self, tag) -> None:
        if self._depth_hidden and tag == "span":
            self._depth_hidden -= 1

    def handle_data(self, data) -> None:
        if self._depth_hidden:
            self.hidden.append(data.strip())
        else:
            self.lines[-1] += data

    def seen(self) -> list[str]:
        return [line.strip() for line in self.lines if line.strip()]


def read(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


def all_letters(details: Details) -> list:
    return build_letters(list(ITEMS), details, TODAY)


@pytest.mark.parametrize("delivery", ["me", "center"])
@pytest.mark.parametrize("record", ["electronic", "paper"])
def test_each_letter_on_the_page_reads_as_its_text(delivery, record) -> None:
    for letter in all_letters(replace(FULL, delivery=delivery, record_format=record)):
        assert read(letter_html(letter)).seen() == letter.text().splitlines(), letter.kind


def test_a_missing_value_is_a_gap_to_write_in_with_a_label_a_screen_reader_hears() -> None:
    blank = Details(name="Ana Diaz")
    letter = all_letters(blank)[0]
    text = read(letter_html(letter))
    assert f"Date of birth: {GAP}" in text.seen()
    assert "(blank, to fill in by hand)" in text.hidden
    assert text.seen() == letter.text().splitlines()


def test_the_spanish_reading_copy_labels_its_gaps_in_spanish() -> None:
    with translation.override("es"):
        letter = build_letters(list(ITEMS), Details(name="Ana Diaz"), TODAY, reading_copy=True)[0]
    letter = replace(letter, language="es")
    hidden = read(letter_html(letter)).hidden
    assert hidden and all(label == "(en blanco, para llenar a mano)" for label in hidden), hidden


def test_what_a_patient_typed_is_text_not_markup() -> None:
    typed = replace(
        FULL,
        name='Ana <script>alert("x")</script> Diaz',
        address="12 Elm Street\nApt <b>4</b>",
    )
    html = str(letter_html(all_letters(typed)[0]))
    assert "<script>" not in html and "<b>" not in html
    assert "Ana &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Diaz" in html
    # An address keeps its lines.
    assert "12 Elm Street<br>Apt &lt;b&gt;4&lt;/b&gt;" in html


def test_a_follow_up_letter_reads_as_its_text() -> None:
    letter = follow_up_letter(
        "office", FULL, date(2026, 11, 1), ("pathology-report",), "none", TODAY
    )
    assert read(letter_html(letter)).seen() == letter.text().splitlines()


def test_an_english_letter_on_a_spanish_page_labels_its_gaps_in_english() -> None:
    letter = all_letters(Details(name="Ana Diaz"))[0]
    with translation.override("es"):
        hidden = read(letter_html(letter)).hidden
    assert hidden and set(hidden) == {"(blank, to fill in by hand)"}


@pytest.mark.parametrize(
    ("language", "one", "many", "day"),
    [
        ("en", "(1 record)", "(3 records)", "December 26, 2026"),
        ("es", "(1 registro)", "(3 registros)", "26 de diciembre de 2026"),
    ],
)
def test_the_check_page_counts_each_letters_records_in_its_language(
    language: str, one: str, many: str, day: str
) -> None:
    from checklists.letter import Planned
    from checklists.templatetags.check_rows import letters_value

    plans = [Planned("lab", ("slides",), own=True), Planned("imaging", ("a", "b", "c"))]
    with translation.override(language):
        html = str(letters_value(plans, date(2026, 12, 26)))
        copy = translation.gettext("In English to send, with a Spanish copy for you")
        nothing = str(letters_value([], None))
        none_left = translation.gettext("Nothing left to request.")
    assert one in html and many in html and day in html
    assert html.count(copy) == 1  # only the letter with a Spanish copy says so
    assert nothing == none_left
