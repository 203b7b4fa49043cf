"""NCI-designated cancer centers, as shipped in centers/data/centers.toml.

The list is public data, not patient data: it is loaded by a migration and
by `manage.py load_centers`, and editors may correct a row in the admin.
Each fact records where it came from: the listing (name, designation, city,
state, website) from the NCI list named in the file, the place from the
center's ZIP code, and the contact facts (phone, remote review, price) from
the page in ``contact_source``, each with the date it was checked.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Designation(models.TextChoices):
    COMPREHENSIVE = "comprehensive", _("Comprehensive Cancer Center")
    CLINICAL = "clinical", _("Clinical Cancer Center")
    # Laboratory research only: these centers do not see patients, so the
    # finder never lists them (PatientCenters below).
    BASIC = "basic", _("Basic Laboratory Cancer Center")


class PatientCenters(models.Manager):
    """Centers that see patients: every designation but Basic Laboratory."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().exclude(designation=Designation.BASIC)


class Center(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=160)
    designation = models.CharField(max_length=16, choices=Designation.choices)
    city = models.CharField(max_length=80)
    state = models.CharField(max_length=2, help_text="USPS two-letter code")
    zip_code = models.CharField(
        "ZIP code", max_length=5, help_text="Of the main campus; places the center on the map."
    )
    latitude = models.FloatField()
    longitude = models.FloatField()
    website = models.URLField()
    checked = models.DateField(help_text="When the listing facts were checked against the source.")
    # Contact facts: only where a cited page states them; blank otherwise.
    phone = models.CharField(max_length=40, blank=True)
    phone_for = models.CharField(
        max_length=40, blank=True, help_text="Who the line is for, e.g. “new patients”."
    )
    remote_review = models.BooleanField(
        "publishes a remote review program",
        null=True,
        blank=True,
        help_text="Yes only where a cited page says so; unknown otherwise.",
    )
    remote_review_price = models.CharField(max_length=80, blank=True)
    program_url = models.URLField("second-opinion page", blank=True)
    contact_source = models.URLField(
        blank=True, help_text="The page that states the contact facts."
    )
    contact_checked = models.DateField(null=True, blank=True)
    # What a patient should know before choosing it (children only, where
    # patients are seen), in both languages; shown on the list and its page.
    note = models.CharField(max_length=300, blank=True)
    note_es = models.CharField("note in Spanish", max_length=300, blank=True)
    # How the facts were checked, for editors only.
    source_note = models.TextField(blank=True)

    objects = models.Manager()
    for_patients = PatientCenters()

    class Meta:
        ordering = ["state", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("centers:detail", args=[self.slug])
