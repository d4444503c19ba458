from django.urls import path

from . import views
from .visitation import views as visitation_views

app_name = "certification"

urlpatterns = [
    path("dossiers/", views.dossiers, name="dossiers"),
    path("dossiers/<int:pk>/", views.overview, name="overview"),
    path("dossiers/<int:pk>/criterium/<int:number>/", views.criterion, name="criterion"),
    path("dossiers/<int:pk>/criterium/<int:number>/beoordeling/", views.review_post, name="review_post"),
    path("dossiers/<int:pk>/criterium/<int:number>/oordeel/", views.review_judge, name="review_judge"),
    path("dossiers/<int:pk>/rapport/", views.visitation_report, name="report"),
    path("dossiers/<int:pk>/visitatierapport.pdf", views.visitation_report_pdf, name="report_pdf"),
    path("dossiers/<int:pk>/criterium/<int:number>/voorbeeld/", views.preview, name="preview"),
    path("dossiers/<int:pk>/gegevens/<slug:part>/", views.save_fields, name="save_fields"),
    path("dossiers/<int:pk>/onderdelen/<slug:kind>/", views.record, name="singleton"),
    path("dossiers/<int:pk>/onderdelen/<slug:kind>/nieuw/", views.record, name="new_record"),
    path("dossiers/<int:pk>/onderdelen/<slug:kind>/<int:record_id>/", views.record, name="record"),
    path("dossiers/<int:pk>/onderdelen/<slug:kind>/<int:record_id>/verwijderen/", views.delete_record, name="delete_record"),
    path("dossiers/<int:pk>/bijlagen/", views.attachments, name="attachments"),
    path("dossiers/<int:pk>/bijlagen/<int:record_id>/", views.download_attachment, name="download_attachment"),
    path("dossiers/<int:pk>/publicaties/importeren/", views.import_publications, name="import_publications"),
    path("dossiers/<int:pk>/consultatiebalie/", views.fill_from_desk, name="fill_from_desk"),
    path("dossiers/<int:pk>/intakeregistratie/", views.fill_from_intake, name="fill_from_intake"),
    path("dossiers/<int:pk>/indienen/", views.submit, name="submit"),
    path("dossiers/<int:pk>/heropenen/", views.reopen, name="reopen"),
    path("dossiers/<int:pk>/dossier.pdf", views.export_pdf, name="export_pdf"),
    path("dossiers/<int:pk>/bijlagen.zip", views.export_zip, name="export_zip"),
    path("dossiers/<int:pk>/dossier.json", views.export_json, name="export_json"),
    path("keurmerken/procedures/<int:pk>/", visitation_views.procedure_page, name="procedure"),
    path("keurmerken/planning/", visitation_views.planning, name="planning"),
    path("keurmerken/aanvragen/", visitation_views.apply, name="apply"),
    path("keurmerken/naleving/", visitation_views.compliance, name="compliance"),
    path("keurmerken/naleving/melden/", visitation_views.compliance_report, name="compliance_report"),
    path("keurmerken/naleving/<int:pk>/", visitation_views.compliance_case, name="compliance_case"),
    path("keurmerk/<str:number>/", visitation_views.verify, name="certificate"),
    path("keurmerk/<str:number>/afdrukken/", visitation_views.print_certificate, name="certificate_print"),
]
