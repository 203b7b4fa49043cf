"""Take the packet to another device, or share it, with a one-time code."""

import logging
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from checklists.models import ChecklistEntry, PacketQuestion
from packets import pairing
from packets.models import Device, Packet, PairingCode

CODE_RE = re.compile(r"\b([2-9A-HJKMNP-TV-Z]{4})-([2-9A-HJKMNP-TV-Z]{4})\b")

# Every route that writes, with a body it would accept from a browser that can edit.
WRITES = [
    ("/packet/", {}),
    ("/packet/items/medicines/", {"status": "have", "note": "viewer wrote"}),
    ("/packet/records/pathology/", {"pathology-report-status": "have"}),
    ("/packet/questions/", {"action": "add", "text": "viewer wrote"}),
    ("/packet/questions/", {"action": "done"}),
    ("/packet/details/", {"name": "viewer wrote"}),
    ("/packet/letter/", {"delivery": "me"}),
    ("/packet/insurance/", {"spoke_to": "viewer wrote"}),
    ("/packet/delete/", {}),
    ("/packet/share/", {"rights": "edit"}),
    ("/packet/share/", {"action": "remove_all"}),
    ("/questionnaire/", {}),
    ("/questionnaire/urgency/", {"answer": "yes"}),
    ("/questionnaire/values/", {"start-soon": "1"}),
    ("/questionnaire/restart/", {}),
]


@pytest.fixture(autouse=True)
def _clear_cache(db) -> None:
    cache.clear()


def make_code(owner: Client, rights: str = "edit", label: str = "") -> str:
    response = owner.post("/packet/share/", {"rights": rights, "label": label})
    assert response.status_code == 200
    match = CODE_RE.search(response.content.decode())
    assert match, "the code is shown on the page"
    return "-".join(match.groups())


@pytest.fixture
def owner(db) -> Client:
    client = Client()
    client.post("/packet/")
    client.post("/packet/details/", {"name": "Ana"})
    client.post("/packet/items/medicines/", {"status": "have", "note": "from the phone"})
    return client


def joined(owner: Client, rights: str = "edit") -> Client:
    other = Client()
    response = other.post("/packet/join/", {"code": make_code(owner, rights)})
    assert response.status_code == 302
    return other


def test_edit_code_opens_the_same_packet_and_both_can_change_it(owner: Client) -> None:
    laptop = joined(owner, "edit")
    assert b"Ana" in laptop.get("/packet/check/").content
    laptop.post("/packet/items/conditions/", {"status": "need", "note": "from the laptop"})
    owner.post("/packet/items/imaging-reports/", {"status": "asked", "note": "phone again"})
    notes = set(ChecklistEntry.objects.values_list("note", flat=True))
    assert notes == {"from the phone", "from the laptop", "phone again"}
    assert Packet.objects.count() == 1
    assert b"from the laptop" in owner.get("/packet/check/").content
    assert b"phone again" in laptop.get("/packet/check/").content


def test_the_code_is_typed_loosely(owner: Client) -> None:
    code = make_code(owner)
    other = Client()
    typed = " " + code.lower().replace("-", " ") + " "
    assert other.post("/packet/join/", {"code": typed}).status_code == 302


def test_a_code_works_once(owner: Client) -> None:
    code = make_code(owner)
    assert Client().post("/packet/join/", {"code": code}).status_code == 302
    second = Client()
    response = second.post("/packet/join/", {"code": code}, follow=True)
    # Refused, then shown again by a GET (core/held.py), so Back never resubmits.
    assert response.redirect_chain[0][1] == 303
    assert b"does not work" in response.content
    assert second.get("/packet/check/").status_code == 302  # no packet


def test_an_expired_code_fails(owner: Client, monkeypatch) -> None:
    code = make_code(owner)
    later = timezone.now() + timedelta(minutes=15, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = Client().post("/packet/join/", {"code": code})
    assert response.status_code == 303
    assert Device.objects.count() == 0


def test_a_code_just_inside_its_15_minutes_works(owner: Client, monkeypatch) -> None:
    code = make_code(owner)
    later = timezone.now() + timedelta(minutes=14, seconds=50)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert Client().post("/packet/join/", {"code": code}).status_code == 302


def test_the_code_is_stored_only_hashed(owner: Client) -> None:
    code = make_code(owner).replace("-", "")
    row = PairingCode.objects.get()
    assert row.code_hash == pairing.code_hash(code)
    assert code not in row.code_hash and code.lower() not in row.code_hash
    assert code not in str(list(PairingCode.objects.values()))


def test_codes_use_no_look_alike_characters(db) -> None:
    assert not set("01OILU") & set(pairing.ALPHABET)
    assert len(pairing.ALPHABET) == 30
    codes = {pairing.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == 8 and set(code) <= set(pairing.ALPHABET) for code in codes)


@override_settings(PAIRING_ADDRESS_FAILURES=10, PAIRING_CODE_FAILURES=1000)
def test_wrong_codes_from_one_address_hit_the_limit(owner: Client) -> None:
    code = make_code(owner)
    guesser = Client()
    for n in range(10):
        wrong = f"AAAA-AAA{'23456789AB'[n]}"
        assert guesser.post("/packet/join/", {"code": wrong}).status_code == 303
    refused = guesser.post("/packet/join/", {"code": code})  # even the right one, now
    assert refused.status_code == 429
    assert b"Too many wrong codes" in refused.content
    assert refused["Retry-After"]
    assert Device.objects.count() == 0
    # Another address is not held back.
    elsewhere = Client(REMOTE_ADDR="198.51.100.7")
    assert elsewhere.post("/packet/join/", {"code": code}).status_code == 302


@override_settings(PAIRING_ADDRESS_FAILURES=100000, PAIRING_CODE_FAILURES=5)
def test_one_code_tried_from_many_addresses_hits_the_limit(db) -> None:
    for n in range(5):
        client = Client(REMOTE_ADDR=f"203.0.113.{n}")
        assert client.post("/packet/join/", {"code": "ZZZZ-ZZZZ"}).status_code == 303
    late = Client(REMOTE_ADDR="203.0.113.200")
    assert late.post("/packet/join/", {"code": "zzzz zzzz"}).status_code == 429


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_a_view_only_browser_is_not_offered_a_start_it_cannot_use(
    owner: Client, prefix: str
) -> None:
    """The questionnaire's start page showed Start or Continue, and pressing it gave a 403."""
    viewer = joined(owner, "view")
    page = viewer.get(f"{prefix}/questionnaire/").content.decode()
    assert f'action="{prefix}/questionnaire/"' not in page  # no Start form
    assert f'href="{prefix}/packet/check/"' in page
    assert ("can only look" if not prefix else "solo puede ver") in page
    editor = joined(owner, "edit")
    assert "can only look" not in editor.get("/questionnaire/").content.decode()


def test_a_view_code_reads_and_downloads(owner: Client) -> None:
    viewer = joined(owner, "view")
    assert viewer.get("/packet/").url == "/packet/check/"
    page = viewer.get("/packet/check/")
    assert page.status_code == 200
    assert b"Ana" in page.content and b"from the phone" in page.content
    assert b'href="/packet/details/"' not in page.content  # no change links
    for url in [
        "/packet/details/",
        "/packet/records/pathology/",
        "/packet/questions/",
        "/packet/share/",
        "/questionnaire/urgency/",
    ]:
        assert viewer.get(url).url == "/packet/check/", url
    pdf = viewer.get("/packet/packet.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_a_view_only_browser_reads_the_whole_result(owner: Client) -> None:
    """A caregiver with a view code read only the result's headline before."""
    from questionnaire.situations import KEYS

    owner.post("/questionnaire/")
    owner.post("/questionnaire/urgency/", {"answer": "no"})
    for n, key in enumerate(KEYS):
        owner.post(f"/questionnaire/{key}/", {"answer": ("yes", "unsure", "no")[n % 3]})
    viewer = joined(owner, "view")
    assert 'href="/packet/answers/"' in viewer.get("/packet/check/").content.decode()
    response = viewer.get("/packet/answers/")
    assert response.status_code == 200
    main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    assert "Reasons from your answers" in main and "Things to ask your care team" in main
    # Nothing on it leads into the questionnaire's steps, closed to a view-only browser.
    assert 'href="/questionnaire/' not in main
    assert 'href="/packet/check/"' in main  # Continue
    owners_page = owner.get("/packet/answers/").content.decode()
    assert 'href="/questionnaire/result/"' in owners_page


def _snapshot() -> tuple:
    packet = Packet.objects.get()
    return (
        packet.name,
        packet.delivery,
        packet.questions_done,
        list(ChecklistEntry.objects.values_list("item_key", "status", "note").order_by("item_key")),
        list(PacketQuestion.objects.values_list("text")),
        list(packet.answers.values_list("key", "value")),
        list(Device.objects.values_list("pk")),
        PairingCode.objects.count(),
    )


@pytest.mark.parametrize("htmx", [False, True], ids=["form", "htmx"])
def test_every_write_by_a_view_only_browser_is_refused(owner: Client, htmx: bool) -> None:
    viewer = Client(enforce_csrf_checks=True)
    viewer.get("/packet/join/")
    token = viewer.cookies["csrftoken"].value
    code = make_code(owner, "view")
    response = viewer.post("/packet/join/", {"code": code, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    viewer.get("/packet/check/")
    token = viewer.cookies["csrftoken"].value
    headers = {"X-CSRFToken": token, **({"HX-Request": "true"} if htmx else {})}
    before = _snapshot()
    for url, data in WRITES:
        response = viewer.post(url, {**data, "csrfmiddlewaretoken": token}, headers=headers)
        assert response.status_code == 403, url
        assert b"You can only look at this packet" in response.content
        assert "no-store" in response["Cache-Control"]
    assert _snapshot() == before
    assert viewer.get("/packet/check/").status_code == 200  # still attached, still reading


def test_removing_a_browser_cuts_it_off_at_its_next_request(owner: Client) -> None:
    laptop = joined(owner)
    assert laptop.get("/packet/check/").status_code == 200
    device = Device.objects.get()
    page = owner.get("/packet/share/").content.decode()
    assert f'name="device" value="{device.pk}"' in page
    owner.post("/packet/share/", {"action": "remove", "device": device.pk})
    assert laptop.get("/packet/check/").status_code == 302
    assert b"Start my packet" in laptop.get("/packet/").content
    response = laptop.post("/packet/items/conditions/", {"status": "have", "note": "late"})
    # Not saved, and it says so, with the note shown back (#24 item 5).
    assert response.status_code == 200
    assert "Not saved: your session has ended" in response.content.decode()
    assert "late" in response.content.decode()
    assert not ChecklistEntry.objects.filter(note="late").exists()
    assert owner.get("/packet/check/").status_code == 200  # the owner keeps it


def test_remove_all_cuts_every_browser_off(owner: Client) -> None:
    others = [joined(owner, "edit"), joined(owner, "view")]
    make_code(owner)  # an unused code goes too
    owner.post("/packet/share/", {"action": "remove_all"})
    assert Device.objects.count() == 0 and PairingCode.objects.filter(used_at=None).count() == 0
    for other in others:
        assert other.get("/packet/check/").status_code == 302


def test_a_browser_cannot_remove_another_packets_browsers(owner: Client) -> None:
    joined(owner)
    stranger = Client()
    stranger.post("/packet/")
    stranger.post("/packet/share/", {"action": "remove", "device": Device.objects.get().pk})
    stranger.post("/packet/share/", {"action": "remove_all"})
    assert Device.objects.count() == 1


def test_deleting_the_packet_cuts_every_browser_off(owner: Client) -> None:
    laptop, viewer = joined(owner, "edit"), joined(owner, "view")
    owner.post("/packet/delete/", {})
    assert Packet.objects.count() == 0 and Device.objects.count() == 0
    for other in (laptop, viewer):
        assert other.get("/packet/check/").status_code == 302
        assert b"Start my packet" in other.get("/packet/").content


def test_an_edit_browser_can_delete_the_packet_for_everyone(owner: Client) -> None:
    laptop = joined(owner, "edit")
    laptop.post("/packet/delete/", {})
    assert Packet.objects.count() == 0
    assert owner.get("/packet/check/").status_code == 302


def test_a_viewer_can_stop_using_the_packet(owner: Client) -> None:
    viewer = joined(owner, "view")
    viewer.post("/packet/join/", {"action": "leave"})
    assert Device.objects.count() == 0
    assert viewer.get("/packet/check/").status_code == 302
    assert owner.get("/packet/check/").status_code == 200


def test_a_removed_browser_that_starts_a_packet_owns_a_new_one(owner: Client) -> None:
    laptop = joined(owner, "view")
    Device.objects.all().delete()
    laptop.post("/packet/")
    laptop.post("/packet/details/", {"name": "Someone new"})
    assert Packet.objects.count() == 2
    assert Packet.objects.filter(name="Ana").exists()


def test_the_qr_code_links_to_the_plain_entry_page_without_the_code(owner: Client) -> None:
    response = owner.post("/packet/share/", {"rights": "view"})
    page = response.content.decode()
    code = CODE_RE.search(page).group(0)
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert code not in svg and code.replace("-", "") not in svg
    assert "http://testserver/packet/join/" in page
    assert "no-store" in response["Cache-Control"]


def test_the_owner_sees_when_with_which_rights_and_the_label_typed(owner: Client) -> None:
    other = Client()
    other.post("/packet/join/", {"code": make_code(owner, "view", label="Maria")})
    page = owner.get("/packet/share/").content.decode()
    assert "Maria" in page and "can only look" in page and "added" in page
    # The time ends "a.m." or "p.m.": no second period after it.
    assert ".m.." not in page


def test_codes_never_reach_a_log_or_a_url(owner: Client, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    code = make_code(owner)
    other = Client()
    response = other.post("/packet/join/", {"code": code})
    Client().post("/packet/join/", {"code": "WRNG-CODE"})
    # A gunicorn-style access line carries the path only: no query string, no body.
    access = f'127.0.0.1 - - "POST {response.request["PATH_INFO"]} HTTP/1.1" 302'
    for text in (caplog.text, access, response["Location"]):
        assert code not in text and code.replace("-", "") not in text
    pages = owner.get("/packet/share/").content.decode() + other.get("/packet/").content.decode()
    assert code not in pages


def test_purge_removes_expired_codes(owner: Client, monkeypatch) -> None:
    make_code(owner)
    later = timezone.now() + timedelta(minutes=16)
    monkeypatch.setattr(timezone, "now", lambda: later)
    call_command("purge_packets", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert PairingCode.objects.count() == 0
    assert Packet.objects.count() == 1


def test_a_packet_holds_at_most_five_live_codes(owner: Client) -> None:
    for _ in range(pairing.LIVE_CODES_MAX):
        make_code(owner)
    response = owner.post("/packet/share/", {"rights": "edit"})
    assert response.status_code == 429
    assert CODE_RE.search(response.content.decode()) is None


def test_a_browser_without_a_packet_cannot_share(db) -> None:
    client = Client()
    response = client.post("/packet/share/", {"rights": "edit"})
    assert response.status_code == 200 and "Not saved" in response.content.decode()
    assert PairingCode.objects.count() == 0


def test_the_entry_page_is_linked_from_home_and_the_start_page(db) -> None:
    assert b'href="/packet/join/"' in Client().get("/").content
    assert b'href="/packet/join/"' in Client().get("/packet/").content


def test_codes_made_early_cannot_open_a_packet_on_more_than_ten_browsers(owner: Client) -> None:
    """The limit of browsers holds when a code is used, not only when it is made:
    five codes made while eight browsers were attached used to make thirteen."""
    for _ in range(8):
        joined(owner)
    codes = [make_code(owner) for _ in range(5)]
    statuses = [Client().post("/packet/join/", {"code": code}).status_code for code in codes[:4]]
    assert statuses == [302, 302, 303, 303]
    assert Device.objects.count() == 10
    late = Client().post("/packet/join/", {"code": codes[4]}, follow=True)
    assert "already open on 10 browsers" in late.content.decode()
    assert Device.objects.count() == 10


def test_a_right_code_for_a_full_packet_is_not_counted_as_a_guess(owner: Client) -> None:
    from core import ratelimit

    for _ in range(10):
        joined(owner)
    late = make_code_from_before(owner)
    Client(REMOTE_ADDR="203.0.113.77").post("/packet/join/", {"code": late})
    assert ratelimit.used("pair:address:203.0.113.77") == 0
    assert ratelimit.used("pair:site") == 0


def make_code_from_before(owner: Client) -> str:
    """A code made while the packet still had room (the last slot taken after)."""
    device = Device.objects.order_by("-pk").first()
    device.delete()
    code = make_code(owner)
    joined(owner)
    return code


@override_settings(PAIRING_ADDRESS_FAILURES=2, PAIRING_CODE_FAILURES=1000)
def test_an_address_already_refused_uses_up_nothing_for_everyone_else(db) -> None:
    from core import ratelimit

    guesser = Client(REMOTE_ADDR="203.0.113.88")
    statuses = [guesser.post("/packet/join/", {"code": "ZZZZ-ZZZZ"}).status_code for _ in range(6)]
    assert statuses == [303, 303, 429, 429, 429, 429]
    assert ratelimit.used("pair:site") == 2
