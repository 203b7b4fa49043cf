"""#24 item 5: a save after the session ended keeps what was typed and says
what happened; never a silent redirect to the start page."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended(db) -> Client:
    """A browser whose session ended (here: its cookie is gone) with a page still open."""
    client = Client()
    client.post("/packet/")
    client.cookies.clear()
    return client


def test_a_details_save_shows_back_what_was_typed(ended: Client) -> None:
    response = ended.post(
        "/packet/details/",
        {"name": "Ana María Díaz", "phone": "555-0123", "drawn-name": "", "address": "12 Elm St"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Not saved: your session has ended" in page
    for typed in ["Ana María Díaz", "555-0123", "12 Elm St"]:
        assert typed in page
    assert 'href="/packet/join/"' in page and 'href="/packet/"' in page


def test_a_records_page_save_keeps_the_notes(ended: Client) -> None:
    page = ended.post(
        "/packet/records/pathology/",
        {"pathology-report-status": "have", "pathology-report-note": "In my blue folder"},
    ).content.decode()
    assert "In my blue folder" in page and "Not saved" in page
    assert ">have<" not in page  # choice tokens are the page's, not typed text


def test_an_autosave_says_so_in_the_live_region(ended: Client) -> None:
    response = ended.post(
        "/packet/items/pathology-report/",
        {"pathology-report-status": "have", "pathology-report-note": "x"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response["X-Autosave"] == "refused"
    assert "your session has ended" in response.content.decode()
    assert 'hx-swap-oob="innerHTML:#live-status"' in response.content.decode()
    # The page stays; a notice goes on top of it.
    assert response["HX-Reswap"] == "none"
    # One place for the notice, filled afresh each time: notices never stack.
    assert 'hx-swap-oob="innerHTML:#session-notice"' in response.content.decode()


def test_a_questionnaire_answer_is_not_dropped_silently(ended: Client) -> None:
    response = ended.post("/questionnaire/rare-cancer/", {"answer": "yes"})
    assert response.status_code == 200
    assert "Not saved: your session has ended" in response.content.decode()


def test_in_spanish(ended: Client) -> None:
    page = ended.post("/es/packet/details/", {"name": "Ana"}).content.decode()
    assert "No se guardó: su sesión terminó" in page
