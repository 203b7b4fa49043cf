"""Guides and word list in Spanish: complete, current, loaded, shown, searched and plain.

Spanish lives at /es/...; each Spanish guide keeps its English guide's slug,
so /guides/who-pays/ and /es/guides/who-pays/ are the same guide.
"""

import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains

from guides import content, glossary, markdown
from guides.models import (
    GlossaryTerm,
    GlossaryTermTranslation,
    Guide,
    GuideTranslation,
    fingerprint,
)
from guides.search import search_guides, search_terms
from tests.site.test_plain_language import blocks
from tests.spanish import FAIRLY_EASY, fernandez_huerta, inflesz

GUIDES = content.guide_files()
TERMS = content.glossary_entries()
SPANISH_GUIDES = content.translated_guide_files("es")
SPANISH_TERMS = content.translated_glossary_entries("es")
TRANSLATED_SLUGS = [g.slug for g in SPANISH_GUIDES]


# Complete and current -------------------------------------------------------


def test_every_english_guide_has_a_spanish_version() -> None:
    have = {g.path.name for g in SPANISH_GUIDES}
    missing = [g.path.name for g in GUIDES if g.path.name not in have]
    assert not missing, f"no Spanish version in guides/content/es/ of: {missing}"


def test_every_english_term_has_a_spanish_version() -> None:
    have = {t["slug"] for t in SPANISH_TERMS}
    missing = [t["slug"] for t in TERMS if t["slug"] not in have]
    assert not missing, f"no Spanish version in guides/content/es/glossary.toml of: {missing}"


def test_no_spanish_guide_is_older_than_its_english() -> None:
    english = {g.slug: g for g in GUIDES}
    behind = [
        f"{g.path.name} (from {g.translated_from_reviewed}, "
        f"English {english[g.slug].last_reviewed})"
        for g in SPANISH_GUIDES
        if g.translated_from_reviewed < english[g.slug].last_reviewed
    ]
    assert not behind, f"Spanish guides written from an older English text: {behind}"


def test_no_spanish_term_is_older_than_its_english() -> None:
    now = {t["slug"]: fingerprint(t["term"], t["definition"]) for t in TERMS}
    behind = [
        f"{t['slug']} (the English now reads {now[t['slug']]!r})"
        for t in SPANISH_TERMS
        if t["slug"] in now and t.get("translated_from") != now[t["slug"]]
    ]
    assert not behind, f"Spanish terms written from an older English wording: {behind}"


def test_spanish_guides_keep_the_english_glossary_slugs() -> None:
    known = {t["slug"] for t in TERMS}
    unknown = {
        g.path.name: sorted(set(markdown.glossary_slugs(g.body)) - known) for g in SPANISH_GUIDES
    }
    assert not {name: slugs for name, slugs in unknown.items() if slugs}


# Loading ---------------------------------------------------------------------


def test_load_command_loads_the_spanish_with_its_own_dates(db, guides_loaded) -> None:
    GuideTranslation.objects.all().delete()
    call_command("load_guides", stdout=open("/dev/null", "w"))  # noqa: SIM115
    spanish = GuideTranslation.objects.select_related("guide").get(guide__slug="who-pays")
    assert spanish.language == "es"
    assert spanish.title == "¿Quién paga la segunda opinión?"
    assert spanish.translated_from_reviewed == spanish.guide.last_reviewed
    # Sources come from the English guide.
    assert spanish.guide.citations.count() == len(
        next(g for g in content.guide_files() if g.slug == "who-pays").sources
    )
    assert GuideTranslation.objects.count() == len(SPANISH_GUIDES)
    assert GlossaryTermTranslation.objects.count() == len(SPANISH_TERMS) == len(TERMS)


def test_loading_with_a_translation_missing_does_not_fail(db, tmp_path: Path) -> None:
    GuideTranslation.objects.all().delete()
    copy = tmp_path / "content"
    shutil.copytree(content.CONTENT_DIR, copy)
    (copy / "es" / "04-who-pays.md").unlink()
    assert content.load(Guide, GlossaryTerm, copy) == (len(GUIDES), len(TERMS))
    assert not GuideTranslation.objects.filter(guide__slug="who-pays").exists()
    assert GuideTranslation.objects.filter(guide__slug="is-it-rude").exists()


def test_a_spanish_file_with_another_slug_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "content"
    shutil.copytree(content.CONTENT_DIR, copy)
    path = copy / "es" / "04-who-pays.md"
    path.write_text(path.read_text().replace('slug = "who-pays"', 'slug = "quien-paga"'))
    with pytest.raises(ValueError, match="should be 'who-pays'"):
        content.translated_guide_files("es", copy)


# Admin -----------------------------------------------------------------------


@pytest.fixture
def editor(db) -> Client:
    user = User.objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    client = Client()
    client.force_login(user)
    return client


def _row(html: str, text: str) -> str:
    """The admin list row that holds ``text``."""
    return next(row for row in html.split("<tr") if text in row)


def test_admin_shows_a_guide_whose_spanish_is_missing_or_older(editor, guides_loaded) -> None:
    GuideTranslation.objects.filter(guide__slug="is-it-rude").delete()
    guide = Guide.objects.get(slug="who-pays")
    guide.last_reviewed += timedelta(days=1)
    guide.save()
    html = editor.get("/admin/guides/guide/").content.decode()
    assert "Missing" in _row(html, "Is it rude to ask")
    assert "Older than the English" in _row(html, "Who pays for a second opinion?")
    assert "Up to date" in _row(html, "What is a second opinion?")

    older = editor.get("/admin/guides/guide/", {"spanish": "older"}).content.decode()
    assert "Who pays for a second opinion?" in older
    assert "What is a second opinion?" not in older
    missing = editor.get("/admin/guides/guide/", {"spanish": "missing"}).content.decode()
    assert "Is it rude to ask" in missing
    assert "Who pays for a second opinion?" not in missing


def test_admin_shows_a_term_whose_english_changed_after_translation(editor, guides_loaded) -> None:
    GlossaryTerm.objects.filter(slug="biopsy").update(definition="A new English wording.")
    GlossaryTermTranslation.objects.filter(glossary_term__slug="stage").delete()
    html = editor.get("/admin/guides/glossaryterm/").content.decode()
    assert "Older than the English" in _row(html, ">Biopsy<")
    assert "Missing" in _row(html, ">Stage<")
    assert "Up to date" in _row(html, ">Lymphoma<")
    older = editor.get("/admin/guides/glossaryterm/", {"spanish": "older"}).content.decode()
    assert ">Biopsy<" in older and ">Lymphoma<" not in older


def test_saving_a_term_translation_in_the_admin_marks_it_current(editor, guides_loaded) -> None:
    term = GlossaryTerm.objects.get(slug="biopsy")
    term.definition = "A new English wording."
    term.save()
    spanish = GlossaryTermTranslation.objects.get(glossary_term=term)
    assert spanish.is_older_than_english
    response = editor.post(
        f"/admin/guides/glossarytermtranslation/{spanish.pk}/change/",
        {
            "glossary_term": term.pk,
            "language": "es",
            "term": "Biopsia",
            "definition": "Una definición revisada.",
        },
    )
    assert response.status_code == 302
    assert not GlossaryTermTranslation.objects.get(pk=spanish.pk).is_older_than_english


# Pages -----------------------------------------------------------------------

SPANISH_PAGES = [
    "/es/guides/",
    *(f"/es/guides/{slug}/" for slug in TRANSLATED_SLUGS),
    "/es/glossary/",
    "/es/search/?q=seguro",
    "/es/sources/",
    "/es/how-this-was-made/",
]


def _main(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def test_spanish_guide_page_is_in_spanish(client: Client, guides_loaded) -> None:
    response = client.get("/es/guides/who-pays/")
    html = response.content.decode()
    assert '<html lang="es"' in html
    assert "<h1>¿Quién paga la segunda opinión?</h1>" in html
    assertContains(response, "Última revisión")
    assertContains(response, ">5 de diciembre de 2026</time>")
    assertContains(response, ">5 de junio de 2027</time>")
    assertContains(response, "Estas fuentes están en inglés.")
    assertContains(response, "(en inglés)")
    assertContains(response, 'href="/es/glossary/#medicare"')
    assertContains(response, 'href="/es/guides/paying-and-appeals/"')
    assertNotContains(response, "Last reviewed")


def test_spanish_guide_links_to_its_english_version(client: Client, guides_loaded) -> None:
    html = client.get("/es/guides/who-pays/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/guides/who-pays/">' in html


@pytest.mark.parametrize("url", SPANISH_PAGES)
def test_links_on_spanish_pages_stay_in_spanish(client: Client, guides_loaded, url) -> None:
    main = _main(client.get(url).content.decode())
    local = re.findall(r'href="(/[^"]*)"', main)
    assert local or url == "/es/glossary/", url
    english = [href for href in local if not href.startswith("/es/")]
    assert not english, f"{url} links to English pages: {english}"


def test_a_guide_without_spanish_shows_the_english_marked_as_such(
    client: Client, guides_loaded
) -> None:
    GuideTranslation.objects.filter(guide__slug="who-pays").delete()
    html = client.get("/es/guides/who-pays/").content.decode()
    assert '<html lang="es"' in html
    assert "Esta guía aún no está en español" in html
    assert '<h1 lang="en">Who pays for a second opinion?</h1>' in html
    assert '<div class="guide-body" lang="en">' in html
    listed = client.get("/es/guides/").content.decode()
    assert '<li lang="en">' in listed


def test_spanish_guide_list_shows_spanish_titles_in_order(client: Client, guides_loaded) -> None:
    html = client.get("/es/guides/").content.decode()
    titles = [g.title for g in sorted(SPANISH_GUIDES, key=lambda g: TRANSLATED_SLUGS.index(g.slug))]
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "<h1>Guías</h1>" in html


def test_spanish_word_list_shows_spanish_terms_at_english_anchors(
    client: Client, guides_loaded
) -> None:
    html = client.get("/es/glossary/").content.decode()
    assert re.search(r'id="pathologist">\s*<dt>Patólogo</dt>', html)
    assert re.search(r'id="second-opinion">\s*<dt>Segunda opinión</dt>', html)
    assert html.count('class="glossary-entry"') == len(TERMS)
    # In Spanish alphabetical order, accents ignored: "Apelación" before "Biomarcador".
    assert html.index("<dt>Apelación</dt>") < html.index("<dt>Biomarcador</dt>")


def test_english_pages_do_not_change(client: Client, guides_loaded) -> None:
    html = client.get("/guides/who-pays/").content.decode()
    assert "<h1>Who pays for a second opinion?</h1>" in html
    assert ">29 November 2026</time>" in html
    assert 'href="/glossary/#medicare"' in html
    assert "(en inglés)" not in html and 'lang="en"><' not in _main(html)


@pytest.mark.parametrize("url", SPANISH_PAGES)
def test_spanish_page_queries_are_bounded(
    client: Client, guides_loaded, django_assert_max_num_queries, url: str
) -> None:
    with django_assert_max_num_queries(3):
        assert client.get(url).status_code == 200


def test_sources_page_names_guides_in_spanish(client: Client, guides_loaded) -> None:
    response = client.get("/es/sources/")
    assertContains(response, "Se usa en:")
    assertContains(response, ">¿Quién paga la segunda opinión?</a>")
    assertContains(response, "Leído el <time")
    assertContains(response, "Versión del contenido 3.0, 5 de diciembre de 2026")


def test_glossary_filter_links_to_the_spanish_word_list() -> None:
    template = Template("{% load content %}{{ text|glossary }}")
    with translation.override("es"):
        html = template.render(
            Context({"text": "Pida su [[informe de patología|pathology-report]]."})
        )
    assert html == (
        'Pida su <a class="term" href="/es/glossary/#pathology-report">informe de patología</a>.'
    )


def test_hard_words_in_spanish_are_found(db, guides_loaded) -> None:
    text = "Pida al patólogo las laminillas. El Estadio y los biomarcadores importan."
    found = {term.slug: term.term for term in glossary.jargon_in(text, "es")}
    assert found == {
        "pathologist": "Patólogo",
        "slides-and-tissue-blocks": "Láminas y bloques de tejido",
        "stage": "Estadio",
        "biomarker": "Biomarcador",
    }
    assert glossary.jargon_in("Sin palabras difíciles.", "es") == []


def test_every_spanish_hard_word_pattern_matches_its_own_term(db, guides_loaded) -> None:
    terms = {t["slug"]: t["term"] for t in SPANISH_TERMS}
    assert set(glossary.JARGON_ES) == set(glossary.JARGON)
    unmatched = [
        slug
        for slug, pattern in glossary.JARGON_ES.items()
        if not glossary.uses(terms[slug], pattern)
    ]
    assert not unmatched


# Search ----------------------------------------------------------------------

SPANISH_FIRST = [
    ("seguro", "who-pays"),
    ("quién paga", "who-pays"),
    ("mala educación", "is-it-rude"),
    ("ofender a mi médico", "is-it-rude"),
    ("centro oncológico", "where-to-go"),
    ("centro oncologico", "where-to-go"),
]


@pytest.mark.parametrize(("query", "slug"), SPANISH_FIRST)
def test_spanish_search_finds_the_guide_meant(guides_loaded, query: str, slug: str) -> None:
    results = search_guides(query, "es")
    assert results, f"nothing found for {query!r} on {connection.vendor}"
    assert results[0].slug == slug
    assert results[0].language == "es"


@pytest.mark.parametrize(
    ("query", "slug"),
    [("biopsia", "biopsy"), ("patologo", "pathologist"), ("PATÓLOGOS", "pathologist")],
)
def test_spanish_search_ignores_accents_and_case(guides_loaded, query: str, slug: str) -> None:
    assert slug in [term.slug for term in search_terms(query, "es")[:3]]


def test_spanish_search_page_speaks_spanish(client: Client, guides_loaded) -> None:
    html = client.get("/es/search/", {"q": "biopsia"}).content.decode()
    said = re.search(r'<p class="search-count"[^>]*>(\d+) resultados? para “biopsia”\.', html)
    assert said
    listed = sum(
        block.count("<li>")
        for block in re.findall(r'<(?:ol|ul) class="search-results">(.*?)</(?:ol|ul)>', html, re.S)
    )
    assert int(said.group(1)) == listed >= 1
    assert 'href="/es/glossary/#biopsy">Biopsia</a>' in html


def test_spanish_search_with_nothing_found_says_so(client: Client, guides_loaded) -> None:
    response = client.get("/es/search/", {"q": "xilofonocuarzo"})
    assertContains(response, "0 resultados para “xilofonocuarzo”.")
    assertContains(response, "Pruebe con menos palabras")


def test_english_search_does_not_find_spanish(guides_loaded) -> None:
    assert search_guides("seguro") == []


# Plain Spanish ----------------------------------------------------------------


@pytest.mark.parametrize("guide", SPANISH_GUIDES, ids=lambda g: g.path.name)
def test_each_spanish_guide_reads_fairly_easy(guide) -> None:
    text = markdown.plain_text(guide.body, "es")
    score = fernandez_huerta(text)
    assert score >= FAIRLY_EASY, (
        f"{guide.path.name}: Fernández-Huerta {score:.1f}, INFLESZ {inflesz(text):.1f}"
    )


@pytest.mark.parametrize("term", SPANISH_TERMS, ids=lambda t: t["slug"])
def test_each_spanish_definition_reads_fairly_easy(term) -> None:
    score = fernandez_huerta(term["definition"])
    assert score >= FAIRLY_EASY, f"{term['slug']}: Fernández-Huerta {score:.1f}"


@pytest.mark.parametrize("url", SPANISH_PAGES)
def test_each_spanish_content_page_reads_fairly_easy(client: Client, guides_loaded, url) -> None:
    whole, _sentences = blocks(client.get(url).content.decode())
    score = fernandez_huerta(whole)
    assert score >= FAIRLY_EASY, (
        f"{url}: Fernández-Huerta {score:.1f}, INFLESZ {inflesz(whole):.1f}"
    )
