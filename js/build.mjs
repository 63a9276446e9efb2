// Bundles js/src into one self-contained script, written into the Python package's assets.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, "..", "src", "briefgraph", "report", "assets", "graph.bundle.js");

await build({
  entryPoints: [path.join(here, "src", "index.js")],
  bundle: true,
  minify: process.env.BG_DEBUG !== "1",
  format: "iife",
  target: ["chrome100", "firefox100", "safari15"],
  legalComments: "inline",
  outfile: out,
  logLevel: "warning",
});
console.log(`wrote ${path.relative(process.cwd(), out)}`);
