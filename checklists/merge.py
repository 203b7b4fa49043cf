"""Saves that cannot clobber: what this page changed, against what changed
elsewhere since it was drawn.

Every task form carries, for each field, the value the page was drawn with
(a hidden ``drawn-<name>`` input). On a save each field is one of:

- unchanged here (what is sent equals what was drawn): not written, so a
  change made meanwhile in another tab or on a paired device stays;
- changed here only (what is stored still equals what was drawn, or already
  equals what is sent): written;
- changed on both sides to different values: a conflict. Nothing is written
  for that field; the page shows both values and the patient picks
  (``keep-<name>``: "saved" or "mine", with ``mine-<name>`` carrying what
  they typed), so nothing typed is lost.

A form without drawn values (a page from before this change) saves as before.
"""

from dataclasses import dataclass
from datetime import date
from enum import Enum

from django import forms
from django.forms.widgets import ChoiceWidget

from core.text import normalise_controls

DRAWN = "drawn-"
KEEP = "keep-"
MINE = "mine-"


class Plan(Enum):
    SKIP = "skip"
    WRITE = "write"
    CONFLICT = "conflict"


MISSING = object()


def _same_text(value):
    """Line endings differ by route (a form sends CRLF, htmx and a hidden
    input LF), and text saved before core/text.py may still hold separators
    the form now turns into newlines: neither makes a change, or a conflict."""
    return normalise_controls(value) if isinstance(value, str) else value


def three_way(drawn, mine, stored) -> Plan:
    if drawn is MISSING:
        return Plan.WRITE
    drawn, mine, stored = _same_text(drawn), _same_text(mine), _same_text(stored)
    if mine == drawn:
        return Plan.SKIP
    if stored in (drawn, mine):
        return Plan.WRITE
    return Plan.CONFLICT


@dataclass(frozen=True)
class Conflict:
    name: str  # the field's HTML name
    label: str
    stored: str  # as the patient reads them
    mine: str
    mine_raw: str  # as the form sends it


def as_raw(field: forms.Field, value) -> str:
    """A cleaned value as its input sends it (a date as the box shows it)."""
    if value in (None, ""):
        return ""
    if isinstance(field.widget, ChoiceWidget):
        return str(value)
    shown = field.widget.format_value(value)
    return "" if shown is None else str(shown)


def as_text(field: forms.Field, value) -> str:
    """A cleaned value as the patient reads it (the choice's label for choices)."""
    choices = dict(getattr(field, "choices", ()) or ())
    if value not in (None, "") and value in choices:
        return str(choices[value])
    if isinstance(value, date):
        return f"{value.month}/{value.day}/{value.year}"
    return as_raw(field, value)


def drawn_value(field: forms.Field, data, html_name: str):
    """The cleaned value the page was drawn with, or MISSING when the page did not say."""
    raw = data.get(DRAWN + html_name)
    if raw is None:
        return MISSING
    try:
        return field.clean(raw)
    except forms.ValidationError:
        return MISSING


def with_choices(data, names: list[str]):
    """The posted data with each conflict the patient settled as "use mine"
    put back in its field (a copy; the request's own is left alone)."""
    data = data.copy()
    for name in names:
        if data.get(KEEP + name) == "mine" and MINE + name in data:
            data[name] = data[MINE + name]
    return data


def drawn_inputs(form: forms.BaseForm, values: dict) -> list[tuple[str, str]]:
    """(name, value) of each hidden drawn input, from ``values`` (field name
    to cleaned value): what is saved, never a suggestion the form offers."""
    return [
        (DRAWN + form[name].html_name, as_raw(field, values[name]))
        for name, field in form.fields.items()
    ]


def plan_fields(
    form: forms.BaseForm, data, names, stored: dict
) -> tuple[list[str], list[Conflict]]:
    """For a valid form: the fields this page changed (to write) and those
    changed here and elsewhere to different values (a Conflict each, named by
    the field's name in the form, prefix included)."""
    changed, conflicts = [], []
    for name in names:
        field, html_name = form.fields[name], form.add_prefix(name)
        mine = form.cleaned_data[name]
        plan = three_way(drawn_value(field, data, html_name), mine, stored[name])
        if plan is Plan.WRITE:
            changed.append(name)
        elif plan is Plan.CONFLICT:
            conflicts.append(
                Conflict(
                    html_name,
                    str(field.label),
                    as_text(field, stored[name]),
                    as_text(field, mine),
                    as_raw(field, mine),
                )
            )
    return changed, conflicts
