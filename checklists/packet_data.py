"""Everything a packet page, the letter and the PDF show, gathered in a few queries."""

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from checklists import decision, records, scoring, situations
from checklists.letter import Letter, build_letter
from checklists.models import (
    ChecklistEntry,
    InsuranceCall,
    Packet,
    PacketQuestion,
    Status,
    ValueRating,
)

STATUS_LABELS = dict(Status.choices)
STATUS_CHOICES = Status.choices


@lru_cache(maxsize=256)
def _item_text(key: str, language: str) -> tuple[str, str, str, str, str]:
    item = records.ITEMS_BY_KEY[key]
    action = reverse("checklists:save_item", args=[key])
    return str(item.title), str(item.what), str(item.where), str(item.holder), action


@lru_cache(maxsize=512)
def _radios(key: str, chosen: str, language: str) -> str:
    """The four status radios for one item, like a form widget's markup."""
    return format_html_join(
        "\n",
        '<span class="status-choice"><input type="radio" name="status" id="status-{0}-{1}"'
        ' value="{1}"{2}> <label for="status-{0}-{1}">{3}</label></span>',
        (
            (key, value, mark_safe(" checked") if value == chosen else "", label)
            for value, label in STATUS_CHOICES
        ),
    )


@dataclass
class ItemView:
    item: records.Item
    status: str
    note: str
    form: object = None
    because: tuple[str, ...] = ()
    because_mine: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Plain strings, the form's address and the radios, built once per
        # language (and per chosen status) rather than on every page view:
        # the packet page shows sixteen items.
        language = get_language()
        self.key = self.item.key
        self.title, self.what, self.where, self.holder, self.action = _item_text(self.key, language)
        chosen = self.form.data.get("status") if self.form else self.status
        self.radios_html = _radios(self.key, chosen if chosen in STATUS_LABELS else "", language)
        self.note_value = self.form.data.get("note", "") if self.form else self.note

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def choices(self) -> list[tuple[str, str]]:
        return Status.choices

    @property
    def ready(self) -> bool:
        return records.is_ready(self.status)


@dataclass
class GroupView:
    group: records.Group
    items: list[ItemView]
    progress: records.Progress


@dataclass
class PacketView:
    packet: Packet
    groups: list[GroupView]
    progress: records.Progress
    questions: list[PacketQuestion]
    suggestions: list[records.SuggestedQuestion]
    assessment: scoring.Assessment | None
    still_needed: list[records.Item]
    letter: Letter
    answers: dict[str, str] = field(default_factory=dict)
    values: list = field(default_factory=list)
    sure: list = field(default_factory=list)
    sure_gaps: list = field(default_factory=list)
    urgent: bool = False
    call: InsuranceCall | None = None

    def item(self, key: str) -> ItemView:
        return next(iv for group in self.groups for iv in group.items if iv.key == key)


def gather(packet: Packet, today: date, forms: dict[str, object] | None = None) -> PacketView:
    entries = {e.item_key: e for e in ChecklistEntry.objects.filter(packet=packet)}
    answers = dict(packet.answers.values_list("key", "value"))
    # The checklist follows the answers: items that matter more are flagged.
    flagged = records.highlights(answers)
    statuses = {key: entry.status for key, entry in entries.items()}
    overall, per_group = records.progress(statuses)
    forms = forms or {}
    groups = []
    for group in records.GROUPS:
        items = []
        for item in records.ITEMS:
            if item.group != group.key:
                continue
            entry = entries.get(item.key)
            items.append(
                ItemView(
                    item=item,
                    status=entry.status if entry else Status.NEED,
                    note=entry.note if entry else "",
                    form=forms.get(item.key),
                    because=tuple(
                        situations.phrase(key, answers[key]) for key in flagged.get(item.key, ())
                    ),
                    because_mine=tuple(
                        situations.phrase(key, answers[key], mine=True)
                        for key in flagged.get(item.key, ())
                    ),
                )
            )
        groups.append(GroupView(group, items, per_group[group.key]))
    questions = list(PacketQuestion.objects.filter(packet=packet))
    used = {q.suggestion_key for q in questions}
    complete = decision.questionnaire_complete(answers)
    still_needed = [
        item for item in records.ITEMS if statuses.get(item.key, Status.NEED) == Status.NEED
    ]
    # The letter asks the first doctor's office only for what it can send.
    to_request = [item for item in still_needed if item.requestable]
    letter = build_letter(
        name=packet.name,
        first_doctor=packet.first_doctor,
        doctor_contact=packet.doctor_contact,
        center=packet.center,
        appointment_date=packet.appointment_date,
        still_needed=to_request,
        today=today,
    )
    return PacketView(
        packet=packet,
        groups=groups,
        progress=overall,
        questions=questions,
        suggestions=[q for q in records.SUGGESTED_QUESTIONS if q.key not in used],
        assessment=scoring.assess(answers) if complete else None,
        still_needed=still_needed,
        letter=letter,
        answers=answers,
        values=decision.ranked_values(
            dict(ValueRating.objects.filter(packet=packet).values_list("key", "rating"))
        ),
        sure=[
            (item, str(dict(decision.SURE_CHOICES)[answers[item.key]]))
            for item in decision.SURE_ITEMS
            if answers.get(item.key) in dict(decision.SURE_CHOICES)
        ],
        sure_gaps=decision.sure_gaps(answers),
        urgent=decision.urgent(answers),
        call=InsuranceCall.objects.filter(packet=packet).first(),
    )
