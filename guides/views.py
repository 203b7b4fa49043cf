"""Guides, glossary and search: public pages that never touch the session."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control, cache_page
from django.views.decorators.http import require_safe

from guides import search as guide_search
from guides.models import Citation, GlossaryTerm, Guide, Source


def public_page(view):
    """Same for every reader: proxies may keep it, and each process keeps a copy."""
    timeout = settings.CACHES["pages"]["TIMEOUT"]
    return cache_control(public=True)(cache_page(timeout, cache="pages")(view))


@require_safe
@public_page
def guide_list(request: HttpRequest) -> HttpResponse:
    guides = Guide.objects.published().only("title", "slug", "summary", "order")
    return render(request, "guides/list.html", {"guides": guides})


@require_safe
@public_page
def guide_detail(request: HttpRequest, slug: str) -> HttpResponse:
    guide = get_object_or_404(Guide.objects.published(), slug=slug)
    others = Guide.objects.published().exclude(pk=guide.pk).only("title", "slug", "order")
    return render(
        request,
        "guides/detail.html",
        {"guide": guide, "others": others, "sources": guide.citations_in_order()},
    )


@require_safe
@public_page
def glossary(request: HttpRequest) -> HttpResponse:
    return render(request, "guides/glossary.html", {"terms": GlossaryTerm.objects.all()})


@require_safe
@public_page
def search(request: HttpRequest) -> HttpResponse:
    query = guide_search.clean_query(request.GET.get("q", ""))
    guides = guide_search.search_guides(query) if query else []
    terms = guide_search.search_terms(query) if query else []
    return render(
        request,
        "guides/search.html",
        {
            "query": query,
            "guides": guides,
            "terms": terms,
            # Counted here: in a template, `a|length|add:b|length` takes the
            # length of a number and always said "0 results".
            "count": len(guides) + len(terms),
            "searched": bool(query),
        },
    )


@require_safe
@public_page
def sources(request: HttpRequest) -> HttpResponse:
    """Every source a published guide cites, in full, with the guides that cite it (one query)."""
    citations = (
        Citation.objects.filter(guide__published=True)
        .select_related("source", "guide")
        .defer("guide__body")
        .order_by("source__author", "source__title", "guide__order")
    )
    by_source: dict[int, tuple[Source, list[Guide]]] = {}
    for citation in citations:
        by_source.setdefault(citation.source_id, (citation.source, []))[1].append(citation.guide)
    return render(request, "guides/sources.html", {"rows": list(by_source.values())})


@require_safe
@public_page
def how_this_was_made(request: HttpRequest) -> HttpResponse:
    return render(request, "guides/how_this_was_made.html")
