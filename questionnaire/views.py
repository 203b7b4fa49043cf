"""The questionnaire, from the urgency check to the SURE test.

Views parse input, call the domain (situations, scoring, decision), render.
Every step is a plain form that posts and redirects; with htmx the next
step is swapped in place from the same template's "step" partial.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from checklists import decision, packets, scoring, situations
from checklists.forms import AnswerForm, SureForm, ValuesForm
from checklists.models import Answer, Packet, ValueRating

URGENCY_STEP = situations.Situation(
    key=decision.URGENCY_KEY,
    question=decision.URGENCY_QUESTION,
    help=decision.URGENCY_HELP,
    why=decision.URGENCY_WHY,
    label="",
    action="",
    ask="",
    weight=0,
    guide_slug="weighing-it-up",
)


def _question_url(key: str, change: bool = False) -> str:
    if key == decision.URGENCY_KEY:
        url = reverse("questionnaire:urgency")
    else:
        url = reverse("questionnaire:question", args=[key])
    return f"{url}?change=1" if change else url


def _next_url(answers: dict[str, str]) -> str:
    """Replay the answers: the urgency check first, then the nine, then the check page."""
    if answers.get(decision.URGENCY_KEY) not in situations.ANSWER_VALUES:
        return reverse("questionnaire:urgency")
    first = situations.first_unanswered(answers)
    return _question_url(first.key) if first else reverse("questionnaire:check")


_complete = decision.questionnaire_complete


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def start(request: HttpRequest) -> HttpResponse:
    """The start page. Only the Start button (a POST) creates a packet."""
    if request.method == "POST":
        packet = packets.start_packet(request)
        return redirect(_next_url(packets.answers_of(packet)))
    packet = packets.current_packet(request)
    answers = packets.answers_of(packet) if packet else {}
    answered = sum(1 for key in situations.KEYS if key in answers)
    return render(
        request,
        "questionnaire/start.html",
        {
            "section": "questionnaire",
            "answered": answered,
            "total": len(situations.SITUATIONS),
            "started": bool(answers),
            "resume_url": None if _complete(answers) else _next_url(answers),
            "options": decision.OPTIONS,
            "evidence_note": decision.EVIDENCE_NOTE,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@vary_on_headers("HX-Request")
def urgency(request: HttpRequest) -> HttpResponse:
    """Before the nine: must treatment start right away?"""
    return _question_step(request, URGENCY_STEP)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@vary_on_headers("HX-Request")
def question(request: HttpRequest, key: str) -> HttpResponse:
    situation = situations.BY_KEY.get(key)
    if situation is None:
        raise Http404("No such question")
    return _question_step(request, situation)


def _question_step(request: HttpRequest, situation: situations.Situation) -> HttpResponse:
    packet = packets.current_packet(request)
    if packet is None:
        return redirect("questionnaire:start")
    answers = packets.answers_of(packet)
    # No skipping ahead: a question after the first unanswered one waits.
    steps = [decision.URGENCY_KEY, *situations.KEYS]
    first_open = next((k for k in steps if answers.get(k) not in situations.ANSWER_VALUES), None)
    if first_open is not None and steps.index(situation.key) > steps.index(first_open):
        return redirect(_next_url(answers))
    change = request.GET.get("change") == "1" or request.POST.get("change") == "1"

    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            value = form.cleaned_data["answer"]
            packets.save_answer(packet, situation.key, value)
            answers[situation.key] = value
            return _after_answer(request, situation.key, answers, change)
    else:
        form = AnswerForm(initial={"answer": answers.get(situation.key)})
    return _render_question(request, situation, form, change)


def _after_answer(
    request: HttpRequest, key: str, answers: dict[str, str], change: bool
) -> HttpResponse:
    # A change goes back to the check page, unless answers are missing (say,
    # "Start again" in another tab): then, as always, the first missing one.
    change = change and _complete(answers)
    if key == decision.URGENCY_KEY and decision.urgent(answers):
        target = reverse("questionnaire:urgency_advice") + ("?change=1" if change else "")
    elif change:
        target = reverse("questionnaire:check")
    else:
        target = _next_url(answers)
    if not request.htmx:
        return redirect(target)
    # htmx: send the next step in place, and put its address in the bar.
    path = target.split("?")[0]
    if path == reverse("questionnaire:urgency_advice"):
        response = _render_urgency_advice(request, change, partial=True)
    elif path == reverse("questionnaire:check"):
        response = _render_check(request, answers, partial=True)
    else:
        following = (
            URGENCY_STEP
            if path == reverse("questionnaire:urgency")
            else situations.first_unanswered(answers)
        )
        form = AnswerForm(initial={"answer": answers.get(following.key)})
        response = _render_question(request, following, form, False)
    response["HX-Push-Url"] = target
    return response


def _render_question(
    request: HttpRequest, situation: situations.Situation, form: AnswerForm, change: bool
) -> HttpResponse:
    if situation.key == decision.URGENCY_KEY:
        number, back_url = None, reverse("questionnaire:start")
    else:
        number = situations.position(situation.key)
        previous = situations.previous_key(situation.key)
        back_url = _question_url(previous or decision.URGENCY_KEY)
    if change:
        back_url = reverse("questionnaire:check")
    context = {
        "section": "questionnaire",
        "situation": situation,
        "form": form,
        "change": change,
        "number": number,
        "total": len(situations.SITUATIONS),
        "back_url": back_url,
        "action": _question_url(situation.key, change),
    }
    template = "questionnaire/question.html" + ("#step" if request.htmx else "")
    return render(request, template, context)


@require_safe
@never_cache
@vary_on_headers("HX-Request")
@packets.with_packet("questionnaire:start")
def urgency_advice(request: HttpRequest, packet: Packet) -> HttpResponse:
    if decision.URGENCY_KEY not in packets.answers_of(packet):
        return redirect("questionnaire:urgency")
    return _render_urgency_advice(
        request, request.GET.get("change") == "1", partial=bool(request.htmx)
    )


def _render_urgency_advice(request: HttpRequest, change: bool, partial: bool) -> HttpResponse:
    context = {
        "section": "questionnaire",
        "steps": decision.URGENCY_STEPS,
        "continue_url": reverse("questionnaire:check")
        if change
        else _question_url(situations.KEYS[0]),
    }
    template = "questionnaire/urgency_advice.html" + ("#step" if partial else "")
    return render(request, template, context)


@require_safe
@never_cache
@vary_on_headers("HX-Request")
@packets.with_packet("questionnaire:start")
def check(request: HttpRequest, packet: Packet) -> HttpResponse:
    answers = packets.answers_of(packet)
    if not _complete(answers):
        return redirect(_next_url(answers))
    return _render_check(request, answers, partial=bool(request.htmx))


def _render_check(request: HttpRequest, answers: dict[str, str], partial: bool) -> HttpResponse:
    labels = dict(situations.ANSWER_CHOICES)
    rows = [
        {
            "question": s.question,
            "answer": labels[answers[s.key]],
            "change_url": _question_url(s.key, change=True),
        }
        for s in (URGENCY_STEP, *situations.SITUATIONS)
    ]
    template = "questionnaire/check.html" + ("#step" if partial else "")
    return render(request, template, {"section": "questionnaire", "rows": rows})


@require_safe
@never_cache
@packets.with_packet("questionnaire:start")
def result(request: HttpRequest, packet: Packet) -> HttpResponse:
    answers = packets.answers_of(packet)
    if not _complete(answers):
        return redirect(_next_url(answers))
    assessment = scoring.assess(answers)
    labels = dict(situations.ANSWER_CHOICES)
    workings = [
        {
            "situation": s,
            "answer": labels[answers[s.key]],
            "points": scoring.points(s, answers[s.key]),
        }
        for s in situations.SITUATIONS
    ]
    return render(
        request,
        "questionnaire/result.html",
        {
            "section": "questionnaire",
            "assessment": assessment,
            "workings": workings,
            "bands": scoring.BANDS,
            "urgent": decision.urgent(answers),
            "urgency_steps": decision.URGENCY_STEPS,
            "options": decision.OPTIONS,
            "evidence_note": decision.EVIDENCE_NOTE,
        },
    )


@require_POST
@never_cache
@packets.with_packet("questionnaire:start")
def restart(request: HttpRequest, packet: Packet) -> HttpResponse:
    """Start again: forget the questionnaire answers (the rest of the packet stays)."""
    keys = [decision.URGENCY_KEY, *situations.KEYS]
    Answer.objects.filter(packet=packet, key__in=keys).delete()
    packet.touch()
    messages.info(request, _("Your answers were cleared. You can start again."))
    return redirect("questionnaire:urgency")


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@vary_on_headers("HX-Request")
@packets.with_packet("questionnaire:start")
def values(request: HttpRequest, packet: Packet) -> HttpResponse:
    """What matters most to me: rate a few statements (values clarification)."""
    current = dict(ValueRating.objects.filter(packet=packet).values_list("key", "rating"))
    if request.method == "POST":
        form = ValuesForm(request.POST)
        if form.is_valid():
            packets.save_ratings(packet, form.ratings())
            target = reverse("questionnaire:sure")
            if not request.htmx:
                return redirect(target)
            response = _render_sure(request, packets.answers_of(packet), SureForm(), partial=True)
            response["HX-Push-Url"] = target
            return response
    else:
        form = ValuesForm(initial={key: str(rating) for key, rating in current.items()})
    template = "questionnaire/values.html" + ("#step" if request.htmx else "")
    return render(request, template, {"section": "questionnaire", "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@vary_on_headers("HX-Request")
@packets.with_packet("questionnaire:start")
def sure(request: HttpRequest, packet: Packet) -> HttpResponse:
    """The SURE test: four yes/no questions on feeling ready to decide."""
    answers = packets.answers_of(packet)
    if request.method == "POST":
        form = SureForm(request.POST)
        if form.is_valid():
            packets.save_answers(packet, form.cleaned_data)
            answers.update(form.cleaned_data)
            target = reverse("questionnaire:ready")
            if not request.htmx:
                return redirect(target)
            response = _render_ready(request, answers, partial=True)
            response["HX-Push-Url"] = target
            return response
    else:
        form = SureForm(initial={k: answers[k] for k in decision.SURE_KEYS if k in answers})
    return _render_sure(request, answers, form, partial=bool(request.htmx))


def _render_sure(
    request: HttpRequest, answers: dict[str, str], form: SureForm, partial: bool
) -> HttpResponse:
    template = "questionnaire/sure.html" + ("#step" if partial else "")
    return render(
        request,
        template,
        {"section": "questionnaire", "form": form, "source": decision.SURE_SOURCE},
    )


@require_safe
@never_cache
@vary_on_headers("HX-Request")
@packets.with_packet("questionnaire:start")
def ready(request: HttpRequest, packet: Packet) -> HttpResponse:
    """What the SURE answers mean: a plain next step for each No."""
    answers = packets.answers_of(packet)
    if any(key not in answers for key in decision.SURE_KEYS):
        return redirect("questionnaire:sure")
    return _render_ready(request, answers, partial=bool(request.htmx))


def _render_ready(request: HttpRequest, answers: dict[str, str], partial: bool) -> HttpResponse:
    labels = dict(decision.SURE_CHOICES)
    rows = [(item, labels[answers[item.key]]) for item in decision.SURE_ITEMS]
    template = "questionnaire/ready.html" + ("#step" if partial else "")
    return render(
        request,
        template,
        {
            "section": "questionnaire",
            "rows": rows,
            "gaps": decision.sure_gaps(answers),
            "questionnaire_done": _complete(answers),
        },
    )
