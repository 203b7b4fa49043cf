"""Sharing a packet: make a pairing code, or enter one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.validators import PatientForm
from packets.models import LABEL_MAX


class ShareForm(PatientForm, forms.Form):
    """Make a pairing code: what the other browser may do, and an optional label."""

    rights = forms.ChoiceField(
        label=_("What can the other browser do?"),
        choices=[
            ("edit", _("Can change it: my other phone or computer")),
            ("view", _("Can only look and download: someone I trust")),
        ],
        initial="edit",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the other browser can do.")},
    )
    label = forms.CharField(
        label=_("A name for it, so you know it later (optional)"),
        help_text=_("For example: my laptop, or Maria. Do not use anything secret."),
        max_length=LABEL_MAX,
        required=False,
        strip=True,
    )


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        help_text=_("8 letters and numbers, like ABCD-2345. Capitals or not, dashes or not."),
        max_length=20,
        error_messages={"required": _("Enter the code you were given.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
