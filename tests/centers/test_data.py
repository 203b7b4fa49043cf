"""The shipped list: named source and date, complete rows, the source's count."""

import tomllib
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from centers import data, places
from centers.models import Center, Designation

pytestmark = pytest.mark.django_db


def test_the_file_names_its_source_and_date() -> None:
    source = data.source()
    assert source["publisher"] == "National Cancer Institute"
    assert source["url"].startswith("https://www.cancer.gov/")
    assert isinstance(source["as_of"], date) and isinstance(source["checked"], date)
    assert source["as_of"] <= source["checked"] <= date.today()


def test_every_center_is_complete_and_the_count_matches_the_source(centers_loaded) -> None:
    source = data.source()
    centers = list(Center.objects.all())
    assert len(centers) == source["comprehensive"] + source["clinical"] + source["basic"]
    for designation in Designation:
        count = sum(1 for c in centers if c.designation == designation)
        assert count == source[designation.value], designation
    for center in centers:
        assert center.name and center.city and center.website.startswith("https://"), center.slug
        assert len(center.state) == 2 and center.state.isupper(), center.slug
        # Coordinates inside the United States (Hawaii to Maine).
        assert 18 < center.latitude < 50 and -160 < center.longitude < -66, center.slug
        place = places.locate(center.zip_code)
        assert place.state == center.state, center.slug
        if center.phone:
            assert center.phone_for and center.contact_source and center.contact_checked


def test_a_file_whose_counts_disagree_with_its_entries_is_refused(tmp_path) -> None:
    text = data.DATA_FILE.read_text()
    broken = tmp_path / "centers.toml"
    broken.write_text(text.replace("comprehensive = ", "comprehensive = 1", 1))
    with pytest.raises(data.DataFileError):
        data.read(broken)
    assert tomllib.loads(text)["source"]["comprehensive"] == data.source()["comprehensive"]


def test_load_centers_puts_back_the_shipped_facts(centers_loaded) -> None:
    msk = Center.objects.get(slug="memorial-sloan-kettering")
    shipped = msk.website
    Center.objects.filter(pk=msk.pk).update(website="https://wrong.example/")
    Center.objects.create(
        slug="not-on-the-list",
        name="Not on the list",
        designation=Designation.CLINICAL,
        city="Nowhere",
        state="KS",
        zip_code="66044",
        latitude=38.9,
        longitude=-95.2,
        website="https://example.org/",
        checked=date(2026, 1, 1),
    )
    out = StringIO()
    call_command("load_centers", stdout=out)
    assert f"Loaded {Center.objects.count()} cancer centers." in out.getvalue()
    assert Center.objects.get(pk=msk.pk).website == shipped
    assert not Center.objects.filter(slug="not-on-the-list").exists()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("10065", "10065"),
        (" 10065-1234 ", "10065"),
        ("10065 1234", "10065"),
        ("100651234", "10065"),
    ],
)
def test_five_digits(typed: str, expected: str) -> None:
    assert places.five_digits(typed) == expected


@pytest.mark.parametrize(
    ("typed", "reason"), [("", "missing"), ("1006", "shape"), ("1O065", "shape")]
)
def test_not_a_zip_code(typed: str, reason: str) -> None:
    with pytest.raises(places.ZipError) as caught:
        places.five_digits(typed)
    assert caught.value.reason == reason


def test_great_circle_distance() -> None:
    # New York (40.71, -74.01) to Los Angeles (34.05, -118.24): about 2,445 miles.
    assert 2430 < places.miles_between(40.7128, -74.006, 34.0522, -118.2437) < 2460
    assert places.miles_between(10, 10, 10, 10) == 0


@pytest.mark.parametrize("typed", ["\u1817" * 5, "1006\u0665"])
def test_digits_of_other_scripts_are_not_a_zip_code(typed: str) -> None:
    # The fuzz test found these: the zipcodes package panicked on them.
    with pytest.raises(places.ZipError):
        places.five_digits(typed)


@pytest.mark.parametrize("typed", ["１００６５", "10065\u00a01234"])
def test_full_width_digits_and_no_break_spaces_are_read(typed: str) -> None:
    assert places.five_digits(typed) == "10065"
