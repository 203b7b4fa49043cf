from django.urls import path

from questionnaire import views

app_name = "questionnaire"
urlpatterns = [
    path("questionnaire/", views.start, name="start"),
    path("questionnaire/check/", views.check, name="check"),
    path("questionnaire/result/", views.result, name="result"),
    path("questionnaire/restart/", views.restart, name="restart"),
    path("questionnaire/urgency/", views.urgency, name="urgency"),
    path("questionnaire/urgency/advice/", views.urgency_advice, name="urgency_advice"),
    path("questionnaire/values/", views.values, name="values"),
    path("questionnaire/sure/", views.sure, name="sure"),
    path("questionnaire/ready/", views.ready, name="ready"),
    path("questionnaire/<slug:key>/", views.question, name="question"),
]
