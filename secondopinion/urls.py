from django.contrib import admin
from django.urls import include, path

from secondopinion import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("guides.urls")),
    path("", include("checklists.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "secondopinion.views.server_error"
