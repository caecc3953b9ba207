"""The engine stays readable and pure: small modules, short functions, no Django."""

import ast
from pathlib import Path

import planner.engine

PACKAGE = Path(planner.engine.__file__).parent
MODULES = sorted(PACKAGE.glob("*.py"))


def functions(tree: ast.AST):
    return (node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef))


def test_no_engine_module_is_over_600_lines():
    long = {path.name: n for path in MODULES if (n := len(path.read_text().splitlines())) > 600}
    assert len(MODULES) > 10
    assert long == {}


def test_no_engine_function_is_over_80_lines():
    long = [
        f"{path.name}:{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for path in MODULES
        for node in functions(ast.parse(path.read_text()))
        if node.end_lineno - node.lineno + 1 > 80
    ]
    assert long == []


def test_the_engine_imports_no_django():
    imported = set()
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])
    assert "django" not in imported
    assert imported <= {
        "__future__",
        "bisect",
        "calendar",
        "collections",
        "contextlib",
        "gc",
        "dataclasses",
        "datetime",
        "enum",
        "functools",
        "heapq",
        "itertools",
        "operator",
        "types",
        "typing",
        "time",
    }
