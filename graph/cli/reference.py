"""The README's CLI reference, generated from the commands' own --help.

`python -m policygraph.graph.cli.reference README.md` rewrites the block between the
`<!-- cli-reference:start -->` and `<!-- cli-reference:end -->` markers; a test checks the
README is in step with the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

START = "<!-- cli-reference:start -->"
END = "<!-- cli-reference:end -->"
WIDTH = 100


def command_help(args: list[str]) -> str:
    from policygraph.graph.cli.main import cli

    result = CliRunner().invoke(cli, [*args, "--help"], terminal_width=WIDTH, prog_name="policygraph")
    if result.exit_code != 0:
        raise RuntimeError(f"policygraph {' '.join(args)} --help failed: {result.output}")
    return result.output.rstrip()


def render() -> str:
    """Markdown: the top-level help, then each command's help (and each subcommand's for groups)."""
    import click

    from policygraph.graph.cli.main import cli

    parts = ["```text", "$ policygraph --help", command_help([]), "```"]
    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        if command is None:
            continue
        parts += ["", f"### policygraph {name}", "", "```text", command_help([name]), "```"]
        if isinstance(command, click.Group):
            for sub in command.list_commands(ctx):
                parts += ["", "```text", command_help([name, sub]), "```"]
    return "\n".join(parts)


def replace_block(readme_text: str, block: str) -> str:
    head, _, rest = readme_text.partition(START)
    _, _, tail = rest.partition(END)
    if not rest:
        raise ValueError(f"README has no {START} marker")
    return f"{head}{START}\n{block}\n{END}{tail}"


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "README.md")
    path.write_text(replace_block(path.read_text(encoding="utf-8"), render()), encoding="utf-8")
    print(f"updated the CLI reference in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
