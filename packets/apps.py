from django.apps import AppConfig


class PacketsConfig(AppConfig):
    """The anonymous packet and who may use it."""

    name = "packets"
    verbose_name = "Packets"

    def ready(self) -> None:
        from packets import scrub

        scrub.connect()
