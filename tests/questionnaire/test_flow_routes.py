"""Every path through the declared flow, without HTTP: the next step for each response.

As smart-answers' flow tests do: given the answers so far, answering a step
leads to exactly one next step.
"""

import itertools

import pytest

from questionnaire import decision, flow
from questionnaire.situations import KEYS, NO, UNSURE, YES

FIRST, LAST = KEYS[0], KEYS[-1]
ALL_ANSWERED = dict.fromkeys(KEYS, NO)
SURE_ALL = {
    "sure-sure": YES,
    "sure-understand": YES,
    "sure-risk-benefit": NO,
    "sure-encouragement": YES,
}


def test_one_declaration_lists_every_step_in_order() -> None:
    assert [s.key for s in flow.STEPS] == [
        "urgency",
        "urgency-advice",
        *KEYS,
        "check",
        "result",
        "values",
        "sure",
        "ready",
    ]
    assert ("urgency", *KEYS) == flow.QUESTION_KEYS
    assert flow.TOTAL_STEPS == 15


def test_step_numbers_count_only_the_pages_that_ask_something() -> None:
    assert flow.number("urgency") == 1
    assert flow.number(FIRST) == 2
    assert flow.number(LAST) == 13
    assert flow.number("values") == 14
    assert flow.number("sure") == 15
    assert flow.number("check") is flow.number("result") is flow.number("ready") is None


@pytest.mark.parametrize("value", [YES, UNSURE])
def test_urgent_answer_leads_to_the_advice_first(value: str) -> None:
    assert flow.next_step({"urgency": value}, "urgency") == "urgency-advice"


def test_not_urgent_leads_to_the_first_situation() -> None:
    assert flow.next_step({"urgency": NO}, "urgency") == FIRST


def test_advice_continues_to_the_first_situation() -> None:
    assert flow.next_step({"urgency": YES}, "urgency-advice") == FIRST


@pytest.mark.parametrize("index", range(len(KEYS) - 1))
def test_each_situation_leads_to_the_next(index: int) -> None:
    answers = {"urgency": NO, **dict.fromkeys(KEYS[: index + 1], YES)}
    assert flow.next_step(answers, KEYS[index]) == KEYS[index + 1]


def test_the_last_situation_leads_to_check() -> None:
    assert flow.next_step({"urgency": NO, **ALL_ANSWERED}, LAST) == "check"


def test_then_result_values_sure_ready() -> None:
    answers = {"urgency": NO, **ALL_ANSWERED}
    assert flow.next_step(answers, "check") == "result"
    assert flow.next_step(answers, "result") == "values"
    assert flow.next_step(answers, "values") == "sure"
    assert flow.next_step(answers, "sure") == "ready"


def test_a_change_goes_back_to_check() -> None:
    assert flow.next_step({"urgency": NO, **ALL_ANSWERED}, KEYS[3], change=True) == "check"


def test_changing_urgency_to_urgent_shows_the_advice_before_check() -> None:
    answers = {"urgency": YES, **ALL_ANSWERED}
    assert flow.next_step(answers, "urgency", change=True) == "urgency-advice"
    assert flow.next_step(answers, "urgency-advice", change=True) == "check"


def test_a_change_after_start_again_elsewhere_goes_to_the_first_gap() -> None:
    answers = {"urgency": NO, FIRST: YES}
    assert flow.next_step(answers, FIRST, change=True) == KEYS[1]


def test_answering_an_earlier_question_never_skips_an_open_one() -> None:
    # Answers 1-3 exist; going back to 1 leads to 2, not past the open 4th.
    answers = {"urgency": NO, **dict.fromkeys(KEYS[:3], NO)}
    assert flow.next_step(answers, FIRST) == KEYS[1]
    # With 2 missing (cleared elsewhere), answering 1 leads to 2.
    assert flow.next_step({"urgency": NO, FIRST: NO, KEYS[2]: NO}, FIRST) == KEYS[1]


def test_no_skipping_ahead() -> None:
    answers = {"urgency": NO, FIRST: NO}
    assert flow.blocked_by(answers, KEYS[5]) == KEYS[1]
    assert flow.blocked_by(answers, KEYS[1]) is None
    assert flow.blocked_by(answers, FIRST) is None
    assert flow.blocked_by({}, FIRST) == "urgency"
    assert flow.blocked_by({}, "urgency") is None


def test_check_and_result_wait_for_all_ten() -> None:
    assert flow.blocked_by({"urgency": NO}, "check") == FIRST
    assert flow.blocked_by({**ALL_ANSWERED}, "result") == "urgency"
    assert flow.blocked_by({"urgency": NO, **ALL_ANSWERED}, "result") is None


def test_the_flow_and_the_packet_agree_on_when_the_questionnaire_is_done() -> None:
    """The packet's "your answers" task and the flow's check step use one rule."""
    for answered in itertools.product([None, YES, "bogus"], repeat=len(flow.QUESTION_KEYS)):
        answers = {k: v for k, v in zip(flow.QUESTION_KEYS, answered, strict=True) if v}
        done = decision.questionnaire_complete(answers)
        assert done == (flow.first_open(answers) is None)
        assert done == (flow.blocked_by(answers, "check") is None)


def test_advice_waits_for_the_urgency_answer() -> None:
    assert flow.blocked_by({}, "urgency-advice") == "urgency"
    assert flow.blocked_by({"urgency": NO}, "urgency-advice") is None


def test_ready_waits_for_the_four_sure_answers() -> None:
    assert flow.blocked_by({"sure-sure": YES}, "ready") == "sure"
    assert flow.blocked_by(SURE_ALL, "ready") is None


def test_values_and_sure_are_open_at_any_time() -> None:
    assert flow.blocked_by({}, "values") is None
    assert flow.blocked_by({}, "sure") is None


def test_back_links_follow_the_path_taken() -> None:
    assert flow.previous_step({"urgency": NO}, FIRST) == "urgency"
    assert flow.previous_step({"urgency": YES}, FIRST) == "urgency-advice"
    assert flow.previous_step({}, KEYS[4]) == KEYS[3]
    assert flow.previous_step({}, "urgency") is None
    assert flow.previous_step({}, "sure") == "values"
    assert flow.previous_step({}, KEYS[4], change=True) == "check"


def test_a_returning_patient_resumes_at_the_first_open_question() -> None:
    assert flow.resume({}) == "urgency"
    assert flow.resume({"urgency": NO, FIRST: NO}) == KEYS[1]
    assert flow.resume({"urgency": NO, **ALL_ANSWERED}) == "check"


def test_every_step_has_a_template_and_every_answer_step_a_form() -> None:
    for step in flow.STEPS:
        assert step.template.startswith("questionnaire/")
        assert (step.form is not None) == (step.kind in (flow.QUESTION, flow.VALUES, flow.SURE))


def test_the_flow_asks_exactly_the_questions_done_counts_in_order() -> None:
    assert flow.QUESTION_KEYS == decision.QUESTION_KEYS
