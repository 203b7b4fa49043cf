"""A packet's PDFs are made by workers, never by a web thread.

One path for every PDF of a packet: the packet itself (``PACKET``), every
letter (``ALL_LETTERS``) or one letter (printing/letters.py). ``document``
says which; everything else (the queue, the cache, the tasks table, the
fallbacks) is the same for all of them.

A download that finds no PDF for the packet's current version queues one
render (Django's task framework; `manage.py db_worker` runs them) and answers
at once with "Making your PDF". The page asks again (htmx every two seconds,
or the patient's own "Check again" without JavaScript) until the PDF is in
the cache, then downloads it. Server threads never wait on WeasyPrint, so
guides and task pages stay quick while PDFs render.

Beside each packet's cached PDF (printing/cache.py) the cache holds, for a
short while, which version is being made (``job_key``) and, when a render
could not finish, why (``failure_key``). A render whose packet was deleted or
changed while it ran keeps nothing.

The cache is only the quick way to know. The tasks table is the truth
(``job``): a queued or running row says a render is under way, a finished
one what came of it, and when the cache could not keep the PDF (Redis down
or paused) the row holds the PDF itself, so a Redis blink never loses a
render or queues the same one again and again. The same table tells a
render waiting for a busy worker from one that no worker is there to take
(``worker_seen_since``).
"""

import base64
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.tasks import TaskResultStatus, task
from django.tasks.signals import task_finished
from django.utils import translation
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from core.caches import CacheUnavailable, set_or_raise
from packets.models import Packet
from printing import cache as pdf_cache
from printing import letters, packet, pdf

PDF_SECONDS = 24 * 3600
# How long a queued render counts as under way: a worker that died frees it.
JOB_SECONDS = 300
FAILURE_SECONDS = 600
# A worker may wait for a render slot (the web threads never do).
WORKER_WAIT_FOR_SLOT_SECONDS = 60


def job_key(key: str) -> str:
    return f"{key}:job"


def failure_key(key: str) -> str:
    return f"{key}:failed"


# Which PDF of a packet: the packet itself, or its letters (printing/cache.py LETTER_DOCUMENTS).
PACKET = "packet"


def etag_of(current: Packet, document: str, paper: str, today: date, language: str) -> str:
    """The version of one PDF: the packet's row, the paper, the day, the language, which PDF."""
    if document == PACKET:
        return pdf_cache.packet_etag(current.pk, current.updated_at, paper, today, language)
    return letters.letters_etag(current.pk, current.updated_at, document, paper, today, language)


def key_of(packet_id: int, document: str, paper: str, language: str) -> str:
    """Where the cache keeps one PDF of a packet (forget_pdfs removes each of them)."""
    if document == PACKET:
        return pdf_cache.packet_key(packet_id, paper, language)
    return pdf_cache.letters_key(packet_id, document, paper, language)


def _html(
    current: Packet, document: str, today: date, paper: str, language: str
) -> str | list[str]:
    with translation.override(language):
        if document == PACKET:
            return packet.packet_pdf_html(current, today, paper, language)
        return letters.letters_pdf_html(current, today, paper, document)


@dataclass(frozen=True)
class Job:
    """The newest render queued for one version of a PDF, as the tasks table has it."""

    row_id: object
    status: str
    queued_at: datetime
    started_at: datetime | None
    outcome: str | None  # what the render said, once it ended
    content: bytes | None  # the PDF, when the cache could not keep it

    def under_way(self, now: datetime) -> bool:
        """Queued, or taken by a worker that has not been at it too long to be alive."""
        if self.status == TaskResultStatus.READY:
            return True
        return (
            self.status == TaskResultStatus.RUNNING
            and self.started_at is not None
            and self.started_at > now - timedelta(seconds=JOB_SECONDS)
        )

    def waited_too_long(self, now: datetime) -> bool:
        """Still waiting for a worker after PDF_QUEUE_PATIENCE_SECONDS."""
        patience = timedelta(seconds=settings.PDF_QUEUE_PATIENCE_SECONDS)
        return self.status == TaskResultStatus.READY and self.queued_at <= now - patience


def _queued_in_table() -> bool:
    """Renders are rows in the database (production); the tests' backend runs them at once."""
    return isinstance(render_packet_pdf.get_backend(), DatabaseBackend)


def job(etag: str) -> Job | None:
    """The newest render queued for the version ``etag`` names, or None."""
    if not _queued_in_table():
        return None
    row = (
        DBTaskResult.objects.filter(
            task_path=render_packet_pdf.module_path, args_kwargs__args__1=etag
        )
        .order_by("-enqueued_at")
        .first()
    )
    if row is None:
        return None
    outcome, content = None, None
    if row.status == TaskResultStatus.FAILED:
        outcome = "failed"
    elif row.status == TaskResultStatus.SUCCESSFUL:
        value = row.return_value
        if isinstance(value, dict):
            outcome = value.get("outcome")
            content = base64.b64decode(value["pdf"]) if value.get("pdf") else None
        else:
            outcome = value
    return Job(row.pk, row.status, row.enqueued_at, row.started_at, outcome, content)


def forget_job(done: Job) -> None:
    """Drop a render's row: its failure was shown, or the PDF was made without it."""
    DBTaskResult.objects.filter(pk=done.row_id).exclude(status=TaskResultStatus.RUNNING).delete()


def worker_seen_since(when: datetime) -> bool:
    """Whether any worker took any job since ``when`` (its claim sets started_at)."""
    return DBTaskResult.objects.filter(started_at__gte=when).exists()


def make(
    packet_id: int,
    etag: str,
    paper: str,
    language: str,
    today: str,
    wait_for_slot: float,
    document: str = PACKET,
) -> str | dict:
    """Make one PDF of a packet for the version ``etag`` names, into the cache; what happened.

    When the cache cannot take the PDF, it is returned with the outcome (the
    tasks table keeps it), so the patient still gets it."""
    key = key_of(packet_id, document, paper, language)
    day = date.fromisoformat(today)
    try:
        current = Packet.objects.filter(pk=packet_id).first()
        if current is None or etag_of(current, document, paper, day, language) != etag:
            return "outdated"  # deleted, or changed since it was asked for
        cached = cache.get(key)
        if cached and cached[0] == etag:
            return "made"  # asked twice (a marker that lapsed): made once
        html = _html(current, document, day, paper, language)
        try:
            content = pdf.render_pdf(html, wait_for_slot=wait_for_slot)
        except pdf.TooManyPages:
            cache.set(failure_key(key), (etag, "too_long"), FAILURE_SECONDS)
            return "too_long"
        except pdf.RenderBusy:  # every slot stayed taken while this worker waited
            cache.set(failure_key(key), (etag, "busy"), FAILURE_SECONDS)
            return "busy"
        except pdf.RenderFailed:
            cache.set(failure_key(key), (etag, "failed"), FAILURE_SECONDS)
            return "failed"
        if not pdf_cache.unchanged(current.pk, current.updated_at):
            return "outdated"
        try:
            set_or_raise(cache, key, (etag, content), PDF_SECONDS)
        except CacheUnavailable:
            kept = False
        else:
            kept = True
        # Asked again once stored: a delete between the two keeps nothing.
        if not pdf_cache.unchanged(current.pk, current.updated_at):
            pdf_cache.discard(key)
            return "outdated"
        if not kept:
            return {"outcome": "made", "pdf": base64.b64encode(content).decode("ascii")}
        return "made"
    finally:
        # Only this version's marker: a newer version's job may be queued.
        if cache.get(job_key(key)) == etag:
            cache.delete(job_key(key))


@task()
def render_packet_pdf(
    packet_id: int, etag: str, paper: str, language: str, today: str, document: str = PACKET
) -> str | dict:
    """Make one PDF of a packet in a worker, which may wait a while for a render slot.

    The packet and its letters share this task, so its rows are found by
    version (``job``) and forgotten with the packet (printing/cache.py) alike."""
    return make(packet_id, etag, paper, language, today, WORKER_WAIT_FOR_SLOT_SECONDS, document)


def make_now(
    packet_id: int, etag: str, paper: str, language: str, today: str, document: str = PACKET
) -> str | dict:
    """The last resort when no worker is there: make it in the request, under
    the same render slots, waiting no longer than any web thread may."""
    return make(packet_id, etag, paper, language, today, pdf.WAIT_FOR_SLOT_SECONDS, document)


def _drop_pdf_of_deleted_packet(sender, task_result, **kwargs) -> None:
    """A worker saved a PDF into its row just as the packet was deleted: take it back.

    The delete removes finished rows (printing/cache.py) but leaves a running
    one to its worker; this runs in the worker right after its save."""
    if task_result.task.module_path != pdf_cache.RENDER_TASK_PATH:
        return
    successful = task_result.status == TaskResultStatus.SUCCESSFUL
    value = task_result.return_value if successful else None
    if isinstance(value, dict) and not Packet.objects.filter(pk=task_result.args[0]).exists():
        DBTaskResult.objects.filter(pk=task_result.id).delete()


task_finished.connect(_drop_pdf_of_deleted_packet, dispatch_uid="drop-pdf-of-deleted-packet")
