"""Response headers every page carries, whatever view or error made it, and
the site's request guards: session lifetime, admin access, limit pages."""

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from core import adminguard
from core.errors import RefusedPage

# For responses Django's CSP middleware never saw: SecurityMiddleware's own
# http -> https redirect returns before it. Such a response has no content.
FALLBACK_CSP = (
    "default-src 'none'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'; object-src 'none'"
)


def security_headers(get_response: Callable[[HttpRequest], HttpResponse]):
    """Permissions-Policy, resource isolation, frame denial and a CSP on every response.

    Outermost middleware, so the plain-http redirect gets them too.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        # Django's own X-Frame-Options middleware sits below whitenoise, so
        # static files would go without; this covers every response.
        response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        response.headers.setdefault("Content-Security-Policy", FALLBACK_CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        response.headers.setdefault(
            "Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
        )
        return response

    return middleware


STARTED_KEY = "_started_at"


def session_lifetime(get_response: Callable[[HttpRequest], HttpResponse]):
    """Ends a session a fixed time after it began, however active it is.

    The cookie slides (PACKET_MAX_IDLE_DAYS after the last change); this puts
    a hard end on top: SESSION_ABSOLUTE_MAX_HOURS for a patient, and the much
    shorter SESSION_STAFF_MAX_HOURS once someone has logged in to the admin.
    A request without a session cookie is not looked at, so public pages
    stay free of `Vary: Cookie`.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        session = request.session
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            was_accessed = session.accessed
            started = session.get(STARTED_KEY)
            staff = "_auth_user_id" in session
            is_empty = session.is_empty()
            # Reading the session to check it is not the page using it.
            session.accessed = was_accessed
            hours = (
                settings.SESSION_STAFF_MAX_HOURS if staff else settings.SESSION_ABSOLUTE_MAX_HOURS
            )
            if started is not None and time.time() - started > hours * 3600:
                session.flush()
            elif started is None and not is_empty:
                session[STARTED_KEY] = int(time.time())  # a session from before this check
        response = get_response(request)
        if session.modified and STARTED_KEY not in session and not session.is_empty():
            session[STARTED_KEY] = int(time.time())
        return response

    return middleware


class RequestGuards:
    """The admin allow-list and login lock-out, and the pages for refusals (core.errors)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refused = adminguard.refuse(request)
        if refused is not None:
            return refused
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, RefusedPage):
            return None
        response = render(request, exception.template, status=exception.status)
        if exception.retry_after is not None:
            response["Retry-After"] = str(exception.retry_after)
        add_never_cache_headers(response)
        return response
