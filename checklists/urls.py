from django.urls import path

from checklists import packet_views

app_name = "checklists"
urlpatterns = [
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
