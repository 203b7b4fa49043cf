"""The packet pages: checklist, questions, details, letter, delete."""

from datetime import date, timedelta

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from checklists.models import ChecklistEntry, Packet, PacketQuestion
from checklists.records import ITEMS

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def with_packet(patient: Client) -> Client:
    patient.post("/packet/")
    return patient


def test_looking_at_the_packet_page_stores_nothing(client: Client, db) -> None:
    response = client.get("/packet/")
    assertContains(response, "Start my packet")
    assertContains(response, "/checklist.pdf")
    assert Packet.objects.count() == 0
    assert "sessionid" not in response.cookies
    assert "no-store" in response["Cache-Control"]


def test_start_creates_the_packet(patient: Client) -> None:
    response = patient.post("/packet/")
    assertRedirects(response, "/packet/", fetch_redirect_response=False)
    assert Packet.objects.count() == 1
    page = patient.get("/packet/")
    assertContains(page, "0 of 16 records ready")
    for item in ITEMS:
        assertContains(page, f'id="item-{item.key}"')


def test_status_and_note_save_without_javascript(with_packet: Client) -> None:
    response = with_packet.post(
        "/packet/items/pathology-report/", {"status": "have", "note": "Copy in blue folder"}
    )
    assertRedirects(response, "/packet/#item-pathology-report", fetch_redirect_response=False)
    entry = ChecklistEntry.objects.get()
    assert (entry.item_key, entry.status, entry.note) == (
        "pathology-report",
        "have",
        "Copy in blue folder",
    )
    page = with_packet.get("/packet/")
    assertContains(page, "1 of 16 records ready")
    assertContains(page, "Saved: Pathology report.")
    assertContains(page, "Copy in blue folder")


def test_status_change_with_htmx_swaps_the_item_and_announces_it(with_packet: Client) -> None:
    response = with_packet.post(
        "/packet/items/imaging-disc/", {"status": "asked", "note": ""}, **HX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="item-imaging-disc"' in html
    assert 'value="asked" checked' in html
    assert 'hx-swap-oob="true"' in html and 'id="progress"' in html
    assert 'hx-swap-oob="innerHTML:#live-status"' in html
    assert "Saved: The scan images themselves, on a disc or by upload, Asked for it." in html
    assert "HX-Request" in response["Vary"]


def test_an_overlong_note_is_refused_and_the_text_kept(with_packet: Client) -> None:
    with_packet.post("/packet/items/medicines/", {"status": "have", "note": "first note"})
    long_note = "x" * 501
    response = with_packet.post("/packet/items/medicines/", {"status": "asked", "note": long_note})
    assertContains(response, "Keep the note to 500 characters or fewer (it has 501).")
    assertContains(response, long_note)
    entry = ChecklistEntry.objects.get(item_key="medicines")
    assert (entry.status, entry.note) == ("have", "first note")


def test_an_overlong_note_with_htmx_shows_the_error_in_place(with_packet: Client) -> None:
    response = with_packet.post(
        "/packet/items/medicines/", {"status": "asked", "note": "y" * 600}, **HX
    )
    assertContains(response, "Keep the note to 500 characters")
    assert "<html" not in response.content.decode()
    assert not ChecklistEntry.objects.exists()


@pytest.mark.parametrize("status", ["", "done", "HAVE", "<b>"])
def test_a_bad_status_is_refused(with_packet: Client, status: str) -> None:
    response = with_packet.post("/packet/items/medicines/", {"status": status, "note": "kept"})
    assertContains(response, "Choose where you are with this item.")
    assertContains(response, "kept")
    assert not ChecklistEntry.objects.exists()


def test_unknown_item_is_404(with_packet: Client) -> None:
    response = with_packet.post("/packet/items/not-an-item/", {"status": "have"})
    assert response.status_code == 404


def test_saving_without_a_packet_creates_nothing(client: Client, db) -> None:
    response = client.post("/packet/items/medicines/", {"status": "have"})
    assertRedirects(response, "/packet/", fetch_redirect_response=False)
    assert not Packet.objects.exists() and not ChecklistEntry.objects.exists()


def test_two_tabs_changing_different_items_keep_both(with_packet: Client) -> None:
    tab_two = Client()
    tab_two.cookies = with_packet.cookies
    with_packet.post("/packet/items/medicines/", {"status": "have", "note": "tab one"})
    tab_two.post("/packet/items/blood-tests/", {"status": "asked", "note": "tab two"})
    statuses = dict(ChecklistEntry.objects.values_list("item_key", "status"))
    assert statuses == {"medicines": "have", "blood-tests": "asked"}


def test_questions_can_be_picked_added_reordered_and_removed(with_packet: Client) -> None:
    with_packet.post("/packet/questions/", {"action": "suggest", "suggestion": "all-options"})
    with_packet.post("/packet/questions/", {"action": "add", "text": "Can I bring my sister?"})
    texts = list(PacketQuestion.objects.values_list("text", flat=True))
    assert texts == [
        "What are all my treatment choices, including clinical trials?",
        "Can I bring my sister?",
    ]
    mine = PacketQuestion.objects.get(text="Can I bring my sister?")
    with_packet.post("/packet/questions/", {"action": "up", "question": mine.pk})
    assert (
        list(PacketQuestion.objects.values_list("text", flat=True))[0] == "Can I bring my sister?"
    )
    with_packet.post("/packet/questions/", {"action": "remove", "question": mine.pk})
    assert PacketQuestion.objects.count() == 1
    page = with_packet.get("/packet/questions/")
    assertNotContains(page, 'name="suggestion" value="all-options"')


def test_a_suggestion_is_added_once(with_packet: Client) -> None:
    for _ in range(2):
        with_packet.post("/packet/questions/", {"action": "suggest", "suggestion": "side-effects"})
    assert PacketQuestion.objects.count() == 1


def test_an_overlong_question_is_refused_and_the_list_kept(with_packet: Client) -> None:
    with_packet.post("/packet/questions/", {"action": "add", "text": "Short one?"})
    response = with_packet.post("/packet/questions/", {"action": "add", "text": "q" * 301})
    assertContains(response, "Keep your question to 300 characters or fewer (it has 301).")
    assertContains(response, "q" * 301)
    assert list(PacketQuestion.objects.values_list("text", flat=True)) == ["Short one?"]


def test_the_number_of_questions_is_bounded(with_packet: Client) -> None:
    for n in range(20):
        with_packet.post("/packet/questions/", {"action": "add", "text": f"Question {n}?"})
    response = with_packet.post("/packet/questions/", {"action": "add", "text": "One more?"})
    assertContains(response, "You can keep up to 20 questions.")
    assert PacketQuestion.objects.count() == 20


def test_another_packets_question_cannot_be_touched(with_packet: Client, stranger: Client) -> None:
    with_packet.post("/packet/questions/", {"action": "add", "text": "Mine?"})
    question = PacketQuestion.objects.get()
    stranger.post("/packet/")
    response = stranger.post("/packet/questions/", {"action": "remove", "question": question.pk})
    assertContains(response, "That question is no longer in your list.")
    assert PacketQuestion.objects.filter(pk=question.pk).exists()


def test_details_are_optional_and_saved(with_packet: Client) -> None:
    response = with_packet.post("/packet/details/", {"paper_size": "letter"})
    assertRedirects(response, "/packet/", fetch_redirect_response=False)
    day = date.today() + timedelta(days=20)
    with_packet.post(
        "/packet/details/",
        {
            "name": "Ana",
            "cancer_type": "Lymphoma",
            "first_doctor": "Dr. Lee",
            "doctor_contact": "555-0100",
            "center": "City Cancer Center",
            "appointment_date": day.isoformat(),
            "paper_size": "a4",
        },
    )
    packet = Packet.objects.get()
    assert (packet.name, packet.center, packet.appointment_date, packet.paper_size) == (
        "Ana",
        "City Cancer Center",
        day,
        "a4",
    )


@pytest.mark.parametrize(
    "value", ["31/02/2027", "tomorrow", "2027-13-01", "1999-01-01", "9999-01-01"]
)
def test_a_bad_date_is_a_form_error_and_nothing_changes(with_packet: Client, value: str) -> None:
    with_packet.post("/packet/details/", {"name": "Ana", "paper_size": "letter"})
    response = with_packet.post(
        "/packet/details/", {"name": "Bea", "appointment_date": value, "paper_size": "letter"}
    )
    assert response.status_code == 200
    assertContains(response, "There is a problem")
    assertContains(response, "Bea")
    assert Packet.objects.get().name == "Ana"


def test_overlong_details_are_refused(with_packet: Client) -> None:
    response = with_packet.post("/packet/details/", {"name": "n" * 81, "paper_size": "letter"})
    assertContains(response, "There is a problem")
    assert Packet.objects.get().name == ""


def test_letter_asks_for_each_record_still_needed(with_packet: Client) -> None:
    with_packet.post("/packet/details/", {"first_doctor": "Dr. Lee", "paper_size": "letter"})
    with_packet.post("/packet/items/pathology-report/", {"status": "have", "note": ""})
    page = with_packet.get("/packet/letter/")
    assertContains(page, "Dear Dr. Lee,")
    assertContains(page, "<li>Full molecular (genomic) test report</li>", html=False)
    assertNotContains(page, "<li>Pathology report</li>", html=False)
    assertNotContains(page, "<li>Insurance card</li>", html=False)


def test_delete_asks_first_then_removes_every_row(with_packet: Client) -> None:
    with_packet.post("/packet/items/medicines/", {"status": "have", "note": "n"})
    with_packet.post("/packet/questions/", {"action": "add", "text": "Q?"})
    with_packet.post("/questionnaire/")
    with_packet.post("/questionnaire/urgency/", {"answer": "yes"})
    with_packet.post("/questionnaire/values/", {"start-soon": "3"})
    with_packet.post("/packet/insurance/", {"spoke_to": "Sam", "covered": "yes"})
    confirm = with_packet.get("/packet/delete/")
    assertContains(confirm, "Yes, delete my packet")
    assert Packet.objects.count() == 1
    response = with_packet.post("/packet/delete/")
    assertContains(response, "Your packet was deleted")
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert "no-store" in response["Cache-Control"]
    from checklists.models import Answer, InsuranceCall, ValueRating

    assert not ValueRating.objects.exists() and not InsuranceCall.objects.exists()
    assert not Packet.objects.exists()
    assert not ChecklistEntry.objects.exists()
    assert not PacketQuestion.objects.exists()
    assert not Answer.objects.exists()
    assert "packet_id" not in with_packet.session
    assertContains(with_packet.get("/packet/"), "Start my packet")


def test_delete_is_post_only_for_the_action(with_packet: Client) -> None:
    assert with_packet.put("/packet/delete/").status_code == 405
    with_packet.get("/packet/delete/")
    assert Packet.objects.count() == 1


@pytest.mark.parametrize(
    "url",
    ["/packet/", "/packet/questions/", "/packet/details/", "/packet/letter/", "/packet/delete/"],
)
def test_packet_pages_are_no_store_and_query_bounded(
    with_packet: Client, django_assert_max_num_queries, url: str
) -> None:
    with django_assert_max_num_queries(7):
        response = with_packet.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assertContains(response, '<meta name="robots" content="noindex">', html=False)


def test_letter_says_so_when_nothing_is_left_to_request(with_packet: Client) -> None:
    for item in ITEMS:
        with_packet.post(f"/packet/items/{item.key}/", {"status": "have", "note": ""})
    page = with_packet.get("/packet/letter/")
    assertContains(page, "There is nothing left to request.")
    assertNotContains(page, "Dear care team")


def test_letter_leaves_slides_to_the_lab(with_packet: Client) -> None:
    page = with_packet.get("/packet/letter/")
    assertNotContains(page, "<li>Slides or tissue blocks, if the center asks</li>", html=False)
    assertContains(page, "the pathology lab releases those through its own form")
