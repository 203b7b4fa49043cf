"""The questionnaire's addresses, one per step of the declared flow (see flow.py)."""

from django.urls import path
from django.views.generic import RedirectView

from questionnaire import flow, views

app_name = "questionnaire"
urlpatterns = [
    path("questionnaire/", views.start, name="start"),
    path("questionnaire/restart/", views.restart, name="restart"),
    *(
        path(f"questionnaire/{step.path}", views.step, {"key": step.key}, name=step.name)
        for step in flow.STEPS
    ),
    *(
        path(
            f"questionnaire/{old}/",
            RedirectView.as_view(pattern_name=f"questionnaire:{new}", permanent=True),
        )
        for old, new in flow.MOVED.items()
    ),
]
