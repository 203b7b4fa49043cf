from django.core.management.base import BaseCommand

from centers import data
from centers.models import Center


class Command(BaseCommand):
    help = (
        "Load the shipped list of NCI-designated cancer centers from "
        "centers/data/centers.toml, matching centers by slug. Edits made in the "
        "admin to those centers are replaced; centers not in the file are removed."
    )

    def handle(self, *args, **options) -> None:
        count = data.load(Center)
        self.stdout.write(f"Loaded {count} cancer centers.")
