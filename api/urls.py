from django.http import JsonResponse
from django.urls import include, path

from . import views
from .rest import api, openapi_document


def openapi_json(request):
    return JsonResponse(openapi_document(), json_dumps_params={"ensure_ascii": False})


urlpatterns = [
    path("api/v1/openapi.json", openapi_json, name="api-openapi"),
    path("api/v1/", api.urls),
    path("", include("api.fhir.urls")),
    path("open-data/register.hsds.json", views.hsds_json, name="open-data-hsds-json"),
    path("open-data/register.hsds.zip", views.hsds_csv, name="open-data-hsds-csv"),
]
