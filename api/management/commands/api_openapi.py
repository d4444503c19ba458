"""Write the REST API's OpenAPI document (generated from api.rest) to api/openapi.json, or check it.

    manage.py api_openapi           # write api/openapi.json
    manage.py api_openapi --check   # exit 1 when the committed file differs from the generated one
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

OPENAPI_FILE = Path(__file__).resolve().parents[2] / "openapi.json"


def generated_text() -> str:
    from api.rest import openapi_document

    return json.dumps(openapi_document(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


class Command(BaseCommand):
    help = "Write (or --check) the committed OpenAPI document api/openapi.json."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="only compare; exit 1 when it differs")

    def handle(self, *args, check=False, **options):
        text = generated_text()
        if check:
            if not OPENAPI_FILE.exists() or OPENAPI_FILE.read_text(encoding="utf-8") != text:
                self.stderr.write("api/openapi.json is out of date: run manage.py api_openapi")
                sys.exit(1)
            self.stdout.write("api/openapi.json is up to date.")
            return
        OPENAPI_FILE.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {OPENAPI_FILE}")
