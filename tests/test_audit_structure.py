"""The audit package's structure: no import circle among its modules, lazy or not."""

import ast

from tests.conftest import ROOT

PACKAGES = ["extractors/audit", "extractors/forms"]


def module_name(path) -> str:
    """Return the dotted module name of a file under ROOT."""
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def imports_of(path) -> set[str]:
    """Return every module a file imports anywhere (top level, inside functions, under TYPE_CHECKING)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def import_graph() -> dict[str, set[str]]:
    """Return, for each module of PACKAGES, the modules of PACKAGES it imports."""
    files = [p for package in PACKAGES for p in sorted((ROOT / package).glob("*.py"))]
    names = {module_name(p) for p in files}
    return {module_name(p): (imports_of(p) & names) - {module_name(p)} for p in files}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the import circles of a graph (each as the path that closes it), by depth-first search."""
    found, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                found.append(path[path.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def test_the_circle_finder_sees_a_circle():
    assert circles({"a": {"b"}, "b": {"a"}}) == [["a", "b", "a"]]


def test_no_import_circle_in_the_audit_and_forms_packages():
    # registry.py imported roles.py lazily for AuditContext.items, and roles.py imported AuditContext
    # under TYPE_CHECKING for own_amount: a circle hidden from the interpreter but not from readers.
    graph = import_graph()
    assert "extractors.audit.roles" in graph["extractors.audit.registry"]
    assert circles(graph) == []
