"""`briefgraph eval gold|re3d|plover`: measure extraction against gold data and print the scores."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

from .app import app
from .common import one_line_errors

if TYPE_CHECKING:  # rich's tables and the scorers load when a command runs, not when the CLI starts
    from rich.table import Table

eval_app = typer.Typer(help="Measure extraction against gold data: gold graphs, dstl re3d, PLOVER/PETRARCH events.",
                       no_args_is_help=True)
app.add_typer(eval_app, name="eval")

JSON_OPT = typer.Option(False, "--json", help="Print one JSON object instead of tables.")
ERRORS_OPT = typer.Option(False, "--errors", help="Also list misses and false hits with their sentences.")
MODEL_OPT = typer.Option(None, "--model", help="spaCy model to load (default: $BRIEFGRAPH_MODEL or auto).")


# re3d and the event gold standards label unnamed groups ("police", "Coalition military forces").
GENERIC_OPT = typer.Option(True, "--generic-actors/--named-actors", help="Extract unnamed groups ('police', "
                           "'protesters') as these gold standards label them (default), or named actors only.")
RULES_ONLY_OPT = typer.Option(False, "--rules-only", help="Extract with the hand-written rules alone (no learned "
                              "pair scorer), to compare.")


def _run(fn, *args, **kwargs) -> dict[str, Any]:
    with one_line_errors():
        return fn(*args, **kwargs)


def _table(title: str, columns: list[str], rows: list[list[Any]]) -> Table:
    from rich.table import Table
    table = Table(title=title, title_justify="left")
    for i, c in enumerate(columns):
        numeric = i > 0 and all(isinstance(row[i], (int, float)) or row[i] == "" for row in rows)
        table.add_column(c, justify="right" if numeric else "left")
    for row in rows:
        table.add_row(*(f"{v:.3f}" if isinstance(v, float) else str(v) for v in row))
    return table


def _emit(result: dict[str, Any], as_json: bool, tables, errors: bool, error_lines) -> None:
    if as_json:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    console = Console(soft_wrap=True)
    for t in tables(result):
        console.print(t)
    if errors:
        for line in error_lines(result):
            console.print(line, markup=False, highlight=False)


# ---- gold ------------------------------------------------------------------------------------

def _score_rows(a: dict, rel: dict, duplicates: int, merged: int, traps: int, invalid: int) -> list[list]:
    """The rows of one gold score, for one brief or the micro-average of a set."""
    return [["actors", a["recall"], a["precision"],
             f'{a["found"]}/{a["gold"]} found, {duplicates} duplicates, {merged} merged'],
            ["relations", rel["untyped_recall"], rel["precision"],
             f'{rel["matched"]}/{rel["gold"]} matched, {rel["predicted"]} predicted, {rel["neutral"]} neutral'],
            ["typed relations", rel["typed_recall"], "", f'{rel["typed_matched"]}/{rel["gold"]} matched'],
            ["modality accuracy", rel["modality_accuracy"], "", f'{rel["modality_matched"]}/{rel["matched"]} matched'],
            ["traps asserted as fact", "", "", traps],
            ["relations without valid evidence", "", "", invalid]]


def _gold_tables(r: dict[str, Any]) -> list[Table]:
    a = r["actors"]
    rows = _score_rows(a, r["relations"], len(a["duplicates"]), len(a["merged"]), len(r["traps_hit"]),
                       r["relations_without_valid_evidence"])
    return [_table(f"gold: {Path(r['gold']).name}", ["", "recall", "precision", "detail"], rows)]


def _gold_errors(r: dict[str, Any]) -> list[str]:
    e = r.get("errors", {})
    lines = [f"missed actor: {n}" for n in e.get("missed_actors", [])]
    lines += [f"false actor: {n}" for n in e.get("false_actors", [])]
    lines += [f"missed: {m['relation']}  | cue: {m['cue']}" for m in e.get("missed_relations", [])]
    for f in e.get("false_relations", []):
        lines.append(f"false: {f['relation']} ({f['status']})")
        lines += [f"    | {s}" for s in f["sentences"]]
    lines += [f"asserted as fact, wrongly: {w}" for w in r["traps_hit"]]
    return lines


def _set_tables(r: dict[str, Any]) -> list[Table]:
    rows = []
    for b in r["briefs"]:
        a, rel = b["actors"], b["relations"]
        rows.append([b["name"], f'{a["recall"]:.2f}/{a["precision"]:.2f}',
                     f'{rel["untyped_recall"]:.2f}/{rel["precision"]:.2f}', f'{rel["matched"]}/{rel["gold"]}',
                     f'{rel["modality_accuracy"]:.2f}'])
    per_brief = _table("per brief (recall/precision)", ["brief", "actors", "relations", "matched", "modality"], rows)
    m = r["micro"]
    a, rel = m["actors"], m["relations"]
    title = "leave-one-brief-out" if "cv" in r else "development set"
    micro_rows = _score_rows(a, rel, a["duplicates"], a["merged"], m["traps_hit"], m["relations_without_valid_evidence"])
    micro = _table(f"{title}: {m['briefs']} briefs, micro-averaged", ["", "recall", "precision", "detail"], micro_rows)
    h = r["confident_half"]
    curve = _table(f"by minimum confidence (area under the curve {r['area']:.3f}; most confident half precision "
                   f"{h['precision_top_half']:.3f} vs {h['precision_all']:.3f} for all)",
                   ["min confidence", "precision", "recall", "scored predicted"],
                   [[f'{p["threshold"]:.1f}', p["precision"], p["recall"], p["predicted"]] for p in r["curve"]])
    return [per_brief, micro, curve]


def _set_errors(r: dict[str, Any]) -> list[str]:
    lines = []
    for b in r["briefs"]:
        lines.append(f"== {b['name']}")
        lines += _gold_errors(b)
    return lines


@eval_app.command("gold")
def gold_cmd(
    paths: list[Path] = typer.Argument(..., help="Folders holding NAME.txt briefs and NAME.json gold graphs "
                                       "(see shared/gold/README.md), or one GOLD.json and its BRIEF."),
    as_json: bool = JSON_OPT, errors: bool = ERRORS_OPT, model: Optional[str] = MODEL_OPT,
    cv: bool = typer.Option(False, "--cv", help="Leave-one-brief-out: score each brief with a pair scorer "
                            "trained on the other briefs (and --data)."),
    data: Optional[Path] = typer.Option(None, "--data", help="With --cv: the labelled data folder (re3d/, "
                                        "plover/, petrarch-gsr/) to train on besides the briefs."),
    rules_only: bool = RULES_ONLY_OPT,
    plot: Optional[Path] = typer.Option(None, "--plot", help="Also draw the precision-recall curve here (.png)."),
) -> None:
    """Extract every brief that has a gold graph and score the set: micro-averaged, per brief, and by confidence.

    Example: briefgraph eval gold ../shared/briefs ../shared/gold --plot pr.png

    The older form, one GOLD.json and its BRIEF, scores that brief alone:
    briefgraph eval gold gold/taliban-central-asia.json briefs/taliban-central-asia.txt --errors
    """
    from .. import evaluate
    single = len(paths) == 2 and paths[0].suffix == ".json" and not paths[0].is_dir()
    if single and not cv:
        result = _run(evaluate.evaluate_gold, paths[0], paths[1], model=model, errors=errors)
        _emit(result, as_json, _gold_tables, errors, _gold_errors)
        return
    if cv:
        from ..learn.build import cross_validate
        result = _run(cross_validate, paths, data, model=model, errors=errors)
    else:
        from ..evaluate.gold_set import evaluate_gold_set
        result = _run(evaluate_gold_set, paths, model=model, errors=errors, scorer=None if rules_only else True)
    if plot is not None:
        from ..evaluate.curve_plot import plot_curve
        _run(plot_curve, result["curve"], plot)
    _emit(result, as_json, _set_tables, errors, _set_errors)


# ---- re3d ------------------------------------------------------------------------------------

def _prf_row(name: str, m: dict[str, Any]) -> list[Any]:
    return [name, m["precision"], m["recall"], m["f1"], m["gold"], m["predicted"]]


def _re3d_tables(r: dict[str, Any]) -> list[Table]:
    e, rel, al, c = r["entities"], r["relations"], r["aliases"], r["counts"]
    cols = ["", "precision", "recall", "F1", "gold", "scored predicted"]
    ent_rows = []
    for mode, m in (("exact", e), ("overlap", e["overlap"])):
        ent_rows.append(_prf_row(f"all ({mode})", m))
        ent_rows += [_prf_row(f"  {t}", v) for t, v in m["by_type"].items()]
        ent_rows.append([f"  macro F1 ({mode})", "", "", m["macro_f1"], "", ""])
    rel_rows = [_prf_row("signed + structural", rel)]
    rel_rows += [_prf_row(f"  sign {k}", v) for k, v in rel["by_sign"].items()]
    return [
        _table(f"re3d actor mentions: {c['documents']} documents ({', '.join(c['folders'])})", cols, ent_rows),
        _table("re3d relations", cols, rel_rows),
        _table("re3d aliases (IsSynonymOf pairs)", ["", "value"],
               [["recall (same actor)", al["recall"]], ["pairs", al["pairs"]],
                ["both spans resolved", al["both_resolved"]]]),
    ]


def _re3d_errors(r: dict[str, Any]) -> list[str]:
    e, rel, al = (r[k].get("errors", {}) for k in ("entities", "relations", "aliases"))
    lines = [f"missed {m['type']}: {m['text']!r}  | {m['sentence']}" for m in e.get("missed", [])]
    lines += [f"boundary {m['type']}: gold {m['text']!r} predicted {m['predicted_overlap']}"
              for m in e.get("boundary", [])]
    lines += [f"false mention: {m['text']!r} ({m['actor_type']})  | {m['sentence']}" for m in e.get("false", [])]
    lines += [f"missed relation {m['type']}: {m['source']!r} -> {m['target']!r} (cue {m['cue']!r})"
              f"  | {m['sentence']}" for m in rel.get("missed", [])]
    lines += [f"false relation: {m['relation']}  | {m['sentence']}" for m in rel.get("false", [])]
    lines += [f"alias not merged: {m['names']} -> actors {m['actors']}  | {m['sentence']}"
              for m in al.get("missed", [])]
    return lines


@eval_app.command("re3d")
def re3d_cmd(
    folder: Path = typer.Argument(..., help="A re3d source folder, or a folder of them."),
    as_json: bool = JSON_OPT, errors: bool = ERRORS_OPT, model: Optional[str] = MODEL_OPT,
    generic_actors: bool = GENERIC_OPT, rules_only: bool = RULES_ONLY_OPT,
) -> None:
    """Score actor mentions, signed relations and aliases against dstl re3d labels.

    Example: briefgraph eval re3d ../shared/data/re3d/CENTCOM --json
    """
    from .. import evaluate
    result = _run(evaluate.evaluate_re3d, folder, model=model, errors=errors, generic_actors=generic_actors,
                  scorer=None if rules_only else True)
    _emit(result, as_json, _re3d_tables, errors, _re3d_errors)


# ---- plover ----------------------------------------------------------------------------------

def _plover_tables(r: dict[str, Any]) -> list[Table]:
    rows = [["event recall", r["event_recall"], f'{r["found"]}/{r["events"]} events in {r["sentences"]} sentences'],
            ["type accuracy", r["type_accuracy"], f'{r["typed"]}/{r["found"]} found events'],
            ["type macro F1", r["type_macro_f1"], "over gold types"],
            ["source accuracy", r["source_accuracy"], f'{r["source_checked"]} checked'],
            ["target accuracy", r["target_accuracy"], f'{r["target_checked"]} checked']]
    if r["no_event_sentences"]:
        rows.append(["false alarms", r["false_alarms"], f'of {r["no_event_sentences"]} sentences with no event'])
    confusion = [[g, sum(row.values()), row.get(g, 0),
                  ", ".join(f"{t} {n}" for t, n in sorted(row.items(), key=lambda kv: -kv[1]) if t != g)]
                 for g, row in r["confusion"].items()]
    return [_table(f"{r['format']} events: {Path(r['data']).name}", ["", "value", "detail"], rows),
            _table("confusion: gold type -> predicted type", ["gold", "events", "right", "predicted instead"],
                   confusion)]


def _plover_errors(r: dict[str, Any]) -> list[str]:
    e = r.get("errors", {})
    lines = [f"missed {m['event']} [{m['id']}]  | {m['sentence']}" for m in e.get("missed", [])]
    for f in e.get("false", []):
        checks = "" if f["event"] == "NONE" else f" (source {f['source_ok']}, target {f['target_ok']})"
        lines.append(f"false [{f['id']}] gold {f['event']}, predicted {f['predicted']}{checks}  | {f['sentence']}")
    return lines


@eval_app.command("plover")
def plover_cmd(
    file: Path = typer.Argument(..., help="PLOVER gold records (JSON array) or PETRARCH2 validation XML."),
    as_json: bool = JSON_OPT, errors: bool = ERRORS_OPT, model: Optional[str] = MODEL_OPT,
    cameo_map: Optional[Path] = typer.Option(None, "--cameo-map", help="CAMEO-to-PLOVER conversion table to "
                                              "use for XML instead of the shipped mapping."),
    generic_actors: bool = GENERIC_OPT, rules_only: bool = RULES_ONLY_OPT,
) -> None:
    """Score event detection, event types, sources and targets against coded gold sentences.

    Example: briefgraph eval plover ../shared/data/plover/gsr-dev.json --errors
    """
    from .. import evaluate
    result = _run(evaluate.evaluate_plover, file, model=model, errors=errors, cameo_map=cameo_map,
                  generic_actors=generic_actors, scorer=None if rules_only else True)
    _emit(result, as_json, _plover_tables, errors, _plover_errors)
