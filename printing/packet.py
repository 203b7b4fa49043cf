"""The packet PDF's HTML: the whole packet, then the words it uses.

The words box defines only the word-list terms the packet's own text uses,
so the body is rendered first (the ``body`` partial of printing/packet.html)
and the page around it second: each part once. The terms and their
definitions come from the word list the site shows, in the PDF's language.

Rows saved before typed text was made plain (core/text.py) may still hold
line separators or control characters: the packet's details are made plain
before the letters are built from them (an address keeps its lines), and
the finished HTML once more, for every note, question and call note.
"""

import copy
from datetime import date

from django.db import models
from django.template.loader import render_to_string
from django.utils.html import strip_tags

from checklists.presenters import whole_packet
from core.text import normalise_controls
from guides import glossary
from guides.models import current_release
from packets.models import Packet


def packet_pdf_html(packet: Packet, today: date, paper: str, language: str) -> str:
    context = {"view": whole_packet(plain_copy(packet), today), "paper": paper}
    body = render_to_string("printing/packet.html#body", context)
    return normalise_controls(
        render_to_string(
            "printing/packet.html",
            {
                **context,
                "body": body,
                "words": glossary.jargon_in(strip_tags(body), language),
                "release": current_release(),
            },
        )
    )


def plain_copy(packet: Packet) -> Packet:
    """A copy of ``packet`` whose typed details hold no separator or control character."""
    plain = copy.copy(packet)
    for field in Packet._meta.concrete_fields:
        value = getattr(plain, field.attname)
        if isinstance(field, models.CharField) and isinstance(value, str):
            setattr(plain, field.attname, normalise_controls(value))
    return plain
