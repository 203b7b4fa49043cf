"""Guide Markdown is rendered safely: nothing an editor types can run script."""

from html.parser import HTMLParser

import pytest

from guides.markdown import glossary_slugs, plain_text, render

XSS_VECTORS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](java&#115;cript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    '<iframe src="https://example.com"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<p onclick=alert(1)>hi</p>",
    '<form action="https://evil.example"><button>Go</button></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '[[x" onmouseover="alert(1)]]',
    "<<script>script>alert(1)<</script>/script>",
]


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


SAFE_TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "ul",
}


@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_editor_text_never_produces_script_or_handlers(vector: str) -> None:
    html = render(f"Intro text.\n\n{vector}\n\nMore text.")
    for tag, attrs in elements(html):
        assert tag in SAFE_TAGS, html
        assert set(attrs) <= {"href", "title", "start"}, html
        href = (attrs.get("href") or "").strip().lower()
        assert not href or href.startswith(("http://", "https://", "mailto:", "tel:", "/", "#")), (
            html
        )
    assert "<script" not in html.lower()


def test_raw_html_is_shown_as_text_not_markup() -> None:
    html = render("<b>bold</b>")
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_ordinary_markdown_survives() -> None:
    html = render(
        "## Heading\n\nSome *soft* and **strong** words.\n\n- one\n- two\n\n[NCI](https://www.cancer.gov)"
    )
    assert "<h2>Heading</h2>" in html
    assert "<em>soft</em>" in html
    assert "<strong>strong</strong>" in html
    assert "<li>one</li>" in html
    assert '<a href="https://www.cancer.gov" rel="noreferrer">NCI</a>' in html


def test_top_level_heading_becomes_h2_under_the_page_title() -> None:
    assert "<h2>Title</h2>" in render("# Title")
    assert "<h1" not in render("# Title")


def test_glossary_link_syntax_links_to_the_word_list() -> None:
    html = render("Ask for the [[pathology report]] and [[biomarker tests|biomarker-testing]].")
    assert '<a href="/glossary/#pathology-report">pathology report</a>' in html
    assert '<a href="/glossary/#biomarker-testing">biomarker tests</a>' in html
    assert glossary_slugs("[[Stage]] then [[team|multidisciplinary-team]]") == [
        "stage",
        "multidisciplinary-team",
    ]


def test_plain_text_reads_each_block_as_a_sentence() -> None:
    text = plain_text("## What it is\n\nA second look.\n\n- first item\n- second item")
    assert text.splitlines() == ["What it is.", "A second look.", "first item.", "second item."]
