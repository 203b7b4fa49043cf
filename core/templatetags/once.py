"""``{% once %}…{% endonce %}``: words that are the same for everyone, drawn
once per language and process (core/fragments.py does the same for a whole
template).

A task page opens with paragraphs of fixed guidance, its links made with
``{% url %}``, each sentence looked up in the catalogue on every request.
Inside ``{% once %}`` they are drawn the first time and the markup kept.

What keeps it safe: the block is drawn with an empty context, so it cannot
show anything of the page's own, a patient's least of all. A variable used
inside it draws as nothing (tests/site/test_drawn_once.py reads every
``{% once %}`` of the shipped templates with a marker for a missing
variable, and refuses ``{% if %}`` and ``{% for %}`` inside one).
"""

from django import template
from django.template import Context
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


class OnceNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist
        # By language and site prefix, for the life of the node: the cached
        # template loader keeps it until the process restarts (in development
        # too, where Django reloads a template when its file changes).
        self.drawn: dict[tuple[str, str], SafeString] = {}

    def render(self, context: Context) -> SafeString:
        key = (get_language(), get_script_prefix())
        drawn = self.drawn.get(key)
        if drawn is None:
            drawn = self.drawn[key] = self.draw(context.template)
        return drawn

    def draw(self, origin: template.Template) -> SafeString:
        """The block alone, in an empty context."""
        empty = Context()
        with empty.bind_template(origin):
            return mark_safe(self.nodelist.render(empty))  # noqa: S308 (rendered, so escaped)


@register.tag
def once(parser, token) -> OnceNode:
    nodelist = parser.parse(("endonce",))
    parser.delete_first_token()
    return OnceNode(nodelist)
