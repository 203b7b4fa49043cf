from django.urls import path

from checklists import packet_views, views

app_name = "checklists"
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
    path("packet/", packet_views.packet, name="packet"),
    path("packet/items/<slug:key>/", packet_views.save_item, name="save_item"),
    path("packet/questions/", packet_views.questions, name="questions"),
    path("packet/details/", packet_views.details, name="details"),
    path("packet/letter/", packet_views.letter, name="letter"),
    path("packet/insurance/", packet_views.insurance, name="insurance"),
    path("packet/packet.pdf", packet_views.packet_pdf, name="packet_pdf"),
    path("packet/delete/", packet_views.delete, name="delete"),
    path("checklist.pdf", packet_views.blank_checklist_pdf, name="blank_pdf"),
]
