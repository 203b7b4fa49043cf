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


def described(field: BoundField, parts: str = "") -> SafeString:
    """The field's widget, with aria-describedby naming its hint and error by
    the very ids the page prints them under, and aria-invalid when refused.

    With ``"parts"`` (a date's three boxes) the fieldset around them carries
    aria-describedby, so each box gets only aria-invalid."""
    if parts:
        return field.as_widget(attrs={"aria-invalid": "true"} if field.errors else {})
    ids = _ids(field)
    attrs = {"aria-describedby": " ".join(ids)} if ids else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


def _ids(field: BoundField) -> list[str]:
    """The ids of the hint and the error, those the page prints."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return ids


def _hint_and_error(field: BoundField, auto_id: str) -> str:
    html = ""
    if field.help_text:
        html += f'<p class="hint" id="{auto_id}-hint">{esc(field.help_text)}</p>'
    if field.errors:
        html += (
            f'<p class="field-error" id="{auto_id}-error"><span class="visually-hidden">'
            f"{esc(gettext('Error:'))}</span> {esc(field.errors[0])}</p>"
        )
    return html


def _group(classes: str, field: BoundField, inner: str, *, own_id: bool) -> str:
    """A fieldset (radios, or a date's three boxes) with the field's label as
    its legend, described by the hint and error printed inside it."""
    auto_id = esc(field.auto_id)
    ids = _ids(field)
    by = f' aria-describedby="{esc(" ".join(ids))}"' if ids else ""
    own = f' id="{auto_id}"' if own_id else ""
    return (
        f'<fieldset class="{classes}"{own}{by}>\n<legend>{esc(field.label)}</legend>\n'
        f"{_hint_and_error(field, auto_id)}{inner}\n</fieldset>"
    )


# Each tag's markup is built from escaped parts (esc) and widgets the form
# renderer escaped, so the whole is safe.


@register.simple_tag
def form_field(field: BoundField) -> SafeString:
    """Label, hint, error and box; a date's three boxes go in a fieldset of
    their own, its legend the label."""
    error_class = " field-has-error" if field.errors else ""
    if field.widget_type == "dateparts":
        group = _group("date-field", field, described(field, "parts"), own_id=True)
        return mark_safe(f'<div class="field{error_class}">\n{group}\n</div>')  # noqa: S308
    auto_id = esc(field.auto_id)
    limit = getattr(field.field, "max_length", None)
    # A one-line box shows its own size; a long one says how much it takes.
    if limit and getattr(field.field.widget, "input_type", None) != "text":
        size = gettext("(up to %(limit)s characters)") % {"limit": limit}
        size = f' <span class="hint">{esc(size)}</span>'
    else:
        size = ""
    return mark_safe(  # noqa: S308
        f'<div class="field{error_class}">\n<label for="{auto_id}">{esc(field.label)}{size}'
        f"</label>\n{_hint_and_error(field, auto_id)}{described(field)}\n</div>"
    )


@register.simple_tag
def radio_field(field: BoundField) -> SafeString:
    """A group of radios: the fieldset, not each radio, names the hint and error."""
    radios = "".join(
        f'<div class="radio">{radio.tag()}<label for="{esc(radio.id_for_label)}">'
        f"{esc(radio.choice_label)}</label></div>"
        for radio in field
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
