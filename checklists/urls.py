from django.urls import path

from checklists import views

app_name = "checklists"
urlpatterns = [
    path("questionnaire/", views.start, name="start"),
    path("packet/", views.packet, name="packet"),
]
