"""Parts drawn once and shared by every patient (core/fragments.py): the
same markup the template gives, in the page's language, for each path, and
never anything of a patient's own."""

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from core.fragments import drawn_once
from packets.models import Packet
from questionnaire import decision
from questionnaire.templatetags import decision_support
from tests.questionnaire.test_decision_finished import answer, section


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("urgent", [False, True])
def test_the_choices_are_what_the_template_draws(language: str, urgent: bool) -> None:
    with translation.override(language):
        expected = render_to_string(
            "questionnaire/_options.html",
            {
                "options": decision.options_for(urgent),
                "urgent": urgent,
                "evidence_note": decision.EVIDENCE_NOTE,
                "article_view": decision.ARTICLE_VIEW,
            },
        )
        # Twice: the second comes from the first drawing.
        assert decision_support.choices(urgent, article=True) == expected
        assert decision_support.choices(urgent, article=True) == expected


def test_each_language_gets_its_own_words(patient: Client, stranger: Client) -> None:
    answer(patient, urgency="yes")
    answer(stranger, urgency="no", prefix="/es")
    for _ in range(2):
        english = section(patient.get("/questionnaire/result/").content.decode(), "options-heading")
        spanish = section(
            stranger.get("/es/questionnaire/result/").content.decode(), "options-heading"
        )
        assert "The choice in front of you" in english and "Possible benefits" in english
        assert "La decisión que tiene delante" in spanish and "Possible benefits" not in spanish
        # The urgent path's three choices for one, the two for the other.
        assert english.count("Possible downsides") == 3
        assert spanish.count("Lo malo que puede tener") == 2


def test_only_plain_values_are_drawn_once() -> None:
    shown = drawn_once("questionnaire/_icon_array.html", lambda figure: {"figure": figure})
    with pytest.raises(TypeError, match="plain values only"):
        shown(decision.EVIDENCE_FIGURE)
    with pytest.raises(TypeError, match="plain values only"):
        shown(Packet(pk=1))


def _once_blocks():
    """Each {% once %} of the shipped templates, with its template."""
    from pathlib import Path

    from django.conf import settings
    from django.template import engines

    from core.templatetags.once import OnceNode

    engine = engines["django"].engine
    found = []
    for root in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(Path(root).rglob("*.html")):
            if "{% once %}" in path.read_text():
                origin = engine.get_template(str(path.relative_to(root)))
                found += [(origin, node) for node in origin.nodelist.get_nodes_by_type(OnceNode)]
    return engine, found


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_once_block_draws_whole_without_the_page(language: str, monkeypatch) -> None:
    """Drawn in an empty context, a block that used a variable of the page
    would lose it: every variable it uses must be one it makes itself."""
    from django.template.defaulttags import ForNode, IfNode
    from django.template.library import TagHelperNode

    engine, blocks = _once_blocks()
    assert len(blocks) >= 3
    monkeypatch.setattr(engine, "string_if_invalid", "MISSING(%s)")
    for origin, node in blocks:
        assert not node.nodelist.get_nodes_by_type(IfNode), origin.name
        assert not node.nodelist.get_nodes_by_type(ForNode), origin.name
        # A tag that reads the context itself (a CSP nonce, say) would draw
        # without it, and no missing-variable marker would show.
        readers = [
            tag for tag in node.nodelist.get_nodes_by_type(TagHelperNode) if tag.takes_context
        ]
        assert not readers, (origin.name, readers)
        with translation.override(language):
            drawn = node.draw(origin)
        assert drawn.strip() and "MISSING" not in drawn, (origin.name, drawn)


def test_a_once_block_cannot_see_the_page() -> None:
    from django.template import Context, engines

    origin = engines["django"].engine.from_string(
        "{% load once %}<p>{{ name }}</p>{% once %}<p>{{ name }}</p>{% endonce %}"
    )
    assert origin.render(Context({"name": "Ana"})) == "<p>Ana</p><p></p>"
    assert origin.render(Context({"name": "Ben"})) == "<p>Ben</p><p></p>"
