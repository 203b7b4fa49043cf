"""The questionnaire through HTTP: with and without htmx, and every bad input."""

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from packets.models import Packet
from questionnaire.models import Answer
from questionnaire.situations import KEYS

HX = {"HTTP_HX_REQUEST": "true"}


# Tests that assert the same thing in both languages run once under each prefix.
LANGUAGES = pytest.mark.parametrize(
    ("prefix", "lang"), [("", "en"), ("/es", "es")], ids=["en", "es"]
)


def start(client: Client, urgency: str = "no", prefix: str = "") -> None:
    """Press Start, then answer the urgency check that comes before the nine."""
    response = client.post(f"{prefix}/questionnaire/")
    assertRedirects(response, f"{prefix}/questionnaire/urgency/", fetch_redirect_response=False)
    response = client.post(f"{prefix}/questionnaire/urgency/", {"answer": urgency})
    assert response.status_code == 302


def answer_all(client: Client, value: str = "yes", htmx: bool = False, prefix: str = "") -> None:
    for key in KEYS:
        extra = HX if htmx else {}
        response = client.post(f"{prefix}/questionnaire/{key}/", {"answer": value}, **extra)
        assert response.status_code in (200, 302)


def test_start_page_explains_and_stores_nothing(client: Client, db) -> None:
    response = client.get("/questionnaire/")
    assertContains(response, "15 short steps, about 10 minutes")
    assertContains(response, "We keep your answers and packet on our server for up to 14 days")
    assertContains(response, "not medical advice")
    assert Packet.objects.count() == 0
    assert "sessionid" not in response.cookies
    assert "no-store" in response["Cache-Control"]


def test_start_button_creates_one_packet_and_a_session(patient: Client) -> None:
    start(patient)
    patient.post("/questionnaire/")
    assert Packet.objects.count() == 1
    assert patient.session["packet_id"] == Packet.objects.get().pk


def test_question_page_shows_one_question_with_three_answers(patient: Client) -> None:
    start(patient)
    response = patient.get(f"/questionnaire/{KEYS[0]}/")
    assertContains(response, "Step 2 of 15")
    for label in ["Yes", "No", "Not sure"]:
        assertContains(response, f">{label}</label>")
    assertContains(response, "Why we ask")
    assertContains(response, 'href="/guides/')
    assert response["Cache-Control"].count("no-store") == 1
    assert "HX-Request" in response["Vary"]


def test_whole_flow_without_javascript_reaches_a_result(patient: Client) -> None:
    start(patient)
    for index, key in enumerate(KEYS):
        response = patient.post(f"/questionnaire/{key}/", {"answer": "yes"})
        expected = (
            f"/questionnaire/{KEYS[index + 1]}/"
            if index + 1 < len(KEYS)
            else "/questionnaire/check/"
        )
        assertRedirects(response, expected, fetch_redirect_response=False)
    response = patient.get("/questionnaire/check/")
    assert response.content.decode().count("?change=1") == 13
    response = patient.get("/questionnaire/result/")
    assertContains(response, "Your answers show strong reasons to get a second opinion")
    assertContains(response, "Your cancer is rare")
    # Yes to every question: 11 reasons ("Has a cancer doctor looked?" gives its reason on a No).
    assertContains(response, "The 11 reasons are listed below")
    assertContains(response, "not medical advice")
    assertContains(response, "How this result was worked out")
    assertContains(response, "Points from your answers")
    assertContains(response, 'href="/packet/"')
    assert Answer.objects.count() == 13


def test_whole_flow_with_htmx_swaps_each_step_in_place(patient: Client) -> None:
    start(patient)
    for index, key in enumerate(KEYS):
        # No reason anywhere: a cancer doctor has looked (Yes), the rest No.
        value = "yes" if key == "cancer-doctor-seen" else "no"
        response = patient.post(f"/questionnaire/{key}/", {"answer": value}, **HX)
        assert response.status_code == 200
        html = response.content.decode()
        assert "<html" not in html, "an htmx swap must send only the step"
        assert 'id="step"' in html
        if index + 1 < len(KEYS):
            assert response["HX-Push-Url"] == f"/questionnaire/{KEYS[index + 1]}/"
            assert f"Step {index + 3} of 15" in html
        else:
            assert response["HX-Push-Url"] == "/questionnaire/check/"
            assert "Check your answers" in html
        assert "HX-Request" in response["Vary"]
    response = patient.get("/questionnaire/result/")
    assertContains(response, "None of the listed reasons was confirmed by your answers")
    assertContains(response, "routine part of cancer care")


def test_htmx_and_plain_flows_give_the_same_result(db) -> None:
    plain, enhanced = Client(), Client()
    for client, htmx in [(plain, False), (enhanced, True)]:
        start(client)
        answer_all(client, "unsure", htmx=htmx)
    a = plain.get("/questionnaire/result/").content.decode()
    b = enhanced.get("/questionnaire/result/").content.decode()

    def result_of(html: str) -> str:
        return html.split('<main id="main"')[1].split('name="csrfmiddlewaretoken"')[0]

    assert result_of(a) == result_of(b)
    assert "Things to ask your care team" in result_of(a)


def test_a_full_page_is_sent_when_htmx_is_not_asking(patient: Client) -> None:
    start(patient)
    response = patient.get(f"/questionnaire/{KEYS[0]}/")
    assertContains(response, "<html")


def test_change_link_returns_to_check_and_changes_the_result(patient: Client) -> None:
    start(patient)
    answer_all(patient, "no")
    assertContains(
        patient.get("/questionnaire/result/"),
        "None of the listed reasons was confirmed by your answers",
    )
    response = patient.get("/questionnaire/rare-cancer/?change=1")
    assertContains(response, 'name="change" value="1"')
    assertContains(response, 'href="/questionnaire/check/"')
    response = patient.post(
        "/questionnaire/rare-cancer/?change=1", {"answer": "yes", "change": "1"}
    )
    assertRedirects(response, "/questionnaire/check/", fetch_redirect_response=False)
    result = patient.get("/questionnaire/result/")
    assertContains(result, "Your answers show a strong reason to get a second opinion")
    assertContains(result, "Your cancer is rare")


def test_returning_resumes_at_the_first_unanswered_question(patient: Client) -> None:
    start(patient)
    for key in KEYS[:4]:
        patient.post(f"/questionnaire/{key}/", {"answer": "no"})
    response = patient.get("/questionnaire/")
    assertContains(response, "You have answered 5 of 13 questions")
    assertContains(response, f'href="/questionnaire/{KEYS[4]}/"')
    response = patient.post("/questionnaire/")
    assertRedirects(response, f"/questionnaire/{KEYS[4]}/", fetch_redirect_response=False)


def test_previous_answer_is_shown_when_going_back(patient: Client) -> None:
    start(patient)
    patient.post(f"/questionnaire/{KEYS[0]}/", {"answer": "unsure"})
    response = patient.get(f"/questionnaire/{KEYS[0]}/")
    assertContains(response, 'value="unsure" checked')


def test_skipping_ahead_goes_to_the_first_unanswered_question(patient: Client) -> None:
    start(patient)
    patient.post(f"/questionnaire/{KEYS[0]}/", {"answer": "no"})
    response = patient.get(f"/questionnaire/{KEYS[5]}/")
    assertRedirects(response, f"/questionnaire/{KEYS[1]}/", fetch_redirect_response=False)
    response = patient.post(f"/questionnaire/{KEYS[5]}/", {"answer": "yes"})
    assertRedirects(response, f"/questionnaire/{KEYS[1]}/", fetch_redirect_response=False)
    assert not Answer.objects.filter(key=KEYS[5]).exists()


def test_start_again_asks_first_and_says_what_it_clears(patient: Client) -> None:
    start(patient)
    answer_all(patient, "yes")
    result = patient.get("/questionnaire/result/")
    assertContains(result, 'href="/questionnaire/restart/"')
    assertNotContains(result, 'action="/questionnaire/restart/"')
    response = patient.get("/questionnaire/restart/")
    assertContains(response, "Are you sure you want to start the questions again?")
    assertContains(response, "the questions about your diagnosis and plan")
    assertContains(response, "records checklist, notes, questions and details stay")
    assertContains(response, "No, keep my answers")
    assert Answer.objects.count() == 13


def test_start_again_clears_the_answers_once_confirmed(patient: Client) -> None:
    start(patient)
    answer_all(patient, "yes")
    response = patient.post("/questionnaire/restart/")
    assertRedirects(response, "/questionnaire/urgency/", fetch_redirect_response=False)
    assert Answer.objects.count() == 0
    assert Packet.objects.count() == 1


def test_unknown_question_is_404(patient: Client) -> None:
    start(patient)
    response = patient.get("/questionnaire/not-a-question/")
    assert response.status_code == 404
    assertContains(response, "Page not found", status_code=404)


@pytest.mark.parametrize("value", ["maybe", "", "YES", "yes ", "<script>", "1" * 5000])
def test_an_answer_outside_the_three_is_refused_and_nothing_stored(
    patient: Client, value: str
) -> None:
    start(patient)
    response = patient.post(f"/questionnaire/{KEYS[0]}/", {"answer": value}, follow=True)
    assert response.status_code == 200
    assertContains(response, "There is a problem")
    assertContains(response, "Choose Yes, No or Not sure.")
    assertContains(response, "<title>Error:", html=False)
    assert not Answer.objects.filter(key=KEYS[0]).exists()


def test_a_missing_answer_with_htmx_shows_the_error_in_place(patient: Client) -> None:
    start(patient)
    response = patient.post(f"/questionnaire/{KEYS[0]}/", {}, **HX)
    assertContains(response, "Choose Yes, No or Not sure.")
    assert "<html" not in response.content.decode()
    assert "HX-Push-Url" not in response


def test_a_bad_answer_keeps_earlier_answers(patient: Client) -> None:
    start(patient)
    patient.post(f"/questionnaire/{KEYS[0]}/", {"answer": "yes"})
    patient.post(f"/questionnaire/{KEYS[0]}/", {"answer": "bogus"})
    assert Answer.objects.get(key=KEYS[0]).value == "yes"


def test_missing_csrf_token_gets_the_sites_403_page(csrf_patient: Client) -> None:
    response = csrf_patient.post("/questionnaire/")
    assert response.status_code == 403
    assertContains(response, "Your form could not be sent", status_code=403)
    assertContains(response, "Skip to main content", status_code=403)
    assert Packet.objects.count() == 0


def test_result_with_unanswered_questions_goes_to_the_first_one(patient: Client) -> None:
    start(patient)
    patient.post(f"/questionnaire/{KEYS[0]}/", {"answer": "yes"})
    for url in ["/questionnaire/result/", "/questionnaire/check/"]:
        response = patient.get(url)
        assertRedirects(response, f"/questionnaire/{KEYS[1]}/", fetch_redirect_response=False)


@LANGUAGES
@pytest.mark.parametrize("step", [f"{KEYS[0]}/", "check/", "result/", "ready/"])
def test_without_a_packet_pages_send_you_to_the_start(
    client: Client, db, prefix: str, lang: str, step: str
) -> None:
    response = client.get(f"{prefix}/questionnaire/{step}")
    assertRedirects(response, f"{prefix}/questionnaire/", fetch_redirect_response=False)
    assert Packet.objects.count() == 0


def test_another_browser_never_sees_the_answers(patient: Client, stranger: Client) -> None:
    start(patient)
    answer_all(patient, "yes")
    for url in ["/questionnaire/result/", "/questionnaire/check/", f"/questionnaire/{KEYS[0]}/"]:
        response = stranger.get(url)
        assert response.status_code == 302
    assertNotContains(stranger.get("/questionnaire/"), "You have answered")


def test_wrong_methods_are_refused(patient: Client) -> None:
    assert patient.post("/questionnaire/result/").status_code == 405
    assert patient.put(f"/questionnaire/{KEYS[0]}/").status_code == 405


@LANGUAGES
@pytest.mark.parametrize(("step", "queries"), [(f"{KEYS[0]}/", 2), ("check/", 2), ("result/", 3)])
def test_questionnaire_pages_have_bounded_queries(
    patient: Client, django_assert_max_num_queries, prefix: str, lang: str, step: str, queries
) -> None:
    start(patient, prefix=prefix)
    answer_all(patient, "yes", prefix=prefix)
    from guides.models import current_release

    current_release()  # each process looks the content version up once a minute
    # The session, then the packet and its answers in one query; the result
    # also reads the ratings, to link what matters most to the choices.
    with django_assert_max_num_queries(queries):
        response = patient.get(f"{prefix}/questionnaire/{step}")
    assert response.status_code == 200
    assertContains(response, f'<html lang="{lang}">')


@LANGUAGES
def test_answering_has_bounded_queries(
    patient: Client, django_assert_max_num_queries, prefix: str, lang: str
) -> None:
    start(patient, prefix=prefix)
    # The session, the packet with its answers, the upsert, the packet's clock,
    # and the session saved again (inside a savepoint pair) so it lasts two
    # weeks from this change.
    with django_assert_max_num_queries(7):
        response = patient.post(f"{prefix}/questionnaire/{KEYS[0]}/", {"answer": "yes"}, **HX)
    assertContains(response, {"en": "Step 3 of", "es": "Paso 3 de"}[lang])


def test_changing_an_answer_after_start_again_elsewhere_goes_to_the_first_gap(
    patient: Client,
) -> None:
    start(patient)
    answer_all(patient, "no")
    other_tab = Client()
    other_tab.cookies = patient.cookies
    other_tab.post("/questionnaire/restart/")
    other_tab.post("/questionnaire/urgency/", {"answer": "no"})
    response = patient.post(f"/questionnaire/{KEYS[0]}/", {"answer": "yes", "change": "1"}, **HX)
    assert response.status_code == 200
    assert response["HX-Push-Url"] == f"/questionnaire/{KEYS[1]}/"
    response = patient.post(f"/questionnaire/{KEYS[1]}/", {"answer": "yes", "change": "1"})
    assertRedirects(response, f"/questionnaire/{KEYS[2]}/", fetch_redirect_response=False)


def test_every_change_restarts_the_session_clock(patient: Client, settings) -> None:
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    start(patient)
    # Sessions are rows in the database whatever the cache (core/sessions.py).
    session = Session.objects.get()
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(days=1))
    patient.post(f"/questionnaire/{KEYS[0]}/", {"answer": "yes"})
    refreshed = Session.objects.get(pk=session.pk)
    assert (refreshed.expire_date - timezone.now()).days >= 13


@LANGUAGES
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("not-cancer-specialist", "cancer-doctor-seen"),
        ("no-cancer-specialist", "cancer-doctor-seen"),
        ("sub-specialist", "single-expert"),
    ],
)
def test_addresses_of_reworded_questions_lead_to_the_new_ones(
    client: Client, prefix: str, lang: str, old: str, new: str
) -> None:
    response = client.get(f"{prefix}/questionnaire/{old}/")
    assert response.status_code == 301
    assert response["Location"] == f"{prefix}/questionnaire/{new}/"
