"""Reading the guides: pages a patient and a proxy cache both rely on."""

import re
from datetime import date

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from guides.models import Guide

PUBLIC_PAGES = [
    "/",
    "/guides/",
    "/guides/what-is-a-second-opinion/",
    "/glossary/",
    "/search/?q=insurance",
    "/sources/",
    "/how-this-was-made/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_never_touches_the_session(client: Client, guides_loaded, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_queries_are_bounded(
    client: Client, guides_loaded, django_assert_max_num_queries, url: str
) -> None:
    with django_assert_max_num_queries(3):
        client.get(url)


def test_guide_list_shows_every_published_guide_in_order(client: Client, guides_loaded) -> None:
    response = client.get("/guides/")
    titles = [g.title for g in Guide.objects.published()]
    html = response.content.decode()
    positions = [html.index(title.replace("'", "&#x27;")) for title in titles]
    assert positions == sorted(positions)
    assert len(titles) >= 6


def test_guide_page_shows_review_dates_sources_and_notice(client: Client, guides_loaded) -> None:
    response = client.get("/guides/who-pays/")
    assertContains(response, "Last reviewed")
    assertContains(response, "Next review due")
    assertContains(response, "Buckner")
    assertContains(response, "not medical advice")
    assertContains(response, "<h1>", count=1)


def test_guide_links_terms_to_the_word_list(client: Client, guides_loaded) -> None:
    response = client.get("/guides/what-is-a-second-opinion/")
    assertContains(response, 'href="/glossary/#pathology-report"')


def test_glossary_gives_each_term_an_anchor(client: Client, guides_loaded) -> None:
    response = client.get("/glossary/")
    for slug in ["pathology-report", "biomarker-testing", "genomics", "community-oncologist"]:
        assertContains(response, f'id="{slug}"')


def test_unpublished_guide_is_not_found(client: Client, guides_loaded) -> None:
    Guide.objects.filter(slug="who-pays").update(published=False)
    assert client.get("/guides/who-pays/").status_code == 404
    assertNotContains(client.get("/guides/"), "/guides/who-pays/")


def test_unknown_guide_gets_the_sites_own_404_page(client: Client, guides_loaded) -> None:
    response = client.get("/guides/no-such-guide/")
    assert response.status_code == 404
    assertContains(response, "Page not found", status_code=404)
    assertContains(response, "Skip to main content", status_code=404)


def test_guide_is_rendered_without_editor_html(client: Client, guides_loaded) -> None:
    Guide.objects.create(
        title="Test",
        slug="test-xss",
        summary="x",
        body="Hello <script>alert(1)</script> [x](javascript:alert(1))",
        last_reviewed=date(2026, 1, 1),
        next_review_due=date(2026, 7, 1),
    )
    response = client.get("/guides/test-xss/")
    assertNotContains(response, "<script>alert")
    assertNotContains(response, 'href="javascript')


def test_pages_only_accept_reading(client: Client, guides_loaded) -> None:
    assert client.post("/guides/").status_code == 405
    assert client.head("/guides/").status_code == 200


def test_pages_load_nothing_from_other_hosts(client: Client, guides_loaded) -> None:
    for url in PUBLIC_PAGES:
        html = client.get(url).content.decode()
        assert 'src="http' not in html
        # In the head, the only full addresses are the page's language versions,
        # on this same host; browsers load nothing from them.
        head = html.split("<body")[0]
        for tag in re.findall(r"<[^>]*href=\"http[^>]*>", head):
            assert tag.startswith('<link rel="alternate" hreflang='), tag
            assert 'href="http://testserver/' in tag, tag
        assert " style=" not in html
        assert "<style" not in html
        assert "<script>" not in html


def test_robots_keeps_crawlers_out_of_patient_pages(client: Client, db) -> None:
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    body = response.content.decode()
    assert "Disallow: /packet/" in body and "Disallow: /questionnaire/" in body
    assert "Disallow: /guides/" not in body


def test_public_pages_are_kept_for_a_minute_without_touching_the_database(
    client: Client, guides_loaded, django_assert_num_queries, settings
) -> None:
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "TIMEOUT": 60,
            "LOCATION": "pages-test",
        },
    }
    first = client.get("/guides/who-pays/")
    with django_assert_num_queries(0):
        second = client.get("/guides/who-pays/")
    assert second.content == first.content
    assert "max-age=60" in second["Cache-Control"] and "public" in second["Cache-Control"]
    assert "Cookie" not in second.get("Vary", "")
    assert "object-src 'none'" in second["Content-Security-Policy"]
