// policygraph map page: draws the network from the JSON block; search, neighbour highlighting,
// filters (shared tasks, roles, section-level links, type, jurisdiction), layouts, PNG/SVG export.
// Document texts arrive as JSON data and are only ever set as text (labels on the canvas,
// tooltips as plain strings, <option>.value) or XML-escaped into the exported SVG, never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("pg-data").textContent);
  var container = document.getElementById("pg-network");
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var nodeMeta = data.node_meta || {};
  var edgeMeta = data.edge_meta || {};

  // Read by tests and the benchmark: what is on the page, what is shown after the filters, when it
  // first drew, the vis objects, and the last picture exported.
  var state = { nodeCount: nodes.length, edgeCount: edges.length, shownNodes: nodes.length,
                shownEdges: edges.length, drawn: false, drawnAt: null, network: network, nodes: nodes,
                edges: edges, dimmed: 0, layout: "computed", lastExport: null };
  window.policygraphMap = state;
  network.once("afterDrawing", function () {
    state.drawn = true;
    state.drawnAt = performance.now();
    document.body.setAttribute("data-drawn", "1");
  });

  var originalNodes = {};
  data.nodes.forEach(function (n) { originalNodes[n.id] = { color: n.color, font: n.font || {} }; });
  var originalEdges = {};
  edges.forEach(function (e) { originalEdges[e.id] = e.color; });
  var dimmed = data.dimmed_colour;

  function byId(id) { return document.getElementById(id); }

  // -- highlight ----------------------------------------------------------------------------
  function reset() {
    state.dimmed = 0;
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, color: originalNodes[n.id].color, font: originalNodes[n.id].font };
    }));
    edges.update(edges.getIds().map(function (id) { return { id: id, color: originalEdges[id] }; }));
  }

  function highlight(id) {
    var keep = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
    state.dimmed = data.nodes.length - Object.keys(keep).length;
    var touching = {};
    network.getConnectedEdges(id).forEach(function (e) { touching[e] = true; });
    nodes.update(data.nodes.map(function (n) {
      return keep[n.id]
        ? { id: n.id, color: originalNodes[n.id].color, font: originalNodes[n.id].font }
        : { id: n.id, color: { background: dimmed, border: dimmed }, font: { color: "rgba(120,120,120,0.5)" } };
    }));
    edges.update(edges.getIds().map(function (e) {
      return { id: e, color: touching[e] ? originalEdges[e] : { color: dimmed } };
    }));
  }

  network.on("click", function (params) {
    if (params.nodes.length) { highlight(params.nodes[0]); } else { reset(); }
  });

  // -- search: one <option> per node, filled through .value so names stay text ----------------
  var list = byId("pg-node-list");
  var byText = {};
  data.search.forEach(function (entry) {
    var option = document.createElement("option");
    option.value = entry[1];
    list.appendChild(option);
    byText[entry[1]] = entry[0];
  });
  var input = byId("pg-search");
  function find() {
    var id = byText[input.value];
    if (id === undefined) { return; }
    network.selectNodes([id]);
    highlight(id);
    network.focus(id, { scale: 1.4, animation: false });
  }
  input.addEventListener("change", find);
  input.addEventListener("keydown", function (event) { if (event.key === "Enter") { find(); } });
  byId("pg-reset").addEventListener("click", function () {
    input.value = "";
    network.unselectAll();
    reset();
    network.fit({ animation: false });
  });

  // -- filters ------------------------------------------------------------------------------
  var originalDegree = {};
  data.edges.forEach(function (e) {
    originalDegree[e.from] = (originalDegree[e.from] || 0) + 1;
    originalDegree[e.to] = (originalDegree[e.to] || 0) + 1;
  });

  function value(id, fallback) { var el = byId(id); return el ? el.value : fallback; }
  function checked(id) { var el = byId(id); return !!(el && el.checked); }

  function roleMask() {
    var mask = 0;
    document.querySelectorAll(".pg-roles input[type=checkbox]").forEach(function (box) {
      if (box.checked) { mask |= data.role_bits[Number(box.getAttribute("data-role"))]; }
    });
    return mask;
  }

  function applyFilters() {
    var mask = roleMask();
    var minShared = Number(value("pg-min-shared", "1")) || 1;
    var hideInherited = checked("pg-hide-inherited");
    var type = value("pg-type", "");
    var jurisdiction = value("pg-jurisdiction", "");
    var hideIsolated = checked("pg-hide-isolated");
    if (byId("pg-min-shared-value")) { byId("pg-min-shared-value").textContent = String(minShared); }

    var pass = {};
    data.nodes.forEach(function (n) {
      var m = nodeMeta[n.id];
      if (!m) { pass[n.id] = true; return; }
      if (m.kind === "department") {
        var tasks = 0;
        m.roles.forEach(function (count, i) { if (mask & data.role_bits[i]) { tasks += count; } });
        pass[n.id] = (!type || m.type === type) && (!jurisdiction || m.jurisdiction === jurisdiction) && tasks > 0;
      } else {
        pass[n.id] = !jurisdiction || !m.jurisdiction || m.jurisdiction === jurisdiction;
      }
    });

    var degree = {}, edgeUpdates = [], shownEdges = 0;
    data.edges.forEach(function (e) {
      var show = pass[e.from] && pass[e.to];
      var m = edgeMeta[e.id];
      if (show && m && m.mix) {
        var shared = 0;
        m.mix.forEach(function (x) {
          if ((x[0] & mask) && (x[1] & mask) && !(hideInherited && x[2])) { shared += x[3]; }
        });
        show = shared > 0 && shared >= minShared;
      } else if (show && m) {
        show = (m.roles & mask) !== 0 && !(hideInherited && m.inherited);
      }
      if (show) {
        shownEdges += 1;
        degree[e.from] = (degree[e.from] || 0) + 1;
        degree[e.to] = (degree[e.to] || 0) + 1;
      }
      edgeUpdates.push({ id: e.id, hidden: !show });
    });

    var nodeUpdates = [], shownNodes = 0;
    data.nodes.forEach(function (n) {
      var m = nodeMeta[n.id] || {};
      var show = pass[n.id];
      if (show && !degree[n.id]) {
        // a task whose every link is filtered out goes too (a task nobody was named on stays);
        // a department without links only when asked
        if (m.kind === "task" && originalDegree[n.id]) { show = false; }
        if (m.kind === "department" && hideIsolated) { show = false; }
      }
      if (show) { shownNodes += 1; }
      nodeUpdates.push({ id: n.id, hidden: !show });
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    state.shownNodes = shownNodes;
    state.shownEdges = shownEdges;
    byId("pg-node-count").textContent = String(shownNodes);
    byId("pg-edge-count").textContent = String(shownEdges);
  }

  ["pg-min-shared", "pg-hide-inherited", "pg-type", "pg-jurisdiction", "pg-hide-isolated"].forEach(function (id) {
    var el = byId(id);
    if (el) { el.addEventListener(el.type === "range" ? "input" : "change", applyFilters); }
  });
  document.querySelectorAll(".pg-roles input[type=checkbox]").forEach(function (box) {
    box.addEventListener("change", applyFilters);
  });
  byId("pg-controls").addEventListener("submit", function (event) { event.preventDefault(); });
  if (Number(value("pg-min-shared", "1")) > 1) { applyFilters(); }  // a dense map opens thinned

  // -- layouts ------------------------------------------------------------------------------
  function typeOf(id) { var m = nodeMeta[id]; return m && m.kind === "department" ? m.type : "~task"; }
  function labelOf(id) { return String(nodes.get(id).label || id); }
  function sortedIds(ids) {
    return ids.slice().sort(function (a, b) {
      var ta = typeOf(a), tb = typeOf(b);
      if (ta !== tb) { return ta < tb ? -1 : 1; }
      return labelOf(a) < labelOf(b) ? -1 : labelOf(a) > labelOf(b) ? 1 : 0;
    });
  }
  function ring(ids, radius, positions) {
    ids.forEach(function (id, i) {
      var angle = 2 * Math.PI * i / Math.max(ids.length, 1) - Math.PI / 2;
      positions[id] = { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
    });
  }
  function circleLayout() {
    var departments = [], tasks = [], positions = {};
    data.nodes.forEach(function (n) {
      ((nodeMeta[n.id] || {}).kind === "task" ? tasks : departments).push(n.id);
    });
    var outer = Math.max(250, 90 * departments.length / (2 * Math.PI));
    ring(sortedIds(departments), outer, positions);
    ring(sortedIds(tasks), Math.max(120, Math.min(outer - 150, 40 * tasks.length / (2 * Math.PI))), positions);
    return positions;
  }
  function groupedLayout() {
    var groups = {}, order = [], positions = {};
    data.nodes.forEach(function (n) {
      if ((nodeMeta[n.id] || {}).kind === "task") { return; }
      var key = typeOf(n.id);
      if (!groups[key]) { groups[key] = []; order.push(key); }
      groups[key].push(n.id);
    });
    order.sort();
    var columns = Math.ceil(Math.sqrt(order.length)), cell = 0;
    order.forEach(function (key) { cell = Math.max(cell, 110 * Math.sqrt(groups[key].length) + 160); });
    order.forEach(function (key, g) {
      var cx = (g % columns) * cell, cy = Math.floor(g / columns) * cell;
      sortedIds(groups[key]).forEach(function (id, i) {
        // a sunflower spiral: even spacing whatever the group's size
        var r = 70 * Math.sqrt(i), angle = i * 2.39996;
        positions[id] = { x: cx + r * Math.cos(angle), y: cy + r * Math.sin(angle) };
      });
    });
    data.nodes.forEach(function (n, i) {
      if ((nodeMeta[n.id] || {}).kind !== "task") { return; }
      var around = network.getConnectedNodes(n.id).filter(function (id) { return positions[id]; });
      var x = 0, y = 0;
      around.forEach(function (id) { x += positions[id].x; y += positions[id].y; });
      var k = around.length || 1, jitter = 25 + (i % 7) * 6, angle = i * 2.39996;
      positions[n.id] = { x: x / k + jitter * Math.cos(angle), y: y / k + jitter * Math.sin(angle) + (around.length ? 0 : -cell) };
    });
    return positions;
  }
  function setLayout(kind) {
    state.layout = kind;
    if (kind === "physics") {
      network.setOptions({ physics: { enabled: true, solver: "forceAtlas2Based",
                                      stabilization: { enabled: true, iterations: 200, fit: true } } });
      network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: { enabled: false } }); });
      network.stabilize(200);
      return;
    }
    network.setOptions({ physics: { enabled: false } });
    var positions = kind === "circle" ? circleLayout() : kind === "grouped" ? groupedLayout() : null;
    nodes.update(data.nodes.map(function (n) {
      var p = positions ? positions[n.id] : { x: n.x, y: n.y };
      network.moveNode(n.id, p.x, p.y);
      return { id: n.id, x: p.x, y: p.y };
    }));
    network.fit({ animation: false });
  }
  byId("pg-layout").addEventListener("change", function () { setLayout(byId("pg-layout").value); });

  // -- export -------------------------------------------------------------------------------
  function fileName(extension) {
    return (String(data.title || "policygraph").replace(/[\\/:*?"<>|\s]+/g, "_").slice(0, 80) || "map") + "." + extension;
  }
  function download(url, name) {
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }
  function exportPng() {
    var source = container.querySelector("canvas");
    var canvas = document.createElement("canvas");
    canvas.width = source.width;
    canvas.height = source.height;
    var context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";  // the network canvas is transparent; Word shows that as black
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(source, 0, 0);
    var url = canvas.toDataURL("image/png");
    state.lastExport = { kind: "png", url: url, width: canvas.width, height: canvas.height };
    download(url, fileName("png"));
  }

  function xml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&apos;");
  }
  function colourOf(spec, key, fallback) {
    if (!spec) { return fallback; }
    if (typeof spec === "string") { return spec; }
    return spec[key] || spec.color || spec.background || fallback;
  }
  function exportSvg() {
    var shown = nodes.get({ filter: function (n) { return !n.hidden; } });
    var ids = shown.map(function (n) { return n.id; });
    var at = network.getPositions(ids);
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    shown.forEach(function (n) {
      var p = at[n.id], r = (n.size || 10) + 4, half = Math.max(r, 7 * String(n.label || "").length);
      minX = Math.min(minX, p.x - half); maxX = Math.max(maxX, p.x + half);
      minY = Math.min(minY, p.y - r); maxY = Math.max(maxY, p.y + r + 22);
    });
    if (!shown.length) { minX = minY = 0; maxX = maxY = 100; }
    var pad = 20, top = 40;
    var width = Math.ceil(maxX - minX + 2 * pad), height = Math.ceil(maxY - minY + 2 * pad + top);
    var dx = pad - minX, dy = pad + top - minY;
    var font = xml(data.font || "sans-serif");
    var out = ['<svg xmlns="http://www.w3.org/2000/svg" width="' + width + '" height="' + height +
               '" viewBox="0 0 ' + width + " " + height + '" font-family="' + font + '">',
               "<title>" + xml(data.title || "") + "</title>",
               '<rect width="100%" height="100%" fill="#ffffff"/>',
               '<text x="' + pad + '" y="26" font-size="18" fill="#1b2430">' + xml(data.title || "") + "</text>",
               '<g class="edges">'];
    edges.get({ filter: function (e) { return !e.hidden; } }).forEach(function (e) {
      var a = at[e.from], b = at[e.to];
      if (!a || !b) { return; }
      var dash = Array.isArray(e.dashes) ? ' stroke-dasharray="' + e.dashes.join(" ") + '"' : "";
      out.push('<line x1="' + (a.x + dx).toFixed(1) + '" y1="' + (a.y + dy).toFixed(1) + '" x2="' +
               (b.x + dx).toFixed(1) + '" y2="' + (b.y + dy).toFixed(1) + '" stroke="' +
               xml(colourOf(originalEdges[e.id], "color", "#8fa3bf")) + '" stroke-width="' + (e.width || 1) +
               '" stroke-opacity="0.8"' + dash + "/>");
    });
    out.push('</g><g class="nodes">');
    shown.forEach(function (n) {
      var p = at[n.id], x = p.x + dx, y = p.y + dy, r = n.size || 10;
      var colour = originalNodes[n.id].color || {};
      var fill = xml(colourOf(colour, "background", "#97c2fc")), stroke = xml(colourOf(colour, "border", "#2b7ce9"));
      var shape;
      if (n.shape === "square") {
        shape = '<rect x="' + (x - r).toFixed(1) + '" y="' + (y - r).toFixed(1) + '" width="' + 2 * r + '" height="' + 2 * r + '"';
      } else if (n.shape === "diamond") {
        shape = '<polygon points="' + [[x, y - r], [x + r, y], [x, y + r], [x - r, y]].map(function (q) {
          return q[0].toFixed(1) + "," + q[1].toFixed(1); }).join(" ") + '"';
      } else {
        shape = '<circle cx="' + x.toFixed(1) + '" cy="' + y.toFixed(1) + '" r="' + r + '"';
      }
      var fontSize = (n.font && n.font.size) || 14;
      out.push('<g class="node">' + shape + ' fill="' + fill + '" stroke="' + stroke + '"/>' +
               '<text x="' + x.toFixed(1) + '" y="' + (y + r + fontSize).toFixed(1) + '" font-size="' + fontSize +
               '" text-anchor="middle" fill="#1b2430">' + xml(n.label || "") + "</text></g>");
    });
    out.push("</g></svg>");
    var text = out.join("\n");
    var url = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(text);
    state.lastExport = { kind: "svg", text: text, url: url, nodes: shown.length };
    download(url, fileName("svg"));
  }
  byId("pg-png").addEventListener("click", exportPng);
  byId("pg-svg").addEventListener("click", exportSvg);
})();
