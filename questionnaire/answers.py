"""The patient's answers and ratings: read them, save them (one upsert each)."""

from django.http import HttpRequest

from core.prepared import prepared
from packets import access
from packets.models import Packet
from questionnaire.models import Answer, ValueRating


@prepared
def _answers(packet_id):
    return Answer.objects.filter(packet_id=packet_id).values_list("key", "value")


@prepared
def _ratings(packet_id):
    return ValueRating.objects.filter(packet_id=packet_id).values_list("key", "rating")


def answers_of(packet: Packet) -> dict[str, str]:
    return dict(_answers(packet.pk))


def ratings_of(packet: Packet) -> dict[str, int]:
    """The values the patient rated, each 1 to 3."""
    return dict(_ratings(packet.pk))


def save_answer(packet: Packet, key: str, value: str) -> None:
    save_answers(packet, {key: value})


def save_answers(packet: Packet, answers: dict[str, str]) -> None:
    """Insert or replace answers in a single statement (no lost updates)."""
    Answer.objects.save_answers(packet, answers)


def save_ratings(packet: Packet, ratings: dict[str, int]) -> None:
    """Insert or replace the given value ratings, one row each."""
    ValueRating.objects.save_ratings(packet, ratings)


def packet_and_answers(request: HttpRequest) -> tuple[Packet | None, dict[str, str]]:
    """This browser's packet and its answers, in one query (the questionnaire's pages).

    Only the packet's id is loaded: these pages write rows that hang off it and
    never show its other fields.
    """
    packet_id = request.session.get(access.SESSION_KEY)
    if packet_id is None:
        return None, {}
    device_id = request.session.get(access.DEVICE_KEY)
    if device_id is None:
        rows = _own_packet_answers(packet_id)
    else:
        rows = _shared_packet_answers(packet_id, device_id)
    if not rows:
        return None, {}
    can_edit = rows[0][0]
    access.admit(request, can_edit)
    packet = Packet(pk=request.session[access.SESSION_KEY])
    packet.can_edit = can_edit
    return packet, {key: value for _edit, key, value in rows if key is not None}


def _with_answers(packets):
    return packets.values_list("can_edit", "answers__key", "answers__value")


@prepared
def _own_packet_answers(packet_id):
    return _with_answers(access.packet_query(packet_id))


@prepared
def _shared_packet_answers(packet_id, device_id):
    return _with_answers(access.packet_query(packet_id, device_id))
