"""Plain-text renderings of the analysis results for the terminal."""
from __future__ import annotations

TOP = 10


def _sign(sign: int) -> str:
    return f"{sign:+d}" if sign else "0"


def _quote(texts: list[str], indent: str = "      ") -> list[str]:
    return [f'{indent}"{t}"' for t in texts[:2]]


def _balance(bal: dict) -> list[str]:
    how = "exact" if bal["exact"] else "heuristic upper bound"
    lines = [f"Balance: frustration index {bal['frustration_index']} ({how}); "
             f"{bal['triads']['balanced']} balanced, {bal['triads']['unbalanced']} unbalanced triads"]
    for label, camp in zip("AB", bal["camps"]):
        shown = ", ".join(camp[:15]) + (f" and {len(camp) - 15} more" if len(camp) > 15 else "")
        lines.append(f"  camp {label}: {shown}")
    for e in bal["frustrated_edges"][:TOP]:
        lines.append(f"  frustrated: {e['source']} -- {e['target']} ({_sign(e['sign'])}), {e['why']}")
        lines += _quote(e["evidence"])
    return lines


def _pressure(ranked: list[dict]) -> list[str]:
    lines = ["Cross-pressure:"] if ranked else ["Cross-pressure: none"]
    for i, p in enumerate(ranked[:TOP], 1):
        lines.append(f"  {i}. {p['actor']} {p['score']:.2f}: {p['explanation']}")
    return lines


def _commitments(items: list[dict]) -> list[str]:
    lines = ["Commitments:"] if items else ["Commitments: none found"]
    for c in items[:TOP]:
        lines.append(f"  {c['status']}: {c['actor']} -> {c['target']} (pledged {_sign(c['pledged_sign'])})")
        for p in c["pledges"][:1]:
            lines += _quote(p["evidence"], "      pledge: ")
        for v in c["violations"][:2]:
            lines += _quote(v["evidence"], "      against: ")
    return lines


def _centrality(cent: dict) -> list[str]:
    lines = ["Centrality (weighted degree, betweenness):"]
    for c in cent["actors"][:TOP]:
        lines.append(f"  {c['actor']}: {c['degree']}, {c['betweenness']}")
    return lines


def analysis_text(findings: dict) -> str:
    net = findings["network"]
    lines = [f"{net['actors']} actors, {net['edges']} ties ({net['signed_edges']} signed)", ""]
    for part in (_balance(findings["balance"]), _pressure(findings["cross_pressure"]),
                 _commitments(findings["commitments"]), _centrality(findings["centrality"])):
        lines += part + [""]
    return "\n".join(lines)


def _moves(items: list[dict]) -> str:
    return ", ".join(f"{m['actor']} {m['before']:.2f} -> {m['after']:.2f}" for m in items[:TOP]) or "none"


def _triads(items: list[dict]) -> str:
    return "; ".join(" / ".join(t["actors"]) for t in items[:TOP]) or "none"


def whatif_text(result: dict) -> str:
    fi = result["frustration_index"]
    lines = [f"edit: {e['source']} -> {e['target']}: {_sign(e['before'])} becomes {_sign(e['after'])}"
             for e in result["edits"]]
    lines += [f"frustration index: {fi['before']} -> {fi['after']}" + ("" if fi["exact"] else " (heuristic)"),
              f"cross-pressure rose: {_moves(result['cross_pressure']['rose'])}",
              f"cross-pressure fell: {_moves(result['cross_pressure']['fell'])}",
              f"triads now balanced: {_triads(result['triads']['became_balanced'])}",
              f"triads now unbalanced: {_triads(result['triads']['became_unbalanced'])}",
              f"triads formed: {_triads(result['triads']['formed'])}",
              f"triads dissolved: {_triads(result['triads']['dissolved'])}"]
    return "\n".join(lines) + "\n"


def _ties(items: list[dict]) -> list[str]:
    return [f"  {e['source']} -- {e['target']} ({_sign(e['sign'])})" for e in items[:50]]


def diff_text(result: dict, since: str) -> str:
    lines = [f"Changes from {since}:", f"new ties: {len(result['new_ties'])}"] + _ties(result["new_ties"])
    lines += [f"contradicted by a later brief: {len(result['contradicted'])}"]
    lines += [f"  {c['source']} -- {c['target']}: {_sign(c['before'])} -> {_sign(c['after'])} ({c['how']})"
              for c in result["contradicted"]]
    lines += [f"not repeated in a later brief (not evidence they ended): {len(result['not_repeated'])}"]
    lines += _ties(result["not_repeated"])
    lines += [f"actors entering: {', '.join(result['entered']) or 'none'}",
              f"actors no longer mentioned: {', '.join(result['left']) or 'none'}"]
    if result["undated"]:
        lines += [f"undated briefs, left out of the comparison: {len(result['undated'])}"]
        lines += [f"  {d['path']}" for d in result["undated"][:50]]
    return "\n".join(lines) + "\n"
