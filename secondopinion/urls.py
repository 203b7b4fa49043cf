from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from secondopinion import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots, name="robots"),
    path("admin/", admin.site.urls),
    # Patient pages: English at /..., Spanish at /es/... (no prefix for English).
    *i18n_patterns(
        path("", views.home, name="home"),
        path("", include("guides.urls")),
        path("", include("questionnaire.urls")),
        path("", include("checklists.urls")),
        prefix_default_language=False,
    ),
]

if settings.BENCH_FLOOR:
    urlpatterns.append(path("_bench/floor", views.bench_floor))
    urlpatterns.append(path("_bench/session-floor", views.bench_session_floor))

handler500 = "secondopinion.views.server_error"
