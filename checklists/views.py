"""The questionnaire and the packet. Views parse, call the domain, render."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from checklists import packets, scoring, situations
from checklists.forms import AnswerForm
from checklists.models import Answer


def _question_url(key: str, change: bool = False) -> str:
    url = reverse("checklists:question", args=[key])
    return f"{url}?change=1" if change else url


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def start(request: HttpRequest) -> HttpResponse:
    """The start page. Only the Start button (a POST) creates a packet."""
    if request.method == "POST":
        packet = packets.start_packet(request)
        first = situations.first_unanswered(packets.answers_of(packet))
        if first is None:
            return redirect("checklists:check")
        return redirect(_question_url(first.key))
    packet = packets.current_packet(request)
    answers = packets.answers_of(packet) if packet else {}
    return render(
        request,
        "checklists/start.html",
        {
            "section": "questionnaire",
            "answered": len(answers),
            "total": len(situations.SITUATIONS),
            "resume": situations.first_unanswered(answers) if answers else None,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@vary_on_headers("HX-Request")
def question(request: HttpRequest, key: str) -> HttpResponse:
    situation = situations.BY_KEY.get(key)
    if situation is None:
        raise Http404("No such question")
    packet = packets.current_packet(request)
    if packet is None:
        return redirect("checklists:start")
    answers = packets.answers_of(packet)
    first = situations.first_unanswered(answers)
    # No skipping ahead: a question after the first unanswered one waits.
    if first is not None and situations.position(key) > situations.position(first.key):
        return redirect(_question_url(first.key))
    change = request.GET.get("change") == "1" or request.POST.get("change") == "1"

    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            packets.save_answer(packet, key, form.cleaned_data["answer"])
            answers[key] = form.cleaned_data["answer"]
            return _after_answer(request, key, answers, change)
    else:
        form = AnswerForm(initial={"answer": answers.get(key)})
    return _render_question(request, situation, form, change, status=200)


def _after_answer(
    request: HttpRequest, key: str, answers: dict[str, str], change: bool
) -> HttpResponse:
    following = situations.first_unanswered(answers)
    if change or following is None:
        target = reverse("checklists:check")
    else:
        target = _question_url(following.key)
    if not request.htmx:
        return redirect(target)
    # htmx: send the next step in place, and put its address in the bar.
    if following is None or change:
        response = _render_check(request, answers, partial=True)
    else:
        response = _render_question(
            request, following, AnswerForm(initial={"answer": answers.get(following.key)}), False
        )
    response["HX-Push-Url"] = target
    return response


def _render_question(
    request: HttpRequest,
    situation: situations.Situation,
    form: AnswerForm,
    change: bool,
    status: int = 200,
) -> HttpResponse:
    previous = situations.previous_key(situation.key)
    context = {
        "section": "questionnaire",
        "situation": situation,
        "form": form,
        "change": change,
        "number": situations.position(situation.key),
        "total": len(situations.SITUATIONS),
        "back_url": reverse("checklists:check")
        if change
        else (_question_url(previous) if previous else reverse("checklists:start")),
        "action": _question_url(situation.key, change),
    }
    template = "checklists/question.html"
    if request.htmx:
        template += "#step"
    return render(request, template, context, status=status)


@require_safe
@never_cache
@vary_on_headers("HX-Request")
def check(request: HttpRequest) -> HttpResponse:
    packet = packets.current_packet(request)
    if packet is None:
        return redirect("checklists:start")
    answers = packets.answers_of(packet)
    first = situations.first_unanswered(answers)
    if first is not None:
        return redirect(_question_url(first.key))
    return _render_check(request, answers, partial=bool(request.htmx))


def _render_check(request: HttpRequest, answers: dict[str, str], partial: bool) -> HttpResponse:
    labels = dict(situations.ANSWER_CHOICES)
    rows = [
        {
            "situation": s,
            "answer": labels[answers[s.key]],
            "change_url": _question_url(s.key, change=True),
        }
        for s in situations.SITUATIONS
    ]
    template = "checklists/check.html" + ("#step" if partial else "")
    return render(request, template, {"section": "questionnaire", "rows": rows})


@require_safe
@never_cache
def result(request: HttpRequest) -> HttpResponse:
    packet = packets.current_packet(request)
    if packet is None:
        return redirect("checklists:start")
    answers = packets.answers_of(packet)
    first = situations.first_unanswered(answers)
    if first is not None:
        return redirect(_question_url(first.key))
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
        "checklists/result.html",
        {
            "section": "questionnaire",
            "assessment": assessment,
            "workings": workings,
            "bands": scoring.BANDS,
            "unsure_share": scoring.UNSURE_SHARE,
        },
    )


@require_POST
@never_cache
def restart(request: HttpRequest) -> HttpResponse:
    """Start again: forget the answers (the rest of the packet stays)."""
    packet = packets.current_packet(request)
    if packet is None:
        return redirect("checklists:start")
    Answer.objects.filter(packet=packet, key__in=situations.KEYS).delete()
    packet.touch()
    messages.info(request, _("Your answers were cleared. You can start again."))
    return redirect(_question_url(situations.KEYS[0]))
