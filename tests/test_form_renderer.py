"""The site's form renderer writes inputs in Python: every field of every form
must come out exactly as Django's own templates write it."""

import inspect

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from checklists import forms as packet_forms
from secondopinion.form_renderer import FastWidgets

FORMS = [
    cls
    for _, cls in inspect.getmembers(packet_forms, inspect.isclass)
    if issubclass(cls, forms.BaseForm) and cls.__module__ == packet_forms.__name__
]
# Text a patient might type that HTML must escape, and a few they might not.
TRICKY = 'Dr. O\'Neil <b>"Smith"</b> & Co.\nSecond line: é ñ 中文'


def _data(form: forms.BaseForm, text: str) -> dict[str, str]:
    data = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field, forms.ChoiceField):
            values = [value for value, _ in field.choices if value != ""]
            data[key] = str(values[-1]) if values else ""
        elif isinstance(field, forms.DateField):
            data[key] = "03/14/2027"
        elif isinstance(field, forms.IntegerField):
            data[key] = "2"
        else:
            data[key] = text
    return data


def _states(cls: type[forms.BaseForm]):
    yield "blank", {}
    blank = cls()
    yield "filled", {"data": _data(blank, TRICKY)}
    yield "refused", {"data": dict.fromkeys(blank.fields, "x" * 5000)}
    yield "safe text", {"data": _data(blank, mark_safe("<i>kept</i>"))}


def _widgets(form: forms.BaseForm) -> list[str]:
    html = []
    for field in form:
        html.append(str(field.as_widget()))
        html.append(str(field.as_widget(attrs={"aria-describedby": "x-hint x-error"})))
        html.append(str(field.as_widget(attrs={"aria-invalid": "true", "data-flag": True})))
        html.extend(str(option.tag()) for option in field.subwidgets)
        html.extend(str(option.tag(wrap_label=True)) for option in field.subwidgets)
    return html


def test_the_site_uses_the_fast_renderer():
    assert settings.FORM_RENDERER == "secondopinion.form_renderer.FastWidgets"
    assert FORMS, "no forms found to compare"


@pytest.mark.django_db
@pytest.mark.parametrize("cls", FORMS, ids=lambda cls: cls.__name__)
def test_every_widget_is_written_as_djangos_templates_write_it(cls):
    compared = 0
    for state, kwargs in _states(cls):
        ours = _widgets(cls(renderer=FastWidgets(), **kwargs))
        django = _widgets(cls(renderer=DjangoTemplates(), **kwargs))
        assert ours == django, f"{cls.__name__} ({state}) differs from Django's templates"
        compared += len(ours)
    assert compared > 0


def test_a_textarea_with_a_number_is_left_to_django():
    field = forms.IntegerField(widget=forms.Textarea)
    form = type("Numbers", (forms.Form,), {"count": field})
    for value in (None, 0, 1234567):
        ours = form(renderer=FastWidgets(), initial={"count": value})["count"].as_widget()
        theirs = form(renderer=DjangoTemplates(), initial={"count": value})["count"].as_widget()
        assert ours == theirs
