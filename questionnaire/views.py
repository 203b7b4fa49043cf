"""The questionnaire's pages: the start page, one view for every step, Start again.

Views parse input, call the domain (flow, situations, scoring, decision),
render. Every step is a plain form that posts and redirects; with htmx the
next step is swapped in place from the same template's "step" partial.
Where a step leads is decided by flow.next_step, never here.
"""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from core import held
from packets import access
from packets.models import Packet
from questionnaire import answers as answers_store
from questionnaire import decision, flow, scoring, situations
from questionnaire.forms import AnswerForm, SureForm, ValuesForm
from questionnaire.models import Answer


def url(key: str, change: bool = False) -> str:
    """The address of a step (``?change=1`` when it returns to the check page)."""
    address = reverse(f"questionnaire:{flow.BY_KEY[key].name}")
    return f"{address}?change=1" if change else address


def _back_url(answers: dict[str, str], key: str, change: bool) -> str:
    previous = flow.previous_step(answers, key, change)
    return url(previous) if previous else reverse("questionnaire:start")


# --- What each kind of step shows ----------------------------------------------


def _question_context(packet: Packet, answers: dict, step: flow.Step, form, change: bool) -> dict:
    prompt = situations.BY_KEY.get(step.key) or decision.URGENCY_PROMPT
    if form is None:
        form = step.form(initial={"answer": answers.get(step.key)})
    return {
        "situation": prompt,
        "form": form,
        "change": change,
        "is_urgency": step.key == decision.URGENCY_KEY,
        "action": url(step.key, change),
    }


def _advice_context(packet: Packet, answers: dict, step: flow.Step, form, change: bool) -> dict:
    value = answers.get(decision.URGENCY_KEY)
    return {
        "urgent": decision.urgent(answers),
        "urgency_title": decision.URGENCY_TITLE.get(value, ""),
        "urgency_lead": decision.URGENCY_LEAD.get(value, ""),
        "steps": decision.URGENCY_STEPS,
        "cancers": decision.URGENT_CANCERS,
        "cancers_note": decision.URGENT_CANCERS_NOTE,
        "cancers_sources": decision.URGENT_CANCERS_SOURCES,
        "continue_url": url(flow.next_step(answers, step.key, change)),
    }


def _check_context(packet: Packet, answers: dict, step: flow.Step, form, change: bool) -> dict:
    labels = dict(situations.ANSWER_CHOICES)
    # The urgency answer as the patient chose it ("No, they said waiting a few weeks is safe").
    rows = [(decision.URGENCY_PROMPT, dict(decision.URGENCY_CHOICES))]
    rows += [(s, labels) for s in situations.SITUATIONS]
    return {
        "rows": [
            {
                "question": p.question,
                "answer": choices[answers[p.key]],
                "change_url": url(p.key, change=True),
            }
            for p, choices in rows
        ]
    }


def _result_context(packet: Packet, answers: dict, step: flow.Step, form, change: bool) -> dict:
    assessment = scoring.assess(answers)
    labels = dict(situations.ANSWER_CHOICES)
    urgency = answers.get(decision.URGENCY_KEY)
    return {
        "assessment": assessment,
        "workings": [
            {
                "situation": s,
                "answer": labels[answers[s.key]],
                "points": scoring.points(s, answers[s.key]),
            }
            for s in situations.SITUATIONS
        ],
        "bands": scoring.BANDS,
        "weights": situations.WEIGHTS.values(),
        "no_is_reason": [s for s in situations.SITUATIONS if s.reason_answer != situations.YES],
        "urgent": decision.urgent(answers),
        "urgent_headline": decision.URGENT_HEADLINE,
        "urgency_title": decision.URGENCY_TITLE.get(urgency, ""),
        "urgency_lead": decision.URGENCY_LEAD.get(urgency, ""),
        "urgency_steps": decision.URGENCY_STEPS,
        "cancers": decision.URGENT_CANCERS,
        "cancers_note": decision.URGENT_CANCERS_NOTE,
        "cancers_sources": decision.URGENT_CANCERS_SOURCES,
        "deliberation": _deliberation(packet, answers),
    }


def _deliberation(packet: Packet, answers: dict) -> decision.Deliberation:
    """The patient's very important values, linked back to the options they see."""
    ratings = answers_store.ratings_of(packet)
    return decision.deliberation(ratings, bool(decision.urgent(answers)))


def _values_context(packet: Packet, answers: dict, step: flow.Step, form, change: bool) -> dict:
    if form is None:
        ratings = answers_store.ratings_of(packet)
        form = ValuesForm(initial={key: str(rating) for key, rating in ratings.items()})
    return {"form": form}


def _sure_context(packet: Packet, answers: dict, step: flow.Step, form, change: bool) -> dict:
    if form is None:
        form = SureForm(initial={k: answers[k] for k in decision.SURE_KEYS if k in answers})
    return {"form": form, "source": decision.SURE_SOURCE}


def _ready_context(packet: Packet, answers: dict, step: flow.Step, form, change: bool) -> dict:
    labels = dict(decision.SURE_CHOICES)
    return {
        "rows": [(item, labels[answers[item.key]]) for item in decision.SURE_ITEMS],
        "gaps": decision.sure_gaps(answers),
        "questionnaire_done": decision.questionnaire_complete(answers),
        "deliberation": _deliberation(packet, answers),
    }


CONTEXT: dict[str, Callable[..., dict]] = {
    flow.QUESTION: _question_context,
    flow.ADVICE: _advice_context,
    flow.CHECK: _check_context,
    flow.RESULT: _result_context,
    flow.VALUES: _values_context,
    flow.SURE: _sure_context,
    flow.READY: _ready_context,
}


# --- What each kind of step saves ----------------------------------------------


def _save_answer(packet: Packet, answers: dict, step: flow.Step, form: AnswerForm) -> None:
    value = form.cleaned_data["answer"]
    answers_store.save_answer(packet, step.key, value)
    answers[step.key] = value


def _save_values(packet: Packet, answers: dict, step: flow.Step, form: ValuesForm) -> None:
    answers_store.save_ratings(packet, form.ratings())


def _save_sure(packet: Packet, answers: dict, step: flow.Step, form: SureForm) -> None:
    answers_store.save_answers(packet, form.cleaned_data)
    answers.update(form.cleaned_data)


SAVE: dict[str, Callable[..., None]] = {
    flow.QUESTION: _save_answer,
    flow.VALUES: _save_values,
    flow.SURE: _save_sure,
}


def _render(
    request: HttpRequest,
    packet: Packet,
    answers: dict[str, str],
    step: flow.Step,
    *,
    form=None,
    change: bool = False,
    partial: bool = False,
) -> HttpResponse:
    context = {
        "section": "questionnaire",
        "step": step,
        "number": flow.number(step.key),
        "total": flow.TOTAL_STEPS,
        "back_url": _back_url(answers, step.key, change),
        **CONTEXT[step.kind](packet, answers, step, form, change),
    }
    return render(request, step.template + ("#step" if partial else ""), context)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@vary_on_headers("HX-Request")
def step(request: HttpRequest, key: str) -> HttpResponse:
    """Any step of the questionnaire: show it, or save its answer and go on."""
    current = flow.BY_KEY[key]
    if request.method == "POST" and current.form is None:
        return HttpResponseNotAllowed(["GET", "HEAD"])
    packet, answers = answers_store.packet_and_answers(request)
    if packet is None:
        if request.method == "POST":
            return access.session_ended(request)
        return redirect("questionnaire:start")
    if not packet.can_edit:
        return redirect(access.VIEW_ONLY_HOME)
    if blocker := flow.blocked_by(answers, key):
        return redirect(url(blocker))
    change = "1" in (request.GET.get("change"), request.POST.get("change"))
    form = None
    if current.form is not None and (refused := held.take(request)) is not None:
        form = current.form(refused.data)
        form.is_valid()
        change = change or refused.data.get("change") == "1"
    if request.method == "POST":
        form = current.form(request.POST)
        if not form.is_valid() and not request.htmx:
            return held.refused(request)
        if form.is_valid():
            SAVE[current.kind](packet, answers, current, form)
            target = flow.next_step(answers, key, change)
            # Only the advice page carries "change" on: its Continue returns to check.
            carry = change and target == flow.URGENCY_ADVICE.key
            if not request.htmx:
                return redirect(url(target, carry))
            response = _render(
                request, packet, answers, flow.BY_KEY[target], change=carry, partial=True
            )
            response["HX-Push-Url"] = url(target, carry)
            return response
    return _render(
        request, packet, answers, current, form=form, change=change, partial=bool(request.htmx)
    )


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def start(request: HttpRequest) -> HttpResponse:
    """The start page. Only the Start button (a POST) creates a packet."""
    if request.method == "POST":
        packet = access.start_packet(request)
        return redirect(url(flow.resume(answers_store.answers_of(packet))))
    packet, answers = answers_store.packet_and_answers(request)
    answered = sum(1 for key in flow.QUESTION_KEYS if key in answers)
    return render(
        request,
        "questionnaire/start.html",
        {
            "section": "questionnaire",
            # A browser given a look-only code: no Start or Continue it could not use.
            "view_only": packet is not None and not packet.can_edit,
            "answered": answered,
            "questions": len(flow.QUESTION_KEYS),
            "started": bool(answers),
            "resume_url": None
            if decision.questionnaire_complete(answers)
            else url(flow.resume(answers)),
            "effort": flow.effort(),
            "total": flow.TOTAL_STEPS,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@access.with_packet("questionnaire:start")
def restart(request: HttpRequest, packet: Packet) -> HttpResponse:
    """Start again: a page that says what will be cleared, then a POST that clears it."""
    if request.method != "POST":
        return render(request, "questionnaire/restart.html", {"section": "questionnaire"})
    Answer.objects.filter(packet=packet, key__in=flow.QUESTION_KEYS).delete()
    packet.touch()
    messages.info(request, _("Your answers to the questions were cleared. You can start again."))
    return redirect(url(flow.URGENCY.key))
