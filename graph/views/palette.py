"""Department types -> one colour and one Chinese label, everywhere (assets/palette.json).

    type_colour("education")  -> "#ff7f0e" in every map, the report's chart and GEXF
    type_label("science_association") -> "科协" in tables, CSV, XLSX and GEXF

A type the file does not list keeps its code as label and gets the fallback colour.
"""

from __future__ import annotations

import functools
import importlib.resources
import json


@functools.lru_cache(maxsize=1)
def palette() -> dict:
    """The parsed palette file: {"fallback": {colour, label}, "types": {code: {colour, label}}}."""
    path = importlib.resources.files("policygraph.graph.views") / "assets" / "palette.json"
    return json.loads(path.read_text(encoding="utf-8"))


def type_colour(code: str | None) -> str:
    """Hex colour of a department type (the fallback colour for an unlisted one)."""
    entry = palette()["types"].get(code or "")
    return entry["colour"] if entry else palette()["fallback"]["colour"]


def type_label(code: str | None) -> str:
    """Chinese label of a department type; an unlisted code is shown as written ('' stays '')."""
    entry = palette()["types"].get(code or "")
    return entry["label"] if entry else (code or "")
