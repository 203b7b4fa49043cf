"""Turn questionnaire answers into an Assessment that explains itself.

A pure function: no request, no database. Each Yes adds the situation's
weight; Not sure adds half of it (it may apply) and becomes a question to
ask the care team. The band describes how many of the listed reasons may
apply. No band ever says a second opinion is unnecessary: the source article
says most patients would benefit, so the lowest band explains how one helps.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from checklists.situations import NO, SITUATIONS, UNSURE, YES, Situation

UNSURE_SHARE = 0.5


@dataclass(frozen=True)
class Band:
    key: str
    minimum: float
    title: str
    summary: str


# Highest first; a score belongs to the first band whose minimum it reaches.
BANDS: tuple[Band, ...] = (
    Band(
        key="several",
        minimum=8,
        title=_("Several reasons for a second opinion may apply to you"),
        summary=_(
            "Your answers match several situations in which a second opinion often helps. "
            "The reasons are listed below, with what you can do about each one."
        ),
    ),
    Band(
        key="some",
        minimum=3,
        title=_("Some reasons for a second opinion may apply to you"),
        summary=_(
            "Your answers match some situations in which a second opinion often helps. "
            "The reasons are listed below, with what you can do about each one."
        ),
    ),
    Band(
        key="few",
        minimum=0,
        title=_("A second opinion can still help you"),
        summary=_(
            "Your answers did not match many of the listed situations. That does not mean a "
            "second opinion would not help. Most people with cancer gain from one: it can "
            "confirm your diagnosis and plan, or show you other choices. Asking for one is a "
            "normal part of cancer care, and a good doctor will not be offended."
        ),
    ),
)

MAXIMUM = float(sum(s.weight for s in SITUATIONS))


@dataclass(frozen=True)
class Assessment:
    band: Band
    score: float
    maximum: float
    reasons: tuple[Situation, ...]
    unsure: tuple[Situation, ...]
    answered: int

    @property
    def complete(self) -> bool:
        return self.answered == len(SITUATIONS)


def band_for(score: float) -> Band:
    for band in BANDS:
        if score >= band.minimum:
            return band
    return BANDS[-1]


def points(situation: Situation, value: str) -> float:
    """What one answer adds to the score."""
    if value == YES:
        return float(situation.weight)
    if value == UNSURE:
        return situation.weight * UNSURE_SHARE
    return 0.0


def assess(answers: Mapping[str, str]) -> Assessment:
    """Score the answers (situation key to yes/no/unsure; others ignored)."""
    score = 0.0
    reasons: list[Situation] = []
    unsure: list[Situation] = []
    answered = 0
    for situation in SITUATIONS:
        value = answers.get(situation.key)
        score += points(situation, value) if value else 0.0
        if value == YES:
            reasons.append(situation)
        elif value == UNSURE:
            unsure.append(situation)
        if value in (YES, NO, UNSURE):
            answered += 1
    # Strongest reasons first; ties keep the questionnaire's order.
    reasons.sort(key=lambda s: -s.weight)
    unsure.sort(key=lambda s: -s.weight)
    return Assessment(
        band=band_for(score),
        score=score,
        maximum=MAXIMUM,
        reasons=tuple(reasons),
        unsure=tuple(unsure),
        answered=answered,
    )
