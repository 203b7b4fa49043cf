"""The questionnaire's forms: one answer, the values ratings, the SURE test."""

from django import forms
from django.utils.translation import gettext_lazy as _

from questionnaire import decision
from questionnaire.situations import ANSWER_CHOICES


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=ANSWER_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose Yes, No or Not sure."),
            "invalid_choice": _("Choose Yes, No or Not sure."),
        },
    )


class UrgencyForm(AnswerForm):
    """The urgency question: the same three stored values, with answers that say
    what each means ("Not sure, or no one has told me"), so the error names no label."""

    answer = forms.ChoiceField(
        choices=decision.URGENCY_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one answer."),
            "invalid_choice": _("Choose one answer."),
        },
    )


class ValuesForm(forms.Form):
    """One optional 0-3 rating for each statement of what matters."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(value), label) for value, label in decision.RATINGS]
        for value in decision.VALUES:
            self.fields[value.key] = forms.ChoiceField(
                label=value.statement,
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose how much this matters to you.")},
            )

    def ratings(self) -> dict[str, int]:
        return {key: int(value) for key, value in self.cleaned_data.items() if value != ""}

    def rows(self) -> list[tuple[forms.BoundField, list[tuple[str, str]]]]:
        return [(self[value.key], self.fields[value.key].choices) for value in decision.VALUES]


class SureForm(forms.Form):
    """The four SURE questions, each Yes or No."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for item in decision.SURE_ITEMS:
            self.fields[item.key] = forms.ChoiceField(
                label=item.question,
                choices=decision.SURE_CHOICES,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Answer Yes or No."),
                    "invalid_choice": _("Answer Yes or No."),
                },
            )

    def rows(self) -> list[tuple[object, forms.BoundField]]:
        return [(item, self[item.key]) for item in decision.SURE_ITEMS]
