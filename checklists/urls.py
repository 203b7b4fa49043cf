from django.urls import path

from checklists import views

app_name = "checklists"
urlpatterns = [
    path("packet/", views.packet, name="packet"),
    path("packet/answers/", views.answers, name="answers"),
    path("packet/records/<slug:group>/", views.records_group, name="records"),
    path("packet/items/<slug:key>/", views.save_item, name="save_item"),
    path("packet/questions/", views.questions, name="questions"),
    path("packet/details/", views.details, name="details"),
    path("packet/letter/", views.letter, name="letter"),
    path("packet/requests/", views.record_requests, name="requests"),
    path("packet/requests/<slug:kind>.ics", views.request_reminder, name="request_reminder"),
    path(
        "packet/requests/<slug:kind>/follow-up/",
        views.request_follow_up,
        name="request_follow_up",
    ),
    path("packet/insurance/", views.insurance, name="insurance"),
    path("packet/check/", views.check, name="check"),
]
