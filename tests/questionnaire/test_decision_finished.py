"""Decision support finished (#21 finding 6): values linked to the options, a
counterpart to the reasons, an icon array for "x to y out of 100", and
"Important for me" only where the answers make it so.

The printed result (finding 7's "prints whole") is checked in a real browser:
tests/browser/test_result_prints_browser.py.
"""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains

from checklists import presenters, records
from checklists.models import ChecklistEntry
from guides.markdown import reading_grade
from questionnaire import decision, scoring, situations
from questionnaire.situations import KEYS, NO, UNSURE, YES
from tests.printing.test_packet_pdf import pdf_text
from tests.spanish import FAIRLY_EASY, fernandez_huerta

SURE_AND_SOON = {"sure-of-diagnosis": "3", "start-soon": "3", "travel-and-cost": "1"}


def answer(client: Client, urgency: str = "no", value: str = "no", prefix: str = "") -> None:
    client.post(f"{prefix}/questionnaire/")
    client.post(f"{prefix}/questionnaire/urgency/", {"answer": urgency})
    for key in KEYS:
        client.post(f"{prefix}/questionnaire/{key}/", {"answer": value})


def section(html: str, heading_id: str) -> str:
    """The text of the <section> a heading with this id opens."""
    start = html.index(f'id="{heading_id}"')
    return re.sub(r"<[^>]+>", "", html[start : html.index("</section>", start)])


# --- 1. Values linked to the options ------------------------------------------------


def test_every_value_names_options_that_exist_and_every_conflict_values_that_exist() -> None:
    option_keys = {option.key for option in decision.URGENT_OPTIONS}
    assert [fit.value for fit in decision.VALUE_FITS] == [value.key for value in decision.VALUES]
    for fit in decision.VALUE_FITS:
        assert fit.options and set(fit.options) <= {o.key for o in decision.OPTIONS}
        assert set(fit.urgent_options) <= option_keys and str(fit.why)
    for tension in decision.TENSIONS:
        assert set(tension.values) <= set(decision.VALUES_BY_KEY) and tension.asks


def test_only_very_important_values_are_linked() -> None:
    found = decision.deliberation({"sure-of-diagnosis": 3, "start-soon": 2}, urgent=False)
    assert [fit.value.key for fit in found.fits] == ["sure-of-diagnosis"]
    assert [option.key for option in found.fits[0].options] == ["before"]
    assert found.tensions == ()
    assert decision.deliberation({}, urgent=False).rated is False


def test_the_urgent_path_never_links_a_value_to_waiting() -> None:
    ratings = dict.fromkeys(decision.VALUES_BY_KEY, 3)
    for fit in decision.deliberation(ratings, urgent=True).fits:
        assert "before" not in [option.key for option in fit.options], fit.value.key
    sure = decision.deliberation({"sure-of-diagnosis": 3}, urgent=True).fits[0]
    assert [option.key for option in sure.options] == ["alongside"]


def test_the_result_links_each_very_important_value_to_a_choice(patient: Client) -> None:
    answer(patient)
    patient.post("/questionnaire/values/", {"every-option": "3", "travel-and-cost": "2"})
    text = section(patient.get("/questionnaire/result/").content.decode(), "deliberation-heading")
    assert "Hearing about every treatment option" in text
    assert "The choice that tends to fit: Get a second opinion before treatment starts." in text
    assert "Another team may know of other treatments or clinical trials." in text
    # "Quite important" is not linked, and no conflict is named for one value.
    assert "Keeping travel and cost low" not in text
    assert "When two of these pull apart" not in text


def test_two_very_important_values_that_pull_apart_name_the_conflict_and_what_to_ask(
    patient: Client,
) -> None:
    answer(patient)
    patient.post("/questionnaire/values/", SURE_AND_SOON)
    for url in ["/questionnaire/result/", "/questionnaire/ready/"]:
        response = patient.get(url)
        if url.endswith("ready/"):
            assert response.status_code == 302  # the SURE test comes first
            patient.post("/questionnaire/sure/", dict.fromkeys(decision.SURE_KEYS, "yes"))
            response = patient.get(url)
        text = section(response.content.decode(), "deliberation-heading")
        assert "When two of these pull apart" in text, url
        assert "Being sure of the diagnosis and starting soon can pull apart." in text
        assert "Is it safe for me to wait a few weeks before I start?" in text
        assert "Can another center review my slides and scans without a visit?" in text
        assert "Can I start treatment now and get a second opinion alongside it?" in text
        assert "Go ahead with the current plan" in text  # starting soon's fit


def test_before_any_rating_the_result_asks_for_one(patient: Client) -> None:
    answer(patient)
    text = section(patient.get("/questionnaire/result/").content.decode(), "deliberation-heading")
    assert "Say how much each thing matters to you." in text
    assert "tends to fit:" not in text


def test_the_pdf_links_values_to_choices_and_names_the_conflict(patient: Client) -> None:
    answer(patient)
    patient.post("/questionnaire/values/", SURE_AND_SOON)
    text = " ".join(pdf_text(patient.get("/packet/packet.pdf").content).split())
    assert "What matters most to me, and the choices" in text
    assert (
        "Being sure my diagnosis is right (Very important). The choice that tends to fit: "
        "Get a second opinion before treatment starts." in text
    )
    assert "Being sure of the diagnosis and starting soon can pull apart." in text
    assert "Questions I can ask my care team:" in text
    assert "Can I start treatment now and get a second opinion alongside it?" in text


def test_the_spanish_result_and_pdf_link_values_in_spanish(patient: Client) -> None:
    answer(patient, prefix="/es")
    patient.post("/es/questionnaire/values/", SURE_AND_SOON)
    with translation.override("es"):
        why = str(decision.VALUE_FITS_BY_KEY["sure-of-diagnosis"].why)
        what = str(decision.TENSIONS[0].what)
        title = str(decision.BEFORE.title)
    assert why != str(decision.VALUE_FITS_BY_KEY["sure-of-diagnosis"].why)
    html = patient.get("/es/questionnaire/result/").content.decode()
    assertContains(patient.get("/es/questionnaire/result/"), what)
    assert title in html and "When two of these pull apart" not in html
    text = " ".join(pdf_text(patient.get("/es/packet/packet.pdf").content).split())
    assert what in text and "Being sure" not in text


# --- 2. A counterpart to the reasons --------------------------------------------------


@pytest.mark.parametrize("value", [YES, NO, UNSURE])
def test_the_less_likely_list_sits_beside_the_reasons_and_hides_none(
    patient: Client, guides_loaded, value: str
) -> None:
    answer(patient, value=value)
    html = patient.get("/questionnaire/result/").content.decode()
    text = section(html, "less-likely-heading")
    assert "When a second opinion is less likely to change much" in text
    assert "A common type of cancer, found at an early stage." in text
    assert "tumor board at a large cancer center" in text
    assert "not a judgment about your case" in text
    assert "Every reason your answers show still stands" in text
    # It never says a second opinion is not needed.
    assert not re.search(r"unnecessary|not need|no need|don.t need|skip", text, re.I)
    # Every reason the answers give is still listed, whatever this list says.
    assessment = scoring.assess(dict.fromkeys(KEYS, value))
    assert assessment.reasons or value != YES
    for reason in assessment.reasons:
        assertContains(patient.get("/questionnaire/result/"), f"<h3>{reason.label} ")
    # Each source it cites is on the sources page.
    sources = patient.get("/sources/").content.decode()
    for key, _name in decision.LESS_LIKELY_SOURCES:
        assert f'href="/sources/#{key}"' in html
        assert f'id="{key}"' in sources, key


def test_the_pdf_carries_the_counterpart_in_the_first_person(patient: Client) -> None:
    answer(patient, value=YES)
    text = " ".join(pdf_text(patient.get("/packet/packet.pdf").content).split())
    assert "When a second opinion is less likely to change much" in text
    assert "not a judgment about my case" in text


# --- 3. An icon array for "x to y out of 100" ---------------------------------------


@pytest.mark.parametrize("url", ["/questionnaire/", "/questionnaire/result/"])
def test_the_evidence_range_has_an_icon_array_with_words(patient: Client, url: str) -> None:
    answer(patient)
    html = patient.get(url).content.decode()
    figure = html[html.index('<figure class="icon-array">') : html.index("</figure>")]
    grid = figure[figure.index('class="icon-grid"') : figure.index("</div>")]
    assert 'aria-hidden="true"' in grid.split(">")[0]
    assert grid.count('class="icon icon-changed"') == 12
    assert grid.count('class="icon icon-some"') == 57
    assert grid.count('class="icon icon-same"') == 31
    words = re.sub(r"<[^>]+>", "", figure)
    assert "What 12 to 69 out of 100 looks like." in words
    assert "the second opinion changed things in 12 to 69 out of every 100 cases" in words
    assert "12 filled squares" in words and "57 half-filled squares" in words
    assert "31 empty squares" in words
    # No image, no script, nothing from another host.
    assert "<img" not in figure and "<script" not in figure and "http" not in figure


def test_the_icon_array_is_in_spanish_on_spanish_pages(patient: Client) -> None:
    html = patient.get("/es/questionnaire/").content.decode()
    figure = html[html.index('<figure class="icon-array">') : html.index("</figure>")]
    assert "de cada 100" in figure and "looks like" not in figure


def test_the_squares_are_drawn_by_shape_not_colour_and_print() -> None:
    css = Path("static/css/site.css").read_text(encoding="utf-8")
    assert re.search(r"\.icon-changed \{ border-width: 0\.625rem; \}", css)
    assert re.search(r"\.icon-some \{ border-left-width: 0\.625rem; \}", css)
    icon_rules = re.findall(r"\.icon[^{]*\{[^}]*\}", css)
    assert not any("background" in rule for rule in icon_rules)


# --- 4. "Important for me" only where the answers make it so ---------------------------


def test_not_sure_answers_flag_no_record() -> None:
    assert records.highlights(dict.fromkeys(KEYS, UNSURE)) == {}


def test_a_planned_surgery_flags_what_it_is_planned_from_not_its_notes() -> None:
    flagged = records.highlights({"surgery-first": YES})
    assert "operative-report" not in flagged
    assert {"pathology-report", "imaging-disc", "treatment-plan"} <= set(flagged)


def test_one_reason_flags_a_few_records_not_almost_all() -> None:
    for situation in situations.SITUATIONS:
        flagged = records.highlights({situation.key: situation.reason_answer})
        assert len(flagged) <= 3, situation.key
    everything = records.highlights({s.key: s.reason_answer for s in situations.SITUATIONS})
    assert len(everything) < len(records.ITEMS) / 2


def test_does_not_apply_is_never_important() -> None:
    answers = {"rare-cancer": YES, "clinical-trial": YES}
    entries = {"pathology-slides": ("na", ""), "trial-details": ("na", "")}
    view = presenters.checklist(answers, entries)
    items = {iv.key: iv for group in view.groups for iv in group.items}
    assert not items["pathology-slides"].important
    assert not items["trial-details"].important
    assert items["molecular-report"].important


def test_the_records_page_and_pdf_leave_does_not_apply_unflagged(patient: Client) -> None:
    answer(patient, value=NO)
    patient.post("/questionnaire/cancer-doctor-seen/", {"answer": YES})
    patient.post("/questionnaire/clinical-trial/", {"answer": YES})
    patient.post("/packet/items/treatment-plan/", {"status": "have"})
    patient.post("/packet/items/trial-details/", {"status": "need"})
    page = patient.get("/packet/records/plan/").content.decode()
    trial = page.split('id="item-trial-details"')[1].split("</fieldset>")[0]
    assert "Important for you" in trial
    patient.post("/packet/items/trial-details/", {"status": "na"})
    assert ChecklistEntry.objects.get(item_key="trial-details").status == "na"
    page = patient.get("/packet/records/plan/").content.decode()
    trial = page.split('id="item-trial-details"')[1].split("</fieldset>")[0]
    assert "Important for you" not in trial
    assertNotContains(patient.get("/packet/records/plan/"), "Important for you")
    assert "Important for me" not in pdf_text(patient.get("/packet/packet.pdf").content)


# --- Plain words, both languages -----------------------------------------------------


def _new_texts() -> list[str]:
    figure = decision.EVIDENCE_FIGURE
    return [
        *(str(fit.why) for fit in decision.VALUE_FITS),
        *(str(fit.urgent_why) for fit in decision.VALUE_FITS if fit.urgent_why),
        *(str(t.what) for t in decision.TENSIONS),
        *(str(ask) for t in decision.TENSIONS for ask in t.asks),
        str(decision.LESS_LIKELY_INTRO),
        *(str(line) for line in decision.LESS_LIKELY),
        str(decision.LESS_LIKELY_CLOSING),
        str(decision.LESS_LIKELY_MINE),
        str(decision.LESS_LIKELY_JUDGMENT),
        figure.text,
        *(words for _kind, words in figure.legend),
    ]


def test_the_new_words_read_at_grade_eight_and_fairly_easy_in_spanish() -> None:
    english = "\n\n".join(_new_texts())
    assert reading_grade(english) <= 8
    with translation.override("es"):
        translated = _new_texts()
    for text, spanish_text in zip(_new_texts(), translated, strict=True):
        assert spanish_text != text, text
    spanish = "\n\n".join(translated)
    assert fernandez_huerta(spanish) >= FAIRLY_EASY, fernandez_huerta(spanish)


def test_the_new_words_never_direct_or_dismiss() -> None:
    forbidden = re.compile(r"you should|you must|unnecessary|no need for|not need", re.I)
    for text in _new_texts():
        assert not forbidden.search(text), text
