import re
import threading
import time
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from guides import glossary as glossary_marks
from guides import markdown


class GuideQuerySet(models.QuerySet):
    def published(self) -> "GuideQuerySet":
        return self.filter(published=True)


class Guide(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two plain sentences for the guide list.")
    )
    body = models.TextField(
        _("body"),
        help_text=_(
            "Markdown. Use ## for headings. Link a glossary term with [[term]] "
            "or [[words shown|term-slug]]. Raw HTML is not shown."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    published = models.BooleanField(_("published"), default=True)
    last_reviewed = models.DateField(_("last reviewed"))
    next_review_due = models.DateField(_("next review due"))
    written_by = models.CharField(_("written by"), max_length=200, blank=True)
    reviewed_by = models.CharField(_("reviewed by"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GuideQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(next_review_due__gt=models.F("last_reviewed")),
                name="guide_review_due_after_last_review",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("guides:detail", args=[self.slug])

    def clean(self) -> None:
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due <= self.last_reviewed
        ):
            raise ValidationError(
                {"next_review_due": _("The next review must come after the last review.")}
            )

    @property
    def body_html(self) -> str:
        return markdown.render(self.body)

    def citations_in_order(self) -> list["Source"]:
        """The guide's sources in the order the editor gave them, in one query."""
        return [c.source for c in self.citations.select_related("source").order_by("order", "id")]


class Source(models.Model):
    """One work the content relies on, cited in full (IPDAS: cite the evidence)."""

    key = models.SlugField(
        _("key"),
        max_length=100,
        unique=True,
        help_text=_("Short name used in guide files, e.g. medicare-second-opinions."),
    )
    author = models.CharField(
        _("authors or publisher"),
        max_length=300,
        help_text=_("People, or the organization when no person is named."),
    )
    title = models.CharField(_("title"), max_length=400)
    publisher = models.CharField(
        _("published in or by"),
        max_length=300,
        blank=True,
        help_text=_("Journal or website, with volume and pages for a paper."),
    )
    year = models.CharField(
        _("year"), max_length=20, help_text=_("Year published or last updated, or 'n.d.'.")
    )
    url = models.URLField(_("address"), max_length=500)
    read_on = models.DateField(_("date read"))
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("Anything a reader should know.")
    )

    class Meta:
        ordering = ["author", "title"]

    def __str__(self) -> str:
        return f"{self.author}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("guides:sources") + f"#{self.key}"


class Citation(models.Model):
    """A guide citing a source; `order` is the place in the guide's source list."""

    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="citations", verbose_name=_("guide")
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="citations", verbose_name=_("source")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "source"], name="citation_once_per_guide")
        ]

    def __str__(self) -> str:
        return f"{self.guide} cites {self.source}"


class GlossaryTermQuerySet(models.QuerySet):
    def used_in(self, *texts: str) -> "GlossaryTermQuerySet":
        """The terms that ``[[...]]`` links in these texts point at (for a "words used" box)."""
        slugs = {slug for text in texts if text for slug in markdown.glossary_slugs(text)}
        return self.filter(slug__in=slugs)


class GlossaryTerm(models.Model):
    term = models.CharField(_("term"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    definition = models.TextField(_("plain definition"), max_length=1000)

    objects = GlossaryTermQuerySet.as_manager()

    class Meta:
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term

    def get_absolute_url(self) -> str:
        return reverse("guides:glossary") + f"#{self.slug}"

    @property
    def first_sentence(self) -> str:
        """The definition's first sentence, marks removed: the PDF's short "words used" box."""
        plain = glossary_marks.strip(self.definition).strip()
        return re.split(r"(?<=[.!?])\s", plain, maxsplit=1)[0]


class ContentRelease(models.Model):
    """A numbered version of the whole content, shown on the result, packet and PDF.

    Editors add a new release in the admin whenever they change what patients
    read; the newest one is the current version.
    """

    version = models.CharField(_("version"), max_length=20, unique=True)
    released_on = models.DateField(_("released on"), default=date.today)
    notes = models.TextField(_("what changed"), blank=True)

    class Meta:
        ordering = ["-released_on", "-id"]
        get_latest_by = ["released_on", "id"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return _("Content version %(version)s, %(date)s") % {
            "version": self.version,
            "date": date_format(self.released_on, "j F Y"),
        }


# The current release, kept by each process for up to a minute: the result,
# values and SURE pages show it, and a query on each of them would cost more
# than the rest of the page's reads. A release saved in this process shows at
# once; other processes (other servers) show it within RELEASE_SECONDS.
RELEASE_SECONDS = 60
_release: dict[str, object] = {"value": None, "until": 0.0}
_release_lock = threading.Lock()


def current_release() -> ContentRelease | None:
    """The newest content release, or None before any exists; one query a minute at most."""
    now = time.monotonic()
    if now >= _release["until"]:
        value = ContentRelease.objects.order_by("-released_on", "-id").first()
        with _release_lock:
            _release["value"], _release["until"] = value, now + RELEASE_SECONDS
    return _release["value"]


def forget_current_release(**kwargs) -> None:
    with _release_lock:
        _release["value"], _release["until"] = None, 0.0


post_save.connect(
    forget_current_release, sender=ContentRelease, dispatch_uid="guides_release_saved"
)
post_delete.connect(
    forget_current_release, sender=ContentRelease, dispatch_uid="guides_release_deleted"
)
