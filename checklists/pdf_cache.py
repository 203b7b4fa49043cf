"""Where rendered PDFs are kept, and the version of everything that shapes them.

No view imports needed: the purge command forgets a packet's PDFs from here.
"""

import hashlib
from datetime import date
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as shared_cache

from checklists.models import PaperSize
from guides.models import current_release

_SHAPING_FILES = (
    "templates/pdf/packet.html",
    "templates/pdf/checklist.html",
    "templates/pdf/_urgent.html",
    "templates/pdf/_result.html",
    "templates/pdf/_help.html",
    "templates/pdf/_page.html",
    "templates/checklists/_letter_body.html",
    "templates/checklists/_letter_line.html",
    "static/css/pdf.css",
    "checklists/records.py",
    "checklists/letter.py",
    "checklists/words.py",
    "checklists/presenters.py",
    "checklists/situations.py",
    "checklists/scoring.py",
    "checklists/decision.py",
    # The Spanish wording of all of the above.
    "locale/es/LC_MESSAGES/django.po",
)


@cache
def content_version() -> str:
    """A hash of the templates, styles and wording a PDF is made from, so a
    new release never serves a PDF cached (or held by a browser) from the last."""
    digest = hashlib.sha256()
    for name in _SHAPING_FILES:
        path = Path(settings.BASE_DIR) / name
        digest.update(path.read_bytes() if path.is_file() else name.encode())
    return digest.hexdigest()[:12]


def _release() -> str:
    """The editors' content release (the PDF prints it; a new one means a new PDF)."""
    release = current_release()
    return release.version if release else ""


def packet_etag(packet_id: int, changed_at, paper: str, today: date, language: str) -> str:
    """Decided from the packet row alone: every write moves its change time."""
    key = (
        f"{content_version()}|{_release()}|{packet_id}|{changed_at.isoformat()}|{paper}|{today}"
        f"|{language}"
    )
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def blank_etag(paper: str, today: date, language: str) -> str:
    key = f"{content_version()}|blank|{paper}|{today}|{language}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def packet_key(packet_id: int, paper: str, language: str) -> str:
    """One cached PDF per paper and language: a Spanish download never
    replaces (or is answered by) the English one."""
    return f"pdf:{packet_id}:{paper}:{language}"


def blank_key(paper: str, language: str) -> str:
    return f"blank-pdf:{paper}:{language}"


def forget_pdfs(packet_id: int) -> None:
    shared_cache.delete_many(
        [
            packet_key(packet_id, paper, language)
            for paper in PaperSize.values
            for language, _name in settings.LANGUAGES
        ]
    )
