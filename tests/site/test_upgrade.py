"""A database from before the apps were re-cut upgrades in place, and its
packets print the same.

Packet, Device and PairingCode moved from checklists/ to packets/, Answer
and ValueRating to questionnaire/, with state-only migrations on their old
tables. This test takes the database back to the last migration of the old
layout, writes a full packet through the old layout's models (as the site
before the change did), migrates forward, and reads it through the new code:
the same rows, the same session, the same PDF text as a packet made today.
"""

import io
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from checklists import records
from packets.models import Device, Packet
from questionnaire import decision
from questionnaire.situations import KEYS
from tests.factories import CALL, DETAILS, RECORDS_DETAILS, STATUSES, full_packet, hand_to

# The newest migration of each app before the re-cut.
OLD_LAYOUT = [("checklists", "0005_letter_language"), ("packets", None), ("questionnaire", None)]


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def _write_old_packet(apps) -> int:
    """A full packet written through the old layout's models (all in checklists)."""
    model = lambda name: apps.get_model("checklists", name)  # noqa: E731
    packet = model("Packet").objects.create(**DETAILS)
    answers = {decision.URGENCY_KEY: "no"}
    answers.update({key: ("yes" if n % 3 == 0 else "no") for n, key in enumerate(KEYS)})
    answers.update({item.key: "yes" for item in decision.SURE_ITEMS})
    model("Answer").objects.bulk_create(
        model("Answer")(packet=packet, key=k, value=v) for k, v in answers.items()
    )
    model("ValueRating").objects.bulk_create(
        model("ValueRating")(packet=packet, key=value.key, rating=n % 4)
        for n, value in enumerate(decision.VALUES)
    )
    model("ChecklistEntry").objects.bulk_create(
        model("ChecklistEntry")(
            packet=packet,
            item_key=item.key,
            status=STATUSES[item.key],
            note=f"My note on {str(item.title).lower()}.",
        )
        for item in records.ITEMS
    )
    for position, suggestion in enumerate(records.SUGGESTED_QUESTIONS, start=1):
        model("PacketQuestion").objects.create(
            packet=packet,
            text=str(suggestion.text),
            suggestion_key=suggestion.key,
            position=position,
        )
    model("InsuranceCall").objects.create(packet=packet, **CALL)
    model("Device").objects.create(packet=packet, can_edit=False, label="Maria's laptop")
    model("PairingCode").objects.create(
        packet=packet, code_hash="0" * 64, expires_at=timezone.now() + timedelta(minutes=10)
    )
    return packet.pk


def _pdf_text(client: Client) -> str:
    response = client.get("/packet/packet.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.django_db(transaction=True)
def test_a_packet_saved_before_the_recut_upgrades_and_prints_the_same(guides_loaded) -> None:
    latest = _latest()
    try:
        _migrate(OLD_LAYOUT)
        old_apps = MigrationExecutor(connection).loader.project_state(OLD_LAYOUT[:1]).apps
        old_id = _write_old_packet(old_apps)
        # An editor's admin log entry about a packet, under the old app (the
        # admin's and content types' tables are the same in both layouts).
        ContentType.objects.clear_cache()
        old_type, _ = ContentType.objects.get_or_create(app_label="checklists", model="packet")
        LogEntry.objects.create(
            content_type_id=old_type.pk,
            object_id=str(old_id),
            object_repr="Packet",
            action_flag=2,
            change_message="[]",
            user=User.objects.create(username="editor", password="!"),
        )
    finally:
        _migrate(latest)  # whatever happened, the rest of the run sees today's schema

    upgraded = Packet.objects.get(pk=old_id)
    assert upgraded.answers.count() == len(KEYS) + 1 + len(decision.SURE_ITEMS)
    assert upgraded.entries.count() == len(records.ITEMS)
    assert Device.objects.get(packet=upgraded).label == "Maria's laptop"
    assert upgraded.pairing_codes.count() == 1
    # The content type kept its id under the new app, so the admin's log entry
    # still points at the moved model.
    ContentType.objects.clear_cache()
    moved_type = ContentType.objects.get(pk=old_type.pk)
    assert (moved_type.app_label, moved_type.model) == ("packets", "packet")
    assert not ContentType.objects.filter(app_label="checklists", model="packet").exists()
    assert LogEntry.objects.get(object_id=str(old_id)).content_type == moved_type

    # The patient's session (it holds only the packet's id) finds it as before.
    before, today = Client(), Client()
    hand_to(before, upgraded)
    check = before.get("/packet/check/")
    assert check.status_code == 200 and DETAILS["name"] in check.content.decode()
    # The same packet saved today, without the details added since.
    hand_to(today, full_packet(**dict.fromkeys(RECORDS_DETAILS, "")))
    assert _pdf_text(before) == _pdf_text(today)
