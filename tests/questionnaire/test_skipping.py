"""#24 item 10: the start page says the last two steps can be skipped; they can."""

import re

import pytest
from django.test import Client

from questionnaire import decision
from questionnaire.models import Answer
from questionnaire.situations import KEYS

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_the_result(patient: Client) -> Client:
    patient.post("/questionnaire/")
    patient.post("/questionnaire/urgency/", {"answer": "no"})
    for key in KEYS:
        patient.post(f"/questionnaire/{key}/", {"answer": "no"})
    return patient


def test_the_start_page_says_the_last_two_steps_can_be_skipped(patient: Client) -> None:
    assert "skip the last two steps" in patient.get("/questionnaire/").content.decode()


def test_values_and_sure_each_offer_a_skip_that_needs_no_answer(at_the_result: Client) -> None:
    values = at_the_result.get("/questionnaire/values/").content.decode()
    skip = re.search(r'<a href="([^"]+)">Skip this step</a>', values)
    assert skip and skip.group(1) == "/questionnaire/sure/"
    sure = at_the_result.get(skip.group(1))
    assert sure.status_code == 200
    link = re.search(
        r'<a href="([^"]+)">Skip this step and go to your packet</a>', sure.content.decode()
    )
    assert link and link.group(1) == "/packet/"
    packet = at_the_result.get(link.group(1))
    assert packet.status_code == 200
    assert "Your packet" in packet.content.decode()
    # Nothing was answered for them.
    assert not Answer.objects.filter(key__in=decision.SURE_KEYS).exists()


def test_the_spanish_steps_offer_the_skip_in_spanish(at_the_result: Client) -> None:
    sure = at_the_result.get("/es/questionnaire/sure/").content.decode()
    assert "Saltar este paso e ir a su paquete" in sure
    values = at_the_result.get("/es/questionnaire/values/").content.decode()
    assert ">Saltar este paso</a>" in values
