"""Django's form renderer, with the plain <input> and <textarea> written in Python.

Django renders every widget, and every radio button of a RadioSelect, through
three small templates (the widget's, input.html and attrs.html). On the
packet's task pages that was a third of each page's time: the letter page has
five groups of radios. This renderer writes those two elements itself, to the
byte as Django's templates do (tests/site/test_form_renderer.py compares every
field of every form both ways), and hands anything else to Django's
templates unchanged.
"""

from django.forms.renderers import DjangoTemplates

from core.markup import esc

_WIDGETS = "django/forms/widgets/"
# Templates that are input.html and nothing else.
INPUT_TEMPLATES = frozenset(
    _WIDGETS + name
    for name in (
        "input.html",
        "text.html",
        "email.html",
        "url.html",
        "tel.html",
        "number.html",
        "search.html",
        "password.html",
        "hidden.html",
        "date.html",
        "time.html",
        "datetime.html",
        "color.html",
        "checkbox.html",
    )
)
# input_option.html, the same input unless it wraps its own label.
OPTION_TEMPLATES = frozenset({_WIDGETS + "radio_option.html", _WIDGETS + "checkbox_option.html"})
TEXTAREA_TEMPLATE = _WIDGETS + "textarea.html"


def _text(value) -> str:
    # {{ value|stringformat:'s' }}: str(), then escaped unless already safe.
    return esc(str(value))


def _attrs(attrs: dict) -> str:
    # attrs.html: False leaves the attribute out, True writes its bare name.
    return "".join(
        f" {esc(name)}" if value is True else f' {esc(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    return (
        f'<input type="{esc(widget["type"])}" '
        f'name="{esc(widget["name"])}"{value}{_attrs(widget["attrs"])}>'
    )


def _textarea(widget: dict) -> str:
    value = esc(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{esc(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


class FastWidgets(DjangoTemplates):
    """settings.FORM_RENDERER: the same HTML as DjangoTemplates, sooner."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if _plain(widget):
            if "type" in widget and (
                template_name in INPUT_TEMPLATES
                or (template_name in OPTION_TEMPLATES and not widget.get("wrap_label"))
            ):
                return _input(widget)
            if template_name == TEXTAREA_TEMPLATE:
                return _textarea(widget)
        return super().render(template_name, context, request)


def _plain(widget) -> bool:
    """A context as Django's own widgets build it, with a value the templates
    would print as a string. Anything else (a custom widget's context, a
    number or date the template would localize, a callable it would call)
    goes to the templates."""
    return (
        isinstance(widget, dict)
        and {"name", "value", "attrs"} <= widget.keys()
        and isinstance(widget["value"], str | None)
    )
