"""Search over published guides and the glossary.

PostgreSQL: full-text search with weights (title > summary > body) and
ranking, with the text search configuration of the language searched
('english', 'spanish'). Other databases: every word must appear somewhere,
ranked by where it appears, so the same questions find the same guides
first; in Spanish that match also ignores accents and case ("patologo"
finds "patólogo"), done in Python over the few translated rows.

Spanish searches the Spanish guides and words; a guide or word with no
Spanish version yet is not found in Spanish.
"""

import re
import unicodedata

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from guides.models import GlossaryTerm, GlossaryTermTranslation, Guide, GuideTranslation

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 20
WORD = re.compile(r"\w+", re.UNICODE)


def clean_query(raw: str) -> str:
    """Trim, collapse spaces and bound the length of what a reader typed."""
    printable = "".join(ch for ch in raw if ch.isprintable() or ch.isspace())
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def _words(query: str) -> list[str]:
    return [w for w in WORD.findall(query.lower()) if len(w) > 1][:10]


# PostgreSQL's text search configuration for each site language.
CONFIGS = {"en": "english", "es": "spanish"}


def search_guides(query: str, language: str = settings.LANGUAGE_CODE) -> list:
    words = _words(query)
    if not words:
        return []
    if language != settings.LANGUAGE_CODE:
        return _search_translated_guides(words, language)
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


def search_terms(query: str, language: str = settings.LANGUAGE_CODE) -> list:
    words = _words(query)
    if not words:
        return []
    if language != settings.LANGUAGE_CODE:
        return _search_translated_terms(words, language)
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


def _search_translated_guides(words: list[str], language: str) -> list[GuideTranslation]:
    guides = GuideTranslation.objects.filter(language=language, guide__published=True)
    guides = guides.select_related("guide").defer("guide__body")
    if connection.vendor == "postgresql":
        config = CONFIGS[language]
        vector = (
            SearchVector("title", weight="A", config=config)
            + SearchVector("summary", weight="B", config=config)
            + SearchVector("body", weight="C", config=config)
        )
        search = SearchQuery(" ".join(words), search_type="plain", config=config)
        return list(
            guides.annotate(rank=SearchRank(vector, search))
            .filter(rank__gt=0)
            .order_by("-rank", "guide__order")[:MAX_RESULTS]
        )
    return _fold_and_rank(guides, words, {"title": 10, "summary": 4, "body": 1})


def _search_translated_terms(words: list[str], language: str) -> list[GlossaryTermTranslation]:
    terms = GlossaryTermTranslation.objects.filter(language=language).select_related(
        "glossary_term"
    )
    if connection.vendor == "postgresql":
        config = CONFIGS[language]
        vector = SearchVector("term", weight="A", config=config) + SearchVector(
            "definition", weight="C", config=config
        )
        search = SearchQuery(" ".join(words), search_type="plain", config=config)
        return list(
            terms.annotate(rank=SearchRank(vector, search))
            .filter(rank__gt=0)
            .order_by("-rank", "term")[:MAX_RESULTS]
        )
    return _fold_and_rank(terms, words, {"term": 10, "definition": 1})


def fold(text: str) -> str:
    """Lower case without accents: "Patólogo" and "patologo" read the same."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in plain if not unicodedata.combining(ch))


def _stem_spanish(word: str) -> str:
    # A light stemmer for the fallback: "biopsias" finds "biopsia", "informes" "informe".
    for suffix in ("es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _fold_and_rank(rows: QuerySet, words: list[str], weights: dict[str, int]) -> list:
    """Rows with every word in some field, accents and case ignored, best first.

    Done in Python: SQLite's LIKE folds only ASCII case, and a language has a
    few dozen rows at most.
    """
    stems = [_stem_spanish(fold(word)) for word in words]
    found = []
    for row in rows:
        texts = {name: fold(getattr(row, name)) for name in weights}
        if all(any(stem in text for text in texts.values()) for stem in stems):
            score = sum(
                weight * min(texts[name].count(stem), 5)
                for name, weight in weights.items()
                for stem in stems
            )
            found.append((-score, getattr(row, "order", 0), row))
    found.sort(key=lambda item: item[:2])
    return [row for _score, _order, row in found[:MAX_RESULTS]]
