"""The admin: reachable only from the allow-list (when set), and locked after
repeated failed logins, counted in the shared cache across every server.

Our own limiter rather than django-axes: it needs the shared cache this site
already has, two counters and two signal receivers, and no models,
migrations or a second place to look for lock-outs; axes' cache handler
would do the same with a dependency to keep current.

Failures count per user name (ADMIN_LOGIN_USER_FAILURES) and per client
address (ADMIN_LOGIN_ADDRESS_FAILURES) for ADMIN_LOGIN_LOCK_SECONDS. While
either is over, every login POST, even with the right password, gets a 429
without the password being checked. A successful login clears the user
name's count.
"""

import hashlib
import unicodedata

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
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
    return (
        ratelimit.used(_user_key(username)) >= settings.ADMIN_LOGIN_USER_FAILURES
        or ratelimit.used(_address_key(request)) >= settings.ADMIN_LOGIN_ADDRESS_FAILURES
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


@receiver(user_login_failed)
def count_failure(sender, credentials: dict, request: HttpRequest | None = None, **kwargs) -> None:
    if request is None:
        return
    window = settings.ADMIN_LOGIN_LOCK_SECONDS
    ratelimit.count(_user_key(credentials.get("username", "")), window)
    ratelimit.count(_address_key(request), window)


@receiver(user_logged_in)
def clear_failures(sender, request: HttpRequest | None, user, **kwargs) -> None:
    ratelimit.reset(_user_key(user.get_username()))
