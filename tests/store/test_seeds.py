"""The five seed plans through the real parser and the real local engine, and `policygraph ingest`."""

from __future__ import annotations

import shutil
import subprocess
import sys
import uuid

from _plans import counts, expected_counts
from click.testing import CliRunner

from policygraph.graph.cli.main import cli
from policygraph.graph.store import open_store
from policygraph.graph.store.config import StoreConfig
from policygraph.graph.store.load import load_plans
from policygraph.ingest import parse_file


def test_seed_counts_match_the_parsed_records(seeded_store, seed_plans):
    assert len(seed_plans) == 5
    assert counts(seeded_store) == expected_counts(seed_plans)
    per_plan = dict(seeded_store.run("MATCH (p:Plan) RETURN p.id, p.task_count").rows)
    assert per_plan == {p.id: len(p.tasks) for p in seed_plans}


def test_seeds_loaded_twice_change_nothing(store_with, seed_plans):
    store = store_with(seed_plans)
    before = counts(store)
    summary = load_plans(store, seed_plans)
    assert len(summary.unchanged) == 5 and summary.rows == 0
    assert counts(store) == before


def ingest(local_engine, graph, *paths):
    args = ["ingest", *map(str, paths), "--data-dir", str(local_engine.data_dir), "--graph", graph]
    return CliRunner().invoke(cli, args)


def test_ingest_command_adds_replaces_and_reports_bad_files(local_engine, seeds_dir, tmp_path):
    plans_dir = tmp_path / "plans"
    shutil.copytree(seeds_dir, plans_dir, ignore=shutil.ignore_patterns("*.json"))
    graph = f"t_{uuid.uuid4().hex[:12]}"
    result = ingest(local_engine, graph, plans_dir)
    assert result.exit_code == 0, result.output
    assert "5 added, 0 replaced, 0 unchanged, 0 failed" in result.stderr

    # Edit one plan: keep the first 60% of its lines. It must replace its old version completely.
    edited = sorted(plans_dir.glob("*.txt"))[1]
    lines = edited.read_text(encoding="utf-8").splitlines(keepends=True)
    edited.write_text("".join(lines[: len(lines) * 6 // 10]), encoding="utf-8")
    (plans_dir / "broken.txt").write_bytes(b"\x00\x01\x02 not a plan \xff\xfe")
    result = ingest(local_engine, graph, plans_dir)
    assert result.exit_code == 1
    assert "0 added, 1 replaced, 4 unchanged, 1 failed" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(f"failed: {plans_dir / 'broken.txt'}: ")

    current = [parse_file(path) for path in sorted(plans_dir.glob("*.txt")) if path.name != "broken.txt"]
    with open_store(StoreConfig(data_dir=local_engine.data_dir, graph=graph)) as store:
        assert counts(store) == expected_counts(current)
        assert sorted(r[0] for r in store.run("MATCH (p:Plan) RETURN p.id").rows) == sorted(
            p.id for p in current
        )
        store.drop()


def test_ingest_of_nothing_names_the_folder(local_engine, tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "policygraph",
            "ingest",
            str(tmp_path),
            "--data-dir",
            str(local_engine.data_dir),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"error: {tmp_path}: no documents found (looked for .docx, .htm, .html, .pdf, .txt files)"
    )


def test_kill_during_a_reload_of_edited_seeds_keeps_whole_versions(tmp_path, seeds_dir, monkeypatch):
    import os
    import signal

    import pytest

    from policygraph.graph.store import StoreConnectionError, local_engine

    plans_dir = tmp_path / "plans"
    shutil.copytree(seeds_dir, plans_dir, ignore=shutil.ignore_patterns("*.json"))
    files = sorted(plans_dir.glob("*.txt"))
    old = [parse_file(path) for path in files]
    for path in files:  # every plan edited: the second half of its lines dropped
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(lines[: len(lines) * 6 // 10]), encoding="utf-8")
    new = [parse_file(path) for path in files]
    config = StoreConfig(data_dir=tmp_path / "db", graph="g")
    # Two plans per statement (the five seeds would otherwise go in one): the kill after the
    # first statement's report leaves two plans new and three old.
    monkeypatch.setattr("policygraph.graph.store.load.BATCH_PLANS", 2)
    try:
        with open_store(config) as store:
            load_plans(store, old)

            def kill_after_two(report):
                if report.done == 2:
                    os.kill(local_engine.status(config.data_dir).pid, signal.SIGKILL)

            with pytest.raises(StoreConnectionError):
                load_plans(store, new, progress=kill_after_two)
        with open_store(config) as store:  # restarted from its files
            stored = {row[0] for row in store.run("MATCH (p:Plan) RETURN p.id").rows}
            current = [n if n.id in stored else o for o, n in zip(old, new)]
            assert stored == {p.id for p in current}
            assert sum(p in new for p in current) == 2
            assert counts(store) == expected_counts(current)
    finally:
        local_engine.stop(config.data_dir)
