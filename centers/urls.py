from django.urls import path

from centers import views

app_name = "centers"

urlpatterns = [
    path("centers/", views.finder, name="finder"),
    path("centers/<slug:slug>/", views.detail, name="detail"),
    path("centers/<slug:slug>/use", views.use, name="use"),
]
