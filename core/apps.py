from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Site plumbing no feature owns: middleware, languages, client address,
    rate limits, the admin guard, health and error pages. Imports no feature."""

    name = "core"
    verbose_name = "Site"

    def ready(self) -> None:
        # checks registers system checks and adminguard its login signals, on import.
        from core import adminguard, checks, logredact  # noqa: F401

        logredact.install()
