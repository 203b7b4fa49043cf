"""How many PDFs a session and a client address may have rendered.

PDF_RATE_LIMIT per session, PDF_ADDRESS_RATE_LIMIT per client address and
PDF_SITE_RATE_LIMIT on the whole site in PDF_RATE_WINDOW seconds, counted
when a render is queued (core/ratelimit.py); renders in flight on all
servers together are capped in printing/pdf.py. A PDF served from the
cache counts nothing: only renders do.
"""

from django.conf import settings
from django.http import HttpRequest

from core import ratelimit
from core.clientip import limit_key


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
