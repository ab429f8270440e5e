// policygraph map page: draws the network from the JSON block, search box, neighbour highlighting.
// Document texts arrive as JSON data and are only ever set as text (labels on the canvas,
// tooltips as plain strings, <option>.value), never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("pg-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("pg-network"), { nodes: nodes, edges: edges }, data.options);

  // Read by tests and the benchmark: what is on the page, when it first drew, the vis objects.
  var state = { nodeCount: nodes.length, edgeCount: edges.length, drawn: false, drawnAt: null,
                network: network, nodes: nodes, dimmed: 0 };
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

  // Search: one <option> per node, filled through .value so names stay text.
  var list = document.getElementById("pg-node-list");
  var byText = {};
  data.search.forEach(function (entry) {
    var option = document.createElement("option");
    option.value = entry[1];
    list.appendChild(option);
    byText[entry[1]] = entry[0];
  });
  var input = document.getElementById("pg-search");
  function find() {
    var id = byText[input.value];
    if (id === undefined) { return; }
    network.selectNodes([id]);
    highlight(id);
    network.focus(id, { scale: 1.4, animation: false });
  }
  input.addEventListener("change", find);
  input.addEventListener("keydown", function (event) { if (event.key === "Enter") { find(); } });
  document.getElementById("pg-reset").addEventListener("click", function () {
    input.value = "";
    network.unselectAll();
    reset();
    network.fit({ animation: false });
  });
})();
