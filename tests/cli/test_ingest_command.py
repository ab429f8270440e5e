"""`policygraph parse` and `policygraph score` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "policygraph", *args], capture_output=True, text=True, cwd=cwd
    )


def test_parse_json_prints_one_gold_shaped_object_per_document(samples_dir):
    result = run("parse", str(samples_dir), "--format", "json")
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.removeprefix("\ufeff").splitlines()]
    assert len(objects) == 7
    for obj in objects:
        assert {"doc", "jurisdiction", "level", "period", "tasks", "title", "doc_number", "parents"} <= set(
            obj
        )
        for task in obj["tasks"]:
            assert {
                "id",
                "section",
                "title",
                "lead",
                "support",
                "joint",
                "vague",
                "span",
                "assignment_text",
                "units",
            } <= set(task)
            assert all(isinstance(u, str) for role in ("lead", "support", "joint") for u in task[role])


def test_parse_goes_on_past_bad_files_and_lists_them_at_the_end(tmp_path, samples_dir):
    (tmp_path / "a_bad.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "b_good.txt").write_bytes((samples_dir / "jiangcheng_2024_work_points.txt").read_bytes())
    (tmp_path / "c_empty.txt").write_bytes(b"")
    result = run("parse", str(tmp_path))
    assert result.returncode == 1
    assert "江城市2024年全民科学素质工作要点" in result.stdout
    tail = result.stderr.strip().splitlines()[-4:]
    assert "1 parsed, 2 failed" in tail[0] and "a_bad.txt" in tail[1] and "c_empty.txt: empty file" in tail[2]
    assert tail[3].startswith("error: 2 of 3 documents could not be parsed")


def test_parse_of_nothing_is_a_usage_error(tmp_path):
    result = run("parse", str(tmp_path))
    assert result.returncode != 0 and "no documents found" in result.stderr


def test_score_prints_per_document_figures(seeds_dir):
    result = run("score", str(seeds_dir), "--format", "csv", "--fail-under", "0.98")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.removeprefix("\ufeff").strip().splitlines()
    assert lines[0].startswith("doc,tasks_p") and len(lines) == 7 and lines[-1].startswith("ALL,")
    assert float(lines[-1].split(",")[3]) >= 0.98 and float(lines[-1].split(",")[6]) >= 0.98
