"""Queries compiled once (core/prepared.py) give what the ORM gives, for
each packet only its own rows, and refuse a query that lost its filter."""

from datetime import date

import pytest

from checklists.models import ChecklistEntry, RecordRequest
from core.prepared import prepared
from packets.models import Device, Packet
from questionnaire.answers import _own_packet_answers, _shared_packet_answers, answers_of
from tests.factories import full_packet


@prepared
def requests_of(packet_id):
    return RecordRequest.objects.filter(packet_id=packet_id).order_by("kind")


@prepared
def request_dates(packet_id):
    return (
        RecordRequest.objects.filter(packet_id=packet_id)
        .order_by("kind")
        .values_list("kind", "sent_on", "more_time")
    )


@pytest.mark.django_db
def test_rows_and_values_come_back_as_the_orm_gives_them() -> None:
    ana, ben = Packet.objects.create(), Packet.objects.create()
    RecordRequest.objects.create(
        packet=ana, kind="pathology", sent_on=date(2026, 11, 30), more_time=True
    )
    RecordRequest.objects.create(packet=ana, kind="imaging")
    RecordRequest.objects.create(packet=ben, kind="pathology", sent_on=date(2026, 1, 2))

    for packet in (ana, ben):
        expected = list(RecordRequest.objects.filter(packet=packet).order_by("kind"))
        got = requests_of(packet.pk)
        assert [(r.pk, r.kind, r.sent_on, r.more_time) for r in got] == [
            (r.pk, r.kind, r.sent_on, r.more_time) for r in expected
        ]
        # Dates and booleans converted as the ORM converts them (SQLite keeps
        # them as text and 0/1), not as the database returns them.
        assert request_dates(packet.pk) == list(
            RecordRequest.objects.filter(packet=packet)
            .order_by("kind")
            .values_list("kind", "sent_on", "more_time")
        )
    assert request_dates(ana.pk)[1] == ("pathology", date(2026, 11, 30), True)
    assert requests_of(Packet.objects.create().pk) == []


@pytest.mark.django_db
def test_a_browser_attached_with_a_code_reads_its_packet_only_through_its_device() -> None:
    ana = full_packet()
    phone = Device.objects.create(packet=ana, can_edit=False, label="phone")
    other = full_packet()

    rows = _shared_packet_answers(ana.pk, phone.pk)
    assert {key: value for _edit, key, value in rows} == answers_of(ana)
    assert {edit for edit, _key, _value in rows} == {False}
    assert {edit for edit, _key, _value in _own_packet_answers(ana.pk)} == {True}
    # The device belongs to Ana's packet: with another packet's id it reads nothing.
    assert _shared_packet_answers(other.pk, phone.pk) == []
    phone_id = phone.pk
    phone.delete()
    assert _shared_packet_answers(ana.pk, phone_id) == []


@pytest.mark.django_db
def test_a_query_that_lost_its_filter_is_refused() -> None:
    @prepared
    def every_entry(packet_id):
        return ChecklistEntry.objects.all()

    with pytest.raises(RuntimeError, match="lost one of its values"):
        every_entry(1)


@pytest.mark.django_db
def test_only_rows_or_value_lists_are_prepared() -> None:
    @prepared
    def as_dicts(packet_id):
        return ChecklistEntry.objects.filter(packet_id=packet_id).values("note")

    with pytest.raises(TypeError):
        as_dicts(1)


@pytest.mark.django_db
def test_a_union_with_a_part_that_lost_its_filter_is_refused() -> None:
    """saved()'s UNION names how many parts each filter must be in: one part
    without it would read every packet's rows, yet still hold the value."""

    def union(packet_id):
        filtered = ChecklistEntry.objects.filter(packet_id=packet_id).values_list("note")
        every = ChecklistEntry.objects.values_list("note")
        return filtered.union(every, all=True)

    with pytest.raises(RuntimeError, match="lost one of its values"):
        prepared(union, uses=2)(1)
    # The same union passes a check for one use: what the count is for.
    assert prepared(union)(1) == []


@pytest.mark.django_db
def test_only_ids_are_bound() -> None:
    with pytest.raises((TypeError, ValueError)):
        requests_of(Packet.objects.create())
    assert requests_of("1") == []  # an id as text is made an int
