"""Health check, robots.txt and the site's own error pages: no feature's data."""

import logging
import sys

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@require_safe
@cache_control(no_store=True)
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("health check: database unavailable")
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


ROBOTS = """User-agent: *
Disallow: /questionnaire/
Disallow: /packet/
Disallow: /es/questionnaire/
Disallow: /es/packet/
Disallow: /admin/
"""


@require_safe
@cache_control(public=True, max_age=86400)
def robots(request: HttpRequest) -> HttpResponse:
    """Guides are for everyone; a patient's questionnaire and packet are not for crawlers."""
    return HttpResponse(ROBOTS, content_type="text/plain")


def server_error(request: HttpRequest) -> HttpResponse:
    """500 page; a database outage gets a 503 "try again soon" page instead.

    Django calls this while the exception is still being handled, so
    sys.exc_info() tells which it was. Neither page touches the database.
    """
    exception = sys.exc_info()[1]
    if isinstance(exception, DatabaseError):
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "30"
    else:
        response = render(request, "500.html", status=500)
    response["Cache-Control"] = "no-store"
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its security token: say what to do, in the site's style."""
    return render(request, "403_csrf.html", status=403)


def bench_floor(request: HttpRequest) -> HttpResponse:
    """A fixed string: the floor benchmarks compare against (only with DJANGO_BENCH_FLOOR)."""
    return HttpResponse("ok", content_type="text/plain")
