"""Deleted patient text leaves every file of a SQLite database at once.

``PRAGMA secure_delete=ON`` (settings) overwrites deleted rows with zeros in
the pages they leave. In WAL mode the changed pages first go to the -wal
file, where older copies of the page (the text included) stay until a
checkpoint copies the pages back and truncates it. So after a packet is
deleted, and after purge_packets, a TRUNCATE checkpoint runs once the
transaction commits.

PostgreSQL keeps dead row versions until VACUUM and in its WAL archives and
backups; README "Patient data" says what an operator does there.
"""

from django.db import connection, transaction
from django.db.models.signals import post_delete


def scrub_deleted() -> None:
    """On SQLite, move every committed page back from the WAL and empty it."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def scrub_after_commit() -> None:
    """Scrub once the current transaction commits (at once outside one)."""
    if connection.vendor != "sqlite":
        return
    if not connection.in_atomic_block:
        scrub_deleted()
        return
    # One scrub per transaction, however many packets it deletes.
    if not any(func is scrub_deleted for _, func, _ in connection.run_on_commit):
        transaction.on_commit(scrub_deleted)


def _packet_deleted(sender, instance, **kwargs) -> None:
    scrub_after_commit()


def connect() -> None:
    """Scrub after every packet delete: "Delete my packet" and purge_packets."""
    from packets.models import Packet

    post_delete.connect(_packet_deleted, sender=Packet, dispatch_uid="scrub-deleted-packet")
