"""Dependencies between the project's apps flow one way (docs/architecture.md).

Every import in the apps' code (inside functions too, migrations included; tests left out: they may put any
apps together) is read with ast and turned into an app graph, which must have no cycle, and in which no
platform app imports a content app (one that declares a content type, core.content).
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from core import content

BASE_DIR = Path(settings.BASE_DIR)
# Platform apps that still import a content app. Each is a debt to pay back, never a pattern to follow: the
# list may shrink, not grow.
KNOWN_PLATFORM_TO_CONTENT = set()
# Apps of the content layer that declare no content type of their own: they fill content apps' pages (legacy
# imports old portals into news' articles). No platform app may import them either.
CONTENT_WITHOUT_TYPES = {"legacy"}


def project_apps():
    """The top-level packages of this project: its installed apps and the project package (portal)."""
    tops = {config.name.split(".")[0] for config in apps.get_app_configs()} | {settings.ROOT_URLCONF.split(".")[0]}
    # A package in the project's folder, not an installed library (a virtualenv may sit in that folder too).
    return sorted(name for name in tops if (BASE_DIR / name / "__init__.py").is_file())


def _imports(tree):
    """(module, line) of every absolute import in a module, wherever it stands (a function's too)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module, node.lineno


def app_graph(root=BASE_DIR, names=None):
    """{app: {imported app: ["path:line", …]}} for the project's apps."""
    names = names or project_apps()
    graph = {name: defaultdict(list) for name in names}
    for name in names:
        for path in sorted((root / name).rglob("*.py")):
            relative = path.relative_to(root)
            if "tests" in relative.parts:
                continue
            for module, line in _imports(ast.parse(path.read_text(encoding="utf-8"), filename=str(relative))):
                target = module.split(".")[0]
                if target in graph and target != name:
                    graph[name][target].append(f"{relative}:{line}")
    return graph


def cycles(graph):
    """Each cycle once, as a list of apps from its smallest name round to it again."""
    found = set()

    def walk(start, node, trail):
        for target in graph[node]:
            if target == start:
                found.add(tuple(trail))
            elif target not in trail and target > start:
                walk(start, target, [*trail, target])

    for start in sorted(graph):
        walk(start, start, [start])
    return sorted([*cycle, cycle[0]] for cycle in found)


def _describe(graph, edges):
    return "\n".join(f"{a} -> {b}: {', '.join(graph[a][b])}" for a, b in edges)


def test_no_app_import_cycles():
    graph = app_graph()
    found = cycles(graph)
    edges = sorted({(a, b) for cycle in found for a, b in zip(cycle, cycle[1:], strict=False)})
    assert not found, f"import cycles between apps: {found}\n{_describe(graph, edges)}"


def test_platform_apps_import_no_content_app():
    graph = app_graph()
    content_apps = {model._meta.app_label for model, _ in content.registered()} | CONTENT_WITHOUT_TYPES
    platform = set(graph) - content_apps - {settings.ROOT_URLCONF.split(".")[0]}
    edges = {(a, b) for a in platform for b in graph[a] if b in content_apps}
    assert edges <= KNOWN_PLATFORM_TO_CONTENT, _describe(graph, sorted(edges - KNOWN_PLATFORM_TO_CONTENT))


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b": []}, "b": {"c": []}, "c": {"a": []}}, [["a", "b", "c", "a"]]),
        ({"a": {"b": []}, "b": {"a": []}, "c": {"a": []}}, [["a", "b", "a"]]),
        ({"a": {"b": [], "c": []}, "b": {"c": []}, "c": {}}, []),
    ],
)
def test_cycle_finder(graph, expected):
    assert cycles(graph) == expected
