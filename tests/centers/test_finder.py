"""The center finder, as a patient uses it: real ZIP codes, real distances."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from centers import data
from centers.models import Center, Designation
from packets.models import Packet
from tests.packets.test_pairing_and_sharing import joined
from tests.printing.test_packet_pdf import pdf_text

pytestmark = pytest.mark.django_db

NAME = re.compile(r'<h3><a href="/(?:es/)?centers/([a-z0-9-]+)/">')


def listed(client: Client, zip_code: str, language: str = "", **filters) -> list[str]:
    """The slugs of the centers listed, nearest first."""
    response = client.get(f"{language}/centers/", {"zip": zip_code, **filters})
    assert response.status_code == 200
    return NAME.findall(response.content.decode())


def test_new_york_lists_memorial_sloan_kettering_among_the_nearest_three(
    patient: Client, centers_loaded
) -> None:
    assert "memorial-sloan-kettering" in listed(patient, "10065")[:3]


def test_houston_lists_md_anderson_first(patient: Client, centers_loaded) -> None:
    assert listed(patient, "77030")[0] == "md-anderson"


def test_portland_oregon_lists_ohsu_knight_first(patient: Client, centers_loaded) -> None:
    assert listed(patient, "97239")[0] == "ohsu-knight"


def test_anchorage_has_no_center_and_is_told_the_honest_distances(
    patient: Client, centers_loaded
) -> None:
    page = patient.get("/centers/", {"zip": "99501"}).content.decode()
    slugs = NAME.findall(page)
    assert len(slugs) == 10
    assert slugs[0] == "fred-hutchinson"  # Seattle
    miles = [int(m.replace(",", "")) for m in re.findall(r"About ([\d,]+) miles? away", page)]
    assert miles == sorted(miles)
    # Anchorage to Seattle is about 1,450 miles as the crow flies.
    assert 1400 <= miles[0] <= 1500
    assert "The nearest centers are far from you" in page
    assert "without a visit" in page


def test_a_basic_laboratory_center_is_never_listed(patient: Client, centers_loaded) -> None:
    basic = set(Center.objects.filter(designation=Designation.BASIC).values_list("slug", flat=True))
    assert len(basic) == data.source()["basic"] > 0
    # ZIP codes at or next to each laboratory-only center.
    for zip_code in ["92037", "04609", "11724", "47907", "02139", "19104"]:
        assert not basic & set(listed(patient, zip_code)), zip_code
        assert not basic & set(listed(patient, zip_code, within="500"))
    for slug in basic:
        assert patient.get(f"/centers/{slug}/").status_code == 404
        assert patient.post(f"/centers/{slug}/use").status_code == 404
    page = patient.get("/centers/").content.decode()
    assert "do not see patients, so they are not on this list" in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter your ZIP code."),
        ("1234", "Enter a ZIP code of 5 numbers, like 10065."),
        ("abcde", "Enter a ZIP code of 5 numbers, like 10065."),
        ("10065-12", "Enter a ZIP code of 5 numbers, like 10065."),
        ("00000", "We could not find the ZIP code 00000. Check the numbers and try again."),
        ("9" * 30, "Enter a ZIP code of 5 numbers, like 10065."),
    ],
)
def test_a_bad_zip_code_gets_a_clear_message_and_keeps_what_was_typed(
    patient: Client, centers_loaded, typed: str, message: str
) -> None:
    response = patient.get("/centers/", {"zip": typed, "within": "100"})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "There is a problem" in page and "<title>Error:" in page
    assert f'value="{typed}"' in page or typed == ""
    assert '<option value="100" selected>' in page
    assert NAME.findall(page) == []


def test_the_message_is_in_spanish_on_the_spanish_page(patient: Client, centers_loaded) -> None:
    page = patient.get("/es/centers/", {"zip": "00000"}).content.decode()
    assert "No encontramos el código postal 00000" in page
    assert "We could not find" not in page


@pytest.mark.parametrize("typed", ["10065", " 10065 ", "10065-1234", "10065 1234", "100651234"])
def test_zip_plus_four_and_spaces_are_accepted(patient: Client, centers_loaded, typed: str) -> None:
    assert "memorial-sloan-kettering" in listed(patient, typed)[:3]


def test_the_spanish_page_is_in_spanish(patient: Client, centers_loaded) -> None:
    page = patient.get("/es/centers/", {"zip": "77030"}).content.decode()
    assert '<html lang="es"' in page
    assert "Busque un centro oncológico" in page
    assert re.search(r"A unas [\d.]+ millas", page)
    assert "Centro Oncológico Integral" in page
    assert NAME.findall(page)[0] == "md-anderson"
    for english in ["Find a cancer center", "About this list", "miles away", "Website"]:
        assert english not in page, english
    detail = patient.get("/es/centers/md-anderson/").content.decode()
    assert "Usar este centro" in detail and "Use this center" not in detail


def test_filters_within_a_distance_and_remote_reviews_only(patient: Client, centers_loaded) -> None:
    near = patient.get("/centers/", {"zip": "10065", "within": "25"}).content.decode()
    miles = [int(m.replace(",", "")) for m in re.findall(r"About ([\d,]+) miles? away", near)]
    assert miles and max(miles) <= 25
    assert "memorial-sloan-kettering" in NAME.findall(near)
    far_only = patient.get("/centers/", {"zip": "99501", "within": "500"}).content.decode()
    assert NAME.findall(far_only) == []
    assert "No center on this list is within 500 miles of 99501" in far_only
    remote = listed(patient, "10065", remote="on")
    publishes = set(Center.for_patients.filter(remote_review=True).values_list("slug", flat=True))
    assert remote and set(remote) <= publishes
    assert len(remote) == min(10, len(publishes))


def test_the_finder_needs_no_packet_keeps_no_zip_code_and_sets_no_cookie(
    patient: Client, centers_loaded, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(2):
        response = patient.get("/centers/", {"zip": "10065"})
    assert response.status_code == 200
    assert response.cookies == {}
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert Session.objects.count() == 0 and Packet.objects.count() == 0
    # The page itself has no form that posts (a center is chosen on its own page).
    assert 'method="post"' not in response.content.decode()


def test_use_this_center_fills_the_details_check_page_and_pdf(
    patient: Client, centers_loaded
) -> None:
    patient.get("/centers/", {"zip": "77030"})
    response = patient.post("/centers/md-anderson/use")
    assert response.status_code == 302 and response["Location"] == "/packet/details/"
    details = patient.get("/packet/details/").content.decode()
    assert "is now the center in your details" in details
    center = Center.objects.get(slug="md-anderson")
    assert f'value="{center.name}"' in details and f'value="{center.website}"' in details
    check = patient.get("/packet/check/").content.decode()
    assert center.name in check and center.website in check
    text = pdf_text(patient.get("/packet/packet.pdf").content)
    assert center.name in re.sub(r"\s+", " ", text)
    # The ZIP code the patient searched with is nowhere in the packet.
    packet = Packet.objects.get()
    assert "77030" not in " ".join(str(v) for v in packet.__dict__.values())


def test_a_view_only_browser_cannot_choose_a_center(patient: Client, centers_loaded) -> None:
    patient.post("/packet/")
    patient.post("/packet/details/", {"name": "Ana", "center": "Mine"})
    viewer = joined(patient, "view")
    response = viewer.post("/centers/md-anderson/use")
    assert response.status_code == 403
    assert Packet.objects.get().center == "Mine"


def test_every_center_page_shows_its_facts_and_when_they_were_checked(
    patient: Client, centers_loaded
) -> None:
    for center in Center.for_patients.all():
        page = patient.get(center.get_absolute_url()).content.decode()
        assert escape(center.name) in page and center.website in page
        assert "checked on" in page
        if center.phone:
            assert center.phone in page and center.contact_source in page


def test_the_development_server_log_keeps_no_query_string(caplog) -> None:
    import logging

    with caplog.at_level(logging.INFO, logger="django.server"):
        logging.getLogger("django.server").info(
            '"%s" %s %s', "GET /centers/?zip=10065&within=25 HTTP/1.1", 200, 5120
        )
    assert '"GET /centers/ HTTP/1.1" 200 5120' in caplog.text
    assert "10065" not in caplog.text


TYPED = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    typed=st.one_of(TYPED, st.from_regex(r"\A\s*\d{5}([ -]?\d{4})?\s*\Z")),
    within=st.one_of(TYPED, st.sampled_from(["", "25", "50", "500"])),
    remote=st.one_of(TYPED, st.just("on")),
)
def test_whatever_is_typed_gets_a_page_never_an_error(
    patient: Client, centers_loaded, typed: str, within: str, remote: str
) -> None:
    patient.raise_request_exception = False
    response = patient.get("/centers/", {"zip": typed, "within": within, "remote": remote})
    assert response.status_code == 200
    page = response.content.decode()
    assert ("There is a problem" in page) != bool(NAME.findall(page)) or (
        "No center on this list is within" in page
    )


def test_the_distance_choices_are_in_the_page_language(patient: Client) -> None:
    page = patient.get("/es/centers/").content.decode()
    assert "Hasta 100 millas" in page and "Up to 100 miles" not in page
    assert "Up to 100 miles" in patient.get("/centers/").content.decode()
