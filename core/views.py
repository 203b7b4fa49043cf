"""Health check, robots.txt and the site's own error pages: no feature's data."""

import logging
import sys

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def _redis_ok() -> bool:
    """Redis itself answers (the cache answers a failure as a miss, so ask it directly)."""
    try:
        caches["default"]._cache.get_client(write=True).ping()
    except (RedisError, OSError):
        return False
    return True


@require_safe
@cache_control(no_store=True)
def healthz(request: HttpRequest) -> HttpResponse:
    """Each dependency on a line; 200 when all answer, 503 (with Retry-After) when one does not.

    The site keeps working without Redis (slower), but a load balancer and
    whoever is on call should know it is down."""
    database = _database_ok()
    # Without Redis the cache is a table in the database.
    checks = {"database": database, "cache": _redis_ok() if settings.REDIS_URL else database}
    body = "".join(f"{name} {'ok' if ok else 'unavailable'}\n" for name, ok in checks.items())
    if all(checks.values()):
        return HttpResponse(body, content_type="text/plain")
    logger.warning("health check: %s", body.strip().replace("\n", "; "))
    response = HttpResponse(body, status=503, content_type="text/plain")
    response["Retry-After"] = "30"
    return response


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
    """500 page; a database or Redis outage gets a 503 "try again soon" page instead.

    Django calls this while the exception is still being handled, so
    sys.exc_info() tells which it was. Neither page touches the database.
    """
    exception = sys.exc_info()[1]
    if isinstance(exception, DatabaseError | RedisError):
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
