from datetime import date

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import F, OuterRef, Subquery
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from guides.models import (
    Citation,
    ContentRelease,
    GlossaryTerm,
    GlossaryTermTranslation,
    Guide,
    GuideTranslation,
    Source,
)

SPANISH = "es"
MISSING, OLDER, CURRENT = "missing", "older", "current"
TRANSLATION_STATES = [
    (MISSING, _("Missing")),
    (OLDER, _("Older than the English")),
    (CURRENT, _("Up to date")),
]
STATE_LABELS = dict(TRANSLATION_STATES)


class ReviewDueFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", _("Review overdue")), ("current", _("Up to date"))]

    def queryset(self, request, queryset):
        today = date.today()
        if self.value() == "overdue":
            return queryset.filter(next_review_due__lte=today)
        if self.value() == "current":
            return queryset.filter(next_review_due__gt=today)
        return queryset


class SpanishFilter(admin.SimpleListFilter):
    """English items by the state of their Spanish version."""

    title = _("Spanish translation")
    parameter_name = "spanish"

    def lookups(self, request, model_admin):
        return TRANSLATION_STATES


class GuideSpanishFilter(SpanishFilter):
    def queryset(self, request, queryset):
        if self.value() == MISSING:
            return queryset.filter(spanish_from__isnull=True)
        if self.value() == OLDER:
            return queryset.filter(spanish_from__lt=F("last_reviewed"))
        if self.value() == CURRENT:
            return queryset.filter(spanish_from__gte=F("last_reviewed"))
        return queryset


class TermSpanishFilter(SpanishFilter):
    def queryset(self, request, queryset):
        if self.value() not in STATE_LABELS:
            return queryset
        # The English wording's fingerprint is worked out in Python; the list is short.
        return queryset.filter(
            pk__in=[term.pk for term in queryset if _term_state(term) == self.value()]
        )


def _term_state(term: GlossaryTerm) -> str:
    if term.spanish_from is None:
        return MISSING
    return CURRENT if term.spanish_from == term.fingerprint else OLDER


def _state_cell(state: str, url: str) -> str:
    label = STATE_LABELS[state]
    return format_html('<a class="translation-{}" href="{}">{}</a>', state, url, label)


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 1
    autocomplete_fields = ["source"]
    verbose_name = _("source cited")
    verbose_name_plural = _("sources cited (in order)")


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "order",
        "published",
        "last_reviewed",
        "next_review_due",
        "spanish",
        "preview",
    ]
    list_editable = ["order", "published"]
    list_filter = ["published", ReviewDueFilter, GuideSpanishFilter, "last_reviewed"]
    search_fields = ["title", "summary", "body", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["updated_at"]
    inlines = [CitationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "order", "published"]}),
        (
            _("Review and sources"),
            {
                "fields": [
                    "last_reviewed",
                    "next_review_due",
                    "written_by",
                    "reviewed_by",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        """Each guide with the English date its Spanish version was written from (or None)."""
        spanish = GuideTranslation.objects.filter(guide=OuterRef("pk"), language=SPANISH)
        return (
            super()
            .get_queryset(request)
            .annotate(spanish_from=Subquery(spanish.values("translated_from_reviewed")[:1]))
        )

    @admin.display(description=_("Spanish"))
    def spanish(self, obj: Guide) -> str:
        """Missing, older than the English, or up to date; a link to add or edit it."""
        if obj.spanish_from is None:
            url = reverse("admin:guides_guidetranslation_add") + f"?guide={obj.pk}&language=es"
            return _state_cell(MISSING, url)
        state = OLDER if obj.spanish_from < obj.last_reviewed else CURRENT
        url = reverse("admin:guides_guidetranslation_changelist") + f"?guide__id__exact={obj.pk}"
        return _state_cell(state, url)

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("<int:pk>/preview/", preview, name="guides_guide_preview"),
            *super().get_urls(),
        ]

    @admin.display(description=_("Preview"))
    def preview(self, obj: Guide) -> str:
        url = reverse("admin:guides_guide_preview", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Preview"))

    def preview_view(self, request, pk: int):
        """The guide as patients will see it, drafts included, for staff only."""
        guide = get_object_or_404(Guide, pk=pk)
        if not self.has_view_permission(request, guide):
            raise PermissionDenied
        response = render(
            request,
            "guides/detail.html",
            {
                "guide": guide,
                "others": Guide.objects.none(),
                "sources": guide.citations_in_order(),
                "preview": True,
            },
        )
        response["Cache-Control"] = "no-store"
        return response


@admin.register(GuideTranslation)
class GuideTranslationAdmin(admin.ModelAdmin):
    """A guide in another language; the English guide gives slug, order and sources."""

    list_display = ["title", "guide", "language", "translated_from_reviewed", "state"]
    list_filter = ["language"]
    list_select_related = ["guide"]
    search_fields = ["title", "summary", "body", "guide__slug"]
    autocomplete_fields = ["guide"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["guide", "language", "title", "summary", "body"]}),
        (
            _("Review"),
            {
                "fields": [
                    "translated_from_reviewed",
                    "last_reviewed",
                    "next_review_due",
                    "written_by",
                    "reviewed_by",
                    "updated_at",
                ]
            },
        ),
    ]

    @admin.display(description=_("Compared with the English"))
    def state(self, obj: GuideTranslation) -> str:
        return STATE_LABELS[OLDER if obj.is_older_than_english else CURRENT]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["term", "slug", "spanish"]
    list_filter = [TermSpanishFilter]
    search_fields = ["term", "definition"]
    prepopulated_fields = {"slug": ["term"]}

    def get_queryset(self, request):
        """Each term with the English wording's fingerprint its Spanish version was written from."""
        spanish = GlossaryTermTranslation.objects.filter(
            glossary_term=OuterRef("pk"), language=SPANISH
        )
        return (
            super()
            .get_queryset(request)
            .annotate(spanish_from=Subquery(spanish.values("translated_from")[:1]))
        )

    @admin.display(description=_("Spanish"))
    def spanish(self, obj: GlossaryTerm) -> str:
        state = _term_state(obj)
        if state == MISSING:
            url = reverse("admin:guides_glossarytermtranslation_add")
            return _state_cell(state, url + f"?glossary_term={obj.pk}&language=es")
        url = reverse("admin:guides_glossarytermtranslation_changelist")
        return _state_cell(state, url + f"?glossary_term__id__exact={obj.pk}")


@admin.register(GlossaryTermTranslation)
class GlossaryTermTranslationAdmin(admin.ModelAdmin):
    list_display = ["term", "glossary_term", "language", "state"]
    list_filter = ["language"]
    list_select_related = ["glossary_term"]
    search_fields = ["term", "definition", "glossary_term__term"]
    autocomplete_fields = ["glossary_term"]
    readonly_fields = ["translated_from"]
    fields = ["glossary_term", "language", "term", "definition", "translated_from"]

    @admin.display(description=_("Compared with the English"))
    def state(self, obj: GlossaryTermTranslation) -> str:
        return STATE_LABELS[OLDER if obj.is_older_than_english else CURRENT]

    def save_model(self, request, obj, form, change) -> None:
        # The editor wrote or checked it against the English as it reads now.
        obj.translated_from = obj.glossary_term.fingerprint
        super().save_model(request, obj, form, change)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["author", "title", "year", "read_on", "url"]
    list_filter = ["read_on"]
    search_fields = ["key", "author", "title", "publisher", "url"]
    prepopulated_fields = {"key": ["title"]}


@admin.register(ContentRelease)
class ContentReleaseAdmin(admin.ModelAdmin):
    """Editors add a release each time they change what patients read."""

    list_display = ["version", "released_on", "notes"]
    ordering = ["-released_on", "-id"]
