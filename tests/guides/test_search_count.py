"""The search page says how many results it found, and that number is the list's length."""

import re

import pytest
from django.test import Client

QUERIES = ["insurance", "cancer", "second opinion", "pathology", "slides", "xylophonequartz"]


def said_and_listed(html: str) -> tuple[int, int]:
    said = re.search(r'<p class="search-count"[^>]*>(\d+) results? for', html)
    assert said, "the page does not say how many results it found"
    lists = re.findall(r'<(?:ol|ul) class="search-results">(.*?)</(?:ol|ul)>', html, re.S)
    listed = sum(block.count("<li>") for block in lists)
    return int(said.group(1)), listed


@pytest.mark.parametrize("query", QUERIES)
def test_number_said_equals_results_listed(client: Client, guides_loaded, query: str) -> None:
    said, listed = said_and_listed(client.get("/search/", {"q": query}).content.decode())
    assert said == listed


def test_a_common_word_finds_more_than_one_result_and_says_so(
    client: Client, guides_loaded
) -> None:
    html = client.get("/search/", {"q": "cancer"}).content.decode()
    said, listed = said_and_listed(html)
    assert said == listed > 1
    assert f"<title>{said} results for" in html


def test_the_count_is_not_in_a_live_region(client: Client, guides_loaded) -> None:
    # A live region on a fresh page made screen readers say "0 results"; the
    # count is read with the page title instead.
    html = client.get("/search/", {"q": "insurance"}).content.decode()
    count = re.search(r'<p class="search-count"[^>]*>', html).group(0)
    assert "role=" not in count and "aria-live" not in count
