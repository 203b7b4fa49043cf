from django import forms
from django.utils.translation import gettext_lazy as _

from checklists.situations import ANSWER_CHOICES


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=ANSWER_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose Yes, No or Not sure."),
            "invalid_choice": _("Choose Yes, No or Not sure."),
        },
    )
