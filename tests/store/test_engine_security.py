"""The local engine locked down: a password it refuses connections without, a private data
directory, identity by port and data directory (never by process name), relative data
directories from anywhere; and no password of a Neo4j URI in any output."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from _plans import counts, make_plan
from click.testing import CliRunner

from policygraph.errors import StoreError
from policygraph.graph.cli.main import cli
from policygraph.graph.store import local_engine, open_store
from policygraph.graph.store.config import StoreConfig, redacted_uri
from policygraph.graph.store.load import load_plans


@pytest.fixture
def data_dir(tmp_path):
    yield tmp_path / "db"
    local_engine.stop(tmp_path / "db")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _policygraph(*args, cwd, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "policygraph", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_engine_refuses_a_connection_without_its_password(data_dir):
    status = local_engine.start(data_dir)
    with pytest.raises(redis.exceptions.AuthenticationError):
        redis.Redis(host=local_engine.HOST, port=status.port).ping()
    with pytest.raises(redis.exceptions.AuthenticationError):
        redis.Redis(host=local_engine.HOST, port=status.port, password="guessed-password-1234").ping()
    secret = (data_dir / local_engine.PASSWORD_FILE).read_text().strip()
    assert len(secret) >= 32 and secret == local_engine.password(data_dir)
    assert redis.Redis(host=local_engine.HOST, port=status.port, password=secret).ping()
    # The password is never on the server's command line, where any local user could read it.
    assert secret.encode() not in Path(f"/proc/{status.pid}/cmdline").read_bytes()
    with open_store(StoreConfig(data_dir=data_dir, graph="g")) as store:  # the client sends it
        load_plans(store, [make_plan()])
        assert counts(store)["Task"] == 3


def test_data_directory_is_private_and_so_are_the_files_we_create(data_dir):
    with open_store(StoreConfig(data_dir=data_dir, graph="g")) as store:
        load_plans(store, [make_plan()])
    assert _mode(data_dir) == 0o700
    for name in (
        local_engine.PASSWORD_FILE,
        local_engine.PID_FILE,
        local_engine.PORT_FILE,
        local_engine.LOG_FILE,
        local_engine.LOCK_FILE,
    ):
        assert _mode(data_dir / name) == 0o600, name
    written = [p for p in (data_dir / "appendonlydir").iterdir()]
    assert written and all(_mode(p) == 0o600 for p in written)


def test_a_data_directory_from_before_passwords_keeps_working(data_dir):
    config = StoreConfig(data_dir=data_dir, graph="g")
    with open_store(config) as store:
        load_plans(store, [make_plan()])
        loaded = counts(store)
    local_engine.stop(data_dir)
    # As an older policygraph left it: no password file, readable by everyone.
    (data_dir / local_engine.PASSWORD_FILE).unlink()
    data_dir.chmod(0o755)
    (data_dir / local_engine.LOG_FILE).chmod(0o644)
    with open_store(config) as store:
        assert counts(store) == loaded
    assert local_engine.password(data_dir) is not None
    assert _mode(data_dir) == 0o700 and _mode(data_dir / local_engine.PASSWORD_FILE) == 0o600


def test_a_relative_data_dir_works_from_any_working_directory(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    data_dir = first / "rel-db"
    try:
        started = _policygraph("db", "start", "--data-dir", "rel-db", cwd=first)
        assert started.returncode == 0, started.stderr
        assert "running on 127.0.0.1:" in started.stderr
        # The same data directory named relative to another working directory, and by the env var.
        shown = _policygraph("db", "status", "--data-dir", "../first/rel-db", "--format", "json", cwd=second)
        rows = {row["item"]: row["value"] for row in json.loads(shown.stdout)}
        assert rows["running"] == "yes", shown.stderr
        by_env = _policygraph(
            "db", "status", "--format", "json", cwd=second, env={"POLICYGRAPH_DATA_DIR": "../first/rel-db"}
        )
        assert {row["item"]: row["value"] for row in json.loads(by_env.stdout)}["running"] == "yes"
        assert (data_dir / local_engine.PID_FILE).is_file() and not (second / "rel-db").exists()
        assert _mode(data_dir) == 0o700
    finally:
        stopped = _policygraph("db", "stop", "--data-dir", str(data_dir), cwd=tmp_path)
    assert "stopped the local engine" in stopped.stderr


def _answers(status) -> bool:
    secret = local_engine.password(status.data_dir)
    return redis.Redis(host=local_engine.HOST, port=status.port, password=secret).ping()


@pytest.mark.parametrize("same_port", [False, True], ids=["other-port", "its-own-port"])
def test_a_pid_file_naming_another_data_directorys_engine_is_stale(tmp_path, same_port):
    other = local_engine.start(tmp_path / "other")
    mine = tmp_path / "mine"
    try:
        mine.mkdir()

        def stale_files():
            (mine / local_engine.PID_FILE).write_text(f"{other.pid}\n")
            port = other.port if same_port else local_engine.free_port()
            (mine / local_engine.PORT_FILE).write_text(f"{port}\n")

        stale_files()
        assert "stale pid file" in local_engine.status(mine).problem
        began = time.monotonic()
        messages = []
        started = local_engine.start(mine, notify=messages.append)
        assert time.monotonic() - began < 20  # no 60 s wait for a server that is not ours
        assert started.pid != other.pid and started.running
        assert any("stale pid file" in m for m in messages)
        local_engine.stop(mine)
        stale_files()
        result = CliRunner().invoke(cli, ["db", "stop", "--data-dir", str(mine)])
        assert result.exit_code == 0 and "stale pid file" in result.stderr
        assert _answers(other)  # the other store's engine was not stopped
        assert not (mine / local_engine.PID_FILE).exists()
    finally:
        local_engine.stop(mine)
        local_engine.stop(tmp_path / "other")


def test_our_busy_engine_is_waited_for_then_left_alone(data_dir):
    """Stands in for our server loading a large data set: it runs in the data directory and
    listens on the port of the port file, but does not answer."""
    data_dir.mkdir(parents=True)
    port = local_engine.free_port()
    listener = (
        "import socket, time\n"
        "s = socket.socket()\n"
        f"s.bind(('127.0.0.1', {port}))\n"
        "s.listen()\n"
        "print('listening', flush=True)\n"
        "time.sleep(60)\n"
    )
    busy = subprocess.Popen([sys.executable, "-c", listener], cwd=data_dir, stdout=subprocess.PIPE, text=True)
    try:
        assert busy.stdout.readline().strip() == "listening"
        (data_dir / local_engine.PID_FILE).write_text(f"{busy.pid}\n")
        (data_dir / local_engine.PORT_FILE).write_text(f"{port}\n")
        assert "still loading its data?" in local_engine.status(data_dir).problem
        with pytest.raises(
            StoreError, match=rf"pid {busy.pid}\) is still not answering after \d+ s.*try again"
        ):
            local_engine.start(data_dir, timeout=0.5)
        assert busy.poll() is None  # not killed: it would have to load everything again
    finally:
        busy.kill()
        busy.wait()


@pytest.mark.parametrize(
    "uri, password",
    [
        ("neo4j://neo4j:sec/ret123@host", "sec/ret123"),
        ("neo4j://neo4j:p@ss?w0rd@db.example.org:7687", "p@ss?w0rd"),
        ("bolt://neo4j:a#b/c?d@e@127.0.0.1:7687/neo4j", "a#b/c?d@e"),
        ("neo4j+s://admin:colon:in:it@host", "colon:in:it"),
        ("neo4j://neo4j:空格 and spaces@host", "空格 and spaces"),
        ("neo4j:no-scheme-pass@host", "no-scheme-pass"),
        ("bolt://neo4j:plain@host:7687", "plain"),
    ],
)
def test_redacted_uri_never_shows_the_password(uri, password):
    shown = redacted_uri(uri)
    assert password not in shown and "***" in shown
    for piece in password.replace("?", "/").replace("@", "/").replace("#", "/").split("/"):
        assert len(piece) < 3 or piece not in shown, piece
    assert shown.endswith(uri.rsplit("@", 1)[1])  # the address stays, to say where it went


def test_uris_without_a_password_are_shown_as_given():
    for uri in ("neo4j://localhost:7687", "bolt://neo4j@host:7687", "neo4j://host/db?x=1"):
        assert redacted_uri(uri) == uri


def test_no_command_output_shows_a_neo4j_password(tmp_path):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    for password in ("sec/ret123", "p@ss?w0rd", "x#y/z"):
        uri = f"neo4j://neo4j:{password}@127.0.0.1:{port}"
        result = _policygraph("db", "status", "--uri", uri, cwd=tmp_path)
        printed = result.stdout + result.stderr
        assert "neo4j:***@" in printed
        for fragment in [
            password,
            *password.replace("?", "/").replace("@", "/").replace("#", "/").split("/"),
        ]:
            assert len(fragment) < 3 or fragment not in printed, (fragment, printed)
