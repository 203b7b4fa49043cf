"""Another browser never reads or writes the patient's packet, by any URL."""

import pytest
from django.test import Client

from checklists.models import ChecklistEntry, Packet, PacketQuestion

SECRET = "Secret-note-7731"

READ_URLS = [
    "/packet/",
    "/packet/questions/",
    "/packet/details/",
    "/packet/letter/",
    "/packet/packet.pdf",
    "/packet/delete/",
    "/questionnaire/",
    "/questionnaire/check/",
    "/questionnaire/result/",
    "/questionnaire/unclear-diagnosis/",
]


@pytest.fixture
def patients_packet(patient: Client) -> Packet:
    patient.post("/packet/")
    patient.post("/packet/details/", {"name": SECRET, "paper_size": "letter"})
    patient.post("/packet/items/medicines/", {"status": "have", "note": SECRET})
    patient.post("/packet/questions/", {"action": "add", "text": SECRET})
    patient.post("/questionnaire/")
    patient.post("/questionnaire/urgency/", {"answer": "no"})
    patient.post("/questionnaire/unclear-diagnosis/", {"answer": "yes"})
    return Packet.objects.get()


@pytest.mark.parametrize("url", READ_URLS)
def test_stranger_reads_nothing_of_the_patients(
    patients_packet, stranger: Client, url: str
) -> None:
    response = stranger.get(url)
    assert response.status_code in (200, 302, 404)
    assert SECRET.encode() not in response.content


def test_stranger_writes_touch_only_their_own_packet(patients_packet, stranger: Client) -> None:
    stranger.post("/packet/items/medicines/", {"status": "na", "note": "x"})
    stranger.post("/packet/questions/", {"action": "add", "text": "x"})
    stranger.post("/packet/details/", {"name": "x", "paper_size": "a4"})
    stranger.post("/questionnaire/unclear-diagnosis/", {"answer": "no"})
    stranger.post("/packet/delete/")
    patients_packet.refresh_from_db()
    assert patients_packet.name == SECRET
    assert ChecklistEntry.objects.get(packet=patients_packet).note == SECRET
    assert PacketQuestion.objects.get(packet=patients_packet).text == SECRET
    assert dict(patients_packet.answers.values_list("key", "value")) == {
        "urgency": "no",
        "unclear-diagnosis": "yes",
    }


def test_a_stolen_packet_id_in_the_url_means_nothing(patients_packet, stranger: Client) -> None:
    response = stranger.get(f"/packet/?packet_id={patients_packet.pk}")
    assert SECRET.encode() not in response.content


def test_no_packet_data_in_any_url(patient: Client, patients_packet) -> None:
    page = patient.get("/packet/").content.decode()
    assert str(patients_packet.pk) not in [part for part in page.split('"') if part.startswith("/")]
    assert SECRET not in "".join(part for part in page.split('"') if part.startswith("/"))
