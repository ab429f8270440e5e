"""The Neo4j backend: the same loader statements against a real Neo4j 5 when NEO4J_URI is set.

Without a server only the connection errors are checked; the statements themselves are checked
against Neo4j's grammar by test_cypher_lint.py.
"""

from __future__ import annotations

import os

import pytest
from _plans import counts, expected_counts, make_plan

from policygraph.graph.store import StoreConnectionError, local_engine, open_store
from policygraph.graph.store.config import StoreConfig
from policygraph.graph.store.load import load_plans

SECRET = "pw-that-must-not-leak"


@pytest.fixture
def neo4j_store():
    if not os.environ.get("NEO4J_URI"):
        pytest.skip(
            "NEO4J_URI is not set: these tests need a real Neo4j 5 server "
            "(set NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD; the database is emptied)"
        )
    store = open_store(StoreConfig.from_env())
    store.drop()
    yield store
    store.drop()
    store.close()


def test_unreachable_neo4j_is_one_line_without_the_password(capfd):
    config = StoreConfig(uri=f"neo4j://127.0.0.1:{local_engine.free_port()}", user="neo4j", password=SECRET)
    with pytest.raises(StoreConnectionError) as caught:
        open_store(config)
    message = str(caught.value)
    assert message.startswith("cannot reach Neo4j at neo4j://127.0.0.1:") and "--uri" in message
    assert "\n" not in message and SECRET not in message and SECRET not in repr(config)
    assert capfd.readouterr().err == ""


@pytest.mark.neo4j
def test_load_counts_idempotency_and_replacement_on_neo4j(neo4j_store):
    plans = [make_plan(), make_plan("p2", "plan-b.txt", tasks=2, jurisdiction="东胜区")]
    assert [o.outcome for o in load_plans(neo4j_store, plans).outcomes] == ["added", "added"]
    assert counts(neo4j_store) == expected_counts(plans)
    assert [o.outcome for o in load_plans(neo4j_store, plans).outcomes] == ["unchanged", "unchanged"]
    assert counts(neo4j_store) == expected_counts(plans)
    replacement = make_plan("p1-v2", tasks=1)
    assert [o.outcome for o in load_plans(neo4j_store, [replacement]).outcomes] == ["replaced"]
    assert counts(neo4j_store) == expected_counts([replacement, plans[1]])


@pytest.mark.neo4j
def test_read_only_refuses_writes_on_neo4j(neo4j_store):
    from policygraph.errors import StoreError

    with pytest.raises(StoreError):
        neo4j_store.run("CREATE (:Plan {id: 'x'})", read_only=True)


def test_malformed_uri_says_what_to_use(capfd):
    from policygraph.errors import StoreError

    for uri in ("foo://x", "http://localhost:7474", "localhost:7687"):
        with pytest.raises(
            StoreError, match=rf"bad Neo4j URI '{uri}': policygraph speaks Bolt.*neo4j://localhost"
        ):
            open_store(StoreConfig(uri=uri, password=SECRET))
    with pytest.raises(StoreError, match=r"cannot reach Neo4j at neo4j://x:notaport: .*check --uri"):
        open_store(StoreConfig(uri="neo4j://x:notaport", password=SECRET))
    assert capfd.readouterr().err == ""  # the driver's own log lines stay quiet


def test_a_password_written_into_the_uri_is_never_shown(capfd):
    from policygraph.errors import StoreError
    from policygraph.graph.store.config import redacted_uri

    assert redacted_uri("bolt://neo4j:s3cret@db:7687") == "bolt://neo4j:***@db:7687"
    assert redacted_uri("neo4j://db:7687") == "neo4j://db:7687"
    for uri in ("bolt://neo4j:s3cret@127.0.0.1:1", "neo4j://neo4j:s3cret@127.0.0.1:1", "http://u:s3cret@x"):
        with pytest.raises(StoreError) as caught:
            open_store(StoreConfig(uri=uri))
        assert "s3cret" not in str(caught.value) and "***" in str(caught.value)
    assert "s3cret" not in capfd.readouterr().err
