"""Records requests after the letter: when each is due, whether it is late,
the follow-up letter, and a calendar reminder.

Pure functions: dates and saved values in, dates, words and bytes out. No
request in sight.

The law (US HHS, HIPAA right of access, 45 CFR 164.524(b)(2)): an office
must act on a request within 30 days. It may extend that once, by up to 30
more days, only if it tells the patient in writing, within the first 30
days, why and by when. Pathology slides and blocks are specimens, not
records under this rule: the lab has no HIPAA clock, so 30 days is only a
date to check on them.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from checklists.letter import GAP, Details, Line, long_date
from checklists.records import IMAGING, ITEMS_BY_KEY, LAB, OFFICE

KINDS = (OFFICE, LAB, IMAGING)
ANSWER_DAYS = 30  # HIPAA: the office acts within 30 days
MORE_TIME_DAYS = 30  # once, if it says so in writing within the first 30
FOLLOW_UP_DAYS = 10  # what the follow-up letter asks for
ALARM_DAYS = 3  # the calendar reminds this many days before the due date
COMPLAINT_DAYS = 180  # OCR: complain within 180 days of knowing

# Who each request went to, in a sentence ("Records request: records office").
HOLDERS = {
    OFFICE: gettext_lazy("records office"),
    LAB: gettext_lazy("pathology lab"),
    IMAGING: gettext_lazy("imaging department"),
}

# States of one request, in the order a patient meets them.
NOT_SENT, WAITING, SOME, OVERDUE, ALL = "not-sent", "waiting", "some", "overdue", "all"


def has_clock(kind: str) -> bool:
    """Whether HIPAA's 30 days apply: not to slides and blocks."""
    return kind != LAB


def due_date(sent_on: date | None, promised_by: date | None, more_time: bool) -> date | None:
    """When the records are due: the date the office promised, else 30 days
    after the letter went; 30 days later, once, when it wrote that it needs
    more time. None before the letter is sent (and nothing was promised)."""
    if promised_by is not None:
        due = promised_by
    elif sent_on is not None:
        due = sent_on + timedelta(days=ANSWER_DAYS)
    else:
        return None
    return due + timedelta(days=MORE_TIME_DAYS) if more_time else due


@dataclass(frozen=True)
class State:
    """Where one request stands today."""

    code: str
    due: date | None
    days_late: int = 0

    @property
    def overdue(self) -> bool:
        return self.code == OVERDUE

    @property
    def label(self) -> str:
        """The state in a few words, in the active language."""
        if self.code == NOT_SENT:
            return _("Not sent yet")
        if self.code == ALL:
            return _("All received")
        if self.code == OVERDUE:
            return ngettext(
                "Overdue by %(count)d day", "Overdue by %(count)d days", self.days_late
            ) % {"count": self.days_late}
        due = long_date(self.due) if self.due else ""
        if self.code == SOME:
            return _("Some received, the rest due %(day)s") % {"day": due}
        return _("Waiting, due %(day)s") % {"day": due}


def state(
    today: date,
    sent_on: date | None,
    promised_by: date | None = None,
    more_time: bool = False,
    received: str = "",
) -> State:
    """The state of one request on ``today``: overdue once today is past the
    due date and not everything came."""
    due = due_date(sent_on, promised_by, more_time)
    if received == "all":
        return State(ALL, due)
    if sent_on is None or due is None:
        return State(NOT_SENT, due)
    if today > due:
        return State(OVERDUE, due, (today - due).days)
    return State(SOME if received == "some" else WAITING, due)


# --- The follow-up letter ----------------------------------------------------------


@dataclass(frozen=True)
class FollowUp:
    """A second letter for a request that went unanswered, in the active language."""

    kind: str
    language: str
    dated: str
    to: tuple[Line, ...]
    subject: str
    greeting: str
    opening: tuple[str, ...]
    items: tuple[str, ...]
    body: tuple[str, ...]
    closing: tuple[str, ...]
    signer: tuple[Line, ...]

    def text(self) -> str:
        """The letter as plain text (for tests and for reading aloud)."""

        def line(part: Line) -> str:
            return f"{part.label}: {part.value or GAP}"

        lines = [self.dated, *(line(part) for part in self.to), self.subject, self.greeting]
        lines += [*self.opening, *(f"- {item}" for item in self.items), *self.body]
        lines += [*self.closing, *(line(part) for part in self.signer)]
        return "\n".join(lines)


def _recipient(kind: str, details: Details) -> tuple[Line, ...]:
    if kind == OFFICE:
        return (
            Line(_("To"), details.records_office.strip()),
            Line(_("Address"), details.records_office_address.strip()),
        )
    if kind == LAB:
        return (
            Line(_("To"), _("Pathology department")),
            Line(_("Lab name"), details.lab_name.strip()),
            Line(_("Lab address"), ""),
        )
    return (Line(_("To"), _("Radiology (imaging) department")), Line(_("Address"), ""))


def follow_up_letter(
    kind: str,
    details: Details,
    sent_on: date,
    item_keys: tuple[str, ...],
    received: str,
    today: date,
    language: str = "en",
) -> FollowUp:
    """The follow-up letter for one request, in the active language (callers
    choose it with translation.override): it cites the first letter's date
    and what it asked for, and asks for the records, or a written reason,
    within 10 days."""
    items = tuple(str(ITEMS_BY_KEY[key].request) for key in item_keys if key in ITEMS_BY_KEY)
    first = long_date(sent_on)
    opening = [
        _("On %(day)s, I sent you a written request for copies of these records:") % {"day": first}
        if items
        else _("On %(day)s, I sent you a written request for copies of my records.")
        % {"day": first}
    ]
    if received == "some":
        got = _("I have received only some of them. The rest have not come.")
    else:
        got = _("I have not received them yet.")
    body = [got]
    if has_clock(kind):
        body.append(
            _(
                "Under the HIPAA right of access, an office must act on a request within "
                "30 days. It may take 30 more days only if it tells me in writing, within "
                "the first 30 days, why it needs more time and when I will get the records."
            )
        )
    body.append(
        ngettext(
            "Please send the records within %(days)d day of this letter. If you cannot, "
            "please tell me in writing why not, and when they will come.",
            "Please send the records within %(days)d days of this letter. If you cannot, "
            "please tell me in writing why not, and when they will come.",
            FOLLOW_UP_DAYS,
        )
        % {"days": FOLLOW_UP_DAYS}
    )
    if has_clock(kind):
        body.append(
            _(
                "If I do not hear from you, I may file a complaint with the Office for Civil "
                "Rights of the US Department of Health and Human Services."
            )
        )
    return FollowUp(
        kind=kind,
        language=language,
        dated=long_date(today),
        to=_recipient(kind, details),
        subject=_("Second request for copies of my records"),
        greeting=_("Dear records team,") if kind == OFFICE else _("Dear team,"),
        opening=tuple(opening),
        items=items,
        body=tuple(body),
        closing=(
            _("Please call me at the phone number below with any questions."),
            _("Thank you."),
        ),
        signer=(
            Line(_("My name"), details.name.strip()),
            Line(
                _("My date of birth"),
                long_date(details.date_of_birth) if details.date_of_birth else "",
            ),
            Line(_("Medical record number, if known"), details.mrn.strip()),
            Line(_("My address"), details.address.strip()),
            Line(_("My phone"), details.phone.strip()),
            Line(_("My signature"), ""),
            Line(_("Date signed"), ""),
        ),
    )


# --- The calendar reminder -------------------------------------------------------------


def reminder_uid(packet_id: int, kind: str) -> str:
    """The same for every download of one request, so a calendar updates
    the event instead of adding a second one; derived with SECRET_KEY, so it
    never shows the packet's id."""
    digest = salted_hmac(
        "checklists.tracker.reminder", f"{packet_id}:{kind}", algorithm="sha256"
    ).hexdigest()
    return f"{digest[:40]}@second-opinion"


def reminder(
    uid: str, kind: str, due: date, changed: datetime, now: datetime, link: str = ""
) -> bytes:
    """One all-day event on the due date with an alarm 3 days before, in the
    active language. It names only who the request went to: no name, no
    health detail."""
    from icalendar import Alarm, Calendar, Event

    summary = _("Records request: %(holder)s") % {"holder": HOLDERS[kind]}
    if has_clock(kind):
        description = _(
            "Your records request is due today. If the records have not come, "
            "send the follow-up letter."
        )
    else:
        description = _(
            "Check on your slides today. If they have not been sent, send the follow-up letter."
        )
    if link:
        description += "\n" + link
    calendar = Calendar()
    calendar.add("prodid", "-//Second Opinion//Records requests//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("description", description)
    event.add("dtstart", due)
    event.add("dtend", due + timedelta(days=1))
    event.add("dtstamp", now)
    event.add("last-modified", changed)
    # Grows with every saved change, so a calendar takes the newer copy.
    event.add("sequence", int(changed.timestamp()))
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", timedelta(days=-ALARM_DAYS))
    event.add_component(alarm)
    calendar.add_component(event)
    return calendar.to_ical()
