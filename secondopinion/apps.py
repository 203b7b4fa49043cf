from django.apps import AppConfig


class SecondOpinionConfig(AppConfig):
    name = "secondopinion"
    verbose_name = "Second Opinion"

    def ready(self) -> None:
        from secondopinion import adminguard, checks, db, logredact  # noqa: F401  (checks, signals)

        db.connect()
        logredact.install()
