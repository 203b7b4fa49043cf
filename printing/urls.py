from django.urls import path

from printing import views

app_name = "printing"
urlpatterns = [
    path("packet/packet.pdf", views.packet_pdf, name="packet_pdf"),
    path("packet/letters.pdf", views.all_letters_pdf, name="letters_pdf"),
    path("packet/letters/<slug:kind>.pdf", views.letter_pdf, name="letter_pdf"),
    path("checklist.pdf", views.blank_checklist_pdf, name="blank_pdf"),
]
