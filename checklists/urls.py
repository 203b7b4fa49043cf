from django.urls import path

from checklists import views

app_name = "checklists"
urlpatterns = [
    path("questionnaire/", views.start, name="start"),
    path("questionnaire/check/", views.check, name="check"),
    path("questionnaire/result/", views.result, name="result"),
    path("questionnaire/restart/", views.restart, name="restart"),
    path("questionnaire/<slug:key>/", views.question, name="question"),
    path("packet/", views.packet, name="packet"),
]
