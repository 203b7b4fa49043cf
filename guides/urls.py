from django.urls import path

from guides import views

app_name = "guides"
urlpatterns = [
    path("guides/", views.guide_list, name="list"),
    path("guides/<slug:slug>/", views.guide_detail, name="detail"),
    path("glossary/", views.glossary, name="glossary"),
    path("search/", views.search, name="search"),
]
