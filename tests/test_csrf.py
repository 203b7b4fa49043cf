"""Forms work under `Referrer-Policy: no-referrer`, and only from this site."""

import pytest
from django.test import Client

from packets.models import Packet


def post_start(client: Client, **headers: str):
    client.get("/questionnaire/")
    token = client.cookies["csrftoken"].value
    return client.post(
        "/questionnaire/", {"csrfmiddlewaretoken": token}, secure=True, headers=headers
    )


def test_null_origin_from_this_site_is_accepted(csrf_patient: Client) -> None:
    response = post_start(csrf_patient, origin="null", sec_fetch_site="same-origin")
    assert response.status_code == 302
    assert Packet.objects.count() == 1


@pytest.mark.parametrize("site", ["cross-site", "same-site", "none", ""])
def test_null_origin_from_elsewhere_is_refused(csrf_patient: Client, site: str) -> None:
    headers = {"origin": "null"}
    if site:
        headers["sec_fetch_site"] = site
    response = post_start(csrf_patient, **headers)
    assert response.status_code == 403
    assert Packet.objects.count() == 0


def test_a_foreign_origin_is_refused_whatever_it_claims(csrf_patient: Client) -> None:
    response = post_start(csrf_patient, origin="https://evil.example", sec_fetch_site="same-origin")
    assert response.status_code == 403


def test_the_token_is_still_required(csrf_patient: Client) -> None:
    csrf_patient.get("/questionnaire/")
    response = csrf_patient.post(
        "/questionnaire/",
        {},
        secure=True,
        headers={"origin": "null", "sec_fetch_site": "same-origin"},
    )
    assert response.status_code == 403
    assert Packet.objects.count() == 0
