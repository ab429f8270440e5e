"""The audit's folder: the five seeds among a malformed .docx, a zip-bomb .docx, a damaged Big5
file and a FIFO. `ingest` loads the five, lists the four in one line each, exits 1, and its
peak memory stays under 500 MB (the bomb unpacks to 300 MB; unbounded, reading it took GBs)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid

from test_hostile_files import make_cut_docx, make_damaged_big5, make_zip_bomb_docx

from policygraph.graph.store import open_store
from policygraph.graph.store.config import StoreConfig
from policygraph.ingest import readers

PEAK_LIMIT_MB = 500
# Runs the command as its only child and writes the child's peak resident memory (kB) to a file.
# The address-space cap only keeps a runaway reader from taking the machine down.
MEASURE = """
import resource, subprocess, sys
cap = 4 * 1024 ** 3
def limit():
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
code = subprocess.run(sys.argv[2:], preexec_fn=limit, timeout=600).returncode
with open(sys.argv[1], "w") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""


def test_the_audit_folder_loads_the_good_and_lists_the_bad(tmp_path, seeds_dir, local_engine):
    folder = tmp_path / "plans"
    folder.mkdir()
    seeds = sorted(seeds_dir.glob("*.txt"))
    assert len(seeds) == 5
    for seed in seeds:
        shutil.copy(seed, folder / seed.name)
    make_cut_docx(folder / "malformed.docx")
    make_zip_bomb_docx(folder / "zip_bomb.docx")
    make_damaged_big5(folder / "big5.txt")
    os.mkfifo(folder / "pipe.txt")

    # Each file named: `ingest FOLDER` runs the same list once parse.expand_paths lists folders
    # with readers.document_paths (today it leaves the FIFO out unseen).
    files = readers.document_paths(folder)
    assert [p.name for p in files] == sorted(
        [s.name for s in seeds] + ["big5.txt", "malformed.docx", "pipe.txt", "zip_bomb.docx"]
    )
    graph = f"t_audit_{uuid.uuid4().hex[:8]}"
    peak_file = tmp_path / "peak_kb"
    command = [sys.executable, "-m", "policygraph", "ingest", *map(str, files)]
    store_args = ["--data-dir", str(local_engine.data_dir), "--graph", graph]
    config = StoreConfig(data_dir=local_engine.data_dir, graph=graph)
    try:
        result = subprocess.run(
            [sys.executable, "-c", MEASURE, str(peak_file), *command, *store_args],
            capture_output=True,
            text=True,
            timeout=900,
        )
        with open_store(config) as store:
            stored = sorted(row[0] for row in store.run("MATCH (p:Plan) RETURN p.source").rows)
    finally:
        with open_store(config) as store:
            store.drop()
    failed = {
        line.split(": ", 2)[1]: line.split(": ", 2)[2]
        for line in result.stderr.splitlines()
        if line.startswith("failed: ")
    }
    peak_mb = int(peak_file.read_text()) / 1024
    print(f"exit {result.returncode}, peak {peak_mb:.0f} MB, failures:")
    print("\n".join(f"  {name}: {problem}" for name, problem in failed.items()))
    assert result.returncode == 1
    assert "5 added, 0 replaced, 0 unchanged, 4 failed" in result.stderr
    assert stored == [str(folder / seed.name) for seed in seeds]
    assert sorted(failed) == [
        str(folder / name) for name in ("big5.txt", "malformed.docx", "pipe.txt", "zip_bomb.docx")
    ]
    assert failed[str(folder / "big5.txt")].startswith(
        "unknown text encoding: read in any supported encoding, "
    )
    assert failed[str(folder / "malformed.docx")].startswith("not a readable .docx file (broken XML inside: ")
    assert failed[str(folder / "pipe.txt")] == "not a regular file: a named pipe (FIFO)"
    assert failed[str(folder / "zip_bomb.docx")].startswith("its parts unpack to 300")
    assert "more than the 50.0 MB limit" in failed[str(folder / "zip_bomb.docx")]
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) < 12
    assert peak_mb < PEAK_LIMIT_MB
