"""Forms work from this site's own pages, and only from them.

Pages send `Referrer-Policy: same-origin`, so a browser posting a form of
this site sends its real Origin, and Django's own CSRF check (token and
Origin) applies unchanged. A form posted from anywhere else is refused.
"""

import pytest
from django.test import Client

from packets.models import Packet

SITE = "https://testserver"


def post_start(client: Client, token: bool = True, **headers: str):
    client.get("/questionnaire/")
    data = {"csrfmiddlewaretoken": client.cookies["csrftoken"].value} if token else {}
    return client.post("/questionnaire/", data, secure=True, headers=headers)


def test_pages_keep_their_address_to_this_site() -> None:
    response = Client().get("/")
    assert response["Referrer-Policy"] == "same-origin"


def test_a_form_from_this_site_is_accepted(csrf_patient: Client) -> None:
    response = post_start(csrf_patient, origin=SITE, sec_fetch_site="same-origin")
    assert response.status_code == 302
    assert Packet.objects.count() == 1


@pytest.mark.parametrize("origin", ["null", "https://evil.example", "http://testserver"])
def test_a_form_from_elsewhere_is_refused(csrf_patient: Client, origin: str) -> None:
    response = post_start(csrf_patient, origin=origin, sec_fetch_site="same-origin")
    assert response.status_code == 403
    assert Packet.objects.count() == 0


def test_the_token_is_still_required(csrf_patient: Client) -> None:
    response = post_start(csrf_patient, token=False, origin=SITE)
    assert response.status_code == 403
    assert Packet.objects.count() == 0
