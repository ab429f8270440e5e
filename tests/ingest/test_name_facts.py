"""A list's reading asks one record per name (_name_facts) what it asked several functions before:
the record must give each of their answers, for every name the real plans and the bench's
generated plans list (the parser's output depends on it)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from _shared import real_text_paths, requires_dev

from policygraph.ingest.clean import clean, fold, fold_name
from policygraph.ingest.extract import (
    _is_listed_unit,
    _list_names,
    _name_facts,
    _patterns,
    _split_conjoined,
    _split_depth0,
    is_person,
    is_placeholder,
    unit_and_placeholder,
)
from policygraph.ingest.grammar import grammar
from policygraph.ingest.readers import read_document

ROOT = Path(__file__).resolve().parents[2]


def _listed_names(texts: list[str]) -> set[str]:
    """Every name a 、-list of the texts gives, as split and as joined back (a placeholder with a
    level word after it), read as a labelled list and as a plain one."""
    names: set[str] = set()
    for text in texts:
        f = fold(text)
        for a, b in _split_depth0(f, "。\n:"):
            for commas in (False, True):
                for piece in _list_names(text[a:b], f[a:b], commas, False):
                    names.update(piece)
    return names


def _assert_facts(names: set[str]) -> None:
    p, g = _patterns(), grammar()
    assert names
    for name in names:
        facts = _name_facts(name)
        f = fold_name(name)
        assert facts.placeholder == is_placeholder(name), name
        assert facts.person == facts.reading.person == is_person(name), name
        assert facts.extends_placeholder == bool(g["level_word"].match(f) or g["generic_rest"].fullmatch(f))
        assert facts.nothing == (f in p.nothing), name
        assert facts.conjoined == _split_conjoined(name), name
        assert facts.listed_unit == _is_listed_unit(name), name
        unit, placeholder = unit_and_placeholder(name)
        if unit and placeholder:
            assert (facts.reading.unit, facts.reading.placeholder) == (unit, placeholder), name
        else:
            assert facts.reading.unit == "" and bool(facts.reading.placeholder) == facts.placeholder, name


def test_name_facts_on_generated_plans():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from bench_parse import generate_plan
    finally:
        sys.path.remove(str(ROOT / "bench"))
    rng = random.Random(3)
    _assert_facts(_listed_names([generate_plan(rng, i, 30) for i in range(4)]))


@requires_dev
def test_name_facts_on_real_plans():
    files = real_text_paths()
    _assert_facts(_listed_names([clean(read_document(p)) for p in files]))
