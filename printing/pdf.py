"""PDF rendering with WeasyPrint, fetching only this project's static files.

One FontConfiguration and the pre-parsed print stylesheets (pdf.css, then
pdf-fonts.css with a face for every common script) are reused for every
render. Renders are cached by a hash of their HTML (the same packet is never
rendered twice) and capped per process, so that page requests never queue
behind them, and across every process and server by slots in the shared
cache. No message of the renderer reaches a log with patient text in it
(core/logredact.py).
"""

import logging
import mimetypes
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache as shared_cache
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from core import logredact
from printing import limits

logger = logging.getLogger(__name__)

# Documents are parsed against this base, so {% static %} paths resolve to it
# and nothing else is ever fetched. ".invalid" can never be a real host.
BASE_URL = "https://pdf.secondopinion.invalid/"
_HOST = urlsplit(BASE_URL).netloc


class RenderBusy(Exception):
    """Too many renders are running (here or on any server); try again shortly."""


class RenderFailed(Exception):
    """WeasyPrint could not produce the PDF."""


class TooManyPages(RenderFailed):
    """The document would run past MAX_PAGES pages: refused, nothing written."""


# The largest packet the forms allow (every box full, every note and question
# at its limit, addresses of one letter a line) is 43 pages; a real one is
# under 10. Past this ceiling something is wrong with the text, and the
# patient gets a message instead of a PDF nobody could use.
MAX_PAGES = 80


class StaticOnlyFetcher(URLFetcher):
    """Serves the project's static files; refuses every other scheme and host."""

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme != "https" or parts.netloc != _HOST:
            raise ValueError(f"refused to fetch {parts.scheme}://{parts.netloc}")
        path = unquote(parts.path)
        if not path.startswith(settings.STATIC_URL):
            raise ValueError("refused: not a static file")
        relative = path.removeprefix(settings.STATIC_URL)
        if ".." in Path(relative).parts:
            raise ValueError("refused: path escapes the static folders")
        found = finders.find(relative)
        if not found and settings.STATIC_ROOT:
            # An absolute `relative` would replace STATIC_ROOT in the join,
            # and a symlink could lead out: resolve, then require it inside.
            root = Path(settings.STATIC_ROOT).resolve()
            candidate = (root / relative.lstrip("/")).resolve()
            inside = candidate.is_relative_to(root) and candidate != root
            found = str(candidate) if inside and candidate.is_file() else None
        if not found:
            raise ValueError("no such static file")
        mime_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, Path(found).read_bytes(), headers={"Content-Type": mime_type}
        )


@dataclass(frozen=True)
class _Renderer:
    fetcher: StaticOnlyFetcher
    font_config: FontConfiguration
    stylesheets: tuple[CSS, ...]


@cache
def _renderer() -> _Renderer:
    fetcher = StaticOnlyFetcher()
    font_config = FontConfiguration()
    logredact.install()
    stylesheets = tuple(
        CSS(
            string=Path(finders.find(name)).read_text(encoding="utf-8"),
            base_url=BASE_URL + settings.STATIC_URL.lstrip("/") + name,
            url_fetcher=fetcher,
            font_config=font_config,
        )
        # pdf-fonts.css comes last: its font stack wins over pdf.css's.
        for name in ("css/pdf.css", "css/pdf-fonts.css")
    )
    return _Renderer(fetcher, font_config, stylesheets)


_slots = threading.BoundedSemaphore(max(1, settings.PDF_MAX_CONCURRENT))
# A request waits at most this long for a render slot, then gets a "busy,
# try again" page: it must not hold a server thread while pages queue.
WAIT_FOR_SLOT_SECONDS = 1


def renders_in_flight() -> int:
    """Slots taken right now on every server (for tests and the bench)."""
    return len(shared_cache.get_many(limits.slot_keys()))


def render_pdf(html: str | Sequence[str], wait_for_slot: float = WAIT_FOR_SLOT_SECONDS) -> bytes:
    """Render HTML to PDF bytes. Raises RenderBusy, TooManyPages or RenderFailed.

    Several HTML documents make one PDF, each from a new page and counting its
    own pages (the letters, printing/letters.py). A web thread waits at most a
    second for a render slot; a worker (printing/tasks.py) may wait longer."""
    if not _slots.acquire(timeout=wait_for_slot):
        raise RenderBusy
    try:
        # On all servers together (printing/limits.py): never "busy" because Redis is away.
        slot = limits.take_render_slot(wait_for_slot)
        if slot is None:
            raise RenderBusy
        try:
            renderer = _renderer()
            options = {"stylesheets": list(renderer.stylesheets), "pdf_tags": True}
            documents = [
                HTML(string=one, base_url=BASE_URL, url_fetcher=renderer.fetcher).render(
                    font_config=renderer.font_config, **options
                )
                for one in ([html] if isinstance(html, str) else html)
            ]
            pages = [page for document in documents for page in document.pages]
            # Laid out but not yet written: a runaway document stops here.
            if len(pages) > MAX_PAGES:
                logger.warning("PDF refused: %d pages, over %d", len(pages), MAX_PAGES)
                raise TooManyPages
            document = documents[0] if len(documents) == 1 else documents[0].copy(pages)
            return document.write_pdf(**options)
        finally:
            limits.give_back_render_slot(slot)
    except (RenderBusy, TooManyPages):
        raise
    except Exception as error:  # WeasyPrint raises many kinds; the page gets one message.
        # The kind only: an exception's text may quote the document.
        logger.error("PDF render failed: %s", type(error).__name__)
        raise RenderFailed from error
    finally:
        _slots.release()
