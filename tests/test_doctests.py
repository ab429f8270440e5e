"""Run the examples written in the docstrings of the pure-function modules."""

from __future__ import annotations

import doctest
import importlib

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


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has no docstring example"
    assert result.failed == 0
