"""Safe whatever the urgency answer: a "No" is no promise that waiting is safe.

Every answer to "must your treatment start right away?" (Yes, No, Not sure)
leads to a result, packet pages and a PDF that say to ask the care team
whether waiting is safe, and which signs cannot wait for any appointment.
The urgency question's answers say what each means, so a patient whom no
one has told chooses "Not sure" (the urgent path), not "No". The wording is
written out here, as the patient reads it.
"""

import io
import re

import pytest
from django.core.cache import cache
from django.test import Client
from pypdf import PdfReader
from pytest_django.asserts import assertContains, assertNotContains

from questionnaire import decision
from questionnaire.models import Answer
from questionnaire.situations import ANSWER_VALUES, KEYS

URGENCY = ["yes", "no", "unsure"]
# A mix of the answers: one strong reason (the doctors are unsure of the type
# or stage), none from the rest (a cancer doctor has looked), some Not sure.
MIX = ["no", "yes", "unsure", "yes", "no", "unsure", "no", "no", "no", "no", "no", "no"]

SAFE_TO_WAIT = "Ask your care team whether waiting a few weeks is safe for you."
EMERGENCY = (
    "Some signs cannot wait for any appointment. Call 911 or go to an emergency room now if "
    "you have trouble breathing, or new weakness or numbness in your legs. Do the same if you "
    "lose control of your bladder or bowels, or your face and neck swell."
)
# The PDF speaks as the patient.
SAFE_TO_WAIT_MINE = "I will ask my care team whether waiting a few weeks is safe for me."
EMERGENCY_MINE = (
    "Some signs cannot wait for any appointment. I will call 911 or go to an emergency room "
    "now if I have trouble breathing, or new weakness or numbness in my legs. I will do the "
    "same if I lose control of my bladder or bowels, or my face and neck swell."
)
CANCERS_MINE = (
    "Cancers that often cannot wait: acute leukemias, above all acute promyelocytic leukemia, "
    "which is treated as soon as it is suspected; fast-growing lymphomas, such as Burkitt "
    "lymphoma; cancer emergencies, such as pressure on the spinal cord or a blocked airway; "
    "many cancers in children."
)
HEADLINE = "Get a second opinion alongside treatment, not before it"
HEADLINE_MINE = "I will get a second opinion alongside treatment, not before it"

ES_SAFE_TO_WAIT = "Pregunte a su equipo médico si es seguro para usted esperar unas semanas."
ES_EMERGENCY = (
    "Algunas señales no pueden esperar a ninguna cita. Llame al 911 o vaya ya a una sala de "
    "emergencias si le cuesta respirar, o si siente las piernas débiles o dormidas, y eso es "
    "nuevo. Haga lo mismo si no puede controlar la orina o las heces (evacuaciones), o si se le "
    "hinchan la cara y el cuello."
)
ES_SAFE_TO_WAIT_MINE = (
    "Voy a preguntar a mi equipo médico si es seguro para mí esperar unas semanas."
)
ES_EMERGENCY_MINE = (
    "Algunas señales no pueden esperar a ninguna cita. Voy a llamar al 911 o ir ya a una sala de "
    "emergencias si me cuesta respirar, o si siento las piernas débiles o dormidas, y eso es "
    "nuevo. Haré lo mismo si no puedo controlar la orina o las heces (evacuaciones), o si se me "
    "hinchan la cara y el cuello."
)
ES_HEADLINE = "Pida una segunda opinión durante el tratamiento, no antes"
ES_HEADLINE_MINE = "Voy a pedir una segunda opinión durante el tratamiento, no antes"


@pytest.fixture(autouse=True)
def empty_cache(db) -> None:
    cache.clear()


def answered(client: Client, urgency: str, prefix: str = "") -> Client:
    """Start, answer the urgency question with ``urgency``, then the rest."""
    client.post(f"{prefix}/questionnaire/")
    client.post(f"{prefix}/questionnaire/urgency/", {"answer": urgency})
    for key, value in zip(KEYS, MIX, strict=True):
        client.post(f"{prefix}/questionnaire/{key}/", {"answer": value})
    return client


def main_text(client: Client, address: str) -> str:
    """The words of the page's <main>, tags and runs of spaces gone."""
    response = client.get(address)
    assert response.status_code == 200, address
    main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split()).replace(" .", ".")


def pdf_words(client: Client, prefix: str = "") -> str:
    response = client.get(f"{prefix}/packet/packet.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


PAGES = {
    "result": "/questionnaire/result/",
    "packet task list": "/packet/",
    "answers page": "/packet/answers/",
    "check page": "/packet/check/",
    # Every task page, whatever it is about (includes/task_page.html).
    "records page": "/packet/records/pathology/",
    "questions page": "/packet/questions/",
    "details page": "/packet/details/",
    "letter page": "/packet/letter/",
    "insurance page": "/packet/insurance/",
}


# --- The safety lines, on every path ------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("urgency", URGENCY)
def test_every_page_says_ask_whether_waiting_is_safe_and_when_to_call_911(
    patient: Client, urgency: str, page: str
) -> None:
    text = main_text(answered(patient, urgency), PAGES[page])
    assert SAFE_TO_WAIT in text
    assert EMERGENCY in text


@pytest.mark.parametrize("urgency", URGENCY)
def test_the_pdf_carries_the_safety_lines_and_the_cancers_that_cannot_wait(
    patient: Client, urgency: str
) -> None:
    text = pdf_words(answered(patient, urgency))
    assert SAFE_TO_WAIT_MINE in text
    assert EMERGENCY_MINE in text
    assert CANCERS_MINE in text


def test_the_pdf_carries_the_safety_lines_before_the_questionnaire_is_done(
    patient: Client,
) -> None:
    patient.post("/packet/")
    text = pdf_words(patient)
    assert SAFE_TO_WAIT_MINE in text
    assert EMERGENCY_MINE in text


@pytest.mark.parametrize("page", ["result", "packet task list"])
@pytest.mark.parametrize("urgency", URGENCY)
def test_spanish_pages_carry_the_safety_lines(patient: Client, urgency: str, page: str) -> None:
    text = main_text(answered(patient, urgency, "/es"), "/es" + PAGES[page])
    assert ES_SAFE_TO_WAIT in text
    assert ES_EMERGENCY in text


@pytest.mark.parametrize("urgency", URGENCY)
def test_the_spanish_pdf_carries_the_safety_lines_in_the_first_person(
    patient: Client, urgency: str
) -> None:
    text = pdf_words(answered(patient, urgency, "/es"), "/es")
    assert ES_SAFE_TO_WAIT_MINE in text
    assert ES_EMERGENCY_MINE in text
    assert "Cánceres que a menudo no pueden esperar: las leucemias agudas" in text


# --- The urgency question says what each answer means -----------------------------------


def test_the_urgency_answers_say_what_each_means(patient: Client) -> None:
    patient.post("/questionnaire/")
    response = patient.get("/questionnaire/urgency/")
    assertContains(response, '<label for="answer-yes">Yes, it must start right away</label>')
    assertContains(
        response, '<label for="answer-no">No, they said waiting a few weeks is safe</label>'
    )
    assertContains(response, '<label for="answer-unsure">Not sure, or no one has told me</label>')
    assertContains(response, "If no one on your care team has told you, choose Not sure.")
    # The situations keep plain Yes, No and Not sure.
    patient.post("/questionnaire/urgency/", {"answer": "no"})
    response = patient.get(f"/questionnaire/{KEYS[0]}/")
    for value, label in [("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")]:
        assertContains(response, f'<label for="answer-{value}">{label}</label>')


def test_the_spanish_urgency_answers_say_what_each_means(patient: Client) -> None:
    patient.post("/es/questionnaire/")
    response = patient.get("/es/questionnaire/urgency/")
    for label in [
        "Sí, debe empezar ya",
        "No, me dijeron que es seguro esperar unas semanas",
        "No sé, o nadie me lo ha dicho",
    ]:
        assertContains(response, f">{label}</label>")
    assertContains(response, "Si nadie de su equipo médico se lo ha dicho, elija No sé.")


@pytest.mark.parametrize(
    ("prefix", "message", "not_there"),
    [
        ("", "Choose one answer.", "Choose Yes, No or Not sure."),
        ("/es", "Elija una respuesta.", "Elija Sí, No o No sé."),
    ],
)
@pytest.mark.parametrize("data", [{}, {"answer": "maybe"}])
def test_a_missing_urgency_answer_asks_for_one_answer_and_stores_nothing(
    patient: Client, prefix: str, message: str, not_there: str, data: dict
) -> None:
    patient.post(f"{prefix}/questionnaire/")
    response = patient.post(f"{prefix}/questionnaire/urgency/", data, follow=True)
    # The labels are no longer plain Yes, No and Not sure: the message names none.
    assertContains(response, message, count=2)  # the summary and the field
    assertNotContains(response, not_there)
    assert not Answer.objects.filter(key="urgency").exists()


def test_the_stored_values_keep_their_meaning(patient: Client) -> None:
    assert {value for value, _label in decision.URGENCY_CHOICES} == ANSWER_VALUES
    for urgency in URGENCY:
        patient.post("/questionnaire/")
        patient.post("/questionnaire/urgency/", {"answer": urgency})
        assert Answer.objects.get(key="urgency").value == urgency
        assert decision.urgent({"urgency": urgency}) == ("" if urgency == "no" else urgency)


def test_check_your_answers_shows_the_urgency_answer_as_chosen(patient: Client) -> None:
    answered(patient, "no")
    text = main_text(patient, "/questionnaire/check/")
    assert "No, they said waiting a few weeks is safe" in text


# --- The options box never calls waiting reasonable without the condition ---------------


@pytest.mark.parametrize("address", ["/questionnaire/result/", "/questionnaire/"])
def test_the_options_never_call_both_reasonable_without_safe_to_wait(
    patient: Client, address: str
) -> None:
    text = main_text(answered(patient, "no"), address)
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if "reasonable" in s]
    assert sentences == [
        "Both are reasonable choices once your care team says that waiting a few weeks is safe "
        "for you."
    ]
    # And the "before" option says so for everyone, not only on the urgent path.
    assert (
        "Get a second opinion before treatment starts First ask your care team whether "
        "waiting a few weeks is safe for you." in text
    )


def test_the_spanish_options_never_call_both_sensible_without_safe_to_wait(
    patient: Client,
) -> None:
    text = main_text(answered(patient, "no", "/es"), "/es/questionnaire/result/")
    assert "Las dos son opciones sensatas. " not in text
    assert (
        "Las dos son opciones sensatas cuando su equipo médico le diga que es seguro para usted "
        "esperar unas semanas." in text
    )


# --- The urgent path's headline: alongside treatment, not before it -----------------------


@pytest.mark.parametrize("urgency", ["yes", "unsure"])
def test_the_urgent_headline_says_alongside_treatment(patient: Client, urgency: str) -> None:
    answered(patient, urgency)
    assertContains(
        patient.get("/questionnaire/result/"), f'<h2 class="result-title">{HEADLINE}</h2>'
    )
    assertContains(patient.get("/packet/answers/"), f'<h2 class="result-title">{HEADLINE}</h2>')
    text = pdf_words(patient)
    assert HEADLINE_MINE in text
    # What the answers show is still said, below the headline.
    assert "My answers show a strong reason to get a second opinion." in text


def test_a_change_to_no_gives_the_answers_own_headline_back(patient: Client) -> None:
    answered(patient, "yes")
    patient.post("/questionnaire/urgency/", {"answer": "no", "change": "1"})
    response = patient.get("/questionnaire/result/")
    assertContains(
        response,
        '<h2 class="result-title">Your answers show a strong reason to get a second opinion</h2>',
    )
    assertNotContains(response, HEADLINE)
    assert HEADLINE_MINE not in pdf_words(patient)
    # The safety lines stay.
    assertContains(response, SAFE_TO_WAIT)


@pytest.mark.parametrize("urgency", ["yes", "unsure"])
def test_the_spanish_urgent_headline_says_alongside_treatment(
    patient: Client, urgency: str
) -> None:
    answered(patient, urgency, "/es")
    assertContains(
        patient.get("/es/questionnaire/result/"), f'<h2 class="result-title">{ES_HEADLINE}</h2>'
    )
    assert ES_HEADLINE_MINE in pdf_words(patient, "/es")
