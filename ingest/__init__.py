"""Reading, cleaning, segmenting, extracting and normalizing implementation plans.

Public API (imported lazily so `import policygraph.ingest` stays cheap):
    parse_file(path) -> Plan          parse_text(text, source="") -> Plan
    iter_documents(paths) -> iterator of (path, Plan | InputError)
    plan_to_json(plan) -> dict        parser_is_compiled() -> bool
"""

from __future__ import annotations

__all__ = ["iter_documents", "parse_file", "parse_text", "parser_is_compiled", "plan_to_json"]


def __getattr__(name):
    if name in __all__:
        from policygraph.ingest import parse

        return getattr(parse, name)
    raise AttributeError(name)
