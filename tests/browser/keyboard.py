"""Keyboard-only helpers: reach things with Tab, the way a keyboard user would."""

from playwright.sync_api import Page


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"Tab never reached {selector!r}")


def focused(page: Page) -> dict:
    return page.evaluate(
        "() => ({tag: document.activeElement.tagName,"
        " text: document.activeElement.textContent.trim(), id: document.activeElement.id})"
    )
