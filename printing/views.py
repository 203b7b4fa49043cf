"""The PDFs: the patient's packet, its letters, and the blank checklist anyone can print.

The packet's PDFs (the packet, every letter, one letter) take one path,
``worker_pdf``: a 304 or a cached copy, or one render queued for a worker
(printing/tasks.py). The blank checklist, the same for everyone, is rendered
in the request (``_cached_pdf``) and kept for next time.
"""

import base64
from collections.abc import Callable

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from checklists import records
from packets import access
from packets.models import Packet, PaperSize
from packets.pages import render_packet_page
from printing import cache as pdf_cache
from printing import letters, limits, pdf, tasks


def _paper(request: HttpRequest, default: str = PaperSize.LETTER) -> str:
    asked = request.GET.get("paper", "")
    return asked if asked in PaperSize.values else default


def _pdf_response(content: bytes, etag: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = f'"{etag}"'
    return response


def _busy(request: HttpRequest, retry_after: int = 5) -> HttpResponse:
    """The renderer is taken (or failed on a page anyone could retry): try again soon."""
    response = render_packet_page(request, "printing/pdf_failed.html", {"busy": True}, status=503)
    response["Retry-After"] = str(retry_after)
    return response


def _cached_pdf(
    request: HttpRequest,
    *,
    etag: str,
    key: str,
    filename: str,
    html: Callable[[], str],
    refused: Callable[[], HttpResponse | None] = lambda: None,
    outdated: Callable[[], HttpResponse | None] = lambda: None,
    timeout: int,
    on_failure: Callable[[bool], HttpResponse],
) -> HttpResponse:
    """The one path both PDFs take: a 304 or a cached copy before anything is
    built; otherwise the limit check, then one render, kept for next time."""
    if f'"{etag}"' in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
        response["ETag"] = f'"{etag}"'
        return response
    cached = cache.get(key)
    if cached and cached[0] == etag:
        return _pdf_response(cached[1], etag, filename)
    # Only real renders count: downloading the same packet again is cheap.
    if refusal := refused():
        return refusal
    try:
        content = pdf.render_pdf(html())
    except pdf.RenderBusy:
        return on_failure(True)
    except pdf.TooManyPages:
        # Trying again cannot help: what the packet holds is too long to print.
        return _failure_page(request, "too_long")
    except pdf.RenderFailed:
        return on_failure(False)
    # Deleted or changed while it rendered: keep nothing, hand out nothing.
    if answer := outdated():
        return answer
    cache.set(key, (etag, content), timeout=timeout)
    # Asked again once stored: a delete that forgot the packet's PDFs between
    # the question and the store would otherwise leave this one behind.
    if answer := outdated():
        pdf_cache.discard(key)
        return answer
    return _pdf_response(content, etag, filename)


@require_safe
@never_cache
@vary_on_headers("HX-Request")
@access.with_packet("checklists:packet", viewable=True)
def packet_pdf(request: HttpRequest, current: Packet) -> HttpResponse:
    """The packet's PDF (``worker_pdf``)."""
    return worker_pdf(request, current, tasks.PACKET)


@require_safe
@never_cache
@vary_on_headers("HX-Request")
@access.with_packet("checklists:packet", viewable=True)
def all_letters_pdf(request: HttpRequest, current: Packet) -> HttpResponse:
    """Every letter the packet holds, one after another, each from a new page."""
    return worker_pdf(request, current, letters.ALL)


@require_safe
@never_cache
@vary_on_headers("HX-Request")
@access.with_packet("checklists:packet", viewable=True)
def letter_pdf(request: HttpRequest, current: Packet, kind: str) -> HttpResponse:
    """One letter (and its Spanish copy, when the patient asked for one)."""
    if kind == letters.ALL or kind not in letters.FILENAMES:
        raise Http404("no such letter")
    return worker_pdf(request, current, kind)


def _filename(document: str) -> str:
    return "second-opinion-packet.pdf" if document == tasks.PACKET else letters.FILENAMES[document]


def worker_pdf(request: HttpRequest, current: Packet, document: str) -> HttpResponse:
    """One PDF of the packet (``document``: the packet, every letter, or one)
    from the cache; otherwise one render queued for a worker
    (printing/tasks.py) and "Making your PDF" at once.

    A browser without a packet is sent to start one, and a view-only browser
    may download, for every document alike (the views' decorators)."""
    paper = _paper(request, current.paper_size)
    today = timezone.localdate()
    language = get_language()  # read once: the cache key, the ETag and the words box
    # Decided from the packet row alone, before anything else is gathered.
    etag = tasks.etag_of(current, document, paper, today, language)
    key = tasks.key_of(current.pk, document, paper, language)
    filename = _filename(document)
    if f'"{etag}"' in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
        response["ETag"] = f'"{etag}"'
        return response

    now = timezone.now()
    cached = cache.get(key)
    # The tasks table, the truth when the cache is away, is read only on a miss.
    queued = None if cached and cached[0] == etag else tasks.job(etag)

    def ready() -> HttpResponse | None:
        """The PDF, or the page saying why it could not be made, once a render ended."""
        if cached and cached[0] == etag:
            return _pdf_response(cached[1], etag, filename)
        if queued is not None and queued.content is not None:  # the cache could not keep it
            return _pdf_response(queued.content, etag, filename)
        failed = cache.get(tasks.failure_key(key))
        kind = failed[1] if failed and failed[0] == etag else None
        if kind is None and queued is not None and queued.outcome in FAILURES:
            kind = queued.outcome
        if kind:
            if request.htmx:
                # The poll only learns that it ended; the page it goes to says why.
                return HttpResponse(status=500)
            # The next download tries again.
            cache.delete(tasks.failure_key(key))
            if queued is not None:
                tasks.forget_job(queued)
            return _failure_page(request, kind, document)
        return None

    answer = ready()
    if answer is None and document != tasks.PACKET and not letters.has_letter(current, document):
        # A letter the packet does not hold (every record it would ask for is
        # in hand) is not there to download: asked before anything is counted.
        raise Http404("the packet holds no such letter")
    under_way = cache.get(tasks.job_key(key)) == etag or (
        queued is not None and queued.under_way(now)
    )
    if answer is None and not under_way:
        # Only real renders count: downloading the same packet again is cheap.
        retry_after = limits.pdf_render_refused(request)
        if retry_after:
            response = render_packet_page(request, "printing/too_many.html", {}, status=429)
            response["Retry-After"] = str(retry_after)
            return response
        cache.set(tasks.job_key(key), etag, tasks.JOB_SECONDS)
        tasks.render_packet_pdf.enqueue(
            current.pk, etag, paper, language, today.isoformat(), document=document
        )
        cached, queued = cache.get(key), tasks.job(etag)
        answer = ready()  # a backend that runs tasks at once (the tests') has finished
    slow = None
    if answer is None and queued is not None and queued.waited_too_long(now):
        # Busy workers take it in turn; with none at all, it would wait for ever.
        slow = "busy" if tasks.worker_seen_since(queued.queued_at) else "no_worker"
        if slow == "no_worker" and request.GET.get("now") and not request.htmx:
            return _make_now(request, current, document, etag, key, paper, language, today, queued)
    if request.htmx:
        if answer is None and slow and request.GET.get("shown") != slow:
            # Said once; the next polls answer 204 and leave it on the screen.
            context = _making(request, slow)
            return render_packet_page(request, "printing/making.html#status", context)
        if answer is None:
            return HttpResponse(status=204)  # still making it: htmx asks again
        if answer.status_code != 200:
            # It could not be made: go to the address itself, whose page says why.
            response = HttpResponse(status=200)
            response["HX-Redirect"] = _address(request)
            return response
        # Stop asking (286), and show the link; enhance.js starts the download.
        response = render_packet_page(
            request, "printing/_pdf_ready.html", {"url": _address(request)}
        )
        response.status_code = 286
        return response
    if answer is not None:
        return answer
    return render_packet_page(request, "printing/making.html", _making(request, slow), status=202)


# What a render that ended without a PDF may say (printing/tasks.py).
FAILURES = ("too_long", "busy", "failed")


def _address(request: HttpRequest, **extra: str) -> str:
    """This download's own address (its paper), without the poll's own parameters."""
    query = request.GET.copy()
    for name in ("now", "shown"):
        query.pop(name, None)
    query.update(extra)
    return f"{request.path}?{query.urlencode()}" if query else request.path


def _making(request: HttpRequest, slow: str | None) -> dict:
    return {"url": _address(request), "slow": slow, "now_url": _address(request, now="1")}


def _make_now(
    request: HttpRequest,
    current: Packet,
    document: str,
    etag: str,
    key: str,
    paper: str,
    language: str,
    today,
    queued: tasks.Job,
) -> HttpResponse:
    """No worker took the render: make it here, as a last resort, under the
    same render slots (a web thread waits at most a second for one)."""
    outcome = tasks.make_now(current.pk, etag, paper, language, today.isoformat(), document)
    tasks.forget_job(queued)  # a worker that comes back finds nothing left to do
    if isinstance(outcome, dict):
        return _pdf_response(base64.b64decode(outcome["pdf"]), etag, _filename(document))
    if outcome == "made":
        cached = cache.get(key)
        if cached and cached[0] == etag:
            return _pdf_response(cached[1], etag, _filename(document))
    if outcome in FAILURES:
        cache.delete(tasks.failure_key(key))  # said here: the next download tries again
        return _failure_page(request, outcome, document)
    return redirect(_address(request))  # changed meanwhile: ask for the new version


def _failure_page(request: HttpRequest, kind: str, document: str = tasks.PACKET) -> HttpResponse:
    """Why a render ended without a PDF, naming what was too long: the
    packet, all the letters, or one letter."""
    if kind == "busy":
        return _busy(request)
    if kind == "too_long":
        # What was too long, in the page's words: the packet, the letters, or a letter.
        what = (
            "packet"
            if document == tasks.PACKET
            else "letters"
            if document == letters.ALL
            else "letter"
        )
        context = {"too_long": what, "max_pages": pdf.MAX_PAGES}
        return render_packet_page(request, "printing/pdf_failed.html", context, status=422)
    return render_packet_page(request, "printing/pdf_failed.html", {"busy": False}, status=500)


@require_safe
@cache_control(public=True, max_age=3600)
def blank_checklist_pdf(request: HttpRequest) -> HttpResponse:
    """A blank checklist anyone can print: no packet, no session."""
    paper = _paper(request)
    today = timezone.localdate()
    language = get_language()

    def failed(busy: bool) -> HttpResponse:
        response = _busy(request, retry_after=10)
        response["Cache-Control"] = "no-store"
        return response

    return _cached_pdf(
        request,
        etag=pdf_cache.blank_etag(paper, today, language),
        key=pdf_cache.blank_key(paper, language),
        filename="second-opinion-checklist.pdf",
        html=lambda: render_to_string(
            "printing/checklist.html", {"groups": _blank_groups(), "paper": paper, "today": today}
        ),
        timeout=7 * 24 * 3600,
        on_failure=failed,
    )


def _blank_groups() -> list[tuple[records.Group, tuple[records.Item, ...]]]:
    return [(group, records.ITEMS_BY_GROUP[group.key]) for group in records.GROUPS]
