// Colours and sizes shared by the report and the web app. Edge colour says the sign; how firmly
// the text states a tie shows as opacity (dashes are not available in WebGL edge programs).
export const SIGN_COLOURS = { "1": "#2e8b57", "-1": "#c0392b", "0": "#8a8a8a" };
export const STYLE_ALPHA = { factual: 0.85, uncertain: 0.45, unreal: 0.2 };
export const TYPE_COLOURS = {
  state: "#3366cc", armed_group: "#aa3377", organization: "#228833", igo: "#1b9e9e",
  person: "#c99a06", collective: "#ee6677", ethnic_group: "#8c6d31", place: "#7f7f7f", unknown: "#555555",
};
export const CAMP_COLOURS = ["#1f77b4", "#ff7f0e"];
export const NO_CAMP = "#b0b0b0";
export const FADED = "#e2e2e2";

export function nodeColour(node, colourBy) {
  if (colourBy === "camp") {
    return node.camp === 0 || node.camp === 1 ? CAMP_COLOURS[node.camp] : NO_CAMP;
  }
  return TYPE_COLOURS[node.type] || TYPE_COLOURS.unknown;
}

export function edgeColour(sign, style) {
  const hex = SIGN_COLOURS[String(sign)] || SIGN_COLOURS["0"];
  const alpha = STYLE_ALPHA[style] === undefined ? 1 : STYLE_ALPHA[style];
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

// Node radius in screen pixels from the weighted degree; smaller in big graphs so hubs stay apart.
export function nodeSize(degree, order) {
  const d = Math.sqrt(Math.max(degree || 0, 0));
  return order <= 200 ? Math.min(4 + 1.6 * d, 14) : Math.min(2.5 + 0.6 * d, 10);
}

export function edgeSize(strength) {
  return Math.min(0.8 + 0.7 * strength, 5);
}
