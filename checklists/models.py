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


# --- Records requests: what happened after a letter was printed ----------------


class RequestKind(models.TextChoices):
    OFFICE = "office", _("records office")
    LAB = "lab", _("pathology lab")
    IMAGING = "imaging", _("imaging department")


class SentHow(models.TextChoices):
    UNSET = "", _("Not said")
    MAIL = "mail", _("By mail")
    FAX = "fax", _("By fax")
    PORTAL = "portal", _("Through the patient portal")
    EMAIL = "email", _("By email")
    IN_PERSON = "in_person", _("In person")


class Received(models.TextChoices):
    UNSET = "", _("Not said")
    ALL = "all", _("All of it")
    SOME = "some", _("Some of it")
    NONE = "none", _("Nothing yet")


class RequestQuerySet(PacketRowQuerySet):
    def save_request(self, packet: Packet, kind: str, fields: dict) -> None:
        """Write the changed fields of one request, one row per (packet, kind)."""
        self.upsert(packet, "kind", {kind: fields})


class RecordRequest(models.Model):
    """One records request the patient sent (a letter to one holder) and how
    it is going: when it went and how, the date the office promised, whether
    it wrote that it needs more time, what came back, and the follow-up."""

    packet = models.ForeignKey(Packet, on_delete=models.CASCADE, related_name="record_requests")
    kind = models.CharField(max_length=10, choices=RequestKind.choices)
    sent_on = models.DateField(_("Date you sent the letter"), null=True, blank=True)
    sent_how = models.CharField(
        _("How did you send it?"), max_length=10, choices=SentHow.choices, blank=True
    )
    promised_by = models.DateField(
        _("Date they promised the records, if they gave one"), null=True, blank=True
    )
    more_time = models.BooleanField(_("Did they write that they need more time?"), default=False)
    received = models.CharField(
        _("What have you received?"), max_length=10, choices=Received.choices, blank=True
    )
    followed_up_on = models.DateField(
        _("Date you sent the follow-up letter, if you did"), null=True, blank=True
    )
    updated_at = models.DateTimeField(default=timezone.now)

    objects = RequestQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["packet", "kind"], name="one_request_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} request for packet {self.packet_id}"
