"""Run in a subprocess on a SQLite file of its own: is deleted text gone from
the database file and its WAL? Prints "deleted: gone" and "purged: gone".

Usage: DATABASE_URL=sqlite:////tmp/x.sqlite3 python tests/sqlite_delete_probe.py
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secondopinion.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from checklists.models import Packet  # noqa: E402

call_command("migrate", verbosity=0)
database = Path(settings.DATABASES["default"]["NAME"])


def files_hold(marker: bytes) -> list[str]:
    holding = []
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-journal")):
        if path.exists() and marker in path.read_bytes():
            holding.append(path.name)
    return holding


def packet_with(note: str) -> Client:
    client = Client()
    client.post("/packet/")
    response = client.post("/packet/items/medicines/", {"status": "have", "note": note})
    assert response.status_code == 302, response.status_code
    client.post("/packet/details/", {"name": note, "paper_size": "letter"})
    return client


deleted_note = "Zanzibar-quokka-7731 stays private"
purged_note = "Vermilion-okapi-5519 stays private"
patient = packet_with(deleted_note)
idle = packet_with(purged_note)
assert files_hold(deleted_note.encode()), "the note was never written"

response = patient.post("/packet/delete/")
assert response.status_code == 200, response.status_code
holding = files_hold(deleted_note.encode())
print("deleted:", "gone" if not holding else f"still in {holding}")

Packet.objects.update(updated_at=timezone.now() - timedelta(days=365))
call_command("purge_packets", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
holding = files_hold(purged_note.encode())
print("purged:", "gone" if not holding else f"still in {holding}")
