from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from centers import data
from centers.finder import nearest
from centers.forms import FinderForm
from centers.models import Center
from packets import access
from packets.models import TEXT_MAX, Packet


@require_safe
def finder(request: HttpRequest) -> HttpResponse:
    """ZIP code in, nearest centers out. Needs no packet and sets no cookie:
    the page has no POST form (a center is chosen on its own page)."""
    searched = "zip" in request.GET
    form = FinderForm(request.GET if searched else None)
    result = None
    if searched and form.is_valid():
        result = nearest(
            form.cleaned_data["zip"],
            within=form.cleaned_data["within"],
            remote_only=form.cleaned_data["remote"],
        )
    response = render(
        request,
        "centers/finder.html",
        {"form": form, "result": result, "source": data.source(), "section": "centers"},
    )
    if searched:
        # The ZIP code is in this page: no cache (ours, a proxy's or the
        # browser's disk) keeps a copy.
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    center = get_object_or_404(Center.for_patients, slug=slug)
    return render(
        request,
        "centers/detail.html",
        {"center": center, "source": data.source(), "section": "centers"},
    )


@require_POST
def use(request: HttpRequest, slug: str) -> HttpResponse:
    """Put the center in the packet's details (a packet is started if this
    browser has none; a view-only browser is refused). The ZIP code the
    patient searched with is not sent here and is never kept."""
    center = get_object_or_404(Center.for_patients, slug=slug)
    packet = access.start_packet(request)
    Packet.objects.filter(pk=packet.pk).update(
        center=center.name[:TEXT_MAX], center_website=center.website
    )
    packet.touch()
    messages.success(
        request,
        _(
            "%(name)s is now the center in your details. Check its website for the "
            "address or fax your letters should go to."
        )
        % {"name": center.name},
    )
    return redirect("checklists:details")
