"""The `policygraph` command: a group whose subcommands live in graph/cli/commands/.

Subcommands are imported only when used, so `policygraph --help` stays fast and a
missing optional piece breaks only its own command.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from policygraph import __version__
from policygraph.errors import DataDirError, EngineBusyError, PolicygraphError, PortInUseError
from policygraph.graph.cli.safe_text import printable

# command name -> module in policygraph.graph.cli.commands exposing a click command named `command`
COMMANDS = {
    "demo": "demo",
    "parse": "parse",
    "score": "score",
    "ingest": "ingest",
    "db": "db",
    "query": "query",
    "metrics": "metrics",
    "gaps": "gaps",
    "compare": "compare",
    "map": "map",
    "report": "report",
    "export": "export",
}


class LazyGroup(click.Group):
    """A click group that imports each subcommand's module on first use."""

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        module_name = COMMANDS.get(name)
        if module_name is None:
            return None
        try:
            module = importlib.import_module(f"policygraph.graph.cli.commands.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"policygraph.graph.cli.commands.{module_name}":
                return None  # not built yet
            raise
        return module.command


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from policygraph.ingest import parser_is_compiled

    build = "compiled with mypyc" if parser_is_compiled() else "interpreted"
    click.echo(f"policygraph {__version__} (parser {build})")
    ctx.exit()


@click.group(
    cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version, and whether the parser runs compiled, and exit.",
)
@click.option(
    "-q", "--quiet", is_flag=True, help="Print only results and errors (no progress, no summaries)."
)
@click.option(
    "-v", "--verbose", is_flag=True, help="Say more about what is happening (engine start, timings)."
)
@click.pass_context
def cli(ctx, quiet, verbose):
    """Turn Chinese implementation plans (实施方案, 工作要点, 任务分工方案) into a graph of
    departments, tasks and cooperation links, and ask who leads (牵头), who cooperates (配合),
    who is overloaded, who is central and where responsibility is missing.

    \b
    Start here:
      policygraph demo                      sample plans -> graph -> maps + report
      policygraph ingest plans/             load your own documents
      policygraph query --list              the Cypher query library
      policygraph gaps                      tasks with no lead, placeholders, ...

    The store is a local FalkorDB engine started on demand (data in --data-dir), or a real
    Neo4j when --uri / NEO4J_URI is set.
    """
    ctx.ensure_object(dict)
    ctx.obj["quiet"] = quiet
    ctx.obj["verbose"] = verbose and not quiet


# The library says what went wrong; the command line adds which flag or command changes it.
FLAG_HINTS = {
    PortInUseError: "choose another with --port, or leave --port out for a free one",
    DataDirError: "choose another with --data-dir",
    EngineBusyError: "or stop it with `policygraph db stop`",
}


def error_line(exc: PolicygraphError) -> str:
    """The one line a user sees for a library error: its message, escaped, and a flag hint."""
    hint = next((text for kind, text in FLAG_HINTS.items() if isinstance(exc, kind)), "")
    return f"error: {printable(str(exc))}" + (f"; {hint}" if hint else "")


def main(argv=None):
    """Console-script entry point: one-line errors, exit 1 on failure, 2 on usage errors."""
    try:
        # Without standalone mode click returns (not raises) the code of `raise click.exceptions.Exit(n)`.
        code = cli.main(args=argv, prog_name="policygraph", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except PolicygraphError as exc:
        click.secho(error_line(exc), err=True, fg="red")
        sys.exit(1)
    except Exception as exc:
        # A bug, not the user's input: one line still, and the traceback when asked for.
        if os.environ.get("POLICYGRAPH_DEBUG"):
            raise
        detail = printable(str(exc).splitlines()[0][:200]) if str(exc) else ""
        click.secho(
            f"error: internal error ({type(exc).__name__}: {detail}); please report it with the command you ran "
            "(POLICYGRAPH_DEBUG=1 shows the traceback)",
            err=True,
            fg="red",
        )
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
