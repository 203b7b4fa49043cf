"""The site's form renderer writes inputs in Python: every field of every
packet form, the admin's forms and every other input Django has must come out
exactly as Django's own templates write them."""

import inspect

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.forms.widgets import ChoiceWidget
from django.utils.safestring import mark_safe

from checklists import forms as checklist_forms
from core.form_renderer import FastWidgets
from packets import forms as packet_forms
from questionnaire import forms as questionnaire_forms

FORMS = [
    cls
    for module in (checklist_forms, packet_forms, questionnaire_forms)
    for _, cls in inspect.getmembers(module, inspect.isclass)
    if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
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
        if isinstance(field.field.widget, ChoiceWidget):
            html.extend(str(option.tag()) for option in field.subwidgets)
            html.extend(str(option.tag(wrap_label=True)) for option in field.subwidgets)
    return html


def test_the_site_uses_the_fast_renderer():
    assert settings.FORM_RENDERER == "core.form_renderer.FastWidgets"
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


def _admin_forms() -> list[tuple[str, forms.BaseForm, forms.BaseForm]]:
    """The admin's login form and every registered model's add form, both ways."""
    from django.contrib import admin
    from django.contrib.admin.forms import AdminAuthenticationForm
    from django.contrib.auth.models import User
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = User(is_staff=True, is_superuser=True)
    pairs = [
        (
            "login",
            AdminAuthenticationForm(renderer=FastWidgets()),
            AdminAuthenticationForm(renderer=DjangoTemplates()),
        )
    ]
    for model, model_admin in admin.site._registry.items():
        form_class = model_admin.get_form(request)
        pairs.append(
            (
                model.__name__,
                form_class(renderer=FastWidgets()),
                form_class(renderer=DjangoTemplates()),
            )
        )
    return pairs


@pytest.mark.django_db
def test_the_admin_forms_come_out_the_same():
    compared = 0
    for name, ours, django in _admin_forms():
        assert _widgets(ours) == _widgets(django), f"admin form {name} differs"
        compared += len(ours.fields)
    assert compared > 20


@pytest.mark.django_db
def test_a_saved_packet_reads_back_the_same():
    """Dates and choices as stored, not as typed: the form formats them itself."""
    from tests.factories import full_packet

    packet = full_packet()
    for cls in (checklist_forms.DetailsForm, checklist_forms.LetterForm):
        ours = _widgets(cls(instance=packet, renderer=FastWidgets()))
        django = _widgets(cls(instance=packet, renderer=DjangoTemplates()))
        assert ours == django, cls.__name__


def test_inputs_django_has_but_the_packet_does_not_use():
    class Every(forms.Form):
        email = forms.EmailField(initial="a&b@example.com")
        hidden = forms.CharField(widget=forms.HiddenInput, initial='x"y')
        agree = forms.BooleanField(initial=True)
        many = forms.MultipleChoiceField(
            choices=[("a", "A"), ("b", "<B>")], widget=forms.CheckboxSelectMultiple, initial=["b"]
        )
        number = forms.IntegerField(initial=1234567)
        day = forms.DateField(initial="2027-03-14")

    assert _widgets(Every(renderer=FastWidgets())) == _widgets(Every(renderer=DjangoTemplates()))


def test_text_inputs_and_radios_never_reach_the_templates(monkeypatch):
    """The point of the renderer: the packet's inputs, textareas and radios
    are written without a template (else it would be a slower copy)."""
    rendered = []
    original = DjangoTemplates.render

    def spy(self, template_name, context, request=None):
        rendered.append(template_name)
        return original(self, template_name, context, request)

    monkeypatch.setattr(DjangoTemplates, "render", spy)
    # As the task pages call them: each radio's tag(), every other field whole.
    for field in checklist_forms.LetterForm(renderer=FastWidgets()):
        for option in field:
            option.tag()
    details = checklist_forms.DetailsForm(renderer=FastWidgets(), data={"name": "Ana"})
    for field in details:
        field.as_widget()
    plain = {name for name in rendered if name.endswith(("input.html", "text.html"))}
    assert not plain, plain
    assert "django/forms/widgets/textarea.html" not in rendered
    assert "django/forms/widgets/radio_option.html" not in rendered


def test_a_textarea_with_a_number_is_left_to_django():
    field = forms.IntegerField(widget=forms.Textarea)
    form = type("Numbers", (forms.Form,), {"count": field})
    for value in (None, 0, 1234567):
        ours = form(renderer=FastWidgets(), initial={"count": value})["count"].as_widget()
        theirs = form(renderer=DjangoTemplates(), initial={"count": value})["count"].as_widget()
        assert ours == theirs
