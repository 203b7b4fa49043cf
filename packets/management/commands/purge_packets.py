from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from core import ratelimit
from packets.models import Packet
from packets.pairing import purge_expired


class Command(BaseCommand):
    help = "Delete packets (and all their rows) that nobody has changed for N days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=settings.PACKET_MAX_IDLE_DAYS,
            help=f"idle days before a packet is deleted (default {settings.PACKET_MAX_IDLE_DAYS})",
        )

    def handle(self, *args, days: int, **options) -> None:
        if days < 0:
            self.stderr.write("--days must be 0 or more.")
            raise SystemExit(2)
        cutoff = timezone.now() - timedelta(days=days)
        stale = list(Packet.objects.filter(updated_at__lt=cutoff).values_list("pk", flat=True))
        # Their cached PDFs go too (printing listens for each packet's delete).
        deleted, _ = Packet.objects.filter(pk__in=stale).delete()
        codes = purge_expired()
        # Sessions are rows in the database whatever the cache (core/sessions.py).
        expired, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
        counts = ratelimit.purge_expired()
        self.stdout.write(
            f"Deleted {len(stale)} packets idle for more than {days} days "
            f"({deleted} rows in all), {codes} expired pairing codes, "
            f"{expired} expired sessions and {counts} ended rate-limit counts."
        )
