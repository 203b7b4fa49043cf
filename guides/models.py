import hashlib
import re
import threading
import time
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import FilteredRelation, Q
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from guides import glossary as glossary_marks
from guides import markdown

# Languages a guide or term can be translated into: every site language but English.
TRANSLATION_LANGUAGES = [(code, name) for code, name in settings.LANGUAGES if code != "en"]


def _as_read_in(queryset: models.QuerySet, language: str, skip: tuple[str, ...] = ()) -> list:
    """Each row as a reader of ``language`` sees it, in one query: its translation, wired
    back to the row, or the row itself when it has none.

    The translation's columns come in as annotations: ``select_related`` cannot
    follow a FilteredRelation over a reverse foreign key. Columns in ``skip``
    are not read (a list needs no bodies) and stay empty.
    """
    translated = queryset.model.translations.rel.related_model
    relation = queryset.model.translations.field.name
    names = [f.attname for f in translated._meta.concrete_fields if f.name not in (relation, *skip)]
    rows = queryset.annotate(
        tr=FilteredRelation("translations", condition=Q(translations__language=language)),
        **{f"tr_{name}": models.F(f"tr__{name}") for name in names},
    )
    found = []
    for row in rows:
        if row.tr_id is None:
            found.append(row)
            continue
        version = translated(**{name: getattr(row, f"tr_{name}") for name in names})
        setattr(version, relation, row)
        found.append(version)
    return found


class GuideQuerySet(models.QuerySet):
    def published(self) -> "GuideQuerySet":
        return self.filter(published=True)

    def as_read_in(self, language: str, fields: tuple[str, ...] = ()) -> list:
        """Each guide as a reader of ``language`` sees it, in one query.

        Its translation when there is one (same slug, sources and order), the
        English guide otherwise: its ``language`` says so and the page marks it.
        ``fields``: load only these (and their translations), as ``only()``.
        """
        if language == settings.LANGUAGE_CODE:
            return list(self.only(*fields) if fields else self)
        if fields and "body" not in fields:
            return _as_read_in(self.defer("body"), language, skip=("body",))
        return _as_read_in(self, language)


class Reviewed(models.Model):
    """Who wrote and reviewed a guide's text, and when it is next due: the same
    for an English guide and for each of its translations."""

    last_reviewed = models.DateField(_("last reviewed"))
    next_review_due = models.DateField(_("next review due"))
    written_by = models.CharField(_("written by"), max_length=200, blank=True)
    reviewed_by = models.CharField(_("reviewed by"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due <= self.last_reviewed
        ):
            raise ValidationError(
                {"next_review_due": _("The next review must come after the last review.")}
            )


class Guide(Reviewed):
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
    updated_at = models.DateTimeField(auto_now=True)

    objects = GuideQuerySet.as_manager()

    # The shipped text's language; translations are GuideTranslation rows.
    language = settings.LANGUAGE_CODE

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
        # The page's language: on a Spanish page, an untranslated guide is read at
        # /es/guides/<slug>/ (in English, marked so), keeping the reader in Spanish.
        return reverse("guides:detail", args=[self.slug])

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
    note_es = models.CharField(
        _("note in Spanish"),
        max_length=400,
        blank=True,
        help_text=_("The same note for Spanish pages. Without it, they show the English note."),
    )
    publisher_es = models.CharField(
        _("published in or by, in Spanish"),
        max_length=300,
        blank=True,
        help_text=_(
            "Only when the publisher line has words of our own, such as 'republished from'."
        ),
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

    def as_read_in(self, language: str) -> list:
        """Each term in ``language`` (its translation, or the English when it has none),
        in the alphabetical order of the words shown, in one query."""
        if language == settings.LANGUAGE_CODE:
            return list(self)
        return sorted(_as_read_in(self, language), key=lambda row: _sort_key(row.term))


def _sort_key(words: str) -> str:
    """Alphabetical order that ignores accents and case ("Ángulo" with the a's)."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", words.casefold())
    return "".join(ch for ch in plain if not unicodedata.combining(ch))


def fingerprint(term: str, definition: str) -> str:
    """A short mark of an English term's wording: a translation records the one it was
    written from, so a later change to the English shows the translation is behind."""
    text = " ".join(term.split()) + "\n" + " ".join(definition.split())
    return hashlib.sha256(text.encode()).hexdigest()[:8]


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

    # The shipped text's language; translations are GlossaryTermTranslation rows.
    language = settings.LANGUAGE_CODE

    @property
    def first_sentence(self) -> str:
        """The definition's first sentence, marks removed: the PDF's short "words used" box."""
        return _first_sentence(self.definition)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.term, self.definition)


def _first_sentence(definition: str) -> str:
    plain = glossary_marks.strip(definition).strip()
    return re.split(r"(?<=[.!?])\s", plain, maxsplit=1)[0]


class GuideTranslation(Reviewed):
    """A guide written for readers of another language.

    It keeps the English guide's slug, order, sources and publication; its
    own words and review dates are here. ``translated_from_reviewed`` is the
    English guide's "last reviewed" date the translation was written from:
    when the English is reviewed again, the translation shows as older.
    """

    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="translations", verbose_name=_("guide")
    )
    language = models.CharField(_("language"), max_length=8, choices=TRANSLATION_LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(
        _("body"),
        help_text=_(
            "Markdown, as in the English guide. Glossary links keep the English slug: "
            "[[words shown|term-slug]]."
        ),
    )
    translated_from_reviewed = models.DateField(
        _("translated from the English of"),
        help_text=_("The English guide's 'last reviewed' date that this translation matches."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("guide translation")
        ordering = ["guide__order", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "language"], name="guide_translation_once_per_language"
            ),
            models.CheckConstraint(
                condition=models.Q(next_review_due__gt=models.F("last_reviewed")),
                name="guide_translation_review_due_after_last_review",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        with translation.override(self.language):
            return reverse("guides:detail", args=[self.guide.slug])

    @property
    def slug(self) -> str:
        return self.guide.slug

    @property
    def order(self) -> int:
        return self.guide.order

    @property
    def published(self) -> bool:
        return self.guide.published

    @property
    def is_older_than_english(self) -> bool:
        return self.translated_from_reviewed < self.guide.last_reviewed

    @property
    def body_html(self) -> str:
        return markdown.render(self.body, self.language)

    def citations_in_order(self) -> list["Source"]:
        return self.guide.citations_in_order()


class GlossaryTermTranslation(models.Model):
    """A word-list entry in another language; links keep the English term's slug."""

    glossary_term = models.ForeignKey(
        GlossaryTerm,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("English term"),
    )
    language = models.CharField(_("language"), max_length=8, choices=TRANSLATION_LANGUAGES)
    term = models.CharField(_("term"), max_length=100)
    definition = models.TextField(_("plain definition"), max_length=1000)
    translated_from = models.CharField(
        _("translated from"),
        max_length=8,
        blank=True,
        help_text=_(
            "A mark of the English wording this translation matches. Saving the "
            "translation here records the English as it reads now."
        ),
    )

    class Meta:
        verbose_name = _("glossary term translation")
        ordering = ["language", "term"]
        constraints = [
            models.UniqueConstraint(
                fields=["glossary_term", "language"], name="term_translation_once_per_language"
            ),
        ]

    def __str__(self) -> str:
        return self.term

    def get_absolute_url(self) -> str:
        with translation.override(self.language):
            return reverse("guides:glossary") + f"#{self.glossary_term.slug}"

    @property
    def slug(self) -> str:
        return self.glossary_term.slug

    @property
    def is_older_than_english(self) -> bool:
        return self.translated_from != self.glossary_term.fingerprint

    @property
    def first_sentence(self) -> str:
        return _first_sentence(self.definition)


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
            # "29 November 2026"; in Spanish "29 de noviembre de 2026".
            "date": date_format(self.released_on, gettext("j F Y")),
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
