"""The Cypher query library: find `.cypher` files, read their headers, bind parameters, run them.

A query file starts with a header of `//` comment lines:

    // answers: Which tasks have no lead department (牵头)?      (continued on `//   ` lines)
    // param: plan = null — plan id, jurisdiction or title; null means all plans
    // param: limit = 10 — how many rows to list
    // columns: jurisdiction, plan_id, task, title

`param` defaults are JSON literals (null, 10, "科协", true); every `$name` the query uses must be
declared. Built-in queries live in the package (policygraph.cypher); analysts add folders with
`--queries DIR` or POLICYGRAPH_QUERIES (folders separated by the OS path separator); a user query
with the same name as a built-in one replaces it for the command line.
"""

from __future__ import annotations

import importlib.resources
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from policygraph.errors import InputError, PolicygraphError

QUERIES_ENV = "POLICYGRAPH_QUERIES"

# Clauses that change the graph. CALL <procedure> is counted too: a procedure may write.
WRITE_CLAUSES = ("CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "FOREACH", "LOAD")

_HEADER_LINE = re.compile(r"^//\s?(?P<body>.*)$")
_KEY = re.compile(r"^(?P<key>answers|param|columns):\s*(?P<value>.*)$")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*=\s*(?P<default>.+?)\s*(?:—\s*(?P<about>.*))?$")
_PARAM_USE = re.compile(r"\$([A-Za-z_]\w*)")
_PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class QueryError(PolicygraphError):
    """A named query is unknown, malformed, or was given bad parameters."""


class WriteRefused(PolicygraphError):
    """Ad-hoc Cypher that would change the graph, run without --write."""


@dataclass(frozen=True)
class Param:
    name: str
    default: Any
    about: str = ""


@dataclass(frozen=True)
class Query:
    """One library query. text is the whole file (header comments included: Cypher ignores them)."""

    name: str
    path: Path
    answers: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    text: str

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}


def parse_query(name: str, path: Path, text: str) -> Query:
    """Header of one query file -> Query. Pure; raises InputError naming the file when the header
    is missing a part, a default is not a JSON literal, or the body uses an undeclared $parameter."""
    answers: list[str] = []
    params: list[Param] = []
    columns: list[str] = []
    current: str | None = None
    for line in text.splitlines():
        match = _HEADER_LINE.match(line.strip())
        if not match:
            break
        body = match.group("body")
        keyed = _KEY.match(body.strip())
        if keyed:
            current = keyed.group("key")
            value = keyed.group("value").strip()
            if current == "answers":
                answers.append(value)
            elif current == "columns":
                columns.extend(c.strip() for c in value.split(",") if c.strip())
            else:
                params.append(_parse_param(path, value))
        elif current and body.startswith("  "):  # continuation of the previous key
            value = body.strip()
            if current == "answers":
                answers.append(value)
            elif current == "columns":
                columns.extend(c.strip() for c in value.split(",") if c.strip())
            else:
                last = params.pop()
                params.append(Param(last.name, last.default, f"{last.about} {value}".strip()))
    if not answers:
        raise InputError(path, "query header has no `// answers:` line")
    if not columns:
        raise InputError(path, "query header has no `// columns:` line")
    declared = {p.name for p in params}
    undeclared = sorted(set(_PARAM_USE.findall(_code_only(text))) - declared)
    if undeclared:
        raise InputError(
            path,
            f"query uses undeclared parameter(s) {', '.join('$' + u for u in undeclared)}; "
            "add `// param: NAME = DEFAULT — what it is` lines",
        )
    return Query(name, path, " ".join(answers), tuple(params), tuple(columns), text)


def _parse_param(path: Path, value: str) -> Param:
    match = _PARAM.match(value)
    if not match:
        raise InputError(path, f"bad `// param:` line {value!r}; expected `NAME = DEFAULT — description`")
    try:
        default = json.loads(match.group("default"))
    except json.JSONDecodeError:
        raise InputError(
            path,
            f"default of parameter {match.group('name')!r} is not a JSON literal "
            f'({match.group("default")!r}); quote strings: "科协"',
        ) from None
    return Param(match.group("name"), default, (match.group("about") or "").strip())


def builtin_folder() -> Path:
    return Path(str(importlib.resources.files("policygraph.cypher")))


def query_folders(extra: Iterable[Path | str] = ()) -> list[Path]:
    """Folders searched, in increasing priority: built-ins, POLICYGRAPH_QUERIES, then `extra`."""
    folders = [builtin_folder()]
    env = os.environ.get(QUERIES_ENV, "")
    folders += [Path(p) for p in env.split(os.pathsep) if p]
    folders += [Path(p) for p in extra]
    return folders


def find_queries(folders: Sequence[Path] | None = None) -> dict[str, Query]:
    """name -> Query for every `*.cypher` directly in `folders` (default: built-ins only); later
    folders win on a name clash. Raises InputError for a missing folder or a malformed file.
    Cost: reads every file once (a few dozen small files)."""
    found, broken = scan_queries(folders)
    if broken:
        raise next(iter(broken.values()))
    return found


def scan_queries(
    folders: Sequence[Path] | None = None,
) -> tuple[dict[str, Query], dict[str, PolicygraphError]]:
    """(name -> Query, name -> the error of a malformed file) over `folders` as in find_queries, so
    that one broken file in an analyst's folder does not block every other query. A later folder
    wins on a name clash whether its file is sound or broken. Raises InputError for a missing folder."""
    found: dict[str, Query] = {}
    broken: dict[str, PolicygraphError] = {}
    for folder in folders if folders is not None else [builtin_folder()]:
        if not folder.is_dir():
            raise InputError(folder, f"query folder does not exist (from --queries or {QUERIES_ENV})")
        for path in sorted(folder.glob("*.cypher")):
            found.pop(path.stem, None)
            broken.pop(path.stem, None)
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                broken[path.stem] = InputError(path, f"cannot read query file: {exc}")
                continue
            try:
                found[path.stem] = parse_query(path.stem, path, text)
            except PolicygraphError as exc:
                broken[path.stem] = exc
    return found, broken


@lru_cache(maxsize=1)
def _builtin_queries() -> dict[str, Query]:
    return find_queries([builtin_folder()])


def get_query(name: str, folders: Sequence[Path] | None = None) -> Query:
    """The query called `name` (default: among the built-ins, read once per process); QueryError
    lists the known names."""
    queries = find_queries(folders) if folders is not None else _builtin_queries()
    if name not in queries:
        raise unknown_query(name, queries)
    return queries[name]


def unknown_query(name: str, known: Iterable[str]) -> QueryError:
    """QueryError for a name no query has: the closest names first, then every known one."""
    from policygraph.graph.analysis.names import closest

    suggestions = closest(name, known)
    hint = f"did you mean {' / '.join(suggestions)}? " if suggestions else ""
    return QueryError(f"no query named {name!r}; {hint}known: {', '.join(sorted(known))}")


def parse_param_value(raw: str) -> Any:
    """`-p key=value` text -> value: a JSON literal when it is one (10, true, null, ["a"]), else the text."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw


def check_param_names(names: Iterable[str]) -> None:
    """QueryError for a parameter name Cypher cannot take ($name: letters, digits, _; not first a digit)."""
    for name in names:
        if not _PARAM_NAME.fullmatch(name):
            raise QueryError(
                f"{name!r} is not a parameter name (letters, digits and _, not starting with a digit)"
            )


def bind(query: Query, given: Mapping[str, Any]) -> dict[str, Any]:
    """Defaults overlaid with `given`; QueryError for a parameter the query does not declare."""
    check_param_names(given)
    params = query.defaults()
    unknown = sorted(set(given) - set(params))
    if unknown:
        known = ", ".join(params) or "none"
        raise QueryError(f"query {query.name!r} has no parameter {', '.join(unknown)} (it takes: {known})")
    params.update(given)
    return params


def _code_only(cypher: str) -> str:
    """Cypher with comments, string literals and backticked names blanked out (keywords stay)."""
    pattern = r"//[^\n]*|/\*.*?\*/|'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"|`[^`]*`"
    return re.sub(pattern, " ", cypher, flags=re.DOTALL)


def write_clauses(cypher: str) -> list[str]:
    """Write clauses found in `cypher` (outside strings and comments), in order of appearance.

    Property keys, labels and parameters that happen to be spelt like a clause (n.set, :Create,
    $create, {merge: 1}) are not clauses. `CALL name(...)` counts: procedures may write; `CALL {`
    subqueries are checked by their own clauses.
    """
    code = _code_only(cypher)
    found = []
    for match in re.finditer(r"(?<![.$:\w])([A-Za-z]+)\b(?!\s*:)", code):
        word = match.group(1).upper()
        if word in WRITE_CLAUSES:
            found.append(word)
        elif word == "CALL" and not code[match.end() :].lstrip().startswith("{"):
            found.append("CALL (procedure)")
    return found


def check_read_only(cypher: str) -> None:
    """Raise WriteRefused naming the clauses when `cypher` would write."""
    clauses = write_clauses(cypher)
    if clauses:
        listed = ", ".join(dict.fromkeys(clauses))
        raise WriteRefused(
            f"refusing to run a query that may change the graph ({listed}); "
            "add --write if that is what you mean"
        )


def run_query(store, query: Query, given: Mapping[str, Any] | None = None, *, write: bool = False):
    """Run a library query with its defaults overlaid by `given`; returns the store's Result.
    Read-only unless `write` (then the text is not checked either)."""
    if not write:
        check_read_only(query.text)
    return store.run(query.text, bind(query, given or {}), read_only=not write)


def run_builtin(store, name: str, **params):
    """Run a built-in query (never a user's replacement) — what network.py, gaps.py etc. use."""
    return run_query(store, get_query(name), params)
