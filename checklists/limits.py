"""The site's limits on expensive or abusable actions, per session, per client
address and in total, all counted in the shared cache.

- PDF render: PDF_RATE_LIMIT per session and PDF_ADDRESS_RATE_LIMIT per
  client address in PDF_RATE_WINDOW seconds; PDF_GLOBAL_MAX_CONCURRENT renders
  in flight on all servers together (checklists/pdf.py).
- New packet: PACKET_CREATE_LIMIT per client address in PACKET_CREATE_WINDOW
  seconds.
- Admin login: ADMIN_LOGIN_USER_FAILURES failures per user name and
  ADMIN_LOGIN_ADDRESS_FAILURES per address (secondopinion/adminguard.py).

A downloaded PDF served from the cache counts nothing: only renders do.
"""

from django.conf import settings
from django.http import HttpRequest

from checklists import ratelimit
from secondopinion.clientip import limit_key


class TooManyPackets(Exception):
    """This address started too many packets lately (shown as a 429 page)."""

    def __init__(self, retry_after: int) -> None:
        super().__init__("too many new packets from one address")
        self.retry_after = retry_after


def pdf_render_refused(request: HttpRequest) -> int | None:
    """Count a PDF render for this session and address; seconds to wait when refused."""
    window = settings.PDF_RATE_WINDOW
    session_ok = ratelimit.allow(
        f"pdf:session:{request.session.session_key}", settings.PDF_RATE_LIMIT, window
    )
    address_ok = ratelimit.allow(
        f"pdf:address:{limit_key(request)}", settings.PDF_ADDRESS_RATE_LIMIT, window
    )
    return None if session_ok and address_ok else window


def check_packet_creation(request: HttpRequest) -> None:
    """Count a new packet for this address; raises TooManyPackets past the limit."""
    window = settings.PACKET_CREATE_WINDOW
    if not ratelimit.allow(
        f"packet:address:{limit_key(request)}", settings.PACKET_CREATE_LIMIT, window
    ):
        raise TooManyPackets(window)
