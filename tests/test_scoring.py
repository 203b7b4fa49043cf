"""Scoring the questionnaire: pure functions, every branch, no HTTP."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checklists import scoring
from checklists.situations import BY_KEY, KEYS, NO, SITUATIONS, UNSURE, YES, first_unanswered

ALL_NO = dict.fromkeys(KEYS, NO)
answers_strategy = st.fixed_dictionaries({key: st.sampled_from([YES, NO, UNSURE]) for key in KEYS})


def with_answers(**changes: str) -> dict[str, str]:
    answers = dict(ALL_NO)
    answers.update({key.replace("_", "-"): value for key, value in changes.items()})
    return answers


def test_nine_situations_with_weights_from_one_to_three() -> None:
    assert len(SITUATIONS) == 9
    assert {s.weight for s in SITUATIONS} <= {1, 2, 3}
    assert scoring.MAXIMUM == sum(s.weight for s in SITUATIONS) == 21


@pytest.mark.parametrize(
    ("answers", "score", "band"),
    [
        (ALL_NO, 0, "few"),
        # 2.5 points: just under "some".
        (with_answers(sub_specialist=YES, rare_cancer=UNSURE), 2.5, "few"),
        # 3 points: the lowest "some".
        (with_answers(rare_cancer=YES), 3, "some"),
        # 7.5 points: the highest "some".
        (with_answers(rare_cancer=YES, few_options=YES, unclear_diagnosis=UNSURE), 7.5, "some"),
        # 8 points: the lowest "several".
        (with_answers(rare_cancer=YES, few_options=YES, surgery_first=YES), 8, "several"),
        (dict.fromkeys(KEYS, YES), 21, "several"),
    ],
)
def test_band_boundaries(answers: dict[str, str], score: float, band: str) -> None:
    assessment = scoring.assess(answers)
    assert assessment.score == score
    assert assessment.band.key == band


def test_not_sure_counts_half_and_becomes_a_question_to_ask() -> None:
    assessment = scoring.assess(with_answers(rare_cancer=UNSURE))
    assert assessment.score == 1.5
    assert assessment.unsure == (BY_KEY["rare-cancer"],)
    assert assessment.reasons == ()
    assert "Ask your care team" in str(assessment.unsure[0].ask)


def test_reasons_are_ordered_by_weight() -> None:
    assessment = scoring.assess(
        with_answers(sub_specialist=YES, surgery_first=YES, rare_cancer=YES)
    )
    assert [s.key for s in assessment.reasons] == ["rare-cancer", "surgery-first", "sub-specialist"]


def test_unknown_keys_and_values_are_ignored() -> None:
    assessment = scoring.assess({**ALL_NO, "made-up": YES, "rare-cancer": "maybe"})
    assert assessment.score == 0
    assert assessment.answered == 8
    assert not assessment.complete


def test_lowest_band_still_explains_how_a_second_opinion_helps() -> None:
    summary = str(scoring.BANDS[-1].summary).lower()
    assert "help" in summary
    assert "normal part of cancer care" in summary
    assert "not be offended" in summary


def test_no_wording_is_directive_or_dismissive() -> None:
    texts = [str(b.title) + " " + str(b.summary) for b in scoring.BANDS]
    for s in SITUATIONS:
        texts += [str(s.question), str(s.help), str(s.why), str(s.label), str(s.action), str(s.ask)]
    forbidden = re.compile(
        r"you should|you must|unnecessary|do not need a second|don't need a second|no need for",
        re.IGNORECASE,
    )
    for text in texts:
        assert not forbidden.search(text), text


def test_first_unanswered_replays_answers_in_order() -> None:
    assert first_unanswered({}) is SITUATIONS[0]
    assert first_unanswered({KEYS[0]: YES, KEYS[2]: NO}) is SITUATIONS[1]
    assert first_unanswered(dict(ALL_NO)) is None


@given(answers_strategy, st.sampled_from(KEYS))
def test_turning_a_no_into_a_yes_never_lowers_the_score(answers: dict[str, str], key: str) -> None:
    before = scoring.assess({**answers, key: NO})
    after = scoring.assess({**answers, key: YES})
    assert after.score >= before.score
    assert scoring.BANDS.index(after.band) <= scoring.BANDS.index(before.band)


@given(answers_strategy, st.randoms())
def test_answer_order_never_matters(answers: dict[str, str], random) -> None:
    items = list(answers.items())
    random.shuffle(items)
    assert scoring.assess(dict(items)) == scoring.assess(answers)


@given(answers_strategy)
def test_every_combination_has_a_band_and_lists_every_yes(answers: dict[str, str]) -> None:
    assessment = scoring.assess(answers)
    assert assessment.band in scoring.BANDS
    assert 0 <= assessment.score <= assessment.maximum
    yes_keys = {key for key, value in answers.items() if value == YES}
    assert {s.key for s in assessment.reasons} == yes_keys
    unsure_keys = {key for key, value in answers.items() if value == UNSURE}
    assert {s.key for s in assessment.unsure} == unsure_keys
    assert assessment.complete


def test_not_sure_is_worth_half_as_the_result_page_says() -> None:
    assert scoring.UNSURE_SHARE == 0.5
