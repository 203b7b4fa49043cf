"""What a patient types stays out of logs, URLs and error reports, and is truly deleted."""

import logging
from datetime import timedelta

from django.core.management import call_command
from django.test import Client, RequestFactory
from django.utils import timezone
from django.views.debug import ExceptionReporter

from checklists.models import ChecklistEntry, InsuranceCall, PacketQuestion
from packets.models import Packet
from questionnaire.models import Answer, ValueRating

SECRET = "Zorblax-secret-4471"
ROW_MODELS = [Answer, ChecklistEntry, PacketQuestion, ValueRating, InsuranceCall]


def fill(client: Client) -> Packet:
    client.post("/packet/")
    client.post("/packet/details/", {"name": SECRET, "cancer_type": SECRET, "paper_size": "letter"})
    client.post("/packet/items/medicines/", {"status": "have", "note": SECRET})
    client.post("/packet/questions/", {"action": "add", "text": SECRET})
    client.post("/packet/insurance/", {"spoke_to": SECRET, "notes": SECRET})
    client.post("/questionnaire/")
    client.post("/questionnaire/urgency/", {"answer": "yes"})
    client.post("/questionnaire/values/", {"start-soon": "2"})
    client.post("/packet/details/", {"name": SECRET * 10, "paper_size": "letter"})  # refused
    client.get("/packet/packet.pdf")
    return Packet.objects.get()


def test_patient_text_never_reaches_the_logs(patient: Client, caplog) -> None:
    for name in (None, "django", "django.request", "weasyprint", "checklists"):
        caplog.set_level(logging.DEBUG, logger=name)
    fill(patient)
    patient.post("/packet/items/no-such-item/", {"note": SECRET})  # logged as Not Found
    assert caplog.records, "the flow logs something (a refused form, the PDF), so this can fail"
    assert not [record for record in caplog.records if SECRET in record.getMessage()]


def test_patient_text_never_appears_in_a_url(patient: Client) -> None:
    fill(patient)
    for url in ["/packet/", "/packet/questions/", "/packet/letter/", "/questionnaire/"]:
        html = patient.get(url).content.decode()
        hrefs = [part for part in html.split('"') if part.startswith(("/", "http"))]
        assert not [href for href in hrefs if SECRET in href]


def test_error_reports_hide_everything_posted() -> None:
    request = RequestFactory().post("/packet/details/", {"name": SECRET, "note": SECRET})
    try:
        raise RuntimeError("report me")
    except RuntimeError as error:
        reporter = ExceptionReporter(request, type(error), error, error.__traceback__)
        assert SECRET not in reporter.get_traceback_text()
        assert SECRET not in reporter.get_traceback_html()


def test_error_reports_hide_a_search_from_the_query_and_the_referer() -> None:
    request = RequestFactory().get(
        f"/guides/?q={SECRET}", HTTP_REFERER=f"https://testserver/search/?q={SECRET}"
    )
    try:
        raise RuntimeError("report me")
    except RuntimeError as error:
        reporter = ExceptionReporter(request, type(error), error, error.__traceback__)
        meta = reporter.get_traceback_text().split("META:")[-1]
        assert "QUERY_STRING" in meta and "HTTP_REFERER" in meta
        assert SECRET not in meta


def test_a_search_page_sends_its_words_nowhere(client: Client, guides_loaded) -> None:
    """The words are in the search page's address; nothing loaded from it gets it."""
    response = client.get(f"/search/?q={SECRET}")
    assert response["Referrer-Policy"] == "no-referrer"
    assert 'method="post"' not in response.content.decode().lower()


def test_delete_leaves_no_row(patient: Client) -> None:
    packet = fill(patient)
    patient.post("/packet/delete/")
    assert not Packet.objects.filter(pk=packet.pk).exists()
    for model in ROW_MODELS:
        assert not model.objects.filter(packet_id=packet.pk).exists(), model.__name__


def test_purge_removes_idle_packets_and_every_row_and_keeps_fresh_ones(
    patient: Client, stranger: Client
) -> None:
    idle = fill(patient)
    stranger.post("/packet/")
    fresh = Packet.objects.exclude(pk=idle.pk).get()
    Packet.objects.filter(pk=idle.pk).update(updated_at=timezone.now() - timedelta(days=15))
    call_command("purge_packets", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Packet.objects.filter(pk=idle.pk).exists()
    for model in ROW_MODELS:
        assert not model.objects.filter(packet_id=idle.pk).exists(), model.__name__
    assert Packet.objects.filter(pk=fresh.pk).exists()


def test_purge_days_can_be_set(patient: Client) -> None:
    packet = fill(patient)
    Packet.objects.filter(pk=packet.pk).update(updated_at=timezone.now() - timedelta(days=3))
    call_command("purge_packets", "--days", "7", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Packet.objects.filter(pk=packet.pk).exists()
    call_command("purge_packets", "--days", "2", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Packet.objects.filter(pk=packet.pk).exists()
