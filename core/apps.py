from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Site plumbing no feature owns: middleware, languages, client address,
    rate limits, the admin guard, health and error pages. Imports no feature."""

    name = "core"
    verbose_name = "Site"

    def ready(self) -> None:
        from core import checks, logredact  # noqa: F401  (system checks register on import)

        logredact.install()
