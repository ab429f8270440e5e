"""Run the examples written in the docstrings of the pure-function modules.

The examples are read from each module's source file and run against the module as imported: a
module compiled with mypyc (setup.py) keeps no docstrings a doctest finder could reach, but its
examples still hold, so they run against the compiled code.
"""

from __future__ import annotations

import ast
import doctest
import importlib
from pathlib import Path

import pytest

MODULES = [
    "policygraph.graph.store.config",
    "policygraph.ingest.records",
    "policygraph.ingest.units",
    "policygraph.ingest.places",
    "policygraph.ingest.meta",
    "policygraph.ingest.clean",
    "policygraph.ingest.extract",
    "policygraph.ingest.grammar",
    "policygraph.ingest.segment",
    "policygraph.ingest.pattern_words",
    "policygraph.ingest.tables",
    "policygraph.graph.analysis.rules",
    "policygraph.graph.analysis.network",
    "policygraph.graph.analysis.metrics",
    "policygraph.graph.analysis.names",
    "policygraph.graph.analysis.gaps",
    "policygraph.graph.analysis.compare",
]


def source_file(module) -> Path:
    """The .py a module was built from, in its package's folder: its own file, or the one shipped
    beside its compiled form (whose __file__ can name a folder that does not exist)."""
    package, _, name = module.__name__.rpartition(".")
    return Path(importlib.import_module(package).__file__).with_name(f"{name}.py")


def docstring_examples(module) -> list[doctest.DocTest]:
    """The examples of the module's docstring, of its top-level functions and classes, and of their
    methods (what doctest.testmod finds), read from the source, with the module's names as globals."""
    path = source_file(module)
    tree = ast.parse(path.read_text("utf-8"))
    owners: list[tuple[str, ast.AST]] = [(module.__name__, tree)]
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            owners.append((f"{module.__name__}.{node.name}", node))
        if isinstance(node, ast.ClassDef):
            owners += [
                (f"{module.__name__}.{node.name}.{member.name}", member)
                for member in node.body
                if isinstance(member, ast.FunctionDef | ast.AsyncFunctionDef)
            ]
    parser = doctest.DocTestParser()
    tests = []
    for name, node in owners:
        docstring = ast.get_docstring(node, clean=False)
        if docstring and ">>>" in docstring:
            line = getattr(node, "lineno", 0)
            tests.append(parser.get_doctest(docstring, dict(vars(module)), name, str(path), line))
    return tests


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    tests = docstring_examples(module)
    assert tests, f"{name} has no docstring example"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in tests:
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.attempted > 0
    assert result.failed == 0, (
        f"{result.failed} of {result.attempted} examples of {name} failed (printed above)"
    )


def test_examples_found_as_doctest_finds_them():
    """The source reading finds the examples testmod finds on an interpreted module (here one no build
    compiles), so reading them from the source loses none."""
    module = importlib.import_module("policygraph.ingest.records")
    by_finder = {t.name for t in doctest.DocTestFinder().find(module) if t.examples}
    by_source = {t.name for t in docstring_examples(module)}
    assert by_finder and by_source == by_finder
