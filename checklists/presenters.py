"""One presenter per section of the packet: each builds only what its page shows.

The task list counts; a records page gathers one group; the letter page
reads the statuses and details it needs; only the PDF calls them all. An
item save gathers nothing at all.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from django.db.models import CharField, Value
from django.urls import get_script_prefix, reverse
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from checklists import records, tracker
from checklists.forms import DETAILS_SECTIONS, DetailsForm, InsuranceCallForm, LetterForm
from checklists.letter import (
    TITLES,
    Details,
    Letter,
    Planned,
    build_letters,
    default_send_by,
    long_date,
    plan_letters,
)
from checklists.models import (
    ChecklistEntry,
    InsuranceCall,
    PacketQuestion,
    RecordRequest,
    Status,
)
from core.prepared import prepared
from packets.models import LetterLanguage, Packet
from questionnaire import decision, scoring
from questionnaire.models import Answer
from questionnaire.result import ResultView, assessment_of, result

STATUS_LABELS = dict(Status.choices)

NOT_STARTED, IN_PROGRESS, DONE = "not-started", "in-progress", "done"
TASK_STATUS_LABELS = {
    NOT_STARTED: _("Not started"),
    IN_PROGRESS: _("In progress"),
    DONE: _("Done"),
}


# --- Checklist ---------------------------------------------------------------


@dataclass
class ItemView:
    item: records.Item
    status: str
    note: str
    important: bool = False
    errors: dict = field(default_factory=dict)
    # What is saved, as the page is drawn (checklists/merge.py): a save
    # writes only what changed since.
    drawn_status: str = Status.NEED
    drawn_note: str = ""

    @property
    def key(self) -> str:
        return self.item.key

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, STATUS_LABELS[Status.NEED]))

    @property
    def ready(self) -> bool:
        return records.is_ready(self.status)

    @property
    def choices(self) -> list[tuple[str, str]]:
        return Status.choices


@dataclass
class GroupView:
    group: records.Group
    items: list[ItemView]
    progress: records.Progress


@dataclass
class ChecklistView:
    groups: list[GroupView]
    progress: records.Progress


# --- The packet's rows, in one query ---------------------------------------------


@dataclass
class Saved:
    """What the patient saved that a page counts or lists: answers, checklist
    entries (status, note), and, when asked for, one key per question (its
    suggestion, or "") and the insurance call's three answers."""

    answers: dict[str, str]
    entries: dict[str, tuple[str, str]]
    questions: list[str]
    call: tuple[str, str, str] | None


def _text(value: str = "") -> Value:
    return Value(value, output_field=CharField())


def _saved_parts(questions: bool, call: bool):
    """The UNION ALL behind saved() for one choice of parts, compiled once
    (core/prepared.py): building it through the ORM cost a millisecond a
    page, ten times the query itself."""

    def union(packet_id):
        parts = [
            Answer.objects.filter(packet_id=packet_id).values_list(
                _text("a"), "key", "value", _text()
            ),
            ChecklistEntry.objects.filter(packet_id=packet_id).values_list(
                _text("e"), "item_key", "status", "note"
            ),
        ]
        if questions:
            parts.append(
                PacketQuestion.objects.filter(packet_id=packet_id).values_list(
                    _text("q"), "suggestion_key", _text(), _text()
                )
            )
        if call:
            parts.append(
                InsuranceCall.objects.filter(packet_id=packet_id).values_list(
                    _text("c"), "covered", "referral_needed", "in_network"
                )
            )
        first, *rest = (part.order_by() for part in parts)
        return first.union(*rest, all=True)

    # Every part keeps its packet filter: a part without one would read
    # every packet's rows.
    return prepared(union, uses=2 + questions + call)


_SAVED = {(q, c): _saved_parts(q, c) for q in (False, True) for c in (False, True)}


def saved(packet: Packet, questions: bool = False, call: bool = False) -> Saved:
    """Read the packet's rows of several kinds in one UNION ALL query, each row
    as (kind, key, value, note): a page pays one round trip, not one a table."""
    found = Saved({}, {}, [], None)
    for kind, key, value, note in _SAVED[questions, call](packet.pk):
        if kind == "a":
            found.answers[key] = value
        elif kind == "e":
            found.entries[key] = (value, note)
        elif kind == "q":
            found.questions.append(key)
        else:
            found.call = (key, value, note)
    return found


def checklist(
    answers: dict[str, str],
    entries: dict[str, tuple[str, str]],
    group_key: str | None = None,
    posted: dict[str, tuple[str, str, dict]] | None = None,
    drawn: dict[str, tuple[str, str]] | None = None,
) -> ChecklistView:
    """The records checklist, or one group of it, from the saved answers and
    entries (``saved()``). ``posted`` carries what a refused form sent
    (status, note, errors), so nothing typed is lost."""
    flagged = records.highlights(answers)
    posted = posted or {}
    groups = []
    for group in records.GROUPS:
        if group_key and group.key != group_key:
            continue
        items = []
        for item in records.ITEMS_BY_GROUP[group.key]:
            saved_status, saved_note = entries.get(item.key, (Status.NEED, ""))
            status, note, errors = posted.get(item.key, (saved_status, saved_note, {}))
            drawn_status, drawn_note = (drawn or {}).get(item.key, (saved_status, saved_note))
            # "Important for me" only where an answer makes it so, never on "Does not apply".
            important = item.key in flagged and status != Status.NOT_APPLICABLE
            items.append(ItemView(item, status, note, important, errors, drawn_status, drawn_note))
        ready = sum(1 for iv in items if iv.ready)
        groups.append(GroupView(group, items, records.Progress(ready, len(items))))
    overall = records.Progress(
        sum(g.progress.ready for g in groups), sum(g.progress.total for g in groups)
    )
    return ChecklistView(groups, overall)


# --- Questions ---------------------------------------------------------------


@dataclass
class QuestionsView:
    questions: list[PacketQuestion]
    suggestions: list[records.SuggestedQuestion]


@prepared
def _questions(packet_id):
    return PacketQuestion.objects.filter(packet_id=packet_id)


@prepared
def _requests(packet_id):
    return RecordRequest.objects.filter(packet_id=packet_id)


@prepared
def _statuses(packet_id):
    return ChecklistEntry.objects.filter(packet_id=packet_id).values_list("item_key", "status")


@prepared
def _calls(packet_id):
    return InsuranceCall.objects.filter(packet_id=packet_id).order_by("pk")[:1]


def statuses_of(packet: Packet) -> dict[str, str]:
    """Each checklist item's status, by its key."""
    return dict(_statuses(packet.pk))


def _chosen_questions(packet: Packet) -> list[PacketQuestion]:
    """The patient's questions; a suggested one in the page's language, whatever
    language it was added in (its own words stay as typed)."""
    chosen = _questions(packet.pk)
    for question in chosen:
        suggestion = records.SUGGESTIONS_BY_KEY.get(question.suggestion_key)
        if suggestion is not None:
            question.text = str(suggestion.text)
    return chosen


def questions(packet: Packet) -> QuestionsView:
    chosen = _chosen_questions(packet)
    used = {q.suggestion_key for q in chosen}
    return QuestionsView(chosen, [q for q in records.SUGGESTED_QUESTIONS if q.key not in used])


# --- Letters -----------------------------------------------------------------


def details_of(packet: Packet, answers: dict[str, str] | None = None) -> Details:
    """The packet's details as the letters read them; ``answers`` say whether
    treatment may be urgent (the letters then ask for the records sooner)."""
    return Details(
        name=packet.name,
        date_of_birth=packet.date_of_birth,
        address=packet.address,
        phone=packet.phone,
        email=packet.email,
        mrn=packet.mrn,
        other_names=packet.other_names,
        service_dates=packet.service_dates,
        first_doctor=packet.first_doctor,
        records_office=packet.records_office,
        records_office_address=packet.records_office_address,
        lab_name=packet.lab_name,
        lab_cases=packet.lab_cases,
        procedure_dates=packet.procedure_dates,
        imaging_exams=packet.imaging_exams,
        center=packet.center,
        center_address=packet.center_address,
        center_fax=packet.center_fax,
        center_phone=packet.center_phone,
        center_email=packet.center_email,
        center_contact=packet.center_contact,
        appointment_date=packet.appointment_date,
        send_by=packet.send_by,
        urgent=bool(answers and decision.urgent(answers)),
        delivery=packet.delivery,
        record_format=packet.record_format,
        imaging_format=packet.imaging_format,
        had_surgery=packet.had_surgery,
    )


def still_needed(statuses: dict[str, str]) -> list[records.Item]:
    """Items still marked (or left at) "Still need"."""
    return [item for item in records.ITEMS if statuses.get(item.key, Status.NEED) == Status.NEED]


def letter_language(packet: Packet) -> str:
    """The patient's choice, or, before they choose, what their page suggests:
    English on English pages, Spanish and English on Spanish pages."""
    if packet.letter_language:
        return packet.letter_language
    return LetterLanguage.SPANISH if get_language() == "es" else LetterLanguage.ENGLISH


def letters(
    packet: Packet,
    today: date,
    statuses: dict[str, str] | None = None,
    answers: dict[str, str] | None = None,
) -> list[Letter]:
    """The letters to send, always in English (a US records office may not
    read Spanish); each carries its Spanish version when the patient wants one."""
    if statuses is None or answers is None:
        rows = saved(packet)
        answers = rows.answers
        statuses = {key: status for key, (status, _note) in rows.entries.items()}
    needed, details = still_needed(statuses), details_of(packet, answers)
    with translation.override("en"):
        to_send = build_letters(needed, details, today)
    if letter_language(packet) != LetterLanguage.SPANISH:
        return to_send
    with translation.override("es"):
        for_me = build_letters(needed, details, today, reading_copy=True)
    return [replace(letter, own=mine) for letter, mine in zip(to_send, for_me, strict=True)]


# --- Records requests ------------------------------------------------------------


@dataclass
class RequestView:
    """One records request on the tracker: the saved row (or a blank one),
    where it stands today and the records its letter asked for."""

    row: RecordRequest
    state: tracker.State
    items: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        return self.row.kind

    @property
    def heading(self) -> str:
        return str(TITLES[self.kind])

    @property
    def holder(self) -> str:
        return str(tracker.HOLDERS[self.kind])

    @property
    def has_clock(self) -> bool:
        return tracker.has_clock(self.kind)

    @property
    def saved(self) -> bool:
        return self.row.pk is not None


def requested_kinds(packet: Packet, statuses: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Each holder a letter asks (or asked) for records, with those records'
    keys: items still needed, and those marked "Asked for it" since."""
    asked = [
        item
        for item in records.ITEMS
        if statuses.get(item.key, Status.NEED) in (Status.NEED, Status.ASKED)
    ]
    return {plan.kind: plan.items for plan in plan_letters(asked, details_of(packet))}


def request_views(
    packet: Packet, today: date, statuses: dict[str, str], rows: list[RecordRequest]
) -> list[RequestView]:
    """One view per letter the packet has, and per request already saved, in
    letter order."""
    planned = requested_kinds(packet, statuses)
    by_kind = {row.kind: row for row in rows}
    views = []
    for kind in tracker.KINDS:
        if kind not in planned and kind not in by_kind:
            continue
        row = by_kind.get(kind) or RecordRequest(packet=packet, kind=kind)
        views.append(
            RequestView(
                row,
                tracker.state(today, row.sent_on, row.promised_by, row.more_time, row.received),
                planned.get(kind, ()),
            )
        )
    return views


def record_requests(packet: Packet, today: date) -> list[RequestView]:
    """The tracker's requests: the checklist's statuses and the saved rows."""
    return request_views(packet, today, statuses_of(packet), _requests(packet.pk))


# --- Insurance -----------------------------------------------------------------


def insurance(packet: Packet) -> InsuranceCall | None:
    calls = _calls(packet.pk)
    return calls[0] if calls else None


# --- The task list -------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    key: str
    title: str
    url: str
    status: str
    hint: str = ""
    # A word that must stand out (an overdue request), not by color alone.
    alert: str = ""

    @property
    def status_label(self) -> str:
        return str(TASK_STATUS_LABELS[self.status])


def _status(started: bool, done: bool) -> str:
    return DONE if done else IN_PROGRESS if started else NOT_STARTED


def task_order() -> list[tuple[str, str]]:
    """(task key, address) in the order the task list shows them."""
    return list(_task_order(get_script_prefix(), get_language()))


@cache
def _task_order(prefix: str, language: str | None) -> tuple[tuple[str, str], ...]:
    # Addresses never change while the process runs: reverse them once.
    order = [("answers", reverse("checklists:answers"))]
    order += [
        (f"records-{group.key}", reverse("checklists:records", args=[group.key]))
        for group in records.GROUPS
    ]
    order += [
        ("questions", reverse("checklists:questions")),
        ("details", reverse("checklists:details")),
        ("letter", reverse("checklists:letter")),
        ("requests", reverse("checklists:requests")),
        ("insurance", reverse("checklists:insurance")),
        ("check", reverse("checklists:check")),
    ]
    return tuple(order)


def next_task_url(after: str) -> str:
    order = task_order()
    keys = [key for key, _url in order]
    return order[min(keys.index(after) + 1, len(order) - 1)][1]


@dataclass
class TaskList:
    answers: dict[str, str]
    tasks: list[Task]
    records: list[Task]
    ready: records.Progress

    @property
    def urgent(self) -> bool:
        return decision.urgent(self.answers)

    @property
    def sections(self) -> list[tuple[str, list[Task]]]:
        """The tasks under their headings, in order (the last is check and download)."""
        return [
            (gettext("Before you start"), self.tasks[:1]),
            (gettext("Records to gather"), self.records),
            (gettext("Get ready for the visit"), self.tasks[1 + len(self.records) :]),
        ]


def _requests_task(
    packet: Packet, url: str, entries: dict[str, str], requests: list[RecordRequest]
) -> Task:
    """Tracking the letters: done when everything each letter asked for came."""
    views = request_views(packet, timezone.localdate(), entries, requests)
    sent = [view for view in views if view.row.sent_on]
    late = sum(1 for view in views if view.state.overdue)
    if late:
        hint = gettext("%(count)d overdue") % {"count": late}
    else:
        hint = gettext("%(sent)d of %(total)d sent") % {"sent": len(sent), "total": len(views)}
    return Task(
        "requests",
        _("Track your records requests"),
        url,
        _status(bool(sent), bool(views) and all(v.state.code == tracker.ALL for v in views)),
        hint if views else "",
        gettext("Overdue") if late else "",
    )


def tasks(packet: Packet) -> TaskList:
    """Each task with its status, from one query of the saved rows (no
    rendering of items), and one of the records requests (three rows at most)."""
    rows = saved(packet, questions=True, call=True)
    requests = _requests(packet.pk)
    answers = rows.answers
    entries = {key: status for key, (status, _note) in rows.entries.items()}
    question_count = len(rows.questions)
    urls = dict(task_order())

    record_tasks = []
    for group in records.GROUPS:
        items = records.ITEMS_BY_GROUP[group.key]
        started = any(item.key in entries for item in items)
        ready = sum(1 for item in items if records.is_ready(entries.get(item.key, Status.NEED)))
        record_tasks.append(
            Task(
                f"records-{group.key}",
                group.title,
                urls[f"records-{group.key}"],
                _status(started, ready == len(items)),
                gettext("%(ready)d of %(total)d ready") % {"ready": ready, "total": len(items)},
            )
        )
    ready_total = records.Progress(
        sum(1 for item in records.ITEMS if records.is_ready(entries.get(item.key, Status.NEED))),
        len(records.ITEMS),
    )
    request_fields = [
        packet.name,
        packet.date_of_birth,
        packet.address,
        packet.phone,
        packet.records_office,
        packet.records_office_address,
    ]
    other_fields = [packet.cancer_type, packet.first_doctor, packet.doctor_contact, packet.center]
    call_answers = list(rows.call or ())
    task_list = [
        Task(
            "answers",
            _("Your answers from the questionnaire"),
            urls["answers"],
            _status(bool(answers), decision.questionnaire_complete(answers)),
        ),
        *record_tasks,
        Task(
            "questions",
            _("Questions to ask"),
            urls["questions"],
            _status(question_count > 0, packet.questions_done),
            gettext("%(count)d chosen") % {"count": question_count},
        ),
        Task(
            "details",
            _("Your details for the letter"),
            urls["details"],
            _status(any(request_fields + other_fields), all(request_fields)),
        ),
        Task(
            "letter",
            _("Letters to request your records"),
            urls["letter"],
            _status(
                bool(packet.delivery or packet.record_format or packet.had_surgery),
                bool(packet.delivery and packet.record_format),
            ),
        ),
        _requests_task(packet, urls["requests"], entries, requests),
        Task(
            "insurance",
            _("Call your insurance company"),
            urls["insurance"],
            _status(rows.call is not None, bool(call_answers) and all(call_answers)),
        ),
    ]
    return TaskList(answers, task_list, record_tasks, ready_total)


# --- Everything, for the PDF ---------------------------------------------------


@dataclass
class PacketView:
    """The whole packet for the PDF. Exposes .urgent, .assessment and .answers
    for the questionnaire's includes."""

    packet: Packet
    today: date
    checklist: ChecklistView
    questions: list[PacketQuestion]
    # Which letters there are and what each asks for: the letters themselves
    # are PDFs of their own (printing/letters.py).
    letters: list[Planned]
    call: InsuranceCall | None
    result: ResultView
    requests: list[RequestView] = field(default_factory=list)

    @property
    def urgent(self) -> bool:
        return self.result.urgent

    @property
    def assessment(self) -> scoring.Assessment | None:
        return self.result.assessment

    @property
    def answers(self) -> dict[str, str]:
        return self.result.answers

    @property
    def groups(self) -> list[GroupView]:
        return self.checklist.groups

    @property
    def progress(self) -> records.Progress:
        return self.checklist.progress


@dataclass(frozen=True)
class CheckRow:
    """One line of the check page: what it is, what will print, where to change it."""

    label: str
    value: str
    change: str

    @property
    def missing(self) -> bool:
        return not self.value


def _shown(value, display: str = "") -> str:
    if not value:
        return ""
    if isinstance(value, date):
        return long_date(value)
    return display or str(value).strip()


def _rows(instance, form_class, names, url: str) -> list[CheckRow]:
    rows = []
    for name in names:
        field = form_class.base_fields[name]
        value = getattr(instance, name, None) if instance is not None else None
        display = getattr(instance, f"get_{name}_display", lambda: "")() if value else ""
        anchor = f"id_{name}_0" if hasattr(field, "choices") else f"id_{name}"
        rows.append(CheckRow(str(field.label), _shown(value, str(display)), f"{url}#{anchor}"))
    return rows


def check_sections(packet: Packet, call: InsuranceCall | None) -> list[tuple[str, list[CheckRow]]]:
    """Everything the letters and the PDF print from the forms, under the
    forms' own headings, each line with its change link (GOV.UK "check
    answers")."""
    details, letter, insurance = (
        reverse("checklists:details"),
        reverse("checklists:letter"),
        reverse("checklists:insurance"),
    )
    sections = [
        (str(heading), _rows(packet, DetailsForm, names, details))
        for heading, names in DETAILS_SECTIONS
    ]
    sections.append(
        (gettext("Your letter choices"), _rows(packet, LetterForm, LetterForm.Meta.fields, letter))
    )
    sections.append(
        (
            gettext("Insurance call"),
            _rows(call, InsuranceCallForm, InsuranceCallForm.Meta.fields, insurance),
        )
    )
    return sections


@dataclass
class CheckView:
    """What the check page lists: each part of the PDF in a line or two, and
    only the rows that takes (no letter wording, no values, no SURE test)."""

    packet: Packet
    answers: dict[str, str]
    checklist: ChecklistView
    questions: list[PacketQuestion]
    letters: list[Planned]
    call: InsuranceCall | None
    send_by: date | None = None
    requests: list[RequestView] = field(default_factory=list)

    @property
    def sections(self) -> list[tuple[str, list[CheckRow]]]:
        return check_sections(self.packet, self.call)

    @property
    def urgent(self) -> str:
        return decision.urgent(self.answers)

    @property
    def assessment(self) -> scoring.Assessment | None:
        return assessment_of(self.answers)

    @property
    def groups(self) -> list[GroupView]:
        return self.checklist.groups


def _answers_and_checklist(packet: Packet) -> tuple[dict[str, str], ChecklistView, dict]:
    """The answers, the whole checklist and each item's status, from one query."""
    rows = saved(packet)
    checks = checklist(rows.answers, rows.entries)
    statuses = {iv.key: iv.status for group in checks.groups for iv in group.items}
    return rows.answers, checks, statuses


def check_summary(packet: Packet, today: date) -> CheckView:
    answers, checks, statuses = _answers_and_checklist(packet)
    own = letter_language(packet) == LetterLanguage.SPANISH
    details = details_of(packet, answers)
    return CheckView(
        packet=packet,
        answers=answers,
        checklist=checks,
        questions=_chosen_questions(packet),
        letters=plan_letters(still_needed(statuses), details, own),
        call=insurance(packet),
        send_by=details.send_by or default_send_by(today, details.appointment_date, details.urgent),
        requests=_saved_requests(packet, statuses, today),
    )


def whole_packet(packet: Packet, today: date) -> PacketView:
    answers, checks, statuses = _answers_and_checklist(packet)
    return PacketView(
        packet=packet,
        today=today,
        checklist=checks,
        questions=_chosen_questions(packet),
        letters=plan_letters(
            still_needed(statuses),
            details_of(packet, answers),
            letter_language(packet) == LetterLanguage.SPANISH,
        ),
        call=insurance(packet),
        result=result(packet, answers),
        requests=_saved_requests(packet, statuses, today),
    )


def _saved_requests(
    packet: Packet, statuses: dict[str, str], today: date | None = None
) -> list[RequestView]:
    """The requests with something saved, for the check page and the PDF."""
    rows = _requests(packet.pk)
    if not rows:
        return []
    views = request_views(packet, today or timezone.localdate(), statuses, rows)
    return [view for view in views if view.saved]
