"""Packet PDFs are made by workers, never by a web thread.

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
"""

from datetime import date

from django.core.cache import cache
from django.tasks import task
from django.utils import translation

from packets.models import Packet
from printing import cache as pdf_cache
from printing import packet, pdf

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


def _current_etag(current: Packet, paper: str, today: date, language: str) -> str:
    return pdf_cache.packet_etag(current.pk, current.updated_at, paper, today, language)


@task()
def render_packet_pdf(packet_id: int, etag: str, paper: str, language: str, today: str) -> str:
    """Make one packet's PDF for the version ``etag`` names, into the cache; what happened."""
    key = pdf_cache.packet_key(packet_id, paper, language)
    day = date.fromisoformat(today)
    try:
        current = Packet.objects.filter(pk=packet_id).first()
        if current is None or _current_etag(current, paper, day, language) != etag:
            return "outdated"  # deleted, or changed since it was asked for
        cached = cache.get(key)
        if cached and cached[0] == etag:
            return "made"  # asked twice (a marker that lapsed): made once
        with translation.override(language):
            html = packet.packet_pdf_html(current, day, paper, language)
        try:
            content = pdf.render_pdf(html, wait_for_slot=WORKER_WAIT_FOR_SLOT_SECONDS)
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
        cache.set(key, (etag, content), PDF_SECONDS)
        # Asked again once stored: a delete between the two keeps nothing.
        if not pdf_cache.unchanged(current.pk, current.updated_at):
            pdf_cache.discard(key)
            return "outdated"
        return "made"
    finally:
        # Only this version's marker: a newer version's job may be queued.
        if cache.get(job_key(key)) == etag:
            cache.delete(job_key(key))
