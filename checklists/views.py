"""The packet: a task list, one page per task, the PDF and deleting it all.

Views stay thin: find the packet, validate with a form, save through the
models' upserts, redirect to the next task (or answer htmx with a fragment).
Each page calls only the presenter of the section it shows.
"""

from collections.abc import Callable
from datetime import date

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from checklists import merge, presenters, records, tracker
from checklists.forms import (
    DetailsForm,
    InsuranceCallForm,
    ItemForm,
    LetterForm,
    QuestionForm,
    RequestForm,
)
from checklists.models import (
    QUESTIONS_MAX,
    ChecklistEntry,
    InsuranceCall,
    PacketQuestion,
    RecordRequest,
    Status,
)
from core import held
from packets import access
from packets.models import LetterLanguage, Packet
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
    if request.method != "POST":
        refused = held.take(request)
        if refused is None:
            return _records_page(request, current, group, {})
        return _refused_records(request, current, group, refused.data, items)
    forms = {item.key: ItemForm(request.POST, prefix=item.key) for item in items}
    valid = [form.is_valid() for form in forms.values()]  # every form, for its errors
    if not all(valid):
        return held.refused(request)
    conflicts = _save_items(current, forms)
    if not conflicts:
        return redirect(presenters.next_task_url(f"records-{group}"))
    return _records_page(request, current, group, conflicts)


def _refused_records(request, current: Packet, group: str, data, items) -> HttpResponse:
    """The group's page again after a refused save: what was typed, and why."""
    forms = {item.key: ItemForm(data, prefix=item.key) for item in items}
    for form in forms.values():
        form.is_valid()
    posted = {
        key: (data.get(f"{key}-status", ""), data.get(f"{key}-note", ""), form.errors)
        for key, form in forms.items()
        if f"{key}-status" in data or f"{key}-note" in data
    }
    # Nothing was saved: the page keeps the values it was drawn with, so
    # the next save still knows what changed elsewhere meanwhile.
    drawn = {
        key: (data[f"drawn-{key}-status"], data.get(f"drawn-{key}-note", ""))
        for key in forms
        if f"drawn-{key}-status" in data
    }
    return _records_page(request, current, group, posted, drawn)


def _records_page(
    request: HttpRequest,
    current: Packet,
    group: str,
    posted: dict[str, tuple[str, str, dict]],
    drawn: dict[str, tuple[str, str]] | None = None,
) -> HttpResponse:
    """One group's page; refused items come back with what was typed and why."""
    rows = presenters.saved(current)
    view = presenters.checklist(
        rows.answers, rows.entries, group_key=group, posted=posted, drawn=drawn
    )
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
        return access.session_ended(request)
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
        # The whole group's page, with this item's typed text and why.
        data = request.POST
        if prefix is None:
            data = QueryDict(mutable=True)
            for name in ("status", "note"):
                if name in request.POST:
                    data[f"{key}-{name}"] = request.POST[name]
        return held.refused(request, data, path=group_url)
    conflicts = _save_items(current, {key: form})
    if conflicts:
        errors = conflicts[key][2]
        if not request.htmx:
            return _records_page(request, current, item.group, conflicts)
        # The item is drawn again with what is saved (the message quotes
        # what the patient chose or typed), so the next change is measured
        # from it and nothing on the page pretends to be saved.
        rows = presenters.saved(current)
        view = presenters.checklist(
            rows.answers, rows.entries, group_key=item.group, posted=conflicts
        )
        iv = next(iv for iv in view.groups[0].items if iv.key == key)
        html = render_to_string(
            "checklists/_record_item.html", {"iv": iv, "oob": True}, request=request
        )
        html += render_to_string(
            "includes/announce.html",
            {
                "message": _("Not saved: %(item)s. %(error)s")
                % {"item": item.title, "error": next(iter(errors.values()))[0]}
            },
        )
        response = HttpResponse(html)
        response["X-Autosave"] = "refused"
        return response
    status = form.cleaned_data["status"]
    label = dict(presenters.STATUS_LABELS)[status]
    if not request.htmx:
        messages.success(request, _("Saved: %(item)s.") % {"item": item.title})
        return redirect(f"{group_url}#item-{key}")
    html = render_to_string("checklists/_item_message.html", {"key": key, "saved": True})
    html += render_to_string(
        "checklists/_item_drawn_oob.html",
        {"key": key, "status": status, "note": form.cleaned_data["note"]},
    )
    html += render_to_string(
        "includes/announce.html",
        {"message": _("Saved: %(item)s, %(status)s.") % {"item": item.title, "status": label}},
    )
    return HttpResponse(html)


def _stored_entries(current: Packet, keys) -> dict[str, tuple[str, str]]:
    return {
        key: (status, note)
        for key, status, note in ChecklistEntry.objects.filter(
            packet=current, item_key__in=list(keys)
        ).values_list("item_key", "status", "note")
    }


def _save_items(current: Packet, forms: dict[str, ItemForm]) -> dict[str, tuple[str, str, dict]]:
    """Write what each item's form changed since its page was drawn
    (checklists/merge.py); return the items changed elsewhere meanwhile, as
    the page should show them: the saved values, and a message with the
    patient's own."""
    stored = _stored_entries(current, forms)
    writes: dict[str, tuple[str, str]] = {}
    conflicts: dict[str, tuple[str, str, dict]] = {}
    for key, form in forms.items():
        saved_status, saved_note = stored.get(key, (Status.NEED, ""))
        mine = {"status": form.cleaned_data["status"], "note": form.cleaned_data["note"]}
        kept = {"status": saved_status, "note": saved_note}
        plans = {
            name: merge.three_way(
                merge.drawn_value(form.fields[name], form.data, form.add_prefix(name)),
                mine[name],
                kept[name],
            )
            for name in mine
        }
        errors = {}
        if plans["status"] is merge.Plan.CONFLICT:
            labels = dict(presenters.STATUS_LABELS)
            errors["status"] = [
                _(
                    "Not saved: this was changed on another device to “%(saved)s”. "
                    "You chose “%(mine)s”. Choose again to keep yours."
                )
                % {"saved": labels[saved_status], "mine": labels[mine["status"]]}
            ]
        if plans["note"] is merge.Plan.CONFLICT:
            errors["note"] = [
                _(
                    "Not saved: the note was changed on another device. The box shows "
                    "the saved note. Yours was: “%(mine)s”"
                )
                % {"mine": mine["note"]}
            ]
        new = {name: mine[name] if plans[name] is merge.Plan.WRITE else kept[name] for name in mine}
        # A first save writes the row even unchanged (the task list counts
        # the group as started), as before.
        if new != kept or key not in stored:
            writes[key] = (new["status"], new["note"])
        if errors:
            conflicts[key] = (
                saved_status if "status" in errors else new["status"],
                saved_note if "note" in errors else new["note"],
                errors,
            )
    if writes:
        ChecklistEntry.objects.save_entries(current, writes)
    return conflicts


def _first(form) -> str:
    return next(iter(form.errors.values()))[0]


# --- Questions -----------------------------------------------------------------


@require_http_methods(PAGE_METHODS)
@never_cache
@access.with_packet("checklists:packet")
def questions(request: HttpRequest, current: Packet) -> HttpResponse:
    form = QuestionForm(request.POST) if request.method == "POST" else QuestionForm()
    if (refused := held.take(request)) is not None:
        form = QuestionForm(refused.data)
        form.is_valid()
        for message in refused.errors.get("__all__", []):
            form.add_error(None, message)
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
        return held.refused(request, errors={"__all__": [error]})
    if request.method == "POST":
        return held.refused(request)
    return render_packet_page(
        request,
        "checklists/questions.html",
        {"view": presenters.questions(current), "form": form, "limit": QUESTIONS_MAX},
    )


def _change_questions(current: Packet, data: dict) -> str | None:
    """Apply one change to the packet's questions; a message when it cannot be done."""
    action = data["action"]
    with transaction.atomic():
        # The packet's row is the lock: two adds at the same moment take
        # turns, so the second sees the first (a lock on the questions
        # alone locks nothing while there are none).
        Packet.objects.select_for_update().filter(pk=current.pk).exists()
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
    """GET shows the form; POST saves what this page changed and moves on.

    Only the fields changed on this page are written (checklists/merge.py): a
    stale tab or a paired device never puts back an older value. A field
    changed here and elsewhere to different values is not written; the page
    comes back with both, for the patient to choose.
    """
    names = list(form_class.Meta.fields)

    def page(form, drawn, conflicts=(), autosaved: str = "", status: int = 200) -> HttpResponse:
        response = render_packet_page(
            request,
            template,
            {
                "form": form,
                "packet": current,
                "drawn": drawn,
                "conflicts": list(conflicts),
                "autosaved": autosaved,
                **context(),
            },
            status=status,
        )
        if request.htmx:
            response["X-Autosave"] = "refused" if conflicts or form.errors else "saved"
        return response

    def refused_page(data) -> HttpResponse:
        # Nothing was saved: the page keeps the values it was drawn with, so
        # the next save still knows what changed elsewhere meanwhile.
        form = form_class(data, instance=instance)
        form.is_valid()
        drawn = [(merge.DRAWN + name, data.get(merge.DRAWN + name, "")) for name in names]
        return page(form, drawn)

    stored = {name: getattr(instance, name) for name in names}
    if request.method != "POST":
        if (refused := held.take(request)) is not None:
            return refused_page(refused.data)
        form = form_class(instance=instance)
        # Drawn from what is saved, not from a suggestion the form offers.
        return page(form, merge.drawn_inputs(form, stored))

    data = merge.with_choices(request.POST, names)
    form = form_class(data, instance=instance)
    if not form.is_valid():
        if request.htmx:
            return refused_page(data)
        return held.refused(request, data)
    changed, conflicts = merge.plan_fields(form, data, names, stored)
    if changed:
        if isinstance(instance, InsuranceCall):
            InsuranceCall.objects.save_call(
                current, {name: form.cleaned_data[name] for name in changed}
            )
        else:
            row = form.save(commit=False)
            row.updated_at = timezone.now()
            row.save(update_fields=[*changed, "updated_at"])
    now = {name: form.cleaned_data[name] if name in changed else stored[name] for name in names}
    if conflicts or request.htmx:
        # Drawn afresh from what is saved now; a conflict's box shows the
        # saved value, and the patient's own waits beside it.
        for name, value in now.items():
            setattr(instance, name, value)
        fresh = form_class(instance=instance)
        return page(
            fresh,
            merge.drawn_inputs(fresh, now),
            conflicts,
            autosaved=_("Not saved: this changed on another device. Choose which to keep.")
            if conflicts
            else saved,
        )
    messages.success(request, saved)
    return redirect(presenters.next_task_url(task))


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
            "view": presenters.check_summary(current, _today()),
            "tasks": presenters.task_order(),
            "can_edit": current.can_edit,
        },
    )


# --- Records requests: after the letters --------------------------------------------


REQUEST_FIELDS = list(RequestForm.Meta.fields)


def _request_form(view: presenters.RequestView, data=None) -> RequestForm:
    return RequestForm(data, instance=view.row, prefix=view.kind)


def _stored_request(row: RecordRequest) -> dict:
    return {name: getattr(row, name) for name in REQUEST_FIELDS}


@require_http_methods(PAGE_METHODS)
@never_cache
@access.with_packet("checklists:packet")
def record_requests(request: HttpRequest, current: Packet) -> HttpResponse:
    """Each letter's request: when it went, what came back, when it is due.

    One form per letter, saved alone; like every task form it writes only
    what this page changed (checklists/merge.py), and a change made
    elsewhere meanwhile is shown, never overwritten.
    """
    today = _today()
    views = presenters.record_requests(current, today)
    by_kind = {view.kind: view for view in views}
    if request.method != "POST":
        refused = held.take(request)
        kind = refused.data.get("kind") if refused else None
        if kind not in by_kind:
            return _requests_page(request, views)
        data = refused.data
        form = _request_form(by_kind[kind], data)
        form.is_valid()
        drawn = [
            (merge.DRAWN + form.add_prefix(name), data.get(merge.DRAWN + form.add_prefix(name), ""))
            for name in REQUEST_FIELDS
        ]
        return _requests_page(request, views, {kind: (form, drawn, [])})

    kind = request.POST.get("kind", "")
    view = by_kind.get(kind)
    if view is None:
        raise Http404("No such records request")
    names = [f"{kind}-{name}" for name in REQUEST_FIELDS]
    data = merge.with_choices(request.POST, names)
    # Read before the form is validated: a model form writes what it was
    # sent onto its row.
    stored = _stored_request(view.row)
    form = _request_form(view, data)
    if not form.is_valid():
        return held.refused(request, data)
    changed, conflicts = merge.plan_fields(form, data, REQUEST_FIELDS, stored)
    if changed:
        RecordRequest.objects.save_request(
            current, kind, {name: form.cleaned_data[name] for name in changed}
        )
    if conflicts:
        # Drawn afresh from what is saved now; the patient's own values wait
        # beside each conflict, to choose.
        views = presenters.record_requests(current, today)
        view = next(v for v in views if v.kind == kind)
        fresh = _request_form(view)
        drawn = merge.drawn_inputs(fresh, _stored_request(view.row))
        return _requests_page(request, views, {kind: (fresh, drawn, conflicts)})
    messages.success(request, _("Saved: %(letter)s.") % {"letter": view.heading})
    return redirect(reverse("checklists:requests") + f"#request-{kind}")


def _requests_page(
    request: HttpRequest,
    views: list[presenters.RequestView],
    bound: dict[str, tuple[RequestForm, list, list]] | None = None,
) -> HttpResponse:
    """The tracker page; ``bound`` holds the one form that comes back
    refused or with conflicts (form, drawn inputs, conflicts)."""
    bound = bound or {}
    entries, refused = [], None
    for view in views:
        if view.kind in bound:
            form, drawn, conflicts = bound[view.kind]
            if form.errors:
                refused = form
        else:
            form = _request_form(view)
            drawn, conflicts = merge.drawn_inputs(form, _stored_request(view.row)), []
        entries.append({"view": view, "form": form, "drawn": drawn, "conflicts": conflicts})
    return render_packet_page(
        request,
        "checklists/requests.html",
        {
            "entries": entries,
            "form": refused,
            "has_errors": refused is not None,
            "overdue": sum(1 for view in views if view.state.overdue),
            "autosaved": _("Not saved: this changed on another device. Choose which to keep.")
            if any(conflicts for _f, _d, conflicts in bound.values())
            else "",
        },
    )


def _saved_request(current: Packet, kind: str) -> RecordRequest | None:
    if kind not in tracker.KINDS:
        raise Http404("No such records request")
    return RecordRequest.objects.filter(packet=current, kind=kind).first()


def _not_sent_yet(request: HttpRequest, kind: str) -> HttpResponse:
    """A clear page, not an error, before the letter's date is saved."""
    return render_packet_page(
        request, "checklists/request_not_sent.html", {"holder": tracker.HOLDERS[kind], "kind": kind}
    )


@require_safe
@never_cache
@access.with_packet("checklists:packet", viewable=True)
def request_reminder(request: HttpRequest, current: Packet, kind: str) -> HttpResponse:
    """A calendar file with one all-day event on the request's due date."""
    row = _saved_request(current, kind)
    if row is None or row.sent_on is None:
        return _not_sent_yet(request, kind)
    due = tracker.due_date(row.sent_on, row.promised_by, row.more_time)
    body = tracker.reminder(
        tracker.reminder_uid(current.pk, kind),
        kind,
        due,
        row.updated_at,
        timezone.now(),
        request.build_absolute_uri(reverse("checklists:requests")),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="records-request-{kind}.ics"'
    return response


@require_safe
@never_cache
@access.with_packet("checklists:packet")
def request_follow_up(request: HttpRequest, current: Packet, kind: str) -> HttpResponse:
    """The follow-up letter for a request that went unanswered, and then how
    to complain to HHS's Office for Civil Rights."""
    row = _saved_request(current, kind)
    if row is None or row.sent_on is None:
        return _not_sent_yet(request, kind)
    today = _today()
    statuses = presenters.statuses_of(current)
    items = presenters.requested_kinds(current, statuses).get(kind, ())
    details = presenters.details_of(current)

    def build(language: str) -> tracker.FollowUp:
        with translation.override(language):
            return tracker.follow_up_letter(
                kind, details, row.sent_on, items, row.received, today, language
            )

    own = build("es") if current.letter_language == LetterLanguage.SPANISH else None
    return render_packet_page(
        request,
        "checklists/follow_up.html",
        {
            "letter": build("en"),
            "own": own,
            "kind": kind,
            "holder": tracker.HOLDERS[kind],
            "has_clock": tracker.has_clock(kind),
            "state": tracker.state(
                today, row.sent_on, row.promised_by, row.more_time, row.received
            ),
            "complaint_days": tracker.COMPLAINT_DAYS,
        },
    )
