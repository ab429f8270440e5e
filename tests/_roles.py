"""What the form and table tests compare: each task's path (or title) and its lead, support and
joint units."""

from __future__ import annotations

from policygraph.ingest.parse import parse_text


def roles(text: str) -> list[tuple]:
    return [(t.path, t.lead, t.support, t.joint) for t in parse_text(text).tasks]


def rows(text: str) -> list[tuple]:
    """(title, lead, support, joint) per task: a table's rows, told apart by their task text."""
    return [(t.title, t.lead, t.support, t.joint) for t in parse_text(text).tasks]
