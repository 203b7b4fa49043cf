"""The expert review's source rows (review 3, rows 5, 12, 13, 14 and 18, and
Q5): each claim names the page that makes it, in both languages, and the
patient sees the limits and exceptions those pages give."""

import re
from datetime import date

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from guides import content
from guides.markdown import plain_text
from questionnaire import decision
from questionnaire.situations import KEYS, NO, YES
from tests.printing.test_packet_pdf import pdf_text

ENGLISH = {g.slug: g for g in content.guide_files()}
SPANISH = {g.slug: plain_text(g.body) for g in content.translated_guide_files("es")}
SOURCES = content.source_entries()
REVIEW_CHECK = date(2026, 12, 5)


def text(slug: str) -> str:
    return plain_text(ENGLISH[slug].body)


def words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- Row 5: the waiting claim and the cancers that cannot wait --------------------


@pytest.mark.parametrize("slug", ["is-it-rude", "weighing-it-up"])
def test_the_waiting_claim_cites_the_pages_that_make_it(slug: str) -> None:
    cited = {s.key for s in ENGLISH[slug].sources}
    assert {
        "nccn-aya-patients",
        "acs-second-opinion",
        "acs-child-second-opinion",
        "merck-burkitt",
    } <= cited
    english = text(slug)
    # The claim itself is unchanged; who says it is now named page by page.
    assert "few cancers grow so fast that" in english
    assert "The American Cancer Society says so on its page about second opinions" in english
    assert "NCCN says so in its guide for teens and young adults with cancer" in english
    assert "NCCN names acute leukemia" in english
    assert "a child with cancer most often needs care fast" in english
    spanish = SPANISH[slug]
    assert "su guía para adolescentes y adultos jóvenes con cáncer" in spanish
    assert "el cáncer de un niño casi siempre se debe tratar pronto" in spanish


def test_the_acs_page_is_not_credited_with_naming_cancers() -> None:
    acs = SOURCES["acs-second-opinion"]
    assert "does not say which cancers" in acs.note
    assert "no dice qué cánceres" in acs.note_es
    aya = SOURCES["nccn-aya-patients"]
    assert "page22" in aya.url and "Acute leukemia" in aya.note
    assert "suspected" in SOURCES["nccn-aml-2013"].note
    assert "grows very fast" in SOURCES["merck-burkitt"].note
    assert "handled fast" in SOURCES["acs-child-second-opinion"].note


def test_the_guide_page_lists_the_young_adult_guide_in_full(client: Client, guides_loaded) -> None:
    page = client.get("/guides/is-it-rude/")
    assertContains(page, "Caring for Adolescents and Young Adults, Version 2013, page 22")
    assertContains(page, "getting-a-second-opinion.html")  # the ACS page for parents
    assertNotContains(page, 'id="source-nccn-patients"')  # no longer the landing page
    spanish = client.get("/es/guides/is-it-rude/")
    assertContains(spanish, "Caring for Adolescents and Young Adults, Version 2013, page 22")


def test_the_urgent_list_names_each_page_beside_what_it_backs(
    patient: Client, guides_loaded
) -> None:
    patient.post("/questionnaire/")
    patient.post("/questionnaire/urgency/", {"answer": "yes"})
    html = patient.get("/questionnaire/urgency/advice/").content.decode()
    shown = words(html)
    assert "Sources: National Comprehensive Cancer Network, and the American" not in shown
    assert (
        "Most cancers can wait a few weeks. These often cannot. The cancer emergencies are our "
        "own advice, like the signs that cannot wait. Where this comes from:" in shown
    )
    assert "Merck Manual (Burkitt lymphoma)" in shown
    assert "NCCN guideline for doctors on acute myeloid leukemia (acute promyelocytic" in shown
    sources = patient.get("/sources/").content.decode()
    for key, _name in decision.URGENT_CANCERS_SOURCES:
        assert f'href="/sources/#{key}"' in html, key
        assert f'id="{key}"' in sources, key
    spanish = words(patient.get("/es/questionnaire/urgency/advice/").content.decode())
    assert "Manual Merck (linfoma de Burkitt)" in spanish


def test_the_pdf_names_the_same_pages(patient: Client, guides_loaded) -> None:
    patient.post("/questionnaire/")
    patient.post("/questionnaire/urgency/", {"answer": "yes"})
    for key in KEYS:
        patient.post(f"/questionnaire/{key}/", {"answer": "no"})
    pdf = " ".join(pdf_text(patient.get("/packet/packet.pdf").content).split())
    assert "Sources: American Cancer Society, on second opinions" in pdf
    assert "Merck Manual (Burkitt lymphoma)" in pdf
    assert "Sources: National Comprehensive Cancer Network, and the" not in pdf


# --- Row 12: the CAP retention requirement ------------------------------------------


def test_slides_and_blocks_are_kept_ten_years_and_the_requirement_is_cited() -> None:
    cap = SOURCES["cap-retention"]
    assert "Retention of Laboratory Records and Materials" in cap.title
    assert "paraffin blocks, slides and reports are each kept at least 10 years" in cap.note
    assert "ANP.12500" in cap.note and cap.read_on >= REVIEW_CHECK
    assert "glass slides and your tissue blocks for at least 10 years" in text(
        "getting-your-records"
    )
    assert (
        "las láminas de vidrio y los bloques de tejido por lo menos 10 años"
        in SPANISH["getting-your-records"]
    )


# --- Row 13: Medicare's limits on the insurance call page ---------------------------


@pytest.mark.parametrize(
    ("prefix", "limits"),
    [
        ("", ["that is not an emergency", "such as cosmetic surgery", "helps pay for a third"]),
        ("/es", ["y no es una emergencia", "como la cirugía estética", "pagar una tercera"]),
    ],
)
def test_the_insurance_page_keeps_medicares_limits(
    patient: Client, prefix: str, limits: list[str]
) -> None:
    patient.post(f"{prefix}/packet/")
    page = words(patient.get(f"{prefix}/packet/insurance/").content.decode())
    for limit in limits:
        assert limit in page, limit


def test_the_medicare_booklet_is_cited_for_the_doctor_and_the_records() -> None:
    assert "medicare-booklet-second-opinion" in {s.key for s in ENGLISH["who-pays"].sources}
    note = SOURCES["medicare-booklet-second-opinion"].note
    assert "accepts Medicare" in note and "send your records" in note


# --- Row 14: state second-opinion laws ----------------------------------------------


def test_who_pays_names_state_laws_once_in_both_languages() -> None:
    english = text("who-pays")
    assert english.count("state's insurance department") == 1
    # Only some plans, in some cases: neither law covers every plan or every kind of care.
    assert "make some health plans let you get a second opinion in certain cases" in english
    assert "or the office that oversees health plans" in english
    assert {"ca-hsc-1383-15", "mo-rsmo-354-546"} <= {s.key for s in ENGLISH["who-pays"].sources}
    assert SPANISH["who-pays"].count("departamento de seguros de su estado") == 1


# --- Row 18: clinical-trial costs and grandfathered plans ---------------------------


def test_trial_costs_name_grandfathered_plans_and_an_honest_date() -> None:
    cancernet = SOURCES["cancernet-trial-insurance"]
    assert cancernet.read_on >= REVIEW_CHECK and "March 2016" in cancernet.note
    assert "grandfathered" in SOURCES["triage-trials-grandfathered"].note
    paying = ENGLISH["paying-and-appeals"]
    assert "triage-trials-grandfathered" in {s.key for s in paying.sources}
    assert "called grandfathered plans, do not have to pay these costs" in text(
        "paying-and-appeals"
    )
    assert "planes protegidos (grandfathered)" in SPANISH["paying-and-appeals"]


# --- Q5: the cancer-doctor question is marked as adapted ----------------------------


def answer_all(client: Client, seen: str, prefix: str = "") -> None:
    client.post(f"{prefix}/questionnaire/")
    client.post(f"{prefix}/questionnaire/urgency/", {"answer": "no"})
    for key in KEYS:
        value = seen if key == "cancer-doctor-seen" else NO
        client.post(f"{prefix}/questionnaire/{key}/", {"answer": value})


def test_the_result_marks_the_cancer_doctor_reason_as_adapted(
    patient: Client, guides_loaded
) -> None:
    answer_all(patient, seen=NO)
    page = words(patient.get("/questionnaire/result/").content.decode())
    assert "No cancer doctor has looked at your diagnosis and plan" in page
    assert (
        "Adapted from the article: The article names a first diagnosis made by a doctor "
        "who is not a cancer specialist." in page
    )
    spanish = words(patient.get("/es/questionnaire/result/").content.decode())
    assert "Adaptado del artículo: El artículo nombra un primer diagnóstico" in spanish


def test_no_adaptation_note_when_that_reason_is_not_shown(patient: Client, guides_loaded) -> None:
    answer_all(patient, seen=YES)
    assertNotContains(patient.get("/questionnaire/result/"), "Adapted from the article:")


def test_the_method_page_says_which_question_is_adapted(client: Client, guides_loaded) -> None:
    page = words(client.get("/how-this-was-made/").content.decode())
    assert "One question is adapted from the article." in page
    assert "first diagnosis made by a doctor who is not a cancer specialist" in page
