"""The records-request letters as PDFs of their own, ready to sign and post.

One PDF per letter (``/packet/letters/office.pdf``) and one with every letter
(``/packet/letters.pdf``). Unlike the packet PDF they carry no cover, no
running header or footer and no "Page 2 of 7": a letter torn from a booklet
looks like one. Each letter, and each Spanish reading copy after its English
letter, is an HTML document of its own (printing/letters.html), so each
starts on a new page and counts its own pages: a second page says whose
letter it is and "page 2 of 2", the way a continued letter does, so a sheet
that comes apart from the first is still matched to the patient. Every page
of a Spanish copy says it is a copy to read, not to send.

They are made by the packet PDF's own path, with the letters as its
``document`` (printing/tasks.py, printing/views.py ``worker_pdf``): a worker
renders them into the cache, keyed by the packet's version, with the same
fallbacks when Redis is down or no worker takes the render, and "Delete my
packet" forgets them (printing/cache.py ``forget_pdfs``).
"""

import hashlib
from datetime import date

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from checklists.letter import Letter, plan_letters
from checklists.presenters import details_of, letters, statuses_of, still_needed
from checklists.records import IMAGING, LAB, OFFICE
from core.text import normalise_controls
from packets.models import Packet
from printing import cache as pdf_cache
from printing.packet import plain_copy

ALL = pdf_cache.ALL_LETTERS

# What each download is called on the patient's computer: the letter it holds.
FILENAMES = {
    ALL: "records-request-letters.pdf",
    OFFICE: "records-request-records-office.pdf",
    LAB: "records-request-pathology-lab.pdf",
    IMAGING: "records-request-imaging-department.pdf",
}
assert set(FILENAMES) == set(pdf_cache.LETTER_DOCUMENTS)


def letters_etag(
    packet_id: int, changed_at, document: str, paper: str, today: date, language: str
) -> str:
    """The packet's version (as the packet PDF's ETag has it) and which letters."""
    packet = pdf_cache.packet_etag(packet_id, changed_at, paper, today, language)
    return hashlib.sha256(f"{packet}|letters|{document}".encode()).hexdigest()[:32]


def chosen(all_letters: list[Letter], document: str) -> list[Letter]:
    """The letters one download holds: one kind, or all of them."""
    return [letter for letter in all_letters if document in (ALL, letter.kind)]


def letters_pdf_html(packet: Packet, today: date, paper: str, document: str) -> list[str]:
    """One HTML document per letter to send and per Spanish copy, in order.

    Empty when the packet has no such letter (nothing left to ask for)."""
    plain_packet = plain_copy(packet)
    html = []
    for letter in chosen(letters(plain_packet, today), document):
        # The PDF's title, which a PDF reader shows: in the page's language.
        title = _("Letters to request my records") if document == ALL else letter.heading
        context = {
            "letter": letter,
            "paper": paper,
            "name": plain_packet.name.strip(),
            "title": str(title),
        }
        html.append(render_to_string("printing/letters.html", context))
        if letter.own:
            with translation.override(letter.own.language):
                own = {**context, "letter": letter.own, "sent": letter}
                html.append(render_to_string("printing/letters.html", own))
    return [normalise_controls(one) for one in html]


def has_letter(packet: Packet, document: str) -> bool:
    """The packet holds a letter for ``document`` (any letter, for all of them):
    which letters there are, without their wording."""
    plans = plan_letters(still_needed(statuses_of(packet)), details_of(packet))
    return any(document in (ALL, plan.kind) for plan in plans)
