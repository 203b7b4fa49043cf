"""Scoring the questionnaire: pure functions, every answer pattern, no HTTP."""

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from questionnaire import decision, scoring
from questionnaire.situations import (
    BY_KEY,
    KEYS,
    NO,
    SITUATIONS,
    UNSURE,
    WEIGHTS,
    YES,
    phrase,
)

VALUES = (YES, NO, UNSURE)
answers_strategy = st.fixed_dictionaries({key: st.sampled_from(VALUES) for key in KEYS})


def other(key: str) -> str:
    """The Yes-or-No answer that gives no reason (Yes for "has a cancer doctor looked?")."""
    return NO if BY_KEY[key].reason_answer == YES else YES


# Every question answered without giving a reason.
NO_REASON = {key: other(key) for key in KEYS}


def with_answers(**changes: str) -> dict[str, str]:
    """No reason anywhere, but ``changes``; ``YES`` there means "the reason applies"."""
    answers = dict(NO_REASON)
    for name, value in changes.items():
        key = name.replace("_", "-")
        answers[key] = BY_KEY[key].reason_answer if value == YES else value
    return answers


def every_pattern():
    """Every mix of reason / no reason / Not sure across the questions."""
    for values in itertools.product((YES, NO, UNSURE), repeat=len(KEYS)):
        yield {
            key: BY_KEY[key].reason_answer if v == YES else other(key) if v == NO else UNSURE
            for key, v in zip(KEYS, values, strict=True)
        }


def test_twelve_situations_with_weights_from_one_to_three_each_with_a_reason() -> None:
    assert len(SITUATIONS) == 12
    assert {s.kind for s in SITUATIONS} == set(WEIGHTS)
    assert {w.points for w in WEIGHTS.values()} == {1, 2, 3}
    assert all(str(w.reason) for w in WEIGHTS.values())
    assert sum(s.weight for s in SITUATIONS) == scoring.MAXIMUM
    # Only the cancer-doctor question gives its reason on a No.
    assert [s.key for s in SITUATIONS if s.reason_answer == NO] == ["cancer-doctor-seen"]


def test_every_answer_pattern_gets_a_title_that_agrees_with_its_reasons() -> None:
    """All 3^12 patterns: no upper band without a reason, no title beyond the
    answers, no sentence pointing at an empty list. (The urgency answer never
    changes the band; test_questionnaire_flow checks where its message is shown.)"""
    seen: dict[str, int] = {}
    for answers in every_pattern():
        a = scoring.assess(answers)
        yes = [BY_KEY[k] for k, v in answers.items() if v == BY_KEY[k].reason_answer]
        unsure = [k for k, v in answers.items() if v == UNSURE]
        seen[a.band.key] = seen.get(a.band.key, 0) + 1
        if not yes:
            assert a.band.key == "none", answers
            assert "None of the listed reasons was confirmed" in a.title
            assert a.reasons_note == ""
        elif any(s.weight == 3 for s in yes):
            assert a.band.key == "strong"
            strong = sum(1 for s in yes if s.weight == 3)
            assert ("strong reasons" if strong > 1 else "a strong reason") in a.title
        else:
            assert a.band.key in ("several", "some")
            assert "strong" not in a.title
            points = sum(s.weight for s in yes)
            assert a.band.key == ("several" if points >= 4 else "some")
        assert {s.key for s in a.reasons} == {s.key for s in yes}
        assert a.score == sum(s.weight for s in yes)
        # A sentence refers to a list only when the list has something in it.
        for sentence in (a.band.summary, a.reasons_note, a.unsure_note):
            if "listed below" in str(sentence) and "reason" in str(sentence):
                assert a.reasons
        assert bool(a.unsure_note) == bool(unsure)
        assert "necessary" not in a.title.lower()
    # 2^12 patterns give no reason; every pattern is counted once.
    assert seen["none"] == 2**12
    assert sum(seen.values()) == 3**12


def test_all_not_sure_confirms_nothing_and_lists_every_question_to_ask() -> None:
    a = scoring.assess(dict.fromkeys(KEYS, UNSURE))
    assert a.band.key == "none"
    assert a.reasons == ()
    assert len(a.unsure) == 12
    assert "listed below" not in str(a.band.summary)
    assert "12 questions" in a.unsure_note
    # Not sure adds nothing, so nothing ranks it: the questionnaire's order, and
    # "is my diagnosis clear to me?" comes first (review Q7).
    assert [s.key for s in a.unsure] == list(KEYS)
    assert a.unsure[0].key == "unclear-diagnosis"


def test_not_sure_never_raises_the_band() -> None:
    for key in KEYS:
        assert scoring.assess(with_answers(**{key.replace("-", "_"): UNSURE})).band.key == "none"


@pytest.mark.parametrize(
    ("answers", "band", "title"),
    [
        (NO_REASON, "none", "None of the listed reasons was confirmed by your answers"),
        (
            with_answers(single_expert=YES),
            "some",
            "Your answers show a reason to get a second opinion",
        ),
        (with_answers(surgery_first=YES), "some", "a reason"),
        (with_answers(surgery_first=YES, single_expert=YES), "some", "some reasons"),
        (with_answers(surgery_first=YES, clinical_trial=YES), "several", "several reasons"),
        (with_answers(unclear_diagnosis=YES), "some", "Your answers show a reason to get"),
        (with_answers(unclear_diagnosis=YES, several_options=YES), "several", "several reasons"),
        (with_answers(came_back=YES), "strong", "a strong reason"),
        (with_answers(type_or_stage_unsure=YES), "strong", "a strong reason"),
        (with_answers(cancer_doctor_seen=YES), "strong", "a strong reason"),
        (
            with_answers(
                surgery_first=YES, clinical_trial=YES, small_hospital=YES, specialized_treatment=YES
            ),
            "several",
            "several reasons",
        ),
        (with_answers(rare_cancer=YES), "strong", "a strong reason"),
        (with_answers(rare_cancer=YES, surgery_first=YES), "strong", "a strong reason"),
        (with_answers(rare_cancer=YES, few_options=YES), "strong", "strong reasons"),
        (with_answers(**{k.replace("-", "_"): YES for k in KEYS}), "strong", "strong reasons"),
    ],
)
def test_bands_for_each_mix_of_weights(answers: dict, band: str, title: str) -> None:
    a = scoring.assess(answers)
    assert a.band.key == band
    assert title in a.title


def test_rare_cancer_and_no_options_together_give_the_strongest_band() -> None:
    a = scoring.assess(with_answers(rare_cancer=YES, few_options=YES))
    b = scoring.assess(
        with_answers(
            surgery_first=YES, clinical_trial=YES, small_hospital=YES, specialized_treatment=YES
        )
    )
    assert scoring.BANDS.index(a.band) < scoring.BANDS.index(b.band)


def test_reasons_are_ordered_by_weight() -> None:
    a = scoring.assess(with_answers(single_expert=YES, surgery_first=YES, rare_cancer=YES))
    assert [s.key for s in a.reasons] == ["rare-cancer", "surgery-first", "single-expert"]


def test_unknown_keys_and_values_are_ignored() -> None:
    a = scoring.assess({**NO_REASON, "made-up": YES, "rare-cancer": "maybe"})
    assert a.score == 0
    assert a.answered == 11
    assert not decision.questionnaire_complete({**NO_REASON, "rare-cancer": "maybe"})


def test_lowest_band_says_a_second_opinion_can_still_help_and_is_routine() -> None:
    summary = str(scoring.BANDS_BY_KEY["none"].summary).lower()
    assert "help" in summary
    assert "routine part of cancer care" in summary
    assert "not be offended" in summary


def test_not_sure_reads_as_an_open_question_and_yes_as_a_fact() -> None:
    assert phrase("rare-cancer", YES) == "Your cancer is rare"
    assert phrase("rare-cancer", UNSURE) == "You were not sure whether your cancer is rare"
    assert phrase("rare-cancer", UNSURE, mine=True) == "I am not sure whether my cancer is rare"
    assert phrase("rare-cancer", NO) == ""
    assert (
        phrase("cancer-doctor-seen", NO) == "No cancer doctor has looked at your diagnosis and plan"
    )
    assert phrase("cancer-doctor-seen", YES) == ""
    for s in SITUATIONS:
        assert re.search(r"not sure", str(s.unsure_label))
        assert re.search(r"not sure", str(s.mine_unsure))
        assert (
            "your" not in str(s.mine).lower().split() and "your" not in str(s.mine_unsure).lower()
        )


def test_rare_is_defined_with_its_source() -> None:
    help_text = str(BY_KEY["rare-cancer"].help)
    assert "fewer than 15 in every 100,000" in help_text
    assert "National Cancer Institute" in help_text
    assert "1 in 5" in help_text


def test_no_wording_is_directive_or_dismissive() -> None:
    texts = []
    for b in scoring.BANDS:
        texts += [str(b.title_one), str(b.title_many), str(b.mine_one), str(b.summary), str(b.rule)]
    for s in SITUATIONS:
        texts += [
            str(t) for t in (s.question, s.help, s.why, s.label, s.unsure_label, s.action, s.ask)
        ]
    forbidden = re.compile(
        r"you should|you must|unnecessary|do not need a second|don't need a second|no need for"
        r"|most people with cancer gain",
        re.IGNORECASE,
    )
    for text in texts:
        assert not forbidden.search(text), text


def test_first_open_replays_answers_in_order() -> None:
    urgency = {decision.URGENCY_KEY: NO}
    assert decision.first_open({}) == decision.URGENCY_KEY
    assert decision.first_open({**urgency, KEYS[0]: YES, KEYS[2]: NO}) == KEYS[1]
    assert decision.first_open({**urgency, **NO_REASON}) is None


@given(answers_strategy, st.sampled_from(KEYS))
def test_giving_a_reason_never_lowers_the_band(answers: dict[str, str], key: str) -> None:
    before = scoring.assess({**answers, key: other(key)})
    after = scoring.assess({**answers, key: BY_KEY[key].reason_answer})
    assert after.score >= before.score
    assert scoring.BANDS.index(after.band) <= scoring.BANDS.index(before.band)


@given(answers_strategy, st.sampled_from(KEYS))
def test_turning_a_no_reason_answer_into_not_sure_never_changes_the_band(
    answers: dict[str, str], key: str
) -> None:
    assert (
        scoring.assess({**answers, key: other(key)}).band
        == scoring.assess({**answers, key: UNSURE}).band
    )


@given(answers_strategy, st.randoms())
def test_answer_order_never_matters(answers: dict[str, str], random) -> None:
    items = list(answers.items())
    random.shuffle(items)
    assert scoring.assess(dict(items)) == scoring.assess(answers)


@given(answers_strategy)
def test_every_combination_lists_every_yes_and_every_not_sure(answers: dict[str, str]) -> None:
    a = scoring.assess(answers)
    assert 0 <= a.score <= a.maximum
    assert {s.key for s in a.reasons} == {
        k for k, v in answers.items() if v == BY_KEY[k].reason_answer
    }
    assert {s.key for s in a.unsure} == {k for k, v in answers.items() if v == UNSURE}
    assert a.answered == len(SITUATIONS)
