"""The shape of the code: layers import only downwards, the core knows no web framework, views are reached through the
app alone, no import cycles, no imports hidden in functions, no module too long to read."""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("vocabulary", "loader", "endpoint", "cli")  # each may import the ones before it, never one after
WEB_FRAMEWORK = ("flask", "flask_cors", "werkzeug", "jinja2", "markupsafe", "gunicorn")
MAX_LINES = 400


@cache
def modules() -> dict[str, Path]:
    """Return every module of the project by dotted name."""
    found = {}
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


@cache
def imports(name: str) -> tuple[tuple[str, int, bool], ...]:
    """Return what a module imports: (module, line, whether the import stands at the module's top level)."""
    tree = ast.parse(modules()[name].read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno, id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.append((submodule if submodule in modules() else node.module, node.lineno, id(node) in top))
    return tuple(found)


def project_imports(name: str) -> set[str]:
    """Return the project's modules a module imports."""
    return {imported for imported, _, _ in imports(name) if imported in modules()}


def layer(name: str) -> int:
    return LAYERS.index(name.split(".")[0])


def blueprints() -> set[str]:
    """Return the modules that define a blueprint (the views)."""
    return {name for name, path in modules().items() if "= Blueprint(" in path.read_text(encoding="utf-8")}


def test_every_layer_imports_only_the_layers_below_it() -> None:
    upwards = [
        f"{name} imports {imported}" for name in modules() for imported in project_imports(name) if layer(imported) > layer(name)
    ]
    assert upwards == []


def test_the_core_imports_no_web_framework() -> None:
    core = [name for name in modules() if name.startswith("endpoint.core")]
    assert len(core) > 10
    found = [
        f"{name}:{line} imports {imported}"
        for name in core
        for imported, line, _ in imports(name)
        if imported.split(".")[0] in WEB_FRAMEWORK or imported.startswith(("endpoint.protocol", "endpoint.saved", "endpoint.web"))
    ]
    assert found == []


def test_the_core_and_the_saved_query_logic_load_without_flask() -> None:
    core = [name for name in modules() if name.startswith("endpoint.core")]
    logic = ["endpoint.saved.files", "endpoint.saved.calls", "endpoint.saved.examples", "endpoint.saved.openapi", "cli.query"]
    script = f"import importlib, sys\nfor name in {core + logic!r}: importlib.import_module(name)\n"
    script += "print(sorted(m for m in sys.modules if m.split('.')[0] in " + repr(WEB_FRAMEWORK[:-1]) + "))"
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_loader_never_reaches_the_endpoint_or_the_command_line() -> None:
    loader = [name for name in modules() if name.startswith("loader")]
    assert [f"{n} imports {i}" for n in loader for i in project_imports(n) if not i.startswith(("loader", "vocabulary"))] == []


def test_views_are_reached_through_the_app_alone() -> None:
    views = blueprints()
    assert {"endpoint.protocol.sparql", "endpoint.saved.views", "endpoint.web.pages", "endpoint.web.linked"} <= views
    callers = [f"{name} imports {imported}" for name in modules() for imported in project_imports(name) & views]
    assert sorted(callers) == sorted(f"endpoint.app imports {view}" for view in views)


@pytest.mark.parametrize(
    ("family", "others"),
    [("endpoint.protocol", ("endpoint.saved", "endpoint.web")), ("endpoint.saved", ("endpoint.protocol", "endpoint.web"))],
)
def test_a_family_of_urls_does_not_reach_into_another(family: str, others: tuple[str, ...]) -> None:
    members = [name for name in modules() if name.startswith(family)]
    assert [f"{n} imports {i}" for n in members for i in project_imports(n) if i.startswith(others)] == []


def test_no_module_imports_itself_through_others() -> None:
    graph = {name: project_imports(name) - {name} for name in modules()}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the path being walked, 2: done

    def walk(name: str, path: list[str]) -> None:
        state[name] = 1
        for imported in sorted(graph[name]):
            if state.get(imported) == 1:
                cycles.append([*path[path.index(imported) :], imported])
            elif imported not in state:
                walk(imported, [*path, imported])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            walk(name, [name])
    assert [" -> ".join(cycle) for cycle in cycles] == []


def test_no_import_is_hidden_inside_a_function() -> None:
    hidden = [f"{name}:{line} imports {imported}" for name in modules() for imported, line, top in imports(name) if not top]
    assert hidden == []


def test_no_module_is_longer_than_it_takes_to_read() -> None:
    long = {name: n for name, path in modules().items() if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}
