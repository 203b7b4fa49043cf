from django.core.management.base import BaseCommand

from guides import content
from guides.models import GlossaryTerm, Guide


class Command(BaseCommand):
    help = (
        "Load the shipped guides and glossary from guides/content/, updating "
        "entries with the same slug. Edits made in the admin to those entries are replaced."
    )

    def handle(self, *args, **options) -> None:
        guides, terms = content.load(Guide, GlossaryTerm)
        self.stdout.write(f"Loaded {guides} guides and {terms} glossary terms.")
