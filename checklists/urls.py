from django.urls import path

from checklists import share_views, views

app_name = "checklists"
urlpatterns = [
    path("packet/", views.packet, name="packet"),
    path("packet/answers/", views.answers, name="answers"),
    path("packet/records/<slug:group>/", views.records_group, name="records"),
    path("packet/items/<slug:key>/", views.save_item, name="save_item"),
    path("packet/questions/", views.questions, name="questions"),
    path("packet/details/", views.details, name="details"),
    path("packet/letter/", views.letter, name="letter"),
    path("packet/insurance/", views.insurance, name="insurance"),
    path("packet/check/", views.check, name="check"),
    path("packet/packet.pdf", views.packet_pdf, name="packet_pdf"),
    path("packet/delete/", views.delete, name="delete"),
    path("packet/share/", share_views.share, name="share"),
    path("packet/join/", share_views.join, name="join"),
    path("checklist.pdf", views.blank_checklist_pdf, name="blank_pdf"),
]
