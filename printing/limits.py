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
    """Count a PDF render for this session and address; seconds to wait when refused."""
    window = settings.PDF_RATE_WINDOW
    session_ok = ratelimit.allow(
        f"pdf:session:{request.session.session_key}", settings.PDF_RATE_LIMIT, window
    )
    address_ok = ratelimit.allow(
        f"pdf:address:{limit_key(request)}", settings.PDF_ADDRESS_RATE_LIMIT, window
    )
    site_ok = ratelimit.allow("pdf:site", settings.PDF_SITE_RATE_LIMIT, window)
    return None if session_ok and address_ok and site_ok else window
