"""python manage.py triage score TOOL_CODE ANSWERS.json [--version N] [--format text|json]

Scores a file of answers (format: triage/schema/answers.schema.json) with a decision tool, using
the same pure function as the web app (``triage.rules.scoring.score``), and prints the score, the
outcome and which of the three characteristics were met; open items (not answered, or "don't
know") are listed, and when they could still change the outcome it is "nog niet te bepalen".

The tool is the published version ``--version N`` (else the version named in the file, else the
newest published version) of the tool with that code in the database when it is migrated; without
a migrated database, the tools shipped in ``triage/examples`` (the example tool) are used.

Exit status: 0 when the answers were scored; 2 on bad input (every error listed: a file that is not
there or not JSON, schema errors by JSON path, an unknown tool or version, answers to items the
version does not have, values other than true, false or null); 3 for an internal error (one line on
stderr; ``--traceback`` shows it).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from triage.rules.render import render_text, to_dict
from triage.rules.scoring import check_answers, score
from triage.rules.tooljson import JsonError, load_answers, load_tools, parse_json

EXIT_OK, EXIT_INVALID, EXIT_ERROR = 0, 2, 3
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def database_ready() -> bool:
    """Whether the triage tables exist; never creates an SQLite file that is not there."""
    from django.db import DatabaseError, connection

    from triage.models import ToolVersion

    if connection.vendor == "sqlite":
        name = str(connection.settings_dict.get("NAME") or "")
        if name and name != ":memory:" and not name.startswith("file:") and not Path(name).exists():
            return False
    try:
        with connection.cursor() as cursor:
            return ToolVersion._meta.db_table in connection.introspection.table_names(cursor)
    except DatabaseError:
        return False


def shipped_tools() -> dict:
    """(code, version) -> Tool for the tools in triage/examples (all version 1)."""
    found = {}
    for path in sorted(EXAMPLES.glob("*.json")):
        data, errors = parse_json(path.read_bytes())
        if errors or not isinstance(data, dict) or "tools" not in data:
            continue
        tools, errors = load_tools(data)
        for tool in tools:
            found[(tool.code, tool.version)] = tool
    return found


class Command(BaseCommand):
    help = "Triage: bereken de score en uitkomst van antwoorden (JSON) op een vragenlijst."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="OPDRACHT")
        score_parser = subcommands.add_parser(
            "score",
            help="Bereken score, uitkomst en kenmerken van een antwoordbestand.",
            description="Exitcode 0: berekend; 2: ongeldige invoer (alle fouten op stderr); 3: interne fout.",
        )
        score_parser.add_argument("tool", metavar="CODE", help="De code van de vragenlijst, bijvoorbeeld voorbeeld-hoogspecialistisch.")
        score_parser.add_argument("file", metavar="ANTWOORDEN.json", help="De antwoorden als JSON.")
        score_parser.add_argument("--version", dest="tool_version", type=int, metavar="N", help="De versie; standaard de nieuwste gepubliceerde.")
        score_parser.add_argument("--format", choices=["text", "json"], default="text", help="Uitvoer als tekst of als JSON.")

    def handle(self, *args, subcommand, **options):
        try:
            return self.score(options["tool"], options["file"], options.get("tool_version"), options["format"])
        except (CommandError, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # noqa: BLE001 - any other failure is ours: one line and its own exit status
            if options.get("traceback"):
                raise
            first_line = (str(exc).strip().splitlines() or [""])[0][:300]
            self.stderr.write(f"Interne fout ({type(exc).__name__}): {first_line}. Meld dit met het bestand.")
            sys.exit(EXIT_ERROR)

    def score(self, code: str, path: str, version: int | None, output_format: str):
        try:
            raw = Path(path).read_bytes()
        except FileNotFoundError:
            self.invalid([JsonError("$", f"bestand niet gevonden: {path}")], output_format)
        except OSError as exc:
            self.invalid([JsonError("$", f"bestand niet te lezen: {exc}")], output_format)
        data, errors = parse_json(raw)
        if errors:
            self.invalid(errors, output_format)
        answers, errors = load_answers(data)
        if errors:
            self.invalid(errors, output_format)
        if answers.tool is not None and answers.tool != code:
            self.invalid([JsonError("$.tool", f"het bestand is voor vragenlijst {answers.tool!r}, niet {code!r}")], output_format)
        if version is not None and answers.version is not None and version != answers.version:
            self.invalid(
                [JsonError("$.version", f"het bestand is voor versie {answers.version}, --version zegt {version}")], output_format
            )
        tool = self.tool(code, version if version is not None else answers.version, output_format)
        _clean, problems = check_answers(tool, answers.answers)
        if problems:
            self.invalid([JsonError(f"$.answers.{p.key}" if p.key.isidentifier() else f"$.answers[{json.dumps(p.key)}]", p.message)
                          for p in problems], output_format)
        scoring = score(tool, answers.answers)
        if output_format == "json":
            self.stdout.write(json.dumps(to_dict(scoring), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_text(scoring), ending="")

    def tool(self, code: str, version: int | None, output_format: str):
        if database_ready():
            from triage.selectors import published_version, tool_data

            found = published_version(code, version)
            if found is not None:
                return tool_data(found)
            newest = published_version(code)
            known = "" if newest is None else f"; de nieuwste gepubliceerde versie is {newest.number}"
        else:
            if output_format == "text":
                self.stderr.write("Geen gemigreerde database: de vragenlijsten uit triage/examples worden gebruikt.")
            shipped = shipped_tools()
            versions = sorted(v for c, v in shipped if c == code)
            wanted = version if version is not None else (versions[-1] if versions else None)
            if wanted is not None and (code, wanted) in shipped:
                return shipped[(code, wanted)]
            known = f"; er is versie {', '.join(map(str, versions))}" if versions else ""
        if version is not None and known:
            self.invalid([JsonError("$.version", f"vragenlijst {code!r} heeft geen gepubliceerde versie {version}{known}")], output_format)
        self.invalid([JsonError("$", f"er is geen gepubliceerde vragenlijst met de code {code!r}")], output_format)

    def invalid(self, errors, output_format: str):
        """List every error on stderr (and as JSON on stdout with --format json); exit status 2."""
        if output_format == "json":
            self.stdout.write(json.dumps({"valid": False, "errors": [e.to_dict() for e in errors]}, ensure_ascii=False, indent=2))
        self.stderr.write(f"De invoer is ongeldig ({len(errors)} fout(en)):")
        for error in errors:
            self.stderr.write(f"  {error}")
        raise CommandError(f"ongeldige invoer: {len(errors)} fout(en)", returncode=EXIT_INVALID)
