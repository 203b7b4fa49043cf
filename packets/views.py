"""Open the packet on another device, or share it (pairing codes and the
browsers they attached), and delete it for good.

The code appears once, in the page that answers the POST that made it: never
in a URL, so never in an access log. The QR code links to the plain entry
page (no code in it at all); the code is typed there.
"""

import segno
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core import held
from packets import access, pairing
from packets.forms import JoinForm, ShareForm
from packets.models import Device, Packet
from packets.pages import render_packet_page

PAGE_METHODS = ["GET", "HEAD", "POST"]


def _qr_svg(url: str) -> str:
    """A QR code of ``url`` as inline SVG, drawn here (nothing from other hosts)."""
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(scale=5, border=2, dark="#000", light="#fff", omitsize=False)
    return mark_safe(svg)  # noqa: S308 - our own drawing of our own URL


@require_http_methods(PAGE_METHODS)
@never_cache
@access.with_packet("checklists:packet")
def share(request: HttpRequest, current: Packet) -> HttpResponse:
    """Make a code; see the browsers attached and remove any, or all."""
    form = ShareForm()
    if (refused := held.take(request)) is not None:
        form = ShareForm(refused.data)
        form.is_valid()
    code = None
    error = None
    if request.method == "POST":
        action = request.POST.get("action", "code")
        if action == "remove":
            Device.objects.filter(packet=current, pk=_int(request.POST.get("device"))).delete()
            return redirect(reverse("packets:share") + "#browsers")
        if action == "remove_all":
            Device.objects.filter(packet=current).delete()
            current.pairing_codes.filter(used_at__isnull=True).delete()
            return redirect(reverse("packets:share") + "#browsers")
        form = ShareForm(request.POST)
        if not form.is_valid():
            return held.refused(request)
        try:
            code = pairing.create(
                current, form.cleaned_data["rights"] == "edit", form.cleaned_data["label"]
            )
        except pairing.TooManyCodes:
            error = _(
                "You have made as many codes as you can for now. Wait 15 minutes, "
                "or remove a browser you no longer use."
            )
    join_url = request.build_absolute_uri(reverse("packets:join"))
    context = {
        "form": form,
        "error": error,
        "devices": list(current.devices.all()),
        "this_device": request.session.get(access.DEVICE_KEY),
        "minutes": pairing.CODE_MINUTES,
        "join_url": join_url,
    }
    if code is not None:
        context.update(
            code=pairing.display(code),
            can_edit=form.cleaned_data["rights"] == "edit",
            qr=_qr_svg(join_url),
        )
        return render_packet_page(request, "packets/share_code.html", context)
    return render_packet_page(
        request, "packets/share.html", context, status=200 if error is None else 429
    )


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return 0


@require_http_methods(PAGE_METHODS)
@never_cache
def join(request: HttpRequest) -> HttpResponse:
    """I have a code: a plain form; the right code attaches this browser."""
    form = JoinForm()
    if request.method == "POST" and request.POST.get("action") == "leave":
        device_id = request.session.get(access.DEVICE_KEY)
        if device_id is not None:
            Device.objects.filter(pk=device_id).delete()
        request.session.flush()
        return redirect("packets:join")
    # Only a browser with its own packet is asked before a code replaces it.
    owns = access.owns_a_packet(request)
    if (refused := held.take(request)) is not None:
        form = JoinForm(refused.data)
        form.is_valid()
        for message in refused.errors.get("code", []):
            form.add_error("code", message)
    if request.method == "POST":
        form = JoinForm(request.POST)
        if form.is_valid() and owns and "replace" not in request.POST:
            # Opening the other packet leaves this browser's own behind: ask
            # first. The code is not used until the patient chooses.
            return render_packet_page(
                request,
                "packets/join_confirm.html",
                {"code": form.cleaned_data["code"], "days": settings.PACKET_MAX_IDLE_DAYS},
            )
        if form.is_valid():
            try:
                joined = pairing.redeem(request, form.cleaned_data["code"])
            except pairing.TooManyTries as limit:
                response = render_packet_page(request, "packets/join_too_many.html", {}, status=429)
                response["Retry-After"] = str(limit.retry_after)
                return response
            except pairing.PacketFull:
                full = _(
                    "This packet is already open on %(count)d browsers, as many as it can be. "
                    "Ask the person who shared it to remove one they no longer use, then to "
                    "make a new code."
                ) % {"count": pairing.DEVICES_MAX}
                return held.refused(request, errors={"code": [full]})
            if joined is not None:
                access.attach(request, joined.packet_id, joined.device_id)
                return redirect("checklists:packet")
            wrong = _(
                "That code does not work. Check it and try again. A code works "
                "only once, for 15 minutes. If it is old, ask for a new one."
            )
            return held.refused(request, errors={"code": [wrong]})
        return held.refused(request)
    return render_packet_page(
        request,
        "packets/join.html",
        {
            "form": form,
            "has_packet": owns,
            "attached": request.session.get(access.DEVICE_KEY) is not None,
        },
    )


@require_http_methods(PAGE_METHODS)
@never_cache
def delete(request: HttpRequest) -> HttpResponse:
    """Delete my packet: a confirmation page, then a POST that removes every row."""
    current = access.current_packet(request)
    if request.method == "GET" or request.method == "HEAD":
        return render_packet_page(
            request,
            "packets/delete.html",
            {"has_packet": current is not None, "can_edit": current is None or current.can_edit},
        )
    if current is not None:
        # Every row goes with it (CASCADE); its cached PDFs and the SQLite
        # scrub follow the delete (printing.cache, packets.scrub).
        current.delete()
    request.session.flush()
    response = render_packet_page(request, "packets/deleted.html", {})
    response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response
