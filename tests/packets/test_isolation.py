"""Another browser never reads or writes the patient's packet, by any URL."""

import pytest
from django.test import Client

from checklists.models import ChecklistEntry, PacketQuestion
from packets.models import Device, Packet

SECRET = "Secret-note-7731"

READ_URLS = [
    "/packet/",
    "/packet/answers/",
    "/packet/records/health/",
    "/packet/check/",
    "/packet/questions/",
    "/packet/details/",
    "/packet/letter/",
    "/packet/insurance/",
    "/packet/requests/",
    "/packet/requests/office.ics",
    "/packet/requests/office/follow-up/",
    "/packet/packet.pdf",
    "/packet/letters.pdf",
    "/packet/letters/office.pdf",
    "/packet/delete/",
    "/packet/share/",
    "/packet/join/",
    "/questionnaire/",
    "/questionnaire/urgency/",
    "/questionnaire/urgency/advice/",
    "/questionnaire/check/",
    "/questionnaire/result/",
    "/questionnaire/unclear-diagnosis/",
    "/questionnaire/values/",
    "/questionnaire/sure/",
    "/questionnaire/ready/",
]
WRITE_URLS = [
    ("/packet/items/medicines/", {"status": "na", "note": "x"}),
    ("/packet/records/health/", {"medicines-status": "na", "medicines-note": "x"}),
    ("/packet/letter/", {"delivery": "me"}),
    ("/packet/questions/", {"action": "add", "text": "x"}),
    ("/packet/details/", {"name": "x", "paper_size": "a4"}),
    ("/packet/insurance/", {"spoke_to": "x"}),
    ("/packet/requests/", {"kind": "office", "office-received": "all"}),
    ("/questionnaire/urgency/", {"answer": "yes"}),
    ("/questionnaire/unclear-diagnosis/", {"answer": "no"}),
    ("/questionnaire/values/", {"start-soon": "0"}),
    (
        "/questionnaire/sure/",
        dict.fromkeys(
            ["sure-sure", "sure-understand", "sure-risk-benefit", "sure-encouragement"], "no"
        ),
    ),
    ("/questionnaire/restart/", {}),
    ("/packet/share/", {"rights": "view", "label": "x"}),
    ("/packet/share/", {"action": "remove", "device": "1"}),
    ("/packet/share/", {"action": "remove_all"}),
    ("/packet/join/", {"code": "ABCD-EFGH"}),
    ("/packet/delete/", {}),
]


def test_every_packet_route_is_covered_here() -> None:
    from django.urls import resolve

    from tests.site.test_security_headers import route_names

    covered = {resolve(url.split("?")[0]).view_name for url in READ_URLS}
    covered |= {resolve(url).view_name for url, _ in WRITE_URLS}
    packet_routes = {
        name for name in route_names() if name.startswith(("checklists:", "packets:", "printing:"))
    }
    assert packet_routes - covered == {"printing:blank_pdf"}  # the blank PDF has no packet


@pytest.fixture
def patients_packet(patient: Client) -> Packet:
    patient.post("/packet/")
    patient.post("/packet/details/", {"name": SECRET, "address": SECRET, "phone": "555"})
    patient.post("/packet/items/medicines/", {"status": "have", "note": SECRET})
    patient.post("/packet/questions/", {"action": "add", "text": SECRET})
    patient.post("/questionnaire/")
    patient.post("/questionnaire/urgency/", {"answer": "no"})
    patient.post("/questionnaire/unclear-diagnosis/", {"answer": "yes"})
    patient.post("/questionnaire/values/", {"start-soon": "3"})
    patient.post("/packet/insurance/", {"spoke_to": SECRET, "reference": "R1"})
    return Packet.objects.get()


@pytest.mark.parametrize("url", READ_URLS)
def test_stranger_reads_nothing_of_the_patients(
    patients_packet, stranger: Client, url: str
) -> None:
    response = stranger.get(url)
    assert response.status_code in (200, 302, 404)
    assert SECRET.encode() not in response.content


@pytest.mark.parametrize("with_own_packet", [False, True], ids=["no-packet", "own-packet"])
def test_stranger_writes_touch_only_their_own_packet(
    patients_packet, stranger: Client, with_own_packet: bool
) -> None:
    if with_own_packet:
        stranger.post("/packet/")
    for url, data in WRITE_URLS:
        response = stranger.post(url, data)
        assert response.status_code in (200, 302, 303, 400, 404)
        assert SECRET.encode() not in response.content
    patients_packet.refresh_from_db()
    assert patients_packet.values.get().rating == 3
    assert patients_packet.insurance_call.spoke_to == SECRET
    assert (patients_packet.name, patients_packet.address) == (SECRET, SECRET)
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


def test_a_stranger_never_sees_or_removes_the_patients_browsers(
    patients_packet, patient: Client, stranger: Client
) -> None:
    import re

    page = patient.post("/packet/share/", {"rights": "view", "label": SECRET}).content.decode()
    code = re.search(r"\b[2-9A-Z]{4}-[2-9A-Z]{4}\b", page).group(0)
    assert Client().post("/packet/join/", {"code": code}).status_code == 302
    stranger.post("/packet/")
    for method, url, data in [
        ("get", "/packet/share/", {}),
        ("post", "/packet/share/", {"action": "remove", "device": Device.objects.get().pk}),
        ("post", "/packet/share/", {"action": "remove_all"}),
        ("post", "/packet/share/", {"rights": "edit"}),
    ]:
        response = getattr(stranger, method)(url, data)
        assert SECRET.encode() not in response.content
    assert Device.objects.get().packet == patients_packet
