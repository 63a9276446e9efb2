// From relations (data.edges) to the ties drawn: one per unordered actor pair, aggregated the way
// briefgraph.analysis.network.build_edge does, over the relations that pass the filter.
const UNSIGNING = new Set(["hypothetical", "negated"]);
const FIRM = new Set(["asserted", "certain"]);

export function confidenceOf(edge) {
  return typeof edge.confidence === "number" ? edge.confidence : 1;
}

function weightOf(edge) {
  return typeof edge.weight === "number" ? edge.weight : 1;
}

export function pairKey(a, b) {
  return a <= b ? a + "\u0000" + b : b + "\u0000" + a;
}

// Signed sum of firmly stated, signed relations; strength counts every relation (structural too).
export function aggregate(relations) {
  let total = 0, strength = 0, firm = false, real = false;
  for (const r of relations) {
    const w = weightOf(r);  // confidence filters (minConfidence) but does not weigh, as in Python
    strength += w;
    if (r.sign && !UNSIGNING.has(r.status)) { total += r.sign * w; }
    if (FIRM.has(r.status)) { firm = true; }
    if (!UNSIGNING.has(r.status)) { real = true; }
  }
  const sign = total > 1e-9 ? 1 : total < -1e-9 ? -1 : 0;
  return { sign, weight: sign ? Math.abs(total) : 0, strength,
    style: firm ? "factual" : real ? "uncertain" : "unreal", relations: relations.map((r) => r.id) };
}

function dayOf(value) {
  return value ? String(value).slice(0, 10) : null;
}

function inWindow(edge, since, until) {
  if (!since && !until) { return true; }
  const dates = (edge.dates || (edge.date ? [edge.date] : [])).map(dayOf).filter(Boolean);
  return dates.some((d) => (!since || d >= dayOf(since)) && (!until || d <= dayOf(until)));
}

function asSet(values) {
  return values && values.length ? new Set(values.map(String)) : null;
}

// Does a relation pass the attribute part of a filter (everything but focus and hops)?
export function relationTest(filter) {
  const signs = asSet(filter.signs), types = asSet(filter.types), statuses = asSet(filter.statuses);
  const minConfidence = typeof filter.minConfidence === "number" ? filter.minConfidence : 0;
  return (r) => (!signs || signs.has(String(r.sign))) && (!types || types.has(String(r.type)))
    && (!statuses || statuses.has(String(r.status))) && confidenceOf(r) >= minConfidence
    && inWindow(r, filter.since, filter.until);
}

// The actors within `hops` ties of `focus`, through the given relations only.
export function neighbourhood(relations, focus, hops) {
  const adjacent = new Map();
  for (const r of relations) {
    if (!adjacent.has(r.source)) { adjacent.set(r.source, []); }
    if (!adjacent.has(r.target)) { adjacent.set(r.target, []); }
    adjacent.get(r.source).push(r.target);
    adjacent.get(r.target).push(r.source);
  }
  const seen = new Set([focus]);
  let frontier = [focus];
  for (let h = 0; h < hops && frontier.length; h++) {
    const next = [];
    for (const a of frontier) {
      for (const b of adjacent.get(a) || []) {
        if (!seen.has(b)) { seen.add(b); next.push(b); }
      }
    }
    frontier = next;
  }
  return seen;
}

// Relations that pass the filter, grouped by pair: Map pairKey -> {source, target, tie}.
export function ties(relations, filter) {
  const test = relationTest(filter || {});
  let kept = relations.filter((r) => r.source !== r.target && test(r));
  if (filter && filter.focus) {
    const near = neighbourhood(kept, filter.focus, typeof filter.hops === "number" ? filter.hops : 1);
    kept = kept.filter((r) => near.has(r.source) && near.has(r.target));
  }
  const groups = new Map();
  for (const r of kept) {
    const key = pairKey(r.source, r.target);
    if (!groups.has(key)) { groups.set(key, []); }
    groups.get(key).push(r);
  }
  const out = new Map();
  for (const [key, rels] of groups) {
    const a = rels[0].source <= rels[0].target ? rels[0].source : rels[0].target;
    const b = a === rels[0].source ? rels[0].target : rels[0].source;
    out.set(key, { source: a, target: b, tie: aggregate(rels) });
  }
  return out;
}
