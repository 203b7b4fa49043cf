"""The check page's long lists, in the GOV.UK summary-list shape:
``{% load check_rows %}``, then ``{% record_rows view.groups can_edit %}``
and ``{% detail_rows rows can_edit %}``.

Written in Python rather than as loops in check.html: the page lists every
record and every detail the PDF and letters print, some sixty rows, and the
template engine spent more on them than on the rest of the page. Each row is
a ``<div class="summary-row">`` of a ``<dt>``, a ``<dd>`` and, for someone
who may edit, a "Change" link naming what it changes for screen readers.
"""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from checklists.letter import long_date
from core.markup import esc

register = template.Library()

# Every piece is escaped (esc, or linebreaksbr with autoescape).


def _row(label: str, value_html: str, change: str | None, change_word: str) -> str:
    link = (
        f'<dd class="summary-change"><a href="{esc(change)}">{change_word}'
        f'<span class="visually-hidden"> {esc(label)}</span></a></dd>'
        if change
        else ""
    )
    return (
        f'<div class="summary-row">\n<dt>{esc(label)}</dt>\n<dd>{value_html}</dd>\n{link}\n</div>\n'
    )


@register.simple_tag
def record_rows(groups, can_edit: bool) -> SafeString:
    """Each group of records: every record's status, and its note if any."""
    change_word, note_word = esc(gettext("Change")), esc(gettext("Note:"))
    rows = []
    for group_view in groups:
        items = "".join(
            f"<li>{esc(item_view.item.title)}: <strong>{esc(item_view.status_label)}</strong>"
            + (f". {note_word} {esc(item_view.note)}" if item_view.note else "")
            + "</li>"
            for item_view in group_view.items
        )
        group = group_view.group
        change = reverse("checklists:records", args=[group.key]) if can_edit else None
        rows.append(_row(group.title, f'<ul class="plain-list">{items}</ul>', change, change_word))
    return mark_safe("".join(rows))  # noqa: S308


@register.simple_tag
def letters_value(letters, send_by) -> SafeString:
    """The letters row's value: each letter with its number of records and
    kind of request, and the date they ask for; or that none is left."""
    if not letters:
        return mark_safe(esc(gettext("Nothing left to request.")))  # noqa: S308
    with_copy = ". " + esc(gettext("In English to send, with a Spanish copy for you"))
    items = []
    for letter in letters:
        count = len(letter.items)
        title = ngettext(
            "%(title)s (%(records)s record)", "%(title)s (%(records)s records)", count
        ) % {"title": letter.heading, "records": count}
        own = with_copy if letter.own else ""
        items.append(f"<li>{esc(title)}: {esc(letter.basis_label)}{own}</li>")
    day = gettext("They ask for the records by %(day)s.") % {
        "day": long_date(send_by) if send_by else ""
    }
    return mark_safe(  # noqa: S308
        f'<ul class="plain-list">{"".join(items)}</ul>\n      <p>{esc(day)}</p>'
    )


@register.simple_tag
def detail_rows(rows, can_edit: bool) -> SafeString:
    """What the forms hold (presenters.CheckRow): a value, or "Not given"."""
    change_word = esc(gettext("Change"))
    missing = f'<span class="summary-missing">{esc(gettext("Not given"))}</span>'
    return mark_safe(  # noqa: S308
        "".join(
            _row(
                row.label,
                missing if row.missing else linebreaksbr(row.value, autoescape=True),
                row.change if can_edit else None,
                change_word,
            )
            for row in rows
        )
    )
