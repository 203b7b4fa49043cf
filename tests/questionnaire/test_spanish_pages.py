"""The questionnaire in Spanish, under /es/: every step, with and without htmx.

A Spanish-speaking patient walks from the home page to the result, values,
SURE and "ready" pages without meeting an English sentence or leaving /es/.
The English flow is proved unchanged by tests/questionnaire/test_*.py.
"""

import re
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from guides import glossary
from guides.markdown import GLOSSARY_LINK
from packets.models import Packet
from questionnaire import decision, flow, scoring, situations
from questionnaire.situations import KEYS
from tests.site.test_plain_language import blocks
from tests.spanish import FAIRLY_EASY, fernandez_huerta, inflesz

HX = {"HTTP_HX_REQUEST": "true"}
ES = "/es/questionnaire/"
NONE_CONFIRMED = "Sus respuestas no confirmaron ninguna de las razones de la lista"


def spanish(text) -> str:
    with translation.override("es"):
        return str(text)


def start(client: Client, urgency: str = "no") -> None:
    """Press Empezar ahora, then answer the timing question, in Spanish."""
    response = client.post(ES)
    assertRedirects(response, f"{ES}urgency/", fetch_redirect_response=False)
    response = client.post(f"{ES}urgency/", {"answer": urgency})
    assert response.status_code == 302
    assert response["Location"].startswith(ES)


def answer_all(client: Client, answers) -> None:
    """Answer the questions in order: one answer for all, or a list for the first few."""
    values = [answers] * len(KEYS) if isinstance(answers, str) else answers
    for key, value in zip(KEYS, values, strict=False):
        response = client.post(f"{ES}{key}/", {"answer": value})
        assert response.status_code == 302
        assert response["Location"].startswith(ES)


MIXED = [("yes", "no", "unsure")[n % 3] for n in range(len(KEYS))]
SURE_GAPS = {
    "sure-sure": "no",
    "sure-understand": "yes",
    "sure-risk-benefit": "no",
    "sure-encouragement": "yes",
}


# --- Start and home ------------------------------------------------------------


def test_start_page_promises_the_declared_effort_in_spanish(client: Client, db) -> None:
    response = client.get(ES)
    assertContains(response, '<html lang="es">')
    assertContains(response, f"{flow.TOTAL_STEPS} pasos cortos, unos {flow.MINUTES} minutos")
    assertContains(response, "<strong>Esto no es consejo médico.</strong>")
    assertContains(response, f'<form method="post" action="{ES}">')
    assertContains(response, ">Empezar ahora</button>")
    assert Packet.objects.count() == 0
    assert "no-store" in response["Cache-Control"]


def test_home_page_in_spanish_gives_the_same_effort_and_the_spanish_helpline(
    client: Client, guides_loaded
) -> None:
    response = client.get("/es/")
    assertContains(response, '<html lang="es">')
    assertContains(response, f"Son {flow.TOTAL_STEPS} pasos cortos, unos {flow.MINUTES} minutos.")
    assertContains(response, f'href="{ES}"')
    assertContains(response, "Instituto Nacional del Cáncer:")
    assertContains(response, "Atienden en español")
    assertContains(response, 'href="tel:+18004226237"')
    assertContains(response, "1-800-4-CANCER")
    assertContains(response, "(1-800-422-6237)")
    assertContains(response, 'href="tel:+18002272345"')
    assertContains(response, "1-800-227-2345</span></a>, de día o de noche")
    # The Spanish line English pages add is not repeated here.
    assertNotContains(response, "<strong>En español:</strong>")


def test_english_pages_say_in_spanish_that_the_helpline_answers_in_spanish(
    client: Client, guides_loaded
) -> None:
    response = client.get("/")
    assertContains(response, '<html lang="en">')
    assertContains(
        response,
        '<li lang="es"><strong>En español:</strong> el Instituto Nacional del Cáncer atiende en '
        'español en el mismo número, <span class="nowrap">1-800-422-6237</span>.</li>',
    )
    # The NCI line above it still carries the one link to that number.
    assertContains(response, 'href="tel:+18004226237"', count=1)
    assertContains(response, "in English or Spanish")
    assertContains(
        response, f"It takes {flow.TOTAL_STEPS} short steps, about {flow.MINUTES} minutes."
    )


# --- Walking the flow without JavaScript -------------------------------------


def test_the_whole_flow_without_javascript_stays_in_spanish(patient: Client) -> None:
    start(patient)
    for number, key in enumerate(KEYS, start=2):
        page = patient.get(f"{ES}{key}/")
        assertContains(page, f"Paso {number} de {flow.TOTAL_STEPS}")
        assertContains(page, '<h1 data-focus-after-swap tabindex="-1">')
        for label in ["Sí", "No", "No sé"]:
            assertContains(page, f">{label}</label>")
        assertContains(page, "<summary>Por qué lo preguntamos</summary>")
        assertContains(page, "Lea más en nuestra guía")
        assertContains(page, spanish(situations.BY_KEY[key].question).split("[[")[0][:30])
        response = patient.post(f"{ES}{key}/", {"answer": "yes"})
        following = KEYS[number - 1] if number - 1 < len(KEYS) else "check"
        assertRedirects(response, f"{ES}{following}/", fetch_redirect_response=False)
    check = patient.get(f"{ES}check/")
    assertContains(check, "Revise sus respuestas")
    assertContains(check, f'href="{ES}result/"')
    assertContains(check, f'href="{ES}{KEYS[0]}/?change=1"')
    result = patient.get(f"{ES}result/")
    assertContains(result, "<h1>Su resultado</h1>")
    assertContains(result, "Sus respuestas muestran razones fuertes para pedir una segunda opinión")


def test_the_first_question_is_step_one_with_its_timing_caption(patient: Client) -> None:
    patient.post(ES)
    response = patient.get(f"{ES}urgency/")
    assertContains(response, f"Paso 1 de {flow.TOTAL_STEPS}: cuándo empezar")
    assertContains(response, "¿Su equipo médico le dijo que su tratamiento debe empezar ya?")
    assertContains(response, f'<a class="back-link" href="{ES}">Atrás</a>')


def test_back_links_lead_to_the_spanish_previous_step(patient: Client) -> None:
    start(patient, urgency="yes")
    assertContains(
        patient.get(f"{ES}{KEYS[0]}/"), f'<a class="back-link" href="{ES}urgency/advice/">Atrás</a>'
    )
    answer_all(patient, ["no"])
    assertContains(
        patient.get(f"{ES}{KEYS[1]}/"), f'<a class="back-link" href="{ES}{KEYS[0]}/">Atrás</a>'
    )
    answer_all(patient, "no")
    assertContains(
        patient.get(f"{ES}check/"), f'<a class="back-link" href="{ES}{KEYS[-1]}/">Atrás</a>'
    )
    assertContains(patient.get(f"{ES}sure/"), f'<a class="back-link" href="{ES}values/">Atrás</a>')


def test_changing_an_answer_from_the_check_page_returns_there_in_spanish(
    patient: Client,
) -> None:
    start(patient)
    answer_all(patient, "no")
    page = patient.get(f"{ES}{KEYS[3]}/?change=1")
    assertContains(page, "Guardar y volver")
    assertContains(page, f'<a class="back-link" href="{ES}check/">Atrás</a>')
    response = patient.post(f"{ES}{KEYS[3]}/", {"answer": "yes", "change": "1"})
    assertRedirects(response, f"{ES}check/", fetch_redirect_response=False)


def test_a_question_asked_too_early_redirects_within_spanish(patient: Client) -> None:
    start(patient)
    response = patient.get(f"{ES}{KEYS[4]}/")
    assertRedirects(response, f"{ES}{KEYS[0]}/", fetch_redirect_response=False)


# --- Errors --------------------------------------------------------------------


def test_no_answer_shows_the_spanish_error_summary(patient: Client) -> None:
    start(patient)
    response = patient.post(f"{ES}{KEYS[0]}/", {}, follow=True)
    assert response.status_code == 200
    assertContains(response, "<title>Error: ¿Su diagnóstico le resulta difícil de entender")
    assertContains(response, '<h2 id="error-summary-title">Hay un problema</h2>')
    assertContains(response, '<li><a href="#answer-yes">Elija Sí, No o No sé.</a></li>')
    assertContains(
        response, '<span class="visually-hidden">Error:</span> Elija Sí, No o No sé.</p>'
    )
    assertContains(response, f'action="{ES}{KEYS[0]}/"')


def test_no_answer_with_htmx_swaps_in_the_spanish_error(patient: Client) -> None:
    start(patient)
    response = patient.post(f"{ES}{KEYS[0]}/", {"answer": "maybe"}, **HX)
    assert response.status_code == 200
    assertNotContains(response, "<html")
    assertContains(response, "<title>Error: ¿Su diagnóstico le resulta difícil de entender")
    assertContains(response, "– Segunda Opinión</title>")
    assertContains(response, "Hay un problema")
    assertContains(response, "Elija Sí, No o No sé.")


def test_values_and_sure_errors_are_spanish(patient: Client) -> None:
    start(patient)
    values = patient.post(f"{ES}values/", {"start-soon": "7"}, follow=True)
    assertContains(values, "Hay un problema")
    assertContains(values, "Elija cuánto le importa esto.")
    sure = patient.post(f"{ES}sure/", {"sure-sure": "yes"}, follow=True)
    assertContains(sure, "<title>Error: ¿Siente que ya puede decidir?")
    assertContains(sure, "¿Conoce los beneficios y los riesgos de cada opción? Responda Sí o No.")


# --- htmx ------------------------------------------------------------------------


def test_htmx_answers_swap_in_the_next_spanish_step_at_a_spanish_address(
    patient: Client,
) -> None:
    start(patient)
    response = patient.post(f"{ES}{KEYS[0]}/", {"answer": "no"}, **HX)
    assert response.status_code == 200
    assert response["HX-Push-Url"] == f"{ES}{KEYS[1]}/"
    assertNotContains(response, "<html")
    html = response.content.decode()
    assert html.lstrip().startswith("<title>")
    assertContains(response, "– Segunda Opinión</title>")
    assertContains(response, f"Paso 3 de {flow.TOTAL_STEPS}")
    assertContains(response, f'hx-post="{ES}{KEYS[1]}/"')
    assertContains(response, f'<a class="back-link" href="{ES}{KEYS[0]}/">Atrás</a>')
    assert "HX-Request" in response["Vary"]


def test_htmx_last_answer_swaps_in_the_spanish_check_page(patient: Client) -> None:
    start(patient)
    answer_all(patient, "no")
    response = patient.post(f"{ES}{KEYS[-1]}/", {"answer": "yes"}, **HX)
    assert response["HX-Push-Url"] == f"{ES}check/"
    assertContains(response, "<title>Revise sus respuestas – Segunda Opinión</title>")
    assertContains(response, f'href="{ES}result/"')


def test_htmx_urgent_answer_swaps_in_the_spanish_advice(patient: Client) -> None:
    patient.post(ES)
    response = patient.post(f"{ES}urgency/", {"answer": "yes"}, **HX)
    assert response["HX-Push-Url"] == f"{ES}urgency/advice/"
    assertContains(response, "Si el tratamiento debe empezar pronto")
    assertContains(response, "Su equipo médico dijo que el tratamiento debe empezar ya")
    assertContains(response, f'href="{ES}{KEYS[0]}/">Seguir</a>')


def test_htmx_values_then_sure_swap_in_spanish(patient: Client) -> None:
    start(patient)
    response = patient.post(f"{ES}values/", {"start-soon": "3"}, **HX)
    assert response["HX-Push-Url"] == f"{ES}sure/"
    assertContains(response, f"Paso {flow.TOTAL_STEPS} de {flow.TOTAL_STEPS}")
    response = patient.post(f"{ES}sure/", SURE_GAPS, **HX)
    assert response["HX-Push-Url"] == f"{ES}ready/"
    assertContains(response, "Sus próximos pasos")


# --- The result --------------------------------------------------------------------


def test_all_not_sure_gives_the_spanish_none_confirmed_title_and_states_nothing_as_fact(
    patient: Client,
) -> None:
    start(patient, urgency="no")
    answer_all(patient, "unsure")
    response = patient.get(f"{ES}result/")
    assertContains(response, f'<h2 class="result-title">{NONE_CONFIRMED}</h2>')
    assertContains(response, "Eso no quiere decir que una segunda opinión no le sirva.")
    assertContains(response, f"Respondió No sé a {len(KEYS)} preguntas.")
    assertContains(response, "No cambiaron este resultado.")
    assertNotContains(response, "Razones según sus respuestas")
    main = response.content.decode().split("<main", 1)[1]
    for situation in situations.SITUATIONS:
        assert spanish(situation.unsure_label) + "." in main
        # A Yes phrase ("Su cáncer es poco común") never appears as a sentence of its own.
        assert not re.search(rf"(?:^|[>.] ?){re.escape(spanish(situation.label))}", main), (
            situation.key
        )
    assertContains(response, "Puntos de sus respuestas</th><td>0</td>")


def test_urgent_yes_puts_the_spanish_urgency_message_first(patient: Client) -> None:
    start(patient, urgency="yes")
    answer_all(patient, MIXED)
    html = patient.get(f"{ES}result/").content.decode()
    main = html.split("<main", 1)[1]
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", main)
    assert headings[0] == "Su equipo médico dijo que el tratamiento debe empezar ya"
    assert main.index("No espere una segunda opinión para empezar") < main.index("result-title")
    assert "Llame al 911" in main
    # Three choices, "start now" first.
    titles = re.findall(r'<div class="option">\s*<h3>(.*?)</h3>', main)
    assert titles[0].startswith("Empezar el tratamiento ahora")
    assert len(titles) == 3


def test_urgent_not_sure_is_worded_as_an_open_question(patient: Client) -> None:
    start(patient, urgency="unsure")
    answer_all(patient, "no")
    response = patient.get(f"{ES}result/")
    assertContains(response, "Usted no sabía si su tratamiento debía empezar ya")
    assertNotContains(response, "Su equipo médico dijo que el tratamiento debe empezar ya")
    assertContains(response, "Pregunte hoy a su equipo médico si es seguro esperar unas semanas.")


def test_the_result_explains_itself_in_spanish(patient: Client) -> None:
    start(patient)
    answer_all(patient, MIXED)
    response = patient.get(f"{ES}result/")
    assessment = scoring.assess(dict(zip(KEYS, MIXED, strict=True)))
    with translation.override("es"):
        title = str(assessment.title)
    assertContains(response, title)
    # unclear-diagnosis, several-options and surgery-first; a Yes to "has a
    # cancer doctor looked?" gives no reason.
    assertContains(response, "Las 3 razones están abajo, primero las que más pesamos")
    assertContains(response, "Respondió No sé a 4 preguntas.")
    assertContains(response, "<summary>Cómo se calculó este resultado</summary>")
    assertContains(response, "<dt>Peso 3: Razón fuerte</dt>")
    assertContains(response, "<dt>Peso 1: Razón más débil</dt>")
    assertContains(
        response,
        f'<th scope="row" colspan="3">Puntos de sus respuestas</th><td>{assessment.score}</td>',
    )
    assertNotContains(response, f" de {assessment.maximum}<")
    assertContains(response, '<span class="weight-tag">Razón</span>')
    assertContains(response, "Les damos más peso a unas razones que a otras.")
    for words in [
        "13 estudios (Ruetters y otros, 2016)",
        "En 12 a 69 de cada 100 casos",
        "En 43 a 82 de cada 100",
        "25 estudios",
        "2 a 51 de cada 100 (Hillen y otros, 2017)",
        "Lo que muestran los estudios:",
    ]:
        assertContains(response, words)
    assertContains(response, "<strong>Esto no es consejo médico.</strong>")
    assertContains(response, f"Ninguna razón: “{NONE_CONFIRMED}”")
    assertContains(response, "Pedir una segunda opinión antes de empezar el tratamiento")
    assertContains(response, "Seguir con el plan que tiene")
    assertContains(
        response, '<a class="term" href="/es/glossary/#tumor-board">comité de tumores</a>'
    )
    assertContains(response, f'href="{ES}restart/">Empezar de nuevo</a>')


def test_one_reason_and_one_not_sure_read_in_the_singular(patient: Client) -> None:
    start(patient)
    # No reason from the rest: "has a cancer doctor looked?" is answered Yes.
    rest = ["yes" if key == "cancer-doctor-seen" else "no" for key in KEYS[:-2]]
    answer_all(patient, [*rest, "yes", "unsure"])
    response = patient.get(f"{ES}result/")
    assertContains(response, "La razón está abajo, con lo que usted puede hacer.")
    assertContains(response, "Respondió No sé a 1 pregunta. Está abajo")
    assertContains(response, "Sus respuestas muestran una razón para pedir una segunda opinión")


# --- Start again, values, SURE, ready ------------------------------------------------


def test_start_again_confirms_in_spanish_and_returns_to_the_spanish_first_question(
    patient: Client,
) -> None:
    start(patient)
    answer_all(patient, "no")
    page = patient.get(f"{ES}restart/")
    assertContains(page, "¿Seguro que quiere empezar de nuevo las preguntas?")
    assertContains(page, f'<form method="post" action="{ES}restart/">')
    assertContains(page, "Sí, borrar mis respuestas")
    response = patient.post(f"{ES}restart/", follow=True)
    assertRedirects(response, f"{ES}urgency/")
    assertContains(response, "Se borraron sus respuestas a las preguntas.")


def test_values_sure_and_ready_in_spanish(patient: Client) -> None:
    start(patient)
    values = patient.get(f"{ES}values/")
    assertContains(values, f"Paso {flow.number('values')} de {flow.TOTAL_STEPS}")
    assertContains(values, "¿Qué es lo que más le importa?")
    assertContains(values, ">Me importa mucho</label>")
    assertContains(values, "<legend>Tener un médico en quien confío</legend>")
    response = patient.post(f"{ES}values/", {"start-soon": "3"})
    assertRedirects(response, f"{ES}sure/", fetch_redirect_response=False)
    response = patient.post(f"{ES}sure/", SURE_GAPS)
    assertRedirects(response, f"{ES}ready/", fetch_redirect_response=False)
    ready = patient.get(f"{ES}ready/")
    assertContains(ready, "Respondió “No” a 2 de las 4 preguntas.")
    assertContains(ready, "Tómese su tiempo.")
    assertContains(ready, f'href="{ES}sure/">Cambiar<span class="visually-hidden">')
    assertContains(ready, 'href="/es/packet/">Ir a su paquete</a>')
    patient.post(f"{ES}sure/", dict.fromkeys(SURE_GAPS, "yes"))
    assertContains(patient.get(f"{ES}ready/"), "Respondió “Sí” a las 4 preguntas.")


# --- Every page: Spanish, and every link of the site under /es/ ----------------------


class _Links(HTMLParser):
    """Each href, action and hx-* address, with the element's attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, dict]] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        attributes = dict(attrs)
        for name in ("href", "action", "hx-post", "hx-get", "src"):
            if attributes.get(name) is not None:
                self.found.append((tag, attributes[name], attributes))


def site_addresses(html: str) -> list[tuple[str, dict]]:
    """The page's addresses on this site that should carry the language.

    Left out: static files, the other-language link and hreflang alternates
    (they name the English page on purpose), and word-list links (their own
    test below).
    """
    parser = _Links()
    parser.feed(html)
    kept = []
    for _tag, address, attributes in parser.found:
        if not address.startswith("/") or address.startswith("/static/"):
            continue
        if "hreflang" in attributes or "term" in attributes.get("class", "").split():
            continue
        kept.append((address, attributes))
    return kept


def walked(client: Client, urgency: str = "yes", answers=MIXED) -> Client:
    start(client, urgency)
    answer_all(client, answers)
    client.post(f"{ES}values/", {"start-soon": "3", "trusted-doctor": "2"})
    client.post(f"{ES}sure/", SURE_GAPS)
    return client


STEP_PAGES = [
    ES,
    f"{ES}urgency/",
    f"{ES}urgency/advice/",
    *(f"{ES}{key}/" for key in KEYS),
    f"{ES}check/",
    f"{ES}result/",
    f"{ES}restart/",
    f"{ES}values/",
    f"{ES}sure/",
    f"{ES}ready/",
]


@pytest.mark.parametrize("url", STEP_PAGES)
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_every_step_is_spanish_and_every_link_stays_under_es(
    patient: Client, guides_loaded, url: str, htmx: bool
) -> None:
    walked(patient)
    partial = htmx and url not in (ES, f"{ES}result/", f"{ES}restart/")
    response = patient.get(url, **(HX if partial else {}))
    assert response.status_code == 200
    html = response.content.decode()
    if partial:
        assert "<html" not in html
        assert "– Segunda Opinión</title>" in html
    else:
        assert '<html lang="es">' in html
        assert response["Content-Language"] == "es"
    addresses = site_addresses(html)
    assert addresses, url
    outside = [address for address, _attributes in addresses if not address.startswith("/es/")]
    assert outside == [], f"{url} links outside /es/: {outside}"
    for english in ["Continue", ">Back<", "Step ", "There is a problem", "Your answers"]:
        assert english not in html.split("<main", 1)[-1], (url, english)


def test_word_list_links_on_spanish_steps_go_to_the_spanish_word_list(
    patient: Client, guides_loaded
) -> None:
    walked(patient)
    html = patient.get(f"{ES}{KEYS[0]}/").content.decode()
    terms = re.findall(r'<a class="term" href="([^"]+)"', html)
    assert terms
    assert all(term.startswith("/es/glossary/#") for term in terms), terms


# --- Word-list marks and hard words ------------------------------------------------------

# The Spanish words for the word list's hard terms.
JARGON_ES = glossary.JARGON_ES


def _slugs(text: str) -> set[str]:
    from django.utils.text import slugify

    return {
        (match.group(2) or slugify(match.group(1).strip()))
        for match in GLOSSARY_LINK.finditer(str(text))
    }


def _marked_strings():
    for situation in situations.SITUATIONS:
        for field in ("question", "help", "why", "action", "ask"):
            yield f"{situation.key}.{field}", getattr(situation, field)
    for option in (decision.BEFORE, decision.ALONGSIDE, decision.GO_AHEAD):
        for n, line in enumerate((option.what, *option.benefits, *option.downsides)):
            yield f"{option.key}.{n}", line
    for n, line in enumerate((*decision.URGENT_CANCERS, *decision.URGENCY_STEPS)):
        yield f"urgency.{n}", line


@pytest.mark.parametrize(("where", "text"), list(_marked_strings()), ids=lambda v: str(v)[:40])
def test_spanish_text_keeps_every_word_list_mark_of_the_english(where: str, text) -> None:
    with translation.override("en"):
        english = str(text)
    translated = spanish(text)
    assert translated != english or not re.search(r"[a-z]", english), f"{where} has no Spanish"
    assert _slugs(english) <= _slugs(translated), where
    # Each mark in Spanish shows Spanish words and names an English slug.
    for match in GLOSSARY_LINK.finditer(translated):
        assert match.group(2) or _slugs(f"[[{match.group(1)}]]") <= _slugs(english), where


@pytest.mark.parametrize("url", STEP_PAGES)
def test_hard_words_on_a_spanish_step_link_to_their_meaning(
    patient: Client, guides_loaded, url: str
) -> None:
    walked(patient)
    html = patient.get(url).content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    text, _sentences = blocks(html)
    missing = [
        slug
        for slug, pattern in JARGON_ES.items()
        if re.search(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE)
        and not re.search(rf'class="term" href="[^"]*/glossary/#{slug}"', main)
    ]
    assert not missing, f"{url} uses these words without a link to their meaning: {missing}"


# --- Plain Spanish -------------------------------------------------------------------------

# (name, urgency, answers, SURE answers or None, address)
READING = [
    ("home", None, None, None, "/es/"),
    ("start", None, None, None, ES),
    ("urgency", "no", [], None, f"{ES}urgency/"),
    ("urgency advice, Yes", "yes", [], None, f"{ES}urgency/advice/"),
    ("urgency advice, Not sure", "unsure", [], None, f"{ES}urgency/advice/"),
    *((f"question {key}", "no", ["no"] * n, None, f"{ES}{key}/") for n, key in enumerate(KEYS)),
    ("check", "no", MIXED, None, f"{ES}check/"),
    ("result, mixed", "no", MIXED, None, f"{ES}result/"),
    ("result, mixed and urgent", "yes", MIXED, None, f"{ES}result/"),
    ("result, all Yes", "no", "yes", None, f"{ES}result/"),
    ("result, all No", "no", "no", None, f"{ES}result/"),
    ("result, all Not sure", "unsure", "unsure", None, f"{ES}result/"),
    ("start again", "no", "no", None, f"{ES}restart/"),
    ("values", "no", [], None, f"{ES}values/"),
    ("SURE", "no", [], None, f"{ES}sure/"),
    ("ready, with gaps", "no", [], SURE_GAPS, f"{ES}ready/"),
    ("ready, all Yes", "no", [], dict.fromkeys(SURE_GAPS, "yes"), f"{ES}ready/"),
]


def reading_text(client: Client, urgency, answers, sure, url: str) -> str:
    if urgency is not None:
        client.post(ES)
        client.post(f"{ES}urgency/", {"answer": urgency})
        if answers:
            answer_all(client, answers)
        if sure:
            client.post(f"{ES}sure/", sure)
    response = client.get(url)
    assert response.status_code == 200, url
    whole, _sentences = blocks(response.content.decode())
    return whole


@pytest.mark.parametrize(
    ("name", "urgency", "answers", "sure", "url"), READING, ids=[row[0] for row in READING]
)
def test_each_spanish_page_reads_fairly_easy(
    patient: Client, guides_loaded, name, urgency, answers, sure, url
) -> None:
    text = reading_text(patient, urgency, answers, sure, url)
    score = fernandez_huerta(text)
    assert score >= FAIRLY_EASY, (
        f"{name}: Fernández-Huerta {score:.1f} (INFLESZ {inflesz(text):.1f}), below {FAIRLY_EASY}"
    )


# --- The result pieces the packet pages and the PDF include ---------------------------------


def _render_es(template: str, context: dict) -> str:
    with translation.override("es"):
        return render_to_string(template, context)


def test_the_packet_result_summary_in_spanish_keeps_not_sure_open() -> None:
    assessment = scoring.assess(dict.fromkeys(KEYS, "unsure"))
    html = _render_es("questionnaire/_result_summary.html", {"assessment": assessment})
    assert NONE_CONFIRMED in html
    assert "<h3>Cosas para preguntar a su equipo médico</h3>" in html
    assert "<strong>No sabía si su cáncer era poco común.</strong>" in html
    assert 'href="/es/questionnaire/result/">Ver todo su resultado</a>' in html
    empty = _render_es("questionnaire/_result_summary.html", {"assessment": None})
    assert 'No ha terminado el cuestionario. <a href="/es/questionnaire/">' in empty


@pytest.mark.parametrize(
    ("urgent", "title"),
    [
        ("yes", "Su equipo médico dijo que el tratamiento debe empezar ya"),
        ("unsure", "Usted no sabía si su tratamiento debía empezar ya"),
    ],
)
def test_the_packet_urgency_notice_in_spanish(urgent: str, title: str) -> None:
    html = _render_es("questionnaire/_urgent_notice.html", {"urgent": urgent})
    assert f"<h2>{title}</h2>" in html
    assert 'href="/es/questionnaire/urgency/advice/">Más sobre cómo actuar rápido</a>.' in html
    assert "láminas</a>" in html
    assert "Pregunte a su equipo médico si es seguro para usted esperar unas semanas." in html
    assert "Llame al 911" in html
    # Not urgent: no urgency message, but the safety lines all the same.
    calm = _render_es("questionnaire/_urgent_notice.html", {"urgent": ""})
    assert title not in calm
    assert '<h2 id="safety-heading">¿Es seguro esperar?</h2>' in calm
    assert "Pregunte a su equipo médico si es seguro para usted esperar unas semanas." in calm
    assert "Llame al 911" in calm


def test_the_pdf_result_and_urgency_in_spanish_are_in_the_first_person() -> None:
    answers = {**dict.fromkeys(KEYS, "unsure"), "rare-cancer": "yes"}
    view = SimpleNamespace(assessment=scoring.assess(answers), urgent="unsure")
    result = _render_es("questionnaire/_result_print.html", {"view": view})
    assert "<h2>El resultado de mi cuestionario</h2>" in result
    assert "Mis respuestas muestran una razón fuerte para pedir una segunda opinión" in result
    assert "<li>Mi cáncer es poco común (razón fuerte).</li>" in result
    assert "<li>No sé si entiendo mi diagnóstico.</li>" in result
    assert "No es una opinión médica." in result
    urgent = _render_es("questionnaire/_urgent_print.html", {"view": view})
    assert "<strong>No sé si mi tratamiento debe empezar ya.</strong>" in urgent
    view.urgent = "yes"
    urgent = _render_es("questionnaire/_urgent_print.html", {"view": view})
    assert "<strong>Mi equipo médico dijo que mi tratamiento debe empezar ya.</strong>" in urgent


def test_the_pdf_title_for_all_not_sure_confirms_nothing_in_spanish() -> None:
    view = SimpleNamespace(assessment=scoring.assess(dict.fromkeys(KEYS, "unsure")))
    result = _render_es("questionnaire/_result_print.html", {"view": view})
    assert "Mis respuestas no confirmaron ninguna de las razones de la lista" in result
    assert "A qué respondí Sí" not in result
    for situation in situations.SITUATIONS:
        assert spanish(situation.mine_unsure) + ".</li>" in result
