"""The center finder in Chromium at phone width, with and without JavaScript:
a ZIP code, the nearest centers, one chosen, found again in the packet."""

import io
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from pypdf import PdfReader

from tests.browser.conftest import (
    SCREENSHOTS,
    assert_no_axe_violations,
    assert_nothing_from_other_hosts,
    new_phone,
    screenshot,
)
from tests.printing.test_packet_pdf import pdf_text

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_patient_finds_a_center_and_takes_it_into_the_packet(
    browser: Browser, site: str, centers_loaded, tmp_path: Path, javascript: bool
) -> None:
    page = new_phone(browser, javascript=javascript)
    label = "js" if javascript else "nojs"

    def check_access() -> None:
        # axe runs in the page: only where the page may run scripts.
        if javascript:
            assert_no_axe_violations(page)

    try:
        assert_nothing_from_other_hosts(page, site, lambda: page.goto(site + "/centers/"))
        check_access()
        # A typo first: the message, and what was typed still there.
        page.get_by_label("Your ZIP code").fill("7703")
        page.get_by_role("button", name="Find centers").click()
        page.get_by_role("heading", name="There is a problem").wait_for()
        assert page.get_by_label("Your ZIP code").input_value() == "7703"
        assert page.title().startswith("Error:")
        check_access()
        screenshot(page, f"centers-error-{label}")
        page.get_by_label("Your ZIP code").fill("77030-1234")
        page.get_by_label("How far can you travel?").select_option("100")
        page.get_by_role("button", name="Find centers").click()
        page.get_by_role("heading", name="Nearest to 77030 (Houston, TX)").wait_for()
        first = page.locator(".center-list > li").first
        assert "MD Anderson" in first.locator("h3").inner_text()
        assert "Comprehensive Cancer Center" in first.inner_text()
        check_access()
        screenshot(page, f"centers-results-{label}")
        first.locator("h3 a").click()
        page.get_by_role("heading", level=1, name="MD Anderson", exact=False).wait_for()
        check_access()
        screenshot(page, f"centers-detail-{label}")
        name = page.locator("h1").inner_text()
        page.get_by_role("button", name="Use this center").click()
        page.get_by_role("heading", name="Your details for the letter").wait_for()
        assert "is now the center in your details" in page.locator("main").inner_text()
        assert page.get_by_label("Where you are getting the second opinion").input_value() == name
        assert page.get_by_label("The center's website").input_value().startswith("https://")
        check_access()
        page.goto(site + "/packet/check/")
        row = page.locator(".summary-row", has_text="Where you are getting the second opinion")
        assert name in row.inner_text()
        with page.expect_download() as info:
            page.get_by_role("link", name="Download PDF (US Letter)").click()
        target = tmp_path / "packet.pdf"
        info.value.save_as(target)
        assert name in " ".join(pdf_text(target.read_bytes()).split())
        SCREENSHOTS.mkdir(exist_ok=True)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                str(target),
                str(SCREENSHOTS / f"centers-packet-{label}"),
            ],
            check=True,
        )
    finally:
        page.context.close()


def test_the_nearest_ten_print_on_one_page(browser: Browser, site: str, centers_loaded) -> None:
    page = new_phone(browser)
    try:
        page.goto(site + "/centers/?zip=10065")
        assert page.locator(".center-list > li").count() == 10
        page.emulate_media(media="print")
        pdf = page.pdf(format="Letter")
        SCREENSHOTS.mkdir(exist_ok=True)
        (SCREENSHOTS / "centers-print.pdf").write_bytes(pdf)
        reader = PdfReader(io.BytesIO(pdf))
        text = reader.pages[0].extract_text()
        assert "Memorial Sloan Kettering" in text
        # The ten centers fit the first page; the form and the header do not print.
        assert text.count("About ") >= 10
        assert "Find centers" not in text
    finally:
        page.context.close()


def test_the_spanish_finder_in_a_phone(browser: Browser, site: str, centers_loaded) -> None:
    page = new_phone(browser, locale="es-US")
    try:
        page.goto(site + "/es/centers/")
        page.get_by_label("Su código postal").fill("97239")
        page.get_by_role("button", name="Buscar centros").click()
        first = page.locator(".center-list > li").first
        assert "OHSU" in first.inner_text() and "A menos de 1 milla" in first.inner_text()
        assert_no_axe_violations(page)
        screenshot(page, "centers-results-es")
    finally:
        page.context.close()
