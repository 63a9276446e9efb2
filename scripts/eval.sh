#!/usr/bin/env bash
# Measure briefgraph against the shared gold graphs and labelled data (see docs/EVALUATION.md).
# The data is not shipped: without ../shared (or $BRIEFGRAPH_SHARED) this says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."

BG=.venv/bin/briefgraph
SHARED="${BRIEFGRAPH_SHARED:-../shared}"
DATA="$SHARED/data"

if [ ! -d "$SHARED" ]; then
  echo "eval: $SHARED not found; no gold data to measure against (it is not shipped). Skipping."
  exit 0
fi

section() { printf '\n=== %s\n' "$*"; }

# The development set: every brief with a gold graph, micro-averaged, then leave-one-brief-out.
if [ -d "$SHARED/briefs" ] && [ -d "$SHARED/gold" ]; then
  section "development set: $SHARED/briefs + $SHARED/gold"
  "$BG" eval gold "$SHARED/briefs" "$SHARED/gold"
  section "development set, rules only"
  "$BG" eval gold "$SHARED/briefs" "$SHARED/gold" --rules-only
  section "development set, leave-one-brief-out"
  "$BG" eval gold "$SHARED/briefs" "$SHARED/gold" --cv --data "$DATA"
fi

# Gold graphs: GOLD_DIR/NAME.json scores BRIEF_DIR/NAME.txt.
gold_pairs() {
  local gold_dir=$1 brief_dir=$2 gold text
  [ -d "$gold_dir" ] || return 0
  for gold in "$gold_dir"/*.json; do
    [ -e "$gold" ] || continue
    text="$brief_dir/$(basename "$gold" .json).txt"
    if [ -f "$text" ]; then
      section "gold: $gold"
      "$BG" eval gold "$gold" "$text"
    else
      echo "eval: no brief $text for $gold; skipped"
    fi
  done
}

gold_pairs examples/gold examples/briefs

if [ -d "$DATA/re3d" ]; then
  for folder in "$DATA"/re3d/*/; do
    [ -f "$folder/documents.json" ] || continue
    section "re3d: $folder"
    "$BG" eval re3d "$folder"
  done
  section "re3d: all folders"
  "$BG" eval re3d "$DATA/re3d"
else
  echo "eval: $DATA/re3d not found; skipped"
fi

if [ -f "$DATA/plover/gsr-dev.json" ]; then
  section "plover: gsr-dev.json"
  "$BG" eval plover "$DATA/plover/gsr-dev.json"
fi

for xml in "$DATA"/petrarch-gsr/*.xml; do
  [ -e "$xml" ] || continue
  section "petrarch: $xml (shipped CAMEO map)"
  "$BG" eval plover "$xml"
  if [ -f "$DATA/plover/CAMEO2PLOVER-2021.txt" ]; then
    section "petrarch: $xml (CAMEO2PLOVER-2021.txt)"
    "$BG" eval plover "$xml" --cameo-map "$DATA/plover/CAMEO2PLOVER-2021.txt"
  fi
done
