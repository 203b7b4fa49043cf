"""Editors keep the guides current in the admin."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from pytest_django.asserts import assertContains

from guides.models import ContentRelease, Guide, current_release


@pytest.fixture
def editor(db) -> Client:
    user = User.objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    client = Client()
    client.force_login(user)
    return client


def test_editor_can_search_and_filter_guides(editor: Client, guides_loaded) -> None:
    response = editor.get("/admin/guides/guide/", {"q": "insurance"})
    assertContains(response, "Who pays")
    response = editor.get("/admin/guides/guide/", {"review": "overdue"})
    assert response.status_code == 200
    response = editor.get("/admin/guides/guide/", {"published__exact": "1"})
    assert response.status_code == 200


def test_editor_can_preview_an_unpublished_guide(editor: Client, guides_loaded) -> None:
    guide = Guide.objects.get(slug="who-pays")
    guide.published = False
    guide.save()
    response = editor.get(f"/admin/guides/guide/{guide.pk}/preview/")
    assertContains(response, guide.title)
    assertContains(response, "not published yet")


def test_preview_needs_a_staff_login(client: Client, guides_loaded) -> None:
    guide = Guide.objects.get(slug="who-pays")
    response = client.get(f"/admin/guides/guide/{guide.pk}/preview/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_review_due_must_follow_last_review(editor: Client, guides_loaded) -> None:
    guide = Guide.objects.get(slug="who-pays")
    response = editor.post(
        f"/admin/guides/guide/{guide.pk}/change/",
        {
            "title": guide.title,
            "slug": guide.slug,
            "summary": guide.summary,
            "body": guide.body,
            "order": guide.order,
            "published": "on",
            "last_reviewed": "2026-06-01",
            "next_review_due": "2026-01-01",
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
        },
    )
    assertContains(response, "The next review must come after the last review.")
    guide.refresh_from_db()
    assert guide.next_review_due.year == 2027


def test_glossary_terms_are_editable(editor: Client, guides_loaded) -> None:
    response = editor.get("/admin/guides/glossaryterm/", {"q": "pathology"})
    assertContains(response, "Pathology report")


def test_editor_bumps_the_content_version(editor: Client, guides_loaded) -> None:
    response = editor.post(
        "/admin/guides/contentrelease/add/",
        {"version": "3.1", "released_on": "2027-01-15", "notes": "Fixed a date."},
    )
    assert response.status_code == 302
    assert current_release().version == "3.1"
    assert current_release().label == "Content version 3.1, 15 January 2027"
    assert ContentRelease.objects.count() == 2


def test_guide_form_lists_its_citations(editor: Client, guides_loaded) -> None:
    guide = Guide.objects.get(slug="who-pays")
    response = editor.get(f"/admin/guides/guide/{guide.pk}/change/")
    assertContains(response, "Second surgical opinions")
    assertContains(response, 'name="citations-TOTAL_FORMS"')


def test_sources_are_editable(editor: Client, guides_loaded) -> None:
    response = editor.get("/admin/guides/source/", {"q": "Ruetters"})
    assertContains(response, "Is there evidence for a better health care")
