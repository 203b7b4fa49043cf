"""How many PDFs a session and a client address may have rendered.

PDF_RATE_LIMIT per session, PDF_ADDRESS_RATE_LIMIT per client address and
PDF_SITE_RATE_LIMIT on the whole site in PDF_RATE_WINDOW seconds, counted
when a render is queued (core/ratelimit.py). A PDF served from the cache
counts nothing: only renders do.

Renders in flight on all servers together are capped by render slots in
the shared cache (``take_render_slot``); printing/pdf.py also caps them per
process. When the cache cannot answer (Redis down or paused) the slot is
not "taken": the per-process cap alone holds until it answers again, so an
outage slows PDFs down a little but never stops them.
"""

import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from core import ratelimit
from core.caches import CacheUnavailable, add_or_raise
from core.clientip import limit_key

logger = logging.getLogger(__name__)

# A slot expires by itself after SLOT_SECONDS, so one held by a process
# that died is free again.
SLOT_SECONDS = 120
# The slot taken when the shared cache could not answer: only the process's own cap holds.
LOCAL_SLOT = "local"


def pdf_render_refused(request: HttpRequest) -> int | None:
    """Count a PDF render for this session, address and the site; seconds to wait when refused.

    Counted in that order and no further once one refuses (the ones counted
    before give their count back): a refused address cannot use up the
    site's allowance for everyone else."""
    window = settings.PDF_RATE_WINDOW
    limits = [
        (f"pdf:session:{request.session.session_key}", settings.PDF_RATE_LIMIT),
        (f"pdf:address:{limit_key(request)}", settings.PDF_ADDRESS_RATE_LIMIT),
        ("pdf:site", settings.PDF_SITE_RATE_LIMIT),
    ]
    for counted, (key, limit) in enumerate(limits):
        if not ratelimit.allow(key, limit, window):
            for earlier, _limit in limits[:counted]:
                ratelimit.uncount(earlier)
            return window
    return None


def slot_keys() -> list[str]:
    return [f"pdf:inflight:{n}" for n in range(max(1, settings.PDF_GLOBAL_MAX_CONCURRENT))]


def take_render_slot(wait: float) -> str | None:
    """A free render slot (now ours), or None when every slot stayed taken for ``wait`` seconds.

    A cache error is no "taken": the render goes ahead under the per-process
    cap alone (``LOCAL_SLOT``) rather than waiting for a cache that is away."""
    token = uuid.uuid4().hex
    deadline = time.monotonic() + wait
    while True:
        for key in slot_keys():
            try:
                if add_or_raise(cache, key, token, timeout=SLOT_SECONDS):
                    return f"{key}={token}"
            except CacheUnavailable:
                logger.warning("render slots unavailable: counting this process's renders only")
                return LOCAL_SLOT
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.05)


def give_back_render_slot(slot: str) -> None:
    if slot == LOCAL_SLOT:
        return
    key, token = slot.split("=", 1)
    if cache.get(key) == token:
        cache.delete(key)
