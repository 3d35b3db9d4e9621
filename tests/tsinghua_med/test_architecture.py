"""What the import-linter contracts (pyproject.toml) cannot say about the layout: no import
cycles between modules, imports only at module level (or in ``AppConfig.ready()``, where
Django wants them), small modules and no app holding too much of the code."""

import ast
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "tsinghua_med", "ops", "translations", "editorial", "seeding", "caching", "search", "pages",
    "strategy", "partnerships",
]  # fmt: skip
MAX_MODULE_LINES = 320
MAX_APP_SHARE = 0.25


def source_files():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, path


def import_cycles(graph, modules):
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return cycles


def test_no_import_cycles_between_modules():
    graph = grimp.build_graph(*APPS)
    modules = {m for m in graph.modules if not m.split(".")[-1].startswith("0")}

    def imports_of(module):
        return graph.find_modules_directly_imported_by(module) & modules

    assert import_cycles(imports_of, modules) == []


def test_cycle_finder_finds_a_cycle():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_cycles(lambda m: edges[m], edges) == [["a", "b", "c"]]


def function_level_imports(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name != "ready":
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    yield f"{node.name} (line {inner.lineno})"


def test_imports_only_at_module_level_or_in_app_ready():
    found = {
        str(path.relative_to(ROOT)): list(function_level_imports(ast.parse(path.read_text())))
        for _app, path in source_files()
    }
    assert {path: names for path, names in found.items() if names} == {}


def test_function_level_import_is_detected():
    tree = ast.parse(
        "def f():\n    from x import y\n\nclass C:\n    def ready(self):\n        import z\n"
    )
    assert list(function_level_imports(tree)) == ["f (line 2)"]


@pytest.mark.parametrize("app", APPS)
def test_modules_stay_small(app):
    long = {
        str(path.relative_to(ROOT)): lines
        for owner, path in source_files()
        if owner == app and (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_app_holds_more_than_a_quarter_of_the_code():
    lines = {app: 0 for app in APPS}
    for app, path in source_files():
        lines[app] += len(path.read_text().splitlines())
    total = sum(lines.values())
    assert {app: n / total for app, n in lines.items() if n / total > MAX_APP_SHARE} == {}
