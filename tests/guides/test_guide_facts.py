"""The shipped guides carry the brief's facts, in plain words, with working links."""

import re

import pytest

from guides import content
from guides.markdown import glossary_slugs, plain_text, reading_grade

GUIDES = content.guide_files()
TERMS = content.glossary_entries()
BY_SLUG = {guide.slug: guide for guide in GUIDES}
MAX_GRADE = 8.0

REQUIRED_GUIDES = [
    "what-is-a-second-opinion",
    "why-it-matters",
    "is-it-rude",
    "who-pays",
    "where-to-go",
    "who-should-consider-one",
]
REQUIRED_TERMS = [
    "pathology-report",
    "biomarker-testing",
    "stage",
    "multidisciplinary-team",
    "oncologist",
    "sub-specialist",
    "clinical-trial",
    "targeted-therapy",
    "radiation-oncologist",
    "community-oncologist",
    "genomics",
]


def text_of(slug: str) -> str:
    return plain_text(BY_SLUG[slug].body).lower()


def test_every_required_guide_ships() -> None:
    assert set(REQUIRED_GUIDES) <= set(BY_SLUG)


def test_slugs_and_orders_are_unique() -> None:
    assert len({g.slug for g in GUIDES}) == len(GUIDES)
    assert len({g.order for g in GUIDES}) == len(GUIDES)
    assert len({t["slug"] for t in TERMS}) == len(TERMS)


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.slug)
def test_guide_reads_at_grade_eight_or_lower(guide: content.GuideFile) -> None:
    grade = reading_grade(guide.body)
    print(f"{guide.slug}: Flesch-Kincaid grade {grade}")
    assert grade <= MAX_GRADE


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t["slug"])
def test_glossary_definition_reads_at_grade_eight_or_lower(term: dict[str, str]) -> None:
    assert reading_grade(term["definition"]) <= MAX_GRADE


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.slug)
def test_guide_credits_the_source_article(guide: content.GuideFile) -> None:
    credit = " ".join(f"{s.author} {s.publisher}" for s in guide.sources)
    assert "Buckner" in credit and "Weaver" in credit and "Learn Look Locate" in credit


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.slug)
def test_review_dates_are_in_order(guide: content.GuideFile) -> None:
    assert guide.next_review_due > guide.last_reviewed


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.slug)
def test_every_glossary_link_points_at_a_real_term(guide: content.GuideFile) -> None:
    known = {t["slug"] for t in TERMS}
    assert set(glossary_slugs(guide.body)) <= known


@pytest.mark.parametrize("slug", REQUIRED_TERMS)
def test_required_term_is_defined_and_linked_from_a_guide(slug: str) -> None:
    assert slug in {t["slug"] for t in TERMS}
    assert any(slug in glossary_slugs(g.body) for g in GUIDES)


def test_reviewers_five_checks_are_explained() -> None:
    text = text_of("what-is-a-second-opinion")
    for words in ["pathology report", "microscope", "stage", "treatment plan", "biomarker"]:
        assert words in text
    assert "multidisciplinary team" in text
    assert "radiation oncologist" in text


def test_progress_in_cancer_care_is_described() -> None:
    text = text_of("why-it-matters")
    for words in ["32", "fda", "genomics", "targeted", "robot", "radiation", "side effects"]:
        assert words in text


def test_myths_are_answered() -> None:
    text = text_of("is-it-rude")
    for words in ["routine", "offend", "records", "delay"]:
        assert words in text


def test_who_pays_says_check_your_plan_and_names_medicare() -> None:
    text = text_of("who-pays")
    for words in ["insurance", "plan", "require", "medicare", "20%"]:
        assert words in text


def test_where_to_go_names_specialists_and_communities() -> None:
    text = text_of("where-to-go")
    for words in ["cancer center", "community oncologist", "refer", "research", "cancerconnect"]:
        assert words in text


NINE_SITUATIONS = [
    r"diagnosis is not clear|poorly|not well explained|hard to understand",
    r"not a cancer (specialist|doctor|expert)",
    r"sub-specialist",
    r"few or no treatment|no treatment (options|choices)|few (treatment )?(options|choices)",
    r"clinical trial",
    r"cancer is rare",
    r"surgery the main treatment",
    r"small or rural",
    r"special(ized)? (kind of )?treatment",
]


@pytest.mark.parametrize("pattern", NINE_SITUATIONS)
def test_each_situation_is_covered(pattern: str) -> None:
    assert re.search(pattern, text_of("who-should-consider-one"))


def test_facts_beyond_the_article_name_their_source() -> None:
    for slug, source in [("who-pays", "medicare"), ("getting-your-records", "hipaa")]:
        if slug in BY_SLUG:
            assert source in text_of(slug)
