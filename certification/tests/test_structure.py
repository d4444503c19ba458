"""The rooms of certification: sub-packages whose imports point one way, and no import circle.

The imports are read from the source with ``ast`` (every ``import``, also the ones inside a
function), so the test needs neither Django nor a database. A sub-package may import itself
and the sub-packages below it in ``LAYERS``; none imports the app's top-level modules
(``models``, ``admin``, ``views``, ``urls``), which are the entrances Django and the browser use.
"""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1]

# Bottom first. Each may import the ones before it, never the ones after it.
LAYERS = ("format", "publications", "rules", "exports", "criteria", "dossier", "visitation")


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_modules(root: Path) -> dict[str, Path]:
    """Every module of the app except its tests and migrations."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).parts
        if relative[0] in ("tests", "migrations"):
            continue
        found[module_name(path, root)] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The app's modules that ``name`` imports (a name imported from a package counts as the package)."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            for alias in node.names:
                submodule = f"{origin}.{alias.name}"
                targets.add(submodule if submodule in known else origin)
    return {target for target in targets if target in known and target != name}


def import_graph(root: Path) -> dict[str, set[str]]:
    modules = source_modules(root)
    return {name: imports_of(name, path, set(modules)) for name, path in modules.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def room_of(module: str) -> str | None:
    """The sub-package a module lives in (``certification.dossier.models`` -> ``dossier``), None for top level."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else None


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    wrong = []
    for module, targets in sorted(graph.items()):
        room = room_of(module)
        if room is None or room not in LAYERS:
            continue
        for target in sorted(targets):
            other = room_of(target)
            if other is None:
                wrong.append(f"{module} imports the top-level module {target}")
            elif other in LAYERS and LAYERS.index(other) > LAYERS.index(room):
                wrong.append(f"{module} ({room}) imports {target} ({other}), which sits above it")
    return wrong


def test_certification_has_no_import_circle():
    assert circles(import_graph(APP)) == []


def test_every_sub_package_imports_only_the_rooms_below_it():
    assert upward_imports(import_graph(APP)) == []


def test_every_sub_package_of_certification_is_a_named_layer():
    rooms = {p.name for p in APP.iterdir() if (p / "__init__.py").exists()} - {"tests", "migrations", "management", "templatetags"}
    assert rooms <= set(LAYERS)


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_circle_check_finds_a_circle_through_a_lazy_import(tmp_path):
    app = tmp_path / "certification"
    write(app, "__init__.py", "")
    write(app, "dossier/__init__.py", "")
    write(app, "dossier/models.py", "def f():\n    from .selectors import g\n")
    write(app, "dossier/selectors.py", "from certification.dossier.models import f\n")
    assert circles(import_graph(app)) == [["certification.dossier.models", "certification.dossier.selectors"]]


def test_the_layer_check_finds_an_import_that_runs_upwards(tmp_path):
    app = tmp_path / "certification"
    write(app, "__init__.py", "")
    write(app, "models.py", "")
    write(app, "rules/__init__.py", "from ..dossier import models\n")
    write(app, "dossier/__init__.py", "")
    write(app, "dossier/models.py", "from certification import models\n")
    assert upward_imports(import_graph(app)) == [
        "certification.dossier.models imports the top-level module certification.models",
        "certification.rules (rules) imports certification.dossier.models (dossier), which sits above it",
    ]
