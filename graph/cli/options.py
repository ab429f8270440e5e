"""Options shared by the CLI commands: the store, plan selection, output format, quiet/verbose."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from policygraph.graph.store.config import ENGINES, StoreConfig

FORMATS = ("table", "csv", "json")


def store_options(func):
    """Add --engine/--data-dir/--graph/--uri/--user/--password/--database and pass `config: StoreConfig`."""

    options = [
        click.option(
            "--engine",
            type=click.Choice(ENGINES, case_sensitive=False),
            default=None,
            help="Local engine run in the data directory: falkordb, or a Neo4j 5 server policygraph starts "
            "(needs Java 17 and Maven) [env POLICYGRAPH_ENGINE; default: falkordb].",
        ),
        click.option(
            "--data-dir",
            type=click.Path(file_okay=False, path_type=Path),
            default=None,
            help="Local engine data directory [env POLICYGRAPH_DATA_DIR; default: the user data dir].",
        ),
        click.option(
            "--graph",
            "graph_name",
            default=None,
            metavar="NAME",
            help="Graph name inside FalkorDB [env POLICYGRAPH_GRAPH; default: policygraph]; on Neo4j the "
            "graph is the database.",
        ),
        click.option(
            "--uri",
            default=None,
            metavar="URI",
            help="Use a real Neo4j, e.g. neo4j://localhost:7687 [env NEO4J_URI].",
        ),
        click.option("--user", default=None, help="Neo4j user [env NEO4J_USERNAME]."),
        click.option("--password", default=None, help="Neo4j password [env NEO4J_PASSWORD]; never printed."),
        click.option("--database", default=None, help="Neo4j database [env NEO4J_DATABASE]."),
    ]

    def wrapper(*args, engine, data_dir, graph_name, uri, user, password, database, **kwargs):
        kwargs["config"] = StoreConfig.from_env(
            engine=engine.lower() if engine else None,
            data_dir=data_dir,
            graph=graph_name,
            uri=uri,
            user=user,
            password=password,
            database=database,
        )
        return func(*args, **kwargs)

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def plan_option(func):
    """--plan PLAN: select plans by id, jurisdiction or title (all plans when omitted)."""
    return click.option(
        "--plan", default=None, metavar="PLAN", help="Plan id, jurisdiction or title [default: all plans]."
    )(func)


def rules_option(what: str):
    """--rules FILE: a user's copy of analysis_rules.json; `what` names the rules the command reads."""
    return click.option(
        "--rules",
        type=click.Path(dir_okay=False, exists=True, path_type=Path),
        default=None,
        help=f"Your copy of analysis_rules.json ({what}).",
    )


def format_option(default: str = "table", choices: Sequence[str] = FORMATS):
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help="Output format.",
    )


def is_quiet() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().obj and ctx.find_root().obj.get("quiet"))


def is_verbose() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().obj and ctx.find_root().obj.get("verbose"))


def info(message: str) -> None:
    """A progress or summary line on stderr, suppressed by --quiet."""
    if not is_quiet():
        click.echo(message, err=True)
