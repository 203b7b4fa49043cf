"""The patient's anonymous packet, and the browsers that may use it.

There are no accounts. The session holds only the packet's id (and, for a
browser attached with a pairing code, its Device row). Everything the
patient saves hangs off the packet in rows of its own, owned by the app
whose idea it is (answers in questionnaire/, checklist entries in
checklists/); deleting the packet deletes every row (on_delete=CASCADE).

The packet row itself carries the patient's details for the letters and the
cover, so that one form saves them in one write; what they mean is the
checklists' business (checklists/letter.py).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NAME_MAX = 80
PHONE_MAX = 40
TEXT_MAX = 120
CONTACT_MAX = 200


class PaperSize(models.TextChoices):
    LETTER = "letter", _("US Letter")
    A4 = "a4", _("A4")


class Surgery(models.TextChoices):
    UNKNOWN = "", _("Not said")
    YES = "yes", _("Yes")
    NO = "no", _("No")


class Delivery(models.TextChoices):
    UNSET = "", _("Not chosen yet")
    ME = "me", _("Send them to me")
    CENTER = "center", _("Send them straight to my second-opinion center")


class RecordFormat(models.TextChoices):
    UNSET = "", _("Not chosen yet")
    PORTAL = "portal", _("In my patient portal")
    ELECTRONIC = "electronic", _("By email")
    CD = "cd", _("On a CD or USB drive")
    PAPER = "paper", _("Paper copies")


class ImagingFormat(models.TextChoices):
    UNSET = "", _("Not chosen yet")
    CD = "cd", _("On a CD or DVD")
    LINK = "link", _("Through an image-sharing link")


class LetterLanguage(models.TextChoices):
    """The letter to send is always in English (a US records office may not
    read Spanish); "es" adds a Spanish version for the patient to read."""

    UNSET = "", _("Not chosen yet")
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish and English")


class Packet(models.Model):
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Details for the cover and the letter. All optional, all bounded.
    name = models.CharField(_("name"), max_length=NAME_MAX, blank=True)
    cancer_type = models.CharField(_("type of cancer"), max_length=TEXT_MAX, blank=True)
    first_doctor = models.CharField(_("first doctor"), max_length=TEXT_MAX, blank=True)
    doctor_contact = models.CharField(
        _("first doctor's office contact"), max_length=CONTACT_MAX, blank=True
    )
    center = models.CharField(_("second-opinion center"), max_length=TEXT_MAX, blank=True)
    # Filled by "Use this center" in the center finder (centers/), or typed.
    center_website = models.URLField(
        _("second-opinion center's website"), max_length=CONTACT_MAX, blank=True
    )
    appointment_date = models.DateField(_("appointment date"), null=True, blank=True)
    # What a records request needs. All optional: the letter leaves a gap to
    # fill by hand for anything missing.
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=CONTACT_MAX, blank=True)
    phone = models.CharField(_("phone"), max_length=PHONE_MAX, blank=True)
    records_office = models.CharField(_("records office"), max_length=TEXT_MAX, blank=True)
    records_office_address = models.CharField(
        _("records office address"), max_length=CONTACT_MAX, blank=True
    )
    # What a records office, a lab or an imaging department needs to find
    # the records (checklists/letter.py), all optional.
    email = models.EmailField(_("email"), max_length=CONTACT_MAX, blank=True)
    mrn = models.CharField(_("medical record number"), max_length=PHONE_MAX, blank=True)
    other_names = models.CharField(_("other names used"), max_length=TEXT_MAX, blank=True)
    service_dates = models.CharField(_("dates of care"), max_length=TEXT_MAX, blank=True)
    lab_name = models.CharField(_("pathology lab"), max_length=TEXT_MAX, blank=True)
    lab_cases = models.CharField(_("pathology case numbers"), max_length=TEXT_MAX, blank=True)
    procedure_dates = models.CharField(
        _("dates of the biopsy or surgery"), max_length=TEXT_MAX, blank=True
    )
    imaging_exams = models.CharField(_("scans to send"), max_length=CONTACT_MAX, blank=True)
    # Where the new center wants records sent (a directive or an
    # authorization must say where).
    center_address = models.CharField(
        _("second-opinion center's address"), max_length=CONTACT_MAX, blank=True
    )
    center_fax = models.CharField(
        _("second-opinion center's fax"), max_length=PHONE_MAX, blank=True
    )
    center_phone = models.CharField(
        _("second-opinion center's phone"), max_length=PHONE_MAX, blank=True
    )
    center_email = models.EmailField(
        _("second-opinion center's secure email"), max_length=CONTACT_MAX, blank=True
    )
    center_contact = models.CharField(
        _("contact person at the center"), max_length=TEXT_MAX, blank=True
    )
    # The date the letters ask for the records by; empty means the default
    # (checklists/letter.py default_send_by).
    send_by = models.DateField(_("send by"), null=True, blank=True)
    had_surgery = models.CharField(
        _("surgery so far"), max_length=10, choices=Surgery.choices, blank=True
    )
    # How the records should travel.
    delivery = models.CharField(
        _("where the records go"), max_length=10, choices=Delivery.choices, blank=True
    )
    record_format = models.CharField(
        _("format for records"), max_length=12, choices=RecordFormat.choices, blank=True
    )
    imaging_format = models.CharField(
        _("format for scans"), max_length=10, choices=ImagingFormat.choices, blank=True
    )
    letter_language = models.CharField(
        _("language of the letter"), max_length=5, choices=LetterLanguage.choices, blank=True
    )
    questions_done = models.BooleanField(_("questions finished"), default=False)
    paper_size = models.CharField(
        _("paper size"), max_length=10, choices=PaperSize.choices, default=PaperSize.LETTER
    )

    class Meta:
        db_table = "checklists_packet"

    def __str__(self) -> str:
        return f"Packet {self.pk}"

    def touch(self) -> None:
        """Mark the packet as changed now, without rewriting any other column.

        Every write calls this: the PDF's ETag is built from this time, so
        a download always reflects everything saved.
        """
        self.updated_at = timezone.now()
        Packet.objects.filter(pk=self.pk).update(updated_at=self.updated_at)


class PacketRowQuerySet(models.QuerySet):
    """One upsert for every per-packet row: a single INSERT ... ON CONFLICT
    UPDATE, so concurrent first saves never collide and never lose a write."""

    def upsert(self, packet: Packet, key_field: str, rows: dict[str, dict], **fixed) -> None:
        now = timezone.now()
        objs = [
            self.model(packet=packet, updated_at=now, **{key_field: key}, **fields, **fixed)
            for key, fields in rows.items()
        ]
        if not objs:
            return
        update_fields = sorted({name for fields in rows.values() for name in fields})
        self.bulk_create(
            objs,
            update_conflicts=True,
            unique_fields=["packet", key_field] if key_field else ["packet"],
            update_fields=[*update_fields, "updated_at"],
        )
        packet.touch()


LABEL_MAX = 40


class PairingCode(models.Model):
    """A one-time code that attaches another browser to a packet.

    Only an HMAC of the code is kept (packets/pairing.py): the code itself
    is shown once, to the browser that asked for it, and never stored.
    """

    packet = models.ForeignKey(Packet, on_delete=models.CASCADE, related_name="pairing_codes")
    code_hash = models.CharField(max_length=64, unique=True)
    can_edit = models.BooleanField(default=False)
    label = models.CharField(_("label"), max_length=LABEL_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "checklists_pairingcode"

    def __str__(self) -> str:
        return f"pairing code {self.pk} (packet {self.packet_id})"


class Device(models.Model):
    """Another browser attached to a packet with a code: when, with which
    rights, and the label its owner typed. Nothing else is known about it."""

    packet = models.ForeignKey(Packet, on_delete=models.CASCADE, related_name="devices")
    can_edit = models.BooleanField(default=False)
    label = models.CharField(_("label"), max_length=LABEL_MAX, blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "checklists_device"
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return f"browser {self.pk} (packet {self.packet_id})"
