"""Guides, glossary and search: public pages that never touch the session."""

from django.conf import settings
from django.db.models import F, FilteredRelation, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control, cache_page
from django.views.decorators.http import require_safe

from guides import search as guide_search
from guides.models import Citation, GlossaryTerm, Guide, GuideTranslation, Source


def public_page(view):
    """Same for every reader: proxies may keep it, and each process keeps a copy."""
    timeout = settings.CACHES["pages"]["TIMEOUT"]
    return cache_control(public=True)(cache_page(timeout, cache="pages")(view))


@require_safe
@public_page
def guide_list(request: HttpRequest) -> HttpResponse:
    guides = Guide.objects.published().as_read_in(
        get_language(), fields=("title", "slug", "summary", "order")
    )
    return render(request, "guides/list.html", {"guides": guides})


@require_safe
@public_page
def guide_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The guide in the page's language, or in English (marked so) when it has no translation."""
    found = Guide.objects.published().filter(slug=slug).as_read_in(get_language())
    if not found:
        raise Http404
    guide = found[0]
    others = (
        Guide.objects.published()
        .exclude(slug=slug)
        .as_read_in(get_language(), fields=("title", "slug", "order"))
    )
    return render(
        request,
        "guides/detail.html",
        {
            "guide": guide,
            "others": others,
            "sources": guide.citations_in_order(),
        },
    )


@require_safe
@public_page
def glossary(request: HttpRequest) -> HttpResponse:
    terms = GlossaryTerm.objects.as_read_in(get_language())
    return render(request, "guides/glossary.html", {"terms": terms})


@require_safe
@public_page
def search(request: HttpRequest) -> HttpResponse:
    query = guide_search.clean_query(request.GET.get("q", ""))
    language = get_language()
    guides = guide_search.search_guides(query, language) if query else []
    terms = guide_search.search_terms(query, language) if query else []
    response = render(
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
    # What a patient searched for is in this page's address: no request made
    # from it (a link, a style sheet, this site's own pages) carries it on.
    # The page has no POST form, so no Origin is needed.
    response["Referrer-Policy"] = "no-referrer"
    return response


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
    language = get_language()
    translated = language != settings.LANGUAGE_CODE
    if translated:
        # Each guide's title in the page's language, in the same query.
        citations = citations.annotate(
            tr=FilteredRelation(
                "guide__translations", condition=Q(guide__translations__language=language)
            ),
            tr_title=F("tr__title"),
        )
    by_source: dict[int, tuple[Source, list]] = {}
    for citation in citations:
        guide = citation.guide
        if translated and citation.tr_title is not None:
            guide = GuideTranslation(guide=guide, language=language, title=citation.tr_title)
        by_source.setdefault(citation.source_id, (citation.source, []))[1].append(guide)
    return render(request, "guides/sources.html", {"rows": list(by_source.values())})


@require_safe
@public_page
def how_this_was_made(request: HttpRequest) -> HttpResponse:
    return render(request, "guides/how_this_was_made.html")
