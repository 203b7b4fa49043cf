from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "checklists/soon.html", {"section": "questionnaire"})


@require_safe
def packet(request: HttpRequest) -> HttpResponse:
    return render(request, "checklists/soon.html", {"section": "packet"})
