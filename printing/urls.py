from django.urls import path

from printing import views

app_name = "printing"
urlpatterns = [
    path("packet/packet.pdf", views.packet_pdf, name="packet_pdf"),
    path("checklist.pdf", views.blank_checklist_pdf, name="blank_pdf"),
]
