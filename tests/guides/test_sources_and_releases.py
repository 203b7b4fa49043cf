"""Correct, sourced, connected guides, and the tags other pages use."""

import re
from datetime import date

import pytest
from django.template import Context, Template
from django.test import Client
from pytest_django.asserts import assertContains

from guides import content
from guides.glossary import link, strip
from guides.markdown import glossary_slugs, plain_text
from guides.models import (
    ContentRelease,
    GlossaryTerm,
    Guide,
    current_release,
    forget_current_release,
)

GUIDES = content.guide_files()
TERMS = content.glossary_entries()
BY_SLUG = {g.slug: g for g in GUIDES}
# Names that contain a glossary word but do not mean it.
PROPER_NAMES = ["national comprehensive cancer network", "american college of surgeons"]
SITE_TOOLS = re.compile(r"\]\((/questionnaire/|/packet/[a-z/]*|/checklist\.pdf)\)")


def text_of(slug: str) -> str:
    return plain_text(BY_SLUG[slug].body).lower()


# Sources, dates and links on every guide


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.slug)
def test_every_citation_is_complete_with_an_address(guide: content.GuideFile) -> None:
    assert guide.sources
    for source in guide.sources:
        assert source.author and source.title and source.year, source.key
        assert source.url.startswith(("https://", "http://")), source.key
        assert source.read_on <= guide.last_reviewed, source.key


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.slug)
def test_every_guide_has_review_dates_and_named_roles(guide: content.GuideFile) -> None:
    assert guide.last_reviewed < guide.next_review_due
    assert (guide.next_review_due - guide.last_reviewed).days <= 186
    assert guide.written_by and guide.reviewed_by


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.slug)
def test_every_guide_links_to_a_tool_of_the_site(guide: content.GuideFile) -> None:
    assert SITE_TOOLS.search(guide.body), f"{guide.slug} leads to no questionnaire or packet"


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.slug)
def test_every_guide_points_to_outside_pages_it_relies_on(guide: content.GuideFile) -> None:
    assert "## Learn more" in guide.body
    assert re.search(r"\]\(https://", guide.body.split("## Learn more")[1])


def _term_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(name.lower())}(?:s|es)?(?![\w-])")


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.slug)
def test_each_glossary_term_in_a_guide_is_linked_there(guide: content.GuideFile) -> None:
    # A term inside a longer one ("pathology" in "pathology report") counts
    # as the longer term, so longer terms are found and blanked out first.
    text = plain_text(guide.body).lower()
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    linked = set(glossary_slugs(guide.body))
    missing = []
    for term in sorted(TERMS, key=lambda t: -len(t["term"])):
        pattern = _term_pattern(term["term"])
        if pattern.search(text):
            if term["slug"] not in linked:
                missing.append(term["term"])
            text = pattern.sub(" ", text)
    assert not missing, f"{guide.slug} uses these words without a link: {missing}"


def test_guide_page_shows_citations_in_full(client: Client, guides_loaded) -> None:
    response = client.get("/guides/weighing-it-up/")
    assertContains(response, "Ruetters D, Keinki C, Schroth S, Liebl P, Huebner J")
    assertContains(response, 'href="https://doi.org/10.1007/s00432-015-2099-7" rel="noreferrer"')
    assertContains(response, "Read <time")
    assertContains(response, 'href="/sources/"')


def test_outside_links_send_no_referrer_and_open_in_place(client: Client, guides_loaded) -> None:
    for guide in GUIDES:
        html = client.get(f"/guides/{guide.slug}/").content.decode()
        outside = re.findall(r'<a [^>]*href="https?://[^"]*"[^>]*>', html)
        assert outside, guide.slug
        for tag in outside:
            assert 'rel="noreferrer"' in tag, tag
            assert "target=" not in tag, tag


def test_sources_page_lists_every_cited_source_with_its_address(
    client: Client, guides_loaded
) -> None:
    html = client.get("/sources/").content.decode()
    for source in {s for g in GUIDES for s in g.sources}:
        assert f'id="{source.key}"' in html
        assert f'href="{source.url}"' in html
    assert "Used in:" in html


def test_new_guides_exist() -> None:
    assert {"paying-and-appeals", "when-cancer-comes-back"} <= set(BY_SLUG)


# The corrections (issue 11, items 1 to 7)


def test_slides_are_looked_at_again_and_asked_for_early() -> None:
    what = text_of("what-is-a-second-opinion")
    assert "looks at your slides again" in what
    assert "read it to make sure" not in what
    records = text_of("getting-your-records")
    assert "slowest" in records and "ask for them first" in records
    assert "if the center asks, bring the slides" not in records


@pytest.mark.parametrize("slug", ["is-it-rude", "weighing-it-up"])
def test_time_is_stated_honestly_and_the_articles_claim_attributed(slug: str) -> None:
    text = text_of(slug)
    assert "usually adds some time" in text
    claim = text.index("does not delay treatment")
    assert "buckner and weaver say" in text[claim - 60 : claim]
    assert text.index("usually adds some time") < claim


def test_fda_figure_is_approvals_not_new_drugs() -> None:
    text = text_of("why-it-matters")
    assert "32 cancer drug approvals" in text
    assert "new use" in text and "not current" in text
    assert "approved 32 new drugs" not in text


def test_medicare_medicaid_and_paying_are_covered() -> None:
    pays = text_of("who-pays")
    for words in ["major test or treatment", "third", "even if medicare later", "medicaid"]:
        assert words in pays
    assert "these medicare rules are about surgery" not in pays
    appeals = text_of("paying-and-appeals")
    for words in [
        "appeal",
        "reason in writing",
        "out-of-network exception",
        "patient advocate",
        "hope lodge",
        "road to recovery",
        "routine costs",
        "license",
    ]:
        assert words in appeals


def test_where_to_go_explains_labels_and_discloses_cancerconnect() -> None:
    text = text_of("where-to-go")
    assert "do research only" in text and "nccn" in text and "commission on cancer" in text
    assert "cancerconnect published the article" in text


def test_team_includes_pathologists_and_radiologists_and_tests_are_told_apart() -> None:
    text = text_of("what-is-a-second-opinion")
    assert "pathologists" in text and "radiologists" in text
    assert "germline testing" in text and "born with" in text


def test_missing_reasons_are_given() -> None:
    text = text_of("who-should-consider-one")
    for words in ["type or stage", "no clear advice", "insurer requires", "came back or grew"]:
        assert words in text
    assert "is their view" in text


def test_evidence_is_given_with_its_range() -> None:
    text = text_of("weighing-it-up")
    for words in ["13 studies", "12 to 69", "43 to 82", "25 studies", "2 to 51", "wide"]:
        assert words in text


# Helplines


def test_home_page_offers_both_helplines_as_phone_links(client: Client, guides_loaded) -> None:
    response = client.get("/")
    assertContains(response, 'href="tel:+18004226237"')
    assertContains(response, "1-800-4-CANCER")
    assertContains(response, "(1-800-422-6237)")
    assertContains(response, 'href="tel:+18002272345"')
    assertContains(response, "Spanish")
    assertContains(response, "day or night")


def test_footer_links_to_how_this_was_made_and_sources(client: Client, guides_loaded) -> None:
    response = client.get("/guides/")
    assertContains(response, 'href="/how-this-was-made/"')
    assertContains(response, 'href="/sources/"')


def test_how_this_was_made_says_who_pays_and_who_reviewed(client: Client, guides_loaded) -> None:
    response = client.get("/how-this-was-made/")
    for words in [
        "Who pays for it",
        "Conflicts of interest",
        "No doctor, nurse or other clinician",
        "Weight 3",
        "Not sure",
        "every six months",
        "Content version 3.0",
    ]:
        assertContains(response, words)


# Glossary filters


def render(source: str, **context) -> str:
    return Template("{% load content %}" + source).render(Context(context))


def test_glossary_filter_links_terms_after_escaping() -> None:
    text = "Ask for <b>[[biomarker tests|biomarker-testing]]</b>"
    html = render("{{ text|glossary }}", text=text)
    assert html == (
        'Ask for &lt;b&gt;<a class="term" href="/glossary/#biomarker-testing">'
        "biomarker tests</a>&lt;/b&gt;"
    )


@pytest.mark.parametrize(
    "text",
    [
        '[[x" onmouseover="alert(1)]]',
        "[[<script>alert(1)</script>]]",
        "<img src=x onerror=alert(1)>",
        "[[a|javascript:alert(1)]]",
    ],
)
def test_glossary_filter_never_lets_markup_through(text: str) -> None:
    html = render("{{ text|glossary }}", text=text)
    assert "<script" not in html and "<img" not in html and 'onmouseover="' not in html
    assert "javascript:" not in re.sub(r"&[a-z]+;", "", " ".join(re.findall(r'href="[^"]*"', html)))


def test_glossary_plain_strips_the_marks() -> None:
    assert render(
        "{{ text|glossary_plain }}", text="Your [[Stage]] and [[slides|slides-and-tissue-blocks]]"
    ) == ("Your Stage and slides")
    assert strip("[[a|b-c]] and <b>") == "a and <b>"
    assert link(None) == ""


def test_terms_used_in_texts_for_a_words_used_box(guides_loaded) -> None:
    terms = GlossaryTerm.objects.used_in("Bring your [[pathology report]]", "", "[[HIPAA]]")
    assert sorted(t.slug for t in terms) == ["hipaa", "pathology-report"]


@pytest.mark.parametrize(
    "slug",
    [
        "oncologist",
        "tumor-board",
        "pathology",
        "pathologist",
        "radiologist",
        "biomarker",
        "germline-testing",
        "prior-approval",
        "network",
        "in-network",
        "deductible",
        "hipaa",
        "referral",
        "clinical-trial",
        "stage",
        "recurrence",
        "progression",
        "medicare",
        "medicaid",
        "appeal",
        "nci-designated-cancer-center",
    ],
)
def test_site_wide_terms_are_defined(slug: str) -> None:
    assert slug in {t["slug"] for t in TERMS}


# Content version


def test_content_version_tag_prints_the_newest_release(guides_loaded) -> None:
    assert render("{% content_version %}") == "Content version 3.0, 5 December 2026"
    ContentRelease.objects.create(version="3.1", released_on=date(2027, 2, 1))
    assert render("{% content_version %}") == "Content version 3.1, 1 February 2027"
    assert current_release().version == "3.1"


def test_content_version_costs_at_most_one_query_a_request(
    guides_loaded, django_assert_num_queries
) -> None:
    forget_current_release()  # what the start of each request does
    with django_assert_num_queries(1):
        render("{% content_version %}{% content_version %}")
        current_release()


def test_no_release_prints_nothing(db) -> None:
    ContentRelease.objects.all().delete()
    assert render("{% content_version %}") == ""


def test_shipped_content_loads_its_release_and_sources(guides_loaded) -> None:
    assert Guide.objects.get(slug="who-pays").citations.count() == len(BY_SLUG["who-pays"].sources)
    assert ContentRelease.objects.filter(version="3.0").exists()


def test_editor_guide_without_sources_still_renders(client: Client, guides_loaded) -> None:
    Guide.objects.create(
        title="Draft",
        slug="draft",
        summary="x",
        body="Hello.",
        last_reviewed=date(2026, 1, 1),
        next_review_due=date(2026, 7, 1),
    )
    response = client.get("/guides/draft/")
    assert response.status_code == 200
    assertContains(response, '<ol class="citations"')


def test_both_options_show_gains_and_costs() -> None:
    # IPDAS: the positive and negative features of each option, in like detail.
    body = BY_SLUG["weighing-it-up"].body
    second = body.split("## What you might gain")[1].split("## What studies found")[0]
    ahead = body.split("## If you go ahead with your plan")[1].split("## Where to go next")[0]
    gains_second = second.split("## What it might cost you")[0].count("\n- ")
    costs_second = second.split("## What it might cost you")[1].count("\n- ")
    gains_ahead = ahead.split("It may also cost you something")[0].count("\n- ")
    costs_ahead = ahead.split("It may also cost you something")[1].count("\n- ")
    assert gains_second >= 3 and costs_second >= 3
    assert gains_ahead >= 3 and costs_ahead >= 2


def test_helplines_include_can_sit_under_another_heading() -> None:
    html = Template('{% include "includes/helplines.html" with level=3 %}').render(Context())
    assert '<h3 id="helplines-heading">Talk to someone</h3>' in html
    assert "<h2" not in html


@pytest.mark.parametrize("entry", content.source_entries().values(), ids=lambda e: e.key)
def test_every_shipped_source_fits_its_row(entry: content.SourceEntry) -> None:
    """PostgreSQL refuses a value longer than its column, and SQLite does not:
    a note one character too long would stop the migration that loads the
    guides on PostgreSQL only."""
    from guides.models import Source

    for field in Source._meta.get_fields():
        limit = getattr(field, "max_length", None)
        value = getattr(entry, field.name, None)
        if limit and isinstance(value, str):
            assert len(value) <= limit, f"{entry.key}: {field.name} is {len(value)} of {limit}"
