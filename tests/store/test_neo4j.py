"""The Neo4j engine: a real Neo4j 5 Community server that policygraph runs itself (the session's,
see _store_fixtures.py), and the connection errors of a Neo4j given by URI.

The loader, queries, analysis and views run on this server through the parametrised fixtures of
every other test; here: what is Neo4j's own (password, status, Browser, read transactions, stop,
one database) and the one-line errors.
"""

from __future__ import annotations

import json
import stat
import urllib.request

import pytest
from _plans import counts, expected_counts, make_plan
from click.testing import CliRunner

from policygraph.errors import StoreError
from policygraph.graph.cli.main import cli
from policygraph.graph.store import StoreConnectionError, local_engine, neo4j_server, open_store
from policygraph.graph.store.config import StoreConfig
from policygraph.graph.store.load import load_plans
from policygraph.graph.store.neo4j_store import Neo4jStore

SECRET = "pw-that-must-not-leak"
on_neo4j = pytest.mark.parametrize("local_engine", ["neo4j"], indirect=True)


@on_neo4j
def test_the_generated_password_is_private_and_required(local_engine):
    home = neo4j_server.home(local_engine.data_dir)
    assert stat.S_IMODE((home / neo4j_server.PASSWORD_FILE).stat().st_mode) == 0o600
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert not (home / "password.arg").exists()  # the hand-over file to Neo4j's tool is gone
    server = neo4j_server.status(local_engine.data_dir)
    assert server.running and server.bolt_uri.startswith("bolt://127.0.0.1:")
    with pytest.raises(StoreError, match="refused the login of user 'neo4j'") as caught:
        Neo4jStore(StoreConfig(uri=server.bolt_uri, user="neo4j", password=SECRET))
    assert SECRET not in str(caught.value)
    right = Neo4jStore(
        StoreConfig(uri=server.bolt_uri, user="neo4j", password=neo4j_server.password(local_engine.data_dir))
    )
    assert right.run("RETURN 1 AS one").rows == [(1,)]
    right.close()


@on_neo4j
def test_db_status_gives_bolt_uri_and_browser_url_and_browser_answers(local_engine):
    args = ["db", "status", "--engine", "neo4j", "--data-dir", str(local_engine.data_dir), "--format", "json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    rows = {row["item"]: row["value"] for row in json.loads(result.stdout)}
    server = neo4j_server.status(local_engine.data_dir)
    assert rows["engine"] == "neo4j" and rows["running"] == "yes"
    assert rows["bolt_uri"] == server.bolt_uri and rows["user"] == "neo4j"
    assert rows["browser_url"] == f"http://127.0.0.1:{server.http_port}/browser/"
    assert "graph" not in rows  # Neo4j: the graph is the database
    with urllib.request.urlopen(rows["browser_url"], timeout=30) as page:
        assert page.status == 200 and b"<title>Neo4j Browser" in page.read()


@on_neo4j
def test_load_counts_idempotency_and_replacement_on_neo4j(local_engine):
    with open_store(local_engine.fresh_graph()) as store:
        plans = [make_plan(), make_plan("p2", "plan-b.txt", tasks=2, jurisdiction="东胜区")]
        assert [o.outcome for o in load_plans(store, plans).outcomes] == ["added", "added"]
        assert counts(store) == expected_counts(plans)
        assert [o.outcome for o in load_plans(store, plans).outcomes] == ["unchanged", "unchanged"]
        assert counts(store) == expected_counts(plans)
        replacement = make_plan("p1-v2", tasks=1)
        assert [o.outcome for o in load_plans(store, [replacement]).outcomes] == ["replaced"]
        assert counts(store) == expected_counts([replacement, plans[1]])
        store.drop()


@on_neo4j
def test_read_only_runs_in_a_read_transaction(local_engine):
    with open_store(local_engine.fresh_graph()) as store:
        with pytest.raises(StoreError, match=r"Neo4j refused the query: .*(read|Read)"):
            store.run("CREATE (:Plan {id: 'x'})", read_only=True)
        assert store.run("MATCH (n) RETURN count(n)").rows == [(0,)]


@on_neo4j
def test_the_graph_name_is_not_used_on_neo4j(local_engine):
    """What differs: Neo4j Community has one user database, so two graph names see the same data
    (FalkorDB keeps them apart). README, "What differs"."""
    with open_store(local_engine.config("one")) as one, open_store(local_engine.config("two")) as two:
        one.drop()
        load_plans(one, [make_plan()], compact=False)
        assert counts(two) == counts(one) == expected_counts([make_plan()])
        one.drop()


@on_neo4j
def test_db_stop_stops_the_server_and_the_next_command_starts_it(local_engine):
    data_dir = str(local_engine.data_dir)
    before = neo4j_server.status(local_engine.data_dir)
    with open_store(local_engine.fresh_graph()) as store:
        load_plans(store, [make_plan()], compact=False)
    result = CliRunner().invoke(cli, ["db", "stop", "--engine", "neo4j", "--data-dir", data_dir])
    assert result.exit_code == 0 and "stopped Neo4j" in result.stderr
    assert not neo4j_server.status(local_engine.data_dir).running
    assert "Stopped." in (neo4j_server.home(local_engine.data_dir) / neo4j_server.LOG_FILE).read_text()
    with open_store(local_engine.config("g")) as store:  # started again, data kept
        assert counts(store) == expected_counts([make_plan()])
        store.drop()
    after = neo4j_server.status(local_engine.data_dir)  # same ports: the Browser URL a user holds still works
    assert (after.bolt_port, after.http_port) == (
        before.bolt_port,
        before.http_port,
    ) and after.pid != before.pid


def test_no_java_or_maven_is_one_line_naming_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # neither java nor mvn on it
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("POLICYGRAPH_CACHE_DIR", str(tmp_path / "cache"))  # nothing fetched yet
    with pytest.raises(StoreError) as caught:
        open_store(StoreConfig(data_dir=tmp_path / "db", engine="neo4j"))
    message = str(caught.value)
    assert (
        "\n" not in message and "Maven" in message and "apt install maven" in message and "--uri" in message
    )
    monkeypatch.setattr(neo4j_server, "lib_dir", lambda: tmp_path / "lib")  # as if fetched
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / ".complete").write_text("fetched\n")
    with pytest.raises(StoreError, match=r"needs Java 17 or newer .*--uri"):
        open_store(StoreConfig(data_dir=tmp_path / "db", engine="neo4j"))


def test_unreachable_neo4j_is_one_line_without_the_password(capfd):
    config = StoreConfig(uri=f"neo4j://127.0.0.1:{local_engine.free_port()}", user="neo4j", password=SECRET)
    with pytest.raises(StoreConnectionError) as caught:
        open_store(config)
    message = str(caught.value)
    assert message.startswith("cannot reach Neo4j at neo4j://127.0.0.1:") and "--uri" in message
    assert "\n" not in message and SECRET not in message and SECRET not in repr(config)
    assert capfd.readouterr().err == ""


def test_malformed_uri_says_what_to_use(capfd):
    for uri in ("foo://x", "http://localhost:7474", "localhost:7687"):
        with pytest.raises(
            StoreError, match=rf"bad Neo4j URI '{uri}': policygraph speaks Bolt.*neo4j://localhost"
        ):
            open_store(StoreConfig(uri=uri, password=SECRET))
    with pytest.raises(StoreError, match=r"cannot reach Neo4j at neo4j://x:notaport: .*check --uri"):
        open_store(StoreConfig(uri="neo4j://x:notaport", password=SECRET))
    assert capfd.readouterr().err == ""  # the driver's own log lines stay quiet


def test_a_password_written_into_the_uri_is_never_shown(capfd):
    from policygraph.graph.store.config import redacted_uri

    assert redacted_uri("bolt://neo4j:s3cret@db:7687") == "bolt://neo4j:***@db:7687"
    assert redacted_uri("neo4j://db:7687") == "neo4j://db:7687"
    for uri in ("bolt://neo4j:s3cret@127.0.0.1:1", "neo4j://neo4j:s3cret@127.0.0.1:1", "http://u:s3cret@x"):
        with pytest.raises(StoreError) as caught:
            open_store(StoreConfig(uri=uri))
        assert "s3cret" not in str(caught.value) and "***" in str(caught.value)
    assert "s3cret" not in capfd.readouterr().err


def test_an_unknown_engine_is_one_line():
    with pytest.raises(StoreError, match="unknown engine 'neo5': choose falkordb or neo4j"):
        StoreConfig(engine="neo5")


def test_generated_passwords_never_look_like_an_option():
    from policygraph.graph.store import neo4j_server

    passwords = {neo4j_server.new_password() for _ in range(500)}
    assert len(passwords) == 500 and all(p[0].isalnum() and p.isalnum() for p in passwords)
