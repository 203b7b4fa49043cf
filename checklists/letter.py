"""The records-request letter, filled from the packet's details.

A pure function: details and the items still needed in, the letter's parts
out. Templates lay it out for the screen, for print and for the PDF.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from checklists.records import Item


@dataclass(frozen=True)
class Letter:
    date: date
    to: str
    greeting: str
    opening: str
    items: tuple[str, ...]
    closing: str
    send_to: str
    sign_off: str
    name: str


def build_letter(
    *,
    name: str,
    first_doctor: str,
    doctor_contact: str,
    center: str,
    appointment_date: date | None,
    still_needed: list[Item],
    today: date,
) -> Letter:
    doctor = first_doctor.strip()
    to = _("The office of %(doctor)s") % {"doctor": doctor} if doctor else _("Your doctor's office")
    if doctor_contact.strip():
        to = f"{to}\n{doctor_contact.strip()}"
    greeting = _("Dear %(doctor)s,") % {"doctor": doctor} if doctor else _("Dear care team,")
    place = center.strip() or _("another cancer center")
    opening = _(
        "I am getting a second opinion about my cancer care at %(place)s. Thank you for "
        "your care so far. Please send me copies of the records below, so the new team "
        "can review them."
    ) % {"place": place}
    if appointment_date:
        opening += " " + _("My appointment there is on %(day)s.") % {
            "day": appointment_date.strftime("%B %-d, %Y")
        }
    # Empty when nothing is left to ask for; the pages then say so instead.
    items = tuple(str(item.title) for item in still_needed)
    closing = _(
        "I am asking under my right to see and get copies of my health records (HIPAA). "
        "Please tell me if there is a fee, or if you need me to sign a form. I will keep you "
        "informed of what the second opinion says."
    )
    send_to = _("Please send the records to me, or straight to %(place)s.") % {"place": place}
    return Letter(
        date=today,
        to=to,
        greeting=greeting,
        opening=opening,
        items=items,
        closing=closing,
        send_to=send_to,
        sign_off=_("Thank you,"),
        name=name.strip(),
    )
