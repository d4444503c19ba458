"""SQL queries per page, in-process: each benchmark page once through Django's test client.

Run by run.py with the benchmark's settings (DEBUG off; ``CaptureQueriesContext`` records the
queries all the same) against the benchmark database, before gunicorn starts:

    .venv/bin/python bench/consultation/count_queries.py PAGES.json

PAGES.json is build.py's page plan: per page its name, path and the session cookie of the user
who asks. Each page is requested ``--repeat`` times (default 3, the first warms caches); the
count of the last request is reported, with the status and whether the counts of all repetitions
were equal. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT), str(HERE)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topggz.settings")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", help="build.py's page plan (JSON)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sql-out", help="write every page's SQL statements here (JSON)")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    pages = json.loads(Path(args.pages).read_text(encoding="utf-8"))
    host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "127.0.0.1"
    results, statements = [], {}
    for page in pages:
        client = Client(HTTP_HOST=host, HTTP_ACCEPT_LANGUAGE="nl")
        if page.get("session"):
            client.cookies[settings.SESSION_COOKIE_NAME] = page["session"]
        counts = []
        for _ in range(max(1, args.repeat)):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(page["path"])
            counts.append(len(captured.captured_queries))
        results.append({"name": page["name"], "path": page["path"], "status": response.status_code,
                        "queries": counts[-1], "all_counts": counts, "bytes": len(response.content)})
        statements[page["name"]] = [q["sql"] for q in captured.captured_queries]
    if args.sql_out:
        Path(args.sql_out).write_text(json.dumps(statements, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
