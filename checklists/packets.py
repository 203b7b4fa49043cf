"""Which packet belongs to this browser, and the writes that keep rows apart.

The session stores the packet id and nothing else. No URL ever names a
packet, so another browser can never reach one.
"""

import functools
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from checklists import limits
from checklists.models import Answer, Packet, ValueRating

SESSION_KEY = "packet_id"


def current_packet(request: HttpRequest) -> Packet | None:
    """This browser's packet, or None when it has none (or it was deleted)."""
    packet_id = request.session.get(SESSION_KEY)
    if packet_id is None:
        return None
    packet = Packet.objects.filter(pk=packet_id).first()
    if packet is not None and request.method == "POST":
        # Every change restarts the session's clock, so a packet in use lasts
        # PACKET_MAX_IDLE_DAYS from the last change, as the pages promise.
        request.session.modified = True
    return packet


def with_packet(missing: str) -> Callable:
    """View decorator: call the view with this browser's packet as its second
    argument, or redirect to the URL named ``missing`` when it has none."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            packet = current_packet(request)
            if packet is None:
                return redirect(missing)
            return view(request, packet, *args, **kwargs)

        return wrapper

    return decorate


def start_packet(request: HttpRequest) -> Packet:
    """This browser's packet, created (with a fresh session key) if it has none."""
    packet = current_packet(request)
    if packet is not None:
        return packet
    limits.check_packet_creation(request)  # TooManyPackets: a 429 page (middleware)
    packet = Packet.objects.create()
    request.session.cycle_key()
    request.session[SESSION_KEY] = packet.pk
    return packet


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
    packet_id = request.session.get(SESSION_KEY)
    if packet_id is None:
        return None, {}
    rows = list(Packet.objects.filter(pk=packet_id).values_list("answers__key", "answers__value"))
    if not rows:
        return None, {}
    if request.method == "POST":
        request.session.modified = True  # as in current_packet: the clock restarts
    return Packet(pk=packet_id), {key: value for key, value in rows if key is not None}
