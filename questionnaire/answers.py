"""The patient's answers and ratings: read them, save them (one upsert each)."""

from django.http import HttpRequest

from packets import access
from packets.models import Packet
from questionnaire.models import Answer, ValueRating


def answers_of(packet: Packet) -> dict[str, str]:
    return dict(packet.answers.values_list("key", "value"))


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
    packets = access.packets_of(request)
    if packets is None:
        return None, {}
    rows = list(packets.values_list("can_edit", "answers__key", "answers__value"))
    if not rows:
        return None, {}
    can_edit = rows[0][0]
    access.admit(request, can_edit)
    packet = Packet(pk=request.session[access.SESSION_KEY])
    packet.can_edit = can_edit
    return packet, {key: value for _edit, key, value in rows if key is not None}
