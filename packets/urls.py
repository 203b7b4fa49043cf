from django.urls import path

from packets import views

app_name = "packets"
urlpatterns = [
    path("packet/share/", views.share, name="share"),
    path("packet/join/", views.join, name="join"),
    path("packet/delete/", views.delete, name="delete"),
]
