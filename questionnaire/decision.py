"""Decision support to the IPDAS standard, declared as data.

The decision: get a second opinion before treatment starts, or go ahead
with the current plan; when treatment may need to start right away, a
third choice comes first: start now and get the second opinion alongside
treatment or after its first phase. Around the situations sit an urgency check
(first), a values step (what matters most) and the SURE test (after), each
stored as rows on the packet and carried into the PDF.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from questionnaire import situations
from questionnaire.situations import ANSWER_VALUES, NO, UNSURE, YES

# --- The decision and its options, presented side by side -----------------


@dataclass(frozen=True)
class Option:
    key: str
    title: str
    what: str
    benefits: tuple[str, ...]
    downsides: tuple[str, ...]
    # Shown on the option when treatment may need to start right away.
    urgent_caveat: str = ""
    # Shown on the option on every other path: a "No" to the urgency question
    # is no promise that waiting is safe.
    caveat: str = ""


BEFORE = Option(
    key="before",
    title=_("Get a second opinion before treatment starts"),
    what=_(
        "Another cancer doctor or team reviews your records, and maybe meets you, before you begin."
    ),
    benefits=(
        _("Peace of mind if the new team agrees with your diagnosis and plan."),
        _("You may hear about other treatment choices, or [[clinical trials|clinical-trial]]."),
        _("You may find a doctor you trust and feel at ease with."),
        _("A second check of your [[pathology]] and scans."),
    ),
    downsides=(
        _("It can mean travel, and time off work or away from home."),
        _("Your insurance may not pay for all of it."),
        _("Gathering records and waiting for a visit usually adds some time."),
        _("Hearing different advice can be stressful, and you may need to choose."),
    ),
    urgent_caveat=_(
        "Only if your care team says it is safe to wait. If they say treatment cannot wait, "
        "this is not a safe choice."
    ),
    caveat=_("First ask your care team whether waiting a few weeks is safe for you."),
)
ALONGSIDE = Option(
    key="alongside",
    title=_("Start treatment now, and get a second opinion alongside it or after the first phase"),
    what=_(
        "You begin the treatment your care team says cannot wait. Another team reviews your "
        "records while you are treated, or after the first part of treatment."
    ),
    benefits=(
        _("Treatment starts without delay."),
        _("You still get a second look at your diagnosis and the rest of your plan."),
        _("Later steps of treatment can still change if the new team suggests it."),
    ),
    downsides=(
        _("The first part of treatment is chosen before the second opinion."),
        _("It can be hard to find time and energy for it during treatment."),
        _("Your insurance may not pay for all of it."),
    ),
)
GO_AHEAD = Option(
    key="go-ahead",
    title=_("Go ahead with the current plan"),
    what=_("You start the treatment your first doctor suggested."),
    benefits=(
        _("Treatment can start as soon as it is planned."),
        _("No extra trips, forms or costs for another visit."),
        _("You stay with a team you already know."),
        _("Fewer decisions to make at a hard time."),
    ),
    downsides=(
        _("You will not know whether another expert would agree."),
        _("You may not hear about other choices, such as clinical trials."),
        _("Some choices, like surgery, are hard to change later."),
        _("Doubts about your plan may stay with you."),
    ),
)
OPTIONS = (BEFORE, GO_AHEAD)
URGENT_OPTIONS = (ALONGSIDE, BEFORE, GO_AHEAD)


def options_for(urgent: bool) -> tuple[Option, ...]:
    """The choices to show side by side: the urgent path puts "start now" first."""
    return URGENT_OPTIONS if urgent else OPTIONS


EVIDENCE_NOTE = _(
    "Studies do not agree on how often a second opinion changes things. It depends a lot on "
    "the type of cancer. One review looked at 13 studies (Ruetters and others, 2016). In 12 "
    "to 69 out of 100 cases, the second opinion changed the diagnosis, the advice or the "
    "outlook. In 43 to 82 out of 100, it agreed with the first. Another review of 25 studies "
    "found a difference in 2 to 51 out of 100 (Hillen and others, 2017). These ranges are "
    "wide. No one can tell ahead of time what a second opinion will show for you."
)


@dataclass(frozen=True)
class IconArray:
    """An "x to y out of 100" range as 100 squares: filled for the low end (a
    change even in the study with the fewest), half filled up to the high end
    (a change in some studies), empty for the rest. Drawn with HTML and CSS
    borders, so it prints with background graphics off; the legend and the
    summary say the same in words."""

    low: int
    high: int
    title: str
    summary: str
    total: int = 100

    @property
    def cells(self) -> list[str]:
        return (
            ["changed"] * self.low
            + ["some"] * (self.high - self.low)
            + ["same"] * (self.total - self.high)
        )

    @property
    def numbers(self) -> dict[str, int]:
        return {"low": self.low, "high": self.high, "total": self.total}

    @property
    def heading(self) -> str:
        return str(self.title) % self.numbers

    @property
    def text(self) -> str:
        return str(self.summary) % self.numbers

    @property
    def legend(self) -> list[tuple[str, str]]:
        counts = {
            "changed": self.low,
            "some": self.high - self.low,
            "same": self.total - self.high,
        }
        return [(kind, str(ICON_LEGEND[kind]) % {"count": counts[kind]}) for kind in counts]


ICON_LEGEND = {
    "changed": _("%(count)d filled squares: a change, even in the study with the fewest changes."),
    "some": _("%(count)d half-filled squares: a change in some studies, but not in others."),
    "same": _("%(count)d empty squares: no change, even in the study with the most changes."),
}
# The figure for EVIDENCE_NOTE's first range (Ruetters 2016).
EVIDENCE_FIGURE = IconArray(
    12,
    69,
    _("What %(low)d to %(high)d out of %(total)d looks like"),
    _(
        "In these studies, the second opinion changed things in %(low)d to %(high)d out of "
        "every %(total)d cases. Each square stands for one case. Source: Ruetters and "
        "others, 2016."
    ),
)

# --- The counterpart to the reasons ---------------------------------------------
# Situations where a second opinion more often agrees with the first, shown
# beside the reasons on every result, whatever was answered: it is never
# matched to the answers, so it is never a verdict, and it hides no reason.
LESS_LIKELY_TITLE = _("When a second opinion is less likely to change much")
LESS_LIKELY_INTRO = _(
    "In some cases, a second opinion more often agrees with the first. Even then, it can "
    "confirm the plan and give peace of mind, or show another choice. This is a general "
    "list, not a judgment about your case."
)
LESS_LIKELY: tuple[str, ...] = (
    _("A common type of cancer, found at an early [[stage]]."),
    _(
        "A plan made by a [[tumor board]] at a large [[cancer center|cancer-center]] that "
        "treats many people with this cancer."
    ),
    _(
        "A plan that follows national guidelines, such as those of the National "
        "Comprehensive Cancer Network."
    ),
    _("Doctors who are sure of the type and stage of the cancer."),
)
LESS_LIKELY_CLOSING = _(
    "No one can tell ahead of time what a second opinion will show. Every reason your "
    "answers show still stands, and the choice is yours."
)
LESS_LIKELY_MINE = _(
    "This is a general list, not a judgment about my case. Every reason above still "
    "stands, and the choice is mine."
)
# Keys of guides/content/sources.toml that the /sources/ page lists, with the name shown.
LESS_LIKELY_SOURCES: tuple[tuple[str, str], ...] = (
    ("ruetters-2016", _("Ruetters and others, 2016")),
    ("nci-rare-cancers", _("National Cancer Institute")),
    ("nccn-patients", _("NCCN Guidelines for Patients")),
)
LESS_LIKELY_JUDGMENT = _(
    "This list is our own reading of these sources. How often a second opinion changes "
    "things depends a lot on the type of cancer. Changes are more common in rare cancers."
)

ARTICLE_VIEW = _(
    "The two doctors who wrote the article this site is based on think most people with "
    "cancer would gain from a second opinion. That is their view; the studies above show "
    "how much results vary."
)

# --- Urgency, asked before the situations -----------------------------------

URGENCY_KEY = "urgency"
URGENCY_QUESTION = _("Has your care team said your treatment must start right away?")
URGENCY_HELP = _(
    "If no one on your care team has told you, choose Not sure. Choose Yes if they said that "
    "waiting even a few weeks is not safe."
)
# The urgency question's own answers, each saying what it means: "No" is what
# the care team said, and a patient no one has told chooses Not sure (the
# urgent path). The stored values stay the situations' (yes / no /
# unsure). A "No" saved before the labels said so may still mean "no one has
# said", one more reason the safety lines (below) show on every path.
URGENCY_CHOICES = [
    (YES, _("Yes, it must start right away")),
    (NO, _("No, they said waiting a few weeks is safe")),
    (UNSURE, _("Not sure, or no one has told me")),
]
URGENCY_WHY = _(
    "Few cancers are so fast that waiting a few weeks for a second opinion is unsafe, but "
    "some are (National Comprehensive Cancer Network, American Cancer Society). If yours is "
    "one, we show you first how to move quickly."
)


@dataclass(frozen=True)
class Prompt:
    """A question shown on its own page, as the situations are."""

    key: str
    question: str
    help: str
    why: str
    guide_slug: str


URGENCY_PROMPT = Prompt(URGENCY_KEY, URGENCY_QUESTION, URGENCY_HELP, URGENCY_WHY, "weighing-it-up")
URGENCY_TITLE = {
    YES: _("Your care team said treatment must start right away"),
    UNSURE: _("You were not sure whether your treatment must start right away"),
}
URGENCY_TITLE_MINE = {
    YES: _("My care team said my treatment must start right away"),
    UNSURE: _("I am not sure whether my treatment must start right away"),
}
URGENCY_LEAD = {
    YES: _(
        "Do not wait for a second opinion before you start, unless your care team says it is "
        "safe. You can still get one alongside treatment, or after its first phase."
    ),
    UNSURE: _(
        "Ask your care team today whether it is safe to wait a few weeks. Until they say it "
        "is, do not put off treatment to get a second opinion."
    ),
}
URGENT_CANCERS = (
    _(
        "acute [[leukemias|leukemia]], above all acute promyelocytic leukemia, which is "
        "treated as soon as it is suspected"
    ),
    _("fast-growing [[lymphomas|lymphoma]], such as Burkitt lymphoma"),
    _("cancer emergencies, such as pressure on the spinal cord or a blocked airway"),
    _("many cancers in children"),
)
URGENT_CANCERS_NOTE = _(
    "Most cancers can wait a few weeks. These often cannot. The cancer emergencies are our "
    "own advice, like the signs that cannot wait."
)
# Who says what, page by page (keys of guides/content/sources.toml, the
# /sources/ page): each name says which part of the list that page backs, so
# no page is credited with a claim it does not make. The ACS second-opinion
# page says only that a few cancers need quick choices; it names none. No page
# we read backs the cancer emergencies, so none is named for them.
URGENT_CANCERS_SOURCES: tuple[tuple[str, str], ...] = (
    (
        "acs-second-opinion",
        _("American Cancer Society, on second opinions (a few cancers need quick choices)"),
    ),
    (
        "nccn-aya-patients",
        _("NCCN Guidelines for Patients, for teens and young adults (acute leukemia)"),
    ),
    (
        "nccn-aml-2013",
        _("NCCN guideline for doctors on acute myeloid leukemia (acute promyelocytic leukemia)"),
    ),
    ("merck-burkitt", _("Merck Manual (Burkitt lymphoma)")),
    (
        "acs-child-second-opinion",
        _("American Cancer Society, on second opinions for a child (children)"),
    ),
)
EMERGENCY = _(
    "Some signs cannot wait for any appointment. Call 911 or go to an emergency room now if "
    "you have trouble breathing, or new weakness or numbness in your legs. Do the same if you "
    "lose control of your bladder or bowels, or your face and neck swell."
)
# The first question to ask (is waiting safe?) is the safety lines' own, below.
URGENCY_STEPS = (
    _("Ask if your records, slides and scans can be sent ahead, so the review starts at once."),
    _("Ask if the new team can review your slides and scans without a visit."),
    _(
        "If waiting is not safe, ask whether a second opinion can happen while you start "
        "treatment, or after its first phase. It often can, at the center treating you."
    ),
)
# The urgent path's headline: the second opinion is not a reason to wait.
URGENT_HEADLINE = _("Get a second opinion alongside treatment, not before it")
URGENT_HEADLINE_MINE = _("I will get a second opinion alongside treatment, not before it")

# --- Safety lines, on every path ---------------------------------------------

SAFE_TO_WAIT = _("Ask your care team whether waiting a few weeks is safe for you.")
SAFE_TO_WAIT_MINE = _("I will ask my care team whether waiting a few weeks is safe for me.")
EMERGENCY_MINE = _(
    "Some signs cannot wait for any appointment. I will call 911 or go to an emergency room "
    "now if I have trouble breathing, or new weakness or numbness in my legs. I will do the "
    "same if I lose control of my bladder or bowels, or my face and neck swell."
)


@dataclass(frozen=True)
class Safety:
    """What every result, packet page and PDF says about waiting, whatever the urgency
    answer: an answer can be wrong or out of date, so no path goes without it."""

    safe_to_wait: str
    emergency: str
    cancers: tuple[str, ...] = URGENT_CANCERS
    cancers_note: str = URGENT_CANCERS_NOTE
    cancers_sources: tuple[tuple[str, str], ...] = URGENT_CANCERS_SOURCES


SAFETY = Safety(SAFE_TO_WAIT, EMERGENCY)
# The PDF's, in the first person like the rest of it.
SAFETY_MINE = Safety(SAFE_TO_WAIT_MINE, EMERGENCY_MINE)


# Every question the result needs, in the order the questionnaire asks them.
QUESTION_KEYS: tuple[str, ...] = (URGENCY_KEY, *situations.KEYS)


def first_open(answers: dict[str, str]) -> str | None:
    """The first question, in order, still without a valid answer; None when all have one."""
    return next((key for key in QUESTION_KEYS if answers.get(key) not in ANSWER_VALUES), None)


def questionnaire_complete(answers: dict[str, str]) -> bool:
    """The one rule for "done": the urgency check and every situation have an answer.

    The flow's pages, the result, the task list and the PDF all ask this.
    """
    return first_open(answers) is None


def urgent(answers: dict[str, str]) -> str:
    """The urgency answer when it is Yes or Not sure (treatment may have to start at once),
    else "". Truthy exactly when the urgent path applies; templates word Yes and Not sure
    differently, so a Not sure is never printed as a fact."""
    value = answers.get(URGENCY_KEY, "")
    return value if value in (YES, UNSURE) else ""


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


# --- What matters most, linked back to the options -----------------------------
# Each value says which option tends to serve it, and why, in a sentence that
# reads the same on the result page and in the first-person PDF (no "you",
# no "I"). On the urgent path, "before treatment" is never the answer: the
# option that starts treatment now takes its place (``urgent_options``).

VERY_IMPORTANT = 3


@dataclass(frozen=True)
class ValueFit:
    value: str
    options: tuple[str, ...]
    why: str
    urgent_options: tuple[str, ...] = ()
    urgent_why: str = ""


VALUE_FITS: tuple[ValueFit, ...] = (
    ValueFit(
        "sure-of-diagnosis",
        ("before",),
        _("Another team can check the [[pathology]] and scans before any treatment is given."),
        ("alongside",),
        _("Treatment starts now, and another team can still check the diagnosis while it goes on."),
    ),
    ValueFit(
        "start-soon",
        ("go-ahead",),
        _("Treatment can start as soon as it is planned, with no wait for another visit."),
        ("alongside", "go-ahead"),
        _("Both start treatment now. Only the first adds a second look at the diagnosis and plan."),
    ),
    ValueFit(
        "travel-and-cost",
        ("go-ahead",),
        _(
            "There are no extra trips, forms or bills. If a second look still matters, a review "
            "of the records alone, with no visit, keeps travel low."
        ),
    ),
    ValueFit(
        "every-option",
        ("before",),
        _(
            "Another team may know of other treatments or [[clinical trials|clinical-trial]]. "
            "Some choices, like surgery, are hard to change once treatment has started."
        ),
        ("alongside",),
        _("Another team can still suggest other choices, or trials, for the later steps."),
    ),
    ValueFit(
        "trusted-doctor",
        ("before", "go-ahead"),
        _(
            "Either choice can serve this. Some people find a doctor they trust through a "
            "second opinion. Others trust the team they already have."
        ),
        ("alongside", "go-ahead"),
    ),
)
VALUE_FITS_BY_KEY = {fit.value: fit for fit in VALUE_FITS}


@dataclass(frozen=True)
class Tension:
    """Two values that pull in different directions when both are very important:
    what the conflict is, and questions to ask the care team (in the patient's
    own voice, so the page and the PDF can both print them)."""

    values: tuple[str, str]
    what: str
    asks: tuple[str, ...]


ASK_SAFE_TO_WAIT = _("Is it safe for me to wait a few weeks before I start?")
ASK_RECORDS_ONLY = _("Can another center review my slides and scans without a visit?")
TENSIONS: tuple[Tension, ...] = (
    Tension(
        ("sure-of-diagnosis", "start-soon"),
        _(
            "Being sure of the diagnosis and starting soon can pull apart. A second opinion "
            "before treatment often takes a few weeks."
        ),
        (
            ASK_SAFE_TO_WAIT,
            ASK_RECORDS_ONLY,
            _("Can I start treatment now and get a second opinion alongside it?"),
        ),
    ),
    Tension(
        ("every-option", "start-soon"),
        _(
            "Hearing about every option and starting soon can pull apart. Meeting another "
            "team takes time."
        ),
        (
            ASK_SAFE_TO_WAIT,
            _("Which parts of my plan would be hard to change once treatment starts?"),
            _("Can I start treatment now and get a second opinion before the later steps?"),
        ),
    ),
    Tension(
        ("sure-of-diagnosis", "travel-and-cost"),
        _(
            "Being sure of the diagnosis and keeping travel and cost low can pull apart. A "
            "second look may mean a trip or a bill."
        ),
        (
            ASK_RECORDS_ONLY,
            _("What will my insurance pay for a second opinion?"),
        ),
    ),
    Tension(
        ("every-option", "travel-and-cost"),
        _(
            "Hearing about every option and keeping travel and cost low can pull apart. The "
            "teams that know the most choices may be far away."
        ),
        (
            _("Can a center far away review my records without a visit?"),
            _("Is the center in my insurance network, and what will my plan pay?"),
        ),
    ),
)


@dataclass(frozen=True)
class Fit:
    """One very important value, with the options that tend to serve it and why."""

    value: Value
    options: tuple["Option", ...]
    why: str


@dataclass(frozen=True)
class Deliberation:
    """What the ratings say about the choice: each very important value's fit,
    and the pairs that pull apart. Empty when nothing is rated Very important."""

    rated: bool
    fits: tuple[Fit, ...]
    tensions: tuple[Tension, ...]


def deliberation(ratings: dict[str, int], urgent: bool) -> Deliberation:
    """Link the very important values back to the options shown (``options_for(urgent)``)."""
    by_key = {option.key: option for option in options_for(urgent)}
    very = [value for value in VALUES if ratings.get(value.key) == VERY_IMPORTANT]
    fits = []
    for value in very:
        fit = VALUE_FITS_BY_KEY[value.key]
        keys, why = fit.options, fit.why
        if urgent and fit.urgent_options:
            keys, why = fit.urgent_options, fit.urgent_why or fit.why
        fits.append(Fit(value, tuple(by_key[key] for key in keys), why))
    chosen = {value.key for value in very}
    tensions = tuple(t for t in TENSIONS if set(t.values) <= chosen)
    return Deliberation(bool(ratings), tuple(fits), tensions)


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
