from django.apps import AppConfig


class SecondOpinionConfig(AppConfig):
    name = "secondopinion"
    verbose_name = "Second Opinion"

    def ready(self) -> None:
        from secondopinion import checks  # noqa: F401  (registers the checks)
