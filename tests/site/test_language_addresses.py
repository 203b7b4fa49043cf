"""The two languages' addresses: English where it always was, Spanish under
/es/, the language taken from the address alone, and each page linking to
its other-language version."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PAIRS = [
    ("/", "/es/"),
    ("/guides/", "/es/guides/"),
    ("/glossary/", "/es/glossary/"),
    ("/questionnaire/", "/es/questionnaire/"),
    ("/how-this-was-made/", "/es/how-this-was-made/"),
    ("/packet/", "/es/packet/"),
    ("/sources/", "/es/sources/"),
]


@pytest.mark.parametrize(("english", "spanish"), PAIRS)
def test_each_page_links_to_its_other_language_version(english: str, spanish: str) -> None:
    en = Client().get(english).content.decode()
    es = Client().get(spanish).content.decode()
    assert '<html lang="en">' in en
    assert '<html lang="es">' in es
    # The visible switch, named in its own language, and the hreflang alternates.
    assert f'href="{spanish}" hreflang="es" lang="es">Español</a>' in en
    assert f'href="{english}" hreflang="en" lang="en">English</a>' in es
    # Full addresses on the page's own host: search engines ignore relative ones.
    for html in (en, es):
        assert f'<link rel="alternate" hreflang="en" href="http://testserver{english}">' in html
        assert f'<link rel="alternate" hreflang="es" href="http://testserver{spanish}">' in html
        assert (
            f'<link rel="alternate" hreflang="x-default" href="http://testserver{english}">' in html
        )


def test_hreflang_addresses_name_the_host_the_page_was_asked_for(settings) -> None:
    """Behind the proxy the page is https on its public name; the cache keys on it too."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    client = Client(headers={"host": "localhost", "x-forwarded-proto": "https"})
    html = client.get("/es/guides/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="https://localhost/guides/">' in html
    assert '<link rel="alternate" hreflang="es" href="https://localhost/es/guides/">' in html


def test_the_switch_keeps_the_search_words() -> None:
    html = Client().get("/search/?q=biopsy").content.decode()
    assert 'href="/es/search/?q=biopsy" hreflang="es"' in html
    # The alternates name the page, not one reader's query.
    assert '<link rel="alternate" hreflang="es" href="http://testserver/es/search/">' in html


def test_a_missing_english_page_offers_the_spanish_home_page() -> None:
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'href="/es/" hreflang="es" lang="es">Español</a>' in html
    assert '<link rel="alternate" hreflang="es" href="http://testserver/es/">' in html


def test_an_address_starting_with_two_slashes_never_links_to_another_host() -> None:
    """ "//example.com/x" reaches the site as a path (a 404); read as a link it
    would be another host, so its language links go to the home pages."""
    response = Client().get("/x", PATH_INFO="//example.com/x")
    assert response.status_code == 404
    html = response.content.decode()
    assert "example.com" not in html
    assert '<link rel="alternate" hreflang="es" href="http://testserver/es/">' in html


def test_a_spanish_browser_still_gets_english_at_english_addresses() -> None:
    """Nothing switches on its own: the address decides, so public pages need
    no `Vary: Accept-Language` and stay cacheable as they were."""
    client = Client(headers={"accept-language": "es-US,es;q=0.9"})
    response = client.get("/guides/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    assert response["Content-Language"] == "en"
    assert "Accept-Language" not in response.get("Vary", "")
    # It is offered the Spanish page instead (shown by static/js/language.js).
    assert 'id="language-offer" lang="es" hidden>' in response.content.decode()


def test_an_english_browser_gets_spanish_at_spanish_addresses() -> None:
    response = Client(headers={"accept-language": "en-US"}).get("/es/guides/")
    assert '<html lang="es">' in response.content.decode()
    assert "Accept-Language" not in response.get("Vary", "")


def test_spanish_public_pages_are_cached_like_english_ones() -> None:
    english = Client().get("/guides/")
    spanish = Client().get("/es/guides/")
    assert spanish["Cache-Control"] == english["Cache-Control"]
    assert spanish.get("Vary") == english.get("Vary")
    assert "language-offer" not in spanish.content.decode()


def test_robots_keeps_crawlers_out_of_both_languages_private_pages() -> None:
    robots = Client().get("/robots.txt").content.decode()
    for path in ("/questionnaire/", "/packet/", "/es/questionnaire/", "/es/packet/"):
        assert f"Disallow: {path}\n" in robots


def test_admin_and_health_have_no_spanish_twin() -> None:
    assert Client().get("/es/healthz").status_code == 404
    assert Client().get("/es/admin/").status_code == 404
    assert Client().get("/healthz").status_code == 200


def test_a_spanish_request_leaves_no_spanish_behind() -> None:
    """Code run after a Spanish page in the same thread (the next request's
    middleware, a command, a test building a letter) starts in English."""
    from django.utils import translation

    Client().get("/es/guides/")
    assert translation.get_language() == "en"
