"""find_tables passes over lines without calling its readers (tables._may_open, the marks and
row-number words found by tables._lines_holding): those shortcuts must never pass over a line from
which a reader would read a table. Checked line by line against the readers themselves over the
real texts of ../shared, the unseen fixtures and every text the ingest tests parse (their string
constants of several lines: the table forms those tests pin down)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from _shared import SHARED

from policygraph.ingest.clean import clean, fold
from policygraph.ingest.knowledge import knowledge
from policygraph.ingest.readers import read_document
from policygraph.ingest.tables import (
    _CLOSING_BORDER,
    _LONGEST_START,
    _TABLE_MARKS,
    _glued_rows,
    _header_run_cells,
    _lines_holding,
    _may_open,
    _numbering_label,
    _record,
    _row_cells,
    find_tables,
)

ROOT = Path(__file__).resolve().parents[2]


def _texts() -> list[tuple[str, str]]:
    files = sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("dev/docs/*.txt"))
    if not files:
        pytest.skip(f"the real texts of ../shared are not here ({SHARED})")
    files += sorted((ROOT / "tests/fixtures/unseen").glob("*.txt"))
    return [(path.name, clean(read_document(path))) for path in files] + _test_texts()


def _test_texts() -> list[tuple[str, str]]:
    """The texts of several lines written in the ingest tests, cleaned."""
    out = []
    for path in sorted((ROOT / "tests/ingest").glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "\n" in node.value:
                out.append((f"{path.name}:{node.lineno}", clean(node.value)))
    return out


def _lines(text: str) -> list[tuple[str, int]]:
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((line, pos))
        pos += len(line) + 1
    return lines


def test_lines_holding_finds_every_line_with_a_word():
    text = "序号\n甲|乙\n\n一段话\t\n编号序号"
    lines = _lines(text)
    starts = [p for _, p in lines] + [len(text) + 1]
    assert _lines_holding(text, _TABLE_MARKS, starts) == {1, 3}
    assert _lines_holding(text, ("序号", "编号"), starts) == {0, 4}
    text = "号码\n文号序号\n号\n序\n号序号"
    lines = _lines(text)
    starts = [p for _, p in lines] + [len(text) + 1]
    assert _lines_holding(text, ("序号", "编号"), starts) == {1, 4}
    for name, text in _texts():
        lines, folded = _lines(text), fold(text)
        starts = [p for _, p in lines] + [len(text) + 1]
        words = knowledge().phrases("column_index")
        hinted = {
            k for k, (line, p) in enumerate(lines) if any(w in folded[p : p + len(line)] for w in words)
        }
        assert _lines_holding(folded, words, starts) == hinted, name


def test_lines_passed_over_open_no_table():
    """Every line find_tables passes over (no mark, no row-number word, and too long to open a
    table or failing _may_open) is one from which no reader it would try reads a table."""
    passed = 0
    for name, text in _texts():
        lines, folded = _lines(text), fold(text)
        flat = [
            (_CLOSING_BORDER.sub("", line), p) if _row_cells(line) is None else (line, p) for line, p in lines
        ]
        words = knowledge().phrases("column_index")
        for i, (line, start) in enumerate(lines):
            if any(mark in line for mark in _TABLE_MARKS):
                continue
            if any(w in folded[start : start + len(line)] for w in words):
                continue
            folded_line = folded[start : start + len(line)]
            if len(line.strip()) <= _LONGEST_START and _may_open(flat, i, folded_line):
                continue
            passed += 1
            where = f"{name} line {i}: {line[:40]}"
            if len(line) <= 30:
                assert _record(lines, i)[0] is None, where
            if len(line) <= 40 and "。" not in line:
                assert _glued_rows(lines, i, folded_line)[0] is None, where
            assert _header_run_cells(flat, i) == ([], 0), where
            assert not (len(line) <= 8 and _numbering_label(flat, i)), where
    assert passed > 1000  # most lines are passed over


def test_a_table_is_still_found_after_passed_over_lines():
    """A flattened table after headings and a paragraph, all of which are passed over."""
    text = "一、重点任务\n推进各项工作落实,确保取得实效,形成长效机制,持续推进各项改革。\n工作任务\n牵头单位\n配合单位\n建设科普基地\n市科协\n市教育局\n"
    tables = find_tables(text)
    assert [t.header for t in tables] == [("工作任务", "牵头单位", "配合单位")]
    assert tables[0].rows[0].cells == ("建设科普基地", "市科协", "市教育局")


def test_a_record_opening_with_a_label_and_its_colon_is_read():
    """A record's first line is a label and its value, with no header word of its own as a whole
    line and no unit column's ending: only its colon lets it open a table."""
    text = "一、重点任务\n具体任务:建设科普基地\n责任单位:市科协\n"
    tables = find_tables(text)
    assert [(t.header, t.rows[0].cells) for t in tables] == [
        (("具体任务", "责任单位"), ("建设科普基地", "市科协"))
    ]
