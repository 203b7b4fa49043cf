"""English at the bare addresses, Spanish under /es/.

The language of a page comes from its address alone, never from the
Accept-Language header or a cookie, so one address always gives one page and
public pages stay cacheable without `Vary: Accept-Language`. A browser that
prefers Spanish is offered the Spanish page (static/js/language.js); nothing
switches on its own.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language_from_path

SPANISH = "es"


def path_language(get_response: Callable[[HttpRequest], HttpResponse]):
    """Activates the language the address names, before the URL is resolved."""

    def middleware(request: HttpRequest) -> HttpResponse:
        language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # Only for this request: the thread's language is put back afterwards,
        # so nothing run later in the same thread (a command, a test, the
        # next request before its own middleware) inherits a Spanish page's.
        with translation.override(language):
            response = get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response

    return middleware


def other_languages(request: HttpRequest) -> dict:
    """The same page in every language: the header's switch and the hreflang links.

    The switch is a root-relative link and keeps the query (a search stays a
    search). The hreflang alternates are full addresses on the host the page
    was asked for, as search engines require (they ignore a relative one),
    without the query; the page cache keys on that same host, so a cached
    page never names another.

    A page with no counterpart (an error page at an address that does not
    exist) links to the other language's home page, and so does an address
    starting with "//", which a browser would read as another host.
    """
    current = translation.get_language()
    path = request.get_full_path()
    versions = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            home = reverse("home")
        url = translate_url(path, code)
        if url.startswith("//") or (url == path and code != current):
            url = home
        versions.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "address": request.build_absolute_uri(url.split("?", 1)[0]),
                "current": code == current,
            }
        )
    return {"language_versions": versions}
