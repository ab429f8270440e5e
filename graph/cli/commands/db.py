"""`policygraph db start|stop|status`: manage the local engine of a data directory (FalkorDB, or the
Neo4j server policygraph runs with --engine neo4j)."""

from __future__ import annotations

import click

from policygraph.errors import StoreError
from policygraph.graph.cli.options import format_option, info, store_options
from policygraph.graph.cli.output import emit_rows
from policygraph.graph.store import local_engine, neo4j_server, open_store, statement


@click.group("db")
def command():
    """Start, stop or inspect the local graph engine (bound to 127.0.0.1): FalkorDB, or with
    --engine neo4j (POLICYGRAPH_ENGINE=neo4j) a Neo4j 5 Community server fetched from Maven Central.

    Commands that need the store start the engine on demand, so `db start` is optional. Its data,
    log and pid live in --data-dir (POLICYGRAPH_DATA_DIR; default: the user data directory).

    \b
    Examples:
      policygraph db status
      policygraph db start --port 6390
      policygraph db status --engine neo4j   # Bolt URI and Browser URL
      policygraph db stop
    """


@command.command("start")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=None, help="Listen on this port [default: a free one]."
)
@store_options
def start(port, config):
    """Start the local engine for the data directory (no-op when it already runs).

    \b
    Example:
      policygraph db start --data-dir ~/plans-db
    """
    if config.managed_neo4j:
        if port is not None:
            raise StoreError("--port is for FalkorDB; the Neo4j engine picks free Bolt and HTTP ports")
        server = neo4j_server.ensure_running(config.data_dir, notify=info)
        info(f"Neo4j running at {server.bolt_uri} (pid {server.pid}, Browser {server.browser_url})")
        return
    found = local_engine.status(config.data_dir)
    if found.running:
        if port is not None and port != found.port:
            raise StoreError(
                f"the local engine already runs on port {found.port} for {config.data_dir}; "
                "stop it first with `policygraph db stop`"
            )
        info(
            f"already running on {local_engine.HOST}:{found.port} (pid {found.pid}, data in {config.data_dir})"
        )
        return
    status = local_engine.start(config.data_dir, port=port, notify=info)
    info(f"running on {local_engine.HOST}:{status.port} (pid {status.pid}, data in {config.data_dir})")


@command.command("stop")
@store_options
def stop(config):
    """Stop the local engines of the data directory (FalkorDB saves with SHUTDOWN SAVE, Neo4j
    checkpoints on SIGTERM); the data survives for the next start.

    \b
    Example:
      policygraph db stop --data-dir ~/plans-db
    """
    server = neo4j_server.stop(config.data_dir)
    if server.pid is not None and not server.problem.startswith("stale"):
        info(f"stopped Neo4j (pid {server.pid}); data kept in {neo4j_server.home(config.data_dir)}")
        if config.managed_neo4j and not local_engine.status(config.data_dir).pid:
            return
    found = local_engine.stop(config.data_dir)
    if found.pid is None:
        info(f"not running (data dir {config.data_dir})")
    elif found.problem.startswith("stale"):
        info(f"not running; removed the {found.problem}")
    else:
        info(f"stopped the local engine (pid {found.pid}); data kept in {config.data_dir}")


@command.command("status")
@format_option()
@store_options
def status(fmt, config):
    """Show which store is configured, whether it runs, and what it holds (nodes per label and
    relationships per type); for the Neo4j engine its Bolt URI, Browser URL and login. Does not
    start the engine.

    \b
    Example:
      policygraph db status --format json
    """
    rows = [("engine", config.engine)]
    counts = []
    if config.uri:
        rows += [
            ("uri", config.shown_uri),
            ("user", config.user or "neo4j"),
            ("database", config.database or "(default)"),
        ]
        reachable = True
    elif config.managed_neo4j:
        server = neo4j_server.status(config.data_dir)
        rows += [("data_dir", str(config.data_dir)), ("running", "yes" if server.running else "no")]
        if server.running:
            rows += [
                ("bolt_uri", server.bolt_uri),
                ("browser_url", server.browser_url),
                ("user", neo4j_server.USER),
                ("password_file", str(neo4j_server.home(config.data_dir) / neo4j_server.PASSWORD_FILE)),
                ("pid", str(server.pid)),
            ]
        elif server.problem:
            rows.append(("problem", server.problem))
        reachable = server.running
    else:
        found = local_engine.status(config.data_dir)
        rows += [("data_dir", str(config.data_dir)), ("running", "yes" if found.running else "no")]
        if found.running:
            rows += [("address", f"{local_engine.HOST}:{found.port}"), ("pid", str(found.pid))]
        elif found.problem:
            rows.append(("problem", found.problem))
        reachable = found.running
    if config.engine == "falkordb":
        rows.append(("graph", config.graph))
    if reachable:
        with open_store(config) as store:
            counts = store.run(statement("graph_counts"), read_only=True).rows
    rows += [(f"{kind} {name}", str(count)) for kind, name, count in sorted(counts)]
    emit_rows(("item", "value"), rows, fmt)
