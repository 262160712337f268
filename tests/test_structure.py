"""The shape of the project's own code: no import cycle, apps that depend one way, modules of a readable size.

Imports are read with `ast`, those inside functions too: an import moved into a function to dodge a cycle is
still a cycle of design.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["accounts", "meetings", "agendas", "questionnaires", "honlac"]
MAX_LINES = 400

# Modules that were long before modules were split by concern; the split empties this list. A module that is
# no longer long must leave it, so that it can only shrink.
LONG_MODULES = set()

# Cycles still to be removed; like the list above, it may only shrink (none is left).
KNOWN_CYCLES = set()

# Which app may import which: an app never imports one that depends on it.
LAYERS = {
    "meetings": {"agendas", "questionnaires"},
    "agendas": {"questionnaires"},
}


def source_files(packages):
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.relative_to(ROOT).parts:
                yield path


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path, modules):
    """The project's modules that `path` imports, wherever in the file the import stands."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            candidates = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for candidate in candidates:
            while candidate and candidate not in modules:
                candidate = candidate.rpartition(".")[0]
            if candidate and candidate != name and candidate not in APPS:  # an app's empty __init__ is no edge
                found.add(candidate)
    return found


def import_graph():
    paths = {module_name(path): path for path in source_files(APPS)}
    return {name: imported_modules(path, paths) for name, path in paths.items()}


def cycles(graph):
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for node in graph:
        if node not in index:
            visit(node)
    return set(found)


def test_cycles_finds_every_cycle_of_more_than_one_module():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == {frozenset({"a", "b", "c"})}
    assert cycles({"a": {"b"}, "b": set()}) == set()


def test_no_import_cycle_among_the_project_modules():
    found = cycles(import_graph())
    assert sorted(map(sorted, found - KNOWN_CYCLES)) == []
    assert sorted(map(sorted, KNOWN_CYCLES - found)) == [], "this cycle is gone: remove it from KNOWN_CYCLES"


def test_apps_import_only_the_apps_below_them():
    wrong = sorted(
        (module, target)
        for module, targets in import_graph().items()
        for target in targets
        if target.split(".")[0] in LAYERS.get(module.split(".")[0], set())
    )
    assert wrong == []


def test_no_module_over_400_lines_except_those_left_to_split():
    lengths = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in source_files([*APPS, "bench"])
    }
    long = {path for path, lines in lengths.items() if lines > MAX_LINES}
    assert sorted(long - LONG_MODULES) == []
    assert sorted(LONG_MODULES - long) == [], "these modules are short now: remove them from LONG_MODULES"
