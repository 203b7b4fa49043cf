from datetime import date

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from guides.models import Citation, ContentRelease, GlossaryTerm, Guide, Source


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


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 1
    autocomplete_fields = ["source"]
    verbose_name = _("source cited")
    verbose_name_plural = _("sources cited (in order)")


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):
    list_display = ["title", "order", "published", "last_reviewed", "next_review_due", "preview"]
    list_editable = ["order", "published"]
    list_filter = ["published", ReviewDueFilter, "last_reviewed"]
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


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["term", "slug"]
    search_fields = ["term", "definition"]
    prepopulated_fields = {"slug": ["term"]}


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
