"""The package's shape, read from its source: data flows one way and nothing imports in a circle.

``load`` reads the editors' files, ``derive`` computes from what was loaded, ``render`` writes
pages and files, ``site`` runs the stages in order and ``cli`` serves the editors. A module may
import from its own stage and the stages before it, never from a later one, and only the MkDocs
adapter (``hooks/plansite_hooks.py``) imports MkDocs.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

HOOKS = Path(__file__).resolve().parent.parent / "hooks"
PACKAGE = HOOKS / "plansite"

STAGES = ("base", "load", "derive", "render", "site", "cli")
"""In pipeline order; ``base`` is the shared vocabulary: model, urls, russian, periods, …"""
ENGINE_PACKAGES = ("mkdocs", "material")


def module_name(path: Path) -> str:
    parts = path.relative_to(HOOKS).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported_names(path: Path) -> Iterator[tuple[str, int]]:
    """Every module ``path`` imports (at any depth, type-checking imports included)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                yield (candidate if candidate in MODULES else base), node.lineno


def internal_imports(name: str) -> set[str]:
    return {target for target, _ in imported_names(MODULES[name]) if target in MODULES}


def stage(name: str) -> str:
    parts = name.split(".")
    if len(parts) > 1 and parts[1] in STAGES:
        return parts[1]
    return "base"


def test_the_stages_are_all_there() -> None:
    assert {stage(name) for name in MODULES} == set(STAGES)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_imports_a_later_stage(name: str) -> None:
    upward = [
        f"{MODULES[name].relative_to(HOOKS)}:{line}: imports {target} ({stage(target)})"
        for target, line in imported_names(MODULES[name])
        if target in MODULES and STAGES.index(stage(target)) > STAGES.index(stage(name))
    ]
    assert not upward, f"{name} ({stage(name)}) reaches forward:\n" + "\n".join(upward)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_only_the_adapter_imports_the_engine(name: str) -> None:
    engine = [
        f"{MODULES[name].relative_to(HOOKS)}:{line}: imports {target}"
        for target, line in imported_names(MODULES[name])
        if target.split(".")[0] in ENGINE_PACKAGES
    ]
    assert not engine, "\n".join(engine)


def test_the_adapter_is_outside_the_package_and_does_import_the_engine() -> None:
    adapter = HOOKS / "plansite_hooks.py"
    assert any(target.split(".")[0] == "mkdocs" for target, _ in imported_names(adapter))


def test_no_import_circles() -> None:
    graph = {name: internal_imports(name) for name in MODULES}
    cycles = _cycles(graph)
    assert not cycles, "import circles:\n" + "\n".join(" -> ".join(cycle) for cycle in cycles)


def test_the_circle_finder_finds_circles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert sorted(sorted(cycle[:-1]) for cycle in _cycles(graph)) == [["a", "b", "c"], ["e"]]


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle (``a -> b -> a``) through each strongly connected group of modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                found.append(_circle_in(sorted(group), graph))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _circle_in(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A path from the group's first module back to itself, inside the group."""
    start, members = group[0], set(group)
    paths = [[start]]
    while paths:
        path = paths.pop(0)
        for target in sorted(graph[path[-1]] & members):
            if target == start:
                return [*path, start]
            if target not in path:
                paths.append([*path, target])
    return [start, start]
