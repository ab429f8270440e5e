"""What the form tests compare: each task's path and its lead, support and joint units."""

from __future__ import annotations

from policygraph.ingest.parse import parse_text


def roles(text: str) -> list[tuple]:
    return [(t.path, t.lead, t.support, t.joint) for t in parse_text(text).tasks]
