"""Records-request letters, filled from the packet's details.

Pure functions: the patient's details and the items still needed in, one
letter per holder out (the records office, the pathology lab for slides and
blocks, the imaging department for the pictures). Every sentence is in the
first person: the letter is the patient's own. A detail the patient left out
becomes a gap to fill in by hand, never a guess.

Each letter rests on one legal basis, picked from what the patient chose, so
the office never has to guess which kind of request it holds (sources:
HHS's right-of-access guidance, 45 CFR 164.524 and 164.508, Ciox Health v.
Azar, D.D.C. 2020; guides/content/sources.toml):

- ACCESS: copies for the patient (164.524). A reasonable, cost-based fee at
  most; an answer within 30 days at the latest, one 30-day extension only if
  the office says so in writing within the first 30 days.
- DIRECTIVE: an electronic copy of what is in the electronic record, sent
  straight to the new center at the patient's signed, written direction
  (164.524(c)(3)(ii): the recipient and where to send must be named). The
  same 30 days; since Ciox the fee limit no longer covers it.
- AUTHORIZATION: paper copies, and anything not kept electronically, sent to
  someone else (164.508): every core element and required statement, in
  plain words. No 30-day clock applies.
- CONSENT: slides and blocks for the lab. They are specimens, not a copy of
  a record: no HIPAA clock, and the new center's pathology department
  usually asks the lab for them, with this consent attached.

Every letter asks for the records by a date (``send_by``): 30 days is the
longest an office may take, not a time to wait for.
"""

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.utils.dateformat import format as format_date
from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _

from checklists.records import IMAGING, ITEMS_BY_KEY, LAB, OFFICE, Item

GAP = "____________________"

ACCESS, DIRECTIVE, AUTHORIZATION, CONSENT = "access", "directive", "authorization", "consent"

# How long a permission lasts when the patient signs it: long enough for a
# slow lab, short enough that it does not stay open for good.
PERMISSION_DAYS = 365


@dataclass(frozen=True)
class Details:
    """What the letters need from the packet; every field may be empty."""

    name: str = ""
    date_of_birth: date | None = None
    address: str = ""
    phone: str = ""
    email: str = ""
    mrn: str = ""
    other_names: str = ""
    service_dates: str = ""
    first_doctor: str = ""
    records_office: str = ""
    records_office_address: str = ""
    lab_name: str = ""
    lab_cases: str = ""
    procedure_dates: str = ""
    imaging_exams: str = ""
    center: str = ""
    center_address: str = ""
    center_fax: str = ""
    center_phone: str = ""
    center_email: str = ""
    center_contact: str = ""
    appointment_date: date | None = None
    send_by: date | None = None
    urgent: bool = False
    delivery: str = ""  # "me", "center" or "" (not chosen: copies come to me)
    record_format: str = ""  # "portal", "electronic" (email), "cd", "paper" or ""
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


@dataclass(frozen=True)
class Section:
    """A part of a letter under its own heading, such as an authorization,
    with its own signature lines when it must stand on its own."""

    heading: str
    parts: tuple[Line | str, ...]
    signer: tuple[Line, ...] = ()


# Each letter's name on the page that shows it, in the page's language (the
# letter itself may be in English on a Spanish page).
TITLES = {
    OFFICE: gettext_lazy("Letter to the records office"),
    LAB: gettext_lazy("Letter to the pathology lab"),
    IMAGING: gettext_lazy("Letter to the imaging department"),
}

# What each kind of request is, in a few words, for the page and the check list.
BASES = {
    ACCESS: gettext_lazy("Copies for you (HIPAA right of access)"),
    DIRECTIVE: gettext_lazy("Electronic copies sent to your new center, at your direction"),
    AUTHORIZATION: gettext_lazy("Your written permission to send copies to your new center"),
    CONSENT: gettext_lazy("Your consent for the lab to send slides and blocks"),
}


def long_date(day: date) -> str:
    """A date as a person writes it, in the active language: "November 29,
    2026" or "29 de noviembre de 2026"."""
    return format_date(day, pgettext("long date", "F j, Y"))


def default_send_by(today: date, appointment: date | None, urgent: bool) -> date:
    """The date the letters ask for, when the patient has not set one: a week
    before the visit (ten days when treatment may be urgent), or three weeks
    from today (ten days when urgent) without a visit date; never sooner than
    three days from today, which no office could meet."""
    if appointment:
        wanted = appointment - timedelta(days=10 if urgent else 7)
    else:
        wanted = today + timedelta(days=10 if urgent else 21)
    return max(wanted, today + timedelta(days=3))


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
    basis: str = ACCESS
    # Who the records are about: the lines an office finds a chart with.
    about: tuple[Line, ...] = ()
    # Parts after the signature, each with its own (an authorization).
    sections: tuple[Section, ...] = field(default=())
    send_by: date | None = None
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

    @property
    def basis_label(self) -> str:
        return str(BASES[self.basis])

    def text(self) -> str:
        """The letter as plain text (for tests and for reading aloud)."""
        lines = [self.dated]
        lines += [_line(line) for line in self.to]
        lines += [self.subject, *(_line(line) for line in self.about)]
        lines += [self.greeting, *self.opening]
        lines += [f"- {item}" for item in self.items]
        lines += [_part(part) for part in self.body]
        lines += [*self.closing, *(_line(line) for line in self.signer)]
        for section in self.sections:
            lines += [section.heading, *(_part(part) for part in section.parts)]
            lines += [_line(line) for line in section.signer]
        return "\n".join(lines)


def blocks_of(parts: tuple[Line | str, ...]) -> list[str | list[Line]]:
    """A body as printed: a run of labelled lines is one block, like an
    address, and each sentence a paragraph of its own."""
    blocks: list[str | list[Line]] = []
    for part in parts:
        if isinstance(part, Line) and blocks and isinstance(blocks[-1], list):
            blocks[-1].append(part)
        else:
            blocks.append([part] if isinstance(part, Line) else part)
    return blocks


def _line(line: Line) -> str:
    return f"{line.label}: {line.value or GAP}"


def _part(part: Line | str) -> str:
    return part if isinstance(part, str) else _line(part)


def _day(day: date | None) -> str:
    return long_date(day) if day else ""


IMAGING_FORMATS = {
    "cd": gettext_lazy("on a CD or DVD, with a viewer on the disc"),
    "link": gettext_lazy("through a secure image-sharing link"),
}


def requested_items(items: list[Item], details: Details) -> list[Item]:
    """Items a letter may ask for: never a thing the patient gathers, never an
    order such as a referral, and surgery records only after surgery."""
    return [
        item
        for item in items
        if item.requestable and (not item.needs_surgery or details.had_surgery == "yes")
    ]


def basis_of(kind: str, details: Details) -> str:
    """The legal basis a letter rests on, from what the patient chose."""
    if kind == LAB:
        return CONSENT
    if details.delivery != "center":
        return ACCESS
    if kind == OFFICE and details.record_format == "paper":
        return AUTHORIZATION
    # Images and every electronic copy: a directive; the records letter adds
    # an authorization for anything not kept electronically.
    return DIRECTIVE


@dataclass(frozen=True)
class Planned:
    """A letter the packet will hold, without its wording: what the check page lists."""

    kind: str
    items: tuple[str, ...]
    own: bool = False  # a Spanish copy for the patient goes with it
    basis: str = ACCESS

    @property
    def heading(self) -> str:
        return str(TITLES[self.kind])

    @property
    def basis_label(self) -> str:
        return str(BASES[self.basis])


def plan_letters(still_needed: list[Item], details: Details, own: bool = False) -> list[Planned]:
    """Which letters build_letters would write, and the items each asks for."""
    wanted = requested_items(still_needed, details)
    plans = []
    for kind in (OFFICE, LAB, IMAGING):
        items = tuple(item.key for item in wanted if item.request_from == kind)
        if items:
            plans.append(Planned(kind, items, own, basis_of(kind, details)))
    return plans


def build_letters(
    still_needed: list[Item], details: Details, today: date, *, reading_copy: bool = False
) -> list[Letter]:
    """One letter for each holder that has something still needed, in the
    active language (callers choose it with translation.override). A reading
    copy (the Spanish version, never sent) has no lines to sign."""
    builders = {OFFICE: _office, LAB: _lab, IMAGING: _imaging}
    send_by = details.send_by or default_send_by(today, details.appointment_date, details.urgent)
    letters = []
    for plan in plan_letters(still_needed, details):
        items = tuple(str(ITEMS_BY_KEY[key].request) for key in plan.items)
        letter = builders[plan.kind](items, details, today, send_by)
        if reading_copy:
            letter = _unsigned(letter)
        letters.append(
            replace(
                letter,
                basis=plan.basis,
                send_by=send_by,
                dated=long_date(today),
                language=get_language() or "en",
            )
        )
    return letters


def _unsigned(letter: Letter) -> Letter:
    """The letter without its signature and date lines: a copy to read."""
    to_sign = {_("My signature"), _("Date signed")}

    def kept(lines: tuple[Line, ...]) -> tuple[Line, ...]:
        return tuple(line for line in lines if line.label not in to_sign)

    return replace(
        letter,
        signer=kept(letter.signer),
        sections=tuple(replace(s, signer=kept(s.signer)) for s in letter.sections),
    )


# --- The parts every letter shares ---------------------------------------------


def _about(details: Details, *, extra: tuple[Line, ...] = ()) -> tuple[Line, ...]:
    """The lines an office finds the chart with. Other names and email only
    when given: a blank for them would ask a question most people answer no."""
    lines = [Line(_("Patient"), details.name.strip())]
    if details.other_names.strip():
        lines.append(Line(_("Other names on my records"), details.other_names.strip()))
    lines += [
        Line(_("Date of birth"), _day(details.date_of_birth)),
        Line(_("Medical record number, if known"), details.mrn.strip()),
        *extra,
    ]
    return tuple(lines)


def _signer(details: Details) -> tuple[Line, ...]:
    lines = [
        Line(_("My name"), details.name.strip()),
        Line(_("My address"), details.address.strip()),
        Line(_("My phone"), details.phone.strip()),
    ]
    if details.email.strip():
        lines.append(Line(_("My email"), details.email.strip()))
    return (*lines, Line(_("My signature"), ""), Line(_("Date signed"), ""))


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


def _recipient(details: Details, *, department: str = "") -> tuple[Line, ...]:
    """The new center, named with where to send: every line a directive or an
    authorization needs, a gap where the patient has not said."""
    center = details.center.strip()
    if department and center:
        center = f"{department}, {center}"
    lines = [
        Line(_("Send to"), center),
        Line(_("Contact person"), details.center_contact.strip()),
        Line(_("Mailing address"), details.center_address.strip()),
        Line(_("Fax"), details.center_fax.strip()),
    ]
    if details.center_email.strip():
        lines.append(Line(_("Secure email"), details.center_email.strip()))
    lines.append(Line(_("Phone"), details.center_phone.strip()))
    return tuple(lines)


def _by(send_by: date, details: Details) -> str:
    text = _("Please send them by %(day)s.") % {"day": _day(send_by)}
    if details.urgent:
        text += " " + _("My treatment decision is waiting on them.")
    return text


def _clock() -> str:
    """The HIPAA time limit, said as a limit, not as a time to take."""
    return _(
        "Under HIPAA, an office has 30 days at most to act on this request. That is a limit, "
        "not a goal. If the office needs more time, it must tell me in writing within those "
        "30 days. It must say why, and by what date it will send them. It may do this once."
    )


def _fee_to_me() -> str:
    return _(
        "The copies are for me, so any fee may only be a reasonable, cost-based fee. "
        "Please tell me the fee before the records are sent."
    )


def _fee_to_center() -> str:
    return _("Please tell me the fee, if there is one, before the records are sent.")


def _missing_items() -> str:
    return _(
        "If something on this list is not in my records, please tell me which, so I do not "
        "wait for it."
    )


def _closing() -> tuple[str, ...]:
    return (
        _(
            "This signed letter is my written request. If the office needs anything else to "
            "find my records, please call me at the phone number below."
        ),
        _("Thank you."),
    )


def _dates_of_care(details: Details) -> Line:
    return Line(_("Dates of care to include"), details.service_dates.strip())


def _doctor(details: Details) -> Line:
    return Line(_("My doctor there"), details.first_doctor.strip())


def _office_to(details: Details) -> tuple[Line, ...]:
    return (
        Line(_("To"), details.records_office.strip()),
        Line(_("Address"), details.records_office_address.strip()),
    )


# --- Copies for me (access) ------------------------------------------------------


def _format_to_me(details: Details) -> Line | str:
    email = details.email.strip()
    match details.record_format:
        case "portal":
            return _(
                "Please put them in my patient portal, and tell me when they are there. "
                "Anything that cannot go in the portal, please send as an electronic copy."
            )
        case "electronic":
            if email:
                return _(
                    "Please email an electronic copy to %(email)s. If that email is not "
                    "encrypted, I understand the risk and still want it sent this way."
                ) % {"email": email}
            return Line(_("Please email an electronic copy to"), "")
        case "cd":
            return _("Please put an electronic copy on a CD or USB drive and mail it to me.")
        case "paper":
            return _("Please mail paper copies to my address below.")
    return Line(_("How I want them (patient portal, email, CD or USB drive, or paper)"), "")


def _office_access(items, details: Details, today: date, send_by: date) -> Letter:
    return Letter(
        kind=OFFICE,
        title=str(TITLES[OFFICE]),
        date=today,
        to=_office_to(details),
        subject=_("Request for copies of my own health records (HIPAA right of access)"),
        about=_about(details),
        greeting=_("Dear records team,"),
        opening=(
            _(
                "I am asking for copies of my own health records, under my HIPAA right of "
                "access (45 CFR 164.524). The copies are for me."
            ),
            _why(details),
            _("Please send me copies of these records:"),
        ),
        items=items,
        body=(
            _dates_of_care(details),
            _doctor(details),
            _format_to_me(details),
            _by(send_by, details),
            _clock(),
            _fee_to_me(),
            _missing_items(),
        ),
        closing=_closing(),
        signer=_signer(details),
    )


# --- Sent to my new center (directive, authorization) ----------------------------


def _format_to_center(details: Details) -> str:
    if details.record_format == "cd":
        return _("Please put the electronic copy on a CD or USB drive and mail it to them.")
    return _(
        "Please send it by the fax or secure email above, or by another safe way the center takes."
    )


def _authorization_parts(
    details: Details, what: str, how: str, today: date
) -> tuple[Line | str, ...]:
    """Every core element and required statement of a HIPAA authorization
    (45 CFR 164.508(c)), in plain words."""
    ends = today + timedelta(days=PERMISSION_DAYS)
    return (
        Line(_("Who may send them"), details.records_office.strip()),
        Line(
            _("Who may receive them"),
            _("%(center)s, at the address or fax above") % {"center": details.center.strip()}
            if details.center.strip()
            else "",
        ),
        Line(_("What may be sent"), what),
        _dates_of_care(details),
        Line(_("How"), how),
        Line(_("Why"), _("A second opinion on my cancer care, at my request.")),
        Line(
            _("This permission ends on"),
            _("%(day)s, one year from the date of this letter") % {"day": _day(ends)},
        ),
        _(
            "I may cancel this permission at any time by writing to the office named above. "
            "That does not undo what was sent before the office got my letter."
        ),
        _(
            "The office may not refuse to treat me because I do not sign this. The same goes "
            "for payment, for joining a health plan and for getting benefits."
        ),
        _(
            "Once the records are sent, the people who get them may share them again. Federal "
            "privacy law may then no longer protect them."
        ),
        _("I will keep a copy of this signed permission."),
        Line(_("If someone signs for me: their name, and why they may sign for me"), ""),
    )


def _office_directive(items, details: Details, today: date, send_by: date) -> Letter:
    fallback = Section(
        heading=_("My permission for anything not kept electronically"),
        parts=(
            _(
                "Some of these records may be on paper, or not in the electronic health "
                "record. For those, I give my permission to send copies to the same place. "
                "The details are below."
            ),
            *_authorization_parts(
                details,
                _("The records listed above that are not kept electronically"),
                _("Paper copies, by mail or fax"),
                today,
            ),
        ),
        signer=(Line(_("My signature"), ""), Line(_("Date signed"), "")),
    )
    return Letter(
        kind=OFFICE,
        title=str(TITLES[OFFICE]),
        date=today,
        to=_office_to(details),
        subject=_("Request to send an electronic copy of my health records to my new care team"),
        about=_about(details),
        greeting=_("Dear records team,"),
        opening=(
            _(
                "This is a request under my HIPAA right of access (45 CFR 164.524(c)(3)(ii)). "
                "I direct this office to send an electronic copy of these records straight to "
                "the care team named below. I mean the copy kept in my electronic health record."
            ),
            _why(details),
            _("The records:"),
        ),
        items=items,
        body=(
            _dates_of_care(details),
            _doctor(details),
            *_recipient(details),
            _format_to_center(details),
            _by(send_by, details),
            _clock(),
            _fee_to_center(),
            _missing_items(),
        ),
        closing=_closing(),
        signer=_signer(details),
        sections=(fallback,),
    )


def _office_authorization(items, details: Details, today: date, send_by: date) -> Letter:
    return Letter(
        kind=OFFICE,
        title=str(TITLES[OFFICE]),
        date=today,
        to=_office_to(details),
        subject=_("My permission to send copies of my health records to my new care team"),
        about=_about(details),
        greeting=_("Dear records team,"),
        opening=(
            _(
                "This is my written permission, called a HIPAA authorization (45 CFR 164.508). "
                "It lets this office send paper copies of my health records to the care team "
                "named below."
            ),
            _why(details),
            _("The records:"),
        ),
        items=items,
        body=(
            _doctor(details),
            *_recipient(details),
            *_authorization_parts(
                details, _("The records listed above"), _("Paper copies, by mail or fax"), today
            ),
            _by(send_by, details),
            _fee_to_center(),
            _missing_items(),
        ),
        closing=_closing(),
        signer=_signer(details),
    )


def _office(items, details: Details, today: date, send_by: date) -> Letter:
    match basis_of(OFFICE, details):
        case "directive":
            return _office_directive(items, details, today, send_by)
        case "authorization":
            return _office_authorization(items, details, today, send_by)
    return _office_access(items, details, today, send_by)


# --- Slides and blocks (consent) -------------------------------------------------


def _lab(items, details: Details, today: date, send_by: date) -> Letter:
    ends = today + timedelta(days=PERMISSION_DAYS)
    return Letter(
        kind=LAB,
        title=str(TITLES[LAB]),
        date=today,
        to=(
            Line(_("To"), _("Pathology department")),
            Line(_("Lab name"), details.lab_name.strip()),
            Line(_("Lab address"), ""),
        ),
        subject=_("My consent to send my pathology slides and blocks for a second opinion"),
        about=_about(
            details,
            extra=(
                Line(_("Case (accession) numbers"), details.lab_cases.strip()),
                Line(_("Date of the biopsy or surgery"), details.procedure_dates.strip()),
                _doctor(details),
            ),
        ),
        greeting=_("Dear pathology team,"),
        opening=(
            _why(details),
            _(
                "A doctor at the new center will look at my slides again. I give my consent "
                "for this lab to send these to the place named below:"
            ),
        ),
        items=items,
        body=(
            _(
                "Please include the pathology report for each case. Please also send the "
                "special stain and immunostain (IHC) slides, not only the usual ones."
            ),
            _(
                "If the lab must keep the blocks, new slides cut from them are fine. So is one "
                "block that shows the cancer. The pathology department below may tell the lab "
                "just what it needs."
            ),
            _("It may also ask for unstained slides or a block for more tests."),
            *_recipient(details, department=_("Pathology department")),
            _(
                "If the lab needs the slides back, please say so when sending them. I ask the "
                "new center to send them back after its review."
            ),
            _by(send_by, details),
            _("This consent ends on %(day)s. I may cancel it in writing at any time.")
            % {"day": _day(ends)},
            _("Please tell me the fee, if there is one, before the slides are sent."),
        ),
        closing=(
            _("If the lab needs me to sign its own form, please call me at the number below."),
            _("Thank you."),
        ),
        signer=_signer(details),
    )


# --- Scan images (access or directive) -----------------------------------------


def _imaging(items, details: Details, today: date, send_by: date) -> Letter:
    to_center = basis_of(IMAGING, details) == DIRECTIVE
    form = IMAGING_FORMATS.get(details.imaging_format)
    if to_center:
        subject = _("Request to send copies of my scan images to my new care team")
        first = _(
            "This is a request under my HIPAA right of access (45 CFR 164.524(c)(3)(ii)). I "
            "direct this department to send copies of my scan images straight to the care "
            "team named below."
        )
        where: tuple[Line | str, ...] = _recipient(details)
        if details.imaging_format == "link":
            where += (Line(_("The center's image-sharing account or address"), ""),)
        fee = _fee_to_center()
    else:
        subject = _("Request for copies of my own scan images (HIPAA right of access)")
        first = _(
            "I am asking for copies of my own scan images, under my HIPAA right of access "
            "(45 CFR 164.524). The copies are for me."
        )
        where = (_("Please send them to me, at the address below."),)
        fee = _fee_to_me()
    return Letter(
        kind=IMAGING,
        title=str(TITLES[IMAGING]),
        date=today,
        to=(Line(_("To"), _("Radiology (imaging) department")), Line(_("Address"), "")),
        subject=subject,
        about=_about(details),
        greeting=_("Dear imaging team,"),
        opening=(
            first,
            _why(details),
            _(
                "The new team's radiologists will read my scans again, so they need the "
                "images themselves. Please send:"
            ),
        ),
        items=items,
        body=(
            Line(_("The scans (type, date and place)"), details.imaging_exams.strip()),
            _(
                "Please send the images in full DICOM format, with a viewer. Please include "
                "the radiologist's report for each scan. Please also send my earlier scans of "
                "the same areas, so the new team can compare."
            ),
            *where,
            _("I would like them %(form)s.") % {"form": form}
            if form
            else Line(_("How I want them (CD or DVD, or image-sharing link)"), ""),
            _by(send_by, details),
            _clock(),
            fee,
        ),
        closing=_closing(),
        signer=_signer(details),
    )
