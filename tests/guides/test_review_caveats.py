"""The expert review's corrections to the guides (review 3, section 1a), in
both languages: each fact a patient needs is on the page that raises it."""

import pytest

from guides import content
from guides.markdown import plain_text

ENGLISH = {g.slug: plain_text(g.body) for g in content.guide_files()}
SPANISH = {g.slug: plain_text(g.body) for g in content.translated_guide_files("es")}


@pytest.mark.parametrize("slug", ["is-it-rude", "weighing-it-up"])
def test_waiting_is_kept_to_a_few_weeks_with_a_target_date(slug) -> None:
    text = ENGLISH[slug]
    assert "ask for a target date" in text
    assert "each extra week before treatment was linked to a slightly lower chance" in text
    assert (
        "more than about 4 weeks away" in text and "review of your records without a visit" in text
    )
    assert "fecha meta" in SPANISH[slug] and "4 semanas" in SPANISH[slug]


def test_records_guide_says_what_the_portal_shows_first_and_what_labs_send() -> None:
    text = ENGLISH["getting-your-records"]
    assert "21st Century Cures Act" in text
    assert "before your doctor has talked with you about it" in text
    assert "Portals rarely hold the scan images themselves" in text
    # Slides nearly always; a block only sometimes.
    assert "almost always want your slides. Some centers also ask for a tissue block" in text
    # Sharing for care and the lab's consent no longer contradict each other.
    assert "most labs want your signed consent before they send slides" in text
    assert "the lab needs your written permission" not in text
    assert "Ley de Curas del Siglo 21" in SPANISH["getting-your-records"]


def test_records_guide_states_the_limit_and_the_three_ways_to_ask() -> None:
    text = ENGLISH["getting-your-records"]
    assert "30 calendar days at most" in text and "within the first 30 days" in text
    assert "authorization" in text and "30-day limit does not apply" in text


def test_medicare_guide_names_the_doctor_and_the_tests() -> None:
    text = ENGLISH["who-pays"]
    assert "Choose a doctor who accepts Medicare" in text
    assert "tests the second doctor orders" in text
    assert "pruebas que pida el segundo médico" in SPANISH["who-pays"]


def test_paying_guide_has_the_urgent_appeal_estimate_interpreter_and_lodging_rules() -> None:
    text = ENGLISH["paying-and-appeals"]
    for words in (
        "urgent (expedited) appeal",
        "within 72 hours",
        "Consumer Assistance Program",
        "Good Faith Estimate",
        "within 3 business days",
        "$400 or more",
        "medical interpreter for free",
        "A trip only for a second opinion may not qualify",
    ):
        assert words in text, words
    spanish = SPANISH["paying-and-appeals"]
    for words in (
        "apelación urgente",
        "72 horas",
        "cálculo de buena fe",
        "intérprete médico gratis",
    ):
        assert words in spanish, words


def test_the_method_page_names_who_pays_and_what_is_not_yet_done(client, guides_loaded) -> None:
    page = client.get("/how-this-was-made/").content.decode()
    assert "No one. " not in page  # someone pays for hosting and time
    assert "pays for it: the web hosting and our own time" in page
    assert "We have not yet tested the site with patients or caregivers" in page
    assert "Canadian Family Physician, 2010" in page  # the SURE test, cited in full


def test_the_sure_test_is_a_listed_source() -> None:
    sources = content.source_entries()
    assert "legare-2010-sure" in sources
    assert sources["legare-2010-sure"].url.startswith("https://www.cfp.ca/")


@pytest.mark.parametrize("slug", ["why-it-matters", "weighing-it-up"])
def test_the_study_figures_carry_their_caveats_and_the_pathology_numbers(slug) -> None:
    text = ENGLISH[slug]
    assert "A different opinion is not always a better one." in text
    assert "did not check which opinion was right" in text and "lived longer" in text
    assert "about 1 to 2 of every 100 cases" in text
    assert "no siempre es mejor" in SPANISH[slug]


def test_the_one_in_five_figure_names_its_stricter_count_and_acs_links_its_current_page() -> None:
    assert "stricter count: fewer than 6 in 100,000" in ENGLISH["who-should-consider-one"]
    for guide in content.guide_files():
        assert "making-treatment-decisions/seeking-a-second-opinion" not in guide.body
