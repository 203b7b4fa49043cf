"""The packet PDF's HTML: the whole packet, then the words it uses.

The words box defines only the word-list terms the packet's own text uses,
so the body is rendered first (the ``body`` partial of printing/packet.html)
and the page around it second: each part once. The terms and their
definitions come from the word list the site shows, in the PDF's language.
"""

from datetime import date

from django.template.loader import render_to_string
from django.utils.html import strip_tags

from checklists.presenters import whole_packet
from guides import glossary
from guides.models import current_release
from packets.models import Packet


def packet_pdf_html(packet: Packet, today: date, paper: str, language: str) -> str:
    context = {"view": whole_packet(packet, today), "paper": paper}
    body = render_to_string("printing/packet.html#body", context)
    return render_to_string(
        "printing/packet.html",
        {
            **context,
            "body": body,
            "words": glossary.jargon_in(strip_tags(body), language),
            "release": current_release(),
        },
    )
