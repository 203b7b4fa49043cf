"""The records checklist's rows: one entry per item, the patient's questions,
and the notes from the call to the insurer. Each hangs off the packet
(packets.models.Packet), one row per thing, so two tabs that change
different items never overwrite each other.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from packets.models import TEXT_MAX, Packet, PacketRowQuerySet

NOTE_MAX = 500
QUESTION_MAX = 300
QUESTIONS_MAX = 20


class EntryQuerySet(PacketRowQuerySet):
    def save_entries(self, packet: Packet, entries: dict[str, tuple[str, str]]) -> None:
        """Item key to (status, note), each item its own row."""
        self.upsert(
            packet, "item_key", {k: {"status": s, "note": n} for k, (s, n) in entries.items()}
        )


class Status(models.TextChoices):
    NEED = "need", _("Still need")
    ASKED = "asked", _("Asked for it")
    HAVE = "have", _("Have it")
    NOT_APPLICABLE = "na", _("Does not apply")


class ChecklistEntry(models.Model):
    packet = models.ForeignKey(Packet, on_delete=models.CASCADE, related_name="entries")
    item_key = models.CharField(max_length=40)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEED)
    note = models.CharField(max_length=NOTE_MAX, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = EntryQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["packet", "item_key"], name="one_entry_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.item_key}: {self.status}"


class PacketQuestion(models.Model):
    packet = models.ForeignKey(Packet, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=QUESTION_MAX)
    position = models.PositiveSmallIntegerField(default=0)
    suggestion_key = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class Coverage(models.TextChoices):
    UNKNOWN = "", _("Not asked yet")
    YES = "yes", _("Yes")
    NO = "no", _("No")
    PARTLY = "partly", _("Partly, or it depends")


class InsuranceCallQuerySet(models.QuerySet):
    def save_call(self, packet: Packet, fields: dict) -> None:
        """Insert or replace the packet's one call log in a single statement."""
        now = timezone.now()
        self.bulk_create(
            [self.model(packet=packet, updated_at=now, **fields)],
            update_conflicts=True,
            unique_fields=["packet"],
            update_fields=[*fields, "updated_at"],
        )
        packet.touch()


class InsuranceCall(models.Model):
    """The patient's notes from calling their insurer, for the packet and PDF."""

    packet = models.OneToOneField(Packet, on_delete=models.CASCADE, related_name="insurance_call")
    call_date = models.DateField(_("date of the call"), null=True, blank=True)
    spoke_to = models.CharField(_("person you spoke to"), max_length=TEXT_MAX, blank=True)
    reference = models.CharField(_("reference or call number"), max_length=60, blank=True)
    covered = models.CharField(
        _("Is a second opinion covered?"), max_length=10, choices=Coverage.choices, blank=True
    )
    referral_needed = models.CharField(
        _("Is a referral or prior approval needed?"),
        max_length=10,
        choices=Coverage.choices,
        blank=True,
    )
    in_network = models.CharField(
        _("Is the center in your network?"), max_length=10, choices=Coverage.choices, blank=True
    )
    notes = models.CharField(_("other notes"), max_length=NOTE_MAX, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = InsuranceCallQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Insurance call for packet {self.packet_id}"
