"""Run in a subprocess with production settings: print the headers of a few responses.

Usage: python tests/prod_probe.py  (DJANGO_PRODUCTION=1 and friends set by the caller)
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secondopinion.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402


def capture(response) -> dict:
    return {
        "status": response.status_code,
        "headers": dict(response.headers),
        "cookies": [morsel.OutputString() for morsel in response.cookies.values()],
    }


call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
client = Client(enforce_csrf_checks=True)
host = {"origin": "https://testserver", "referer": "https://testserver/packet/"}
out = {
    "home": capture(client.get("/", secure=True)),
    "plain_http": capture(client.get("/guides/")),
    "packet_offer": capture(client.get("/packet/", secure=True)),
}
token = client.cookies["__Host-csrftoken"].value
out["packet_start"] = capture(
    client.post("/packet/", {"csrfmiddlewaretoken": token}, secure=True, headers=host)
)
out["pdf"] = capture(client.get("/checklist.pdf", secure=True))
out["not_found"] = capture(client.get("/nope/", secure=True))
print(json.dumps(out))
