from datetime import date, timedelta

from django import forms
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from checklists.models import NOTE_MAX, QUESTION_MAX, InsuranceCall, RecordRequest, Status
from core.dates import DatePartsField
from core.validators import PatientForm
from packets.models import LetterLanguage, Packet


def _today() -> date:
    return date.today()


def _days_from_today(days: int):
    return lambda: date.today() + timedelta(days=days)


def optional_date(label: str, example: str, **window) -> DatePartsField:
    """An optional date in three boxes, month, day and year (core/dates.py)."""
    return DatePartsField(label=label, help_text=_example(_("For example, %s"), example), **window)


def _with_example(message: str, example: str) -> str:
    return message % example


# Formatted when shown, in the page's language, not once at import.
_example = lazy(_with_example, str)


class ItemForm(PatientForm, forms.Form):
    status = forms.ChoiceField(
        choices=Status.choices,
        error_messages={
            "required": _("Choose where you are with this item."),
            "invalid_choice": _("Choose where you are with this item."),
        },
    )
    note = forms.CharField(
        required=False,
        max_length=NOTE_MAX,
        label=_("Note"),
    )


class TelInput(forms.TextInput):
    input_type = "tel"
    template_name = "django/forms/widgets/input.html"


class DetailsForm(PatientForm, forms.ModelForm):
    date_of_birth = optional_date(
        _("Date of birth"),
        "3 14 1961",
        earliest=lambda: date(date.today().year - 120, 1, 1),
        latest=_today,
        too_early=_("%(label)s must be in %(year)s or later. Check the year."),
        too_late=_("%(label)s must be today or in the past."),
        autocomplete="bday",
    )
    appointment_date = optional_date(
        _("Appointment date, if you have one"),
        "3 14 2027",
        earliest=_days_from_today(-365),
        latest=_days_from_today(3 * 365),
        too_early=_("%(label)s must be no more than a year ago."),
        too_late=_("%(label)s must be no more than three years from today."),
    )

    class Meta:
        model = Packet
        fields = [
            "name",
            "other_names",
            "date_of_birth",
            "address",
            "phone",
            "email",
            "cancer_type",
            "records_office",
            "records_office_address",
            "mrn",
            "service_dates",
            "first_doctor",
            "doctor_contact",
            "lab_name",
            "lab_cases",
            "procedure_dates",
            "imaging_exams",
            "center",
            "center_website",
            "center_contact",
            "center_address",
            "center_phone",
            "center_fax",
            "center_email",
            "appointment_date",
        ]
        labels = {
            "name": _("Full name"),
            "other_names": _("Other names on your records, if any"),
            "address": _("Your address"),
            "phone": _("Your phone number"),
            "email": _("Your email, if you want records by email"),
            "records_office": _("Name of the records office to write to"),
            "records_office_address": _("Address of the records office"),
            "mrn": _("Medical record number (MRN), if you know it"),
            "service_dates": _("Dates of care the records should cover"),
            "first_doctor": _("Your first doctor's name"),
            "doctor_contact": _("Your first doctor's office: phone, fax or address"),
            "lab_name": _("Name of the lab that has your slides"),
            "lab_cases": _("Case numbers of your pathology reports"),
            "procedure_dates": _("Date of each biopsy or surgery"),
            "imaging_exams": _("Scans to send: type, date and place"),
            "center": _("Where you are getting the second opinion"),
            "center_website": _("The center's website"),
            "center_contact": _("Contact person at the center, if you have one"),
            "center_address": _("The center's mailing address for records"),
            "center_phone": _("The center's phone number"),
            "center_fax": _("The center's fax number for records"),
            "center_email": _("The center's secure email for records, if it gave you one"),
            "cancer_type": _("Type of cancer"),
        }
        help_texts = {
            "other_names": _("For example, a name you used before marriage."),
            "email": _("Only the letter uses it, and only if you ask for an emailed copy."),
            "records_office": _(
                "For example, the medical records office of the hospital where you were treated."
            ),
            "mrn": _("It is on hospital papers, wristbands and your patient portal."),
            "service_dates": _("One date or a range, for example: January 2026 to now."),
            "lab_name": _("It is at the top of your pathology report."),
            "lab_cases": _(
                "Also at the top of your pathology report. They often look like S26-12345."
            ),
            "procedure_dates": _("For example: October 3, 2026."),
            "imaging_exams": _("For example: CT of the chest, October 2, 2026, City Imaging."),
            "center_address": _(
                "Ask the center's new-patient office where records should go. Many give an "
                "address and a fax number."
            ),
        }
        # Personal fields say what they are (WCAG 1.3.5), so a phone or a
        # browser can fill them; the phone number opens the number keypad.
        # The center's contact fields are not the patient's: the browser must
        # not fill them with the patient's own.
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "address": forms.Textarea(
                attrs={"rows": 3, "data-count": "", "autocomplete": "street-address"}
            ),
            "phone": TelInput(attrs={"autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            "mrn": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "lab_cases": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "records_office_address": forms.Textarea(attrs={"rows": 3, "data-count": ""}),
            "imaging_exams": forms.Textarea(attrs={"rows": 3, "data-count": ""}),
            "center_website": forms.URLInput(attrs={"autocomplete": "off"}),
            "center_address": forms.Textarea(
                attrs={"rows": 3, "data-count": "", "autocomplete": "off"}
            ),
            "center_phone": TelInput(attrs={"autocomplete": "off"}),
            "center_fax": TelInput(attrs={"autocomplete": "off"}),
            "center_email": forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        }


class LetterForm(PatientForm, forms.ModelForm):
    """How the records should travel, by when, and whether surgery records exist yet."""

    send_by = optional_date(
        _("Ask for the records by this date"),
        "3 1 2027",
        earliest=_days_from_today(-365),
        latest=_days_from_today(3 * 365),
        too_early=_("%(label)s must be no more than a year ago."),
        too_late=_("%(label)s must be no more than three years from today."),
    )

    class Meta:
        model = Packet
        fields = [
            "had_surgery",
            "delivery",
            "record_format",
            "imaging_format",
            "send_by",
            "letter_language",
        ]
        labels = {
            "had_surgery": _("Have you had surgery for this cancer?"),
            "delivery": _("Where should the records go?"),
            "record_format": _("How would you like your records?"),
            "imaging_format": _("How would you like your scan images?"),
            "letter_language": _("Which language should your letter be in?"),
        }
        help_texts = {
            "letter_language": _(
                "The letter you send is always in English, so the office can read it."
            ),
        }
        widgets = dict.fromkeys(
            ["had_surgery", "delivery", "record_format", "imaging_format", "letter_language"],
            forms.RadioSelect,
        )

    @classmethod
    def shape_fields(cls, fields: dict[str, forms.Field]) -> None:
        for name, field in fields.items():
            field.required = False
            if name != "send_by":
                # Drop the blank "not chosen" option: leaving all unchecked says the same.
                field.choices = [(v, label) for v, label in field.choices if v]
        fields["letter_language"].choices = [
            (LetterLanguage.ENGLISH, _("English only")),
            (LetterLanguage.SPANISH, _("English to send, and a Spanish copy for me to read")),
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.letter_language and not self.is_bound:
            # Suggest what the page's language says; nothing is saved until the patient saves.
            self.initial["letter_language"] = (
                LetterLanguage.SPANISH if get_language() == "es" else LetterLanguage.ENGLISH
            )


class QuestionForm(PatientForm, forms.Form):
    """One form, several buttons: add a suggestion, add your own, move or remove one."""

    ACTIONS = ["add", "suggest", "up", "down", "remove"]
    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    text = forms.CharField(
        required=False,
        max_length=QUESTION_MAX,
        label=_("Your question"),
    )
    suggestion = forms.CharField(required=False, max_length=40)
    question = forms.IntegerField(required=False, min_value=1)

    def clean(self) -> dict:
        data = super().clean()
        action = data.get("action")
        if action == "add" and not data.get("text"):
            self.add_error("text", _("Type your question first."))
        if action == "suggest" and not data.get("suggestion"):
            self.add_error("suggestion", _("Choose a question to add."))
        if action in ("up", "down", "remove") and not data.get("question"):
            self.add_error("question", _("Choose a question."))
        return data


class InsuranceCallForm(PatientForm, forms.ModelForm):
    call_date = optional_date(
        _("Date of the call"),
        "12 1 2026",
        earliest=_days_from_today(-365),
        latest=_days_from_today(365),
        too_early=_("%(label)s must be no more than a year ago."),
        too_late=_("%(label)s must be no more than a year from today."),
    )

    class Meta:
        model = InsuranceCall
        fields = [
            "call_date",
            "spoke_to",
            "reference",
            "covered",
            "referral_needed",
            "in_network",
            "notes",
        ]
        widgets = {
            "covered": forms.RadioSelect,
            "referral_needed": forms.RadioSelect,
            "in_network": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3, "data-count": ""}),
        }

    @classmethod
    def shape_fields(cls, fields: dict[str, forms.Field]) -> None:
        for name in ("covered", "referral_needed", "in_network"):
            fields[name].choices = [(v, lbl) for v, lbl in fields[name].choices if v]


# The details page's parts, in its order: the check page lists every field
# under the same headings (a test keeps the two in step with the form).
DETAILS_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        _("About you"),
        ("name", "other_names", "date_of_birth", "address", "phone", "email", "cancer_type"),
    ),
    (
        _("Where your records are"),
        (
            "records_office",
            "records_office_address",
            "mrn",
            "service_dates",
            "first_doctor",
            "doctor_contact",
        ),
    ),
    (_("Slides and scans"), ("lab_name", "lab_cases", "procedure_dates", "imaging_exams")),
    (
        _("Your second opinion"),
        (
            "center",
            "center_website",
            "appointment_date",
            "center_contact",
            "center_address",
            "center_phone",
            "center_fax",
            "center_email",
        ),
    ),
)


def _is_yes(value) -> bool:
    return value in (True, "True")


class RequestForm(PatientForm, forms.ModelForm):
    """How one records request is going (checklists/tracker.py): one form per
    letter on the tracker page, its fields prefixed with the letter's kind."""

    sent_on = optional_date(
        _("Date you sent the letter"),
        "11 3 2026",
        earliest=_days_from_today(-365),
        latest=_today,
        too_early=_("%(label)s must be no more than a year ago."),
        too_late=_("%(label)s must be today or in the past."),
    )
    promised_by = optional_date(
        _("Date they promised the records, if they gave one"),
        "12 1 2026",
        earliest=_days_from_today(-365),
        latest=_days_from_today(365),
        too_early=_("%(label)s must be no more than a year ago."),
        too_late=_("%(label)s must be no more than a year from today."),
    )
    more_time = forms.TypedChoiceField(
        label=_("Did they write that they need more time?"),
        help_text=_("This moves the due date 30 days later, one time only."),
        choices=[(False, _("No")), (True, _("Yes, they wrote to me"))],
        coerce=_is_yes,
        empty_value=False,
        required=False,
        widget=forms.RadioSelect,
    )
    followed_up_on = optional_date(
        _("Date you sent the follow-up letter, if you did"),
        "12 10 2026",
        earliest=_days_from_today(-365),
        latest=_today,
        too_early=_("%(label)s must be no more than a year ago."),
        too_late=_("%(label)s must be today or in the past."),
    )

    class Meta:
        model = RecordRequest
        fields = ["sent_on", "sent_how", "promised_by", "more_time", "received", "followed_up_on"]
        widgets = {"sent_how": forms.RadioSelect, "received": forms.RadioSelect}

    @classmethod
    def shape_fields(cls, fields: dict[str, forms.Field]) -> None:
        for name in ("sent_how", "received"):
            # No "not said" option: leaving all unchecked says the same.
            fields[name].choices = [(v, lbl) for v, lbl in fields[name].choices if v]
            fields[name].required = False

    def clean(self) -> dict:
        data = super().clean()
        sent_on, promised_by = data.get("sent_on"), data.get("promised_by")
        if sent_on and promised_by and promised_by < sent_on:
            self.add_error(
                "promised_by", _("The promised date must be on or after the date you sent it.")
            )
        followed = data.get("followed_up_on")
        if sent_on and followed and followed < sent_on:
            self.add_error(
                "followed_up_on",
                _("The follow-up date must be on or after the date you sent the first letter."),
            )
        return data
