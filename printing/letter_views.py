"""The letters' PDFs: every letter, or one, each ready to sign and post.

Made as the packet PDF is (printing/views.py ``packet_pdf``): a cached copy
of the packet's current version, or one render queued for a worker and
"Making your PDF" at once; the page asks again until it is ready. A browser
without a packet is answered as the packet PDF answers it, and a view-only
browser may download them, as it may the packet PDF.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from packets import access
from packets.models import Packet, PaperSize
from packets.pages import render_packet_page
from printing import cache as pdf_cache
from printing import letters, limits, pdf, tasks
from printing.views import _busy, _pdf_response


@require_safe
@never_cache
@vary_on_headers("HX-Request")
@access.with_packet("checklists:packet", viewable=True)
def all_letters_pdf(request: HttpRequest, current: Packet) -> HttpResponse:
    """Every letter the packet holds, one after another, each from a new page."""
    return _letters_pdf(request, current, letters.ALL)


@require_safe
@never_cache
@vary_on_headers("HX-Request")
@access.with_packet("checklists:packet", viewable=True)
def letter_pdf(request: HttpRequest, current: Packet, kind: str) -> HttpResponse:
    """One letter (and its Spanish copy, when the patient asked for one)."""
    if kind == letters.ALL or kind not in letters.FILENAMES:
        raise Http404("no such letter")
    return _letters_pdf(request, current, kind)


def _letters_pdf(request: HttpRequest, current: Packet, document: str) -> HttpResponse:
    asked = request.GET.get("paper", "")
    paper = asked if asked in PaperSize.values else current.paper_size
    today = timezone.localdate()
    language = get_language()
    etag = letters.letters_etag(current.pk, current.updated_at, document, paper, today, language)
    key = pdf_cache.letters_key(current.pk, document, paper, language)

    def enqueue() -> None:
        letters.render_letters_pdf.enqueue(
            current.pk, etag, document, paper, language, today.isoformat()
        )

    return made_by_a_worker(
        request,
        etag=etag,
        key=key,
        filename=letters.FILENAMES[document],
        # A letter the packet does not hold (every record it would ask for is
        # in hand) is not there to download: asked before anything is counted.
        exists=lambda: letters.has_letter(current, document),
        enqueue=enqueue,
    )


def made_by_a_worker(
    request: HttpRequest,
    *,
    etag: str,
    key: str,
    filename: str,
    exists: Callable[[], bool],
    enqueue: Callable[[], None],
) -> HttpResponse:
    """A PDF a worker makes, as the packet PDF's download does: a 304, the
    cached copy, or one render queued and "Making your PDF" at once (htmx asks
    again: 204 until ready, 286 and the link once it is). A 404 when the
    document does not ``exist`` for this version, before a render is counted."""
    if f'"{etag}"' in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
        response["ETag"] = f'"{etag}"'
        return response

    def ready() -> HttpResponse | None:
        """The PDF, or the page saying why it could not be made, once a render ended."""
        cached = cache.get(key)
        if cached and cached[0] == etag:
            return _pdf_response(cached[1], etag, filename)
        failed = cache.get(tasks.failure_key(key))
        if failed and failed[0] == etag:
            if request.htmx:
                return HttpResponse(status=500)
            cache.delete(tasks.failure_key(key))
            if failed[1] == "busy":
                return _busy(request)
            if failed[1] == "too_long":
                context = {"too_long": True, "max_pages": pdf.MAX_PAGES}
                return render_packet_page(request, "printing/pdf_failed.html", context, status=422)
            return render_packet_page(
                request, "printing/pdf_failed.html", {"busy": False}, status=500
            )
        return None

    answer = ready()
    if answer is None and not exists():
        raise Http404("the packet holds no such letter")
    if answer is None and cache.get(tasks.job_key(key)) != etag:
        retry_after = limits.pdf_render_refused(request)
        if retry_after:
            response = render_packet_page(request, "printing/too_many.html", {}, status=429)
            response["Retry-After"] = str(retry_after)
            return response
        cache.set(tasks.job_key(key), etag, tasks.JOB_SECONDS)
        enqueue()
        answer = ready()
    if request.htmx:
        if answer is None:
            return HttpResponse(status=204)
        if answer.status_code != 200:
            response = HttpResponse(status=200)
            response["HX-Redirect"] = request.get_full_path()
            return response
        response = render_packet_page(
            request, "printing/_pdf_ready.html", {"url": request.get_full_path()}
        )
        response.status_code = 286
        return response
    if answer is not None:
        return answer
    return render_packet_page(
        request, "printing/making.html", {"url": request.get_full_path()}, status=202
    )
