"""The integration's modules import each other without a cycle, at module level or inside a function.

`if TYPE_CHECKING:` imports are left out (they never run); `from . import x` counts as importing
x. A cycle is what the reshape of the client library (docs/architecture.md) removed: two
modules that need each other hide a missing third one.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "custom_components" / "zte_modem"
ABSOLUTE = "custom_components.zte_modem"


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def _runtime_imports(tree: ast.AST) -> list[ast.ImportFrom]:
    """Every `from ... import` that runs, wherever it is (skipping `if TYPE_CHECKING:` bodies)."""
    found: list[ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _targets(module: str, is_package: bool, node: ast.ImportFrom, modules: dict[str, Path]) -> set[str]:
    if node.level:
        base = module.split(".") if module else []
        if not is_package:
            base = base[:-1]
        base = base[: len(base) - (node.level - 1)]
        target = ".".join([*base, *([node.module] if node.module else [])])
    elif (node.module or "").startswith(ABSOLUTE):
        target = (node.module or "").removeprefix(ABSOLUTE).lstrip(".")
    else:
        return set()
    submodules = {f"{target}.{alias.name}".lstrip(".") for alias in node.names}
    named = submodules & modules.keys()
    # `from . import x` imports x (and runs the package's __init__, which Python has already begun).
    if node.module is None and named:
        return named
    return ({target} & modules.keys()) | named


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        is_package = path.name == "__init__.py"
        edges: set[str] = set()
        for node in _runtime_imports(tree):
            edges |= _targets(module, is_package, node, modules)
        # A package's submodule importing the package itself is the package importing its parts.
        graph[module] = {edge for edge in edges if edge != module and not module.startswith(f"{edge}.")}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for edge in sorted(graph.get(node, ())):
            if state.get(edge) == 1:
                return [*stack[stack.index(edge) :], edge]
            if edge not in state and (found := visit(edge)) is not None:
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)) is not None:
            return found
    return None


def test_no_import_cycle() -> None:
    graph = _graph()
    assert "zte.goform.client" in graph  # the walk saw the library
    cycle = _cycle(graph)
    assert cycle is None, " -> ".join(name or "zte_modem" for name in cycle or [])


def test_the_walk_sees_a_cycle_hidden_in_a_function() -> None:
    """The check itself: an import inside a function body is followed."""
    tree = ast.parse("def later():\n    from .b import thing\n")
    (node,) = _runtime_imports(tree)
    graph = {"a": _targets("a", False, node, {"a": Path(), "b": Path()}), "b": {"a"}}
    assert _cycle(graph) == ["a", "b", "a"]
