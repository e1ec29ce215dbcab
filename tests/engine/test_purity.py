"""planner.engine is pure Python: importing it (or its CLI) loads neither Django nor reportlab."""

import subprocess
import sys

from .support import REPO

CHECK = ("import sys, {module}; "
         "bad = [m for m in ('django', 'reportlab') if m in sys.modules]; "
         "assert not bad, bad")


def _run(module):
    return subprocess.run([sys.executable, "-c", CHECK.format(module=module)], cwd=REPO,
                          capture_output=True, text=True, timeout=60)


def test_importing_the_engine_loads_neither_django_nor_reportlab():
    result = _run("planner.engine")
    assert result.returncode == 0, result.stderr


def test_importing_the_cli_and_review_helpers_loads_neither_django_nor_reportlab():
    result = _run("planner.engine.__main__, planner.engine.reviews, planner.engine.overrides")
    assert result.returncode == 0, result.stderr


def test_the_check_itself_fails_when_django_is_imported():
    result = _run("django, planner.engine")
    assert result.returncode != 0


def _engine_import_graph() -> dict[str, set[str]]:
    """Module -> the engine modules it imports, at any depth of the file (a function-level
    import that only breaks a cycle still counts: it hides the cycle, it does not remove it)."""
    import ast

    root = REPO / "planner" / "engine"
    graph = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        package = parts[:-1] if parts[-1] != "__init__" else parts[:-1]
        name = ".".join(p for p in parts if p != "__init__") or "__init__"
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[: len(package) - (node.level - 1)]
                targets = [node.module] if node.module else [a.name for a in node.names]
                for target in targets:
                    edges.add(".".join((*base, *target.split("."))) or "__init__")
        graph[name] = edges
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    seen, stack = set(), []

    def visit(node):
        if node in stack:
            return stack[stack.index(node):] + [node]
        if node in seen or node not in graph or node == "__init__":
            return None
        seen.add(node)
        stack.append(node)
        for nxt in sorted(graph[node]):
            found = visit(nxt)
            if found:
                return found
        stack.pop()
        return None

    for start in sorted(graph):
        found = visit(start)
        if found:
            return found
    return None


def test_the_engine_has_no_import_cycle():
    assert _cycle(_engine_import_graph()) is None


def test_the_cycle_check_finds_a_planted_cycle():
    assert _cycle({"build": {"overrides"}, "overrides": {"build"}}) == [
        "build", "overrides", "build"]
