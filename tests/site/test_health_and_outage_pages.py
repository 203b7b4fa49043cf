"""/healthz and the pages people see when the database is down."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from pytest_django.asserts import assertContains


def test_healthz_is_ok_when_the_database_answers(client: Client, db) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"database ok\ncache ok\n"
    assert response["Cache-Control"] == "no-store"


def test_healthz_is_503_when_the_database_does_not_answer(client: Client, db) -> None:
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503


@pytest.fixture
def client_keeps_going(client: Client) -> Client:
    # Let the request finish with the site's own error page, as a real
    # server would, instead of the test client re-raising the exception.
    client.raise_request_exception = False
    return client


def test_database_outage_shows_a_plain_503_page(client_keeps_going: Client, db) -> None:
    with mock.patch(
        "guides.views.Guide.objects.published",
        side_effect=OperationalError("server closed the connection"),
    ):
        response = client_keeps_going.get("/guides/")
    assert response.status_code == 503
    assertContains(response, "not working right now", status_code=503)
    assert response["Retry-After"] == "30"
    assert "Traceback" not in response.content.decode()


def test_other_failures_show_the_500_page_without_a_traceback(
    client_keeps_going: Client, db
) -> None:
    with mock.patch("guides.views.Guide.objects.published", side_effect=RuntimeError("boom")):
        response = client_keeps_going.get("/guides/")
    assert response.status_code == 500
    assertContains(response, "something went wrong", status_code=500)
    assert "boom" not in response.content.decode()
