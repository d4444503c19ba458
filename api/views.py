"""The open-data download page (/open-data/) and the downloads: HSDS 3.0 JSON and CSV."""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .hsds import export
from .http import conditional, register_version


@require_safe
def open_data(request):
    changed_at = register_version()[1]
    return render(request, "api/open_data.html", {
        "licence": export.licence(),
        "changed_at": changed_at,
        "iso": changed_at.isoformat(timespec="seconds") if changed_at else "",
    })


@require_safe
def hsds_json(request):
    def build():
        response = HttpResponse(
            json.dumps(export.dataset(), ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="topggz-register-hsds.json"'
        return response

    return conditional(request, build)


@require_safe
def hsds_csv(request):
    def build():
        response = HttpResponse(export.csv_zip(export.dataset()), content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="topggz-register-hsds-csv.zip"'
        return response

    return conditional(request, build)
