"""Checks on what a patient types, shared by every form that takes text.

Invisible direction controls can make a name or note print in a different
order from the one typed (the "Trojan Source" trick), and zero-width
spaces hide text inside words. They are refused with a clear message, never
silently changed, so what prints is what the patient saw while typing.

Kept on purpose: the zero-width joiner and non-joiner (U+200C, U+200D) and
the left-to-right and right-to-left marks (U+200E, U+200F). Persian,
Devanagari and other scripts, and emoji, need them to be written correctly.
"""

import functools
from collections.abc import Callable

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from core.text import normalise_controls

# Embeddings and overrides (U+202A-U+202E), isolates (U+2066-U+2069),
# zero-width space, word joiner, byte order mark and Mongolian vowel separator.
INVISIBLE_CONTROLS = frozenset(
    [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\u200b", "\u2060", "\ufeff", "\u180e"]
)

INVISIBLE_MESSAGE = _(
    "This text has a hidden character that can change how it prints. "
    "Please type it again, or paste it as plain text."
)


def has_invisible_controls(text: str) -> bool:
    return any(ch in INVISIBLE_CONTROLS for ch in text)


class RefusesInvisibleControls(forms.BaseForm):
    """Form mixin: any text field holding an invisible control gets a clear error."""

    def clean(self) -> dict:
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, str) and has_invisible_controls(value):
                self.add_error(name, INVISIBLE_MESSAGE)
        return data


LENGTH_MESSAGE = _("%(label)s must be %(limit_value)d characters or fewer. It has %(show_value)d.")


class PatientForm(RefusesInvisibleControls):
    """Form mixin for what a patient types.

    - Line and paragraph separators, CR and other control characters are made
      plain newlines or dropped (core/text.py) before any check, so the
      length counted is the length saved, and nothing saved holds them.
    - Invisible controls get a clear error (RefusesInvisibleControls).
    - A box takes more than its limit: no ``maxlength``, which cut a paste
      short without a word. The box says its limit in ``data-maxlength`` for
      the live count ("You have 12 characters too many"), and a save over the
      limit is refused with the one wording every length error uses, keeping
      what was typed on the page.
    """

    @classmethod
    def shape_fields(cls, fields: dict[str, forms.Field]) -> None:
        """Change the class's own fields in ways that are the same for every
        form (trim choices, say): run once, before the first form copies them.
        Two threads making a class's first forms may both run it, so running
        it twice must give what running it once does."""

    def __init__(self, *args, **kwargs) -> None:
        # The class's own fields once, before this form copies them.
        limited = _limited_fields(type(self))
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField):
                # Each form has its own copy of its fields: only this one changes.
                field.to_python = _normalising(field.to_python)
            if name not in limited:
                _say_limit(field)


@functools.cache
def _limited_fields(form_class: type["PatientForm"]) -> frozenset[str]:
    """Give the class's declared fields their limit once, not on each form:
    every form copies them, changes and all. Gives their names."""
    form_class.shape_fields(form_class.base_fields)
    for field in form_class.base_fields.values():
        _say_limit(field)
    return frozenset(form_class.base_fields)


def _say_limit(field: forms.Field) -> None:
    limit = getattr(field, "max_length", None)
    if not limit:
        return
    field.widget.attrs.pop("maxlength", None)
    field.widget.attrs["data-maxlength"] = str(limit)
    # Worded when it is shown, in the page's language.
    field.error_messages["max_length"] = _length_message(field.label)


def _worded_length_message(label) -> str:
    return str(LENGTH_MESSAGE).replace("%(label)s", str(label or _("This")))


_length_message = lazy(_worded_length_message, str)


def _normalising(to_python: Callable) -> Callable:
    """``to_python`` that first makes a typed value's controls plain (core/text.py)."""

    def to_python_normalised(value):
        if isinstance(value, str):
            value = normalise_controls(value)
        return to_python(value)

    return to_python_normalised
