/* briefgraph report viewer.
 *
 * Draws the layout computed in Python on one canvas (no layout in the browser), with pan, zoom
 * and click-to-select, and fills the actor panel and the relations table from the data in
 * <script id="bg-data">:
 *   actors[i]    = {id, name, type, aliases, attributes, x, y, degree, camp, pressure, explanation}
 *   edges[j]     = [source index, target index, sign, weight, style (0 factual, 1 uncertain, 2 unreal)]
 *   relations[k] = [source index, target index, type, sign, status, [[doc index, mark id, text], ...]]
 * Edges are drawn in batches (one stroke per colour, dash and width), so 10,000 edges cost a
 * few dozen strokes per frame.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("bg-data").textContent);
  var actors = data.actors, edges = data.edges, relations = data.relations;

  var WORLD = 500;
  var SIGN_COLOURS = { "1": "#2e8b57", "-1": "#c0392b", "0": "#9a9a9a" };
  var DASHES = [[], [7, 4], [1.5, 3.5]];
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
    firstDrawMs: null, lastSelectMs: null, selected: null
  };

  var view = { scale: 1, tx: 0, ty: 0, width: 0, height: 0, dpr: 1 };
  var state = { selected: -1, colourBy: "type", pending: false, selectStarted: null };

  var canvas = document.getElementById("graph");
  var ctx = canvas.getContext("2d");
  var panel = document.getElementById("panel");

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

  var SMALL = actors.length <= 200;
  function radius(i) {
    var d = Math.sqrt(actors[i].degree || 0);
    return SMALL ? Math.min(3 + 2 * d, 16) : Math.min(2 + 0.5 * d, 9);
  }
  function edgeWidth(weight) { return Math.round(2 * Math.min(1 + weight, 6)) / 2; }

  var edgeGroups = (function () {
    var groups = {};
    edges.forEach(function (e, j) {
      var key = e[2] + "|" + e[4] + "|" + edgeWidth(e[3]);
      (groups[key] = groups[key] || { sign: e[2], style: e[4], width: edgeWidth(e[3]), members: [] }).members.push(j);
    });
    return Object.keys(groups).map(function (k) { return groups[k]; });
  })();

  var labelOrder = actors.map(function (_, i) { return i; })
    .sort(function (a, b) { return (actors[b].degree || 0) - (actors[a].degree || 0); });

  /* ---------- view ---------- */

  function px(i) { return actors[i].x * WORLD * view.scale + view.tx; }
  function py(i) { return actors[i].y * WORLD * view.scale + view.ty; }

  function resize() {
    view.dpr = window.devicePixelRatio || 1;
    view.width = canvas.clientWidth;
    view.height = canvas.clientHeight;
    canvas.width = Math.round(view.width * view.dpr);
    canvas.height = Math.round(view.height * view.dpr);
    schedule();
  }

  // The box that "Fit" shows: all actors in small graphs; in large ones the 2nd to 98th
  // percentile, so a few far-flung actors do not shrink the rest to a blot.
  var bounds = (function () {
    if (!actors.length) { return { x0: -WORLD, y0: -WORLD, x1: WORLD, y1: WORLD }; }
    var trim = actors.length > 100 ? 0.02 : 0;
    function range(key) {
      var v = actors.map(function (a) { return a[key] * WORLD; }).sort(function (a, b) { return a - b; });
      var k = Math.floor(trim * (v.length - 1));
      return [v[k], v[v.length - 1 - k]];
    }
    var xs = range("x"), ys = range("y");
    return { x0: xs[0], x1: xs[1], y0: ys[0], y1: ys[1] };
  })();

  function fitScale() {
    var w = Math.max(bounds.x1 - bounds.x0, 1), h = Math.max(bounds.y1 - bounds.y0, 1);
    var s = Math.min((view.width - 180) / w, (view.height - 50) / h);
    return s > 0 && isFinite(s) ? Math.min(s, 4) : 1;
  }

  function fit() {
    view.scale = fitScale();
    view.tx = view.width / 2 - (bounds.x0 + bounds.x1) / 2 * view.scale - 40;
    view.ty = view.height / 2 - (bounds.y0 + bounds.y1) / 2 * view.scale;
    schedule();
  }

  function zoomAt(factor, sx, sy) {
    var next = Math.max(0.05, Math.min(view.scale * factor, 80));
    factor = next / view.scale;
    view.tx = sx - (sx - view.tx) * factor;
    view.ty = sy - (sy - view.ty) * factor;
    view.scale = next;
    schedule();
  }

  function centreOn(i) {
    view.tx = view.width / 2 - actors[i].x * WORLD * view.scale;
    view.ty = view.height / 2 - actors[i].y * WORLD * view.scale;
    schedule();
  }

  /* ---------- drawing ---------- */

  function schedule() {
    if (!state.pending) {
      state.pending = true;
      window.requestAnimationFrame(draw);
    }
  }

  function nodeColour(i) {
    if (state.colourBy === "camp") {
      var c = actors[i].camp;
      return c === null || c === undefined ? NO_CAMP : CAMP_COLOURS[c];
    }
    return TYPE_COLOURS[actors[i].type] || TYPE_COLOURS.unknown;
  }

  function strokeEdges(list, colour, style, width, alpha) {
    ctx.beginPath();
    for (var n = 0; n < list.length; n++) {
      var e = edges[list[n]];
      ctx.moveTo(actors[e[0]].x * WORLD, actors[e[0]].y * WORLD);
      ctx.lineTo(actors[e[1]].x * WORLD, actors[e[1]].y * WORLD);
    }
    ctx.globalAlpha = alpha;
    ctx.strokeStyle = colour;
    ctx.lineWidth = width / view.scale;
    ctx.setLineDash(DASHES[style].map(function (d) { return d / view.scale; }));
    ctx.stroke();
  }

  function drawEdges() {
    var dim = state.selected >= 0;
    edgeGroups.forEach(function (g) {
      strokeEdges(g.members, SIGN_COLOURS[g.sign], g.style, g.width, dim ? 0.15 : 0.7);
    });
    if (dim) {
      var own = {};
      edgesOf[state.selected].forEach(function (j) {
        var e = edges[j], key = e[2] + "|" + e[4] + "|" + edgeWidth(e[3]);
        (own[key] = own[key] || { sign: e[2], style: e[4], width: edgeWidth(e[3]), members: [] }).members.push(j);
      });
      Object.keys(own).forEach(function (k) {
        var g = own[k];
        strokeEdges(g.members, SIGN_COLOURS[g.sign], g.style, g.width + 1, 1);
      });
    }
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
  }

  function drawNodes() {
    var byColour = {};
    for (var i = 0; i < actors.length; i++) {
      var c = nodeColour(i);
      (byColour[c] = byColour[c] || []).push(i);
    }
    Object.keys(byColour).forEach(function (colour) {
      ctx.beginPath();
      byColour[colour].forEach(function (i) {
        var x = actors[i].x * WORLD, y = actors[i].y * WORLD, r = radius(i) / view.scale;
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, 2 * Math.PI);
      });
      ctx.fillStyle = colour;
      ctx.fill();
    });
    if (state.selected >= 0) {
      var s = state.selected;
      ctx.beginPath();
      ctx.arc(actors[s].x * WORLD, actors[s].y * WORLD, (radius(s) + 4) / view.scale, 0, 2 * Math.PI);
      ctx.lineWidth = 3 / view.scale;
      ctx.strokeStyle = "#111";
      ctx.stroke();
    }
    return actors.length;
  }

  function labelSet() {
    var shown = {}, budget = Math.round(12 * Math.max(1, view.scale / baseScale()));
    labelOrder.slice(0, budget).forEach(function (i) { shown[i] = true; });
    if (state.selected >= 0) {
      shown[state.selected] = true;
      edgesOf[state.selected].slice().sort(function (a, b) { return edges[b][3] - edges[a][3]; })
        .slice(0, 25).forEach(function (j) { shown[edges[j][0]] = true; shown[edges[j][1]] = true; });
    }
    return Object.keys(shown).map(Number);
  }

  function baseScale() { return fitScale(); }

  function drawLabels() {
    ctx.setTransform(view.dpr, 0, 0, view.dpr, 0, 0);
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(255,255,255,0.9)";
    ctx.fillStyle = "#111";
    labelSet().forEach(function (i) {
      var x = px(i) + radius(i) + 3, y = py(i);
      if (x < -200 || x > view.width + 10 || y < -10 || y > view.height + 10) { return; }
      ctx.strokeText(actors[i].name, x, y);
      ctx.fillText(actors[i].name, x, y);
    });
  }

  function draw() {
    state.pending = false;
    ctx.setTransform(view.dpr, 0, 0, view.dpr, 0, 0);
    ctx.clearRect(0, 0, view.width, view.height);
    ctx.setTransform(view.dpr * view.scale, 0, 0, view.dpr * view.scale, view.dpr * view.tx, view.dpr * view.ty);
    drawEdges();
    api.drawnNodes = drawNodes();
    api.drawnEdges = edges.length;
    drawLabels();
    canvas.setAttribute("data-drawn-nodes", String(api.drawnNodes));
    if (api.firstDrawMs === null) { api.firstDrawMs = window.performance.now(); }
    if (state.selectStarted !== null) {  // from the click (or call) to the panel filled and the canvas redrawn
      api.lastSelectMs = window.performance.now() - state.selectStarted;
      state.selectStarted = null;
    }
  }

  /* ---------- picking and input ---------- */

  function pick(sx, sy) {
    var best = -1, bestD = Infinity;
    for (var i = 0; i < actors.length; i++) {
      var dx = px(i) - sx, dy = py(i) - sy, d = dx * dx + dy * dy, r = radius(i) + 4;
      if (d <= r * r && d < bestD) { best = i; bestD = d; }
    }
    return best;
  }

  function local(ev) {
    var rect = canvas.getBoundingClientRect();
    return [ev.clientX - rect.left, ev.clientY - rect.top];
  }

  var drag = null;
  canvas.addEventListener("pointerdown", function (ev) {
    var p = local(ev);
    drag = { x: p[0], y: p[1], tx: view.tx, ty: view.ty, moved: false, start: ev.timeStamp };
    canvas.setPointerCapture(ev.pointerId);
  });
  canvas.addEventListener("pointermove", function (ev) {
    if (!drag) { return; }
    var p = local(ev), dx = p[0] - drag.x, dy = p[1] - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; }
    if (drag.moved) {
      view.tx = drag.tx + dx;
      view.ty = drag.ty + dy;
      schedule();
    }
  });
  canvas.addEventListener("pointerup", function (ev) {
    if (drag && !drag.moved) {
      var p = local(ev), i = pick(p[0], p[1]);
      if (i >= 0) { select(i, false, ev.timeStamp); } else { deselect(); }
    }
    drag = null;
  });
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var p = local(ev);
    zoomAt(Math.exp(-ev.deltaY * 0.0015), p[0], p[1]);
  }, { passive: false });
  canvas.addEventListener("keydown", function (ev) {
    if (ev.key === "+" || ev.key === "=") { zoomAt(1.25, view.width / 2, view.height / 2); }
    else if (ev.key === "-") { zoomAt(0.8, view.width / 2, view.height / 2); }
    else if (ev.key === "Escape") { deselect(); }
  });

  document.getElementById("zoom-in").addEventListener("click", function () { zoomAt(1.25, view.width / 2, view.height / 2); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomAt(0.8, view.width / 2, view.height / 2); });
  document.getElementById("zoom-fit").addEventListener("click", fit);
  document.getElementById("colour-by").addEventListener("change", function (ev) {
    state.colourBy = ev.target.value;
    legendNodes();
    schedule();
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
    mark.scrollIntoView({ block: "center", behavior: "smooth" });
    mark.classList.add("flash");
    window.setTimeout(function () { mark.classList.remove("flash"); }, 1600);
  }

  function evidenceList(evidence) {
    var list = el("ul", "evidence");
    evidence.forEach(function (ev) {
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
    return list;
  }

  function relationLine(k) {
    var r = relations[k];
    var line = el("div", "relation");
    line.appendChild(el("span", "rel-head",
      actors[r[0]].name + " " + r[2] + " " + actors[r[1]].name));
    line.appendChild(el("span", "badge " + signClass(r[3]), signText(r[3])));
    line.appendChild(el("span", "badge status", r[4]));
    line.appendChild(evidenceList(r[5]));
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
    state.selected = i;
    api.selected = actors[i].id;
    renderPanel(i);
    if (centre) { centreOn(i); }
    schedule();
  }

  function deselect() {
    state.selected = -1;
    api.selected = null;
    schedule();
  }

  api.select = function (id) {
    var i = byId[id];
    if (i === undefined) { return false; }
    select(i, true);
    return true;
  };
  api.screenPosition = function (id) {
    var i = byId[id], rect = canvas.getBoundingClientRect();
    return i === undefined ? null : { x: rect.left + px(i), y: rect.top + py(i) };
  };

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
      var ev = el("td"); ev.appendChild(evidenceList(r[5])); tr.appendChild(ev);
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
  window.addEventListener("resize", function () { resize(); });
  resize();
  fit();
  draw();
  legendNodes();
  initSearch();
  initTable();
})();
