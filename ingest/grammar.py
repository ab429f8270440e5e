"""The statement grammar's regular forms (ingest/data/grammar.tsv), compiled once.

markers.tsv lists fixed phrases (labels, verbs); grammar.tsv holds the forms that plans word in
many ways, such as the convention that the first-listed unit leads. Pure; loaded on first use.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policygraph.ingest.knowledge import data_lines
from policygraph.ingest.pattern_words import start_characters


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
    rows: dict[str, list[str]] = {}
    for line in data_lines("grammar.tsv"):
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
    starts = start_characters(pattern)
    if starts is None:
        return pattern.search(text)
    for candidate in starts.finditer(text):
        found = pattern.match(text, candidate.start())
        if found:
            return found
    return None
