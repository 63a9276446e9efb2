// mount(element, data, options): the actor graph drawn by sigma.js in `element`.
// See docs/GRAPH-VIEW.md for the data, the options and the returned object.
import Graph from "graphology";
import Sigma from "sigma";

import { LabelPlacer } from "./labels.js";
import { runLayout, seedPositions } from "./layout.js";
import { edgeColour, edgeSize, FADED, nodeColour, nodeSize } from "./style.js";
import { ties } from "./ties.js";

const LABEL_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

function checkData(data) {
  if (!data || !Array.isArray(data.nodes) || !Array.isArray(data.edges)) {
    throw new TypeError("BriefgraphGraph.mount: data must be {nodes: [...], edges: [...]}");
  }
}

// The actors with at least one relation to another actor; the rest are listed apart.
function connectedIds(data) {
  const ids = new Set(data.nodes.map((n) => n.id)), connected = new Set();
  for (const e of data.edges) {
    if (e.source !== e.target && ids.has(e.source) && ids.has(e.target)) {
      connected.add(e.source);
      connected.add(e.target);
    }
  }
  return connected;
}

function buildGraph(data, connected) {
  const graph = new Graph({ type: "undirected" });
  const order = connected.size;
  for (const n of data.nodes) {
    if (!connected.has(n.id)) { continue; }
    graph.addNode(n.id, { label: n.label, size: nodeSize(n.degree, order), node: n });
  }
  return graph;
}

export function mount(element, data, options) {
  checkData(data);
  options = Object.assign({ colourBy: "type", layoutMs: 3000, seed: 1, labelSize: 13 }, options || {});
  const listeners = { select: [], layout: [], render: [] };
  const emit = (name, value) => listeners[name].forEach((fn) => fn(value));
  const nodesById = new Map(data.nodes.map((n) => [n.id, n]));
  const relations = data.edges.filter((e) => nodesById.has(e.source) && nodesById.has(e.target));
  const connected = connectedIds(data);
  const graph = buildGraph(data, connected);
  const state = { filter: {}, selected: null, colourBy: options.colourBy, neighbours: new Set(),
    layoutDone: false, firstDrawMs: null, visibleNodes: 0 };
  seedPositions(graph, options.seed);

  function applyTies() {
    graph.clearEdges();
    const found = ties(relations, state.filter);
    const linked = new Set();
    for (const [key, t] of found) {
      if (!graph.hasNode(t.source) || !graph.hasNode(t.target)) { continue; }
      graph.addUndirectedEdgeWithKey(key, t.source, t.target, Object.assign({}, t.tie, {
        size: edgeSize(t.tie.strength), color: edgeColour(t.tie.sign, t.tie.style),
        layoutWeight: Math.max(t.tie.strength, 0.1),  // how hard ForceAtlas2 pulls the pair together
      }));
      linked.add(t.source);
      linked.add(t.target);
    }
    let visible = 0;
    graph.forEachNode((node) => {
      const hidden = !linked.has(node);
      graph.setNodeAttribute(node, "hidden", hidden);
      if (!hidden) { visible += 1; }
    });
    state.visibleNodes = visible;
  }
  applyTies();

  const placer = new LabelPlacer();
  const renderer = new Sigma(graph, element, {
    labelFont: LABEL_FONT, labelSize: options.labelSize, labelWeight: "500",
    // Many candidates per grid cell in small graphs: the placer, not the grid, decides what fits.
    labelDensity: graph.order <= 300 ? 4 : 1, labelGridCellSize: graph.order <= 300 ? 40 : 60,
    labelRenderedSizeThreshold: 3,
    defaultDrawNodeLabel: (ctx, d, s) => placer.collect(ctx, d, s),
    renderEdgeLabels: false, hideEdgesOnMove: graph.size > 3000, zIndex: true,
    minCameraRatio: 0.02, maxCameraRatio: 8, stagePadding: 40,
    nodeReducer: (node, attrs) => nodeLook(node, attrs),
    edgeReducer: (edge, attrs) => edgeLook(edge, attrs),
  });

  function nodeLook(node, attrs) {
    const out = Object.assign({}, attrs, { color: nodeColour(attrs.node, state.colourBy) });
    if (isDrawn(state.selected)) {  // an actor without drawn ties greys nothing out
      if (node === state.selected) {
        Object.assign(out, { highlighted: true, zIndex: 2, labelPriority: 2, forceLabel: true });
      } else if (state.neighbours.has(node)) {
        Object.assign(out, { zIndex: 1, labelPriority: 1, forceLabel: true });
      } else {
        Object.assign(out, { color: FADED, label: null, zIndex: 0 });
      }
    }
    return out;
  }

  function edgeLook(edge, attrs) {
    if (!isDrawn(state.selected)) { return attrs; }
    const ends = graph.extremities(edge);
    if (ends[0] === state.selected || ends[1] === state.selected) {
      return Object.assign({}, attrs, { zIndex: 1, size: attrs.size + 1 });
    }
    return Object.assign({}, attrs, { color: "rgba(200,200,200,0.25)", zIndex: 0 });
  }

  renderer.on("beforeRender", () => placer.reset());
  // The drawn actors' discs as boxes in viewport pixels: labels must not cover them.
  function discs() {
    const out = [];
    graph.forEachNode((node, attrs) => {
      if (attrs.hidden) { return; }
      const d = renderer.getNodeDisplayData(node);
      if (!d) { return; }
      const p = renderer.framedGraphToViewport(d), r = renderer.scaleSize(d.size);
      out.push({ id: node, disc: true, x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r });
    });
    return out;
  }

  renderer.on("afterRender", () => {
    placer.place(discs(), renderer.getDimensions().width);
    if (state.firstDrawMs === null) { state.firstDrawMs = performance.now(); }
    emit("render", view);
  });

  function isDrawn(node) {
    return node !== null && graph.hasNode(node) && !graph.getNodeAttribute(node, "hidden");
  }

  function neighboursOf(node) {
    return new Set(graph.hasNode(node) ? graph.neighbors(node) : []);
  }

  function select(id, centre) {
    state.selected = id && nodesById.has(id) ? id : null;
    state.neighbours = state.selected ? neighboursOf(state.selected) : new Set();
    emit("select", state.selected);  // before the redraw, so listeners can time it
    renderer.refresh({ skipIndexation: true });
    if (centre && isDrawn(state.selected)) {
      const p = renderer.getNodeDisplayData(id);
      if (p) { renderer.getCamera().animate({ x: p.x, y: p.y }, { duration: 300 }); }
    }
  }

  renderer.on("clickNode", (e) => select(e.node, false));
  renderer.on("clickStage", () => select(null, false));

  let stopLayout = () => {};

  const view = {
    sigma: renderer,
    graph,
    // Filter relations: {signs, types, statuses, minConfidence, since, until, focus, hops}.
    setFilter(filter) {
      stopLayout();
      state.filter = Object.assign({}, filter || {});
      applyTies();
      state.neighbours = state.selected ? neighboursOf(state.selected) : new Set();
      renderer.refresh();
      return view;
    },
    filter() { return Object.assign({}, state.filter); },
    focus(actorId) { select(actorId, true); return view; },
    select(actorId) { select(actorId, false); return view; },
    selected() { return state.selected; },
    setColourBy(mode) { state.colourBy = mode; renderer.refresh({ skipIndexation: true }); return view; },
    on(name, fn) {
      if (!listeners[name]) { throw new Error(`BriefgraphGraph: unknown event '${name}'`); }
      listeners[name].push(fn);
      return view;
    },
    fit() { renderer.getCamera().animatedReset({ duration: 300 }); return view; },
    zoom(factor) {
      const camera = renderer.getCamera();
      camera.animate({ ratio: camera.getState().ratio / factor }, { duration: 200 });
      return view;
    },
    isolated() { return data.nodes.filter((n) => !connected.has(n.id)).map((n) => n.id); },
    visibleNodes() { return state.visibleNodes; },
    visibleEdges() { return graph.size; },
    labelBoxes() { return placer.boxes.map((b) => ({ id: b.id, x: b.x, y: b.y, w: b.w, h: b.h })); },
    // Client (page) coordinates of an actor's centre, or null when it is not drawn.
    screenPosition(id) {
      if (!isDrawn(id)) { return null; }
      const d = renderer.getNodeDisplayData(id), rect = element.getBoundingClientRect();
      const p = renderer.framedGraphToViewport(d);
      return { x: rect.left + p.x, y: rect.top + p.y };
    },
    layoutDone() { return state.layoutDone; },
    firstDrawMs() { return state.firstDrawMs; },
    stopLayout() { stopLayout(); return view; },
    destroy() { stopLayout(); renderer.kill(); },
  };
  stopLayout = runLayout(graph, options, () => {
    state.layoutDone = true;
    emit("layout", view);
  });
  return view;
}
