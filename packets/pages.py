"""Every page about the packet, whichever app draws it, renders through here:
the header marks "Your packet", and the pages can say how long it is kept."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_packet_page(
    request: HttpRequest, template: str, context: dict, status: int = 200
) -> HttpResponse:
    context = {"section": "packet", "max_days": settings.PACKET_MAX_IDLE_DAYS, **context}
    return render(request, template, context, status=status)
