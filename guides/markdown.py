"""Safe Markdown for guide bodies and glossary definitions.

Editors write CommonMark. Raw HTML is never passed through: markdown-it
escapes it, and nh3 cleans the result again as a second wall, so script,
event handlers and ``javascript:`` links cannot reach a page.

Glossary links have their own short syntax, ``[[pathology report]]`` or
``[[biopsy report|pathology-report]]``, which becomes a plain link to
``/glossary/#pathology-report`` and so works without JavaScript.

A body in another language links to that language's pages: its glossary
links and its links to our own pages (``/guides/who-pays/``) get the
language's address (``/es/guides/who-pays/``).
"""

import re
from functools import lru_cache
from html.parser import HTMLParser

import nh3
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.text import slugify
from markdown_it import MarkdownIt

OUTSIDE_LINK = re.compile(r'<a href="(https?://[^"]*)"')
LOCAL_LINK = re.compile(r'<a href="(/[^"/][^"]*)"')
GLOSSARY_LINK = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([a-z0-9-]+))?\]\]")

ALLOWED_TAGS = {
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
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def glossary_slugs(text: str) -> list[str]:
    """The glossary slugs that ``[[...]]`` links in ``text`` point at, in order."""
    return [slug or slugify(term) for term, slug in GLOSSARY_LINK.findall(text)]


def _expand_glossary_links(text: str) -> str:
    def link(match: re.Match[str]) -> str:
        term, slug = match.group(1).strip(), match.group(2)
        return f"[{term}](/glossary/#{slug or slugify(term)})"

    return GLOSSARY_LINK.sub(link, text)


@lru_cache(maxsize=256)
def render(text: str, language: str = settings.LANGUAGE_CODE) -> str:
    """Markdown source to HTML that is safe to mark safe in a template.

    Cached by the text itself, so an edited guide renders anew at once.
    ``language`` is the text's: links to our own pages go to that language's.
    """
    html = _md.render(_expand_glossary_links(text))
    # Headings in a body sit under the page's own h1.
    html = re.sub(r"<(/?)h1>", r"<\1h2>", html)
    html = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
    )
    if language != settings.LANGUAGE_CODE:
        html = LOCAL_LINK.sub(lambda m: f'<a href="{_in_language(m.group(1), language)}"', html)
    # Links to other sites tell them nothing about the reader (the site also
    # sends Referrer-Policy: same-origin); they open in the same tab.
    return OUTSIDE_LINK.sub(r'<a href="\1" rel="noreferrer"', html)


def _in_language(url: str, language: str) -> str:
    """Our page at ``url`` in ``language`` (unchanged when it has no such version).

    The address comes out of nh3 with ``&`` as ``&amp;``; it goes back the same way.
    """
    with translation.override(settings.LANGUAGE_CODE):  # the address is an English one
        found = translate_url(url.replace("&amp;", "&"), language)
    return found.replace("&", "&amp;")


class _TextCollector(HTMLParser):
    BLOCKS = {"p", "li", "h2", "h3", "h4", "blockquote", "pre"}

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.current: list[str] = []

    def handle_data(self, data: str) -> None:
        self.current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.flush()

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        self.current = []
        if text:
            # A heading or list item is read as a sentence of its own.
            self.blocks.append(text if text[-1] in ".!?:" else text + ".")


def plain_text(text: str, language: str = settings.LANGUAGE_CODE) -> str:
    """The words a reader sees, one sentence per block, for readability scores."""
    collector = _TextCollector()
    collector.feed(render(text, language))
    collector.flush()
    return "\n".join(collector.blocks)


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade of the Markdown ``text`` as a reader sees it."""
    import textstat

    return textstat.flesch_kincaid_grade(plain_text(text))
