"""Every control in the header shows where the keyboard is (WCAG 2.4.7).

axe does not check this: it cannot tell a focus style from none. Here the
keyboard tabs through the header at phone and laptop width, in English and
in Spanish, and each control that takes focus must look different from the
same control without it: its outline, its shadow or its background.
"""

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import LAPTOP, PHONE, new_page

pytestmark = pytest.mark.browser

LOOK = """el => {
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0
    && !/rgba\\(0, 0, 0, 0\\)|transparent/.test(s.outlineColor) ? s.outlineColor : "";
  return [outline, s.boxShadow, s.backgroundColor, s.color].join(" | ");
}"""


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["phone", "laptop"])
@pytest.mark.parametrize("prefix", ["", "/es"], ids=["en", "es"])
def test_every_header_control_shows_its_keyboard_focus(
    browser: Browser, site: str, size: dict, prefix: str
) -> None:
    page = new_page(browser, size=size)
    try:
        page.goto(f"{site}{prefix}/guides/")
        seen = []
        for _ in range(15):
            page.keyboard.press("Tab")
            focused = page.evaluate_handle("document.activeElement")
            inside = page.evaluate(
                "el => !!el.closest('header') || el.classList.contains('skip-link')", focused
            )
            if not inside:
                break
            name = page.evaluate(
                "el => el.tagName + ' ' + (el.textContent.trim() || el.name || el.id)", focused
            )
            with_focus = page.evaluate(LOOK, focused)
            page.evaluate("el => el.blur()", focused)
            without = page.evaluate(LOOK, focused)
            page.evaluate("el => el.focus({focusVisible: true})", focused)
            seen.append(name)
            assert with_focus != without, f"{name}: no visible focus ({with_focus})"
        # The skip link, the brand, the four menu links, the language link,
        # the search box and its button.
        assert any(name.startswith("BUTTON") for name in seen), seen
        assert len(seen) >= 8, seen
    finally:
        page.context.close()
