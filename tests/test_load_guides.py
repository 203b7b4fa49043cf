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
