"""Turn questionnaire answers into an Assessment that explains itself.

A pure function: no request, no database. Only an answer that points to a
reason counts (a "Yes", or a "No" where the question asks whether something
was done: situations.Situation.reason_answer): it adds the situation's
weight and becomes a reason. A "Not sure" adds nothing and becomes a
question to ask the care team, so a result never claims more than the
answers say. The band says what was found:

- strong: at least one reason of weight 3;
- several: reasons worth 4 points or more, none of weight 3;
- some: reasons worth 1 to 3 points;
- none: no reason. Its title says none of the listed reasons was confirmed,
  never that a second opinion is unnecessary.

No study ranks these situations, so no sentence claims that a second opinion
helps more in one than another; the weights are called our judgment
(JUDGMENT) on the result itself. The points are never shown out of a
maximum, which would read as a percentage score.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from questionnaire.situations import ANSWER_VALUES, SITUATIONS, UNSURE, Situation

STRONG_WEIGHT = 3
SEVERAL_POINTS = 4


@dataclass(frozen=True)
class Band:
    key: str
    rule: str
    title_one: str
    title_many: str
    mine_one: str
    mine_many: str
    summary: str

    def title(self, reasons: int, mine: bool = False) -> str:
        """The title for this many reasons; ``mine`` in the first person, for the PDF."""
        if mine:
            return str(self.mine_one if reasons <= 1 else self.mine_many)
        return str(self.title_one if reasons <= 1 else self.title_many)


# Highest first; the result takes the first band whose rule the answers meet.
BANDS: tuple[Band, ...] = (
    Band(
        key="strong",
        rule=_("At least one reason of weight 3"),
        title_one=_("Your answers show a strong reason to get a second opinion"),
        title_many=_("Your answers show strong reasons to get a second opinion"),
        mine_one=_("My answers show a strong reason to get a second opinion"),
        mine_many=_("My answers show strong reasons to get a second opinion"),
        summary=_(
            "At least one of your answers is a situation we weigh most, because doubts about "
            "the diagnosis or the choices affect every later step."
        ),
    ),
    Band(
        key="several",
        rule=_("Reasons worth 4 points or more, none of weight 3"),
        title_one=_("Your answers show several reasons to get a second opinion"),
        title_many=_("Your answers show several reasons to get a second opinion"),
        mine_one=_("My answers show several reasons to get a second opinion"),
        mine_many=_("My answers show several reasons to get a second opinion"),
        summary=_("Your answers match several situations in which a second opinion may help."),
    ),
    Band(
        key="some",
        rule=_("Reasons worth 1 to 3 points"),
        title_one=_("Your answers show a reason to get a second opinion"),
        title_many=_("Your answers show some reasons to get a second opinion"),
        mine_one=_("My answers show a reason to get a second opinion"),
        mine_many=_("My answers show some reasons to get a second opinion"),
        summary=_("Your answers match at least one situation in which a second opinion may help."),
    ),
    Band(
        key="none",
        rule=_("No reasons"),
        title_one=_("None of the listed reasons was confirmed by your answers"),
        title_many=_("None of the listed reasons was confirmed by your answers"),
        mine_one=_("None of the listed reasons was confirmed by my answers"),
        mine_many=_("None of the listed reasons was confirmed by my answers"),
        summary=_(
            "That does not mean a second opinion would not help you. It can still confirm "
            "your diagnosis and plan, or show you other choices. Asking for one is a routine "
            "part of cancer care, and a good doctor will not be offended."
        ),
    ),
)
BANDS_BY_KEY = {band.key: band for band in BANDS}
# Shown with every result that lists a reason, not only in "How this result was worked out".
JUDGMENT = _(
    "We weigh some reasons more than others. That is our own judgment. No study has ranked "
    "these situations."
)
JUDGMENT_MINE = _(
    "The site weighs some reasons more than others. That is its own judgment. No study has "
    "ranked these situations."
)

MAXIMUM = sum(s.weight for s in SITUATIONS)


@dataclass(frozen=True)
class Assessment:
    band: Band
    score: int
    maximum: int
    reasons: tuple[Situation, ...]
    unsure: tuple[Situation, ...]
    answered: int

    @property
    def _title_count(self) -> int:
        # "strong reasons" only when more than one reason is strong.
        return len(self.strong_reasons) if self.band.key == "strong" else len(self.reasons)

    @property
    def title(self) -> str:
        return self.band.title(self._title_count)

    @property
    def title_mine(self) -> str:
        return self.band.title(self._title_count, mine=True)

    @property
    def judgment(self) -> str:
        """That the weights are ours: shown whenever a reason is listed."""
        return str(JUDGMENT) if self.reasons else ""

    @property
    def judgment_mine(self) -> str:
        return str(JUDGMENT_MINE) if self.reasons else ""

    @property
    def strong_reasons(self) -> tuple[Situation, ...]:
        return tuple(s for s in self.reasons if s.weight == STRONG_WEIGHT)

    @property
    def reasons_note(self) -> str:
        """One sentence pointing at the listed reasons, only when there are some."""
        count = len(self.reasons)
        if not count:
            return ""
        return ngettext(
            "The reason is listed below, with what you can do about it.",
            "The %(count)d reasons are listed below, the ones we weigh most first, with what "
            "you can do about each.",
            count,
        ) % {"count": count}

    @property
    def unsure_note(self) -> str:
        """One sentence pointing at the questions to ask, only when there are some."""
        count = len(self.unsure)
        if not count:
            return ""
        return ngettext(
            "You answered Not sure to %(count)d question. It is listed below as something "
            "to ask your care team, and it did not change this result.",
            "You answered Not sure to %(count)d questions. They are listed below as things "
            "to ask your care team, and they did not change this result.",
            count,
        ) % {"count": count}


def band_for(reasons: tuple[Situation, ...]) -> Band:
    """The band the Yes answers (``reasons``) reach."""
    if any(s.weight == STRONG_WEIGHT for s in reasons):
        return BANDS_BY_KEY["strong"]
    points = sum(s.weight for s in reasons)
    if points >= SEVERAL_POINTS:
        return BANDS_BY_KEY["several"]
    if points > 0:
        return BANDS_BY_KEY["some"]
    return BANDS_BY_KEY["none"]


def gives_reason(situation: Situation, value: str | None) -> bool:
    """Whether this answer means the situation's reason applies."""
    return value == situation.reason_answer


def points(situation: Situation, value: str | None) -> int:
    """What one answer adds up to: the weight when it gives the reason, nothing otherwise."""
    return situation.weight if gives_reason(situation, value) else 0


def assess(answers: Mapping[str, str]) -> Assessment:
    """Score the answers (situation key to yes/no/unsure; others ignored)."""
    reasons = [s for s in SITUATIONS if gives_reason(s, answers.get(s.key))]
    # Not sure answers keep the questionnaire's order: they add nothing, so
    # nothing ranks them, and "is my diagnosis clear to me?" comes first.
    unsure = [s for s in SITUATIONS if answers.get(s.key) == UNSURE]
    # The ones we weigh most first; ties keep the questionnaire's order (sort is stable).
    reasons.sort(key=lambda s: -s.weight)
    return Assessment(
        band=band_for(tuple(reasons)),
        score=sum(s.weight for s in reasons),
        maximum=MAXIMUM,
        reasons=tuple(reasons),
        unsure=tuple(unsure),
        answered=sum(1 for s in SITUATIONS if answers.get(s.key) in ANSWER_VALUES),
    )
