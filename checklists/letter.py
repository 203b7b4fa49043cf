"""Records-request letters, filled from the packet's details.

Pure functions: the patient's details and the items still needed in, one
letter per holder out (the records office, the pathology lab for slides and
blocks, the imaging department for the pictures). Every sentence is in the
first person: the letter is the patient's own. A detail the patient left out
becomes a gap to fill in by hand, never a guess.

Records law (US HHS, HIPAA right of access): an answer within 30 days, with
one 30-day extension given in writing; the reasonable, cost-based fee limit
covers copies sent to the patient, not copies sent to a third party at the
patient's direction (Ciox Health v. Azar, D.D.C. 2020).
"""

from dataclasses import dataclass, replace
from datetime import date

from django.utils.dateformat import format as format_date
from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _

from checklists.records import IMAGING, ITEMS_BY_KEY, LAB, OFFICE, Item

GAP = "____________________"


@dataclass(frozen=True)
class Details:
    """What the letters need from the packet; every field may be empty."""

    name: str = ""
    date_of_birth: date | None = None
    address: str = ""
    phone: str = ""
    records_office: str = ""
    records_office_address: str = ""
    center: str = ""
    appointment_date: date | None = None
    delivery: str = ""  # "me", "center" or "" (not chosen)
    record_format: str = ""  # "portal", "electronic", "paper" or ""
    imaging_format: str = ""  # "cd", "link" or ""
    had_surgery: str = ""  # "yes", "no" or ""


@dataclass(frozen=True)
class Line:
    """One labelled line; ``value`` empty means a gap to fill in by hand."""

    label: str
    value: str

    @property
    def missing(self) -> bool:
        return not self.value


# Each letter's name on the page that shows it, in the page's language (the
# letter itself may be in English on a Spanish page).
TITLES = {
    OFFICE: gettext_lazy("Letter to the records office"),
    LAB: gettext_lazy("Letter to the pathology lab"),
    IMAGING: gettext_lazy("Letter to the imaging department"),
}


def long_date(day: date) -> str:
    """A date as a person writes it, in the active language: "November 29,
    2026" or "29 de noviembre de 2026"."""
    return format_date(day, pgettext("long date", "F j, Y"))


@dataclass(frozen=True)
class Letter:
    kind: str
    title: str
    date: date
    to: tuple[Line, ...]
    subject: str
    greeting: str
    opening: tuple[str, ...]
    items: tuple[str, ...]
    body: tuple[Line | str, ...]
    closing: tuple[str, ...]
    signer: tuple[Line, ...]
    # The date as written in the letter's own language, fixed when it is built.
    dated: str = ""
    # The letter's language, and, when the patient asked for one, the same
    # letter in Spanish for them to read (never to send).
    language: str = "en"
    own: "Letter | None" = None

    @property
    def heading(self) -> str:
        """The letter's name in the language of the page showing it."""
        return str(TITLES[self.kind])

    def text(self) -> str:
        """The letter as plain text (for tests and for reading aloud)."""
        lines = [self.dated]
        lines += [_line(line) for line in self.to]
        lines += [self.subject, self.greeting, *self.opening]
        lines += [f"- {item}" for item in self.items]
        lines += [part if isinstance(part, str) else _line(part) for part in self.body]
        lines += [*self.closing, *(_line(line) for line in self.signer)]
        return "\n".join(lines)


def _line(line: Line) -> str:
    return f"{line.label}: {line.value or GAP}"


def _day(day: date | None) -> str:
    return long_date(day) if day else ""


RECORD_FORMATS = {
    "portal": gettext_lazy("in my patient portal"),
    "electronic": gettext_lazy("as an electronic copy (email or download)"),
    "paper": gettext_lazy("as paper copies"),
}
IMAGING_FORMATS = {
    "cd": gettext_lazy("on a CD or DVD"),
    "link": gettext_lazy("through an image-sharing link"),
}


def requested_items(items: list[Item], details: Details) -> list[Item]:
    """Items a letter may ask for: never a thing the patient gathers, never an
    order such as a referral, and surgery records only after surgery."""
    return [
        item
        for item in items
        if item.requestable and (not item.needs_surgery or details.had_surgery == "yes")
    ]


@dataclass(frozen=True)
class Planned:
    """A letter the packet will hold, without its wording: what the check page lists."""

    kind: str
    items: tuple[str, ...]
    own: bool = False  # a Spanish copy for the patient goes with it

    @property
    def heading(self) -> str:
        return str(TITLES[self.kind])


def plan_letters(still_needed: list[Item], details: Details, own: bool = False) -> list[Planned]:
    """Which letters build_letters would write, and the items each asks for."""
    wanted = requested_items(still_needed, details)
    plans = []
    for kind in (OFFICE, LAB, IMAGING):
        items = tuple(item.key for item in wanted if item.request_from == kind)
        if items:
            plans.append(Planned(kind, items, own))
    return plans


def build_letters(still_needed: list[Item], details: Details, today: date) -> list[Letter]:
    """One letter for each holder that has something still needed, in the
    active language (callers choose it with translation.override)."""
    builders = {OFFICE: _office, LAB: _lab, IMAGING: _imaging}
    letters = []
    for plan in plan_letters(still_needed, details):
        items = tuple(str(ITEMS_BY_KEY[key].request) for key in plan.items)
        letter = builders[plan.kind](items, details, today)
        letters.append(replace(letter, dated=long_date(today), language=get_language() or "en"))
    return letters


def _signer(details: Details) -> tuple[Line, ...]:
    return (
        Line(_("My name"), details.name.strip()),
        Line(_("My date of birth"), _day(details.date_of_birth)),
        Line(_("My address"), details.address.strip()),
        Line(_("My phone"), details.phone.strip()),
        Line(_("My signature"), ""),
        Line(_("Date signed"), ""),
    )


def _why(details: Details) -> str:
    center = details.center.strip()
    text = (
        _("I am getting a second opinion about my cancer care at %(center)s.") % {"center": center}
        if center
        else _("I am getting a second opinion about my cancer care.")
    )
    if details.appointment_date:
        text += " " + _("My visit there is on %(day)s.") % {"day": _day(details.appointment_date)}
    return text


def _send_to(details: Details) -> tuple[Line | str, ...]:
    center = details.center.strip()
    if details.delivery == "me":
        return (_("Please send the records to me, at the address below."),)
    if details.delivery == "center":
        return (
            _("Please send the records straight to the center giving my second opinion."),
            Line(_("Center"), center),
            Line(_("Its address or fax"), ""),
        )
    return (
        _("Please send the records to the place I have written here: me, or my new center."),
        Line(_("Send to"), ""),
    )


def _deadline() -> str:
    return _(
        "The HIPAA right of access gives the office 30 days to answer. If it needs longer, "
        "it may take one more 30 days, once, if it tells me in writing why and when to "
        "expect the records."
    )


def _fee(details: Details) -> str:
    if details.delivery == "center":
        return _("Please tell me the fee, if there is one, before the records are sent.")
    if details.delivery == "me":
        return _(
            "The copies are for me, so any fee may only be a reasonable, cost-based fee. "
            "Please tell me the fee before the records are sent."
        )
    return _(
        "If the copies come to me, any fee may only be a reasonable, cost-based fee. "
        "Please tell me the fee before the records are sent."
    )


def _closing() -> tuple[str, ...]:
    return (
        _(
            "If the office needs me to sign its own release form, please send it to me, "
            "or call me at the phone number below."
        ),
        _("Thank you."),
    )


def _office(items: tuple[str, ...], details: Details, today: date) -> Letter:
    form = RECORD_FORMATS.get(details.record_format)
    return Letter(
        kind=OFFICE,
        title=str(TITLES[OFFICE]),
        date=today,
        to=(
            Line(_("To"), details.records_office.strip()),
            Line(_("Address"), details.records_office_address.strip()),
        ),
        subject=_("Request for copies of my health records"),
        greeting=_("Dear records team,"),
        opening=(
            _why(details),
            _("Please send me copies of these records from my chart:"),
        ),
        items=items,
        body=(
            *_send_to(details),
            _("I would like them %(form)s.") % {"form": form}
            if form
            else Line(_("The format I would like (patient portal, electronic copy or paper)"), ""),
            _deadline(),
            _fee(details),
        ),
        closing=_closing(),
        signer=_signer(details),
    )


def _lab(items: tuple[str, ...], details: Details, today: date) -> Letter:
    center = details.center.strip()
    return Letter(
        kind=LAB,
        title=str(TITLES[LAB]),
        date=today,
        to=(Line(_("To"), _("Pathology department")), Line(_("Lab name and address"), "")),
        subject=_("Request to send my pathology slides for a second opinion"),
        greeting=_("Dear pathology team,"),
        opening=(
            _why(details),
            _(
                "The new center's pathologist will look at my slides again. "
                "I give my permission to send:"
            ),
        ),
        items=items,
        body=(
            _("Please send them to the pathology department of my second-opinion center."),
            Line(_("Center"), center),
            Line(_("Its address"), ""),
            _(
                "New slides cut from the blocks are fine if the lab keeps the blocks. "
                "If the lab wants the slides back, please say so."
            ),
            _deadline(),
            _("Please tell me the fee, if there is one, before the slides are sent."),
        ),
        closing=_closing(),
        signer=_signer(details),
    )


def _imaging(items: tuple[str, ...], details: Details, today: date) -> Letter:
    form = IMAGING_FORMATS.get(details.imaging_format)
    return Letter(
        kind=IMAGING,
        title=str(TITLES[IMAGING]),
        date=today,
        to=(Line(_("To"), _("Radiology (imaging) department")), Line(_("Address"), "")),
        subject=_("Request for copies of my scan images"),
        greeting=_("Dear imaging team,"),
        opening=(
            _why(details),
            _(
                "The new team's radiologists will read my scans again, so they need the "
                "images, not only the reports. Please send:"
            ),
        ),
        items=items,
        body=(
            *_send_to(details),
            _("I would like them %(form)s.") % {"form": form}
            if form
            else Line(_("The format I would like (CD or DVD, or image-sharing link)"), ""),
            _deadline(),
            _fee(details),
        ),
        closing=_closing(),
        signer=_signer(details),
    )
