"""Pairing codes, as `make mutants` found them untested (#22): each test here
failed against a changed copy of packets/pairing.py that every other test
let through.

- A packet's five live codes are its own, and only live, unused codes count.
- A packet with ten browsers gets no more codes.
- Using a code uses that code only, and a right code gives its tries back.
- Different wrong codes each have their own count; the refusal says how long.
- The browser's label is kept; a code drawn twice is drawn again, a few times.
- The stored hash keeps its documented form, so codes live across a deploy work.
"""

import hashlib
import hmac
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import timezone

from packets import pairing
from packets.models import Device, Packet, PairingCode
from tests.packets.test_pairing_and_sharing import CODE_RE, make_code


def an_owner() -> Client:
    client = Client()
    client.post("/packet/")
    return client


@pytest.fixture
def owner(db) -> Client:
    return an_owner()


def join(code: str, address: str = "127.0.0.1") -> int:
    """A new browser at ``address`` enters ``code``: 302 joined, 303 wrong, 429 refused."""
    return Client(REMOTE_ADDR=address).post("/packet/join/", {"code": code}).status_code


def test_another_packets_live_codes_do_not_count_against_this_one(owner: Client) -> None:
    for _ in range(pairing.LIVE_CODES_MAX):
        make_code(owner)
    assert make_code(an_owner())


def test_used_codes_are_not_live_and_ten_browsers_are_the_most(owner: Client) -> None:
    for _ in range(pairing.DEVICES_MAX):
        assert join(make_code(owner)) == 302
    assert Device.objects.count() == pairing.DEVICES_MAX
    refused = owner.post("/packet/share/", {"rights": "edit"})
    assert refused.status_code == 429
    assert CODE_RE.search(refused.content.decode()) is None


def test_expired_codes_are_not_live(owner: Client, monkeypatch) -> None:
    for _ in range(pairing.LIVE_CODES_MAX):
        make_code(owner)
    later = timezone.now() + timedelta(minutes=pairing.CODE_MINUTES, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert make_code(owner)


def test_using_one_code_leaves_the_other_codes_working(owner: Client) -> None:
    first, second = make_code(owner), make_code(owner)
    elsewhere = make_code(an_owner())
    assert join(first) == 302
    assert join(second) == 302
    assert join(elsewhere) == 302


def test_the_label_typed_is_the_label_the_owner_sees(owner: Client) -> None:
    assert join(make_code(owner, "view", label="Rosalind tablet")) == 302
    assert Device.objects.get().label == "Rosalind tablet"
    assert "Rosalind tablet" in owner.get("/packet/share/").content.decode()


def request_from(address: str = "127.0.0.1"):
    return RequestFactory().post("/packet/join/", REMOTE_ADDR=address)


@pytest.mark.parametrize("can_edit", [True, False])
def test_redeeming_says_which_packet_browser_and_rights(db, can_edit: bool) -> None:
    packet = Packet.objects.create()
    joined = pairing.redeem(request_from(), pairing.create(packet, can_edit=can_edit))
    device = Device.objects.get()
    assert joined == pairing.Joined(packet_id=packet.pk, device_id=device.pk, can_edit=can_edit)
    assert device.can_edit is can_edit


def test_a_code_made_without_a_label_attaches_a_browser_without_one(db) -> None:
    packet = Packet.objects.create()
    pairing.redeem(request_from(), pairing.create(packet, can_edit=True))
    assert Device.objects.get().label == ""


def test_a_code_already_in_use_is_drawn_again(owner: Client, monkeypatch) -> None:
    taken = make_code(owner).replace("-", "")
    draws = iter([taken, "ABCD2345"])
    monkeypatch.setattr(pairing, "new_code", lambda: next(draws))
    assert make_code(owner) == "ABCD-2345"
    assert PairingCode.objects.count() == 2


def test_drawing_gives_up_after_five_tries(owner: Client, monkeypatch) -> None:
    taken = make_code(owner).replace("-", "")
    draws = iter([taken] * 5 + ["ABCD2345"])
    monkeypatch.setattr(pairing, "new_code", lambda: next(draws))
    assert owner.post("/packet/share/", {"rights": "edit"}).status_code == 429
    assert PairingCode.objects.count() == 1


def test_the_stored_hash_keeps_its_documented_form(owner: Client) -> None:
    """HMAC-SHA256 of "pairing-code:" and the code, keyed with SECRET_KEY: a
    release that changed it would break every code live during the deploy."""
    code = make_code(owner).replace("-", "")
    expected = hmac.new(
        settings.SECRET_KEY.encode(), b"pairing-code:" + code.encode(), hashlib.sha256
    ).hexdigest()
    assert PairingCode.objects.get().code_hash == expected


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("abcd-2345", "ABCD2345"),
        (" AB CD 23 45 ", "ABCD2345"),
        ("ABCD", None),  # too short, every character allowed
        ("ABCD-2345-ZZ", None),  # too long
        ("ABCD-234O", None),  # the right length, a letter O
        ("", None),
    ],
)
def test_what_counts_as_a_code(typed: str, code: str | None) -> None:
    assert pairing.normalize(typed) == code


@pytest.mark.parametrize(
    "wrong",
    [[f"ZZZZ-ZZZ{c}" for c in "234567"], [f"not a code {n}" for n in range(6)]],
    ids=["well-formed", "malformed"],
)
def test_each_wrong_code_has_its_own_count(db, settings, wrong: list[str]) -> None:
    """Six people mistyping six different codes do not lock each other out."""
    settings.PAIRING_ADDRESS_FAILURES = 100
    settings.PAIRING_CODE_FAILURES = 5
    for n, typed in enumerate(wrong):
        assert join(typed, f"203.0.113.{n + 1}") == 303


def test_the_refusal_says_how_long_to_wait(db, settings) -> None:
    settings.PAIRING_ADDRESS_FAILURES = 1
    settings.PAIRING_WINDOW = 600
    client = Client(REMOTE_ADDR="203.0.113.9")
    assert client.post("/packet/join/", {"code": "ZZZZ-ZZZZ"}).status_code == 303
    refused = client.post("/packet/join/", {"code": "ZZZZ-ZZZY"})
    assert refused.status_code == 429
    assert refused["Retry-After"] == "600"


def test_a_right_code_gives_its_try_back(owner: Client, settings) -> None:
    settings.PAIRING_ADDRESS_FAILURES = 3
    address = "203.0.113.20"
    assert join("ZZZZ-ZZZZ", address) == 303
    assert join("ZZZZ-ZZZY", address) == 303
    assert join(make_code(owner), address) == 302
    assert join("ZZZZ-ZZZX", address) == 303  # the right code's try came back
    assert join("ZZZZ-ZZZW", address) == 429


def test_a_right_code_gives_back_its_own_tries_only(owner: Client, settings) -> None:
    settings.PAIRING_ADDRESS_FAILURES = 3
    guesser = "203.0.113.30"
    for typed in ("ZZZZ-ZZZZ", "ZZZZ-ZZZY", "ZZZZ-ZZZX"):
        assert join(typed, guesser) == 303
    assert join(make_code(owner), "203.0.113.31") == 302
    assert join("ZZZZ-ZZZW", guesser) == 429
