from django.urls import path

from . import views

app_name = "insight"

urlpatterns = [
    path("", views.index, name="index"),
    path("dekking/", views.coverage, name="coverage"),
    path("dekking/wat-als/", views.what_if, name="what_if"),
    path("wachttijden/", views.dashboard, name="dashboard"),
    path("vraag-en-aanbod/", views.demand, name="demand"),
    path("export/<slug:page>/<slug:slug>.<str:fmt>", views.export_table, name="export_table"),
    path("grafiek/<slug:page>/<slug:slug>.<str:fmt>", views.export_chart, name="export_chart"),
    path("afbeelding/<slug:page>/<slug:slug>.svg", views.chart_image, name="chart_image"),
    path("afdeling/<slug:slug>/wachttijd.<str:fmt>", views.waiting_trend, name="waiting_trend"),
    path("rapporteren/", views.reports, name="reports"),
    path("rapporteren/nieuw/", views.report_new, name="report_new"),
    path("rapporteren/upload/", views.report_upload, name="report_upload"),
    path("rapporteren/voorbeeld.csv", views.report_template, name="report_template"),
]
