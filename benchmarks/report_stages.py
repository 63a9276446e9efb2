"""Where `briefgraph report --db DB` spends its time, stage by stage, in CPU seconds of one process.

The stages are those of `report.html.render_report` run one after another: reading the store (with
document texts, as `report` does), the analysis (the signed network and its findings, the same work
as `analyze`), then the report's own part: choosing what the page holds (`bounds.select`), the
documents section, the page's data, its JSON, the template, and writing the file. Prints one line per
stage, the report's own part in total, the page's size and what it holds.

    nice .venv/bin/python benchmarks/report_stages.py --db STORE [--max-documents 200] [--repeat 3]
"""
from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from briefgraph.analysis import analyze_network
from briefgraph.analysis.network import network
from briefgraph.report import ReportLimits
from briefgraph.report.bounds import select
from briefgraph.report.data import payload, script_json
from briefgraph.report.documents import embed
from briefgraph.report.html import page_html
from briefgraph.store.corpus import Corpus

OWN = ["select", "documents", "data", "json", "template", "write"]


def stages(db: str, limits: ReportLimits, out: Path) -> tuple[dict[str, float], dict]:
    """CPU seconds per stage of one report, and what the page holds."""
    times, clock = {}, time.process_time()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.process_time()
        times[name], clock = now - clock, now

    with Corpus(db) as corpus:
        graph = corpus.relation_graph(texts=True)
    lap("read store")
    net = network(graph)
    findings = analyze_network(graph, net)
    lap("analysis")
    gc.disable()  # as render_page does
    selection = select(graph, net, findings, limits)
    lap("select")
    documents = embed(graph, selection)
    lap("documents")
    data = payload(net, findings, selection, documents)
    lap("data")
    data_json = script_json(data)
    lap("json")
    page = page_html(graph, findings, selection, documents, data_json)
    lap("template")
    out.write_text(page, encoding="utf-8")
    lap("write")
    gc.enable()
    held = {"documents": len(graph.documents), "relations": len(graph.relations),
            "page_relations": len(selection.relations), "page_actors": len(selection.actors),
            "full_texts": selection.full_texts, "page_mb": round(out.stat().st_size / 1e6, 2),
            "data_mb": round(len(data_json.encode()) / 1e6, 2)}
    return times, held


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the store to report on (a copy: reading may switch it to WAL)")
    parser.add_argument("--max-documents", type=int, default=ReportLimits().max_documents)
    parser.add_argument("--max-actors", type=int, default=ReportLimits().max_actors)
    parser.add_argument("--max-relations", type=int, default=ReportLimits().max_relations)
    parser.add_argument("--repeat", type=int, default=1, help="runs (the median of each stage is shown)")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the medians")
    args = parser.parse_args(argv)
    limits = ReportLimits(args.max_documents, args.max_actors, args.max_relations)
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat):
            runs.append(stages(args.db, limits, Path(tmp) / "report.html"))
            gc.collect()
    medians = {name: statistics.median(t[name] for t, _ in runs) for name in runs[0][0]}
    for name, seconds in medians.items():
        print(f"{name:<12} {seconds:7.2f} s cpu", file=sys.stderr)
    own = sum(medians[name] for name in OWN)
    print(f"{'report part':<12} {own:7.2f} s cpu ({', '.join(OWN)})", file=sys.stderr)
    print(json.dumps(runs[0][1]), file=sys.stderr)
    if args.json:
        print(json.dumps({"stages": medians, "report_part": own, "page": runs[0][1]}))


if __name__ == "__main__":
    main()
