from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from centers import places

DISTANCES = [25, 50, 100, 250, 500]


def _miles(miles: int) -> str:
    return gettext("Up to %(miles)d miles") % {"miles": miles}


# Worked out when the page is drawn, in its language (not at import).
_up_to = lazy(_miles, str)


class FinderForm(forms.Form):
    """A ZIP code (ZIP+4 and spaces accepted), and two filters. Sent by GET:
    the address of a results page can be kept or shared; it never reaches a
    log (gunicorn logs the path only; see core/logredact.py for runserver)."""

    zip = forms.CharField(
        label=_("Your ZIP code"),
        help_text=_("5 numbers, like 10065."),
        required=False,
        max_length=20,
        error_messages={"max_length": _("Enter a ZIP code of 5 numbers, like 10065.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "postal-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "input-short",
            }
        ),
    )
    within = forms.TypedChoiceField(
        label=_("How far can you travel?"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any distance"))] + [(str(miles), _up_to(miles)) for miles in DISTANCES],
    )
    remote = forms.BooleanField(
        label=_("Only centers that say they review records without a visit"),
        required=False,
    )

    MESSAGES = {
        "missing": _("Enter your ZIP code."),
        "shape": _("Enter a ZIP code of 5 numbers, like 10065."),
        "unknown": _("We could not find the ZIP code %(zip)s. Check the numbers and try again."),
    }

    def clean_zip(self) -> places.Place:
        typed = self.cleaned_data.get("zip", "")
        try:
            return places.locate(places.five_digits(typed))
        except places.ZipError as error:
            shown = typed.strip()[:20]
            raise forms.ValidationError(
                self.MESSAGES[error.reason] % {"zip": shown}, code=error.reason
            ) from None
