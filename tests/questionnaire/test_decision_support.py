"""IPDAS decision support: urgency first, both options, values, SURE, tailored checklist."""

import io
import re

import pytest
from django.core.cache import cache
from django.test import Client
from pypdf import PdfReader
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from checklists import records
from checklists.models import InsuranceCall
from guides.markdown import reading_grade
from questionnaire import decision, situations
from questionnaire.models import Answer, ValueRating

HX = {"HTTP_HX_REQUEST": "true"}
KEYS = situations.KEYS


def begin(client: Client) -> None:
    client.post("/questionnaire/")


def finish_nine(client: Client, **answers: str) -> None:
    for key in KEYS:
        client.post(f"/questionnaire/{key}/", {"answer": answers.get(key.replace("-", "_"), "no")})


# --- Pure functions ----------------------------------------------------------


@pytest.mark.parametrize(("value", "urgent"), [("yes", "yes"), ("unsure", "unsure"), ("no", "")])
def test_urgency_branch(value: str, urgent: str) -> None:
    assert decision.urgent({"urgency": value}) == urgent
    assert decision.urgent({}) == ""


def test_values_are_ranked_most_important_first() -> None:
    ranked = decision.ranked_values({"travel-and-cost": 1, "every-option": 3, "start-soon": 3})
    assert [value.key for value, _, _ in ranked] == [
        "start-soon",
        "every-option",
        "travel-and-cost",
    ]
    assert ranked[0][2] == "Very important"


def test_each_sure_no_leads_to_a_next_step() -> None:
    gaps = decision.sure_gaps(
        {"sure-sure": "yes", "sure-understand": "no", "sure-encouragement": "no"}
    )
    assert [item.letter for item in gaps] == ["U", "E"]
    assert all(item.next_step and item.guide_slug for item in gaps)


def test_checklist_follows_the_answers() -> None:
    flagged = records.highlights(
        {
            "surgery-first": "yes",
            "clinical-trial": "unsure",
            "few-options": "yes",
            "rare-cancer": "no",
        }
    )
    # A planned surgery flags what it is planned from; a Not sure flags nothing.
    assert {"imaging-disc", "treatment-plan", "molecular-report"} <= set(flagged)
    assert flagged["imaging-disc"] == ["surgery-first"]
    assert "operative-report" not in flagged and "trial-details" not in flagged
    assert "pathology-slides" not in flagged
    assert records.highlights({}) == {}


def test_every_highlight_points_at_real_items_and_situations() -> None:
    for situation_key, item_keys in records.HIGHLIGHTS.items():
        assert situation_key in situations.BY_KEY
        assert set(item_keys) <= set(records.ITEMS_BY_KEY)


def test_both_options_are_given_in_equal_detail() -> None:
    first, second = decision.OPTIONS
    assert len(first.benefits) == len(first.downsides) == len(second.benefits)
    assert len(second.benefits) == len(second.downsides)


def test_the_urgent_path_puts_starting_now_first_and_never_calls_waiting_safe() -> None:
    options = decision.options_for("yes")
    assert [o.key for o in options] == ["alongside", "before", "go-ahead"]
    assert "alongside it or after the first phase" in str(options[0].title)
    assert "Only if your care team says it is safe to wait" in str(options[1].urgent_caveat)
    assert decision.options_for("") == decision.OPTIONS


PATIENT_TEXTS = [
    *(str(t) for s in situations.SITUATIONS for t in (s.question, s.help, s.why, s.action, s.ask)),
    *(str(t) for i in records.ITEMS for t in (i.title, i.what, i.where)),
    *(str(q.text) for q in records.SUGGESTED_QUESTIONS),
    *(str(v.statement) for v in decision.VALUES),
    *(str(t) for i in decision.SURE_ITEMS for t in (i.question, i.next_step)),
    *(
        str(t)
        for o in decision.URGENT_OPTIONS
        for t in (o.title, o.what, *o.benefits, *o.downsides, o.urgent_caveat)
    ),
    str(decision.URGENCY_QUESTION),
    str(decision.URGENCY_HELP),
    str(decision.URGENCY_WHY),
    *(str(t) for t in decision.URGENCY_STEPS),
    *(str(t) for t in decision.URGENT_CANCERS),
    *(str(t) for t in (*decision.URGENCY_TITLE.values(), *decision.URGENCY_LEAD.values())),
    str(decision.EMERGENCY),
    *(str(t) for t in (decision.SAFE_TO_WAIT, decision.SAFE_TO_WAIT_MINE)),
    *(str(t) for t in (decision.EMERGENCY_MINE, decision.URGENT_HEADLINE, decision.BEFORE.caveat)),
    *(str(label) for _value, label in decision.URGENCY_CHOICES),
    str(decision.EVIDENCE_NOTE),
    str(decision.ARTICLE_VIEW),
    *(str(s.unsure_label) for s in situations.SITUATIONS),
]


def test_help_texts_read_at_grade_eight_or_lower() -> None:
    grade = reading_grade("\n\n".join(PATIENT_TEXTS))
    print(f"questionnaire and packet texts: Flesch-Kincaid grade {grade}")
    assert grade <= 8


def test_decision_texts_never_direct_or_dismiss() -> None:
    forbidden = re.compile(r"you should|you must|unnecessary|no need for", re.IGNORECASE)
    for text in PATIENT_TEXTS:
        assert not forbidden.search(text), text


# --- Urgency check ------------------------------------------------------------


def test_start_leads_to_the_urgency_check_first(patient: Client) -> None:
    response = patient.post("/questionnaire/")
    assertRedirects(response, "/questionnaire/urgency/", fetch_redirect_response=False)
    page = patient.get("/questionnaire/urgency/")
    assertContains(page, "Step 1 of 15: timing")
    assertContains(page, "must start right away")
    assert patient.get(f"/questionnaire/{KEYS[0]}/").status_code == 302


def test_urgent_answer_shows_how_to_move_quickly_then_continues(patient: Client) -> None:
    begin(patient)
    response = patient.post("/questionnaire/urgency/", {"answer": "yes"})
    assertRedirects(response, "/questionnaire/urgency/advice/", fetch_redirect_response=False)
    advice = patient.get("/questionnaire/urgency/advice/")
    assertContains(advice, str(decision.SAFE_TO_WAIT))
    assertContains(advice, "sent ahead")
    assertContains(advice, "without a visit")
    assertContains(advice, f'href="/questionnaire/{KEYS[0]}/"')
    assert patient.get(f"/questionnaire/{KEYS[0]}/").status_code == 200


def test_urgent_answer_with_htmx_swaps_in_the_advice(patient: Client) -> None:
    begin(patient)
    response = patient.post("/questionnaire/urgency/", {"answer": "unsure"}, **HX)
    assert response["HX-Push-Url"] == "/questionnaire/urgency/advice/"
    assert "<html" not in response.content.decode()
    assertContains(response, "If treatment must start soon")


def test_not_urgent_goes_straight_to_the_first_question(patient: Client) -> None:
    begin(patient)
    response = patient.post("/questionnaire/urgency/", {"answer": "no"}, **HX)
    assert response["HX-Push-Url"] == f"/questionnaire/{KEYS[0]}/"
    assertContains(response, "Step 2 of 15")


def test_result_shows_both_options_when_treatment_can_wait(patient: Client) -> None:
    begin(patient)
    patient.post("/questionnaire/urgency/", {"answer": "no"})
    finish_nine(patient)
    response = patient.get("/questionnaire/result/")
    assertNotContains(response, "must start right away")
    assertContains(response, "Get a second opinion before treatment starts")
    assertContains(response, "Go ahead with the current plan")
    assertContains(
        response,
        "Both are reasonable choices once your care team says that waiting a few weeks is safe",
    )
    assertContains(response, "Possible downsides", count=2)
    assertContains(response, "What studies show")
    assertContains(response, "12 to 69 out of 100")
    assertContains(response, "If the two opinions differ")
    assertContains(response, 'href="/questionnaire/values/"')
    assertNotContains(response, "you should")


def test_start_page_states_the_decision_and_both_options(client: Client, db) -> None:
    response = client.get("/questionnaire/")
    assertContains(response, "The choice in front of you")
    assertContains(response, "Go ahead with the current plan")


# --- Values and SURE ------------------------------------------------------------


def test_values_are_stored_as_rows_and_lead_to_sure(patient: Client) -> None:
    begin(patient)
    response = patient.post(
        "/questionnaire/values/", {"sure-of-diagnosis": "3", "travel-and-cost": "0"}
    )
    assertRedirects(response, "/questionnaire/sure/", fetch_redirect_response=False)
    assert dict(ValueRating.objects.values_list("key", "rating")) == {
        "sure-of-diagnosis": 3,
        "travel-and-cost": 0,
    }
    page = patient.get("/questionnaire/values/")
    assertContains(page, 'value="3" checked')


def test_values_with_htmx_swap_in_the_sure_test(patient: Client) -> None:
    begin(patient)
    response = patient.post("/questionnaire/values/", {"every-option": "2"}, **HX)
    assert response["HX-Push-Url"] == "/questionnaire/sure/"
    assertContains(response, "Do you feel ready to decide?")
    assert "<html" not in response.content.decode()


@pytest.mark.parametrize("rating", ["4", "-1", "very", "9" * 50])
def test_a_bad_rating_is_refused_and_nothing_stored(patient: Client, rating: str) -> None:
    begin(patient)
    patient.post("/questionnaire/values/", {"start-soon": "1"})
    response = patient.post("/questionnaire/values/", {"start-soon": rating}, follow=True)
    assert response.status_code == 200
    assertContains(response, "Choose how much this matters to you.")
    assert dict(ValueRating.objects.values_list("key", "rating")) == {"start-soon": 1}


def test_sure_answers_are_stored_and_each_no_gets_a_next_step(patient: Client) -> None:
    begin(patient)
    answers = {
        "sure-sure": "yes",
        "sure-understand": "no",
        "sure-risk-benefit": "yes",
        "sure-encouragement": "no",
    }
    response = patient.post("/questionnaire/sure/", answers)
    assertRedirects(response, "/questionnaire/ready/", fetch_redirect_response=False)
    assert (
        dict(Answer.objects.filter(key__startswith="sure-").values_list("key", "value")) == answers
    )
    page = patient.get("/questionnaire/ready/")
    assertContains(page, "You answered “No” to 2 of the 4 questions.")
    assertContains(page, "Ask your care team to explain each option")
    assertContains(page, "nurse navigator")
    assertContains(page, "not medical advice")


def test_sure_with_htmx_swaps_in_the_next_steps(patient: Client) -> None:
    begin(patient)
    answers = dict.fromkeys(decision.SURE_KEYS, "yes")
    response = patient.post("/questionnaire/sure/", answers, **HX)
    assert response["HX-Push-Url"] == "/questionnaire/ready/"
    assertContains(response, "You may feel ready to make your choice")


def test_sure_needs_all_four_answers(patient: Client) -> None:
    begin(patient)
    response = patient.post(
        "/questionnaire/sure/", {"sure-sure": "yes", "sure-understand": "maybe"}, follow=True
    )
    assertContains(response, "Answer Yes or No.", count=6)
    assert not Answer.objects.filter(key__startswith="sure-").exists()
    assertRedirects(
        patient.get("/questionnaire/ready/"), "/questionnaire/sure/", fetch_redirect_response=False
    )


def test_values_and_sure_need_a_packet(client: Client, db) -> None:
    for url in ["/questionnaire/values/", "/questionnaire/sure/", "/questionnaire/ready/"]:
        assertRedirects(client.get(url), "/questionnaire/", fetch_redirect_response=False)


# --- Packet: tailored checklist, insurance call, PDF ------------------------------


@pytest.fixture
def decided(patient: Client) -> Client:
    cache.clear()
    begin(patient)
    patient.post("/questionnaire/urgency/", {"answer": "no"})
    finish_nine(patient, surgery_first="yes", clinical_trial="yes")
    patient.post("/questionnaire/values/", {"sure-of-diagnosis": "3", "start-soon": "1"})
    patient.post(
        "/questionnaire/sure/",
        {
            "sure-sure": "no",
            "sure-understand": "yes",
            "sure-risk-benefit": "yes",
            "sure-encouragement": "yes",
        },
    )
    patient.post(
        "/packet/insurance/",
        {
            "call_date": "",
            "spoke_to": "Jordan at member services",
            "reference": "REF-55102",
            "covered": "partly",
            "referral_needed": "yes",
            "in_network": "",
            "notes": "Call back Monday",
        },
    )
    return patient


def test_packet_flags_items_that_follow_the_answers(decided: Client) -> None:
    staging = decided.get("/packet/records/staging/").content.decode()
    surgery = staging.split('id="item-imaging-disc"')[1].split("</fieldset>")[0]
    # The flag is shown; the reason is the questionnaire's to word, not the checklist's.
    assert "Important for you" in surgery
    assert "Surgery is the main treatment in your plan" not in surgery
    # The operation has not happened yet: its notes are not flagged.
    notes = staging.split('id="item-operative-report"')[1].split("</fieldset>")[0]
    assert "Important for you" not in notes
    plan = decided.get("/packet/records/plan/").content.decode()
    trial = plan.split('id="item-trial-details"')[1].split("</fieldset>")[0]
    assert "Important for you" in trial
    health = decided.get("/packet/records/health/").content.decode()
    medicines = health.split('id="item-medicines"')[1].split("</fieldset>")[0]
    assert "Important for you" not in medicines
    pathology = decided.get("/packet/records/pathology/").content.decode()
    assert "Pathology lab" in pathology  # each item names who usually holds it


def test_packet_shows_what_matters_most(decided: Client) -> None:
    page = decided.get("/packet/answers/")
    assertContains(page, "What matters most to me")
    assertContains(
        page, "Being sure my diagnosis is right: <strong>Very important</strong>", html=False
    )
    assertContains(page, "S: No")


def test_insurance_call_is_saved_and_bounded(decided: Client) -> None:
    call = InsuranceCall.objects.get()
    assert (call.spoke_to, call.reference, call.covered) == (
        "Jordan at member services",
        "REF-55102",
        "partly",
    )
    response = decided.post(
        "/packet/insurance/",
        {
            "call_date_month": "x",
            "call_date_day": "1",
            "call_date_year": "2026",
            "reference": "x" * 61,
        },
        follow=True,
    )
    assertContains(response, "There is a problem")
    assertContains(response, "Date of the call must be a real date. Use numbers only.")
    assertContains(response, "Reference or call number must be 60 characters or fewer. It has 61.")
    assert InsuranceCall.objects.get().reference == "REF-55102"
    assertContains(
        decided.get("/packet/insurance/"),
        "Is the cancer center or doctor I want to see in my network?",
    )


def test_pdf_carries_values_sure_and_the_call_log(decided: Client) -> None:
    content = decided.get("/packet/packet.pdf").content
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    for words in [
        "What matters most to me",
        "Being sure my diagnosis is right: Very important",
        "Do you feel sure about the best choice for you? No",
        "SURE test",
        "Jordan at member services",
        "REF-55102",
        "Partly, or it depends",
        "Call back Monday",
        "Important for me",
        "If the two opinions differ",
        "tumor board",
    ]:
        assert words in text, words
