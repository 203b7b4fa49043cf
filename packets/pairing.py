"""Pairing codes: attach another browser to a packet, without an account.

A code is 8 characters from an alphabet of 30 with no look-alikes (no 0, O,
1, I, L or U), shown as XXXX-XXXX: 30**8, about 6.6 * 10**11 codes. It works
once, for CODE_MINUTES at most. Only an HMAC-SHA256 of it (keyed with
SECRET_KEY) is stored; the code is shown once, in the answer to the POST that
made it, and is never put in a URL, a log, the session or the cache.

Wrong codes are counted in the shared cache per client address and per
entered code (by its HMAC); past either limit, every try (right or wrong) is
refused until the window ends.
"""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from core import ratelimit
from core.clientip import limit_key
from packets.models import Device, Packet, PairingCode

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8
CODE_MINUTES = 15
LIVE_CODES_MAX = 5  # unused, unexpired codes one packet may hold at once
DEVICES_MAX = 10  # browsers attached to one packet


class TooManyCodes(Exception):
    """The packet already has as many live codes (or browsers) as it may."""


class PacketFull(Exception):
    """The packet is already open on DEVICES_MAX browsers: a right code cannot add one more."""


class TooManyTries(Exception):
    """Too many wrong codes from this address, or for this code, lately."""

    def __init__(self, retry_after: int) -> None:
        super().__init__("too many wrong pairing codes")
        self.retry_after = retry_after


@dataclass(frozen=True)
class Joined:
    packet_id: int
    device_id: int
    can_edit: bool


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def normalize(text: str) -> str | None:
    """The code as typed, without spaces or dashes, in capitals; None if it cannot be one."""
    cleaned = re.sub(r"[\s\-]", "", text or "").upper()
    if len(cleaned) != LENGTH or any(char not in ALPHABET for char in cleaned):
        return None
    return cleaned


def code_hash(code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"pairing-code:" + code.encode(), hashlib.sha256).hexdigest()


def create(packet: Packet, can_edit: bool, label: str = "") -> str:
    """A fresh code for ``packet``; the only time the code exists in clear."""
    for _attempt in range(5):
        code = new_code()
        try:
            with transaction.atomic():
                # The packet's row is the lock: two requests at the same
                # moment take turns, so the second counts the first's code.
                Packet.objects.select_for_update().filter(pk=packet.pk).exists()
                now = timezone.now()
                live = PairingCode.objects.filter(
                    packet=packet, used_at__isnull=True, expires_at__gt=now
                )
                if live.count() >= LIVE_CODES_MAX or packet.devices.count() >= DEVICES_MAX:
                    raise TooManyCodes
                PairingCode.objects.create(
                    packet=packet,
                    code_hash=code_hash(code),
                    can_edit=can_edit,
                    label=label,
                    created_at=now,
                    expires_at=now + timedelta(minutes=CODE_MINUTES),
                )
        except IntegrityError:  # the same code is live elsewhere: draw again
            continue
        return code
    raise TooManyCodes


def _limits(request: HttpRequest, hashed: str) -> list[tuple[str, int]]:
    """Each counter a guess is counted under, with its limit: this address,
    this code, and every guess on the site together."""
    return [
        (f"pair:address:{limit_key(request)}", settings.PAIRING_ADDRESS_FAILURES),
        (f"pair:code:{hashed}", settings.PAIRING_CODE_FAILURES),
        ("pair:site", settings.PAIRING_SITE_FAILURES),
    ]


def redeem(request: HttpRequest, typed: str) -> Joined | None:
    """Use the code once: a new Device row for this browser, or None when the
    code is wrong, used or expired. Raises TooManyTries past a limit.

    Every try is counted before the code is looked at, in one statement per
    counter (core/ratelimit.py), so a burst of guesses at the same moment
    cannot all pass; a right code gives its count back."""
    code = normalize(typed)
    hashed = code_hash(code if code is not None else (typed or "")[:64])
    window = settings.PAIRING_WINDOW
    limits = _limits(request, hashed)
    for counted, (key, limit) in enumerate(limits):
        if ratelimit.count(key, window) > limit:
            # Counted no further: an address already refused cannot use up
            # the code's or the whole site's allowance for everyone else.
            for earlier, _limit in limits[:counted]:
                ratelimit.uncount(earlier)
            raise TooManyTries(window)
    try:
        joined = None if code is None else _use(hashed)
    except PacketFull:
        joined = None
        full = True
    else:
        full = False
    if joined is not None or full:
        # A right code is no guess, even for a packet that is full.
        for key, _limit in limits:
            ratelimit.uncount(key)
    if full:
        raise PacketFull
    return joined


def _use(hashed: str) -> Joined | None:
    now = timezone.now()
    with transaction.atomic():
        row = (
            PairingCode.objects.select_for_update()
            .filter(code_hash=hashed, used_at__isnull=True, expires_at__gt=now)
            .first()
        )
        if row is None:
            return None
        # Counted when a code is used, not only when it is made: five codes
        # made at nine browsers must not make fourteen. The packet's row is
        # the lock, so two codes used at once take turns.
        Packet.objects.select_for_update().filter(pk=row.packet_id).exists()
        if Device.objects.filter(packet_id=row.packet_id).count() >= DEVICES_MAX:
            raise PacketFull
        # Only one browser can win the code: the update names the unused row.
        if not PairingCode.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=now):
            return None
        device = Device.objects.create(
            packet_id=row.packet_id, can_edit=row.can_edit, label=row.label, added_at=now
        )
    return Joined(packet_id=row.packet_id, device_id=device.pk, can_edit=row.can_edit)


def purge_expired() -> int:
    """Remove codes past their time (used or not); the number removed."""
    deleted, _ = PairingCode.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted
