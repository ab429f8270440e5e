"""The analysis rules — weights and thresholds — as one frozen record read once from analysis_rules.json.

    rules = analysis_rules()                 # the shipped graph/analysis/analysis_rules.json
    rules = analysis_rules("my_rules.json")  # a user's copy; blocks and keys it leaves out keep ours
    rules.overloaded.robust_z, rules.load_weights.of(Role.LEAD), rules.gaps.severity["NO_LEAD"]

Every block keeps its `why` text so the report can print the rule next to the flags it produced.
"""

from __future__ import annotations

import importlib.resources
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from policygraph.errors import InputError
from policygraph.ingest.records import Role


@dataclass(frozen=True)
class LoadWeights:
    why: str
    lead: float
    joint: float
    support: float

    def of(self, role: Role | str) -> float:
        """Weight of one task held in `role`.

        >>> LoadWeights("", lead=1.0, joint=0.6, support=0.4).of(Role.JOINT)
        0.6
        """
        return getattr(self, Role(role).value)


@dataclass(frozen=True)
class CooperationWeights:
    why: str
    reference: str
    role: MappingProxyType
    inherited: float

    def of(self, role: Role | str, inherited: bool) -> float:
        """How much one unit brings to each of its links on a task: role weight × (inherited factor
        when the unit came from a section-wide list).

        >>> w = CooperationWeights("", "", MappingProxyType({"lead": 1.0, "joint": 0.8, "support": 0.5}), 0.5)
        >>> w.of("support", inherited=True), w.of(Role.LEAD, inherited=False)
        (0.25, 1.0)
        """
        return self.role[Role(role).value] * (self.inherited if inherited else 1.0)


@dataclass(frozen=True)
class OverloadRule:
    why: str
    robust_z: float
    min_scale: float
    min_load: float
    min_departments: int


@dataclass(frozen=True)
class CentralRule:
    why: str
    top_share: float
    min_top: int
    max_top: int
    min_degree: int

    def top(self, departments: int) -> int:
        """How many departments of a jurisdiction of this size can be flagged.

        >>> CentralRule("", top_share=0.1, min_top=1, max_top=5, min_degree=2).top(32)
        3
        """
        return min(self.max_top, max(self.min_top, round(self.top_share * departments)))


@dataclass(frozen=True)
class CommunityRule:
    why: str
    reference: str
    seed: int
    resolution: float
    min_modularity: float


@dataclass(frozen=True)
class GapRules:
    why: str
    co_lead_limit: int
    dominant_lead_share: float
    dominant_min_tasks: int
    severity: MappingProxyType


@dataclass(frozen=True)
class CompareRules:
    why: str
    min_similarity: float
    section_min_similarity: float
    rename_min_similarity: float
    position_tolerance: float
    text_chars: int
    same_section_bonus: float


@dataclass(frozen=True)
class AnalysisRules:
    about: str
    load_weights: LoadWeights
    cooperation: CooperationWeights
    overloaded: OverloadRule
    central: CentralRule
    communities: CommunityRule
    gaps: GapRules
    compare: CompareRules


_BLOCKS = {
    "load_weights": LoadWeights,
    "cooperation": CooperationWeights,
    "overloaded": OverloadRule,
    "central": CentralRule,
    "communities": CommunityRule,
    "gaps": GapRules,
    "compare": CompareRules,
}


def _read(path: str | None) -> dict:
    if path is None:
        resource = importlib.resources.files("policygraph.graph.analysis") / "analysis_rules.json"
        return json.loads(resource.read_text("utf-8"))
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read rules file: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(path, f"rules file is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(path, "rules file must hold a JSON object of blocks (see analysis_rules.json)")
    return data


def _merge(shipped: dict, user: dict, path: str) -> dict:
    """The user's blocks over ours, key by key; unknown blocks or keys are typos, not silently ignored."""
    merged = dict(shipped)
    for name, block in user.items():
        if name == "about":
            continue
        if name not in _BLOCKS:
            raise InputError(path, f"unknown rules block {name!r}; known: {', '.join(_BLOCKS)}")
        if not isinstance(block, dict):
            raise InputError(path, f"rules block {name!r} must be a JSON object")
        unknown = sorted(set(block) - set(shipped[name]))
        if unknown:
            raise InputError(path, f"rules block {name!r} has no key {', '.join(unknown)}")
        for key, value in block.items():
            _check_like(shipped[name][key], value, f"rules block {name!r} key {key!r}", path)
        merged[name] = {**shipped[name], **block}
        for key in ("severity", "role"):
            if isinstance(shipped[name].get(key), dict) and key in block:
                merged[name][key] = {**shipped[name][key], **block[key]}
    return merged


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dict):
        return "a JSON object"
    return "a list" if isinstance(value, list) else type(value).__name__


def _check_like(shipped: Any, given: Any, where: str, path: str) -> None:
    """A user's value must be of the shipped value's kind (a number stays a number; an object keeps
    the shipped keys, each of its kind): a typo is a one-line error, not a crash in the analysis."""
    if _kind(given) != _kind(shipped):
        raise InputError(
            path, f"{where} must be {_kind(shipped)}, like {json.dumps(shipped, ensure_ascii=False)}"
        )
    if isinstance(shipped, dict):
        unknown = sorted(set(given) - set(shipped))
        if unknown:
            raise InputError(path, f"{where} has no key {', '.join(map(str, unknown))}")
        for key, value in given.items():
            _check_like(shipped[key], value, f"{where}[{key!r}]", path)


def _build(data: dict, path: str) -> AnalysisRules:
    blocks = {}
    for name, record in _BLOCKS.items():
        values = {
            key: MappingProxyType(dict(value)) if isinstance(value, dict) else value
            for key, value in data[name].items()
        }
        try:
            blocks[name] = record(**values)
        except TypeError as exc:
            raise InputError(path, f"rules block {name!r}: {exc}") from None
    if set(blocks["gaps"].severity.values()) - {"high", "medium", "low"}:
        raise InputError(path, "gap severities must be high, medium or low")
    return AnalysisRules(about=data.get("about", ""), **blocks)


@lru_cache(maxsize=8)
def _rules(path: str | None) -> AnalysisRules:
    shipped = _read(None)
    if path is None:
        return _build(shipped, "analysis_rules.json")
    return _build(_merge(shipped, _read(path), path), path)


def analysis_rules(path: str | Path | None = None) -> AnalysisRules:
    """The rules: graph/analysis/analysis_rules.json, or a user's copy at `path` (blocks and keys it
    leaves out keep the shipped values). Raises InputError naming the file when it cannot be read or
    names an unknown block or key. Cost: reads the file once per process."""
    return _rules(None if path is None else str(path))
