"""The packet: checklist, questions, details, letter, PDF and deleting it all."""

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from checklists import limits, packet_data, packets, pdf, records
from checklists.forms import DetailsForm, InsuranceCallForm, ItemForm, QuestionForm
from checklists.models import (
    QUESTIONS_MAX,
    ChecklistEntry,
    InsuranceCall,
    Packet,
    PacketQuestion,
    PaperSize,
)


def _today() -> date:
    return timezone.localdate()


def _page(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    context = {"section": "packet", "max_days": settings.PACKET_MAX_IDLE_DAYS, **context}
    return render(request, template, context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def packet(request: HttpRequest) -> HttpResponse:
    """The packet page; for a browser without one, an offer to start one."""
    if request.method == "POST":
        packets.start_packet(request)
        return redirect("checklists:packet")
    current = packets.current_packet(request)
    if current is None:
        return _page(request, "checklists/packet_start.html", {})
    view = packet_data.gather(current, _today())
    return _page(request, "checklists/packet.html", {"view": view})


@require_POST
@never_cache
@vary_on_headers("HX-Request")
def save_item(request: HttpRequest, key: str) -> HttpResponse:
    item = records.ITEMS_BY_KEY.get(key)
    if item is None:
        raise Http404("No such checklist item")
    current = packets.current_packet(request)
    if current is None:
        return redirect("checklists:packet")
    form = ItemForm(request.POST)
    if not form.is_valid():
        # Nothing is saved; the page comes back with the patient's text kept.
        view = packet_data.gather(current, _today(), forms={key: form})
        if request.htmx:
            return render(request, "checklists/packet.html#item", {"iv": view.item(key)})
        return _page(request, "checklists/packet.html", {"view": view})
    now = timezone.now()
    # One statement per save, touching only this item's row: two tabs that
    # change different items never undo each other.
    ChecklistEntry.objects.bulk_create(
        [
            ChecklistEntry(
                packet=current,
                item_key=key,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                updated_at=now,
            )
        ],
        update_conflicts=True,
        unique_fields=["packet", "item_key"],
        update_fields=["status", "note", "updated_at"],
    )
    current.touch()
    if not request.htmx:
        messages.success(request, _("Saved: %(item)s.") % {"item": item.title})
        return redirect(reverse("checklists:packet") + f"#item-{key}")
    view = packet_data.gather(current, _today())
    item_view = view.item(key)
    html = render_to_string(
        "checklists/packet.html#item", {"iv": item_view, "saved": True}, request=request
    )
    html += render_to_string(
        "checklists/packet.html#progress", {"view": view, "oob": True}, request=request
    )
    html += render_to_string(
        "checklists/_announce.html",
        {
            "message": _("Saved: %(item)s, %(status)s.")
            % {"item": item.title, "status": item_view.status_label}
        },
    )
    return HttpResponse(html)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@packets.with_packet("checklists:packet")
def questions(request: HttpRequest, current: Packet) -> HttpResponse:
    form = QuestionForm(request.POST) if request.method == "POST" else QuestionForm()
    if request.method == "POST" and form.is_valid():
        error = _change_questions(current, form.cleaned_data)
        if error is None:
            current.touch()
            return redirect("checklists:questions")
        form.add_error(None, error)
    view = packet_data.gather(current, _today())
    return _page(
        request, "checklists/questions.html", {"view": view, "form": form, "limit": QUESTIONS_MAX}
    )


def _change_questions(current: Packet, data: dict) -> str | None:
    """Apply one change to the packet's questions; a message when it cannot be done."""
    action = data["action"]
    with transaction.atomic():
        existing = list(PacketQuestion.objects.select_for_update().filter(packet=current))
        if action in ("add", "suggest"):
            if len(existing) >= QUESTIONS_MAX:
                return _("You can keep up to %(limit)d questions. Remove one to add another.") % {
                    "limit": QUESTIONS_MAX
                }
            position = (max((q.position for q in existing), default=0)) + 1
            if action == "suggest":
                suggestion = records.SUGGESTIONS_BY_KEY.get(data["suggestion"])
                if suggestion is None:
                    return _("Choose a question from the list.")
                if any(q.suggestion_key == suggestion.key for q in existing):
                    return None
                PacketQuestion.objects.create(
                    packet=current,
                    text=str(suggestion.text),
                    suggestion_key=suggestion.key,
                    position=position,
                )
            else:
                PacketQuestion.objects.create(packet=current, text=data["text"], position=position)
            return None
        target = next((q for q in existing if q.pk == data["question"]), None)
        if target is None:
            return _("That question is no longer in your list.")
        if action == "remove":
            target.delete()
            return None
        index = existing.index(target)
        swap = index - 1 if action == "up" else index + 1
        if 0 <= swap < len(existing):
            existing[index], existing[swap] = existing[swap], existing[index]
            for position, question in enumerate(existing, start=1):
                question.position = position
            PacketQuestion.objects.bulk_update(existing, ["position"])
        return None


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@packets.with_packet("checklists:packet")
def details(request: HttpRequest, current: Packet) -> HttpResponse:
    if request.method == "POST":
        form = DetailsForm(request.POST, instance=current)
        if form.is_valid():
            saved = form.save(commit=False)
            saved.updated_at = timezone.now()
            saved.save(update_fields=[*form.Meta.fields, "updated_at"])
            messages.success(request, _("Your details were saved."))
            return redirect("checklists:packet")
    else:
        form = DetailsForm(instance=current)
    return _page(request, "checklists/details.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@packets.with_packet("checklists:packet")
def insurance(request: HttpRequest, current: Packet) -> HttpResponse:
    """A script for calling the insurer, and a log of what they said."""
    call = InsuranceCall.objects.filter(packet=current).first() or InsuranceCall(packet=current)
    if request.method == "POST":
        form = InsuranceCallForm(request.POST, instance=call)
        if form.is_valid():
            saved = form.save(commit=False)
            saved.updated_at = timezone.now()
            saved.save()
            current.touch()
            messages.success(request, _("Your notes from the insurance call were saved."))
            return redirect("checklists:packet")
    else:
        form = InsuranceCallForm(instance=call)
    return _page(request, "checklists/insurance.html", {"form": form})


@require_safe
@never_cache
@packets.with_packet("checklists:packet")
def letter(request: HttpRequest, current: Packet) -> HttpResponse:
    view = packet_data.gather(current, _today())
    return _page(request, "checklists/letter.html", {"view": view})


def _paper(request: HttpRequest, default: str = PaperSize.LETTER) -> str:
    asked = request.GET.get("paper", "")
    return asked if asked in PaperSize.values else default


def _pdf_cache_key(packet_id: int, paper: str) -> str:
    return f"pdf:{packet_id}:{paper}"


def forget_pdfs(packet_id: int) -> None:
    cache.delete_many([_pdf_cache_key(packet_id, paper) for paper in PaperSize.values])


def _pdf_response(content: bytes, etag: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = f'"{etag}"'
    return response


def _not_modified(request: HttpRequest, etag: str) -> HttpResponse | None:
    """A 304 when the browser already holds this very PDF, else None."""
    if f'"{etag}"' not in request.headers.get("If-None-Match", ""):
        return None
    response = HttpResponse(status=304)
    response["ETag"] = f'"{etag}"'
    return response


def _busy(request: HttpRequest, retry_after: int = 5) -> HttpResponse:
    """The renderer is taken (or failed on a page anyone could retry): try again soon."""
    response = _page(request, "checklists/pdf_failed.html", {"busy": True}, status=503)
    response["Retry-After"] = str(retry_after)
    return response


@require_safe
@never_cache
@packets.with_packet("checklists:packet")
def packet_pdf(request: HttpRequest, current: Packet) -> HttpResponse:
    paper = _paper(request, current.paper_size)
    view = packet_data.gather(current, _today())
    html = render_to_string("pdf/packet.html", {"view": view, "paper": paper})
    etag = pdf.etag_for(html)
    if not_modified := _not_modified(request, etag):
        return not_modified
    key = _pdf_cache_key(current.pk, paper)
    cached = cache.get(key)
    if cached and cached[0] == etag:
        return _pdf_response(cached[1], etag, "second-opinion-packet.pdf")
    # Only real renders count: downloading the same packet again is cheap.
    if retry_after := limits.pdf_render_refused(request):
        response = _page(request, "checklists/too_many.html", {}, status=429)
        response["Retry-After"] = str(retry_after)
        return response
    try:
        content = pdf.render_pdf(html)
    except pdf.RenderBusy:
        return _busy(request)
    except pdf.RenderFailed:
        return _page(request, "checklists/pdf_failed.html", {"busy": False}, status=500)
    cache.set(key, (etag, content), timeout=24 * 3600)
    return _pdf_response(content, etag, "second-opinion-packet.pdf")


@require_safe
@cache_control(public=True, max_age=3600)
def blank_checklist_pdf(request: HttpRequest) -> HttpResponse:
    """A blank checklist anyone can print: no packet, no session."""
    paper = _paper(request)
    html = render_to_string(
        "pdf/checklist.html", {"groups": _blank_groups(), "paper": paper, "today": _today()}
    )
    etag = pdf.etag_for(html)
    if not_modified := _not_modified(request, etag):
        return not_modified
    key = f"blank-pdf:{paper}:{etag}"
    content = cache.get(key)
    if content is None:
        try:
            content = pdf.render_pdf(html)
        except (pdf.RenderBusy, pdf.RenderFailed):
            response = _busy(request, retry_after=10)
            response["Cache-Control"] = "no-store"
            return response
        cache.set(key, content, timeout=7 * 24 * 3600)
    return _pdf_response(content, etag, "second-opinion-checklist.pdf")


def _blank_groups() -> list[tuple[records.Group, list[records.Item]]]:
    return [
        (group, [item for item in records.ITEMS if item.group == group.key])
        for group in records.GROUPS
    ]


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def delete(request: HttpRequest) -> HttpResponse:
    """Delete my packet: a confirmation page, then a POST that removes every row."""
    current = packets.current_packet(request)
    if request.method == "GET" or request.method == "HEAD":
        return _page(request, "checklists/delete.html", {"has_packet": current is not None})
    if current is not None:
        packet_id = current.pk
        current.delete()  # answers, entries and questions go with it (CASCADE)
        forget_pdfs(packet_id)
    request.session.flush()
    response = _page(request, "checklists/deleted.html", {})
    response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response
