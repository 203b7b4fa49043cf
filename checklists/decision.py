"""Decision support to the IPDAS standard, declared as data.

The decision: get a second opinion before treatment starts, or go ahead
with the current plan. Around the nine questions sit an urgency check
(first), a values step (what matters most) and the SURE test (after), each
stored as rows on the packet and carried into the PDF.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from checklists import situations
from checklists.situations import ANSWER_VALUES, NO, UNSURE, YES

# --- The decision and its two options, presented side by side -------------

OPTIONS = (
    {
        "title": _("Get a second opinion before treatment starts"),
        "what": _(
            "Another cancer doctor or team reviews your records, and maybe meets you, "
            "before you begin."
        ),
        "benefits": (
            _("Peace of mind if the new team agrees with your diagnosis and plan."),
            _("You may hear about other treatment choices, or clinical trials."),
            _("You may find a doctor you trust and feel at ease with."),
            _("A second check of your pathology and scans."),
        ),
        "downsides": (
            _("It can mean travel, and time off work or away from home."),
            _("Your insurance may not pay for all of it."),
            _("Gathering records and waiting for a visit takes time."),
            _("Hearing different advice can be stressful, and you may need to choose."),
        ),
    },
    {
        "title": _("Go ahead with the current plan"),
        "what": _("You start the treatment your first doctor suggested."),
        "benefits": (
            _("Treatment can start as soon as it is planned."),
            _("No extra trips, forms or costs for another visit."),
            _("You stay with a team you already know."),
            _("Fewer decisions to make at a hard time."),
        ),
        "downsides": (
            _("You will not know whether another expert would agree."),
            _("You may not hear about other choices, such as clinical trials."),
            _("Some choices, like surgery, are hard to change later."),
            _("Doubts about your plan may stay with you."),
        ),
    },
)

EVIDENCE_NOTE = _(
    "Studies do not agree on how often a second opinion changes a diagnosis or a plan. "
    "It depends a lot on the type of cancer. No one can tell ahead of time what it will "
    "show for you."
)

# --- Urgency, asked before the nine questions ------------------------------

URGENCY_KEY = "urgency"
URGENCY_QUESTION = _("Has your care team said your treatment must start right away?")
URGENCY_HELP = _("For example, they told you that waiting even a few weeks is not safe.")
URGENCY_WHY = _(
    "Most cancers allow a few weeks for a second opinion, but a few, like some leukemias "
    "and lymphomas, need quick decisions (National Comprehensive Cancer Network, American "
    "Cancer Society)."
)
URGENCY_STEPS = (
    _("Ask your care team: is it safe for me to wait a few weeks for a second opinion?"),
    _("Ask if your records, slides and scans can be sent ahead, so the review starts at once."),
    _("Ask if the new team can review your slides and scans without a visit."),
    _("If waiting is not safe, ask whether a second opinion can happen while you start treatment."),
)


def questionnaire_complete(answers: dict[str, str]) -> bool:
    """The urgency check and all nine questions have an answer."""
    return (
        answers.get(URGENCY_KEY) in ANSWER_VALUES and situations.first_unanswered(answers) is None
    )


def urgent(answers: dict[str, str]) -> bool:
    """True when the patient said, or is not sure whether, treatment must start at once."""
    return answers.get(URGENCY_KEY) in (YES, UNSURE)


# --- What matters most to me (values clarification) ------------------------


@dataclass(frozen=True)
class Value:
    key: str
    statement: str


VALUES: tuple[Value, ...] = (
    Value("sure-of-diagnosis", _("Being sure my diagnosis is right")),
    Value("start-soon", _("Starting treatment as soon as I can")),
    Value("travel-and-cost", _("Keeping travel and cost low")),
    Value("every-option", _("Hearing about every treatment option")),
    Value("trusted-doctor", _("Having a doctor I trust")),
)
VALUES_BY_KEY = {value.key: value for value in VALUES}
RATINGS = (
    (0, _("Not important")),
    (1, _("A little important")),
    (2, _("Quite important")),
    (3, _("Very important")),
)
RATING_LABELS = dict(RATINGS)


def ranked_values(ratings: dict[str, int]) -> list[tuple[Value, int, str]]:
    """Rated statements, most important first (ties keep the listed order)."""
    rated = [(v, ratings[v.key]) for v in VALUES if v.key in ratings]
    rated.sort(key=lambda pair: -pair[1])
    return [(value, rating, str(RATING_LABELS[rating])) for value, rating in rated]


# --- The SURE test ------------------------------------------------------------


@dataclass(frozen=True)
class SureItem:
    key: str
    letter: str
    question: str
    next_step: str
    guide_slug: str


SURE_SOURCE = _(
    "The SURE test was made by France Légaré and colleagues, with the Ottawa Hospital "
    "Research Institute, to check if a person feels ready to decide."
)

SURE_ITEMS: tuple[SureItem, ...] = (
    SureItem(
        "sure-sure",
        "S",
        _("Do you feel sure about the best choice for you?"),
        _("Take your time. Talk it over with someone you trust, and look at both options again."),
        "weighing-it-up",
    ),
    SureItem(
        "sure-understand",
        "U",
        _("Do you know the benefits and risks of each option?"),
        _(
            "Read our guides on what a second opinion is and on weighing it up. Ask your care "
            "team to explain each option in plain words."
        ),
        "what-is-a-second-opinion",
    ),
    SureItem(
        "sure-risk-benefit",
        "R",
        _("Are you clear about which benefits and risks matter most to you?"),
        _("Look again at what matters most to you, and share it with your care team."),
        "weighing-it-up",
    ),
    SureItem(
        "sure-encouragement",
        "E",
        _("Do you have enough support and advice to make a choice?"),
        _(
            "Ask your care team, a nurse navigator or a patient group for help. Bring someone "
            "with you to visits."
        ),
        "is-it-rude",
    ),
)
SURE_KEYS = tuple(item.key for item in SURE_ITEMS)
SURE_CHOICES = [(YES, _("Yes")), (NO, _("No"))]


def sure_gaps(answers: dict[str, str]) -> list[SureItem]:
    """SURE items answered No: each leads to a plain next step."""
    return [item for item in SURE_ITEMS if answers.get(item.key) == NO]
