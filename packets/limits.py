"""How many new packets one client address may start, counted in the shared cache.

PACKET_CREATE_LIMIT per client address in PACKET_CREATE_WINDOW seconds. The
other limits live beside what they limit: PDF renders in printing/limits.py,
admin logins in core/adminguard.py, pairing-code guesses in
packets/pairing.py.
"""

from django.conf import settings
from django.http import HttpRequest

from core import ratelimit
from core.clientip import limit_key
from core.errors import RefusedPage


class TooManyPackets(RefusedPage):
    """This address started too many packets lately (shown as a 429 page)."""

    template = "packets/too_many_packets.html"
    status = 429

    def __init__(self, retry_after: int) -> None:
        super().__init__("too many new packets from one address")
        self.retry_after = retry_after


def check_packet_creation(request: HttpRequest) -> None:
    """Count a new packet for this address; raises TooManyPackets past the limit."""
    window = settings.PACKET_CREATE_WINDOW
    if not ratelimit.allow(
        f"packet:address:{limit_key(request)}", settings.PACKET_CREATE_LIMIT, window
    ):
        raise TooManyPackets(window)
