"""The result prints whole from the browser (#21, "The result prints whole").

Chromium prints the result page to US Letter as a print dialog does by
default: background graphics off (page.pdf()'s default). pypdf reads the
pages back: no "Start again", the safety warning once and whole on one
page, each option card whole on one page, the workings printed, and no site
footer on a sheet of its own; in English and in Spanish. The headline box
keeps a 4.5:1 contrast on white paper with a border of its own. The page
images go to screenshots/result-print-*.png to look at. The same page has no
axe violations on screen.
"""

import io
import re

import pytest
from django.utils import translation
from playwright.sync_api import Page
from pypdf import PdfReader

from questionnaire import decision
from questionnaire.situations import KEYS
from tests.browser.conftest import assert_no_axe_violations, new_page
from tests.printing.test_letter_pdfs import page_images

pytestmark = pytest.mark.browser

# A long result: reasons, Not sure answers, and two values that pull apart.
ANSWERS = ["yes", "unsure", "no", "no", "yes", "no", "yes", "unsure", "yes", "yes", "no", "yes"]


def words(text) -> str:
    return " ".join(str(text).split())


def walk_to_result(page: Page, site: str, prefix: str, urgency: str) -> None:
    """Answer every step by clicking, without JavaScript, and rate two values Very important."""
    continue_ = words(translation.gettext("Continue"))
    page.goto(f"{site}{prefix}/questionnaire/")
    page.get_by_role("button", name=words(translation.gettext("Start now"))).click()
    page.locator(f'input[name="answer"][value="{urgency}"]').check()
    page.get_by_role("button", name=continue_).click()
    if urgency != "no":
        page.get_by_role("link", name=continue_).click()
    for key, value in zip(KEYS, ANSWERS, strict=True):
        page.wait_for_url(f"**{prefix}/questionnaire/{key}/")
        page.locator(f'input[name="answer"][value="{value}"]').check()
        page.get_by_role("button", name=continue_).click()
    page.wait_for_url(f"**{prefix}/questionnaire/check/")
    page.goto(f"{site}{prefix}/questionnaire/values/")
    page.locator("#id_sure-of-diagnosis_3").check()
    page.locator("#id_start-soon_3").check()
    page.get_by_role("button", name=continue_).click()
    page.wait_for_url(f"**{prefix}/questionnaire/sure/")
    page.goto(f"{site}{prefix}/questionnaire/result/")


def luminance(rgb: str) -> float:
    def channel(value: str) -> float:
        c = int(value) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in re.findall(r"\d+", rgb)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def on_one_page(pages: list[str], first: str, last: str) -> int:
    """The one page holding both ends of a block (so the block is not split)."""
    holding = [n for n, text in enumerate(pages) if first in text and last in text]
    assert holding, f"split across pages, or missing: {first[:40]!r} … {last[-40:]!r}"
    return holding[0]


@pytest.mark.parametrize(
    ("language", "urgency"), [("en", "no"), ("es", "yes")], ids=["english", "spanish-urgent"]
)
def test_the_result_prints_whole(browser, site: str, language: str, urgency: str) -> None:
    prefix = "" if language == "en" else "/es"
    page = new_page(browser, javascript=False, locale=language)
    try:
        with translation.override(language):
            walk_to_result(page, site, prefix, urgency)
            # axe runs as a script: check the same page in a browser with JavaScript on.
            state = page.context.storage_state()
            checker = browser.new_context(storage_state=state, locale=language).new_page()
            checker.goto(page.url)
            assert_no_axe_violations(checker)
            checker.context.close()

            # On paper with no background colour, the headline stays legible.
            page.emulate_media(media="print")
            title = page.locator(".result-title")
            colour = title.evaluate("e => getComputedStyle(e).color")
            assert (1.05) / (luminance(colour) + 0.05) >= 4.5, colour
            border = page.locator(".result-panel").evaluate(
                "e => parseFloat(getComputedStyle(e).borderTopWidth)"
            )
            assert border >= 2
            content = page.pdf(format="Letter")
            page.emulate_media(media="screen")

            pages = [words(p.extract_text()) for p in PdfReader(io.BytesIO(content)).pages]
            whole = " ".join(pages)
            name = f"result-print-{language}"
            page_images(content, name)
            print(f"{name}: {len(pages)} pages")

            # No button to press on paper, no site footer on a sheet of its own.
            assert words(translation.gettext("Start again")) not in whole
            footer = words(
                translation.gettext(
                    "We take no money from hospitals or drug makers, and no fees for sending "
                    "anyone anywhere."
                )
            )
            assert footer not in whole
            # No blank sheet, and no last sheet holding a line or two.
            assert all(len(text) > 200 for text in pages), [len(text) for text in pages]
            assert len(pages) <= 9

            # The safety warning: once, and whole on one page.
            safe, emergency = words(decision.SAFE_TO_WAIT), words(decision.EMERGENCY)
            assert whole.count(safe) == 1 and whole.count(emergency) == 1
            on_one_page(pages, safe, emergency)

            # Each option card whole on one page.
            for option in decision.options_for(urgency != "no"):
                title_text = re.sub(r"\[\[([^|\]]+)(\|[^\]]+)?\]\]", r"\1", str(option.title))
                on_one_page(pages, words(title_text), words(option.downsides[-1]))

            # How the result was worked out, printed open.
            assert words(translation.gettext("How this result was worked out")) in whole
            assert words(translation.gettext("Points from your answers")) in whole
            # What matters most, linked to the choices, and the icon array's words.
            assert words(decision.TENSIONS[0].what) in whole
            assert words(decision.EVIDENCE_FIGURE.text) in whole
            assert words(decision.LESS_LIKELY_TITLE) in whole
    finally:
        page.context.close()
