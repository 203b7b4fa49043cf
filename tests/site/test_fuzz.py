"""Fuzzing every form and view that takes input: never a 5xx, nothing out of bounds.

At least 200 examples per endpoint. Each example starts from a fresh browser
with a fresh packet and removes it afterwards, inside the test's transaction.
"""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checklists import records
from checklists.models import (
    NOTE_MAX,
    QUESTION_MAX,
    QUESTIONS_MAX,
    ChecklistEntry,
    InsuranceCall,
    PacketQuestion,
)
from packets.models import CONTACT_MAX, LABEL_MAX, NAME_MAX, TEXT_MAX, Device, Packet, PairingCode
from questionnaire import decision, situations
from questionnaire.models import Answer, ValueRating

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
OK = {200, 302, 303, 404, 405}


def shown_again(client: Client, response) -> None:
    """A refused form answers 303 to the same page holding what was sent
    (core/held.py): that page must draw, whatever was sent."""
    if response.status_code == 303:
        again = client.get(response["Location"])
        assert again.status_code == 200, (response["Location"], again.status_code)


# Anything a browser (or an attacker) could send in a form field.
junk = st.one_of(
    st.text(max_size=40),
    st.text(min_size=290, max_size=700),
    st.sampled_from(
        [
            "",
            " ",
            "yes",
            "no",
            "unsure",
            "have",
            "na",
            "need",
            "asked",
            "0",
            "3",
            "-1",
            "99",
            "2027-02-30",
            "2027-03-14",
            "\x00",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "%00",
            "../../etc/passwd",
            "a4",
            "letter",
            "up",
            "down",
        ]
    ),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
)


def form(*fields: str):
    return st.fixed_dictionaries({}, optional=dict.fromkeys(fields, junk))


def assert_bounds() -> None:
    for packet in Packet.objects.all():
        assert len(packet.name) <= NAME_MAX
        for name in ("cancer_type", "first_doctor", "center"):
            assert len(getattr(packet, name)) <= TEXT_MAX
        assert len(packet.doctor_contact) <= CONTACT_MAX
        assert packet.paper_size in ("letter", "a4")
    for answer in Answer.objects.all():
        assert answer.value in situations.ANSWER_VALUES
        assert answer.key in {decision.URGENCY_KEY, *situations.KEYS, *decision.SURE_KEYS}
    for entry in ChecklistEntry.objects.all():
        assert entry.item_key in records.ITEMS_BY_KEY
        assert entry.status in ("need", "asked", "have", "na")
        assert len(entry.note) <= NOTE_MAX
    assert PacketQuestion.objects.count() <= QUESTIONS_MAX
    for question in PacketQuestion.objects.all():
        assert 0 < len(question.text) <= QUESTION_MAX
    for rating in ValueRating.objects.all():
        assert rating.key in decision.VALUES_BY_KEY and 0 <= rating.rating <= 3
    for call in InsuranceCall.objects.all():
        assert len(call.notes) <= NOTE_MAX and len(call.reference) <= 60


def post(path: str, data: dict, htmx: bool = False) -> None:
    """A fresh patient with a packet posts the data; then their packet is removed."""
    client = Client()
    client.post("/packet/")
    client.post("/questionnaire/")
    headers = {"HX-Request": "true"} if htmx else {}
    try:
        response = client.post(path, data, headers=headers)
        assert response.status_code in OK, (path, data, response.status_code)
        shown_again(client, response)
        assert_bounds()
    finally:
        Packet.objects.all().delete()


@pytest.mark.django_db
@FUZZ
@given(
    key=st.sampled_from([decision.URGENCY_KEY, *situations.KEYS]),
    data=form("answer", "change"),
    htmx=st.booleans(),
)
def test_questionnaire_answers(key: str, data: dict, htmx: bool) -> None:
    path = "/questionnaire/urgency/" if key == decision.URGENCY_KEY else f"/questionnaire/{key}/"
    post(path, data, htmx)


@pytest.mark.django_db
@FUZZ
@given(
    key=st.one_of(
        st.sampled_from(list(records.ITEMS_BY_KEY)),
        st.from_regex(r"[a-z-]{1,30}", fullmatch=True),
    ),
    data=form("status", "note"),
    htmx=st.booleans(),
)
def test_checklist_items(key: str, data: dict, htmx: bool) -> None:
    post(f"/packet/items/{key}/", data, htmx)


@pytest.mark.django_db
@FUZZ
@given(
    data=form(
        "name",
        "cancer_type",
        "first_doctor",
        "doctor_contact",
        "center",
        "appointment_date",
        "paper_size",
    )
)
def test_details(data: dict) -> None:
    post("/packet/details/", data)


@pytest.mark.django_db
@FUZZ
@given(data=form("action", "text", "suggestion", "question"))
def test_questions(data: dict) -> None:
    post("/packet/questions/", data)


@pytest.mark.django_db
@FUZZ
@given(data=form(*decision.VALUES_BY_KEY), htmx=st.booleans())
def test_values(data: dict, htmx: bool) -> None:
    post("/questionnaire/values/", data, htmx)


@pytest.mark.django_db
@FUZZ
@given(data=form(*decision.SURE_KEYS), htmx=st.booleans())
def test_sure(data: dict, htmx: bool) -> None:
    post("/questionnaire/sure/", data, htmx)


@pytest.mark.django_db
@FUZZ
@given(
    data=form(
        "call_date",
        "spoke_to",
        "reference",
        "covered",
        "referral_needed",
        "in_network",
        "notes",
    )
)
def test_insurance_call(data: dict) -> None:
    post("/packet/insurance/", data)


@pytest.mark.django_db
@FUZZ
@given(data=form("action", "rights", "label", "device"))
def test_sharing(data: dict) -> None:
    """Making codes and removing browsers: a code or the page again, never a 500."""
    client = Client()
    client.post("/packet/")
    try:
        response = client.post("/packet/share/", data)
        assert response.status_code in {*OK, 429}, (data, response.status_code)
        shown_again(client, response)
        for code in PairingCode.objects.all():
            assert len(code.label) <= LABEL_MAX and len(code.code_hash) == 64
        for device in Device.objects.all():
            assert len(device.label) <= LABEL_MAX
    finally:
        Packet.objects.all().delete()


@pytest.mark.django_db
@FUZZ
@given(data=form("code", "action"))
def test_joining(data: dict) -> None:
    """Junk codes: a clear refusal (or the limit), never a packet, never a 500."""
    from django.core.cache import cache

    cache.clear()
    client = Client()
    response = client.post("/packet/join/", data)
    assert response.status_code in {*OK, 429}, (data, response.status_code)
    shown_again(client, response)
    assert Device.objects.count() == 0
    assert client.get("/packet/check/").status_code == 302


@pytest.mark.django_db
@FUZZ
@given(query=junk)
def test_search(query: str) -> None:
    response = Client().get("/search/", {"q": query})
    assert response.status_code == 200


@pytest.mark.django_db
@FUZZ
@given(paper=junk)
def test_pdf_paper_choice(paper: str) -> None:
    response = Client().get("/checklist.pdf", {"paper": paper})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


# Issue 12: what a client controls in the new guards.

address_part = st.one_of(
    st.ip_addresses().map(str),
    st.text(max_size=20),
    st.sampled_from(["", " ", "[::1]:80", "10.0.0.1:8080", "unknown", "::ffff:10.0.0.1"]),
)


@FUZZ
@given(
    parts=st.lists(address_part, max_size=6),
    trusted=st.integers(min_value=0, max_value=3),
)
def test_client_address_never_comes_from_the_clients_part_of_the_header(
    parts: list[str], trusted: int
) -> None:
    """Whatever X-Forwarded-For holds, the address is REMOTE_ADDR or the one the
    first trusted proxy wrote, never anything to its left."""
    from django.test import RequestFactory, override_settings

    from core import clientip

    header = ",".join(parts)
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.250", HTTP_X_FORWARDED_FOR=header)
    with override_settings(TRUSTED_PROXY_COUNT=trusted):
        address = clientip.client_address(request)
        key = clientip.limit_key(request)
    assert key
    entries = [p for p in header.split(",") if p.strip()]
    allowed = {"192.0.2.250"}
    if trusted and len(entries) >= trusted:
        allowed.add(str(clientip._parse(entries[-trusted])))
    assert str(address) in allowed


@FUZZ
@given(
    value=st.text(st.characters(min_codepoint=0x3000, max_codepoint=0x9FFF), min_size=1),
    template=st.sampled_from(['char "%s" (U+%04X)', "%r failed", "%-10s at %d:%d", "%s %%"]),
)
def test_renderer_log_wording_never_carries_an_argument(value: str, template: str) -> None:
    import logging

    from core import logredact

    args = tuple(value if kind in "sr" else ord(value[0]) for kind in ("s", "X", "d", "d"))
    count = template.count("%") - 2 * template.count("%%")
    record = logging.LogRecord(
        "weasyprint", logging.WARNING, __file__, 1, template, args[:count], None
    )
    message = logredact.redacted_message(record)
    assert value not in message
    assert f"{ord(value[0]):04X}" not in message
    assert "[withheld]" in message


@pytest.mark.django_db
@FUZZ
@given(name=st.text(max_size=30), body=st.binary(max_size=2000))
def test_a_file_part_never_reaches_a_view(name: str, body: bytes) -> None:
    """Any file part, whatever its name and bytes: a 400, never a 5xx. (A part
    whose name is empty once cleaned, such as "/", is no file to Django: the
    form goes through without it.)"""
    import io

    upload = io.BytesIO(body)
    upload.name = name or "x"
    client = Client(REMOTE_ADDR="198.18.0.1")
    client.raise_request_exception = False
    response = client.post("/packet/", {"file": upload})
    assert response.status_code in (400, 302)
    if response.status_code == 400:
        assert not Packet.objects.exists()
