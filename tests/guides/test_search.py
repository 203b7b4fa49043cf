"""Search finds the guide a patient means, on PostgreSQL and on SQLite alike."""

import pytest
from django.test import Client
from pytest_django.asserts import assertContains

from guides.search import search_guides, search_terms

EXPECTED_FIRST = [
    ("insurance", "who-pays"),
    ("who pays for it", "who-pays"),
    ("rude", "is-it-rude"),
    ("offend my doctor", "is-it-rude"),
    ("rural hospital", "who-should-consider-one"),
    ("cancer center", "where-to-go"),
    ("opinions differ", "when-opinions-differ"),
]


@pytest.mark.parametrize(("query", "slug"), EXPECTED_FIRST)
def test_expected_guide_comes_first(guides_loaded, query: str, slug: str) -> None:
    results = search_guides(query)
    assert results, f"nothing found for {query!r}"
    assert results[0].slug == slug


def test_glossary_terms_are_searched(guides_loaded) -> None:
    top = {term.slug for term in search_terms("pathology")[:3]}
    assert {"pathology", "pathology-report"} <= top


def test_nonsense_finds_nothing(guides_loaded) -> None:
    assert search_guides("xylophonequartz") == []


def test_search_page_lists_results(client: Client, guides_loaded) -> None:
    response = client.get("/search/", {"q": "insurance"})
    assertContains(response, "/guides/who-pays/")
    assertContains(response, "result")


def test_empty_search_shows_the_form_only(client: Client, guides_loaded) -> None:
    response = client.get("/search/")
    assert response.status_code == 200
    assertContains(response, 'name="q"')


@pytest.mark.parametrize(
    "query", ["%", "_", "'; DROP TABLE guides_guide; --", "a" * 5000, "<script>", "\x00", "!!!"]
)
def test_odd_queries_never_fail(client: Client, guides_loaded, query: str) -> None:
    response = client.get("/search/", {"q": query})
    assert response.status_code in (200, 400)
    assert b"<script>" not in response.content
