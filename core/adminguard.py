"""The admin: reachable only from the allow-list (when set), and locked after
repeated failed logins, counted in the database across every server.

Our own limiter rather than django-axes: two counters in the table every
limit uses (core/ratelimit.py), one signal receiver and no second place to
look for lock-outs; axes would do the same with its own models and a
dependency to keep current.

Every login POST counts, per user name (ADMIN_LOGIN_USER_FAILURES) and per
client address (ADMIN_LOGIN_ADDRESS_FAILURES), for ADMIN_LOGIN_LOCK_SECONDS,
before the password is checked: a burst of parallel guesses cannot all be
checked. Past either limit every login POST, even with the right password,
gets a 429 without the password being checked. A successful login clears
the user name's count and gives the address its try back. The user name is
counted as Django would log it in (NFKC, case folded).
"""

import hashlib
import unicodedata

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from core import ratelimit
from core.clientip import allowed, limit_key


def _user_key(username: str) -> str:
    """One counter for every spelling Django would log in as the same user:
    NFKC folds look-alikes (fullwidth ａｄｍｉｎ is admin) as Django's login
    form does before checking the password; case and spaces count as one too."""
    name = unicodedata.normalize("NFKC", username).strip().casefold()
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:32]
    return f"admin-login:user:{digest}"


def _address_key(request: HttpRequest) -> str:
    return f"admin-login:address:{limit_key(request)}"


def locked(request: HttpRequest, username: str) -> bool:
    """Count this login attempt under its user name and its address, and say
    whether either is past its limit. Counted first, in one statement each
    (core/ratelimit.py): a burst of parallel guesses cannot all be checked."""
    window = settings.ADMIN_LOGIN_LOCK_SECONDS
    by_user = ratelimit.count(_user_key(username), window)
    by_address = ratelimit.count(_address_key(request), window)
    return (
        by_user > settings.ADMIN_LOGIN_USER_FAILURES
        or by_address > settings.ADMIN_LOGIN_ADDRESS_FAILURES
    )


def refuse(request: HttpRequest) -> HttpResponse | None:
    """A response refusing this admin request, or None to let it through."""
    admin_root = reverse("admin:index")
    if not request.path.startswith(admin_root):
        return None
    if settings.ADMIN_ALLOWED_IPS and not allowed(request, settings.ADMIN_ALLOWED_IPS):
        # As if there were no admin here at all.
        return render(request, "404.html", status=404)
    if (
        request.method == "POST"
        and request.path == reverse("admin:login")
        and locked(request, request.POST.get("username", ""))
    ):
        response = render(
            request,
            "admin_locked.html",
            {"minutes": settings.ADMIN_LOGIN_LOCK_SECONDS // 60},
            status=429,
        )
        response["Retry-After"] = str(settings.ADMIN_LOGIN_LOCK_SECONDS)
        return response
    return None


@receiver(user_logged_in)
def clear_failures(sender, request: HttpRequest | None, user, **kwargs) -> None:
    """A right password clears the user's count, and gives the address its try back."""
    ratelimit.reset(_user_key(user.get_username()))
    if request is not None:
        ratelimit.uncount(_address_key(request))
