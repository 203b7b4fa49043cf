"""Invisible direction controls and zero-width spaces are refused in patient text."""

import pytest
from django.test import Client
from pytest_django.asserts import assertContains

from checklists.models import ChecklistEntry, PacketQuestion
from packets.models import Packet

REFUSED = ["\u202e", "\u2066", "\u200b", "\ufeff"]


def started(client: Client) -> Packet:
    client.post("/packet/")
    return Packet.objects.get()


@pytest.mark.parametrize("control", REFUSED)
def test_a_note_with_a_hidden_control_is_refused_and_nothing_saved(
    patient: Client, control: str
) -> None:
    started(patient)
    response = patient.post(
        "/packet/items/pathology-report/",
        {"status": "have", "note": f"Dr A{control}bc"},
        follow=True,
    )
    assertContains(response, "hidden character", status_code=200)
    assert not ChecklistEntry.objects.exists()


def test_a_name_with_an_override_is_refused_and_the_old_name_kept(patient: Client) -> None:
    packet = started(patient)
    patient.post("/packet/details/", {"name": "Ana", "paper_size": "letter"})
    response = patient.post(
        "/packet/details/", {"name": "Ana\u202eevil", "paper_size": "letter"}, follow=True
    )
    assertContains(response, "hidden character")
    packet.refresh_from_db()
    assert packet.name == "Ana"


def test_joiners_and_marks_that_scripts_need_are_kept(patient: Client) -> None:
    started(patient)
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # with a zero-width non-joiner
    hindi = "\u0915\u094d\u200d\u0937"
    for text in (persian, hindi, "\u200fשלום"):
        response = patient.post("/packet/questions/", {"action": "add", "text": text})
        assert response.status_code == 302
    assert [q.text for q in PacketQuestion.objects.all()] == [persian, hindi, "\u200fשלום"]
