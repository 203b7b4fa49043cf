"""Form fields whose hint and error are tied to the input for screen readers:
``{% load form_fields %}``, then ``{% form_field form.name %}`` for a label,
hint, error and box, ``{% radio_field form.name %}`` for a group of radios
(a fieldset with its legend).

The two field tags write their markup here rather than in an include: the
details page has 25 fields, and the template engine spent more on their
labels and hints than on the rest of the page (tests/site/test_form_fields.py
reads every field of every packet form back)."""

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from core.dates import PARTS, first_part_to_fix
from core.markup import esc

register = template.Library()


class _Field:
    """What the tags read of a bound field, each read once: Django works
    out ``errors`` and ``auto_id`` afresh on every access, and a field's
    markup asked for them up to five times."""

    __slots__ = ("bound", "errors", "hint", "id", "ids")

    def __init__(self, bound: BoundField) -> None:
        self.bound = bound
        self.errors = bound.errors
        self.hint = bound.help_text
        self.id = bound.auto_id
        # The ids of the hint and the error, those the page prints.
        self.ids = []
        if self.hint:
            self.ids.append(f"{self.id}-hint")
        if self.errors:
            self.ids.append(f"{self.id}-error")


def described(field: _Field, parts: str = "") -> SafeString:
    """The field's widget, with aria-describedby naming its hint and error by
    the very ids the page prints them under, and aria-invalid when refused.

    With ``"parts"`` (a date's three boxes) the fieldset around them carries
    aria-describedby, so each box gets only aria-invalid."""
    if parts:
        return field.bound.as_widget(attrs={"aria-invalid": "true"} if field.errors else {})
    attrs = {"aria-describedby": " ".join(field.ids)} if field.ids else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.bound.as_widget(attrs=attrs)


def _hint_and_error(field: _Field, auto_id: str) -> str:
    html = ""
    if field.hint:
        html += f'<p class="hint" id="{auto_id}-hint">{esc(field.hint)}</p>'
    if field.errors:
        html += (
            f'<p class="field-error" id="{auto_id}-error"><span class="visually-hidden">'
            f"{esc(gettext('Error:'))}</span> {esc(field.errors[0])}</p>"
        )
    return html


def _group(classes: str, field: _Field, inner: str, *, own_id: bool) -> str:
    """A fieldset (radios, or a date's three boxes) with the field's label as
    its legend, described by the hint and error printed inside it."""
    auto_id = esc(field.id)
    by = f' aria-describedby="{esc(" ".join(field.ids))}"' if field.ids else ""
    own = f' id="{auto_id}"' if own_id else ""
    return (
        f'<fieldset class="{classes}"{own}{by}>\n<legend>{esc(field.bound.label)}</legend>\n'
        f"{_hint_and_error(field, auto_id)}{inner}\n</fieldset>"
    )


# Each tag's markup is built from escaped parts (esc) and widgets the form
# renderer escaped, so the whole is safe.


@register.simple_tag
def form_field(bound: BoundField) -> SafeString:
    """Label, hint, error and box; a date's three boxes go in a fieldset of
    their own, its legend the label."""
    field = _Field(bound)
    error_class = " field-has-error" if field.errors else ""
    if bound.widget_type == "dateparts":
        group = _group("date-field", field, described(field, "parts"), own_id=True)
        return mark_safe(f'<div class="field{error_class}">\n{group}\n</div>')  # noqa: S308
    auto_id = esc(field.id)
    limit = getattr(bound.field, "max_length", None)
    # A one-line box shows its own size; a long one says how much it takes.
    if limit and getattr(bound.field.widget, "input_type", None) != "text":
        size = gettext("(up to %(limit)s characters)") % {"limit": limit}
        size = f' <span class="hint">{esc(size)}</span>'
    else:
        size = ""
    return mark_safe(  # noqa: S308
        f'<div class="field{error_class}">\n<label for="{auto_id}">{esc(bound.label)}{size}'
        f"</label>\n{_hint_and_error(field, auto_id)}{described(field)}\n</div>"
    )


@register.simple_tag
def radio_field(bound: BoundField) -> SafeString:
    """A group of radios: the fieldset, not each radio, names the hint and error."""
    field = _Field(bound)
    radios = "".join(
        f'<div class="radio">{radio.tag()}<label for="{esc(radio.id_for_label)}">'
        f"{esc(radio.choice_label)}</label></div>"
        for radio in bound
    )
    error_class = " field-has-error" if field.errors else ""
    return mark_safe(  # noqa: S308
        _group("field" + error_class, field, f'<div class="radios">{radios}</div>', own_id=False)
    )


@register.simple_tag
def hidden_inputs(pairs) -> SafeString:
    """A hidden input for each (name, value): the values a page was drawn
    with (checklists/merge.py), 25 of them on the details page."""
    return mark_safe(  # noqa: S308
        "".join(
            f'<input type="hidden" name="{esc(name)}" value="{esc(value)}">'
            for name, value in pairs or ()
        )
    )


@register.filter
def anchor(field: BoundField) -> str:
    """The id an error message links to: the first radio of a group, the
    date box to fix, or the field itself."""
    if field.widget_type == "dateparts":
        return f"{field.auto_id}_{PARTS.index(first_part_to_fix(field.value()))}"
    if getattr(field.field.widget, "input_type", "") == "radio":
        return f"{field.auto_id}_0"
    return field.auto_id


class _ErrorSummary(template.Node):
    def __init__(self, nodelist) -> None:
        self.nodelist = nodelist

    def render(self, context) -> str:
        items = self.nodelist.render(context)
        with context.push(error_items=mark_safe(items)):  # noqa: S308 (rendered by the template)
            return context.template.engine.get_template("includes/error_summary_box.html").render(
                context
            )


@register.tag
def errorsummary(parser, token) -> _ErrorSummary:
    """``{% errorsummary %}<li>…</li>{% enderrorsummary %}``: the one error
    summary box of every form, at the top of the main content, focused when the
    page arrives (``autofocus`` without JavaScript; enhance.js after a swap)."""
    nodelist = parser.parse(("enderrorsummary",))
    parser.delete_first_token()
    return _ErrorSummary(nodelist)
