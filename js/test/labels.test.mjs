// Label placement: no two labels overlap, none covers another actor's disc, the biggest go first.
import assert from "node:assert/strict";
import { test } from "node:test";

import { LabelPlacer, overlaps } from "../src/labels.js";

// A canvas context that measures 7 pixels a character and records what is drawn.
function fakeContext() {
  return { drawn: [], measureText: (text) => ({ width: 7 * text.length }), fillRect() {},
    fillText(text) { this.drawn.push(text); } };
}

const SETTINGS = { labelSize: 12, labelWeight: "500", labelFont: "sans-serif" };

function place(nodes, discs, width) {
  const placer = new LabelPlacer(), context = fakeContext();
  for (const n of nodes) { placer.collect(context, Object.assign({ key: n.id, label: n.id }, n), SETTINGS); }
  return { boxes: placer.place(discs || [], width), drawn: context.drawn };
}

test("labels of actors side by side never overlap and the bigger actor keeps its place", () => {
  const { boxes, drawn } = place([
    { id: "small one", x: 100, y: 100, size: 3 },
    { id: "big one", x: 104, y: 102, size: 9 },
  ]);
  assert.equal(drawn[0], "big one");
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) { assert.ok(!overlaps(boxes[i], boxes[j])); }
  }
});

test("a label blocked on the right moves to the left of its disc", () => {
  const disc = { id: "other", disc: true, x: 110, y: 90, w: 20, h: 20 };
  const { boxes } = place([{ id: "Chad", x: 100, y: 100, size: 4 }], [disc]);
  assert.equal(boxes.length, 1);
  assert.ok(boxes[0].x + boxes[0].w <= 100 && !overlaps(boxes[0], disc));
});

test("a label with no free place is left out", () => {
  const wall = [[-60, -6], [20, -6], [-20, -40], [-20, 20]].map(([dx, dy], i) =>
    ({ id: "wall" + i, disc: true, x: 100 + dx, y: 100 + dy, w: 40, h: 12 }));
  const { boxes } = place([{ id: "Hemmed", x: 100, y: 100, size: 4 }], wall);
  assert.deepEqual(boxes, []);
});

test("a selected actor's label goes before bigger ones", () => {
  const { drawn } = place([
    { id: "hub", x: 100, y: 100, size: 12 },
    { id: "picked", x: 100, y: 100, size: 2, labelPriority: 2 },
  ]);
  assert.equal(drawn[0], "picked");
});

test("a label near the right edge of the view goes to the left of its disc rather than past the edge", () => {
  const { boxes } = place([{ id: "Economic Community", x: 290, y: 100, size: 4 }], [], 300);
  assert.equal(boxes.length, 1);
  assert.ok(boxes[0].x >= 0 && boxes[0].x + boxes[0].w <= 300 && boxes[0].x < 290);
});
