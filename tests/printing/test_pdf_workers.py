"""#22 finding 5: packet PDFs are made by workers, not by web threads.

With the database task queue (as `make run` and production use), a download
queues one render and answers "Making your PDF" at once; a real worker
(`manage.py db_worker`) makes it; the page's poll then gets the file. No web
request ever runs WeasyPrint, so 20 downloads at once cost the pages nothing.
"""

import io
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from packets.models import Packet
from printing import cache as pdf_cache
from printing import pdf

# The worker closes its database connection between tasks, as a real one
# does: these tests commit instead of running inside one transaction.
pytestmark = pytest.mark.django_db(transaction=True)

QUEUED = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
HX = {"HTTP_HX_REQUEST": "true"}


def run_worker() -> None:
    """What `manage.py db_worker` does beside the app servers: every queued task, then stop."""
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())


def patient(name: str) -> Client:
    client = Client()
    client.post("/packet/")
    client.post("/packet/details/", {"name": name})
    return client


@QUEUED
def test_a_download_queues_one_render_and_a_worker_makes_it() -> None:
    ana = patient("Ana Worker")
    with mock.patch.object(pdf, "render_pdf", side_effect=AssertionError("a web thread rendered")):
        first = ana.get("/packet/packet.pdf")
        again = ana.get("/packet/packet.pdf")
        poll = ana.get("/packet/packet.pdf", **HX)
    assert first.status_code == 202
    page = first.content.decode()
    assert "Making your PDF" in page
    assert 'href="/packet/packet.pdf">Check again</a>' in page
    assert 'data-hx-trigger="every 2s"' in page
    assert again.status_code == 202
    assert DBTaskResult.objects.count() == 1  # asked twice, queued once
    assert poll.status_code == 204  # htmx: nothing yet, ask again

    run_worker()

    ready = ana.get("/packet/packet.pdf", **HX)
    assert ready.status_code == 286  # htmx stops asking
    assert 'data-download="/packet/packet.pdf"' in ready.content.decode()
    download = ana.get("/packet/packet.pdf")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")


@QUEUED
def test_twenty_downloads_at_once_leave_the_pages_free() -> None:
    patients = [patient(f"Patient {n}") for n in range(20)]
    with mock.patch.object(pdf, "render_pdf", side_effect=AssertionError("a web thread rendered")):
        statuses = [client.get("/packet/packet.pdf").status_code for client in patients]
        assert Client().get("/guides/").status_code == 200
    assert statuses == [202] * 20
    assert DBTaskResult.objects.count() == 20


@QUEUED
def test_a_render_queued_before_a_delete_keeps_nothing() -> None:
    ana = patient("Ana Deleted Before Render")
    packet = Packet.objects.get(name="Ana Deleted Before Render")
    assert ana.get("/packet/packet.pdf").status_code == 202
    assert ana.post("/packet/delete/").status_code == 200
    run_worker()
    for paper in ("letter", "a4"):
        for language in ("en", "es"):
            assert pdf_cache.packet_key(packet.pk, paper, language) not in _cache_keys(packet.pk)


@QUEUED
def test_a_packet_too_long_to_print_says_so_after_the_worker_tried() -> None:
    ana = patient("Ana Too Long")
    with mock.patch.object(pdf, "MAX_PAGES", 1):
        assert ana.get("/packet/packet.pdf").status_code == 202
        run_worker()
        response = ana.get("/packet/packet.pdf")
    assert response.status_code == 422
    assert "Your packet is too long to print" in response.content.decode()


def _cache_keys(packet_id: int) -> set[str]:
    from django.core.cache import cache

    return {
        key
        for key in (
            pdf_cache.packet_key(packet_id, paper, language)
            for paper in ("letter", "a4")
            for language in ("en", "es")
        )
        if cache.get(key) is not None
    }


@QUEUED
def test_a_failure_ends_the_poll_on_the_page_that_says_why() -> None:
    ana = patient("Ana Too Long Polling")
    with mock.patch.object(pdf, "MAX_PAGES", 1):
        assert ana.get("/packet/packet.pdf").status_code == 202
        run_worker()
        poll = ana.get("/packet/packet.pdf", **HX)
        assert poll.status_code == 200
        assert poll["HX-Redirect"] == "/packet/packet.pdf"  # not "ready", not a new render
        assert DBTaskResult.objects.count() == 1
        page = ana.get("/packet/packet.pdf")
    assert page.status_code == 422
    assert "Your packet is too long to print" in page.content.decode()


def queued_ago(seconds: int) -> None:
    """The queued renders were asked for ``seconds`` ago, and no worker has taken them."""
    from datetime import timedelta

    from django.utils import timezone

    DBTaskResult.objects.filter(status="READY").update(
        enqueued_at=timezone.now() - timedelta(seconds=seconds)
    )


# The settings fixture would restore QUEUED's settings after it ends: one decorator each.
@QUEUED
@override_settings(PDF_QUEUE_PATIENCE_SECONDS=20)
def test_a_render_no_worker_takes_says_so_and_try_again_makes_it() -> None:
    ana = patient("Ana No Worker")
    assert ana.get("/packet/packet.pdf").status_code == 202
    queued_ago(10)
    assert ana.get("/packet/packet.pdf", **HX).status_code == 204  # not yet long

    queued_ago(30)
    poll = ana.get("/packet/packet.pdf", **HX)
    assert poll.status_code == 200  # htmx swaps the message in, and asks on
    page = poll.content.decode()
    assert "This is taking longer than usual." in page
    assert "is not working right now" in page
    assert 'href="/packet/packet.pdf?now=1">Try again</a>' in page
    assert 'data-hx-trigger="every 2s"' in page
    # Said once: the next polls leave it on the screen.
    assert ana.get("/packet/packet.pdf", {"shown": "no_worker"}, **HX).status_code == 204
    # Without JavaScript, "Check again" leads to the same message.
    plain = ana.get("/packet/packet.pdf")
    assert plain.status_code == 202
    assert "This is taking longer than usual." in plain.content.decode()
    assert 'href="/packet/packet.pdf?now=1">Try again</a>' in plain.content.decode()
    assert DBTaskResult.objects.count() == 1  # asking again queued nothing more

    # Try again: with no worker there, it is made in the request.
    made = ana.get("/packet/packet.pdf", {"now": "1"})
    assert made.status_code == 200
    assert made["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(made.content)).pages)
    assert "Ana No Worker" in text
    assert not DBTaskResult.objects.exists()  # a worker that comes back has nothing to redo
    assert ana.get("/packet/packet.pdf").status_code == 200  # and it is kept


@QUEUED
@override_settings(PDF_QUEUE_PATIENCE_SECONDS=20)
def test_a_render_behind_busy_workers_says_so_and_waits_its_turn() -> None:
    from datetime import timedelta

    from django.utils import timezone

    ana = patient("Ana Busy Workers")
    assert ana.get("/packet/packet.pdf").status_code == 202
    queued_ago(30)
    # A worker took another patient's render a moment ago: the workers are busy.
    ben = patient("Ben Rendering")
    assert ben.get("/packet/packet.pdf").status_code == 202
    DBTaskResult.objects.filter(enqueued_at__gt=timezone.now() - timedelta(seconds=5)).update(
        status="RUNNING", started_at=timezone.now() - timedelta(seconds=3)
    )
    with mock.patch.object(pdf, "render_pdf", side_effect=AssertionError("a web thread rendered")):
        poll = ana.get("/packet/packet.pdf", **HX)
        asked_now = ana.get("/packet/packet.pdf", {"now": "1"})
    assert poll.status_code == 200
    page = poll.content.decode()
    assert "This is taking longer than usual." in page
    assert "Many people are making PDFs right now" in page
    assert "now=1" not in page
    assert asked_now.status_code == 202  # no worker is missing: it stays in line
    assert "Many people are making PDFs right now" in asked_now.content.decode()

    run_worker()
    assert ana.get("/packet/packet.pdf", {"shown": "busy"}, **HX).status_code == 286


@QUEUED
@override_settings(PDF_QUEUE_PATIENCE_SECONDS=20)
def test_a_letters_render_no_worker_takes_says_so_and_try_again_makes_it() -> None:
    ana = patient("Ana Letters No Worker")  # nothing marked yet: every letter is still to send
    first = ana.get("/packet/letters.pdf")
    assert first.status_code == 202
    assert "Making your PDF" in first.content.decode()
    queued_ago(30)
    poll = ana.get("/packet/letters.pdf", **HX)
    assert poll.status_code == 200
    page = poll.content.decode()
    assert "This is taking longer than usual." in page
    assert "is not working right now" in page
    assert 'href="/packet/letters.pdf?now=1">Try again</a>' in page
    assert ana.get("/packet/letters.pdf", {"shown": "no_worker"}, **HX).status_code == 204
    plain = ana.get("/packet/letters.pdf")
    assert plain.status_code == 202
    assert 'href="/packet/letters.pdf?now=1">Try again</a>' in plain.content.decode()
    assert DBTaskResult.objects.count() == 1  # asking again queued nothing more

    made = ana.get("/packet/letters.pdf", {"now": "1"})
    assert made.status_code == 200
    assert made["Content-Disposition"] == 'attachment; filename="records-request-letters.pdf"'
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(made.content)).pages)
    assert "Dear records team," in text and "Ana Letters No Worker" in text
    assert "My second opinion packet" not in text  # the letters, not the packet
    assert not DBTaskResult.objects.exists()
    assert ana.get("/packet/letters.pdf").status_code == 200  # and it is kept
    # One letter takes the same path.
    assert ana.get("/packet/letters/lab.pdf").status_code == 202
    queued_ago(30)
    one = ana.get("/packet/letters/lab.pdf", {"now": "1"})
    assert one.status_code == 200
    assert "Dear pathology team," in PdfReader(io.BytesIO(one.content)).pages[0].extract_text()


@QUEUED
@pytest.mark.parametrize(
    ("address", "says"),
    [
        ("/packet/letters.pdf", "Your letters are too long to print. They would be more than"),
        ("/packet/letters/office.pdf", "This letter is too long to print. It would be more than"),
    ],
)
def test_a_letter_too_long_to_print_says_letter_not_packet(address: str, says: str) -> None:
    ana = patient("Ana Letters Too Long")
    with mock.patch.object(pdf, "MAX_PAGES", 0):
        assert ana.get(address).status_code == 202
        run_worker()
        response = ana.get(address)
    assert response.status_code == 422
    html = response.content.decode()
    assert says in html and "Please make some of your details shorter" in html
    assert "Your packet is too long" not in html
