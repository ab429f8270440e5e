"""Maps: built from hand-made graphs and from a real store, opened in headless Chromium with the
network blocked. Checks what a person sees: a drawn canvas, every node, literal text where a
document carried markup, no script from a document, no request leaving the machine."""

from __future__ import annotations

import html
import json
import math
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from _browser import LOCAL_SCHEMES, MAP_CANVAS_INSET
from _sample_graphs import (
    GLOBAL_PAYLOAD,
    PAYLOAD,
    department_id,
    random_graphs,
    run_policygraph,
    sample_graphs,
    task_id,
)

from policygraph.errors import PolicygraphError
from policygraph.graph.views import maps

DRAWN = "window.policygraphMap && window.policygraphMap.drawn"
TITLE = f"试点方案{PAYLOAD}"


@pytest.fixture(scope="module")
def graphs():
    departments, assignments = sample_graphs()
    for graph in (departments, assignments):  # a type name that reaches the legend
        graph.nodes[department_id("团市委")]["type"] = f"青年{PAYLOAD}"
    return departments, assignments


@pytest.fixture(scope="module")
def pages(graphs, tmp_path_factory):
    """The three views of the sample plan, written to disk."""
    departments, assignments = graphs
    folder = tmp_path_factory.mktemp("maps")
    built = {
        "cooperation": maps.cooperation_map(departments, assignments, title=TITLE),
        "assignment": maps.assignment_map(assignments, title=TITLE),
        "ego": maps.ego_map(assignments, "市科协", title=TITLE),
    }
    return {view: (page, page.write(folder / f"{view}.html")) for view, page in built.items()}


def assert_stayed_offline(page):
    leaving = [url for url in page.requests if not url.startswith(LOCAL_SCHEMES)]
    assert not leaving and not page.blocked, f"the page asked the network for {leaving or page.blocked}"


def assert_no_payload_ran(page):
    assert page.dialogs == [], f"a payload opened a dialog: {page.dialogs}"
    assert page.evaluate("window.__pwned === undefined"), "a payload set window.__pwned"
    assert page.evaluate("document.querySelectorAll('img').length") == 0, "document markup became an <img>"


# -- the HTML itself -------------------------------------------------------------------------


def test_views_hold_every_node_and_edge(graphs, pages):
    departments, assignments = graphs
    assert pages["cooperation"][0].node_count == departments.number_of_nodes() == 5
    assert pages["cooperation"][0].edge_count == departments.number_of_edges()
    assert pages["assignment"][0].node_count == assignments.number_of_nodes() == 10
    assert pages["assignment"][0].edge_count == assignments.number_of_edges()
    # ego of 市科协: itself, its 3 tasks, and the 4 departments on them
    assert pages["ego"][0].node_count == 1 + 3 + 4


def test_page_is_self_contained(pages):
    for page, _ in pages.values():
        text = page.html
        assert "<script src" not in text and "<link" not in text and "@import" not in text
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text), (
            "a resource from the network"
        )
        assert "new vis.Network" in text and "vis-network" in text  # vis-network inlined and used
        assert "default-src &#39;none&#39;" in text  # and its CSP forbids network sources (quotes escaped)


def test_document_markup_never_reaches_the_html_raw(pages):
    for page, _ in pages.values():
        assert PAYLOAD not in page.html and GLOBAL_PAYLOAD not in page.html
        assert html.escape(TITLE) in page.html  # heading and <title>, escaped


def test_written_as_utf8_even_under_an_ascii_locale(tmp_path):
    # Python's default file encoding follows the locale (cp1252/GBK on Windows, ASCII under C with
    # coercion off): pyvis's own writer fails there. Ours names UTF-8 explicitly.
    script = (
        "import sys; sys.path.insert(0, {!r})\n"
        "from _sample_graphs import sample_graphs\n"
        "from policygraph.graph.views import maps\n"
        "d, a = sample_graphs()\n"
        "maps.cooperation_map(d, a).write({!r})\n".format(
            str(Path(__file__).parents[1]), str(tmp_path / "m.html")
        )
    )
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "<title>部门协作网络</title>" in (tmp_path / "m.html").read_bytes().decode("utf-8")


def test_written_maps_are_readable_by_others_as_the_umask_allows(tmp_path):
    old = os.umask(0o027)
    try:
        written = maps.cooperation_map(sample_graphs()[0]).write(tmp_path / "m.html")
    finally:
        os.umask(old)
    assert stat.S_IMODE(written.stat().st_mode) == 0o640


def test_tooltip_lines_never_start_with_closing_punctuation():
    text = "完善初高中包括科学、数学、物理、化学、生物学、通用技术、信息技术等学科在内的学业水平考试和综合素质评价制度，引导学生个性化发展。"
    lines = maps._wrap(text, width=15, lines=10)  # cut every 15 characters, line 2 began with 、
    assert "".join(lines) == text
    assert not any(line[0] in maps.NO_LINE_START for line in lines[1:]), lines
    assert maps._wrap("一二三四五六", width=2, lines=2) == ["一二", "三…"]


def test_large_graph_keeps_busiest_departments_and_says_so():
    departments, assignments = random_graphs(300, 400, seed=3)
    page = maps.cooperation_map(departments, max_nodes=120)
    assert page.node_count == 120
    assert f"120 个部门（共 {departments.number_of_nodes()} 个）" in page.note
    assert page.note in html.unescape(page.html)
    capped = maps.assignment_map(assignments, max_nodes=200)
    assert capped.node_count <= 200 and capped.note


def test_ego_needs_a_known_department(graphs):
    with pytest.raises(PolicygraphError, match=r"not found.*市科协"):
        maps.ego_map(graphs[1], "科协")
    assert maps.find_department(graphs[1], department_id("团市委")) == department_id("团市委")


def test_every_type_of_the_unit_knowledge_has_a_colour_and_a_chinese_label():
    # Only 12 types got a colour before; the rest were a grey "其他".
    from policygraph.graph.views import palette

    data = Path(__file__).resolve().parents[2] / "ingest" / "data"
    types = set()
    for name, column in (("units.tsv", 2), ("unit_suffix_types.tsv", 1), ("national_bodies.tsv", 2)):
        if not (data / name).exists():
            continue
        for line in (data / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                types.add(line.split("\t")[column].strip())
    assert len(types) > 40
    listed = palette.palette()["types"]
    missing = sorted(t for t in types | {"unknown"} if t not in listed)
    assert not missing, f"palette.json lacks {missing}"
    for code in types:
        assert re.fullmatch(r"#[0-9a-f]{6}", palette.type_colour(code))
        assert re.search(r"[\u4e00-\u9fff]", palette.type_label(code)), code
    colours = [entry["colour"] for entry in listed.values()]
    assert len(set(colours)) == len(colours), "two types share a colour"
    assert palette.type_label("science_association") == "科协"
    assert palette.type_label("made_up") == "made_up"


def node_colours(page_html: str) -> dict[str, str]:
    data = json.loads(
        html.unescape(
            re.search(r'<script id="pg-data" type="application/json">(.*?)</script>', page_html, re.S)[1]
        )
    )
    return {
        data["node_meta"][n["id"]]["type"]: n["color"]["background"]
        for n in data["nodes"]
        if data["node_meta"][n["id"]]["kind"] == "department"
    }


def test_a_type_has_the_same_colour_in_maps_of_different_plans():
    # 教育 was orange in three maps and mauve in 吉林's: colours followed each map's ranking.
    small = maps.cooperation_map(*sample_graphs())
    other_departments, other_assignments = random_graphs(40, 80, seed=11)
    for node in list(other_departments)[:3]:  # a different mix of types, 教育 busiest here
        other_departments.nodes[node].update(type="education", load=99.0)
    big = maps.assignment_map(other_assignments)
    first, second = node_colours(small.html), node_colours(big.html)
    shared = set(first) & set(second)
    assert {"education", "science_association"} <= shared
    for code in shared:
        assert first[code] == second[code] == maps.type_colour(code), code
    assert first["education"] != first["science_association"]


def test_layout_leaves_room_for_chinese_labels_in_a_near_clique():
    # A city plan's departments nearly all share tasks; packed at 73 px apart their 8-character
    # labels (about 110 px) lay on top of each other.
    graph = nx.gnp_random_graph(30, 0.6, seed=4)
    positions = maps._layout(graph)
    nearest = sorted(min(math.dist(positions[a], positions[b]) for b in graph if b != a) for a in graph)
    assert nearest[len(nearest) // 2] >= 110


def test_departments_from_the_store_are_found_by_the_name_the_plan_wrote():
    # `map --view ego --department 市科协` (the help's own example) failed on every stored plan:
    # nodes built from the store carried no aliases.
    from policygraph.graph.analysis.network import assignment_network
    from policygraph.graph.analysis.rows import AssignmentRow, TaskRow

    rows = [
        AssignmentRow(
            "宜春市|市科学技术协会",
            "市科学技术协会",
            "宜春市",
            "science_association",
            "p:1",
            "p",
            "lead",
            False,
            "市科协",
        ),
        AssignmentRow(
            "宜春市|市教育体育局",
            "市教育体育局",
            "宜春市",
            "education",
            "p:1",
            "p",
            "joint",
            False,
            "市教体局",
        ),
    ]
    tasks = [TaskRow("p:1", "p", "宜春市", "1", "行动", "一", "任务", "正文", has_lead=True)]
    graph = assignment_network(rows, tasks)
    assert maps.find_department(graph, "市科协") == "宜春市|市科学技术协会"
    with pytest.raises(PolicygraphError, match="did you mean 市教育体育局"):
        maps.find_department(graph, "教体")


def test_ego_rings_give_each_task_and_partner_room_for_its_label():
    # 30 tasks on a ring of fixed size sat 40 px apart under labels 60 px wide.
    graph = nx.Graph()
    graph.add_node("科协", kind="department", label="市科学技术协会")
    for i in range(30):
        graph.add_node(f"t{i}", kind="task", label=f"三.(一).{i}")
        graph.add_node(f"d{i}", kind="department", label=f"部门{i}")
        graph.add_edges_from([("科协", f"t{i}"), (f"d{i}", f"t{i}")])
    tasks, partners, positions = maps.ego_layout(graph, "科协")
    assert len(tasks) == len(partners) == 30 and positions["科协"] == (0.0, 0.0)

    def closest(ring):
        return min(math.dist(positions[a], positions[b]) for a in ring for b in ring if a != b)

    assert closest(tasks) >= 70 and closest(partners) >= 120


def test_colour_by_community_gives_a_community_legend(graphs):
    page = maps.cooperation_map(graphs[0], color_by="community")
    assert "社区 1" in page.html
    with pytest.raises(PolicygraphError, match="unknown colouring 'size'"):
        maps.cooperation_map(graphs[0], color_by="size")


def test_jupyter_repr_is_an_iframe_of_the_whole_page(pages):
    page = pages["cooperation"][0]
    frame = page._repr_html_()
    assert frame.startswith('<iframe srcdoc="') and 'sandbox="allow-scripts allow-downloads"' in frame
    srcdoc = frame[len('<iframe srcdoc="') : frame.index('" title=')]
    assert html.unescape(srcdoc) == page.html
    assert "<" not in srcdoc and '"' not in srcdoc  # nothing in the page can close the attribute


# -- in the browser ----------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("view", ["cooperation", "assignment", "ego"])
def test_map_draws_offline_with_every_node(chromium, pages, view):
    map_page, path = pages[view]
    page = chromium.open(path)
    try:
        state = page.wait_for(
            f"({DRAWN}) && {{nodeCount: policygraphMap.nodeCount, edgeCount: policygraphMap.edgeCount}}"
        )
        assert state["nodeCount"] == map_page.node_count
        assert state["edgeCount"] == map_page.edge_count
        assert page.evaluate("document.getElementById('pg-node-count').textContent") == str(
            map_page.node_count
        )
        pixels = page.screenshot_pixels("#pg-network")
        assert pixels.non_background_share() > 0.01, "the network canvas is blank"
        assert_stayed_offline(page)
        assert_no_payload_ran(page)
        assert page.console_errors == []
    finally:
        page.close()


@pytest.mark.browser
def test_injected_markup_shows_as_text_everywhere(chromium, pages):
    page = chromium.open(pages["assignment"][1])
    try:
        page.wait_for(DRAWN)
        assert page.evaluate("document.title") == TITLE
        assert page.evaluate("document.getElementById('pg-title').textContent") == TITLE
        assert f"青年{PAYLOAD}" in page.evaluate("document.getElementById('pg-legend').textContent")
        options = page.evaluate(
            "Array.from(document.querySelectorAll('#pg-node-list option')).map(o => o.value)"
        )
        assert any(PAYLOAD in o for o in options) and any(GLOBAL_PAYLOAD in o for o in options)
        # Hover the task whose title carries the payload: the tooltip shows it as text.
        tooltip = hover_tooltip(page, task_id("二.(一).1"))
        assert PAYLOAD in tooltip["text"] and tooltip["images"] == 0
        tooltip = hover_tooltip(page, department_id(f"市财政局{GLOBAL_PAYLOAD}"))
        assert GLOBAL_PAYLOAD in tooltip["text"] and tooltip["images"] == 0
        assert_no_payload_ran(page)
        assert_stayed_offline(page)
    finally:
        page.close()


def node_point(page, node_id: str) -> dict:
    """Where a node is drawn, in page coordinates."""
    return page.evaluate(
        f"(() => {{ const m = window.policygraphMap, id = {json.dumps(node_id)};"
        " const p = m.network.canvasToDOM(m.network.getPosition(id));"
        " const r = document.getElementById('pg-network').getBoundingClientRect();"
        " return {x: p.x + r.left, y: p.y + r.top}; })()"
    )


def hover_tooltip(page, node_id: str) -> dict:
    point = node_point(page, node_id)
    for dx in (8, 0):  # move onto the node (a move from elsewhere starts the hover)
        page.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": point["x"] + dx, "y": point["y"]})
    page.wait_for(
        "(() => { const t = document.querySelector('div.vis-tooltip');"
        " return t && t.style.visibility !== 'hidden' && t.innerText.length > 0; })()",
        timeout=5,
    )
    return page.evaluate(
        "(() => { const t = document.querySelector('div.vis-tooltip');"
        " return {text: t.innerText, images: t.querySelectorAll('img').length}; })()"
    )


@pytest.mark.browser
def test_search_and_click_highlight_neighbours(chromium, pages):
    page = chromium.open(pages["cooperation"][1])
    try:
        page.wait_for(DRAWN)
        page.evaluate(
            "(() => { const i = document.getElementById('pg-search'); i.value = '团市委（宜春市）';"
            " i.dispatchEvent(new Event('change')); })()"
        )
        # 团市委 works with 3 of the other 4 departments: one is dimmed.
        assert page.evaluate("window.policygraphMap.network.getSelectedNodes()") == [department_id("团市委")]
        assert page.evaluate("window.policygraphMap.dimmed") == 1
        page.evaluate("document.getElementById('pg-reset').click()")
        assert page.evaluate("window.policygraphMap.dimmed") == 0
        # A real click on 市财政局…, whose only partner is 市科协: the other three are dimmed.
        point = node_point(page, department_id(f"市财政局{GLOBAL_PAYLOAD}"))
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            page.call(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": point["x"], "y": point["y"], "button": "left", "clickCount": 1},
            )
        page.wait_for("window.policygraphMap.dimmed === 3", timeout=5)
    finally:
        page.close()


@pytest.mark.browser
def test_jupyter_output_shows_the_map_not_a_blank_frame(chromium, pages, tmp_path):
    # What a notebook front end renders for `page` as the last expression of a cell.
    from IPython.core.formatters import DisplayFormatter

    bundle, _ = DisplayFormatter().format(pages["cooperation"][0])
    cell = tmp_path / "cell.html"
    cell.write_text(
        f"<!DOCTYPE html><meta charset=utf-8><body style='margin:0'>{bundle['text/html']}</body>",
        encoding="utf-8",
    )
    page = chromium.open(cell)
    try:
        page.wait_for(
            "document.querySelector('iframe') && document.querySelector('iframe').offsetHeight > 400"
        )
        assert page.drawn_share("iframe", 0.01, inset=MAP_CANVAS_INSET) >= 0.01, (
            "the notebook output frame is blank"
        )
        assert_stayed_offline(page)
        assert page.dialogs == []
    finally:
        page.close()


# -- from a real store through the command line ------------------------------------------------


@pytest.mark.browser
def test_map_command_draws_the_stored_plan(store_config, sample_store, chromium, tmp_path, capsys):
    out = tmp_path / "深层" / "assignment.html"
    code, err = run_policygraph(capsys, store_config, "map", "--view", "assignment", "-o", str(out))
    assert code == 0, err
    assert "10 nodes" in err
    page = chromium.open(out)
    try:
        assert page.wait_for(f"({DRAWN}) && window.policygraphMap.nodeCount") == 10
        assert page.evaluate("document.title").endswith(PAYLOAD)
        assert_no_payload_ran(page)
        assert_stayed_offline(page)
    finally:
        page.close()


def test_map_command_errors_are_one_line(store_config, sample_store, tmp_path, capsys):
    out = tmp_path / "x.html"
    code, err = run_policygraph(capsys, store_config, "map", "--plan", "无此方案", "-o", str(out))
    assert code == 1 and not out.exists()
    assert err.count("\n") == 1 and "无此方案" in err
    code, err = run_policygraph(capsys, store_config, "map", "--view", "ego", "-o", str(out))
    assert code == 2 and "--department" in err and "drawing" not in err  # a usage error, before any work
    code, err = run_policygraph(
        capsys, store_config, "map", "--view", "ego", "--department", "市科学", "-o", str(out)
    )
    assert code == 1 and "not found" in err and not out.exists()
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    code, err = run_policygraph(capsys, store_config, "-q", "map", "-o", str(blocker / "x.html"))
    assert code == 1 and err.count("\n") == 1 and str(blocker / "x.html") in err
    assert f"{blocker} is a file, not a folder" in err
    code, err = run_policygraph(capsys, store_config, "map", "-o", str(blocker / "x.html"))
    assert code == 1 and "drawing" not in err, "an unwritable -o is found before the map is drawn"
    code, err = run_policygraph(
        capsys, store_config, "-q", "map", "--view", "ego", "--department", "市科协", "-o", str(out)
    )
    assert code == 0 and err == "" and out.exists()
