"""The map's control bar in headless Chromium: each control changes what is drawn, and the PNG/SVG
export buttons produce a picture of what is shown. Filters read per-node/per-edge data the page
carries (see graph/views/assets/map.js); these tests set a control the way a person does (click,
select, slide) and read the counts the page itself shows."""

from __future__ import annotations

import base64
import json
import re
import xml.etree.ElementTree as ET

import pytest
from _sample_graphs import GLOBAL_PAYLOAD, PAYLOAD, department_id, sample_graphs

from policygraph.graph.views import maps

pytestmark = pytest.mark.browser
DRAWN = "window.policygraphMap && window.policygraphMap.drawn"


@pytest.fixture(scope="module")
def map_files(tmp_path_factory):
    departments, assignments = sample_graphs()
    folder = tmp_path_factory.mktemp("controls")
    title = f"控件{PAYLOAD}"
    return {
        "cooperation": maps.cooperation_map(departments, assignments, title=title).write(folder / "c.html"),
        "assignment": maps.assignment_map(assignments, title=title).write(folder / "a.html"),
    }


def counts(page) -> tuple[int, int]:
    shown = page.evaluate("[policygraphMap.shownNodes, policygraphMap.shownEdges]")
    header = page.evaluate(
        "[document.getElementById('pg-node-count').textContent,"
        " document.getElementById('pg-edge-count').textContent]"
    )
    assert [str(n) for n in shown] == header, "the header and the drawing disagree"
    drawn = page.evaluate(
        "[policygraphMap.nodes.get({filter: n => !n.hidden}).length,"
        " policygraphMap.edges.get({filter: e => !e.hidden}).length]"
    )
    assert drawn == shown
    return tuple(shown)


def click(page, selector: str) -> None:
    box = page.evaluate(
        f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
        " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()"
    )
    for kind in ("mousePressed", "mouseReleased"):
        page.call(
            "Input.dispatchMouseEvent",
            {"type": kind, "x": box["x"], "y": box["y"], "button": "left", "clickCount": 1},
        )


def choose(page, selector: str, value: str) -> None:
    page.evaluate(
        f"(() => {{ const s = document.querySelector({json.dumps(selector)}); s.value = {json.dumps(value)};"
        " s.dispatchEvent(new Event('change')); })()"
    )


def test_cooperation_controls_change_what_is_drawn(chromium, map_files):
    page = chromium.open(map_files["cooperation"])
    try:
        page.wait_for(DRAWN)
        assert counts(page) == (5, 7)
        # Minimum shared tasks: only 市教育体育局 and 市科协 share two tasks.
        page.evaluate(
            "(() => { const r = document.getElementById('pg-min-shared'); r.value = '2';"
            " r.dispatchEvent(new Event('input')); })()"
        )
        assert counts(page) == (5, 1)
        assert page.evaluate("document.getElementById('pg-min-shared-value').textContent") == "2"
        click(page, "#pg-hide-isolated")
        assert counts(page) == (2, 1), "departments left without links stay drawn"
        click(page, "#pg-hide-isolated")
        page.evaluate(
            "(() => { const r = document.getElementById('pg-min-shared'); r.value = '1';"
            " r.dispatchEvent(new Event('input')); })()"
        )
        assert counts(page) == (5, 7)
        # Role toggle: 市财政局… only supports: it goes, and so does every link through a 配合 role
        # (团市委's links to 市教育体育局 and 市科协 rest on task 一.(一).1, where it supports).
        click(page, "#pg-role-support")
        assert counts(page) == (4, 4)
        click(page, "#pg-role-support")
        # Section-level links: 市教育体育局 leads 一.(一).2 only through its section's statement.
        # Its only link to 市委宣传部 is that task: it goes.
        click(page, "#pg-hide-inherited")
        assert counts(page) == (5, 6)
        click(page, "#pg-hide-inherited")
        # Type filter: the education department alone, no link.
        choose(page, "#pg-type", "education")
        assert counts(page) == (1, 0)
        labels = page.evaluate(
            "Array.from(document.querySelectorAll('#pg-type option')).map(o => o.textContent)"
        )
        assert "教育" in labels and "科协" in labels  # Chinese labels from the palette
        choose(page, "#pg-type", "")
        assert counts(page) == (5, 7)
        assert page.console_errors == []
    finally:
        page.close()


def test_assignment_controls_hide_role_edges_and_tasks(chromium, map_files):
    page = chromium.open(map_files["assignment"])
    try:
        page.wait_for(DRAWN)
        assert counts(page) == (10, 10)
        # Without 负责: task 二.(一).2 (joint units only) and 市委宣传部 (joint only) go, with 4 edges.
        click(page, "#pg-role-joint")
        assert counts(page) == (8, 6)
        click(page, "#pg-role-joint")
        click(page, "#pg-hide-inherited")
        assert counts(page) == (10, 9)
    finally:
        page.close()


@pytest.mark.parametrize("layout", ["circle", "grouped", "physics", "computed"])
def test_layout_choice_moves_the_nodes(chromium, map_files, layout):
    page = chromium.open(map_files["cooperation"])
    try:
        page.wait_for(DRAWN)
        before = page.evaluate("policygraphMap.network.getPositions()")
        choose(page, "#pg-layout", layout)
        if layout == "physics":
            page.wait_for("policygraphMap.network.physics.options.enabled === false", timeout=20)
        after = page.evaluate("policygraphMap.network.getPositions()")
        moved = sum(
            1 for k in before if abs(before[k]["x"] - after[k]["x"]) + abs(before[k]["y"] - after[k]["y"]) > 1
        )
        assert page.evaluate("policygraphMap.layout") == layout
        if layout == "computed":
            assert moved == 0  # back where Python put them
        else:
            assert moved >= 3, f"{layout}: only {moved} nodes moved"
        assert page.console_errors == []
    finally:
        page.close()


def test_png_export_is_a_picture_of_the_canvas(chromium, map_files):
    page = chromium.open(map_files["cooperation"])
    try:
        page.wait_for(DRAWN)
        click(page, "#pg-png")
        url = page.wait_for("policygraphMap.lastExport && policygraphMap.lastExport.url")
        assert url.startswith("data:image/png;base64,")
        png = base64.b64decode(url.split(",", 1)[1])
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 2000
        from _browser import decode_png

        pixels = decode_png(png)
        assert pixels.non_background_share() > 0.005, "the exported PNG is blank"
        assert page.requests == [] or all(
            u.startswith(("file:", "data:", "blob:", "about:")) for u in page.requests
        )
    finally:
        page.close()


def test_svg_export_holds_the_shown_nodes_as_escaped_text(chromium, map_files):
    page = chromium.open(map_files["cooperation"])
    try:
        page.wait_for(DRAWN)
        click(page, "#pg-role-support")  # four departments left
        click(page, "#pg-svg")
        export = page.wait_for(
            "policygraphMap.lastExport && policygraphMap.lastExport.text && policygraphMap.lastExport"
        )
        text = export["text"]
        root = ET.fromstring(text)  # well-formed XML, whatever the names hold
        ns = "{http://www.w3.org/2000/svg}"
        labels = [t.text for t in root.iter(f"{ns}text")]
        assert len(list(root.iter(f"{ns}circle"))) == export["nodes"] == 4
        assert "市科协" in labels and f"市财政局{GLOBAL_PAYLOAD}" not in labels
        assert f"控件{PAYLOAD}" in labels  # the title, as text
        assert "<img" not in text and re.search(r"<line ", text)
        fills = {c.get("fill") for c in root.iter(f"{ns}circle")}
        assert maps.type_colour("science_association") in fills
        click(page, "#pg-role-support")
        click(page, "#pg-svg")
        page.wait_for("policygraphMap.lastExport.nodes === 5")
        assert department_id("团市委") in page.evaluate("policygraphMap.nodes.getIds()")
    finally:
        page.close()


def test_filter_menus_show_document_names_as_text(chromium, tmp_path):
    departments, assignments = sample_graphs()
    odd = department_id("团市委")
    for graph in (departments, assignments):
        graph.nodes[odd]["jurisdiction"] = f"袁州区{GLOBAL_PAYLOAD}"
        graph.nodes[odd]["type"] = f"type{PAYLOAD}"
    path = maps.cooperation_map(departments, assignments).write(tmp_path / "odd.html")
    page = chromium.open(path)
    try:
        page.wait_for(DRAWN)
        options = page.evaluate(
            "Array.from(document.querySelectorAll('#pg-jurisdiction option, #pg-type option'))"
            ".map(o => [o.value, o.textContent])"
        )
        assert [f"袁州区{GLOBAL_PAYLOAD}", f"袁州区{GLOBAL_PAYLOAD}"] in options
        assert [f"type{PAYLOAD}", f"type{PAYLOAD}"] in options
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert page.dialogs == [] and page.evaluate("window.__pwned === undefined")
        choose(page, "#pg-jurisdiction", f"袁州区{GLOBAL_PAYLOAD}")
        assert counts(page) == (1, 0)
    finally:
        page.close()


def test_a_dense_map_opens_with_its_strongest_links_only(chromium, tmp_path):
    # 吉林's 32 departments and 432 links were a hairball: the page now opens thinned, and says so.
    import networkx as nx

    departments = nx.complete_graph(40)
    departments = nx.relabel_nodes(departments, {n: f"d{n}" for n in departments})
    for i, node in enumerate(departments):
        departments.nodes[node].update(
            label=f"部门{i}", type="education", jurisdiction="吉林市", load=1.0, lead=1
        )
    for a, b in departments.edges:
        departments.edges[a, b].update(weight=1 + (int(a[1:]) * int(b[1:])) % 9, tasks=[])
    page_data = maps.cooperation_map(departments)
    assert page_data.edge_count == 780
    page = chromium.open(page_data.write(tmp_path / "dense.html"))
    try:
        page.wait_for(DRAWN)
        start = int(page.evaluate("document.getElementById('pg-min-shared').value"))
        nodes, edges = counts(page)
        assert start > 1 and 0 < edges <= 300 and nodes == 40
        assert "连线过密" in page.evaluate("document.getElementById('pg-dense-note').textContent")
        page.evaluate(
            "(() => { const r = document.getElementById('pg-min-shared'); r.value = '1';"
            " r.dispatchEvent(new Event('input')); })()"
        )
        assert counts(page) == (40, 780)
    finally:
        page.close()
