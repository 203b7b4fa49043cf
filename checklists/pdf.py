"""PDF rendering with WeasyPrint, fetching only this project's static files.

One FontConfiguration and the pre-parsed print stylesheet are reused for
every render. Renders are cached by a hash of their HTML (the same packet
is never rendered twice) and capped per process so that page requests never
queue behind them.
"""

import hashlib
import logging
import mimetypes
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Documents are parsed against this base, so {% static %} paths resolve to it
# and nothing else is ever fetched. ".invalid" can never be a real host.
BASE_URL = "https://pdf.secondopinion.invalid/"
_HOST = urlsplit(BASE_URL).netloc


class RenderBusy(Exception):
    """Too many renders are running in this process; try again shortly."""


class RenderFailed(Exception):
    """WeasyPrint could not produce the PDF."""


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
            candidate = Path(settings.STATIC_ROOT) / relative
            found = str(candidate) if candidate.is_file() else None
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
    stylesheet: CSS


@cache
def _renderer() -> _Renderer:
    fetcher = StaticOnlyFetcher()
    font_config = FontConfiguration()
    css_path = finders.find("css/pdf.css")
    stylesheet = CSS(
        string=Path(css_path).read_text(encoding="utf-8"),
        base_url=BASE_URL + settings.STATIC_URL.lstrip("/") + "css/pdf.css",
        url_fetcher=fetcher,
        font_config=font_config,
    )
    return _Renderer(fetcher, font_config, stylesheet)


_slots = threading.BoundedSemaphore(max(1, settings.PDF_MAX_CONCURRENT))
# A request waits at most this long for a render slot, then gets a "busy,
# try again" page: it must not hold a server thread while pages queue.
WAIT_FOR_SLOT_SECONDS = 1


def etag_for(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8")).hexdigest()[:32]


def render_pdf(html: str) -> bytes:
    """Render HTML to PDF bytes. Raises RenderBusy or RenderFailed."""
    if not _slots.acquire(timeout=WAIT_FOR_SLOT_SECONDS):
        raise RenderBusy
    try:
        renderer = _renderer()
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=renderer.fetcher)
        return document.write_pdf(
            stylesheets=[renderer.stylesheet],
            font_config=renderer.font_config,
            pdf_tags=True,
        )
    except RenderBusy:
        raise
    except Exception as error:  # WeasyPrint raises many kinds; the page gets one message.
        logger.exception("PDF render failed")
        raise RenderFailed from error
    finally:
        _slots.release()
