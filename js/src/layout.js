// Where the actors go: a seeded start, ForceAtlas2 (synchronously for small graphs, in a web
// worker for big ones so the page stays responsive), then Noverlap so no two discs touch.
import forceAtlas2 from "graphology-layout-forceatlas2";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import noverlap from "graphology-layout-noverlap";

export const SYNC_LIMIT = 400;
const LAYOUT_WEIGHT = "layoutWeight";  // the edge attribute ForceAtlas2 reads (set by the view)  // actors laid out before the first draw; bigger graphs use the worker

// A small seeded generator (mulberry32) so the same data always gives the same picture.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedPositions(graph, seed) {
  const next = random(seed || 1);
  const radius = 10 * Math.sqrt(graph.order || 1);
  graph.forEachNode((node) => {
    const angle = 2 * Math.PI * next(), r = radius * Math.sqrt(next());
    graph.mergeNodeAttributes(node, { x: r * Math.cos(angle), y: r * Math.sin(angle) });
  });
}

function settingsFor(graph) {
  return Object.assign(forceAtlas2.inferSettings(graph), {
    barnesHutOptimize: graph.order > SYNC_LIMIT, gravity: 1, scalingRatio: 12, adjustSizes: false,
  });
}

export function spreadDiscs(graph) {
  noverlap.assign(graph, { maxIterations: 200, settings: { margin: 4, ratio: 1.2 } });
}

function iterationsFor(graph) {
  return graph.order <= 100 ? 800 : graph.order <= SYNC_LIMIT ? 400 : 0;
}

// Lays the graph out; calls `done` at once for small graphs, after `workerMs` for big ones.
// Returns a function that stops a running layout early.
export function runLayout(graph, options, done) {
  const settings = settingsFor(graph);
  if (graph.order <= SYNC_LIMIT) {
    forceAtlas2.assign(graph, { iterations: iterationsFor(graph), settings, getEdgeWeight: LAYOUT_WEIGHT });
    spreadDiscs(graph);
    done();
    return () => {};
  }
  const worker = new FA2Layout(graph, { settings, getEdgeWeight: LAYOUT_WEIGHT });
  let finished = false;
  const finish = () => {
    if (finished) { return; }
    finished = true;
    worker.kill();
    spreadDiscs(graph);
    done();
  };
  worker.start();
  const timer = setTimeout(finish, options.layoutMs || 3000);
  return () => { clearTimeout(timer); finish(); };
}
