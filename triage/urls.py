from django.urls import path

from . import views

app_name = "triage"

urlpatterns = [
    path("", views.index, name="index"),
    path("vragenlijst/<slug:code>/", views.questionnaire, name="questionnaire"),
    path("uitslag/<int:pk>/", views.result, name="result"),
    path("intake/", views.intake, name="intake"),
    path("intake/nieuw/", views.intake_new, name="intake_new"),
    path("intake/uploaden/", views.intake_upload, name="intake_upload"),
    path("intake/voorbeeld.csv", views.intake_template, name="intake_template"),
    path("intake/<int:pk>/verwijderen/", views.intake_delete, name="intake_delete"),
    path("analyse/", views.analysis, name="analysis"),
    path("analyse/<slug:table>.csv", views.analysis_csv, name="analysis_csv"),
]
