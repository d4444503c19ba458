from django.urls import path

from . import feeds, views

app_name = "knowledge"

urlpatterns = [
    path("", views.index, name="index"),
    path("publicaties.bib", views.export_bibtex, name="bibtex"),
    path("publicaties.ris", views.export_ris, name="ris"),
    path("publicaties.json", views.export_csl, name="csl"),
    path("nieuw.atom", feeds.NationalFeed(), name="feed"),
    path("afdelingen/<slug:slug>/nieuw.atom", feeds.DepartmentFeed(), name="department_feed"),
]
