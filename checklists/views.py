"""The packet: a task list, one page per task, the PDF and deleting it all.

Views stay thin: find the packet, validate with a form, save through the
models' upserts, redirect to the next task (or answer htmx with a fragment).
Each page calls only the presenter of the section it shows.
"""

from collections.abc import Callable
from datetime import date

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from checklists import presenters, records
from checklists.forms import DetailsForm, InsuranceCallForm, ItemForm, LetterForm, QuestionForm
from checklists.models import QUESTIONS_MAX, ChecklistEntry, InsuranceCall, PacketQuestion
from packets import access
from packets.models import Packet
from packets.pages import render_packet_page

PAGE_METHODS = ["GET", "HEAD", "POST"]


def _today() -> date:
    return timezone.localdate()


# --- The task list -----------------------------------------------------------


@require_http_methods(PAGE_METHODS)
@never_cache
def packet(request: HttpRequest) -> HttpResponse:
    """The task list; for a browser without a packet, an offer to start one."""
    if request.method == "POST":
        access.start_packet(request)
        return redirect("checklists:packet")
    current = access.current_packet(request)
    if current is None:
        return render_packet_page(request, "checklists/packet_start.html", {})
    if not current.can_edit:
        return redirect(access.VIEW_ONLY_HOME)
    return render_packet_page(
        request, "checklists/packet.html", {"packet": current, "tasks": presenters.tasks(current)}
    )


@require_safe
@never_cache
@access.with_packet("checklists:packet", viewable=True)
def answers(request: HttpRequest, current: Packet) -> HttpResponse:
    """My questionnaire answers: the result and what matters most, read only here.

    A view-only browser (a caregiver's) reads the whole result here too, with
    no way to change it: the questionnaire's own pages are not open to it.
    """
    next_url = (
        presenters.next_task_url("answers") if current.can_edit else reverse("checklists:check")
    )
    return render_packet_page(
        request,
        "checklists/answers.html",
        {"result": presenters.result(current), "next_url": next_url, "can_edit": current.can_edit},
    )


# --- Records, one group a page -----------------------------------------------


@require_http_methods(PAGE_METHODS)
@never_cache
@access.with_packet("checklists:packet")
def records_group(request: HttpRequest, current: Packet, group: str) -> HttpResponse:
    """One group of the checklist; "Save and continue" saves every item on it."""
    if group not in records.GROUPS_BY_KEY:
        raise Http404("No such group")
    items = records.ITEMS_BY_GROUP[group]
    posted: dict[str, tuple[str, str, dict]] = {}
    if request.method == "POST":
        forms = {item.key: ItemForm(request.POST, prefix=item.key) for item in items}
        valid = [form.is_valid() for form in forms.values()]  # every form, for its errors
        if all(valid):
            ChecklistEntry.objects.save_entries(
                current,
                {
                    key: (form.cleaned_data["status"], form.cleaned_data["note"])
                    for key, form in forms.items()
                },
            )
            return redirect(presenters.next_task_url(f"records-{group}"))
        posted = {
            key: (form.data.get(f"{key}-status", ""), form.data.get(f"{key}-note", ""), form.errors)
            for key, form in forms.items()
        }
    return _records_page(request, current, group, posted)


def _records_page(
    request: HttpRequest, current: Packet, group: str, posted: dict[str, tuple[str, str, dict]]
) -> HttpResponse:
    """One group's page; refused items come back with what was typed and why."""
    rows = presenters.saved(current)
    view = presenters.checklist(rows.answers, rows.entries, group_key=group, posted=posted)
    has_errors = any(errors for _status, _note, errors in posted.values())
    return render_packet_page(
        request, "checklists/records.html", {"group": view.groups[0], "has_errors": has_errors}
    )


@require_POST
@never_cache
@vary_on_headers("HX-Request")
def save_item(request: HttpRequest, key: str) -> HttpResponse:
    """Save one item: the autosave's target, and the old per-item form's."""
    item = records.ITEMS_BY_KEY.get(key)
    if item is None:
        raise Http404("No such checklist item")
    current = access.current_packet(request)
    if current is None:
        return redirect("checklists:packet")
    # The task page names its fields "<key>-status"; the old form did not.
    prefix = key if f"{key}-status" in request.POST else None
    form = ItemForm(request.POST, prefix=prefix)
    group_url = reverse("checklists:records", args=[item.group])
    if not form.is_valid():
        if request.htmx:
            # Only the message changes: the patient's text stays in the box.
            html = render_to_string(
                "checklists/_item_message.html", {"key": key, "errors": form.errors}
            )
            html += render_to_string(
                "includes/announce.html",
                {
                    "message": _("Not saved: %(item)s. %(error)s")
                    % {"item": item.title, "error": _first(form)}
                },
            )
            response = HttpResponse(html)
            response["X-Autosave"] = "refused"
            return response
        field = form.add_prefix
        posted = {
            key: (
                request.POST.get(field("status"), ""),
                request.POST.get(field("note"), ""),
                form.errors,
            )
        }
        return _records_page(request, current, item.group, posted)
    status, note = form.cleaned_data["status"], form.cleaned_data["note"]
    ChecklistEntry.objects.save_entries(current, {key: (status, note)})
    label = dict(presenters.STATUS_LABELS)[status]
    if not request.htmx:
        messages.success(request, _("Saved: %(item)s.") % {"item": item.title})
        return redirect(f"{group_url}#item-{key}")
    html = render_to_string("checklists/_item_message.html", {"key": key, "saved": True})
    html += render_to_string(
        "includes/announce.html",
        {"message": _("Saved: %(item)s, %(status)s.") % {"item": item.title, "status": label}},
    )
    return HttpResponse(html)


def _first(form) -> str:
    return next(iter(form.errors.values()))[0]


# --- Questions -----------------------------------------------------------------


@require_http_methods(PAGE_METHODS)
@never_cache
@access.with_packet("checklists:packet")
def questions(request: HttpRequest, current: Packet) -> HttpResponse:
    form = QuestionForm(request.POST) if request.method == "POST" else QuestionForm()
    if request.method == "POST" and request.POST.get("action") == "done":
        Packet.objects.filter(pk=current.pk).update(questions_done=True)
        current.touch()
        return redirect(presenters.next_task_url("questions"))
    if request.method == "POST" and form.is_valid():
        error = _change_questions(current, form.cleaned_data)
        if error is None:
            current.touch()
            # Back to where the patient was, not the top of the page.
            anchor = "own" if form.cleaned_data["action"] == "add" else "my-questions"
            return redirect(reverse("checklists:questions") + f"#{anchor}")
        form.add_error(None, error)
    return render_packet_page(
        request,
        "checklists/questions.html",
        {"view": presenters.questions(current), "form": form, "limit": QUESTIONS_MAX},
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


# --- Details, letter, insurance: a form each -----------------------------------


def _form_task(
    request: HttpRequest,
    current: Packet,
    *,
    task: str,
    form_class: type,
    instance,
    template: str,
    context: Callable[[], dict] = dict,
    saved: str,
) -> HttpResponse:
    """GET shows the form; POST saves it with its change time and moves on."""
    if request.method == "POST":
        form = form_class(request.POST, instance=instance)
        if form.is_valid():
            if isinstance(instance, InsuranceCall):
                InsuranceCall.objects.save_call(
                    current, {name: form.cleaned_data[name] for name in form.Meta.fields}
                )
            else:
                row = form.save(commit=False)
                row.updated_at = timezone.now()
                row.save(update_fields=[*form.Meta.fields, "updated_at"])
            if request.htmx:
                # An autosave (the letter task): the page as it now stands,
                # from which htmx takes the letters and the live region.
                response = render_packet_page(
                    request,
                    template,
                    {
                        "form": form_class(instance=instance),
                        "packet": current,
                        "autosaved": saved,
                        **context(),
                    },
                )
                response["X-Autosave"] = "saved"
                return response
            messages.success(request, saved)
            return redirect(presenters.next_task_url(task))
        if request.htmx:
            response = render_packet_page(
                request, template, {"form": form, "packet": current, **context()}
            )
            response["X-Autosave"] = "refused"
            return response
    else:
        form = form_class(instance=instance)
    return render_packet_page(request, template, {"form": form, "packet": current, **context()})


@require_http_methods(PAGE_METHODS)
@never_cache
@access.with_packet("checklists:packet")
def details(request: HttpRequest, current: Packet) -> HttpResponse:
    return _form_task(
        request,
        current,
        task="details",
        form_class=DetailsForm,
        instance=current,
        template="checklists/details.html",
        saved=_("Your details were saved."),
    )


@require_http_methods(PAGE_METHODS)
@never_cache
@access.with_packet("checklists:packet")
def letter(request: HttpRequest, current: Packet) -> HttpResponse:
    """How the records travel, then the letters themselves (each prints alone)."""
    return _form_task(
        request,
        current,
        task="letter",
        form_class=LetterForm,
        instance=current,
        template="checklists/letter.html",
        context=lambda: {"letters": presenters.letters(current, _today())},
        saved=_("Your letter choices were saved."),
    )


@require_http_methods(PAGE_METHODS)
@never_cache
@access.with_packet("checklists:packet")
def insurance(request: HttpRequest, current: Packet) -> HttpResponse:
    """A script for calling the insurer, and a log of what they said."""
    call = presenters.insurance(current) or InsuranceCall(packet=current)
    return _form_task(
        request,
        current,
        task="insurance",
        form_class=InsuranceCallForm,
        instance=call,
        template="checklists/insurance.html",
        saved=_("Your notes from the insurance call were saved."),
    )


# --- Check and download ----------------------------------------------------------


@require_safe
@never_cache
@access.with_packet("checklists:packet", viewable=True)
def check(request: HttpRequest, current: Packet) -> HttpResponse:
    """What will print, with a change link for each part (for a browser that
    can change it), then the download."""
    return render_packet_page(
        request,
        "checklists/check.html",
        {
            "view": presenters.check_summary(current),
            "tasks": presenters.task_order(),
            "can_edit": current.can_edit,
        },
    )
