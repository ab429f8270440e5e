"""The statement grammar's regular forms (ingest/data/grammar.tsv), compiled once.

markers.tsv lists fixed phrases (labels, verbs); grammar.tsv holds the forms that plans word in
many ways, such as the convention that the first-listed unit leads. Pure; loaded on first use.
"""

from __future__ import annotations

import importlib.resources
import re
from functools import lru_cache


@lru_cache(maxsize=1)
def grammar() -> dict[str, re.Pattern]:
    """Kind -> one compiled alternation of that kind's rows.

    >>> bool(grammar()["first_lead"].search("(A、B负责。列第一位者为牵头单位,下同)"))
    True
    >>> bool(grammar()["first_lead"].search("排在第一位的部门为牵头部门"))
    True
    >>> grammar()["carry_on"].search("以下各项不再列出").group()
    '以下各项不再列出'
    """
    text = importlib.resources.files("policygraph.ingest").joinpath("data", "grammar.tsv").read_text("utf-8")
    rows: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, pattern = line.split("\t", 1)
            rows.setdefault(kind, []).append(pattern.strip())
    return {kind: re.compile("|".join(f"(?:{p})" for p in patterns)) for kind, patterns in rows.items()}


def leftmost(pattern: re.Pattern, text: str) -> re.Match | None:
    """pattern.search(text), the same match, faster for a pattern that opens with optional words
    (first_lead: (?:排列)?(?:在)?(?:第一位|首位…)): `re` tries the whole pattern at every
    position of the text, while here it is tried only where a match can start.

    >>> leftmost(grammar()["first_lead"], "各单位要落实。排在首位的为牵头单位。").group()
    '排在首位的为牵头单位'
    """
    starts = _start_chars(pattern)
    if starts is None:
        return pattern.search(text)
    for candidate in starts.finditer(text):
        found = pattern.match(text, candidate.start())
        if found:
            return found
    return None


@lru_cache(maxsize=64)
def _start_chars(pattern: re.Pattern) -> re.Pattern | None:
    """A character class of every character a match of `pattern` can open with; None when that is
    not known (a pattern that can match the empty string, case folding, a negated or category
    class, a form not read here)."""
    try:
        from re import _constants as sre  # Python 3.11+
        from re import _parser as parser
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_constants as sre
        import sre_parse as parser

    def first(items) -> tuple[set[str], bool] | None:
        """(characters an item list can open with, whether it can match empty)."""
        chars: set[str] = set()
        for op, av in items:
            if op is sre.LITERAL:
                return chars | {chr(av)}, False
            if op is sre.IN:
                members = set()
                for kind, value in av:
                    if kind is sre.LITERAL:
                        members.add(chr(value))
                    elif kind is sre.RANGE and value[1] - value[0] < 512:
                        members.update(map(chr, range(value[0], value[1] + 1)))
                    else:
                        return None
                return chars | members, False
            if op is sre.BRANCH:
                alternatives = [first(alternative.data) for alternative in av[1]]
            elif op is sre.SUBPATTERN:
                if av[1] & re.IGNORECASE:
                    return None
                alternatives = [first(av[3].data)]
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
                inner = first(av[2].data)
                alternatives = [inner if inner is None or av[0] else (inner[0], True)]
            elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
                continue  # zero-width: the next item consumes the first character
            else:
                return None
            if any(a is None for a in alternatives):
                return None
            chars.update(c for a in alternatives for c in a[0])
            if not any(a[1] for a in alternatives):
                return chars, False
        return chars, True

    if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    try:
        found = first(parser.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # re's own parser, internal to Python: any surprise falls back to search
        return None
    if found is None or found[1] or not found[0]:
        return None
    return re.compile("[" + "".join(re.escape(c) for c in sorted(found[0])) + "]")
