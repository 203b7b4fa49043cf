"""The Spanish questionnaire in Chromium at phone width: home to result and on, with and
without JavaScript; axe on every step where JavaScript runs."""

import pytest
from playwright.sync_api import Page

from questionnaire import flow
from questionnaire.situations import KEYS
from tests.browser.conftest import PHONE, assert_no_axe_violations, screenshot

pytestmark = pytest.mark.browser

# One reason of each weight (unclear-diagnosis 2, single-expert 1, rare-cancer 3), a Yes
# to "has a cancer doctor looked?" (no reason) and two Not sure.
ANSWERS = ["yes", "no", "unsure", "yes", "yes", "no", "no", "unsure", "yes", "no", "no", "no"]
LABELS = {"yes": "Sí", "no": "No", "unsure": "No sé"}


def check_page(page: Page, site: str, javascript: bool, name: str) -> None:
    """What every step must be: Spanish, at a Spanish address, fitting the phone, and
    (with JavaScript) free of axe violations."""
    assert page.url.startswith(site + "/es/"), page.url
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
    if javascript:
        assert_no_axe_violations(page)
        if not name.startswith("question-"):
            screenshot(page, f"es-questionnaire-{name}")


def answer(page: Page, label: str, button: str = "Seguir") -> None:
    page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name=button).click()


def walk(page: Page, site: str, javascript: bool) -> dict[str, object]:
    page.goto(site + "/es/")
    page.get_by_role(
        "heading", name="¿Piensa pedir una segunda opinión sobre su cáncer?"
    ).wait_for()
    check_page(page, site, javascript, "home")

    page.get_by_role("link", name="¿Debo pedir una segunda opinión?").click()
    page.wait_for_url("**/es/questionnaire/")
    page.get_by_text(f"{flow.TOTAL_STEPS} pasos cortos, unos {flow.MINUTES} minutos").wait_for()
    check_page(page, site, javascript, "start")

    page.get_by_role("button", name="Empezar ahora").click()
    page.wait_for_url("**/es/questionnaire/urgency/")
    page.get_by_text(f"Paso 1 de {flow.TOTAL_STEPS}: cuándo empezar").wait_for()
    check_page(page, site, javascript, "urgency")

    # No answer: the error summary, in Spanish.
    page.get_by_role("button", name="Seguir").click()
    page.get_by_role("heading", name="Hay un problema").wait_for()
    assert page.get_by_role("link", name="Elija una respuesta.").is_visible()
    assert page.title().startswith("Error: ")
    check_page(page, site, javascript, "urgency-error")

    answer(page, "Sí, debe empezar ya")
    page.wait_for_url("**/es/questionnaire/urgency/advice/")
    page.get_by_role("heading", name="Si el tratamiento debe empezar pronto").wait_for()
    check_page(page, site, javascript, "urgency-advice")
    page.get_by_role("link", name="Seguir").click()

    for number, (key, value) in enumerate(zip(KEYS, ANSWERS, strict=True), start=2):
        page.wait_for_url(f"**/es/questionnaire/{key}/")
        page.get_by_text(f"Paso {number} de {flow.TOTAL_STEPS}", exact=True).wait_for()
        if number == 2:
            if javascript:  # the advice page's Seguir is a link; from here on htmx swaps
                page.evaluate("window.sameDocument = true")
            page.locator("details.why summary").click()
            check_page(page, site, javascript, "question")
        else:
            check_page(page, site, javascript, f"question-{number}")
        answer(page, LABELS[value])

    page.wait_for_url("**/es/questionnaire/check/")
    page.get_by_role("heading", name="Revise sus respuestas").wait_for()
    check_page(page, site, javascript, "check")
    if javascript:
        assert page.evaluate("window.sameDocument") is True, "htmx should swap, not reload"
        assert page.title() == "Revise sus respuestas – Segunda Opinión"

    page.get_by_role("link", name="Ver su resultado").click()
    page.wait_for_url("**/es/questionnaire/result/")
    page.locator(".result-title").wait_for()
    page.locator("details.workings summary").click()
    check_page(page, site, javascript, "result")
    found = {
        "first heading": page.locator("main h2").first.inner_text(),
        "title": page.locator(".result-title").inner_text(),
        "panel": page.locator(".result-panel").inner_text(),
        "reasons": page.locator(".reason h3").all_inner_texts(),
        "asks": page.locator(".ask-list li").all_inner_texts(),
        "total": page.locator(".workings tfoot td").text_content(),
    }

    page.get_by_role("link", name="Piense en lo que más le importa").click()
    page.wait_for_url("**/es/questionnaire/values/")
    check_page(page, site, javascript, "values")
    page.get_by_role("group", name="Tener un médico en quien confío").get_by_label(
        "Me importa mucho"
    ).check()
    page.get_by_role("button", name="Seguir").click()

    page.wait_for_url("**/es/questionnaire/sure/")
    page.get_by_role("heading", name="¿Siente que ya puede decidir?").wait_for()
    check_page(page, site, javascript, "sure")
    for group, value in zip(
        page.locator("fieldset.rating").all(), ["No", "Sí", "Sí", "No"], strict=True
    ):
        group.get_by_label(value, exact=True).check()
    page.get_by_role("button", name="Seguir").click()

    page.wait_for_url("**/es/questionnaire/ready/")
    page.get_by_role("heading", name="Sus próximos pasos").wait_for()
    check_page(page, site, javascript, "ready")
    found["ready"] = page.locator("p.lead").inner_text()
    return found


def test_spanish_questionnaire_from_home_to_ready_with_and_without_javascript(
    phone: Page, phone_without_js: Page, site: str
) -> None:
    with_js = walk(phone, site, javascript=True)
    without_js = walk(phone_without_js, site, javascript=False)
    assert with_js == without_js
    assert with_js["first heading"] == "Su equipo médico dijo que el tratamiento debe empezar ya"
    # The urgent path's headline, then what the answers show.
    assert with_js["title"] == "Pida una segunda opinión durante el tratamiento, no antes"
    assert (
        "Sus respuestas muestran una razón fuerte para pedir una segunda opinión."
        in with_js["panel"]
    )
    assert with_js["reasons"][0] == "Su cáncer es poco común Razón fuerte"
    assert with_js["reasons"][1] == "Su diagnóstico no le queda claro Razón"
    assert len(with_js["reasons"]) == 3
    assert with_js["asks"][0].startswith("No sabía si ")
    assert len(with_js["asks"]) == 2
    assert with_js["total"] == "6"
    assert with_js["ready"].startswith("Respondió “No” a 2 de las 4 preguntas.")


def test_spanish_back_button_after_a_swap_shows_the_previous_question(
    phone: Page, site: str
) -> None:
    phone.goto(site + "/es/questionnaire/")
    phone.get_by_role("button", name="Empezar ahora").click()
    answer(phone, "No, me dijeron que es seguro esperar unas semanas")
    phone.get_by_text(f"Paso 2 de {flow.TOTAL_STEPS}", exact=True).wait_for()
    answer(phone, "No")
    phone.get_by_text(f"Paso 3 de {flow.TOTAL_STEPS}", exact=True).wait_for()
    assert phone.url.endswith(f"/es/questionnaire/{KEYS[1]}/")
    phone.go_back()
    phone.get_by_text(f"Paso 2 de {flow.TOTAL_STEPS}", exact=True).wait_for()
    assert phone.url.endswith(f"/es/questionnaire/{KEYS[0]}/")
    assert phone.get_by_label("No", exact=True).is_checked()
    phone.get_by_role("link", name="Atrás").click()
    phone.wait_for_url("**/es/questionnaire/urgency/")
    phone.get_by_text(f"Paso 1 de {flow.TOTAL_STEPS}: cuándo empezar").wait_for()
