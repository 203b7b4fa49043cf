"""The home page, and the bench's patient-page floor."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from guides.views import public_page
from packets.access import current_packet
from questionnaire import flow


@require_safe
@public_page
def home(request: HttpRequest) -> HttpResponse:
    # The questionnaire's effort comes from its declaration, in either language.
    return render(request, "home.html", {"steps": flow.TOTAL_STEPS, "minutes": flow.MINUTES})


@require_safe
@cache_control(no_store=True)
def bench_session_floor(request: HttpRequest) -> HttpResponse:
    """The least a patient's page can cost (only with DJANGO_BENCH_FLOOR): the
    session, the packet's query and the site's frame around one line."""
    packet = current_packet(request)
    return render(request, "bench_session_floor.html", {"section": "packet", "packet": packet})
