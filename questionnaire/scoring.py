"""Turn questionnaire answers into an Assessment that explains itself.

A pure function: no request, no database. Only a "Yes" counts: it adds the
situation's weight and becomes a reason. A "Not sure" adds nothing and
becomes a question to ask the care team, so a result never claims more than
the answers say. The band says what was found:

- strong: at least one Yes to a situation of weight 3;
- several: Yes answers worth 4 points or more, none of weight 3;
- some: Yes answers worth 1 to 3 points;
- none: no Yes. Its title says none of the listed reasons was confirmed,
  never that a second opinion is unnecessary.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from questionnaire.situations import ANSWER_VALUES, SITUATIONS, UNSURE, YES, Situation

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
        rule=_("At least one Yes to a question of weight 3"),
        title_one=_("Your answers show a strong reason to get a second opinion"),
        title_many=_("Your answers show strong reasons to get a second opinion"),
        mine_one=_("My answers show a strong reason to get a second opinion"),
        mine_many=_("My answers show strong reasons to get a second opinion"),
        summary=_(
            "At least one of your Yes answers is a situation in which a second opinion often "
            "adds the most."
        ),
    ),
    Band(
        key="several",
        rule=_("Yes answers worth 4 points or more, none of weight 3"),
        title_one=_("Your answers show several reasons to get a second opinion"),
        title_many=_("Your answers show several reasons to get a second opinion"),
        mine_one=_("My answers show several reasons to get a second opinion"),
        mine_many=_("My answers show several reasons to get a second opinion"),
        summary=_(
            "Your Yes answers match several situations in which a second opinion often helps."
        ),
    ),
    Band(
        key="some",
        rule=_("Yes answers worth 1 to 3 points"),
        title_one=_("Your answers show a reason to get a second opinion"),
        title_many=_("Your answers show some reasons to get a second opinion"),
        mine_one=_("My answers show a reason to get a second opinion"),
        mine_many=_("My answers show some reasons to get a second opinion"),
        summary=_(
            "Your Yes answers match the kind of situation in which a second opinion often helps."
        ),
    ),
    Band(
        key="none",
        rule=_("No Yes answers"),
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
            "The %(count)d reasons are listed below, strongest first, with what you can do "
            "about each.",
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


def points(situation: Situation, value: str | None) -> int:
    """What one answer adds to the score: the weight for a Yes, nothing otherwise."""
    return situation.weight if value == YES else 0


def assess(answers: Mapping[str, str]) -> Assessment:
    """Score the answers (situation key to yes/no/unsure; others ignored)."""
    reasons = [s for s in SITUATIONS if answers.get(s.key) == YES]
    unsure = [s for s in SITUATIONS if answers.get(s.key) == UNSURE]
    # Strongest first; ties keep the questionnaire's order (sort is stable).
    reasons.sort(key=lambda s: -s.weight)
    unsure.sort(key=lambda s: -s.weight)
    return Assessment(
        band=band_for(tuple(reasons)),
        score=sum(s.weight for s in reasons),
        maximum=MAXIMUM,
        reasons=tuple(reasons),
        unsure=tuple(unsure),
        answered=sum(1 for s in SITUATIONS if answers.get(s.key) in ANSWER_VALUES),
    )
