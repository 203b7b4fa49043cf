"""Shipped content is there after migrate, and can be reloaded on demand."""

from django.core.management import call_command

from guides import content
from guides.models import GlossaryTerm, Guide


def test_reload_command_restores_shipped_text(db, guides_loaded) -> None:
    Guide.objects.filter(slug="who-pays").update(title="Edited")
    GlossaryTerm.objects.all().delete()
    call_command("load_guides", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Guide.objects.get(slug="who-pays").title != "Edited"
    assert GlossaryTerm.objects.count() == len(content.glossary_entries())


def test_every_file_becomes_one_guide(db, guides_loaded) -> None:
    assert Guide.objects.count() == len(content.guide_files())
    assert Guide.objects.filter(published=True).count() >= 6


def test_make_content_loads_sources_citations_and_the_release(db, guides_loaded) -> None:
    from guides.models import Citation, ContentRelease, Source

    Citation.objects.all().delete()
    call_command("load_guides", stdout=open("/dev/null", "w"))  # noqa: SIM115
    shipped = content.guide_files()
    assert Citation.objects.count() == sum(len(g.sources) for g in shipped)
    assert Source.objects.filter(url="").count() == 0
    assert ContentRelease.objects.filter(version=content.release_entry()["version"]).exists()


def test_old_one_line_sources_become_rows_when_migrating(transactional_db) -> None:
    """An editor's own guide keeps its sources through the 0003-0005 migrations."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("guides", "0002_load_shipped_content")])
    old = executor.loader.project_state([("guides", "0002_load_shipped_content")]).apps
    old_guide = old.get_model("guides", "Guide").objects.create(
        title="Editor's guide",
        slug="editors-guide",
        summary="x",
        body="Hello.",
        last_reviewed="2026-01-01",
        next_review_due="2026-07-01",
        sources="First source, 2024\nSecond source, 2025\n",
    )
    # The loader still fills the old one-line field, as migration 0002 runs it.
    content.load(old.get_model("guides", "Guide"), old.get_model("guides", "GlossaryTerm"))
    lines = old.get_model("guides", "Guide").objects.get(slug="who-pays").sources.splitlines()
    assert lines[1].startswith(
        "Centers for Medicare & Medicaid Services. “Second surgical opinions”"
    )
    assert "https://www.medicare.gov/coverage/second-surgical-opinions" in lines[1]

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from guides.models import Guide

    guide = Guide.objects.get(pk=old_guide.pk)
    assert [s.title for s in guide.citations_in_order()] == [
        "First source, 2024",
        "Second source, 2025",
    ]
    assert Guide.objects.get(slug="who-pays").citations.count() == len(
        next(g for g in content.guide_files() if g.slug == "who-pays").sources
    )
