/* briefgraph report viewer.
 *
 * The graph is drawn by the bundled graph view (window.BriefgraphGraph, docs/GRAPH-VIEW.md), which
 * lays the actors out itself; this script feeds it the relations and fills the actor panel, the
 * list of actors without ties and the relations table from the data in <script id="bg-data">:
 *   actors[i]    = {id, name, type, aliases, attributes, degree, camp, pressure, explanation}
 *   edges[j]     = [source index, target index, sign, weight, style (0 factual, 1 uncertain, 2 unreal)]
 *   relations[k] = [source index, target index, type, sign, status, [[doc index, mark id, text], ...],
 *                   drawn (0/1), status weight, confidence in [0, 1](, evidence sentences left out)]
 *   docs[d]      = {title, path, date}: the documents section (whole texts, or excerpts past the bound)
 * Every text from a brief reaches the page through textContent or the graph's canvas, never as HTML.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("bg-data").textContent);
  var actors = data.actors, edges = data.edges, relations = data.relations, docs = data.docs;

  var TYPE_COLOURS = {
    state: "#3366cc", armed_group: "#aa3377", organization: "#228833", igo: "#1b9e9e",
    person: "#c99a06", collective: "#ee6677", ethnic_group: "#8c6d31", place: "#7f7f7f", unknown: "#555555"
  };
  var CAMP_COLOURS = ["#1f77b4", "#ff7f0e"];
  var NO_CAMP = "#b0b0b0";
  var TABLE_LIMIT = 300;
  var TIES_LIMIT = 40;  // ties shown at once in the panel; a button shows the rest

  var api = window.briefgraph = {
    actorCount: actors.length, edgeCount: edges.length, drawnNodes: 0, drawnEdges: 0,
    firstDrawMs: null, lastSelectMs: null, selected: null, view: null
  };

  var state = { colourBy: "type", selectStarted: null };
  var panel = document.getElementById("panel");
  var container = document.getElementById("graph");

  /* ---------- indexes ---------- */

  var byId = {};
  actors.forEach(function (a, i) { byId[a.id] = i; });

  var edgesOf = actors.map(function () { return []; });
  edges.forEach(function (e, j) { edgesOf[e[0]].push(j); edgesOf[e[1]].push(j); });

  var relationsOf = actors.map(function () { return []; });
  relations.forEach(function (r, k) {
    relationsOf[r[0]].push(k);
    if (r[1] !== r[0]) { relationsOf[r[1]].push(k); }
  });

  /* ---------- the graph view ---------- */

  function evidenceDates(r) {
    var dates = [];
    r[5].forEach(function (ev) { if (ev[0] >= 0 && docs[ev[0]].date) { dates.push(docs[ev[0]].date); } });
    return dates;
  }

  function graphData() {
    var nodes = actors.map(function (a) {
      return { id: a.id, label: a.name, type: a.type, degree: a.degree, camp: a.camp };
    });
    var links = [];
    relations.forEach(function (r, k) {
      if (!r[6]) { return; }
      links.push({ id: "r" + k, source: actors[r[0]].id, target: actors[r[1]].id, type: r[2], sign: r[3],
        status: r[4], weight: r[7], confidence: r[8], dates: evidenceDates(r) });
    });
    return { nodes: nodes, edges: links };
  }

  var view = null;
  function mountGraph() {
    try {
      view = window.BriefgraphGraph.mount(container, graphData(), { colourBy: state.colourBy });
    } catch (err) {  // no WebGL, for instance: the rest of the report still works
      container.textContent = "";
      container.appendChild(el("p", "graph-error", "The graph cannot be drawn in this browser: " + err.message));
      return;
    }
    api.view = view;
    view.on("render", function () {
      api.drawnNodes = view.visibleNodes();
      api.drawnEdges = view.visibleEdges();
      container.setAttribute("data-drawn-nodes", String(api.drawnNodes));
      if (api.firstDrawMs === null) { api.firstDrawMs = view.firstDrawMs(); }
      if (state.selectStarted !== null) {  // from the click (or call) to the panel filled and the graph redrawn
        api.lastSelectMs = window.performance.now() - state.selectStarted;
        state.selectStarted = null;
      }
    });
    view.on("select", function (id) {
      if (id === null) { api.selected = null; return; }
      if (api.selected !== id) { select(byId[id], false); }
    });
    view.sigma.refresh();
  }

  function listIsolated() {
    if (!view) { return; }
    var ids = view.isolated();
    if (!ids.length) { return; }
    var list = document.getElementById("isolated-list");
    ids.map(function (id) { return byId[id]; })
      .sort(function (a, b) { return actors[a].name.localeCompare(actors[b].name); })
      .forEach(function (i) { list.appendChild(actorButton(i)); });
    document.getElementById("isolated-count").textContent = String(ids.length);
    document.getElementById("isolated").hidden = false;
  }

  document.getElementById("zoom-in").addEventListener("click", function () { if (view) { view.zoom(1.5); } });
  document.getElementById("zoom-out").addEventListener("click", function () { if (view) { view.zoom(1 / 1.5); } });
  document.getElementById("zoom-fit").addEventListener("click", function () { if (view) { view.fit(); } });
  document.getElementById("colour-by").addEventListener("change", function (ev) {
    state.colourBy = ev.target.value;
    if (view) { view.setColourBy(state.colourBy); }
    legendNodes();
  });
  var signFilter = document.getElementById("graph-sign");
  var confidenceFilter = document.getElementById("graph-confidence");
  function filterGraph() {
    var min = Number(confidenceFilter.value);
    document.getElementById("graph-confidence-value").textContent = min.toFixed(2);
    if (view) { view.setFilter({ signs: signFilter.value === "" ? null : [signFilter.value], minConfidence: min }); }
  }
  signFilter.addEventListener("change", filterGraph);
  confidenceFilter.addEventListener("input", filterGraph);

  container.addEventListener("keydown", function (ev) {
    if (!view) { return; }
    if (ev.key === "+" || ev.key === "=") { view.zoom(1.5); }
    else if (ev.key === "-") { view.zoom(1 / 1.5); }
    else if (ev.key === "Escape") { view.select(null); }
  });

  /* ---------- the actor panel ---------- */

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function signText(sign) { return sign > 0 ? "+" : sign < 0 ? "\u2212" : "0"; }
  function signClass(sign) { return sign > 0 ? "pos" : sign < 0 ? "neg" : "zero"; }

  function showMark(id) {
    var mark = id && document.getElementById(id);
    if (!mark) { return; }
    // Off-screen sections skip layout (content-visibility) and would change height under a jump,
    // landing it short: lay everything out for good before the first jump.
    document.body.classList.add("laid-out");
    mark.scrollIntoView({ block: "center", behavior: "smooth" });
    mark.classList.add("flash");
    window.setTimeout(function () { mark.classList.remove("flash"); }, 1600);
  }

  function evidenceList(r) {
    var list = el("ul", "evidence");
    r[5].forEach(function (ev) {
      var item = el("li");
      var quote = el(ev[1] ? "button" : "span", "quote", ev[2]);
      if (ev[1]) {
        quote.type = "button";
        quote.title = "Show in the source text";
        quote.addEventListener("click", function () { showMark(ev[1]); });
      }
      item.appendChild(quote);
      list.appendChild(item);
    });
    if (r[9]) {  // the report's bound on sentences per relation cut these
      list.appendChild(el("li", "left-out", "and " + r[9] + " more sentence" + (r[9] === 1 ? "" : "s") +
        " not listed here"));
    }
    return list;
  }

  function relationLine(k) {
    var r = relations[k];
    var line = el("div", "relation");
    line.appendChild(el("span", "rel-head",
      actors[r[0]].name + " " + r[2] + " " + actors[r[1]].name));
    line.appendChild(el("span", "badge " + signClass(r[3]), signText(r[3])));
    line.appendChild(el("span", "badge status", r[4]));
    if (r[8] < 1) { line.appendChild(el("span", "badge confidence", "confidence " + r[8].toFixed(2))); }
    line.appendChild(evidenceList(r));
    return line;
  }

  function actorButton(i) {
    var b = el("button", "actor-link", actors[i].name);
    b.type = "button";
    b.addEventListener("click", function () { select(i, true); });
    return b;
  }

  function tiesSection(i, all) {
    var byOther = {};
    relationsOf[i].forEach(function (k) {
      var r = relations[k], other = r[0] === i ? r[1] : r[0];
      (byOther[other] = byOther[other] || []).push(k);
    });
    var signOf = {};
    edgesOf[i].forEach(function (j) { var e = edges[j]; signOf[e[0] === i ? e[1] : e[0]] = e; });
    var others = Object.keys(byOther).map(Number).sort(function (a, b) {
      return ((signOf[b] || [0, 0, 0, 0])[3]) - ((signOf[a] || [0, 0, 0, 0])[3]);
    });
    var box = el("div", "ties");
    box.appendChild(el("h3", null, "Ties (" + others.length + ")"));
    var shown = all ? others : others.slice(0, TIES_LIMIT);
    shown.forEach(function (o) {
      var tie = el("div", "tie-block");
      var head = el("div", "tie-head");
      var e = signOf[o];
      head.appendChild(el("span", "badge " + signClass(e ? e[2] : 0), signText(e ? e[2] : 0)));
      head.appendChild(actorButton(o));
      if (e) { head.appendChild(el("span", "weight", "weight " + e[3])); }
      tie.appendChild(head);
      byOther[o].forEach(function (k) { tie.appendChild(relationLine(k)); });
      box.appendChild(tie);
    });
    if (shown.length < others.length) {
      var more = el("button", "more", "Show all " + others.length + " ties");
      more.type = "button";
      more.addEventListener("click", function () { box.replaceWith(tiesSection(i, true)); });
      box.appendChild(more);
    }
    return box;
  }

  function renderPanel(i) {
    var a = actors[i];
    panel.textContent = "";
    panel.appendChild(el("h2", "actor-name", a.name));
    var camp = a.camp === null || a.camp === undefined ? "no signed tie" : "camp " + "AB"[a.camp];
    panel.appendChild(el("p", "meta", a.type.replace("_", " ") + " \u00b7 " + camp +
      " \u00b7 weighted degree " + a.degree));
    if (a.aliases.length) { panel.appendChild(el("p", "aliases", "Also: " + a.aliases.join(", "))); }
    Object.keys(a.attributes).forEach(function (k) {
      panel.appendChild(el("p", "attribute", k.replace("_", " ") + ": " + a.attributes[k]));
    });
    if (a.pressure > 0) {
      var p = el("p", "pressure");
      p.appendChild(el("strong", null, "Cross-pressure " + a.pressure.toFixed(2) + ". "));
      p.appendChild(document.createTextNode(a.explanation));
      panel.appendChild(p);
    }
    panel.appendChild(tiesSection(i));
  }

  function select(i, centre, started) {
    state.selectStarted = started !== undefined ? started : window.performance.now();
    api.selected = actors[i].id;
    renderPanel(i);
    if (view) {
      if (centre) { view.focus(actors[i].id); } else if (view.selected() !== actors[i].id) { view.select(actors[i].id); }
    }
  }

  api.select = function (id) {
    var i = byId[id];
    if (i === undefined) { return false; }
    select(i, true);
    return true;
  };
  api.screenPosition = function (id) { return view ? view.screenPosition(id) : null; };
  api.labelBoxes = function () { return view ? view.labelBoxes() : []; };

  Array.prototype.forEach.call(document.querySelectorAll(".actor-link[data-actor]"), function (b) {
    b.addEventListener("click", function () {
      var i = byId[b.getAttribute("data-actor")];
      if (i !== undefined) {
        select(i, true);
        document.getElementById("graph-section").scrollIntoView({ behavior: "smooth" });
      }
    });
  });

  /* ---------- search ---------- */

  function initSearch() {
    var input = document.getElementById("actor-search");
    var list = document.getElementById("actor-names");
    var byName = {};
    actors.forEach(function (a, i) {
      [a.name].concat(a.aliases).forEach(function (n) { byName[n.toLowerCase()] = i; });
      var option = document.createElement("option");
      option.value = a.name;
      list.appendChild(option);
    });
    input.addEventListener("input", function () {
      var i = byName[input.value.trim().toLowerCase()];
      if (i !== undefined) { select(i, true); }
    });
  }

  /* ---------- relations table ---------- */

  function initTable() {
    var body = document.querySelector("#rel-table tbody");
    var text = document.getElementById("rel-filter");
    var sign = document.getElementById("rel-sign");
    var status = document.getElementById("rel-status");
    var count = document.getElementById("rel-count");
    var haystack = relations.map(function (r) {
      return [actors[r[0]].name, r[2], actors[r[1]].name, r[4]]
        .concat(r[5].map(function (e) { return e[2]; })).join(" ").toLowerCase();
    });

    function row(k) {
      var r = relations[k], tr = el("tr");
      var src = el("td"); src.appendChild(actorButton(r[0])); tr.appendChild(src);
      tr.appendChild(el("td", null, r[2]));
      var tgt = el("td"); tgt.appendChild(actorButton(r[1])); tr.appendChild(tgt);
      tr.appendChild(el("td", signClass(r[3]), signText(r[3])));
      tr.appendChild(el("td", null, r[4]));
      var ev = el("td"); ev.appendChild(evidenceList(r)); tr.appendChild(ev);
      return tr;
    }

    function render() {
      var q = text.value.trim().toLowerCase(), s = sign.value, st = status.value;
      var hits = [];
      for (var k = 0; k < relations.length; k++) {
        var r = relations[k];
        if (s !== "" && String(r[3]) !== s) { continue; }
        if (st !== "" && r[4] !== st) { continue; }
        if (q && haystack[k].indexOf(q) < 0) { continue; }
        hits.push(k);
      }
      var frag = document.createDocumentFragment();
      hits.slice(0, TABLE_LIMIT).forEach(function (k) { frag.appendChild(row(k)); });
      body.textContent = "";
      body.appendChild(frag);
      count.textContent = hits.length > TABLE_LIMIT
        ? "showing " + TABLE_LIMIT + " of " + hits.length + " matching relations"
        : hits.length + " matching relation" + (hits.length === 1 ? "" : "s");
    }

    var timer = null;
    function later() { window.clearTimeout(timer); timer = window.setTimeout(render, 150); }
    text.addEventListener("input", later);
    sign.addEventListener("change", render);
    status.addEventListener("change", render);
    render();
  }

  /* ---------- legend ---------- */

  function legendNodes() {
    var box = document.getElementById("legend-nodes");
    box.textContent = "";
    var entries = state.colourBy === "camp"
      ? [["camp A", CAMP_COLOURS[0]], ["camp B", CAMP_COLOURS[1]], ["no signed tie", NO_CAMP]]
      : Object.keys(TYPE_COLOURS).filter(function (t) {
          return actors.some(function (a) { return a.type === t; });
        }).map(function (t) { return [t.replace("_", " "), TYPE_COLOURS[t]]; });
    entries.forEach(function (entry) {
      var item = el("span", "node-key");
      var dot = el("i", "dot");
      dot.style.background = entry[1];
      item.appendChild(dot);
      item.appendChild(document.createTextNode(entry[0]));
      box.appendChild(item);
    });
  }

  // The graph first, then everything that is not on screen yet.
  mountGraph();
  listIsolated();
  legendNodes();
  initSearch();
  initTable();
})();
