"""Interactive maps of the department network (pyvis), offline and safe with any document text.

Views (each takes networkx graphs from graph/analysis/network.py and returns a `MapPage`):

- `cooperation_map(departments, assignments=None)`: departments; edges weighted by shared
  tasks; node size by load; colour by department type or community.
- `assignment_map(assignments)`: departments and tasks (bipartite); edge style by role
  (lead solid, support dashed, joint dotted); tasks without a lead in red diamonds.
- `ego_map(assignments, department)`: one department, its tasks and its partners on them.

pyvis builds the nodes, edges and options. The page is rendered from our own template
(assets/map.html) rather than pyvis's, because pyvis's template pulls Bootstrap from a CDN
in every mode and passes the heading and select-menu entries through as raw HTML. Here vis-network
is read from the installed pyvis and inlined, the data travels as script-safe JSON, every
visible text is escaped by Jinja's autoescape or set as plain text by the page script, and a
Content-Security-Policy (script hashes, no network sources) stops anything that slips by.

Positions come from networkx layouts (one per connected component, packed in rows) and
physics is off, so large maps open at once and look the same every time; above
`MAX_MAP_NODES` nodes a map keeps the busiest departments and says so.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import importlib.resources
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
from pyvis.network import Network

from policygraph import __version__
from policygraph.errors import PolicygraphError
from policygraph.graph.views.files import write_text_atomically
from policygraph.graph.views.palette import type_colour, type_label
from policygraph.ingest.records import Role

MAX_MAP_NODES = 1000
"""Largest map drawn in full; bigger graphs show the departments with the highest load."""

# Pixels per sqrt(node) of a component's radius: room for a Chinese label (6-12 characters at 14 px)
# between neighbours; 42 let the labels of a 30-department near-clique pile on each other.
NODE_SPACING = 80
EGO_TASK_ARC = 75  # px of ring per task in the ego view
EGO_PARTNER_ARC = 130  # px of ring per partner department in the ego view
VIEWS = ("cooperation", "assignment", "ego")
COLOR_BY = ("type", "community")
NO_ARROWS = {"to": {"enabled": False}}
ROLE_ORDER = {Role.LEAD: 0, Role.SUPPORT: 1, Role.JOINT: 2}
ROLE_BITS = {Role.LEAD: 1, Role.SUPPORT: 2, Role.JOINT: 4}  # role sets sent to the page as bit masks
TOOLTIP_TASKS = 6  # tasks listed in a department's tooltip
EDGE_TOOLTIP_TASKS = 8  # shared tasks named in a link's tooltip
# A cooperation map with more links than max(DENSE_LINKS, LINKS_PER_NODE × departments) opens with
# the minimum-shared-tasks slider raised until that many are left (吉林's 32 departments: 432 links).
DENSE_LINKS = 300
LINKS_PER_NODE = 4
TOOLTIP_LINE = 32  # characters per tooltip line (CJK)
TOOLTIP_TEXT_LINES = 6  # lines of a task's text in its tooltip
NO_LINE_START = "、，。；：！？）》」』】〕”’,.;:!?)]"  # closing marks a wrapped line must not start with


@functools.lru_cache(maxsize=1)
def style() -> dict:
    """Colours, shapes and edge styles from assets/map_style.json."""
    return json.loads(read_asset("map_style.json"))


def read_asset(name: str) -> str:
    """Text of a file in graph/views/assets/ (templates, styles, scripts)."""
    return (importlib.resources.files("policygraph.graph.views") / "assets" / name).read_text(
        encoding="utf-8"
    )


@functools.lru_cache(maxsize=1)
def vis_network_assets() -> tuple[str, str]:
    """(JavaScript, CSS) of vis-network as shipped inside the installed pyvis package.

    pyvis bundles one or more `templates/lib/vis-<version>/` folders; the newest is used.
    Raises PolicygraphError when pyvis is missing its bundled copy.
    """
    lib = importlib.resources.files("pyvis") / "templates" / "lib"
    versions = sorted(
        (
            entry
            for entry in lib.iterdir()
            if entry.name.startswith("vis-") and (entry / "vis-network.min.js").is_file()
        ),
        key=lambda entry: tuple(int(part) for part in re.findall(r"\d+", entry.name)),
    )
    if not versions:
        raise PolicygraphError(f"{lib}: pyvis has no bundled vis-network (reinstall pyvis>=0.3.2)")
    js = (versions[-1] / "vis-network.min.js").read_text(encoding="utf-8")
    css = (versions[-1] / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():
        raise PolicygraphError(f"{versions[-1]}: bundled vis-network cannot be inlined safely")
    return js, css


@functools.lru_cache(maxsize=1)
def _templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("policygraph.graph.views", "assets"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_template(name: str, **context: Any) -> str:
    """Render an assets/ template with autoescape on (document text is always escaped)."""
    return _templates().get_template(name).render(version=__version__, **context)


def script_hash(script: str) -> str:
    """CSP source expression allowing exactly this inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(*scripts: str, frames: bool = False) -> str:
    """No network sources at all; only the listed inline scripts run (inline event handlers never do)."""
    policy = [
        "default-src 'none'",
        "script-src " + " ".join(script_hash(s) for s in scripts),
        "style-src 'unsafe-inline'",
        "img-src data:",
        "font-src data:",
    ]
    if frames:
        policy.append("frame-src 'self' file:")
    return "; ".join(policy)


class NoMatchingPlan(PolicygraphError):
    """No stored plan has this id, jurisdiction or title (or the store holds no plan at all)."""

    def __init__(self, plan: str | None):
        self.plan = plan
        super().__init__(
            f"no plan matches {plan!r} (by id, jurisdiction or title)"
            if plan
            else "the store holds no plans yet"
        )


@dataclass(frozen=True)
class MapPage:
    """A self-contained HTML map. `write(path)` saves it; in Jupyter it displays inline.

    node_count/edge_count: what the page draws. note: what was left out (empty when nothing).
    """

    title: str
    html: str = field(repr=False)
    node_count: int = 0
    edge_count: int = 0
    note: str = ""

    def write(self, path: Path | str) -> Path:
        """Save as UTF-8; returns the path."""
        return write_text_atomically(Path(path), self.html)

    def _repr_html_(self) -> str:
        # An iframe with srcdoc renders the full page (scripts included) in classic Notebook,
        # JupyterLab and VS Code, which do not run scripts pasted into an output cell's DOM.
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" title="{html.escape(self.title)}" '
            'style="width:100%;height:640px;border:1px solid #dde2e8" sandbox="allow-scripts allow-downloads"></iframe>'
        )


@dataclass(frozen=True)
class LegendEntry:
    label: str
    colour: str
    kind: str = "node"  # node | edge
    shape: str = "dot"  # dot | square | diamond (nodes)
    dashes: str = ""  # SVG dash array (edges)
    width: float = 2.0


@dataclass(frozen=True)
class LegendGroup:
    title: str
    entries: tuple[LegendEntry, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass
class _Drawing:
    """What a view hands to the renderer."""

    net: Network
    search: list[tuple[str, str]] = field(default_factory=list)
    legend: list[LegendGroup] = field(default_factory=list)
    # What the page's filters read (see assets/map.js): per node id {type, jurisdiction, roles
    # (task counts by role), kind}; per edge id {mix: [[roles_a, roles_b, inherited, tasks], ...]}
    # for cooperation links or {roles, inherited} for role edges.
    node_meta: dict = field(default_factory=dict)
    edge_meta: dict = field(default_factory=dict)
    view: str = "cooperation"


ROLE_BY_VALUE = {role.value: role for role in Role}


@functools.lru_cache(maxsize=64)
def _ordered_roles(found: tuple) -> tuple[Role, ...]:
    return tuple(sorted({ROLE_BY_VALUE[str(r)] for r in found}, key=ROLE_ORDER.__getitem__)) or (Role.JOINT,)


def edge_roles(data: dict) -> tuple[Role, ...]:
    """The roles of a department–task edge: every role it holds (`roles`, from the store) or the
    single strongest one (`role`, graph/analysis/network.assignment_network)."""
    found = data.get("roles") or ((data["role"],) if data.get("role") else ())
    return _ordered_roles(tuple(found))


@functools.lru_cache(maxsize=16)
def _mask(roles: tuple[Role, ...]) -> int:
    return sum(ROLE_BITS[r] for r in roles)


def role_mask(roles) -> int:
    return sum(ROLE_BITS[ROLE_BY_VALUE[str(r)]] for r in set(roles))


# -- text for tooltips (plain text: vis-network shows string tooltips with innerText) -----------


def clip_text(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _wrap(text: str, width: int = TOOLTIP_LINE, lines: int = TOOLTIP_TEXT_LINES) -> list[str]:
    """`text` in lines of about `width` characters, at most `lines` of them (the last ends in …).
    As Chinese typesetting does, no line starts with closing punctuation (、，。）…): such a mark
    stays at the end of the line before, which may then run one or two characters over."""
    text = " ".join(str(text).split())
    chunks, start = [], 0
    while start < len(text):
        end = min(start + width, len(text))
        while end < len(text) and text[end] in NO_LINE_START:
            end += 1
        chunks.append(text[start:end])
        start = end
    chunks = chunks or [""]
    if len(chunks) > lines:
        chunks = chunks[:lines]
        chunks[-1] = chunks[-1][:-1] + "…"
    return chunks


def _role_label(role: str) -> str:
    return style()["roles"].get(role, {}).get("label", role)


def _department_tooltip(
    graph: nx.Graph, node: str, assignments: nx.Graph | None, partners: int | None
) -> str:
    attrs = graph.nodes[node]
    lines = [str(attrs.get("label", node))]
    where = " · ".join(str(v) for v in (attrs.get("jurisdiction"), type_label(attrs.get("type") or "")) if v)
    if where:
        lines.append(where)
    lines.append(
        f"牵头 {attrs.get('lead', 0)} · 配合 {attrs.get('support', 0)} · 负责 {attrs.get('joint', 0)}"
        f" · 负荷 {_number(attrs.get('load', 0))}"
    )
    if partners is not None:
        lines.append(f"合作部门 {partners} 个")
    if assignments is not None and node in assignments:
        # Tasks read in full first (a map from the store fetches titles for the ones listed here only).
        tasks = sorted(
            (
                (
                    "title" not in assignments.nodes[task],
                    ROLE_ORDER[edge_roles(data)[0]],
                    str(assignments.nodes[task].get("label", task)),
                    task,
                    edge_roles(data),
                )
                for task, data in assignments[node].items()
            ),
        )
        if tasks:
            lines.append("主要任务：")
            for _, _, path, task, roles in tasks[:TOOLTIP_TASKS]:
                title = assignments.nodes[task].get("title", "")
                named = "、".join(_role_label(r) for r in roles)
                lines.append(f"  [{named}] {path} {clip_text(title, TOOLTIP_LINE)}")
            if len(tasks) > TOOLTIP_TASKS:
                lines.append(f"  …共 {len(tasks)} 项")
    return "\n".join(lines)


def _task_tooltip(graph: nx.Graph, node: str) -> str:
    attrs = graph.nodes[node]
    lines = [f"{attrs.get('label', node)} {clip_text(attrs.get('title', ''), TOOLTIP_LINE * 2)}".strip()]
    if attrs.get("section"):
        lines.append(f"（{clip_text(attrs['section'], TOOLTIP_LINE)}）")
    text = attrs.get("text") or ""
    if text and text != attrs.get("title"):
        lines.extend(_wrap(text))
    by_role: dict[Role, list[str]] = {}
    for unit, data in graph[node].items():
        for role in edge_roles(data):
            by_role.setdefault(role, []).append(str(graph.nodes[unit].get("label", unit)))
    for role in ROLE_ORDER:
        names = by_role.get(role, [])
        if names or role == Role.LEAD:
            lines.append(f"{_role_label(role)}：{'、'.join(sorted(names)) if names else '（无）'}")
    vague = attrs.get("vague") or []
    if vague:
        lines.append("泛指：" + "、".join(str(v) for v in vague))
    return "\n".join(lines)


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


# -- colours, sizes, layout --------------------------------------------------------------------


def _department_colours(graph: nx.Graph, nodes: list, color_by: str) -> tuple[dict, LegendGroup]:
    """Colour per node and the legend group explaining it."""
    if color_by == "community":
        groups = _communities(graph, nodes)
        title, name = "颜色：社区（协作紧密的部门群）", lambda key: f"社区 {key + 1}"
    elif color_by == "type":
        # One colour per type from palette.json, the same in every map, the report and GEXF.
        groups = {node: str(graph.nodes[node].get("type") or "unknown") for node in nodes}
        weight: Counter = Counter()
        for node in nodes:
            weight[groups[node]] += float(graph.nodes[node].get("load") or 0)
        ranked = sorted(set(groups.values()), key=lambda key: (-weight[key], str(key)))
        entries = tuple(LegendEntry(type_label(key), type_colour(key)) for key in ranked)
        colours = {node: type_colour(groups[node]) for node in nodes}
        return colours, LegendGroup("颜色：部门类型", entries)
    else:
        raise PolicygraphError(f"unknown colouring {color_by!r} (known: {', '.join(COLOR_BY)})")
    # Communities have no fixed identity: the largest ones get the colours, the rest share grey.
    s = style()
    ranked = sorted(set(groups.values()))
    palette = s["community_palette"]
    colour_of = {key: palette[i] for i, key in enumerate(ranked[: len(palette)])}
    entries = [LegendEntry(name(key), colour_of[key]) for key in ranked[: len(palette)]]
    if len(ranked) > len(palette):
        entries.append(LegendEntry(s["community_other_label"], s["community_other_colour"]))
    colours = {node: colour_of.get(groups[node], s["community_other_colour"]) for node in nodes}
    return colours, LegendGroup(title, tuple(entries))


def _communities(graph: nx.Graph, nodes: list) -> dict:
    """Community index per node (largest first): metrics' `community` attribute, else Louvain on
    the departments shown (projected through their shared tasks in a bipartite graph)."""
    if all("community" in graph.nodes[n] for n in nodes):
        order = {
            c: i for i, (c, _) in enumerate(Counter(graph.nodes[n]["community"] for n in nodes).most_common())
        }
        return {n: order[graph.nodes[n]["community"]] for n in nodes}
    base = graph.subgraph(nodes)
    if base.number_of_edges() == 0 and graph.number_of_edges():
        base = nx.bipartite.weighted_projected_graph(graph, nodes)
    found = nx.community.louvain_communities(base, weight="weight", seed=7)
    return {n: i for i, members in enumerate(sorted(found, key=len, reverse=True)) for n in members}


def _sizes(graph: nx.Graph, nodes: list) -> dict:
    s = style()["department"]
    loads = {n: float(graph.nodes[n].get("load") or 0) for n in nodes}
    top = max(loads.values(), default=0) or 1.0
    return {n: s["min_size"] + (s["max_size"] - s["min_size"]) * math.sqrt(loads[n] / top) for n in nodes}


def _component_layout(component: nx.Graph) -> dict:
    """Positions in [-1, 1] for one connected component: a seeded spring layout (Fruchterman-
    Reingold), more iterations for small components, whose near-cliques need them to spread out.
    (Kamada-Kawai spread them as evenly but took 0.5 s per 40-node component on a busy machine,
    and importing its optimiser another 1-2 s.)"""
    n = component.number_of_nodes()
    if n <= 2:
        return {
            node: (float(i) * 2 - 1 if n == 2 else 0.0, 0.0)
            for i, node in enumerate(sorted(component, key=str))
        }
    iterations = 100 if n <= 150 else 50 if n <= 400 else 30
    return nx.spring_layout(component, weight="weight", seed=7, iterations=iterations)


def _layout(graph: nx.Graph) -> dict:
    """Pixel positions: each connected component laid out on its own (same graph -> same picture),
    sized by its node count and packed in rows, largest first; isolated nodes in rows underneath."""
    components = sorted(
        (sorted(c, key=str) for c in nx.connected_components(graph) if len(c) > 1),
        key=lambda c: (-len(c), str(c[0])),
    )
    alone = sorted((n for n in graph.nodes if graph.degree(n) == 0), key=str)
    radii = [40 + NODE_SPACING * math.sqrt(len(c)) for c in components]
    row_width = max([2.2 * r for r in radii] + [math.sqrt(sum((2.2 * r) ** 2 for r in radii)) * 1.4])
    positions: dict = {}
    x = y = row_height = 0.0
    for component, radius in zip(components, radii):
        if x and x + 2 * radius > row_width:
            x, y, row_height = 0.0, y + row_height + 60, 0.0
        raw = _component_layout(graph.subgraph(component))
        for node, (px, py) in raw.items():
            positions[node] = (
                round(x + radius + float(px) * radius, 1),
                round(y + radius + float(py) * radius, 1),
            )
        x += 2 * radius + 60
        row_height = max(row_height, 2 * radius)
    bottom = y + row_height + (80 if components else 0)
    per_row = max(8, int(math.sqrt(len(alone)) * 2))
    for i, node in enumerate(alone):
        positions[node] = (round(60 * (i % per_row), 1), round(bottom + 60 * (i // per_row), 1))
    return positions


def layout_positions(graph: nx.Graph) -> dict:
    """Pixel positions of every node as the maps lay them out (also the GEXF export's positions)."""
    return _layout(graph)


def node_size(graph: nx.Graph) -> dict:
    """Drawn size of every node: departments by load, tasks by the map style."""
    departments = [n for n in graph if _is_department(graph, n)]
    sizes = _sizes(graph, departments)
    s = style()
    for node in graph:
        if node not in sizes:
            sizes[node] = (s["task"] if graph.nodes[node].get("has_lead", True) else s["task_without_lead"])[
                "size"
            ]
    return sizes


def _new_network(node_count: int) -> Network:
    # directed=True only skips pyvis's quadratic duplicate-edge scan (networkx graphs have none);
    # each edge then gets NO_ARROWS, since pyvis gives directed edges an arrow.
    net = Network(directed=True)
    net.options = {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": node_count > 300,
            "multiselect": False,
            "navigationButtons": False,
        },
        "edges": {"smooth": False},
        "nodes": {"font": {"face": style()["font"], "size": 14}},
    }
    return net


def _is_department(graph: nx.Graph, node) -> bool:
    return graph.nodes[node].get("kind", "department") == "department"


def _department_node(
    net: Network,
    graph: nx.Graph,
    node,
    *,
    colour: str,
    size: float,
    position,
    tooltip: str,
    centre: bool = False,
) -> None:
    s = style()
    net.add_node(
        str(node),
        label=str(graph.nodes[node].get("label", node)),
        shape=s["department"]["shape"],
        color={
            "background": colour,
            "border": s["ego_centre_border"] if centre else s["department"]["border"],
        },
        borderWidth=4 if centre else 1,
        size=round(size, 1),
        x=position[0],
        y=position[1],
        title=tooltip,
    )


def _task_node(net: Network, graph: nx.Graph, node, position) -> None:
    s = style()
    look = s["task"] if graph.nodes[node].get("has_lead", True) else s["task_without_lead"]
    net.add_node(
        str(node),
        label=str(graph.nodes[node].get("label", node)),
        shape=look["shape"],
        color={"background": look["colour"], "border": look["border"]},
        size=look["size"],
        x=position[0],
        y=position[1],
        title=_task_tooltip(graph, node),
        font={"size": 11, "color": "#5b4a14"},
    )


def _role_edges(net: Network, graph: nx.Graph, edge_meta: dict) -> None:
    """One edge per department and task, drawn in the style of its strongest role; the tooltip
    and the page's role filter know every role it holds."""
    looks = style()["roles"]
    for i, (a, b, data) in enumerate(graph.edges(data=True)):
        department, task = (a, b) if _is_department(graph, a) else (b, a)
        roles = edge_roles(data)
        look = looks[roles[0].value]
        tooltip = (
            f"{graph.nodes[department].get('label', department)} "
            f"{'、'.join(looks[r.value]['label'] for r in roles)} "
            f"{graph.nodes[task].get('label', task)}"
            + ("（由章节分工继承）" if data.get("inherited") else "")
        )
        edge_meta[f"e{i}"] = {"roles": role_mask(roles), "inherited": bool(data.get("inherited"))}
        net.add_edge(
            str(department),
            str(task),
            id=f"e{i}",
            arrows=NO_ARROWS,
            color={"color": look["colour"]},
            dashes=look["dashes"],
            width=look["width"],
            title=tooltip,
        )


def _role_legend(graph: nx.Graph, tasks: list) -> list[LegendGroup]:
    s = style()
    edges = tuple(
        LegendEntry(
            look["label"],
            look["colour"],
            kind="edge",
            width=look["width"],
            dashes=" ".join(str(d) for d in look["dashes"]) if look["dashes"] else "",
        )
        for look in s["roles"].values()
    )
    nodes = [LegendEntry(s["task"]["label"], s["task"]["colour"], shape="square")]
    without = sum(1 for t in tasks if not graph.nodes[t].get("has_lead", True))
    nodes.append(
        LegendEntry(
            f"{s['task_without_lead']['label']}（{without}）",
            s["task_without_lead"]["colour"],
            shape="diamond",
        )
    )
    return [LegendGroup("连线：角色", edges), LegendGroup("任务", tuple(nodes))]


def _size_legend() -> LegendGroup:
    return LegendGroup("大小", notes=("部门圆点越大，工作负荷越高（牵头、配合、负责任务的加权数）。",))


def _search_entries(graph: nx.Graph, nodes) -> list[tuple[str, str]]:
    entries = []
    for node in nodes:
        attrs = graph.nodes[node]
        text = str(attrs.get("label", node))
        if not _is_department(graph, node):
            text = f"{text} {clip_text(attrs.get('title', ''), 40)}".strip()
        elif attrs.get("jurisdiction"):
            text = f"{text}（{attrs['jurisdiction']}）"
        entries.append((str(node), text))
    return sorted(entries, key=lambda entry: entry[1])


# -- views -------------------------------------------------------------------------------------


def _busiest(graph: nx.Graph, nodes) -> list:
    return sorted(nodes, key=lambda n: (-float(graph.nodes[n].get("load") or 0), -graph.degree(n), str(n)))


def cooperation_map(
    departments: nx.Graph,
    assignments: nx.Graph | None = None,
    *,
    title: str = "部门协作网络",
    color_by: str = "type",
    max_nodes: int = MAX_MAP_NODES,
    note: str = "",
) -> MapPage:
    """Department network: edge width = tasks shared, size = load, colour = type or community.

    departments: graph/network.department_network(); assignments (optional) adds each
    department's top tasks to its tooltip. Above `max_nodes` departments only the busiest are
    drawn (the page says so). Cost: the spring layout, about 1-2 s at 1,000 nodes.
    """
    shown = _busiest(departments, departments.nodes)[:max_nodes]
    if len(shown) < departments.number_of_nodes():
        note = (
            f"部门过多：仅显示工作负荷最高的 {len(shown)} 个部门（共 {departments.number_of_nodes()} 个）。"
            "完整数据请用 policygraph export 导出。"
        )
    graph = departments.subgraph(shown)
    colours, colour_legend = _department_colours(departments, shown, color_by)
    sizes, positions = _sizes(graph, shown), _layout(graph)
    net = _new_network(len(shown))
    for node in shown:
        _department_node(
            net,
            graph,
            node,
            colour=colours[node],
            size=sizes[node],
            position=positions[node],
            tooltip=_department_tooltip(graph, node, assignments, graph.degree(node)),
        )
    s = style()["cooperation_edge"]
    top = max((d.get("weight", 1) for _, _, d in graph.edges(data=True)), default=1) or 1
    edge_meta = {}
    for i, (a, b, data) in enumerate(graph.edges(data=True)):
        weight = data.get("weight", 1)
        edge_meta[f"e{i}"] = {"mix": _pair_mix(a, b, data, assignments)}
        label = (graph.nodes[a].get("label", a), graph.nodes[b].get("label", b))
        tasks = [
            str(assignments.nodes[t].get("label", t))
            if assignments is not None and t in assignments
            else str(t)
            for t in (data.get("tasks") or [])
        ]
        tooltip = f"{label[0]} — {label[1]}\n共同任务 {data.get('shared', weight)} 项" + (
            ("\n" + "、".join(tasks[:EDGE_TOOLTIP_TASKS])) if tasks else ""
        )
        width = s["min_width"] + (s["max_width"] - s["min_width"]) * math.sqrt(weight / top)
        net.add_edge(
            str(a),
            str(b),
            id=f"e{i}",
            arrows=NO_ARROWS,
            width=round(width, 2),
            color={"color": s["colour"]},
            title=tooltip,
        )
    legend = [
        colour_legend,
        _size_legend(),
        LegendGroup("连线", (LegendEntry("共同承担任务（越粗越多）", s["colour"], kind="edge", width=3),)),
    ]
    drawing = _Drawing(
        net,
        _search_entries(graph, shown),
        legend,
        node_meta=_node_meta(graph, shown),
        edge_meta=edge_meta,
        view="cooperation",
    )
    return _render(drawing, title=title, note=note)


def _pair_mix(a, b, data: dict, assignments: nx.Graph | None) -> list[list[int]]:
    """How two departments share their tasks, for the page's role and inheritance filters:
    [[roles of a (bit mask), roles of b, 1 if either holds its place only by a section-level
    statement, number of tasks], ...]. Without the department–task graph every role passes (7)."""
    tasks = data.get("tasks") or []
    if assignments is None or a not in assignments or b not in assignments:
        return [[7, 7, 0, int(data.get("weight", len(tasks)) or 0)]]
    counts: Counter = Counter()
    of_a, of_b = assignments[a], assignments[b]
    for task in tasks:
        on_a, on_b = of_a.get(task), of_b.get(task)
        if on_a is None or on_b is None:
            continue
        inherited = int(bool(on_a.get("inherited") or on_b.get("inherited")))
        counts[(_mask(edge_roles(on_a)), _mask(edge_roles(on_b)), inherited)] += 1
    return [[*key, n] for key, n in sorted(counts.items())] or [[7, 7, 0, int(data.get("weight", 0) or 0)]]


def _node_meta(graph: nx.Graph, nodes) -> dict:
    """Per node what the page's filters read: kind, type, jurisdiction, task counts by role."""
    meta = {}
    for node in nodes:
        attrs = graph.nodes[node]
        if _is_department(graph, node):
            meta[str(node)] = {
                "kind": "department",
                "type": str(attrs.get("type") or "unknown"),
                "jurisdiction": str(attrs.get("jurisdiction") or ""),
                "roles": [int(attrs.get(r.value) or 0) for r in ROLE_ORDER],
            }
        else:
            meta[str(node)] = {"kind": "task", "jurisdiction": str(attrs.get("jurisdiction") or "")}
    return meta


def assignment_map(
    assignments: nx.Graph,
    *,
    title: str = "部门—任务分工网络",
    max_nodes: int = MAX_MAP_NODES,
    color_by: str = "type",
    note: str = "",
) -> MapPage:
    """Departments and tasks; lead solid, support dashed, joint dotted; tasks without a lead in red.

    assignments: graph/network.assignment_network(). Above `max_nodes` nodes the busiest
    departments are kept with their tasks, then leaderless tasks fill what room is left.
    """
    departments = [n for n in assignments.nodes if _is_department(assignments, n)]
    tasks = [n for n in assignments.nodes if not _is_department(assignments, n)]
    keep, cut = _fit(assignments, departments, tasks, max_nodes)
    note = cut or note
    graph = assignments.subgraph(keep)
    shown_departments = [n for n in keep if _is_department(graph, n)]
    shown_tasks = [n for n in keep if not _is_department(graph, n)]
    return _draw_bipartite(
        graph,
        shown_departments,
        shown_tasks,
        title=title,
        note=note,
        color_by=color_by,
        positions=_layout(graph),
    )


def _fit(graph: nx.Graph, departments: list, tasks: list, max_nodes: int) -> tuple[list, str]:
    if len(departments) + len(tasks) <= max_nodes:
        return departments + tasks, ""
    keep: dict = {}
    for department in _busiest(graph, departments):
        extra = [department, *(t for t in graph[department] if t not in keep)]
        if len(keep) + len(extra) > max_nodes:
            break
        keep.update(dict.fromkeys(extra))
    for task in tasks:
        if len(keep) >= max_nodes:
            break
        if task not in keep and not graph.nodes[task].get("has_lead", True):
            keep[task] = None
    kept_departments = sum(1 for n in keep if _is_department(graph, n))
    note = (
        f"节点过多：仅显示工作负荷最高的 {kept_departments} 个部门及其任务（共 {len(departments)} 个部门、"
        f"{len(tasks)} 项任务）。完整数据请用 policygraph export 导出。"
    )
    return list(keep), note


def ego_map(
    assignments: nx.Graph, department: str, *, title: str | None = None, color_by: str = "type"
) -> MapPage:
    """One department (id or name), its tasks (inner ring) and partners on them (outer ring).

    Raises PolicygraphError naming close matches when `department` is not in the graph.
    """
    centre = find_department(assignments, department)
    own_tasks, partners, positions = ego_layout(assignments, centre)
    graph = assignments.subgraph([centre, *own_tasks, *partners])
    name = assignments.nodes[centre].get("label", centre)
    return _draw_bipartite(
        graph,
        [centre, *partners],
        own_tasks,
        title=title or f"{name}：任务与合作部门",
        note="",
        color_by=color_by,
        positions=positions,
        centre=centre,
    )


def ego_layout(assignments: nx.Graph, centre) -> tuple[list, list, dict]:
    """(tasks, partners, pixel positions): `centre` in the middle, its tasks on an inner ring and the
    departments sharing them on an outer one. Ring radii follow the arc each node needs (a task
    path label about EGO_TASK_ARC px, a department name EGO_PARTNER_ARC px): one fixed spread
    piled 30 task labels on each other. Pure; cost O(tasks + partners)."""
    own_tasks = sorted(assignments[centre], key=lambda t: str(assignments.nodes[t].get("label", t)))
    partners = sorted(
        {p for t in own_tasks for p in assignments[t]} - {centre},
        key=lambda p: str(assignments.nodes[p].get("label", p)),
    )
    task_radius = max(150.0, EGO_TASK_ARC * len(own_tasks) / (2 * math.pi))
    partner_radius = max(task_radius + 150.0, EGO_PARTNER_ARC * len(partners) / (2 * math.pi))
    positions = {centre: (0.0, 0.0)}
    for ring, radius in ((own_tasks, task_radius), (partners, partner_radius)):
        for i, node in enumerate(ring):
            angle = 2 * math.pi * i / len(ring) - math.pi / 2
            positions[node] = (round(radius * math.cos(angle), 1), round(radius * math.sin(angle), 1))
    return own_tasks, partners, positions


def find_department(graph: nx.Graph, wanted: str) -> str:
    """Node id of a department given its id, canonical name or a name it was written as."""
    departments = [n for n in graph.nodes if _is_department(graph, n)]
    if wanted in departments:
        return wanted
    matches = [
        n
        for n in departments
        if wanted == graph.nodes[n].get("label") or wanted in (graph.nodes[n].get("aliases") or [])
    ]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise PolicygraphError(
            f"department {wanted!r} is ambiguous: it may be any of the ids {', '.join(sorted(matches))}"
        )
    partial = sorted(
        {
            str(graph.nodes[n].get("label", n))
            for n in departments
            if any(
                wanted in name
                for name in [str(graph.nodes[n].get("label", n)), *(graph.nodes[n].get("aliases") or [])]
            )
        }
    )
    hint = f"; did you mean {'、'.join(partial[:5])}?" if partial else ""
    raise PolicygraphError(f"department {wanted!r} not found{hint}")


def _draw_bipartite(
    graph: nx.Graph,
    departments: list,
    tasks: list,
    *,
    title: str,
    note: str,
    color_by: str,
    positions: dict,
    centre=None,
) -> MapPage:
    net = _new_network(len(departments) + len(tasks))
    colours, colour_legend = _department_colours(graph, departments, color_by)
    sizes = _sizes(graph, departments)
    for node in departments:
        _department_node(
            net,
            graph,
            node,
            colour=colours[node],
            size=sizes[node],
            position=positions[node],
            tooltip=_department_tooltip(graph, node, graph, None),
            centre=node == centre,
        )
    for node in tasks:
        _task_node(net, graph, node, positions[node])
    edge_meta: dict = {}
    _role_edges(net, graph, edge_meta)
    legend = [*_role_legend(graph, tasks), colour_legend, _size_legend()]
    drawing = _Drawing(
        net,
        _search_entries(graph, [*departments, *tasks]),
        legend,
        node_meta=_node_meta(graph, [*departments, *tasks]),
        edge_meta=edge_meta,
        view="assignment",
    )
    return _render(drawing, title=title, note=note)


@dataclass(frozen=True)
class Controls:
    """What the page's control bar offers (only what this map can use)."""

    view: str
    types: tuple[tuple[str, str], ...]  # (code, Chinese label), by label
    jurisdictions: tuple[str, ...]
    max_shared: int  # the largest number of tasks two departments share (cooperation view)
    inherited: bool  # some links exist only through a section-level statement
    min_shared: int = 1  # the slider's starting value: above 1 when the map would be a hairball


def _controls(drawing: _Drawing) -> Controls:
    departments = [m for m in drawing.node_meta.values() if m["kind"] == "department"]
    types = sorted({m["type"] for m in departments}, key=lambda code: (type_label(code), code))
    max_shared = max(
        (sum(entry[3] for entry in meta.get("mix", [])) for meta in drawing.edge_meta.values()), default=0
    )
    inherited = any(
        meta.get("inherited") or any(entry[2] for entry in meta.get("mix", []))
        for meta in drawing.edge_meta.values()
    )
    weights = sorted(
        (sum(entry[3] for entry in meta["mix"]) for meta in drawing.edge_meta.values() if "mix" in meta),
        reverse=True,
    )
    budget = max(DENSE_LINKS, LINKS_PER_NODE * len(departments))
    min_shared = 1
    if len(weights) > budget:
        # start with the strongest links only (the page says so; the slider brings the rest back)
        min_shared = min(weights[budget] + 1, max_shared)
    return Controls(
        view=drawing.view,
        min_shared=min_shared,
        types=tuple((code, type_label(code)) for code in types),
        jurisdictions=tuple(sorted({m["jurisdiction"] for m in departments if m["jurisdiction"]})),
        max_shared=max_shared,
        inherited=inherited,
    )


def _render(drawing: _Drawing, *, title: str, note: str) -> MapPage:
    nodes, edges, _, _, _, options = drawing.net.get_network_data()
    vis_js, vis_css = vis_network_assets()
    map_js = read_asset("map.js")
    controls = _controls(drawing)
    data = {
        "title": title,
        "view": drawing.view,
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
        "search": drawing.search,
        "dimmed_colour": style()["dimmed_colour"],
        "node_meta": drawing.node_meta,
        "edge_meta": drawing.edge_meta,
        "role_bits": [ROLE_BITS[r] for r in ROLE_ORDER],
        "font": style()["font"],
    }
    page = render_template(
        "map.html",
        title=title,
        note=note,
        subtitle="",
        node_count=len(nodes),
        edge_count=len(edges),
        legend=drawing.legend,
        controls=controls,
        role_labels=[(r.value, _role_label(r.value)) for r in ROLE_ORDER],
        data=data,
        vis_js=vis_js,
        vis_css=vis_css,
        map_js=map_js,
        map_css=read_asset("map.css"),
        font=re.sub(r"[<>{};]", "", style()["font"]),
        csp=content_security_policy(vis_js, map_js),
    )
    return MapPage(title=title, html=page, node_count=len(nodes), edge_count=len(edges), note=note)


# -- from the store ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanGraphs:
    """Everything the maps, report and exports draw from, for the selected plans.

    departments: department network with metrics as node attributes (community, overloaded, ...).
    assignments: department–task graph; its department nodes carry the same metrics.
    metrics: graph/metrics.department_metrics rows. plans: plan_overview query rows.
    """

    departments: nx.Graph
    assignments: nx.Graph
    metrics: Any
    plans: tuple[dict, ...]


def load_graphs(store, plan: str | None = None) -> PlanGraphs:
    """Read the selected plans (id, jurisdiction or title; None = all) and compute metrics.

    Raises PolicygraphError when no plan matches. Cost: three queries plus department_metrics.
    """
    from policygraph.graph.analysis import metrics, network
    from policygraph.graph.analysis.queries import run_builtin
    from policygraph.graph.analysis.rows import fetch_assignments, fetch_tasks
    from policygraph.graph.analysis.rules import analysis_rules

    plans = tuple(run_builtin(store, "plan_overview", plan=plan).records())
    if not plans:
        raise NoMatchingPlan(plan)
    rules = analysis_rules()
    rows = fetch_assignments(store, plan)
    tasks = fetch_tasks(store, plan)
    departments = network.department_network(rows, rules.load_weights, rules.cooperation)
    frame = metrics.department_metrics(
        departments, network.lead_support_network(rows, rules.load_weights), rules
    )
    assignments = network.assignment_network(rows, tasks, rules.load_weights)
    # The analysis keeps the strongest role per department and task; the views show every one
    # (the matrix cell 牵头、负责, the map's role filter), and which tasks a jurisdiction's are.
    held: dict[tuple, set] = {}
    for row in rows:
        held.setdefault((row.department_id, row.task_id), set()).add(Role(row.role))
    for (department, task), roles in held.items():
        if assignments.has_edge(department, task):
            assignments[department][task]["roles"] = [
                r.value for r in sorted(roles, key=ROLE_ORDER.__getitem__)
            ]
    for task in tasks:
        if task.task_id in assignments:
            assignments.nodes[task.task_id]["jurisdiction"] = task.jurisdiction
    for node, attrs in departments.nodes(data=True):
        if node in assignments:
            assignments.nodes[node].update(
                {k: attrs[k] for k in ("community", "overloaded", "central") if k in attrs}
            )
    return PlanGraphs(departments, assignments, frame, plans)


def plan_heading(graphs: PlanGraphs) -> str:
    """'<jurisdiction> <title>' for one plan, else 'N 个方案'."""
    if len(graphs.plans) == 1:
        only = graphs.plans[0]
        return f"{only.get('jurisdiction') or ''} {only.get('title') or ''}".strip()
    return f"{len(graphs.plans)} 个方案"


def draw(
    graphs: PlanGraphs,
    view: str = "cooperation",
    department: str | None = None,
    color_by: str = "type",
    max_nodes: int = MAX_MAP_NODES,
) -> MapPage:
    """One view of loaded graphs, titled after the plan(s)."""
    heading = plan_heading(graphs)
    if view == "cooperation":
        return cooperation_map(
            graphs.departments,
            graphs.assignments,
            title=f"部门协作网络 · {heading}",
            color_by=color_by,
            max_nodes=max_nodes,
        )
    if view == "assignment":
        return assignment_map(
            graphs.assignments, title=f"部门—任务分工 · {heading}", color_by=color_by, max_nodes=max_nodes
        )
    if view == "ego":
        if not department:
            raise PolicygraphError("the ego view needs a department (its name or id)")
        return ego_map(graphs.assignments, department, color_by=color_by)
    raise PolicygraphError(f"unknown view {view!r} (known: {', '.join(VIEWS)})")
