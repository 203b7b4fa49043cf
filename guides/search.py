"""Search over published guides and the glossary.

PostgreSQL: full-text search with weights (title > summary > body) and
ranking. Other databases: every word must appear somewhere, ranked by where
it appears, so the same questions find the same guides first.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from guides.models import GlossaryTerm, Guide

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 20
WORD = re.compile(r"\w+", re.UNICODE)


def clean_query(raw: str) -> str:
    """Trim, collapse spaces and bound the length of what a reader typed."""
    printable = "".join(ch for ch in raw if ch.isprintable() or ch.isspace())
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def _words(query: str) -> list[str]:
    return [w for w in WORD.findall(query.lower()) if len(w) > 1][:10]


def search_guides(query: str) -> list[Guide]:
    words = _words(query)
    if not words:
        return []
    guides = Guide.objects.published()
    if connection.vendor == "postgresql":
        vector = (
            SearchVector("title", weight="A", config="english")
            + SearchVector("summary", weight="B", config="english")
            + SearchVector("body", weight="C", config="english")
        )
        search = SearchQuery(" ".join(words), search_type="plain", config="english")
        return list(
            guides.annotate(rank=SearchRank(vector, search))
            .filter(rank__gt=0)
            .order_by("-rank", "order")[:MAX_RESULTS]
        )
    return _rank_in_python(
        guides.filter(_all_words(words, ("title", "summary", "body"))),
        words,
        {"title": 10, "summary": 4, "body": 1},
    )


def search_terms(query: str) -> list[GlossaryTerm]:
    words = _words(query)
    if not words:
        return []
    terms = GlossaryTerm.objects.all()
    if connection.vendor == "postgresql":
        vector = SearchVector("term", weight="A", config="english") + SearchVector(
            "definition", weight="C", config="english"
        )
        search = SearchQuery(" ".join(words), search_type="plain", config="english")
        return list(
            terms.annotate(rank=SearchRank(vector, search))
            .filter(rank__gt=0)
            .order_by("-rank", "term")[:MAX_RESULTS]
        )
    return _rank_in_python(
        terms.filter(_all_words(words, ("term", "definition"))),
        words,
        {"term": 10, "definition": 1},
    )


def _stem(word: str) -> str:
    # A light stemmer for the fallback: "opinions" finds "opinion".
    for suffix in ("ies", "es", "s", "ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _all_words(words: list[str], fields: tuple[str, ...]) -> Q:
    condition = Q()
    for word in words:
        stem = _stem(word)
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": stem})
        condition &= any_field
    return condition


def _rank_in_python(rows: QuerySet, words: list[str], weights: dict[str, int]) -> list:
    def score(row) -> float:
        total = 0.0
        for name, weight in weights.items():
            text = getattr(row, name).lower()
            for word in words:
                total += weight * min(text.count(_stem(word)), 5)
        return total

    return sorted(rows, key=lambda row: (-score(row), getattr(row, "order", 0)))[:MAX_RESULTS]
