"""#21 findings 2 and 3: the result says what the answers show, and no more;
and the reasons the guides name are asked.

2. A Yes only to "my diagnosis is hard to understand" is a reason of its own
   (a clear explanation), not a "strong reason", not "in doubt", and nothing
   ranks it as where a second opinion "adds the most". The points are not a
   score out of a maximum.
3. "Came back or grew", "the doctors are unsure of the type or stage" and
   "several choices, the pick left to you" are asked; a Yes shows the reason,
   with its guide and source. Questions are worded without negatives, and
   the cancer-doctor question agrees with its help.
"""

import io
import re
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from pypdf import PdfReader

from questionnaire import scoring, situations
from questionnaire.situations import BY_KEY, KEYS, NO, SITUATIONS, UNSURE, YES

SOURCES = tomllib.loads(
    (Path(settings.BASE_DIR) / "guides/content/sources.toml").read_text(encoding="utf-8")
)
SOURCE_KEYS = {entry["key"] for entry in SOURCES["source"]}


def no_reason(key: str) -> str:
    """The answer to ``key`` that points to no reason (No, or Yes where a No is the reason)."""
    return YES if getattr(BY_KEY[key], "reason_answer", YES) == NO else NO


def answer(client: Client, prefix: str = "", **changes: str) -> Client:
    """Start, say treatment can wait, and answer every question with no reason but ``changes``."""
    client.post(f"{prefix}/questionnaire/")
    client.post(f"{prefix}/questionnaire/urgency/", {"answer": NO})
    for key in KEYS:
        value = changes.get(key.replace("-", "_"), no_reason(key))
        response = client.post(f"{prefix}/questionnaire/{key}/", {"answer": value})
        assert response.status_code == 302, key
    return client


def main_text(client: Client, url: str, workings: bool = False) -> str:
    """The page's words; without "How this result was worked out" (which names
    every band and weight, whatever was answered) unless ``workings``."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    main = re.split(r"<main[^>]*>", html, maxsplit=1)[1].split("</main>", 1)[0]
    if not workings:
        main = re.sub(r'<details class="workings">.*?</details>', " ", main, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def pdf_text(client: Client) -> str:
    response = client.get("/packet/packet.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


OVERSTATED = [
    "strong reason",
    "Strong reason",
    "may itself be in doubt",
    "adds the most",
    "often helps",
]


# --- Finding 2: honest about a communication problem ---------------------------


def test_hard_to_understand_alone_is_not_a_strong_reason_or_doubt(patient: Client) -> None:
    answer(patient, unclear_diagnosis=YES)
    text = main_text(patient, "/questionnaire/result/")
    for words in OVERSTATED:
        assert words not in text, words
    assert "Your answers show a reason to get a second opinion" in text
    assert "Your diagnosis is not clear to you" in text
    # What this reason means: a right to a clear explanation, not doubt.
    assert "You have a right to a clear explanation" in text
    assert "does not mean the diagnosis is in doubt" in text
    # Still informs, never dismisses.
    assert "This is not medical advice." in text
    assert "does not diagnose you" in text
    assert "unnecessary" not in text.lower()


def test_the_pdf_says_the_same_for_hard_to_understand(patient: Client) -> None:
    answer(patient, unclear_diagnosis=YES)
    text = pdf_text(patient)
    assert "My answers show a reason to get a second opinion" in text
    assert "My diagnosis is not clear to me (reason)." in text
    for words in OVERSTATED:
        assert words not in text, words


def test_the_result_says_the_weights_are_judgment_outside_the_workings(patient: Client) -> None:
    answer(patient, rare_cancer=YES)
    html = patient.get("/questionnaire/result/").content.decode()
    panel = html.split('class="result-panel"', 1)[1].split("</div>", 1)[0]
    assert "our own judgment" in panel
    assert "No study has ranked these situations" in panel


def test_points_are_not_a_score_out_of_a_maximum(patient: Client) -> None:
    answer(patient, rare_cancer=YES)
    text = main_text(patient, "/questionnaire/result/", workings=True)
    assert re.search(r"\b\d+ of \d+\b", text) is None, re.search(r"\b\d+ of \d+\b", text)
    assert "Points from your answers" in text
    assert "Total" not in text


def test_no_band_summary_claims_a_ranking_the_studies_do_not_make() -> None:
    for band in scoring.BANDS:
        assert "often" not in str(band.summary), band.key
        assert "the most" not in str(band.summary), band.key
    assert situations.BY_KEY["unclear-diagnosis"].weight < scoring.STRONG_WEIGHT
    assert "doubt" not in str(situations.BY_KEY["unclear-diagnosis"].weight_info.reason).replace(
        "does not mean the diagnosis is in doubt", ""
    )


# --- Finding 3: the missing reasons ---------------------------------------------


NEW = [
    (
        "came-back",
        "Your cancer has come back, or grown or spread",
        "My cancer has come back, or grown or spread",
        "/guides/when-cancer-comes-back/",
    ),
    (
        "type-or-stage-unsure",
        "Your doctors are unsure of the type or stage of your cancer",
        "My doctors are unsure of the type or stage of my cancer",
        "/guides/who-should-consider-one/",
    ),
    (
        "several-options",
        "Your doctors offered several treatments and asked you to choose",
        "My doctors offered several treatments and asked me to choose",
        "/guides/who-should-consider-one/",
    ),
]


@pytest.mark.parametrize(("key", "label", "mine", "guide"), NEW)
def test_a_yes_to_a_new_reason_shows_it_on_the_result_and_in_the_pdf(
    patient: Client, key: str, label: str, mine: str, guide: str
) -> None:
    answer(patient, **{key.replace("-", "_"): YES})
    text = main_text(patient, "/questionnaire/result/")
    assert "None of the listed reasons was confirmed" not in text
    assert label in text
    html = patient.get("/questionnaire/result/").content.decode()
    reasons = html.split('<ol class="reasons">', 1)[1].split("</ol>", 1)[0]
    assert f'href="{guide}"' in reasons
    assert 'href="/sources/#' in reasons
    # What the reason means, without calling the diagnosis into doubt.
    assert "How we weigh it:" in reasons
    assert "in doubt" not in reasons
    assert mine in pdf_text(patient)


def test_came_back_and_no_to_all_the_rest_is_not_told_nothing_was_confirmed(
    patient: Client,
) -> None:
    answer(patient, came_back=YES)
    text = main_text(patient, "/questionnaire/result/")
    assert "Your answers show a strong reason to get a second opinion" in text
    assert "None of the listed reasons" not in text


def test_no_reason_anywhere_still_says_a_second_opinion_can_help(patient: Client) -> None:
    answer(patient)
    text = main_text(patient, "/questionnaire/result/")
    assert "None of the listed reasons was confirmed by your answers" in text
    assert "That does not mean a second opinion would not help you." in text


def test_the_new_reasons_show_in_spanish(patient: Client) -> None:
    answer(patient, "/es", came_back=YES)
    text = main_text(patient, "/es/questionnaire/result/")
    assert "Su cáncer volvió, o creció o se extendió" in text
    assert "None of the listed" not in text and "Your cancer" not in text


def test_every_question_has_a_guide_and_a_source_that_exist() -> None:
    from guides.content import guide_files

    slugs = {guide.slug for guide in guide_files()}
    for s in SITUATIONS:
        assert s.guide_slug in slugs, s.key
        assert s.sources, s.key
        assert set(s.sources) <= SOURCE_KEYS, s.key


def test_why_we_ask_names_the_source(patient: Client) -> None:
    answer(patient)
    html = patient.get("/questionnaire/came-back/").content.decode()
    why = html.split('<details class="why">', 1)[1].split("</details>", 1)[0]
    assert 'href="/sources/#oncolink-recurrence"' in why
    assert 'href="/guides/when-cancer-comes-back/"' in why


NEGATIVE = re.compile(r"\b(without|nobody|no one|not|never)\b|, with no\b", re.IGNORECASE)


def test_no_question_is_worded_as_a_negative() -> None:
    for s in SITUATIONS:
        assert not NEGATIVE.search(str(s.question)), s.question


def test_the_cancer_doctor_question_and_its_help_ask_the_same_thing() -> None:
    s = BY_KEY["cancer-doctor-seen"]
    question, help_text = str(s.question), str(s.help)
    assert "[[oncologist]]" in question
    assert "who treats your type" not in question
    # The help says which answer is which, in the question's own words.
    assert "Answer Yes if an oncologist" in help_text
    assert "Answer No if only" in help_text
    # A No is the reason here; a Yes confirms nothing.
    assert scoring.assess({**dict.fromkeys(KEYS, NO), s.key: NO}).reasons == (s,)
    assert scoring.assess({**dict.fromkeys(KEYS, NO), s.key: YES}).reasons == ()
    assert scoring.assess({**dict.fromkeys(KEYS, NO), s.key: UNSURE}).unsure == (s,)


def test_no_to_the_cancer_doctor_question_is_shown_as_its_reason(patient: Client) -> None:
    answer(patient, cancer_doctor_seen=NO)
    text = main_text(patient, "/questionnaire/result/")
    assert "No cancer doctor has looked at your diagnosis and plan" in text
    assert "Your answers show a strong reason to get a second opinion" in text


def test_old_answers_to_the_reworded_cancer_doctor_question_are_not_reused(
    patient: Client,
) -> None:
    """Its question and help disagreed, so a stored answer under the old key is
    not read as an answer to the new question: the patient is asked again."""
    from questionnaire.models import Answer

    answer(patient)
    Answer.objects.filter(key="cancer-doctor-seen").update(key="no-cancer-specialist")
    response = patient.get("/questionnaire/result/")
    assert response.status_code == 302
    assert response["Location"] == "/questionnaire/cancer-doctor-seen/"


@pytest.mark.parametrize("old", ["no-cancer-specialist", "not-cancer-specialist"])
def test_the_old_addresses_lead_to_the_new_cancer_doctor_question(client: Client, old) -> None:
    response = client.get(f"/questionnaire/{old}/")
    assert response.status_code == 301
    assert response["Location"] == "/questionnaire/cancer-doctor-seen/"


def test_the_records_a_no_to_the_cancer_doctor_question_makes_important() -> None:
    """The packet's "Important for me" follows the answer that gives the reason."""
    from checklists import records

    assert (
        "cancer-doctor-seen" in records.highlights({"cancer-doctor-seen": NO})["pathology-slides"]
    )
    assert "pathology-slides" not in records.highlights({"cancer-doctor-seen": YES})
    assert "no-cancer-specialist" not in records.HIGHLIGHTS
