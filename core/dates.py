"""A date typed in three boxes, month, day and year, the GOV.UK way in US order.

One box for a whole date meant one message for every mistake ("03141961",
"3/14/61" and "01/01/1890" all read "Enter a date of birth in the past").
Three boxes with a number keypad each, and a message that says what is wrong:
a missing part, a year without 4 numbers, a date that does not exist, or one
outside the dates the field allows.

The field also takes a whole date as one value (``2027-03-14``, or
``03/14/2027``) in the field's own name: what a page holds as the value it was
drawn with, and what an older page sent.
"""

from collections.abc import Callable
from datetime import date, datetime

from django import forms
from django.forms.renderers import get_default_renderer
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from core.markup import esc

PARTS = ("month", "day", "year")
WHOLE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y")

# Which parts are missing -> what to say. Each is a whole sentence, for translators.
MISSING = {
    ("month",): _("%(label)s must include a month."),
    ("day",): _("%(label)s must include a day."),
    ("year",): _("%(label)s must include a year."),
    ("month", "day"): _("%(label)s must include a month and a day."),
    ("month", "year"): _("%(label)s must include a month and a year."),
    ("day", "year"): _("%(label)s must include a day and a year."),
}


class DatePartsWidget(forms.MultiWidget):
    """Month, day and year boxes, each with its own label and a number keypad."""

    labels = {"month": _("Month"), "day": _("Day"), "year": _("Year")}

    def __init__(self, autocomplete: str = "", attrs=None) -> None:
        def box(part: str, size: int):
            token = f"{autocomplete}-{part}" if autocomplete else "off"
            return forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": token, "size": size}
            )

        super().__init__(
            {"month": box("month", 2), "day": box("day", 2), "year": box("year", 4)}, attrs
        )

    def decompress(self, value) -> list[str]:
        if isinstance(value, date):
            return [str(value.month), str(value.day), str(value.year)]
        if isinstance(value, str) and value:
            day = parse_whole(value)
            return self.decompress(day) if day else ["", "", ""]
        return ["", "", ""]

    def value_from_datadict(self, data, files, name):
        # A whole date under the field's own name (a held choice, an older
        # page) wins; otherwise the three boxes.
        if name in data:
            return data.get(name)
        return [data.get(f"{name}_{part}", "") for part in PARTS]

    def value_omitted_from_data(self, data, files, name) -> bool:
        return name not in data and all(f"{name}_{part}" not in data for part in PARTS)

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        """The three boxes side by side, each under its own label. Written
        here, not in a template: a packet page draws several dates, and each
        box through Django's widget templates cost more than the rest of its
        field. Each box itself comes from the renderer, as any input does."""
        renderer = renderer or get_default_renderer()
        subwidgets = self.get_context(name, value, attrs)["widget"]["subwidgets"]
        boxes = "".join(
            f'<div class="date-input-item"><label for="{esc(sub["attrs"].get("id", ""))}">'
            f"{esc(self.labels[part])}</label> {self._box(renderer, sub)}</div>"
            for part, sub in zip(PARTS, subwidgets, strict=True)
        )
        # Labels escaped here, each box by the renderer.
        return mark_safe(f'<div class="date-input">{boxes}</div>')  # noqa: S308

    @staticmethod
    def _box(renderer, sub: dict) -> str:
        return renderer.render(sub["template_name"], {"widget": sub})


def parse_whole(text: str) -> date | None:
    for pattern in WHOLE_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


class DatePartsField(forms.Field):
    """An optional date from three boxes, with one message per kind of mistake.

    ``earliest`` and ``latest`` are callables (the window moves with today);
    ``too_early`` and ``too_late`` are their messages, with ``%(label)s`` and
    ``%(year)s`` (the year of the limit).
    """

    widget = DatePartsWidget

    def __init__(
        self,
        *,
        earliest: Callable[[], date],
        latest: Callable[[], date],
        too_early,
        too_late,
        autocomplete: str = "",
        **kwargs,
    ) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", DatePartsWidget(autocomplete=autocomplete))
        super().__init__(**kwargs)
        self.earliest, self.latest = earliest, latest
        self.too_early, self.too_late = too_early, too_late

    def _say(self, message, **more) -> forms.ValidationError:
        return forms.ValidationError(message % {"label": self.label, **more})

    def to_python(self, value) -> date | None:
        if isinstance(value, date) or value is None:
            return value
        if isinstance(value, str):
            if not value.strip():
                return None
            day = parse_whole(value)
            if day is None:
                raise self._say(_("%(label)s must be a real date."))
            return day
        month, day, year = (str(part or "").strip() for part in value)
        given = {"month": month, "day": day, "year": year}
        missing = tuple(part for part in PARTS if not given[part])
        if len(missing) == len(PARTS):
            return None
        if missing:
            raise self._say(MISSING[missing])
        if not all(part.isascii() and part.isdigit() for part in (month, day, year)):
            raise self._say(_("%(label)s must be a real date. Use numbers only."))
        if len(year) != 4:
            raise self._say(_("Year must include 4 numbers, for example 1961."))
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise self._say(_("%(label)s must be a real date.")) from None

    def validate(self, value) -> None:
        super().validate(value)
        if value is None:
            return
        if value < self.earliest():
            raise self._say(self.too_early, year=self.earliest().year)
        if value > self.latest():
            raise self._say(self.too_late, year=self.latest().year)


def first_part_to_fix(bound_value) -> str:
    """The box an error message should lead to: the first one left empty, or the month."""
    if isinstance(bound_value, list | tuple):
        if len(bound_value) == len(PARTS) and all(str(t or "").strip() for t in bound_value):
            year = str(bound_value[2]).strip()
            return "year" if len(year) != 4 else "month"
        for part, text in zip(PARTS, bound_value, strict=False):
            if not str(text or "").strip():
                return part
    return "month"
