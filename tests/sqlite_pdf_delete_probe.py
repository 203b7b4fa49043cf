"""Run in a subprocess on a SQLite file of its own: is a deleted packet's
cached PDF gone from the database file and its WAL? Prints one line per case,
"<case>: gone" or "<case>: still in [files]".

Without REDIS_URL the PDFs are kept in the database cache, a table of the
same file: each value is a pickle, base64-encoded. The PDF's own text is
compressed, so the probe looks for the PDF's bytes as the cache stores them:
runs of its base64 at each of the three alignments a byte string can have
inside a longer one. It first shows that these are found while the PDF is
cached, so "gone" means something.

Usage: DATABASE_URL=sqlite:////tmp/x.sqlite3 python tests/sqlite_pdf_delete_probe.py
"""

import base64
import os
import sys
from datetime import timedelta
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secondopinion.settings")

import django  # noqa: E402

django.setup()

from django.test.utils import override_settings  # noqa: E402

# Each queued PDF render runs at once, in the request (as in the tests).
override_settings(
    TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
).enable()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models.signals import post_delete  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from packets.models import Packet  # noqa: E402
from printing import cache as pdf_cache  # noqa: E402
from printing import pdf  # noqa: E402

call_command("migrate", verbosity=0)
assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
database = Path(settings.DATABASES["default"]["NAME"])
FILES = (database, Path(f"{database}-wal"), Path(f"{database}-journal"))
real_render = pdf.render_pdf


def markers(content: bytes) -> list[bytes]:
    """Base64 runs of the PDF's bytes, one of which is in any base64 that holds them."""
    middle = len(content) // 2
    return [base64.b64encode(content[middle + shift : middle + shift + 96]) for shift in range(3)]


def files_hold(found: list[bytes]) -> list[str]:
    holding = []
    for path in FILES:
        if path.exists():
            data = path.read_bytes()
            if any(marker in data for marker in found):
                holding.append(path.name)
    return holding


def report(case: str, found: list[bytes]) -> None:
    holding = files_hold(found)
    print(f"{case}:", "gone" if not holding else f"still in {holding}")


def packet_with(note: str) -> tuple[Client, Packet]:
    client = Client()
    client.post("/packet/")
    response = client.post("/packet/items/medicines/", {"status": "have", "note": note})
    assert response.status_code == 302, response.status_code
    client.post("/packet/details/", {"name": note, "paper_size": "letter"})
    return client, Packet.objects.latest("pk")


def downloaded(client: Client, url: str) -> list[bytes]:
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf", response.status_code
    found = markers(response.content)
    assert files_hold(found), f"the cached PDF of {url} was never found in the files"
    return found


# 1. "Delete my packet": its PDFs, both languages and both paper sizes, and
# its letters' PDFs, go.
patient, _packet = packet_with("Zanzibar-quokka-7731 stays private")
found = []
for url in (
    "/packet/packet.pdf",
    "/packet/packet.pdf?paper=a4",
    "/es/packet/packet.pdf",
    "/packet/letters.pdf",
    "/packet/letters/office.pdf",
):
    found += downloaded(patient, url)
assert patient.post("/packet/delete/").status_code == 200
report("deleted", found)

# 2. purge_packets, for a packet idle too long.
idle, packet = packet_with("Vermilion-okapi-5519 stays private")
found = downloaded(idle, "/packet/packet.pdf")
Packet.objects.filter(pk=packet.pk).update(updated_at=timezone.now() - timedelta(days=365))
call_command("purge_packets", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
report("purged", found)

# 3. Deleted (from another browser of the packet) while its PDF renders.
patient, packet = packet_with("Ultramarine-tapir-2284 stays private")
other = Client()
other.cookies = patient.cookies
rendered = []


def render_during_a_delete(html: str, **kwargs) -> bytes:
    content = real_render(html, **kwargs)
    rendered.append(content)
    assert other.post("/packet/delete/").status_code == 200
    return content


with mock.patch.object(pdf, "render_pdf", render_during_a_delete):
    response = patient.get("/packet/packet.pdf")
assert rendered and not Packet.objects.filter(pk=packet.pk).exists()
report("deleted in flight", markers(rendered[0]))

# 4. A render that found the packet still there stores its PDF while the
# delete is under way, after the delete forgot the PDFs it could see.
patient, packet = packet_with("Saffron-gecko-4410 stays private")
late = downloaded(patient, "/packet/packet.pdf")
stored = cache.get(pdf_cache.packet_key(packet.pk, "letter", "en"))
assert stored is not None


def store_late(sender, instance, **kwargs) -> None:
    cache.set(pdf_cache.packet_key(instance.pk, "letter", "en"), stored)


post_delete.connect(store_late, sender=Packet, dispatch_uid="probe-store-late")
assert patient.post("/packet/delete/").status_code == 200
post_delete.disconnect(sender=Packet, dispatch_uid="probe-store-late")
report("stored during the delete", late)
