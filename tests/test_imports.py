"""No import cycle in ``autograde/``: the import graph is built from the source with
:mod:`ast`, every import counted (those inside functions too: a lazy import that hides a
cycle is what this finds), except those under ``if TYPE_CHECKING:``, which never run.
``importlib.import_module("autograde.x")`` counts as an import; one whose name is computed
(which would hide an edge from the graph) is refused."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# module -> imported module -> the first line (file:line) that imports it
Graph = dict[str, dict[str, str]]


def modules(root: Path, package: str) -> dict[str, Path]:
    """Every module of the package in folder ``root`` by dotted name; a package by its own
    name (its ``__init__.py``)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = [package, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def import_graph(root: Path, package: str) -> Graph:
    """The modules of ``package`` (in folder ``root``) and the modules of it that each
    imports. ``import a.b`` and ``from a import b`` count an edge to ``a.b`` when that is a
    module, else to ``a``; relative imports are resolved. A module's implicit import of
    its parent package is no edge: it is not written anywhere, and the parent's own
    imports are counted where they are written."""
    names = modules(root, package)
    graph: Graph = {}
    for name, path in names.items():
        base = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges: dict[str, str] = {}
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            for target in _targets(node, base, names):
                if target != name:
                    edges.setdefault(target, f"{path.relative_to(root.parent)}:{node.lineno}")
        graph[name] = edges
    return graph


def cycles(graph: Graph) -> list[list[str]]:
    """One cycle per strongly connected component of more than one module, as the list of
    modules along it, first and last the same (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

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
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_cycle_through(graph, component) for component in sorted(components)]


def computed_imports(root: Path, package: str) -> list[str]:
    """``file:line`` of every ``importlib.import_module`` or ``__import__`` of one of the
    package's modules by a name computed at run time (``f"autograde.{name}"``): an edge the
    graph cannot see."""
    found = []
    for path in modules(root, package).values():
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Call) and _literal_name(node) is None and _names_package(node.args[0], package):
                found.append(f"{path.relative_to(root.parent)}:{node.lineno}")
    return found


def describe(graph: Graph, cycle: list[str]) -> str:
    """``a -> b -> a`` with the line that makes each step."""
    steps = [f"  {a} -> {b}  ({graph[a][b]})" for a, b in zip(cycle, cycle[1:])]
    return " -> ".join(cycle) + "\n" + "\n".join(steps)


Import = ast.Import | ast.ImportFrom | ast.Call  # a call: importlib.import_module(NAME) or __import__(NAME)


def _imports(tree: ast.AST) -> list[Import]:
    """Every import in ``tree``, at any depth, but not under ``if TYPE_CHECKING:``."""
    found: list[Import] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for other in node.orelse:  # the else branch does run
                visit(other)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)) or (isinstance(node, ast.Call) and _imports_by_name(node)):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _imports_by_name(call: ast.Call) -> bool:
    """Whether ``call`` is ``importlib.import_module(...)``, ``import_module(...)`` or ``__import__(...)``."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name in ("import_module", "__import__") and bool(call.args)


def _literal_name(call: ast.Call) -> str | None:
    """The module name a by-name import gives as a literal, else None."""
    first = call.args[0]
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None


def _names_package(node: ast.expr, package: str) -> bool:
    """Whether a computed module name visibly starts with ``package`` (an f-string or a
    sum whose first part is the literal ``"package."``)."""
    if isinstance(node, ast.JoinedStr):
        node = node.values[0] if node.values else node
    elif isinstance(node, ast.BinOp):
        node = node.left
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and (
        node.value == package or node.value.startswith(f"{package}."))


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _targets(node: Import, base: str, names: dict[str, Path]) -> list[str]:
    """The package's modules that ``node``, written in package ``base``, imports."""
    if isinstance(node, ast.Call):
        name = _literal_name(node)
        return [t for t in [_module(name, names)] if t] if name else []
    if isinstance(node, ast.Import):
        return [t for alias in node.names if (t := _module(alias.name, names))]
    if node.level:
        parts = base.split(".")
        if node.level - 1 >= len(parts):
            return []  # beyond the top package: not ours
        anchor = ".".join(parts[:len(parts) - (node.level - 1)])
        source = f"{anchor}.{node.module}" if node.module else anchor
    else:
        source = node.module or ""
    found = []
    for alias in node.names:
        target = f"{source}.{alias.name}" if f"{source}.{alias.name}" in names else _module(source, names)
        if target:
            found.append(target)
    return found


def _module(dotted: str, names: dict[str, Path]) -> str | None:
    """The longest prefix of ``dotted`` that is one of the package's modules."""
    parts = dotted.split(".")
    while parts:
        if ".".join(parts) in names:
            return ".".join(parts)
        parts.pop()
    return None


def _cycle_through(graph: Graph, component: list[str]) -> list[str]:
    """A shortest cycle from the component's first module back to it, inside the component."""
    start, inside = component[0], set(component)
    paths = {start: [start]}
    todo = [start]
    while todo:
        node = todo.pop(0)
        for target in sorted(graph[node]):
            if target == start:
                return paths[node] + [start]
            if target in inside and target not in paths:
                paths[target] = paths[node] + [target]
                todo.append(target)
    raise AssertionError(f"{component} is not strongly connected")


# ---------------------------------------------------------------------- the tests


def test_autograde_has_no_import_cycle() -> None:
    graph = import_graph(ROOT / "autograde", "autograde")
    assert "autograde.plugin.reference" in graph and len(graph) > 50  # the whole package was read
    found = [describe(graph, cycle) for cycle in cycles(graph)]
    assert not found, "import cycles in autograde/ (break each; a lazy import hides one, it does not break it):\n" + (
        "\n".join(found))


def test_autograde_imports_its_own_modules_by_literal_names_only() -> None:
    found = computed_imports(ROOT / "autograde", "autograde")
    assert not found, ("autograde imports its own modules by computed names, which hides them from the cycle "
                       "check; import them with import statements: " + ", ".join(found))


def _package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root / "pkg"


def test_the_graph_finds_a_cycle_hidden_in_a_function_and_names_its_lines(tmp_path: Path) -> None:
    root = _package(tmp_path, {
        "__init__.py": "",
        "a.py": "from pkg.sub import b\n",
        "sub/__init__.py": "",
        "sub/b.py": "from .. import c\n",
        "c.py": """\
            def later():
                import pkg.a.missing_name
            """,
        "d.py": "from pkg import a\n",  # imports the cycle, is not in it
    })
    graph = import_graph(root, "pkg")
    assert cycles(graph) == [["pkg.a", "pkg.sub.b", "pkg.c", "pkg.a"]]
    assert describe(graph, cycles(graph)[0]) == (
        "pkg.a -> pkg.sub.b -> pkg.c -> pkg.a\n"
        "  pkg.a -> pkg.sub.b  (pkg/a.py:1)\n"
        "  pkg.sub.b -> pkg.c  (pkg/sub/b.py:1)\n"
        "  pkg.c -> pkg.a  (pkg/c.py:2)")


def test_the_graph_leaves_out_type_checking_imports_and_parent_packages(tmp_path: Path) -> None:
    root = _package(tmp_path, {
        "__init__.py": "from pkg import a\n",
        "a.py": """\
            from typing import TYPE_CHECKING
            if TYPE_CHECKING:
                from pkg import b
            else:
                import os
            """,
        "b.py": "from . import a\n",
        "sub/__init__.py": "from .c import f\n",
        "sub/c.py": "from pkg.sub.helpers import f\nimport pkg.b\n",
        "sub/helpers.py": """\
            import importlib
            f = importlib.import_module("pkg.b").a
            def load(name):
                return importlib.import_module(f"pkg.{name}")
            """,
    })
    graph = import_graph(root, "pkg")
    assert {name: sorted(edges) for name, edges in graph.items()} == {
        "pkg": ["pkg.a"],
        "pkg.a": [],  # the TYPE_CHECKING import never runs
        "pkg.b": ["pkg.a"],
        "pkg.sub": ["pkg.sub.c"],  # and no edge from pkg.sub.c to its parent pkg.sub
        "pkg.sub.c": ["pkg.b", "pkg.sub.helpers"],
        "pkg.sub.helpers": ["pkg.b"],  # by a literal name: an import like any other
    }
    assert cycles(graph) == []
    assert computed_imports(root, "pkg") == ["pkg/sub/helpers.py:4"]
