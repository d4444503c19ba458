from django.urls import path, re_path

from . import views

urlpatterns = [
    path("fhir/metadata", views.metadata, name="fhir-metadata"),
    re_path(r"^fhir/(?P<resource_type>[A-Za-z]+)$", views.search, name="fhir-search"),
    re_path(r"^fhir/(?P<resource_type>[A-Za-z]+)/(?P<resource_id>[A-Za-z0-9\-.]{1,64})$", views.read, name="fhir-read"),
]
