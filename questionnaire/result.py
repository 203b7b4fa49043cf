"""The questionnaire's result, built once from the answers and ratings: the
reasons and their weights, urgency, what matters most, and the SURE test.

Its pages, the packet's answers page and the PDF all show this one view.
"""

from dataclasses import dataclass

from packets.models import Packet
from questionnaire import decision, scoring
from questionnaire.answers import answers_of, ratings_of


@dataclass
class ResultView:
    answers: dict[str, str]
    urgent: bool
    assessment: scoring.Assessment | None
    values: list
    sure: list
    sure_gaps: list
    # The very important values linked back to the options, and the pairs that pull apart.
    deliberation: decision.Deliberation


def result(packet: Packet, answers: dict[str, str] | None = None) -> ResultView:
    if answers is None:
        answers = answers_of(packet)
    ratings = ratings_of(packet)
    sure_labels = dict(decision.SURE_CHOICES)
    urgent = decision.urgent(answers)
    return ResultView(
        answers=answers,
        urgent=urgent,
        assessment=assessment_of(answers),
        values=decision.ranked_values(ratings),
        sure=[
            (item, str(sure_labels[answers[item.key]]))
            for item in decision.SURE_ITEMS
            if answers.get(item.key) in sure_labels
        ],
        sure_gaps=decision.sure_gaps(answers),
        deliberation=decision.deliberation(ratings, bool(urgent)),
    )


def assessment_of(answers: dict[str, str]) -> scoring.Assessment | None:
    """The scored reasons, once every question has an answer; None before."""
    return scoring.assess(answers) if decision.questionnaire_complete(answers) else None
