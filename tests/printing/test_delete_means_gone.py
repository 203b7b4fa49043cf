"""Delete means gone (#22 finding 6): a deleted packet's cached PDFs go with
it, and a render in flight during the delete puts nothing back.

All but the first run on whatever cache the suite has: the database cache
without REDIS_URL, Redis with it.
"""

import io
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db.models.signals import post_delete
from django.test import Client

from packets import scrub
from packets.models import Packet
from printing import cache as pdf_cache
from tests.factories import hand_to

ROOT = Path(__file__).resolve().parents[2]
EVERY_KEY = [("letter", "en"), ("a4", "en"), ("letter", "es"), ("a4", "es")]
RENDERED = b"%PDF-1.7 Ultramarine-tapir-2284 (a render in flight)"


@pytest.fixture(autouse=True)
def empty_cache(db) -> None:
    cache.clear()


@pytest.fixture
def owner(patient: Client) -> tuple[Client, Packet]:
    packet = Packet.objects.create(name="Ultramarine Tapir")
    return hand_to(patient, packet), packet


def cached(packet_id: int) -> list:
    return [cache.get(pdf_cache.packet_key(packet_id, *key)) for key in EVERY_KEY]


def delete_now(packet_id: int) -> None:
    """What "Delete my packet" from another browser of the packet does."""
    Packet.objects.get(pk=packet_id).delete()


def purge_now(packet_id: int) -> None:
    """purge_packets, with every packet counted as idle."""
    call_command("purge_packets", "--days", "0", stdout=io.StringIO())


def test_deleted_pdfs_are_gone_from_the_sqlite_files(tmp_path: Path) -> None:
    """On a SQLite file of its own (the database cache), in every CI run: after
    "Delete my packet", purge_packets, a delete during a render, and a PDF
    stored while the delete was under way, no run of the PDFs' bytes is left
    in the database file or its WAL (the probe first finds them there)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.pop("REDIS_URL", None)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'patient.sqlite3'}"
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "sqlite_pdf_delete_probe.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for case in ("deleted", "purged", "deleted in flight", "stored during the delete"):
        assert f"{case}: gone" in result.stdout, result.stdout


@pytest.mark.parametrize("delete", [delete_now, purge_now], ids=["deleted", "purged"])
def test_a_delete_while_the_pdf_renders_keeps_and_hands_out_nothing(owner, delete) -> None:
    client, packet = owner

    def render_during_a_delete(html: str, **kwargs) -> bytes:
        delete(packet.pk)
        return RENDERED

    spy = mock.Mock(wraps=cache)
    with (
        mock.patch("printing.pdf.render_pdf", side_effect=render_during_a_delete),
        mock.patch("printing.tasks.cache", spy),
    ):
        response = client.get("/packet/packet.pdf")
    assert not Packet.objects.filter(pk=packet.pk).exists()
    stored = [call for call in spy.set.call_args_list if call.args[1][1:] == (RENDERED,)]
    assert not stored, "asked before it is stored: the PDF is not written at all"
    assert cached(packet.pk) == [None] * len(EVERY_KEY)
    # The worker kept nothing, so the page is still "Making your PDF"; asked
    # again, it is answered as any request for a packet that is gone: to the
    # packet page, which says so.
    assert response.status_code == 202
    assert b"Ultramarine" not in response.content
    again = client.get("/packet/packet.pdf")
    assert again.status_code == 302
    assert again["Location"] == "/packet/"
    assert "Your packet is gone" in client.get("/packet/").content.decode()


def test_a_delete_just_before_the_pdf_is_stored_takes_it_back(owner) -> None:
    """The packet was still there when the render finished, and was deleted
    (its PDFs forgotten) just before the render stored its own."""
    client, packet = owner

    class DeletedJustBeforeTheStore:
        def __getattr__(self, name: str):
            return getattr(cache, name)

        def set(self, *args, **kwargs) -> None:
            delete_now(packet.pk)
            cache.set(*args, **kwargs)

    with (
        mock.patch("printing.pdf.render_pdf", return_value=RENDERED),
        mock.patch("printing.tasks.cache", DeletedJustBeforeTheStore()),
    ):
        response = client.get("/packet/packet.pdf")
    assert cached(packet.pk) == [None] * len(EVERY_KEY)
    assert b"Ultramarine" not in response.content
    again = client.get("/packet/packet.pdf")
    assert again.status_code == 302
    assert again["Location"] == "/packet/"


def test_a_change_while_the_pdf_renders_is_not_kept_as_the_old_version(owner) -> None:
    client, packet = owner

    def render_during_a_save(html: str, **kwargs) -> bytes:
        Packet.objects.get(pk=packet.pk).touch()  # what every save does
        return RENDERED

    with mock.patch("printing.pdf.render_pdf", side_effect=render_during_a_save):
        response = client.get("/es/packet/packet.pdf?paper=a4")
    assert cached(packet.pk) == [None] * len(EVERY_KEY)
    # Still "Making your PDF"; asked again, it renders what is saved now.
    assert response.status_code == 202
    with mock.patch("printing.pdf.render_pdf", return_value=RENDERED):
        again = client.get("/es/packet/packet.pdf?paper=a4")
    assert again.content == RENDERED
    stored = cache.get(pdf_cache.packet_key(packet.pk, "a4", "es"))
    assert stored == (again["ETag"].strip('"'), RENDERED)


@pytest.mark.parametrize("delete", ["view", "purge"])
def test_deleting_forgets_every_pdf_even_one_stored_during_the_delete(
    owner, delete, django_capture_on_commit_callbacks
) -> None:
    """Both languages, both paper sizes; and a PDF a render stored after the
    delete forgot the others (it had found the packet still there) is
    forgotten once the delete commits."""
    client, packet = owner
    for paper, language in EVERY_KEY:
        cache.set(pdf_cache.packet_key(packet.pk, paper, language), ("etag", RENDERED))
    late = pdf_cache.packet_key(packet.pk, "letter", "es")

    def store_late(sender, instance, **kwargs) -> None:
        cache.set(late, ("etag", RENDERED))

    post_delete.connect(store_late, sender=Packet, dispatch_uid="test-store-late")
    try:
        with django_capture_on_commit_callbacks() as on_commit:
            if delete == "view":
                assert client.post("/packet/delete/").status_code == 200
            else:
                purge_now(packet.pk)
    finally:
        post_delete.disconnect(sender=Packet, dispatch_uid="test-store-late")
    assert not Packet.objects.filter(pk=packet.pk).exists()
    # On SQLite the scrub comes last, so it wipes the rows forgotten before
    # it (the probe above checks the files); it cannot run inside the test's
    # transaction.
    if scrub.scrub_deleted in on_commit:
        assert on_commit[-1] is scrub.scrub_deleted
    for callback in on_commit:
        if callback is not scrub.scrub_deleted:
            callback()
    assert cached(packet.pk) == [None] * len(EVERY_KEY)
