"""File names are data: a name with a newline cannot forge a `failed:` line, one with terminal
escape codes cannot clear the screen or recolour the output. One function escapes them."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys
from pathlib import Path

import pytest

from policygraph.graph.cli import safe_text
from policygraph.graph.cli.safe_text import printable

FORGED = "plan.txt: empty file\nfailed: secrets.txt: forged"
HOSTILE_NAMES = [
    f"a_{FORGED}.txt",
    "b_\x1b[2J\x1b[1;1Hcleared.txt",
    "c_\x1b]0;title\x07bell.txt",
    "d_\u202egnp.txt",  # right-to-left override: would show the name reversed
    "e_\rback.txt",
]


def _escaped(name: str) -> str:
    return printable(name)


def _run(*args, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "policygraph", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def hostile_folder(tmp_path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in HOSTILE_NAMES:
        (folder / name).write_bytes(b"")  # empty: each one fails
    return folder


def _assert_only_escaped_names(stderr: str, prefix: str, folder: Path) -> None:
    assert "\x1b" not in stderr and "\x07" not in stderr and "\r" not in stderr and "\u202e" not in stderr
    listed = [line for line in stderr.splitlines() if line.startswith(prefix)]
    assert len(listed) == len(HOSTILE_NAMES), stderr
    assert not any(line.startswith(f"{prefix}secrets.txt") for line in stderr.splitlines())
    for name in HOSTILE_NAMES:
        assert f"{prefix}{folder / _escaped(name)}: empty file" in listed, name


def test_ingest_prints_hostile_names_escaped(hostile_folder, tmp_path):
    result = _run("ingest", str(hostile_folder), "--data-dir", str(tmp_path / "db"), cwd=tmp_path)
    assert result.returncode == 1
    _assert_only_escaped_names(result.stderr, "failed: ", hostile_folder)
    assert not (tmp_path / "db").exists()  # every file failed: the store was never touched


def test_parse_prints_hostile_names_escaped(hostile_folder, tmp_path):
    result = _run("parse", str(hostile_folder), cwd=tmp_path)
    assert result.returncode == 1
    _assert_only_escaped_names(result.stderr, "  ", hostile_folder)


def test_score_prints_hostile_names_escaped(tmp_path):
    seeds, gold = tmp_path / "seeds", tmp_path / "gold"
    seeds.mkdir()
    gold.mkdir()
    (gold / "g.json").write_text(
        json.dumps({"doc": "x\nerror: forged\x1b[2J.txt", "tasks": []}), encoding="utf-8"
    )
    result = _run("score", str(seeds), "--gold", str(gold), cwd=tmp_path)
    assert result.returncode == 1
    assert "\x1b" not in result.stderr
    assert not any(line.startswith("error: forged") for line in result.stderr.splitlines())
    assert f"error: g.json: {seeds}/x\\nerror: forged\\e[2J.txt: no such file" in result.stderr


def test_printable_keeps_ordinary_names_and_escapes_the_rest():
    assert printable("江城市 实施方案 (2024).docx") == "江城市 实施方案 (2024).docx"
    assert printable(Path("/a/b\nc.txt")) == "/a/b\\nc.txt"
    assert printable("\x9b2J\x7f\u2028") == "\\x9b2J\\x7f\\u2028"
    assert printable("bytes\udcff.txt") == "bytes\\udcff.txt"  # a name that is not UTF-8
    assert doctest.testmod(safe_text).failed == 0
