"""Where rendered PDFs are kept, and the version of everything that shapes them.

A packet's PDFs are forgotten whenever the packet is deleted, by "Delete my
packet" or by purge_packets: printing listens for the delete (connect()),
so the packets app never has to know that PDFs exist. They are forgotten
before packets.scrub runs, so on SQLite the scrub wipes their rows too
(the database cache keeps them in the same file as the packet).
"""

import hashlib
from datetime import date
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.db import transaction
from django.db.models.signals import pre_delete
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from checklists.records import IMAGING, LAB, OFFICE
from guides.models import current_release
from packets import scrub
from packets.models import Packet, PaperSize

_SHAPING_FILES = (
    "templates/printing/packet.html",
    "templates/printing/checklist.html",
    "templates/printing/_help.html",
    "templates/printing/_page.html",
    "templates/printing/letters.html",
    "templates/questionnaire/_urgent_print.html",
    "templates/questionnaire/_result_print.html",
    "checklists/templatetags/letter_markup.py",
    "checklists/tracker.py",
    "core/markup.py",
    "static/css/pdf.css",
    "checklists/records.py",
    "checklists/letter.py",
    "checklists/presenters.py",
    "printing/packet.py",
    "printing/letters.py",
    # The words box: which hard words it looks for, and how it cuts a meaning.
    "guides/glossary.py",
    "guides/models.py",
    "questionnaire/situations.py",
    "questionnaire/scoring.py",
    "questionnaire/decision.py",
    "questionnaire/result.py",
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
        data = path.read_bytes()  # a file moved or gone fails loudly here
        # Each file's name and length first: bytes moved from the end of one
        # file to the start of the next still make a new version.
        digest.update(f"{name}:{len(data)}:".encode())
        digest.update(data)
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
    key = f"{content_version()}|{_release()}|blank|{paper}|{today}|{language}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def packet_key(packet_id: int, paper: str, language: str) -> str:
    """One cached PDF per paper and language: a Spanish download never
    replaces (or is answered by) the English one."""
    return f"pdf:{packet_id}:{paper}:{language}"


def blank_key(paper: str, language: str) -> str:
    return f"blank-pdf:{paper}:{language}"


# The letters' PDFs (printing/letters.py): every letter in one, or one letter.
ALL_LETTERS = "all"
LETTER_DOCUMENTS = (ALL_LETTERS, OFFICE, LAB, IMAGING)

# The task that makes every PDF of a packet, the packet's and the letters'
# (printing/tasks.py): its finished rows may hold a PDF.
RENDER_TASK_PATH = "printing.tasks.render_packet_pdf"


def letters_key(packet_id: int, document: str, paper: str, language: str) -> str:
    return f"{packet_key(packet_id, paper, language)}:letters:{document}"


def forget_pdfs(packet_id: int) -> None:
    """Every PDF of the packet: the packet and its letters, each paper and
    language, in the cache and in the render rows that may hold one."""
    keys = []
    for paper in PaperSize.values:
        for language, _name in settings.LANGUAGES:
            keys.append(packet_key(packet_id, paper, language))
            keys += [letters_key(packet_id, doc, paper, language) for doc in LETTER_DOCUMENTS]
    shared_cache.delete_many(keys)
    # A render's row holds the PDF when the cache could not keep it. A row
    # still running is its worker's to save: the worker drops the PDF itself
    # once it finds the packet gone (printing/tasks.py).
    DBTaskResult.objects.filter(task_path=RENDER_TASK_PATH, args_kwargs__args__0=packet_id).exclude(
        status=TaskResultStatus.RUNNING
    ).delete()


def unchanged(packet_id: int, changed_at) -> bool:
    """The packet still exists and nothing was saved to it since ``changed_at``
    (what its PDF's ETag was built from)."""
    return Packet.objects.filter(pk=packet_id, updated_at=changed_at).exists()


def discard(key: str) -> None:
    """Take back a PDF stored for a packet deleted meanwhile, and scrub its row."""
    shared_cache.delete(key)
    scrub.scrub_after_commit()


def _packet_deleting(sender, instance, **kwargs) -> None:
    packet_id = instance.pk
    # Now, in the delete's own transaction (with the database cache, the rows
    # go or stay with the packet) ...
    forget_pdfs(packet_id)
    # ... and again once it commits: a render that found the packet still
    # there may have stored its PDF in between (printing.views). pre_delete,
    # not post_delete, so this runs before the scrub that packets.scrub queues
    # on post_delete: on-commit callbacks run in the order they were queued.
    transaction.on_commit(lambda: forget_pdfs(packet_id), robust=True)


def connect() -> None:
    """Forget a packet's PDFs whenever the packet is deleted."""
    pre_delete.connect(_packet_deleting, sender=Packet, dispatch_uid="forget-deleted-packet-pdfs")
