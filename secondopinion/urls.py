from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from secondopinion import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots, name="robots"),
    path("", include("guides.urls")),
    path("", include("questionnaire.urls")),
    path("", include("checklists.urls")),
    path("admin/", admin.site.urls),
]

if settings.BENCH_FLOOR:
    urlpatterns.append(path("_bench/floor", views.bench_floor))

handler500 = "secondopinion.views.server_error"
