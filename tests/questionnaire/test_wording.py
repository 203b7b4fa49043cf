"""What the result, the packet and the PDF say about the answers.

A "Not sure" reads as a question still open, never as a fact; when treatment
may need to start right away, that comes first, before anything else.
"""

import io
import re

import pytest
from django.core.cache import cache
from django.test import Client
from pypdf import PdfReader

from questionnaire import decision
from questionnaire.situations import KEYS, SITUATIONS

FACTS = [str(s.label) for s in SITUATIONS] + [str(s.mine) for s in SITUATIONS]
URGENCY_FACTS = [
    str(t) for t in (decision.URGENCY_TITLE["yes"], decision.URGENCY_TITLE_MINE["yes"])
]
URGENCY_FACTS += ["You said treatment may need to start right away", "My care team said"]


def answered(client: Client, urgency: str, value: str) -> Client:
    cache.clear()
    client.post("/questionnaire/")
    client.post("/questionnaire/urgency/", {"answer": urgency})
    for key in KEYS:
        client.post(f"/questionnaire/{key}/", {"answer": value})
    return client


def visible_text(html: str) -> str:
    main = re.split(r"<main[^>]*>", html, maxsplit=1)[1].split("</main>", 1)[0]
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", main, flags=re.S)
    text = re.sub(r"<[^>]+>", "\n", text)
    return re.sub(r"[ \t]+", " ", text)


def pdf_text(client: Client) -> str:
    response = client.get("/packet/packet.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def states_as_fact(text: str, fact: str) -> bool:
    """True when a sentence, heading or list item of ``text`` begins with ``fact``."""
    return re.search(r"(^|[.!?:\n•]\s*)" + re.escape(fact), text) is not None


@pytest.mark.parametrize("page", ["/questionnaire/result/", "/packet/"])
def test_not_sure_is_never_shown_as_a_fact_on_the_pages(patient: Client, page: str) -> None:
    answered(patient, "unsure", "unsure")
    text = visible_text(patient.get(page).content.decode())
    for fact in FACTS + URGENCY_FACTS:
        assert not states_as_fact(text, fact), fact
    if page.startswith("/questionnaire"):
        assert "You were not sure whether your cancer is rare" in text
        assert "You were not sure whether your treatment must start right away" in text


def test_not_sure_is_never_printed_as_a_fact_in_the_pdf(patient: Client) -> None:
    answered(patient, "unsure", "unsure")
    text = pdf_text(patient)
    for fact in FACTS + URGENCY_FACTS:
        assert not states_as_fact(text, fact), fact
    assert "I am not sure whether my cancer is rare" in " ".join(text.split())
    assert "I am not sure whether my treatment must start right away" in " ".join(text.split())
    assert "None of the listed reasons was confirmed by my answers" in " ".join(text.split())


def test_a_yes_is_shown_as_what_the_patient_said(patient: Client) -> None:
    answered(patient, "no", "yes")
    text = visible_text(patient.get("/questionnaire/result/").content.decode())
    assert states_as_fact(text, "Your cancer is rare")
    pdf = " ".join(pdf_text(patient).split())
    assert "My cancer is rare" in pdf
    assert "My answers show strong reasons to get a second opinion" in pdf


@pytest.mark.parametrize("urgency", ["yes", "unsure"])
def test_the_result_opens_with_the_urgency_message(patient: Client, urgency: str) -> None:
    answered(patient, urgency, "yes")
    html = patient.get("/questionnaire/result/").content.decode()
    main = html.split('<main id="main"', 1)[1]
    title = str(decision.URGENCY_TITLE[urgency])
    assert main.index(title) < main.index('class="result-panel"')
    assert main.index(title) < main.index("The choice in front of you")
    assert str(decision.EMERGENCY) in main
    assert "Burkitt" in main and "promyelocytic" in main
    # The options: starting now comes first, and waiting is never called reasonable.
    assert "Both are reasonable choices" not in main
    assert main.index("alongside it or after the first phase") < main.index(
        "Get a second opinion before treatment starts"
    )
    assert "Only if your care team says it is safe to wait" in main


@pytest.mark.parametrize("urgency", ["yes", "unsure"])
def test_the_packet_page_and_pdf_open_with_the_urgency_message(
    patient: Client, urgency: str
) -> None:
    answered(patient, urgency, "no")
    main = visible_text(patient.get("/packet/").content.decode())
    title = str(decision.URGENCY_TITLE[urgency])
    first_heading = next(
        line for line in main.splitlines() if line.strip() and line.strip() != "Your packet"
    )
    assert first_heading.strip() == title
    pdf = " ".join(pdf_text(patient).split())
    mine = str(decision.URGENCY_TITLE_MINE[urgency])
    assert pdf.index(mine) < pdf.index("What the reviewers will look at")
    assert pdf.index(mine) < pdf.index("My second opinion packet")


def test_no_urgency_message_when_treatment_can_wait(patient: Client) -> None:
    answered(patient, "no", "no")
    for page in ["/questionnaire/result/", "/packet/"]:
        text = visible_text(patient.get(page).content.decode())
        assert "must start right away" not in text
    assert "must start right away" not in pdf_text(patient)
