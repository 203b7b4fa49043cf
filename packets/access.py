"""Which packet belongs to this browser, and the writes that keep rows apart.

The session stores the packet id and, for a browser attached with a pairing
code, the id of its Device row. No URL ever names a packet, so another
browser can never reach one. The browser that started the packet can always
change it; an attached browser only while its Device row exists, and only
when that row says it can edit.

Every write goes through ``current_packet`` (or the questionnaire's
``packet_and_answers``, built on ``packet_query`` and ``admit``) with a
POST, and both refuse it (ViewOnly: a 403 page, middleware) for a view-only
browser: the one place view-only is enforced.
"""

import functools
import re
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, F, QuerySet, Value
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core import held
from core.errors import RefusedPage
from packets import limits
from packets.models import Packet

SESSION_KEY = "packet_id"
DEVICE_KEY = "device_id"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class ViewOnly(RefusedPage, PermissionDenied):
    """A view-only browser tried to change the packet (shown as a 403 page)."""

    template = "packets/view_only.html"
    status = 403


def packets_of(request: HttpRequest) -> QuerySet | None:
    """This browser's packet as a query, with ``can_edit`` on it; None without one.

    An attached browser's packet is found only through its Device row, in the
    same query: once the row is removed (or the packet deleted) it finds none.
    """
    packet_id = request.session.get(SESSION_KEY)
    if packet_id is None:
        return None
    return packet_query(packet_id, request.session.get(DEVICE_KEY))


def packet_query(packet_id: int, device_id: int | None = None) -> QuerySet:
    """The packet with ``can_edit`` on it: always for the browser that started
    it (no ``device_id``), through its Device row for an attached one."""
    packets = Packet.objects.filter(pk=packet_id)
    if device_id is None:
        return packets.annotate(can_edit=Value(True, output_field=BooleanField()))
    return packets.filter(devices__pk=device_id).annotate(can_edit=F("devices__can_edit"))


def admit(request: HttpRequest, can_edit: bool) -> None:
    """Let this browser's request at its packet through, or refuse it.

    Any request that could change the packet is refused for a view-only
    browser (ViewOnly). A POST restarts the session's clock, so a packet in
    use lasts PACKET_MAX_IDLE_DAYS from the last change, as the pages promise.
    """
    if request.method not in SAFE_METHODS and not can_edit:
        raise ViewOnly("this browser can only view the packet")
    if request.method == "POST":
        request.session.modified = True


def current_packet(request: HttpRequest) -> Packet | None:
    """This browser's packet, or None when it has none (or it was deleted, or
    this browser was removed from it). Raises ViewOnly for a write by a
    view-only browser."""
    packets = packets_of(request)
    if packets is None:
        return None
    packet = packets.first()
    if packet is None:
        forget_gone_packet(request)
        return None
    admit(request, packet.can_edit)
    return packet


def forget_gone_packet(request: HttpRequest) -> None:
    """The session names a packet this browser can no longer open: say why,
    once, and forget it (the next page offers a fresh start).

    An attached browser was removed, or the packet was deleted for everyone;
    the browser that started it saw it deleted elsewhere, or purged after
    PACKET_MAX_IDLE_DAYS unused.
    """
    attached = request.session.get(DEVICE_KEY) is not None
    request.session.pop(SESSION_KEY, None)
    request.session.pop(DEVICE_KEY, None)
    if attached:
        message = _(
            "This packet is no longer shared with this browser. The person who shared "
            "it removed this browser, or deleted the packet. Ask them for a new code, "
            "or start a packet of your own."
        )
    else:
        message = _(
            "Your packet is gone. It was deleted, maybe on another device you shared it "
            "with, or it was not used for %(days)d days."
        ) % {"days": settings.PACKET_MAX_IDLE_DAYS}
    messages.info(request, message)


def owns_a_packet(request: HttpRequest) -> bool:
    """This browser started a packet that still exists (it was not attached with a code)."""
    if request.session.get(DEVICE_KEY) is not None:
        return False
    packet_id = request.session.get(SESSION_KEY)
    return packet_id is not None and Packet.objects.filter(pk=packet_id).exists()


VIEW_ONLY_HOME = "checklists:check"  # the read-only view of the whole packet


def with_packet(missing: str, viewable: bool = False) -> Callable:
    """View decorator: call the view with this browser's packet as its second
    argument, or redirect to the URL named ``missing`` when it has none.

    A view-only browser is sent to the read-only packet page instead, unless
    the view is ``viewable`` (it shows no change controls).
    """

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            packet = current_packet(request)
            if packet is None:
                if request.method == "POST":
                    return session_ended(request)
                return redirect(missing)
            if not packet.can_edit and not viewable:
                return redirect(VIEW_ONLY_HOME)
            return view(request, packet, *args, **kwargs)

        return wrapper

    return decorate


# Form fields that are the page's, not the patient's.
_TECHNICAL = ("csrfmiddlewaretoken", "action", "change", "replace", "drawn-", "keep-")
# A lowercase word or a number is a choice's value ("have", "yes", a rating), unless
# the field is one a patient types into.
_TOKEN = re.compile(r"[a-z_0-9]{1,12}")
_TYPED_FIELDS = re.compile(
    r"note|name|address|phone|text|question|contact|office|center|type|doctor|spoke|"
    r"reference|label|code|date|website|mine-"
)


def typed_values(request: HttpRequest) -> list[str]:
    """What the patient typed into a form this browser can no longer save:
    every non-empty value but the page's own fields and choice tokens."""
    values = []
    for name, items in request.POST.lists():
        if name.startswith(_TECHNICAL):
            continue
        for value in items:
            value = value.strip()
            typed = _TYPED_FIELDS.search(name) or not _TOKEN.fullmatch(value)
            if value and typed and value not in values:
                values.append(value)
    return values


def session_ended(request: HttpRequest) -> HttpResponse:
    """A save from a browser whose session (and so its packet) has ended:
    never a silent redirect. A full page shows back what was typed; an
    autosave says so in the page's live region."""
    message = _(
        "Not saved: your session has ended, so this browser no longer opens your "
        "packet. Copy what you typed, then start again or enter a code."
    )
    if request.headers.get("HX-Request"):
        # The page stays as it is (what was typed stays in its boxes); a
        # notice at its top and in its live region says why nothing saves.
        response = render(request, "packets/session_ended_notice.html", {"message": message})
        response["X-Autosave"] = "refused"
        response["HX-Reswap"] = "none"
        return response
    return render(
        request,
        "packets/session_ended.html",
        {"typed": typed_values(request), "days": settings.PACKET_MAX_IDLE_DAYS},
    )


def start_packet(request: HttpRequest) -> Packet:
    """This browser's packet, created (with a fresh session key) if it has none."""
    packet = current_packet(request)
    if packet is not None:
        return packet
    limits.check_packet_creation(request)  # TooManyPackets: a 429 page (middleware)
    packet = Packet.objects.create()
    request.session.cycle_key()
    request.session.pop(DEVICE_KEY, None)  # a removed browser starts afresh, as the owner
    request.session.pop(held.SESSION_KEY, None)  # forms held for the packet before
    request.session[SESSION_KEY] = packet.pk
    packet.can_edit = True
    return packet


def attach(request: HttpRequest, packet_id: int, device_id: int) -> None:
    """Make this browser one of the packet's devices (after a pairing code)."""
    request.session.cycle_key()
    request.session.pop(held.SESSION_KEY, None)  # forms held for the packet before
    request.session[SESSION_KEY] = packet_id
    request.session[DEVICE_KEY] = device_id
