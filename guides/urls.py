from django.urls import path

from guides import views

app_name = "guides"
urlpatterns = [
    path("guides/", views.guide_list, name="list"),
    path("guides/<slug:slug>/", views.guide_detail, name="detail"),
    path("glossary/", views.glossary, name="glossary"),
    path("search/", views.search, name="search"),
    path("sources/", views.sources, name="sources"),
    path("how-this-was-made/", views.how_this_was_made, name="how_this_was_made"),
]
