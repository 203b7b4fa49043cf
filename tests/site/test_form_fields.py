"""Every field of every form, drawn by {% form_field %} or {% radio_field %}
(core/templatetags/form_fields.py), as a screen reader user meets it: a
label tied to its box, the hint and the error read out with the box or the
group, "Error:" before each message, and every id it names present."""

import inspect
from html.parser import HTMLParser

import pytest
from django import forms

from centers import forms as center_forms
from checklists import forms as checklist_forms
from core.templatetags.form_fields import form_field, radio_field
from packets import forms as packet_forms
from questionnaire import forms as questionnaire_forms
from tests.site.test_form_renderer import _states

FORMS = [
    cls
    for module in (checklist_forms, packet_forms, questionnaire_forms, center_forms)
    for _, cls in inspect.getmembers(module, inspect.isclass)
    if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
]


class _Elements(HTMLParser):
    """Each element's tag, attributes and the text directly inside it."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[dict] = []
        self._open: list[dict] = []

    def handle_starttag(self, tag, attrs) -> None:
        element = {"tag": tag, **{name: value or "" for name, value in attrs}, "text": ""}
        self.elements.append(element)
        if tag not in {"input", "br"}:
            self._open.append(element)

    def handle_endtag(self, tag) -> None:
        while self._open and self._open.pop()["tag"] != tag:
            pass

    def handle_data(self, data) -> None:
        for element in self._open:
            element["text"] += data


def elements(html: str) -> list[dict]:
    parser = _Elements()
    parser.feed(str(html))
    return parser.elements


def _drawn(field: forms.BoundField) -> str:
    if getattr(field.field.widget, "input_type", "") == "radio":
        return radio_field(field)
    return form_field(field)


def _check(field: forms.BoundField) -> None:
    found = elements(_drawn(field))
    by_id = {element["id"]: element for element in found if element.get("id")}
    boxes = [e for e in found if e["tag"] in {"input", "textarea", "select"}]
    assert boxes, f"{field.name}: no box drawn"
    labels = {e["for"]: e["text"] for e in found if e["tag"] == "label"}
    radios_or_date = found[0]["tag"] == "fieldset" or found[1]["tag"] == "fieldset"
    # Every box has a label of its own.
    for box in boxes:
        assert box["id"] in labels, f"{field.name}: box {box['id']} has no label"
    described_here = [e for e in found if e.get("aria-describedby")]
    for element in described_here:
        for named in element["aria-describedby"].split():
            assert named in by_id, f"{field.name}: aria-describedby names {named}, not drawn"
    if radios_or_date:
        group = next(e for e in found if e["tag"] == "fieldset")
        legend = next(e for e in found if e["tag"] == "legend")
        assert legend["text"] == str(field.label)
        described = group.get("aria-describedby", "").split()
    else:
        assert labels[field.auto_id].startswith(str(field.label))
        described = by_id[field.auto_id].get("aria-describedby", "").split()
    if field.help_text:
        assert f"{field.auto_id}-hint" in described, field.name
        assert by_id[f"{field.auto_id}-hint"]["text"] == str(field.help_text)
    if field.errors:
        assert f"{field.auto_id}-error" in described, field.name
        error = by_id[f"{field.auto_id}-error"]["text"]
        assert error == f"Error: {field.errors[0]}", field.name
        assert any(box.get("aria-invalid") == "true" for box in boxes) or radios_or_date
    else:
        assert not any(e.get("class", "").startswith("field-error") for e in found)


def test_there_are_forms_to_read() -> None:
    assert {"DetailsForm", "LetterForm", "ShareForm"} <= {cls.__name__ for cls in FORMS}


@pytest.mark.django_db
@pytest.mark.parametrize("cls", FORMS, ids=lambda cls: cls.__name__)
def test_every_field_is_tied_to_its_label_hint_and_error(cls) -> None:
    seen_errors = 0
    for _state, kwargs in _states(cls):
        form = cls(**kwargs)
        for field in form:
            if field.is_hidden:
                continue
            _check(field)
            seen_errors += bool(field.errors)
    if any(cls().fields[name].required for name in cls().fields):
        assert seen_errors, f"{cls.__name__}: no state drew an error"


def test_a_long_box_says_how_much_it_takes() -> None:
    form = checklist_forms.DetailsForm()
    label = next(e for e in elements(form_field(form["address"])) if e["tag"] == "label")
    limit = form.fields["address"].max_length
    assert label["text"].endswith(f"(up to {limit} characters)")
    one_line = next(e for e in elements(form_field(form["name"])) if e["tag"] == "label")
    assert "characters" not in one_line["text"]


def test_a_label_a_patient_cannot_type_is_still_escaped() -> None:
    class Odd(forms.Form):
        word = forms.CharField(label="Fish & <chips>", help_text='"quoted" hint')

    html = str(form_field(Odd()["word"]))
    assert "Fish &amp; &lt;chips&gt;" in html and "&quot;quoted&quot; hint" in html
