"""The package's imports, read from the source: stages import one way, spaCy stays in its stages, no cycles.

The stages run ingest -> nlp -> extract -> resolve -> store -> pipeline ->
query/api/web/export/evaluate -> cli; a module imports its own stage, an
earlier one, or the base (the records, settings, messages and vocabulary at
the package root, which import only each other). Nothing after extract
imports spaCy, and what the read side loads when it is imported (following
module-level imports, as Python runs them) reaches neither spaCy nor nlp/,
extract/ or the pipeline. No module imports itself back through others,
even lazily inside a function.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import pytest

from tests.conftest import ROOT

SRC = ROOT / "src" / "talktrack"
BASE = {
    "model", "settings", "errors", "codec", "gazetteer", "places", "taxonomy", "labels", "event_records", "spelling", "confidence",
    "datafiles",
}
STAGES = {
    "ingest": 1, "nlp": 2, "extract": 3, "resolve": 4, "store": 5, "pipeline": 6,
    "query": 7, "api": 7, "web": 7, "export": 7, "evaluate": 7, "cli": 8,
}
READ_SIDE = {"resolve", "store", "query", "api", "web", "export"}
SPACY = ("spacy", "thinc")
PARSING = ("talktrack.nlp", "talktrack.extract", "talktrack.pipeline")


@dataclass(frozen=True)
class Import:
    target: str  # a talktrack module (or package), or the top-level name of another package
    line: int
    at_start: bool  # runs when the module is imported: at module level, not in a function or under TYPE_CHECKING


def _module_name(path) -> str:  # type: ignore[no-untyped-def]
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, list[Import]]:
    """Every module under src/talktrack with the imports it makes."""
    paths = {_module_name(p): p for p in SRC.rglob("*.py") if "__pycache__" not in p.parts}
    out = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        out[name] = list(_imports(ast.parse(path.read_text(encoding="utf-8")), package, set(paths)))
    return out


def _imports(tree: ast.Module, package: str, known: set[str]) -> Iterator[Import]:
    def resolve(base: str, names: list[str]) -> list[str]:
        subs = [f"{base}.{n}" for n in names if f"{base}.{n}" in known]  # `from pkg import module`
        return subs + ([base] if len(subs) < len(names) else [])

    def walk(node: ast.AST, at_start: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue  # for the type checker only: never runs
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield Import(alias.name, child.lineno, at_start)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - child.level + 1] + ([base] if base else []))
                for target in resolve(base, [a.name for a in child.names]):
                    yield Import(target, child.lineno, at_start)
            else:
                inner = at_start and not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                yield from walk(child, inner)

    yield from walk(tree, True)


def stage(module: str) -> int:
    parts = module.split(".")
    if len(parts) == 1:
        return max(STAGES.values())  # talktrack itself: talktrack.open() reads the store
    if parts[1].removesuffix(".py") in BASE and len(parts) == 2:
        return 0
    return STAGES[parts[1]]


def _ours(target: str) -> bool:
    return target == "talktrack" or target.startswith("talktrack.")


def test_every_module_has_a_stage():
    assert [m for m in modules() if m.count(".") == 1 and m.split(".")[1] not in BASE | set(STAGES)] == []


@pytest.mark.parametrize("module", sorted(modules()))
def test_a_stage_imports_only_earlier_stages(module: str):
    later = [f"line {i.line}: {i.target}" for i in modules()[module] if _ours(i.target) and stage(i.target) > stage(module)]
    assert not later, f"{module} (stage {stage(module)}) imports later stages: {later}"


def test_nothing_after_extract_imports_spacy():
    found = [f"{m}:{i.line}" for m, imports in modules().items() if stage(m) > STAGES["extract"]
             for i in imports if i.target.split(".")[0] in SPACY]
    assert not found


def _loaded(module: str) -> set[str]:
    """Every module importing `module` runs, following module-level imports and the packages above each one."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        parents = [".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)]
        todo += [p for p in parents if p in modules()]
        todo += [i.target for i in modules().get(name, []) if i.at_start]
    return seen


@pytest.mark.parametrize("module", sorted(m for m in modules() if m.count(".") >= 1 and m.split(".")[1] in READ_SIDE))
def test_the_read_side_loads_no_parser(module: str):
    loaded = _loaded(module)
    assert not {m for m in loaded if m.split(".")[0] in SPACY or m.startswith(PARSING)}


def test_no_module_imports_itself_back():
    graph = {m: sorted({i.target for i in imports if i.target in modules() and i.target != m}) for m, imports in modules().items()}
    cycles = [sorted(c) for c in _strongly_connected(graph) if len(c) > 1]
    assert cycles == []


def _strongly_connected(graph: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(graph[nxt])))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    out.append(component)
    return out
