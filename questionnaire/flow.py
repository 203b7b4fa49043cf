"""The questionnaire as one declaration: every step in order, and where each leads.

Read top to bottom, this is the whole journey:

    urgency ─┬─ (Yes or Not sure) ─> urgency-advice ─┐
             └─ (No) ────────────────────────────────┴─> the situations, in order
    ─> check ─> result ─> values ─> sure ─> ready

Routing is pure: ``next_step(answers, key)`` says where a step leads once it
is answered, and ``blocked_by(answers, key)`` which earlier step must be
answered first (no skipping ahead). Neither sees a request, so every path
is tested without HTTP (tests/questionnaire/test_flow_routes.py), the way
smart-answers asserts the next node for a response. The one view in
views.py serves any step, as a full page or an htmx partial.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from questionnaire import decision, situations
from questionnaire.forms import AnswerForm, SureForm, UrgencyForm, ValuesForm
from questionnaire.situations import ANSWER_VALUES

# Step kinds. "question" steps take one Yes / No / Not sure answer.
QUESTION, ADVICE, CHECK, RESULT, VALUES, SURE, READY = (
    "question",
    "advice",
    "check",
    "result",
    "values",
    "sure",
    "ready",
)


@dataclass(frozen=True)
class Step:
    key: str
    kind: str
    path: str
    template: str
    form: type | None = None
    # Counted in "Step N of M": the pages where the patient answers something.
    counted: bool = False
    url_name: str = ""

    @property
    def name(self) -> str:
        return self.url_name or self.key


URGENCY = Step(
    decision.URGENCY_KEY,
    QUESTION,
    "urgency/",
    "questionnaire/question.html",
    UrgencyForm,
    counted=True,
)
URGENCY_ADVICE = Step(
    "urgency-advice",
    ADVICE,
    "urgency/advice/",
    "questionnaire/urgency_advice.html",
    url_name="urgency_advice",
)
SITUATION_STEPS = tuple(
    Step(s.key, QUESTION, f"{s.key}/", "questionnaire/question.html", AnswerForm, counted=True)
    for s in situations.SITUATIONS
)
CHECK_STEP = Step("check", CHECK, "check/", "questionnaire/check.html")
RESULT_STEP = Step("result", RESULT, "result/", "questionnaire/result.html")
VALUES_STEP = Step("values", VALUES, "values/", "questionnaire/values.html", ValuesForm, True)
SURE_STEP = Step("sure", SURE, "sure/", "questionnaire/sure.html", SureForm, counted=True)
READY_STEP = Step("ready", READY, "ready/", "questionnaire/ready.html")

STEPS: tuple[Step, ...] = (
    URGENCY,
    URGENCY_ADVICE,
    *SITUATION_STEPS,
    CHECK_STEP,
    RESULT_STEP,
    VALUES_STEP,
    SURE_STEP,
    READY_STEP,
)
BY_KEY: dict[str, Step] = {step.key: step for step in STEPS}
# Questions reworded so that an old answer would mean something else got new
# keys (round two; then #21, when "made without a cancer doctor…" became "has
# a cancer doctor looked…?"); their old addresses lead to the new questions.
MOVED: dict[str, str] = {
    "not-cancer-specialist": "cancer-doctor-seen",
    "no-cancer-specialist": "cancer-doctor-seen",
    "sub-specialist": "single-expert",
}
QUESTION_KEYS: tuple[str, ...] = tuple(s.key for s in STEPS if s.kind == QUESTION)

COUNTED: tuple[str, ...] = tuple(step.key for step in STEPS if step.counted)
TOTAL_STEPS = len(COUNTED)
# What the start and home pages promise, checked against the declaration by a test.
MINUTES = 10


def effort() -> str:
    """The honest effort, in the language of the request."""
    return _(
        "%(steps)d short steps, about %(minutes)d minutes: one question about timing, "
        "%(questions)d about your diagnosis and plan, then what matters most to you and "
        "whether you feel ready."
    ) % {"steps": TOTAL_STEPS, "minutes": MINUTES, "questions": len(situations.SITUATIONS)}


def number(key: str) -> int | None:
    """The step's place in "Step N of M", or None for pages that ask nothing."""
    return COUNTED.index(key) + 1 if key in COUNTED else None


# The questions' steps ask exactly the questions "done" counts, in the same
# order (tests/questionnaire/test_flow_routes.py holds them to it).
first_open = decision.first_open


def blocked_by(answers: dict[str, str], key: str) -> str | None:
    """The step to go to instead of ``key``, when ``key`` cannot be shown yet."""
    open_key = first_open(answers)
    step = BY_KEY[key]
    if step.kind == QUESTION:
        if open_key is not None and QUESTION_KEYS.index(key) > QUESTION_KEYS.index(open_key):
            return open_key
        return None
    if step.kind == ADVICE:
        return URGENCY.key if answers.get(URGENCY.key) not in ANSWER_VALUES else None
    if step.kind in (CHECK, RESULT):
        return open_key
    if step.kind == READY:
        missing = any(answers.get(k) not in ANSWER_VALUES for k in decision.SURE_KEYS)
        return SURE_STEP.key if missing else None
    return None  # values and sure can be filled at any time


FOLLOWS: dict[str, str] = {
    CHECK_STEP.key: RESULT_STEP.key,
    RESULT_STEP.key: VALUES_STEP.key,
    VALUES_STEP.key: SURE_STEP.key,
    SURE_STEP.key: READY_STEP.key,
}


def _following_question(key: str) -> str | None:
    """The question after ``key`` in order (the advice page sits after urgency)."""
    if key == URGENCY_ADVICE.key:
        return situations.KEYS[0]
    index = QUESTION_KEYS.index(key) + 1
    return QUESTION_KEYS[index] if index < len(QUESTION_KEYS) else None


def next_step(answers: dict[str, str], key: str, change: bool = False) -> str:
    """Where step ``key`` leads, given the answers saved so far (its own included).

    ``change`` is set when the patient came from "check your answers": they go
    back there, unless an answer is missing (say, "Start again" in another
    tab), and then, as always, to the first question still open.
    """
    if key == URGENCY.key and decision.urgent(answers):
        return URGENCY_ADVICE.key
    if key in FOLLOWS:
        return FOLLOWS[key]
    following = None if change else _following_question(key)
    if following is None:
        return resume(answers)
    return blocked_by(answers, following) or following


def previous_step(answers: dict[str, str], key: str, change: bool = False) -> str | None:
    """The "Back" link's step; None on the first step (Back goes to the start page)."""
    if change:
        return CHECK_STEP.key
    if key == situations.KEYS[0]:
        return URGENCY_ADVICE.key if decision.urgent(answers) else URGENCY.key
    previous = {
        URGENCY_ADVICE.key: URGENCY.key,
        VALUES_STEP.key: RESULT_STEP.key,
        SURE_STEP.key: VALUES_STEP.key,
        READY_STEP.key: SURE_STEP.key,
        CHECK_STEP.key: situations.KEYS[-1],
        RESULT_STEP.key: CHECK_STEP.key,
    }
    if key in previous:
        return previous[key]
    if key in situations.KEYS:
        return QUESTION_KEYS[QUESTION_KEYS.index(key) - 1]
    return None


def resume(answers: dict[str, str]) -> str:
    """Where a returning patient carries on: the first open question, else the check page."""
    return first_open(answers) or CHECK_STEP.key
