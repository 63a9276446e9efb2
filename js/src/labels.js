// Label collision handling. Sigma's label grid proposes candidates; instead of drawing them at
// once we collect them during a render and, when the render ends, draw them in priority order
// (selected and highlighted actors first, then the biggest). Each label tries the right, left,
// top and bottom of its disc and takes the first place that overlaps no label already drawn and
// no other actor's disc; a label with no free place is left out (zooming in makes room). In a
// crowded view (more than CROWDED discs) a label may cover smaller discs, so hubs keep their names.
// The boxes drawn last are kept for tests and for the web app.
const PAD = 2;  // pixels of white around each label, counted in its box
const CROWDED = 300;

export class LabelPlacer {
  constructor() {
    this.candidates = [];
    this.boxes = [];
    this.context = null;
  }

  // Used as sigma's `defaultDrawNodeLabel`: remember, do not draw yet.
  collect(context, data, settings) {
    if (!data.label) { return; }
    this.context = context;
    this.settings = settings;
    this.candidates.push({ id: data.key, label: data.label, x: data.x, y: data.y, size: data.size,
      priority: (data.labelPriority || 0) * 1000 + data.size });
  }

  reset() {
    this.candidates = [];
  }

  // The four places a label may take around its disc, in order of preference.
  places(context, c, fontSize) {
    const w = context.measureText(c.label).width + 2 * PAD, h = fontSize + 2 * PAD, gap = c.size + 3;
    return [
      [c.x + gap - PAD, c.y - h / 2],
      [c.x - gap - w + PAD, c.y - h / 2],
      [c.x - w / 2, c.y - gap - h + PAD],
      [c.x - w / 2, c.y + gap - PAD],
    ].map(([x, y]) => ({ id: c.id, x, y, w, h }));
  }

  // Draws the candidates that fit; `discs` are the drawn actors' boxes {id, x, y, w, h}; a place that
  // would run past the left or right edge of a view `width` pixels wide is not free.
  // Returns the label boxes drawn (viewport pixels).
  place(discs, width = Infinity) {
    const context = this.context, placed = [];
    if (!context || !this.candidates.length) { this.boxes = placed; this.candidates = []; return placed; }
    const fontSize = this.settings.labelSize;
    context.font = `${this.settings.labelWeight} ${fontSize}px ${this.settings.labelFont}`;
    context.textBaseline = "middle";
    discs = discs || [];
    const blockers = new BoxIndex(discs), crowded = discs.length > CROWDED;
    const order = this.candidates.slice().sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : 1));
    for (const c of order) {
      const free = this.places(context, c, fontSize).find((b) => b.x >= 0 && b.x + b.w <= width
        && !blockers.hits(b, c.id, crowded ? c.size : 0));
      if (!free) { continue; }
      placed.push(free);
      blockers.add(free);
      draw(context, c.label, free);
    }
    this.boxes = placed;
    this.candidates = [];
    return placed;
  }
}

// Boxes bucketed in a coarse grid, so a big graph's thousand discs cost little to test against.
class BoxIndex {
  constructor(boxes) {
    this.cell = 64;
    this.cells = new Map();
    boxes.forEach((b) => this.add(b));
  }

  keys(b) {
    const out = [], c = this.cell;
    for (let i = Math.floor(b.x / c); i <= Math.floor((b.x + b.w) / c); i++) {
      for (let j = Math.floor(b.y / c); j <= Math.floor((b.y + b.h) / c); j++) { out.push(i + ":" + j); }
    }
    return out;
  }

  add(b) {
    for (const k of this.keys(b)) {
      if (!this.cells.has(k)) { this.cells.set(k, []); }
      this.cells.get(k).push(b);
    }
  }

  // Does `b` overlap a label, or the disc of an actor other than `own` at least `minSize` across?
  hits(b, own, minSize) {
    for (const k of this.keys(b)) {
      for (const other of this.cells.get(k) || []) {
        const ignored = other.disc && (other.id === own || other.w < 2 * minSize);
        if (!ignored && overlaps(other, b)) { return true; }
      }
    }
    return false;
  }
}

export function overlaps(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function draw(context, label, b) {
  context.fillStyle = "rgba(255,255,255,0.85)";
  context.fillRect(b.x, b.y, b.w, b.h);
  context.fillStyle = "#111";
  context.fillText(label, b.x + PAD, b.y + b.h / 2);
}
