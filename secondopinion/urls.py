from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from core import views as core_views
from secondopinion import views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots, name="robots"),
    path("admin/", admin.site.urls),
    # Patient pages: English at /..., Spanish at /es/... (no prefix for English).
    *i18n_patterns(
        path("", views.home, name="home"),
        path("", include("guides.urls")),
        path("", include("questionnaire.urls")),
        path("", include("checklists.urls")),
        path("", include("packets.urls")),
        path("", include("printing.urls")),
        path("", include("centers.urls")),
        prefix_default_language=False,
    ),
]

if settings.BENCH_FLOOR:
    urlpatterns.append(path("_bench/floor", core_views.bench_floor))
    urlpatterns.append(path("_bench/session-floor", views.bench_session_floor))

handler500 = "core.views.server_error"
