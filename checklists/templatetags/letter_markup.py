"""A letter as HTML, for its page and its PDF: ``{% load letter_markup %}``,
then ``{% letter_body letter %}``.

Written in Python rather than as an include: a letter is some forty
labelled lines, and the template engine spent more on drawing them than on
everything else on the letters page (tests/checklists/test_letter_markup.py
reads the markup back). The wording is the letter's own, built in
checklists/letter.py (a follow-up in checklists/tracker.py) in the letter's
language; only the gap's hidden label
("blank, to fill in by hand") is translated here, in that language too.
"""

from collections.abc import Iterable

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from checklists.letter import GAP, Line, Section, blocks_of
from core.markup import esc

register = template.Library()

# Every piece below is escaped (esc, or linebreaksbr with autoescape), so
# the letter as a whole is safe.


def _lines(lines: Iterable[Line], gap: str) -> str:
    """Labelled lines, one under another; an empty value is a gap to write in."""
    return "<br>".join(
        f"{esc(line.label)}: " + (linebreaksbr(line.value, autoescape=True) if line.value else gap)
        for line in lines
    )


def _paragraphs(parts: Iterable[str]) -> str:
    return "".join(f"<p>{esc(part)}</p>" for part in parts)


def _blocks(parts: tuple[Line | str, ...], gap: str) -> str:
    return "".join(
        f"<p>{esc(block)}</p>" if isinstance(block, str) else f"<p>{_lines(block, gap)}</p>"
        for block in blocks_of(parts)
    )


def _section(section: Section, gap: str) -> str:
    signer = f'<p class="letter-signer">{_lines(section.signer, gap)}</p>' if section.signer else ""
    return (
        f'<div class="letter-section"><p class="letter-subject"><strong>{esc(section.heading)}'
        f"</strong></p>{_blocks(section.parts, gap)}{signer}</div>"
    )


def letter_html(letter) -> SafeString:
    """A records letter (checklists.letter.Letter) or a follow-up
    (checklists.tracker.FollowUp): the same parts, in the same order."""
    with translation.override(letter.language):
        blank = gettext("(blank, to fill in by hand)")
    gap = f'<span class="gap">{GAP}<span class="visually-hidden"> {esc(blank)}</span></span>'
    about = getattr(letter, "about", ())
    items = "".join(f"<li>{esc(item)}</li>" for item in letter.items)
    html = [
        f'<div class="letter" lang="{esc(letter.language)}">',
        f'<p class="letter-date">{esc(letter.dated)}</p>',
        f'<p class="letter-to">{_lines(letter.to, gap)}</p>',
        f'<p class="letter-subject"><strong>{esc(letter.subject)}</strong></p>',
        f'<p class="letter-about">{_lines(about, gap)}</p>' if about else "",
        f"<p>{esc(letter.greeting)}</p>",
        _paragraphs(letter.opening),
        f'<ul class="letter-items">{items}</ul>' if items else "",
        _blocks(letter.body, gap),
        _paragraphs(letter.closing),
        f'<p class="letter-signer">{_lines(letter.signer, gap)}</p>',
        *(_section(section, gap) for section in getattr(letter, "sections", ())),
        "</div>",
    ]
    return mark_safe("\n".join(html))  # noqa: S308


@register.simple_tag
def letter_body(letter) -> SafeString:
    return letter_html(letter)
