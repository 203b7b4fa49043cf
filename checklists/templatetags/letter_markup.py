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

import functools
from collections.abc import Iterable

from django import template
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from checklists.letter import GAP, Line, Section, blocks_of
from checklists.records import LAB
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


@functools.cache
def _gap(language: str) -> str:
    """A blank to write in, named for screen readers in the letter's language."""
    with translation.override(language):
        blank = gettext("(blank, to fill in by hand)")
    return f'<span class="gap">{GAP}<span class="visually-hidden"> {esc(blank)}</span></span>'


def letter_html(letter) -> SafeString:
    """A records letter (checklists.letter.Letter) or a follow-up
    (checklists.tracker.FollowUp): the same parts, in the same order."""
    gap = _gap(letter.language)
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


@register.simple_tag
def letter_section(letter) -> SafeString:
    """A letter on the letters page: its heading, its PDF, the kind of
    request, the letter; then its Spanish copy to read, when it has one.
    (Each gettext outside the f-strings: makemessages cannot read inside one.)"""
    kind, heading = esc(letter.kind), esc(letter.heading)
    to_send = " " + esc(gettext("(in English, to send)")) if letter.own else ""
    pdf = esc(reverse("printing:letter_pdf", args=[letter.kind]))
    download = esc(gettext("Download this letter (PDF)"))
    what_kind = esc(gettext("What kind of request:"))
    lab = ""
    if letter.kind == LAB:
        lab = " " + esc(
            gettext(
                "Give this letter to the pathology department of your new center and ask them "
                "to request the slides with it. Labs most often send slides when the "
                "pathologists who will read them ask."
            )
        )
    html = [
        f'<section class="letter-print" aria-labelledby="letter-{kind}">',
        f'<h3 id="letter-{kind}" class="no-print">{heading}{to_send}</h3>',
        f'<p class="no-print letter-download"><a href="{pdf}">{download}'
        f'<span class="visually-hidden">: {heading}</span></a></p>',
        f'<p class="no-print"><span class="letter-basis">{what_kind}</span> '
        f"{esc(letter.basis_label)}.{lab}</p>",
        letter_html(letter),
        "</section>",
    ]
    if letter.own:
        copy_of = esc(
            gettext("For you to read, in Spanish: %(heading)s") % {"heading": letter.heading}
        )
        do_not_send = esc(gettext("Do not send this copy."))
        same_letter = esc(
            gettext(
                "It is the same letter in Spanish, for you to read. Send the letter in English."
            )
        )
        html += [
            f'<section class="letter-own no-print" aria-labelledby="own-{kind}">',
            f'<h3 id="own-{kind}">{copy_of}</h3>',
            '<div class="notice-box not-for-sending"><p>'
            f"<strong>{do_not_send}</strong> {same_letter}</p></div>",
            letter_html(letter.own),
            "</section>",
        ]
    return mark_safe("\n".join(html))  # noqa: S308
