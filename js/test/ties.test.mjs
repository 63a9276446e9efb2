// Ties from relations: aggregation as briefgraph.analysis.network.build_edge does it, and filters.
import assert from "node:assert/strict";
import { test } from "node:test";

import { aggregate, neighbourhood, ties } from "../src/ties.js";

const rel = (id, source, target, sign, status = "asserted", extra = {}) =>
  Object.assign({ id, source, target, sign, status, type: sign > 0 ? "SUPPORT" : "ACCUSE", weight: 1 }, extra);

test("a firm hostile relation outweighs a reported friendly one", () => {
  const tie = aggregate([rel("a", "x", "y", -1), rel("b", "x", "y", 1, "reported", { weight: 0.7 })]);
  assert.equal(tie.sign, -1);
  assert.ok(Math.abs(tie.weight - 0.3) < 1e-9);
  assert.equal(tie.style, "factual");
});

test("negated and hypothetical relations never set a sign", () => {
  const tie = aggregate([rel("a", "x", "y", -1, "negated"), rel("b", "x", "y", 1, "hypothetical")]);
  assert.equal(tie.sign, 0);
  assert.equal(tie.style, "unreal");
});

test("confidence does not weigh a tie, as in the Python network", () => {
  const tie = aggregate([rel("a", "x", "y", 1, "asserted", { confidence: 0.2 }), rel("b", "x", "y", -1, "possible", { weight: 0.3 })]);
  assert.equal(tie.sign, 1);
  assert.ok(Math.abs(tie.weight - 0.7) < 1e-9);
});

test("relations of one pair in both directions make one tie", () => {
  const found = ties([rel("a", "x", "y", 1), rel("b", "y", "x", 1)], {});
  assert.equal(found.size, 1);
  assert.deepEqual([...found.values()][0].tie.relations, ["a", "b"]);
});

test("filters keep relations by sign, type, status, confidence and date window", () => {
  const rels = [
    rel("a", "x", "y", 1, "asserted", { dates: ["2024-03-01"], confidence: 0.9 }),
    rel("b", "y", "z", -1, "reported", { dates: ["2023-01-01"], confidence: 0.4 }),
    rel("c", "z", "w", 0, "asserted", { type: "MEMBER_OF" }),
  ];
  const ids = (filter) => [...ties(rels, filter).values()].flatMap((t) => t.tie.relations).sort();
  assert.deepEqual(ids({ signs: [-1] }), ["b"]);
  assert.deepEqual(ids({ types: ["MEMBER_OF"] }), ["c"]);
  assert.deepEqual(ids({ statuses: ["asserted"] }), ["a", "c"]);
  assert.deepEqual(ids({ minConfidence: 0.5 }), ["a", "c"]);
  assert.deepEqual(ids({ since: "2024-01-01" }), ["a"]);
  assert.deepEqual(ids({ until: "2023-12-31" }), ["b"]);
});

test("a focus keeps the actors within the given number of hops", () => {
  const rels = [rel("a", "x", "y", 1), rel("b", "y", "z", 1), rel("c", "z", "w", 1)];
  assert.deepEqual([...neighbourhood(rels, "x", 2)].sort(), ["x", "y", "z"]);
  const kept = [...ties(rels, { focus: "w", hops: 1 }).values()].map((t) => t.tie.relations[0]);
  assert.deepEqual(kept, ["c"]);
});
