from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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
    sources = models.TextField(_("sources"), help_text=_("One source per line."))
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

    @property
    def source_list(self) -> list[str]:
        return [line.strip() for line in self.sources.splitlines() if line.strip()]


class GlossaryTerm(models.Model):
    term = models.CharField(_("term"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    definition = models.TextField(_("plain definition"), max_length=1000)

    class Meta:
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term

    def get_absolute_url(self) -> str:
        return reverse("guides:glossary") + f"#{self.slug}"
