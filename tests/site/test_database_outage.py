"""When the database goes away, pages say so plainly, then recover by themselves."""

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import Client
from pytest_django.asserts import assertContains


@contextmanager
def database_unreachable(tmp_path) -> Iterator[None]:
    """Point the connection at a database that cannot answer, then put it back.

    PostgreSQL: a port that accepts TCP but never speaks (a hung server), so
    the connect timeout is what ends the wait. SQLite: a file in a folder
    that does not exist.
    """
    original = dict(connection.settings_dict)
    listener = None
    connection.close()
    if connection.vendor == "postgresql":
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(listener.getsockname()[1]))
    else:
        connection.settings_dict["NAME"] = str(tmp_path / "missing" / "db.sqlite3")
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)
        if listener is not None:
            listener.close()


@pytest.mark.django_db(transaction=True)
def test_outage_gives_plain_503s_quickly_and_the_site_recovers(guides_loaded, tmp_path) -> None:
    client = Client(raise_request_exception=False)
    assert client.get("/guides/who-pays/").status_code == 200
    with database_unreachable(tmp_path):
        started = time.monotonic()
        page = client.get("/guides/who-pays/")
        health = client.get("/healthz")
        elapsed = time.monotonic() - started
        assert page.status_code == 503
        assertContains(page, "not working right now", status_code=503)
        assert "Traceback" not in page.content.decode()
        assert health.status_code == 503
        # Each answer comes within the 3-second connect timeout, not a hang.
        assert elapsed < 10
        home = client.get("/")
        assert home.status_code == 200  # the home page needs no database
    assert client.get("/healthz").status_code == 200
    assert client.get("/guides/who-pays/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_outage_while_saving_loses_nothing_saved_before(tmp_path) -> None:
    client = Client(raise_request_exception=False)
    client.post("/packet/")
    client.post("/packet/items/medicines/", {"status": "have", "note": "kept"})
    with database_unreachable(tmp_path):
        response = client.post("/packet/items/medicines/", {"status": "asked", "note": "lost"})
        assert response.status_code == 503
    from checklists.models import ChecklistEntry

    entry = ChecklistEntry.objects.get()
    assert (entry.status, entry.note) == ("have", "kept")


@pytest.mark.django_db(transaction=True)
def test_a_burst_on_the_pdf_gets_429s_and_pages_keep_answering(settings) -> None:
    settings.PDF_RATE_LIMIT = 5
    from unittest import mock

    from printing import pdf

    client = Client()
    client.post("/packet/")
    statuses = []
    for n in range(12):
        # Each download follows a change, so each would need a fresh render.
        client.post("/packet/items/medicines/", {"status": "have", "note": f"note {n}"})
        statuses.append(client.get("/packet/packet.pdf").status_code)
    assert statuses[:5] == [200] * 5
    assert set(statuses[5:]) == {429}
    # Past the limit nothing is rendered at all: the 429 costs no PDF work.
    client.post("/packet/items/medicines/", {"status": "have", "note": "again"})
    with mock.patch.object(pdf, "render_pdf", side_effect=AssertionError("rendered")):
        assert client.get("/packet/packet.pdf").status_code == 429

    # A render in progress holds its slot; pages meanwhile are served at once.
    release = threading.Event()
    started = threading.Event()
    real_render = pdf.render_pdf

    def slow_render(html: str, **kwargs) -> bytes:
        started.set()
        release.wait(timeout=30)
        return real_render(html, **kwargs)

    other = Client()
    other.post("/packet/")
    results: list[int] = []

    def download() -> None:
        try:
            results.append(other.get("/packet/packet.pdf").status_code)
        finally:
            connection.close()  # this thread's own connection

    with mock.patch.object(pdf, "render_pdf", slow_render):
        worker = threading.Thread(target=download)
        worker.start()
        assert started.wait(timeout=30)
        assert Client().get("/guides/").status_code == 200
        assert Client().get("/").status_code == 200
        assert not results, "the page was served while the render still ran"
        release.set()
        worker.join(timeout=60)
    assert results == [200]


@pytest.mark.django_db(transaction=True)
def test_a_pdf_waiting_for_a_busy_renderer_is_told_to_retry() -> None:
    from unittest import mock

    from weasyprint import Document

    from printing import pdf, tasks

    release = threading.Event()
    started = threading.Event()

    def slow_write_pdf(*args, **kwargs) -> bytes:
        # Holds the render slot, as a long render would.
        started.set()
        release.wait(timeout=30)
        return b"%PDF-1.7 stand-in"

    first, second = Client(), Client()
    first.post("/packet/")
    second.post("/packet/")
    results: list[int] = []

    def download() -> None:
        try:
            results.append(first.get("/packet/packet.pdf").status_code)
        finally:
            connection.close()

    with (
        mock.patch.object(pdf, "_slots", threading.BoundedSemaphore(1)),
        mock.patch.object(Document, "write_pdf", slow_write_pdf),
        # The second render's worker (run at once in tests) waits a moment, then gives up.
        mock.patch.object(tasks, "WORKER_WAIT_FOR_SLOT_SECONDS", 0.2),
    ):
        worker = threading.Thread(target=download)
        worker.start()
        assert started.wait(timeout=30)
        busy = second.get("/packet/packet.pdf")
        release.set()
        worker.join(timeout=60)
    assert busy.status_code == 503
    assert busy["Retry-After"] == "5"
    assert "Many people are making PDFs right now" in busy.content.decode()
    assert results == [200]
