"""Twenty browser tabs on one packet, each changing a different thing at once."""

import threading

import pytest
from django.db import connection
from django.test import Client

from checklists.models import ChecklistEntry, InsuranceCall
from checklists.records import ITEMS
from packets.models import Packet
from questionnaire.models import Answer
from questionnaire.situations import KEYS


@pytest.mark.django_db(transaction=True)
def test_twenty_threads_changing_different_items_lose_nothing() -> None:
    owner = Client()
    owner.post("/packet/")
    owner.post("/questionnaire/")
    owner.post("/questionnaire/urgency/", {"answer": "no"})
    for key in KEYS:
        owner.post(f"/questionnaire/{key}/", {"answer": "no"})
    cookie = owner.cookies["sessionid"].value
    # 16 checklist items and 4 answers changed at the same moment: 20 writers.
    jobs = [("item", item.key) for item in ITEMS] + [("answer", key) for key in KEYS[:4]]
    assert len(jobs) == 20
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def work(kind: str, key: str) -> None:
        try:
            client = Client()
            client.cookies["sessionid"] = cookie
            barrier.wait(timeout=30)
            if kind == "item":
                response = client.post(
                    f"/packet/items/{key}/", {"status": "have", "note": f"n-{key}"}
                )
            else:
                response = client.post(f"/questionnaire/{key}/", {"answer": "yes", "change": "1"})
            assert response.status_code == 302, response.status_code
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    packet = Packet.objects.get()
    notes = dict(ChecklistEntry.objects.filter(packet=packet).values_list("item_key", "note"))
    assert notes == {key: f"n-{key}" for kind, key in jobs if kind == "item"}
    answers = dict(Answer.objects.filter(packet=packet).values_list("key", "value"))
    expected = {key: ("yes" if key in KEYS[:4] else "no") for key in KEYS}
    assert answers == {**expected, "urgency": "no"}


@pytest.mark.django_db(transaction=True)
def test_twenty_first_saves_of_the_insurance_call_at_once_lose_nothing() -> None:
    # Finding 5: the call log was read, then inserted; concurrent first saves
    # raised IntegrityError and the notes were lost. Now one upsert.
    owner = Client()
    owner.post("/packet/")
    cookie = owner.cookies["sessionid"].value
    barrier = threading.Barrier(20)
    errors: list[BaseException] = []
    statuses: list[int] = []

    def work(n: int) -> None:
        try:
            client = Client()
            client.cookies["sessionid"] = cookie
            barrier.wait(timeout=30)
            response = client.post(
                "/packet/insurance/",
                {"spoke_to": f"agent {n}", "reference": f"REF-{n}", "notes": f"notes {n}"},
            )
            statuses.append(response.status_code)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert statuses == [302] * 20
    call = InsuranceCall.objects.get()  # exactly one row, and a whole one
    n = call.spoke_to.removeprefix("agent ")
    assert (call.reference, call.notes) == (f"REF-{n}", f"notes {n}")


@pytest.mark.django_db(transaction=True)
def test_twenty_first_saves_through_the_model_at_once_keep_one_whole_row() -> None:
    packet = Packet.objects.create()
    barrier = threading.Barrier(20)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            InsuranceCall.objects.save_call(packet, {"notes": f"notes {n}", "reference": f"R{n}"})
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    call = InsuranceCall.objects.get(packet=packet)
    assert call.notes == f"notes {call.reference.removeprefix('R')}"
