from django.apps import AppConfig


class PrintingConfig(AppConfig):
    """The PDFs: rendering, their cache and the print-only filters."""

    name = "printing"
    verbose_name = "Printing"

    def ready(self) -> None:
        from printing import cache

        cache.connect()
