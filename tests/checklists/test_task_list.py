"""The packet as a task list: one page per task, nothing lost, every address kept."""

import re
import subprocess
import sys
from datetime import date, timedelta

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from checklists.models import ChecklistEntry, InsuranceCall, PacketQuestion
from checklists.records import GROUPS, ITEMS, ITEMS_BY_GROUP
from packets.models import Packet
from tests.factories import full_packet, hand_to

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def with_packet(patient: Client) -> Client:
    patient.post("/packet/")
    return patient


@pytest.fixture
def full(patient: Client) -> tuple[Client, Packet]:
    """A patient whose session owns the factory's full packet."""
    packet = full_packet()
    return hand_to(patient, packet), packet


def task_links(html: str) -> list[str]:
    return re.findall(r'class="task-link" href="([^"]+)"', html)


def task_status(html: str, key: str) -> str:
    block = html.split(f'id="task-{key}"')[1].split("</li>")[0]
    return re.search(r'class="task-status [^"]*"[^>]*>([^<]+)<', block).group(1)


# --- The task list -----------------------------------------------------------


def test_looking_at_the_packet_page_stores_nothing(client: Client, db) -> None:
    response = client.get("/packet/")
    assertContains(response, "Start my packet")
    assertContains(response, "/checklist.pdf")
    assert Packet.objects.count() == 0
    assert "sessionid" not in response.cookies
    assert "no-store" in response["Cache-Control"]


def test_the_task_list_shows_every_task_in_order(with_packet: Client) -> None:
    html = with_packet.get("/packet/").content.decode()
    assert task_links(html) == [
        "/packet/answers/",
        *[f"/packet/records/{group.key}/" for group in GROUPS],
        "/packet/questions/",
        "/packet/details/",
        "/packet/letter/",
        "/packet/requests/",
        "/packet/insurance/",
        "/packet/check/",
    ]
    assert html.count(">Not started<") == 13
    assert "0 of 16 records ready" in html


def test_statuses_follow_what_was_saved(with_packet: Client) -> None:
    with_packet.post("/packet/items/medicines/", {"status": "have", "note": ""})
    html = with_packet.get("/packet/").content.decode()
    assert task_status(html, "records-health") == "In progress"
    for item in ITEMS_BY_GROUP["health"]:
        with_packet.post(f"/packet/items/{item.key}/", {"status": "na", "note": ""})
    with_packet.post("/packet/questions/", {"action": "add", "text": "Can I bring my son?"})
    html = with_packet.get("/packet/").content.decode()
    assert task_status(html, "records-health") == "Done"
    assert task_status(html, "questions") == "In progress"
    with_packet.post("/packet/questions/", {"action": "done"})
    assert task_status(with_packet.get("/packet/").content.decode(), "questions") == "Done"


def test_a_full_packet_has_every_task_done(full) -> None:
    client, _packet = full
    html = client.get("/packet/").content.decode()
    for key in ["answers", "questions", "details", "letter", "insurance"]:
        assert task_status(html, key) == "Done", key


def test_every_old_address_still_answers(with_packet: Client) -> None:
    for url in ["/packet/", "/packet/questions/", "/packet/details/", "/packet/letter/"]:
        assert with_packet.get(url).status_code == 200, url
    assert with_packet.get("/packet/insurance/").status_code == 200
    assert with_packet.get("/packet/packet.pdf").status_code == 200
    assert with_packet.get("/packet/delete/").status_code == 200
    assert Client().get("/checklist.pdf").status_code == 200
    response = with_packet.post("/packet/items/medicines/", {"status": "have"})
    assertRedirects(
        response, "/packet/records/health/#item-medicines", fetch_redirect_response=False
    )


# --- Records: Save and continue, and the autosave ------------------------------


def test_save_and_continue_saves_every_item_on_the_page(with_packet: Client) -> None:
    # Finding 1: nothing saved unless each item's own Save was pressed.
    data = {}
    for item in ITEMS_BY_GROUP["pathology"]:
        data[f"{item.key}-status"] = "asked"
        data[f"{item.key}-note"] = f"Called about {item.key}"
    response = with_packet.post("/packet/records/pathology/", data)
    assertRedirects(response, "/packet/records/biomarkers/", fetch_redirect_response=False)
    saved = dict(ChecklistEntry.objects.values_list("item_key", "note"))
    assert saved == {
        "pathology-report": "Called about pathology-report",
        "pathology-slides": "Called about pathology-slides",
    }


def test_save_and_continue_on_the_last_group_goes_to_questions(with_packet: Client) -> None:
    response = with_packet.post(
        "/packet/records/contact/", {"doctor-contact-status": "have", "doctor-contact-note": ""}
    )
    assertRedirects(response, "/packet/questions/", fetch_redirect_response=False)


def test_one_refused_note_keeps_every_typed_text_and_saves_nothing(with_packet: Client) -> None:
    response = with_packet.post(
        "/packet/records/pathology/",
        {
            "pathology-report-status": "have",
            "pathology-report-note": "kept words",
            "pathology-slides-status": "asked",
            "pathology-slides-note": "z" * 501,
        },
        follow=True,
    )
    assert response.status_code == 200
    assertContains(response, "There is a problem")
    assertContains(response, "kept words")
    assertContains(response, "z" * 501)
    assertContains(response, 'aria-describedby="note-hint-pathology-slides note-error-')
    assert not ChecklistEntry.objects.exists()


def test_the_autosave_changes_only_the_message_and_announces_it(with_packet: Client) -> None:
    # The task page's own field names, as htmx sends them on change.
    response = with_packet.post(
        "/packet/items/imaging-disc/",
        {"imaging-disc-status": "asked", "imaging-disc-note": "Radiology called"},
        **HX,
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "<textarea" not in html  # what the patient is typing is never replaced
    assert 'id="item-imaging-disc-message"' in html and "Saved" in html
    assert 'hx-swap-oob="innerHTML:#live-status"' in html
    assert "Saved: The scan images themselves, Asked for it." in html
    assert "HX-Request" in response["Vary"]
    entry = ChecklistEntry.objects.get()
    assert (entry.status, entry.note) == ("asked", "Radiology called")


def test_the_group_page_wires_the_autosave_to_each_item(with_packet: Client) -> None:
    html = with_packet.get("/packet/records/staging/").content.decode()
    for item in ITEMS_BY_GROUP["staging"]:
        block = html.split(f'id="item-{item.key}"')[1].split("</fieldset>")[0]
        assert f'hx-post="/packet/items/{item.key}/"' in block
        assert 'hx-trigger="change, input delay:800ms"' in block
        assert "data-autosave" in block
    assert "data-warn-unsaved" in html
    assert '<button type="submit">Save and continue</button>' in html
    assert 'aria-live="polite"' in html


def test_a_refused_autosave_says_why_and_is_not_counted_as_saved(with_packet: Client) -> None:
    response = with_packet.post(
        "/packet/items/medicines/", {"status": "asked", "note": "y" * 600}, **HX
    )
    assertContains(response, "Note must be 500 characters or fewer. It has 600.")
    assert response["X-Autosave"] == "refused"
    assert not ChecklistEntry.objects.exists()


def test_an_overlong_note_without_javascript_comes_back_with_the_text(with_packet: Client) -> None:
    with_packet.post("/packet/items/medicines/", {"status": "have", "note": "first note"})
    long_note = "x" * 501
    response = with_packet.post(
        "/packet/items/medicines/", {"status": "asked", "note": long_note}, follow=True
    )
    assertContains(response, "Note must be 500 characters or fewer. It has 501.")
    assertContains(response, long_note)
    entry = ChecklistEntry.objects.get(item_key="medicines")
    assert (entry.status, entry.note) == ("have", "first note")


@pytest.mark.parametrize("status", ["", "done", "HAVE", "<b>"])
def test_a_bad_status_is_refused(with_packet: Client, status: str) -> None:
    response = with_packet.post(
        "/packet/items/medicines/", {"status": status, "note": "kept"}, follow=True
    )
    assertContains(response, "Choose where you are with this item.")
    assertContains(response, "kept")
    assert not ChecklistEntry.objects.exists()


def test_unknown_item_and_group_are_404(with_packet: Client) -> None:
    assert with_packet.post("/packet/items/not-an-item/", {"status": "have"}).status_code == 404
    assert with_packet.get("/packet/records/not-a-group/").status_code == 404


def test_saving_without_a_packet_creates_nothing(client: Client, db) -> None:
    # Refused with a page that says so, never a silent redirect (#24 item 5).
    response = client.post("/packet/items/medicines/", {"status": "have"})
    assert response.status_code == 200 and "Not saved" in response.content.decode()
    response = client.post("/packet/records/health/", {"medicines-status": "have"})
    assert response.status_code == 200 and "Not saved" in response.content.decode()
    assert not Packet.objects.exists() and not ChecklistEntry.objects.exists()


def test_two_tabs_changing_different_items_keep_both(with_packet: Client) -> None:
    tab_two = Client()
    tab_two.cookies = with_packet.cookies
    with_packet.post("/packet/items/medicines/", {"status": "have", "note": "tab one"})
    tab_two.post("/packet/items/blood-tests/", {"status": "asked", "note": "tab two"})
    statuses = dict(ChecklistEntry.objects.values_list("item_key", "status"))
    assert statuses == {"medicines": "have", "blood-tests": "asked"}


def test_flags_never_print_a_reason_of_their_own(full) -> None:
    client, _packet = full
    html = client.get("/packet/records/pathology/").content.decode()
    assert "Important for you:</strong> it follows your questionnaire answers." in html


# --- Questions (finding 6) -------------------------------------------------------


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


def test_adding_a_question_returns_to_the_same_place_not_the_top(with_packet: Client) -> None:
    response = with_packet.post("/packet/questions/", {"action": "add", "text": "Mine?"})
    assertRedirects(response, "/packet/questions/#own", fetch_redirect_response=False)
    response = with_packet.post(
        "/packet/questions/", {"action": "suggest", "suggestion": "aim-of-each"}
    )
    assertRedirects(response, "/packet/questions/#my-questions", fetch_redirect_response=False)


def test_the_questions_page_has_a_done_that_moves_on(with_packet: Client) -> None:
    page = with_packet.get("/packet/questions/")
    assertContains(page, 'name="action" value="done"')
    response = with_packet.post("/packet/questions/", {"action": "done"})
    assertRedirects(response, "/packet/details/", fetch_redirect_response=False)
    assert Packet.objects.get().questions_done


def test_the_question_box_states_its_limit_up_front_and_counts(with_packet: Client) -> None:
    html = with_packet.get("/packet/questions/").content.decode()
    box = re.search(r"<textarea[^>]*>", html).group(0)
    assert 'maxlength="300"' in box and "data-count" in box
    assert 'aria-describedby="own-question-hint"' in box
    assert 'id="own-question-hint">Up to 300 characters.' in html


def test_a_suggestion_is_added_once(with_packet: Client) -> None:
    for _ in range(2):
        with_packet.post("/packet/questions/", {"action": "suggest", "suggestion": "side-effects"})
    assert PacketQuestion.objects.count() == 1


def test_an_overlong_question_is_refused_and_the_list_kept(with_packet: Client) -> None:
    with_packet.post("/packet/questions/", {"action": "add", "text": "Short one?"})
    response = with_packet.post(
        "/packet/questions/", {"action": "add", "text": "q" * 301}, follow=True
    )
    assertContains(response, "Your question must be 300 characters or fewer. It has 301.")
    assertContains(response, "q" * 301)
    assert list(PacketQuestion.objects.values_list("text", flat=True)) == ["Short one?"]


def test_questions_stop_at_the_limit(with_packet: Client) -> None:
    for n in range(20):
        with_packet.post("/packet/questions/", {"action": "add", "text": f"Question {n}?"})
    response = with_packet.post(
        "/packet/questions/", {"action": "add", "text": "One more?"}, follow=True
    )
    assertContains(response, "You can keep up to 20 questions.")
    assert PacketQuestion.objects.count() == 20


# --- Details and dates (finding 3) ------------------------------------------------


DETAILS = {
    "name": "Ana Diaz",
    "date_of_birth": "03/14/1961",
    "address": "12 Elm Street, Springfield",
    "phone": "555-0100",
    "records_office": "Mercy Records",
    "records_office_address": "400 Main Street",
    "first_doctor": "Dr. Lee",
    "doctor_contact": "Fax 555-0199",
    "center": "City Cancer Center",
    "appointment_date": (date.today() + timedelta(days=30)).strftime("%m/%d/%Y"),
    "cancer_type": "Lymphoma",
}


def test_details_save_every_field_and_continue_to_the_letter(with_packet: Client) -> None:
    response = with_packet.post("/packet/details/", DETAILS)
    assertRedirects(response, "/packet/letter/", fetch_redirect_response=False)
    packet = Packet.objects.get()
    assert packet.date_of_birth == date(1961, 3, 14)
    for name in ["name", "address", "phone", "records_office", "records_office_address"]:
        assert getattr(packet, name) == DETAILS[name]


def test_the_date_is_three_boxes_and_shows_back_what_was_saved(with_packet: Client) -> None:
    html = with_packet.get("/packet/details/").content.decode()
    for n, part in enumerate(["month", "day", "year"]):
        box = re.search(rf'<input[^>]*name="date_of_birth_{part}"[^>]*>', html).group(0)
        assert 'type="text"' in box and 'inputmode="numeric"' in box  # no picker
        assert f'id="id_date_of_birth_{n}"' in box
    assert 'aria-describedby="id_date_of_birth-hint"' in html  # on the fieldset
    assert 'id="id_date_of_birth-hint">For example, 3 14 1961' in html
    with_packet.post("/packet/details/", DETAILS)
    html = with_packet.get("/packet/details/").content.decode()
    assert 'name="date_of_birth_month" value="3"' in html
    assert 'name="date_of_birth_day" value="14"' in html
    assert 'name="date_of_birth_year" value="1961"' in html


def test_a_bad_date_is_announced_through_ids_that_exist(with_packet: Client) -> None:
    parts = {"date_of_birth_month": "14", "date_of_birth_day": "14", "date_of_birth_year": "1961"}
    body = {**DETAILS, **parts}
    del body["date_of_birth"]
    response = with_packet.post("/packet/details/", body, follow=True)
    html = response.content.decode()
    group = re.search(r'<fieldset class="date-field"[^>]*id="id_date_of_birth"[^>]*>', html).group(
        0
    )
    described = re.search(r'aria-describedby="([^"]+)"', group).group(1).split()
    assert described == ["id_date_of_birth-hint", "id_date_of_birth-error"]
    for id_ in described:
        assert f'id="{id_}"' in html
    box = re.search(r'<input[^>]*name="date_of_birth_month"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in box
    assert "Date of birth must be a real date." in html
    assert 'href="#id_date_of_birth_0"' in html  # the error summary links to the month box
    assert Packet.objects.get().name == ""


def test_the_insurance_date_takes_the_same_format(with_packet: Client) -> None:
    day = date.today() - timedelta(days=2)
    parts = {"call_date_month": day.month, "call_date_day": day.day, "call_date_year": day.year}
    response = with_packet.post("/packet/insurance/", {**parts, "notes": "ok"})
    assertRedirects(response, "/packet/check/", fetch_redirect_response=False)
    assert InsuranceCall.objects.get().call_date == day


# --- Check and download -------------------------------------------------------


def test_the_check_page_shows_what_will_print_with_change_links(full) -> None:
    client, _packet = full
    response = client.get("/packet/check/")
    for text in [
        "My note on pathology report.",
        "What are all my treatment choices, including clinical trials?",
        "Ana María Díaz",
        "Letter to the records office",
        "Jordan at member services",
        'href="/packet/packet.pdf?paper=letter"',
        'href="/packet/packet.pdf?paper=a4"',
        "What happens next",
    ]:
        assertContains(response, text)
    html = response.content.decode()
    for url in ["/packet/answers/", "/packet/questions/", "/packet/letter/"]:
        assert f'href="{url}">Change' in html
    assert 'href="/packet/details/#id_name">Change' in html
    for group in GROUPS:
        assert f'href="/packet/records/{group.key}/">Change' in html


def test_the_check_page_shows_typed_text_as_text_and_names_what_is_missing(full) -> None:
    client, packet = full
    ChecklistEntry.objects.filter(packet=packet, item_key="pathology-report").update(
        note="Ask for <b>both</b> reports & the addendum"
    )
    Packet.objects.filter(pk=packet.pk).update(mrn="", address="12 Elm Street\nApt 4")
    html = client.get("/packet/check/").content.decode()
    assert "Ask for &lt;b&gt;both&lt;/b&gt; reports &amp; the addendum" in html
    assert "<b>both</b>" not in html
    # An address keeps its lines; a detail left empty says so, and where to add it.
    assert "12 Elm Street<br>Apt 4" in html
    row = html.split("<dt>Medical record number")[1].split("</div>")[0]
    assert '<span class="summary-missing">Not given</span>' in row
    assert 'href="/packet/details/#id_mrn">Change<span class="visually-hidden"> Medical' in row


# --- Query counts: each page builds only what it shows -------------------------


@pytest.mark.parametrize("prefix", ["", "/es"], ids=["en", "es"])
@pytest.mark.parametrize(
    ("page", "most"),
    [
        # Each page: the session, the packet, the content release (once a
        # minute per process, every time here), then what it shows. The task
        # list reads answers, entries, questions and the call in one query.
        ("", 4),
        ("answers/", 5),
        ("records/pathology/", 4),
        ("questions/", 4),
        ("details/", 3),
        ("letter/", 4),
        ("insurance/", 4),
        # The checklist's statuses and the saved requests (three rows at most).
        ("requests/", 5),
        # Answers and entries in one query, then questions, the call and the
        # saved requests: never the value ratings or the letters' wording.
        ("check/", 7),
    ],
)
def test_each_page_needs_few_queries(
    full, django_assert_max_num_queries, prefix: str, page: str, most: int
) -> None:
    client, _packet = full
    with django_assert_max_num_queries(most):
        assert client.get(f"{prefix}/packet/{page}").status_code == 200


@pytest.mark.parametrize("prefix", ["", "/es"], ids=["en", "es"])
def test_an_item_save_gathers_nothing_else(full, django_assert_max_num_queries, prefix) -> None:
    client, _packet = full
    # Session, packet, the item's saved row (so a stale page cannot put back
    # an older value: checklists/merge.py), the upsert, the change time, the
    # session's new expiry (plus the session save's savepoint): never the
    # checklist, answers or letters.
    with django_assert_max_num_queries(8):
        client.post(f"{prefix}/packet/items/medicines/", {"status": "have", "note": "n"}, **HX)


def test_purge_never_imports_a_view() -> None:
    code = (
        "import os, sys, django; os.environ['DJANGO_SETTINGS_MODULE']='secondopinion.settings';"
        "django.setup(); import packets.management.commands.purge_packets;"
        "print(sorted(m for m in sys.modules if m.startswith(('checklists.', 'questionnaire.',"
        " 'packets.', 'printing.')) and m.endswith('views')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_delete_removes_the_packet(with_packet: Client) -> None:
    with_packet.post("/packet/items/medicines/", {"status": "have"})
    response = with_packet.post("/packet/delete/")
    assertContains(response, "Your packet was deleted")
    assert not Packet.objects.exists() and not ChecklistEntry.objects.exists()
    assert all(item.key for item in ITEMS)


@pytest.mark.parametrize("url", ["/packet/", "/packet/answers/", "/packet/check/"])
def test_the_urgency_notice_comes_first(full, url: str) -> None:
    from django.template.loader import render_to_string

    client, _packet = full
    client.post("/questionnaire/urgency/", {"answer": "yes"})
    client.post("/packet/insurance/", {"notes": "a saved message shows too"})
    notice = render_to_string("questionnaire/_urgent_notice.html", {"urgent": "yes"}).strip()
    html = client.get(url).content.decode()
    main = html.split('<main id="main"')[1]
    assert notice in main
    # Right under the page's heading, before everything else the page says.
    after_heading = main.split("</h1>", 1)[1]
    assert after_heading.strip().startswith(notice)
