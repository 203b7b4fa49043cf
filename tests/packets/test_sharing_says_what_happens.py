"""#24 item 6: pairing asks before it replaces a packet, the share page says
what "can change" allows, and a browser cut off is told why."""

import pytest
from django.test import Client

from packets.models import Device, Packet
from tests.packets.test_pairing_and_sharing import joined, make_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(db) -> Client:
    client = Client()
    client.post("/packet/")
    client.post("/packet/details/", {"name": "Ana"})
    return client


def test_a_browser_with_its_own_packet_is_asked_before_a_code_replaces_it(owner: Client) -> None:
    code = make_code(owner, "view")
    other = Client()
    other.post("/packet/")
    other.post("/packet/details/", {"name": "Luis"})
    mine = Packet.objects.get(name="Luis")
    page = other.post("/packet/join/", {"code": code})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Open the other packet instead of yours?" in text
    assert "stops showing yours, and you cannot get it back here" in text
    # Nothing happened yet: the code still works, this browser still has its own.
    assert not Device.objects.exists()
    assert "Luis" in other.get("/packet/details/").content.decode()
    # Keeping it is one link away; choosing the other packet uses the code.
    assert 'href="/packet/">Keep my packet</a>' in text
    switched = other.post("/packet/join/", {"code": code, "replace": "1"})
    assert switched.status_code == 302
    assert Device.objects.filter(packet__name="Ana").count() == 1
    assert Packet.objects.filter(pk=mine.pk).exists()  # left to the idle purge, not deleted


def test_a_browser_without_a_packet_joins_at_once(owner: Client) -> None:
    code = make_code(owner)
    other = Client()
    assert other.post("/packet/join/", {"code": code}).status_code == 302
    assert Device.objects.count() == 1


def test_the_share_page_says_what_can_change_allows(owner: Client) -> None:
    page = owner.get("/packet/share/").content.decode()
    assert "delete the packet for everyone" in page
    assert "remove the other browsers you shared it with" in page


def test_a_removed_browser_is_told_why_its_packet_is_gone(owner: Client) -> None:
    other = joined(owner, "edit")
    owner.post("/packet/share/", {"action": "remove_all"})
    page = other.get("/packet/").content.decode()
    assert "This packet is no longer shared with this browser." in page
    assert "Build your packet" in page
    # Said once: the next page is a plain fresh start.
    assert "no longer shared" not in other.get("/packet/").content.decode()


def test_deleted_for_everyone_the_owner_and_the_others_are_told(owner: Client) -> None:
    other = joined(owner, "edit")
    other.post("/packet/delete/")
    assert not Packet.objects.exists()
    page = owner.get("/packet/details/", follow=True).content.decode()
    assert "Your packet is gone. It was deleted, maybe on another device you shared it with" in page


def test_the_spanish_message_is_in_spanish(owner: Client) -> None:
    other = joined(owner, "view")
    owner.post("/packet/share/", {"action": "remove_all"})
    page = other.get("/es/packet/").content.decode()
    assert "Este paquete ya no se comparte con este navegador." in page
