"""Score event extraction against PLOVER gold records (or PETRARCH2 validation XML).

Each sentence is extracted as its own Document. A gold event is found when the sentence yields
any PLOVER-typed claim; the claim that best fits it (most matching actors, then the right type)
decides type, source and target accuracy over the found events.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import EvaluationError
from ..model import Document, Graph
from . import common
from .cameo import load_cameo_map
from .common import f1, ratio
from .events import GoldActor, GoldEvent, GoldSentence, PredictedEvent, actor_matches, predicted_events
from .petrarch import looks_like_petrarch, parse_petrarch

# The early PLOVER labels of the 2016 gold records and their current names.
LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
SKIP = {"DOCUMENT"}
NONE = "NONE"


def _actors(value: Any) -> list[GoldActor]:
    if not isinstance(value, list):
        return []
    return [GoldActor(a["actorText"], (a["actorText"],)) for a in value
            if isinstance(a, dict) and isinstance(a.get("actorText"), str) and a["actorText"].strip()]


def plover_sentence(record: dict[str, Any]) -> GoldSentence | None:
    """One gold sentence from a PLOVER record; None for DOCUMENT records and records without text."""
    event = str(record.get("event", "")).upper()
    if event in SKIP or not event or not isinstance(record.get("text"), str) or not record["text"].strip():
        return None
    rid = str(record.get("id", ""))
    sources, targets = _actors(record.get("source")), _actors(record.get("target"))
    if not targets and len(sources) > 1:
        targets = list(sources)  # compound actor: the parties act on each other
    return GoldSentence(rid, record["text"], [GoldEvent(rid, LABELS.get(event, event), sources, targets, event)])


def read_plover(data: Any) -> list[GoldSentence]:
    if not isinstance(data, list):
        raise EvaluationError("PLOVER gold must be a JSON array of records")
    return [s for s in (plover_sentence(r) for r in data if isinstance(r, dict)) if s is not None]


def read_gold(path: str | Path, cameo_map: str | Path | None = None) -> tuple[list[GoldSentence], dict[str, Any]]:
    """Gold sentences and reading counts from PLOVER JSON or PETRARCH2 XML (told apart by content)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EvaluationError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read ({exc})") from None
    if str(path).lower().endswith(".xml") or text.lstrip().startswith("<"):
        if not looks_like_petrarch(text):
            raise EvaluationError(f"{path}: not a PETRARCH validation file (no <Sentence> with <EventCoding>)")
        cmap = load_cameo_map(cameo_map)
        sentences, counts = parse_petrarch(text, cmap)
        return sentences, {"format": "petrarch", "cameo_map": cmap.origin, **counts}
    return read_plover(common.read_json(path)), {"format": "plover"}


class EventTally:
    def __init__(self):
        self.events = self.found = self.typed = 0
        self.source = [0, 0]  # [correct, checked]
        self.target = [0, 0]
        self.confusion: dict[str, Counter] = {}
        self.silent = [0, 0]  # no-event sentences: [with a predicted event, total]
        self.missed: list[dict[str, Any]] = []
        self.false: list[dict[str, Any]] = []

    def add(self, sentence: GoldSentence, doc_id: str, preds: list[PredictedEvent]) -> None:
        if not sentence.events:
            self.silent[1] += 1
            if preds:
                self.silent[0] += 1
                self.false.append({"id": sentence.id, "event": NONE, "predicted": [p.label for p in preds],
                                   "sentence": sentence.text})
        for gold in sentence.events:
            self._event(sentence, gold, doc_id, preds)

    def _event(self, sentence: GoldSentence, gold: GoldEvent, doc_id: str, preds: list[PredictedEvent]) -> None:
        self.events += 1
        row = self.confusion.setdefault(gold.type, Counter())
        if not preds:
            row[NONE] += 1
            self.missed.append({"id": gold.id, "event": gold.type, "sentence": sentence.text})
            return
        fits = [self._fit(p, gold, sentence.text, doc_id) for p in preds]
        i = max(range(len(preds)), key=lambda k: (sum(bool(x) for x in fits[k]), preds[k].type == gold.type))
        best, (src_ok, tgt_ok) = preds[i], fits[i]
        self.found += 1
        self.typed += best.type == gold.type
        row[best.type] += 1
        for tally, ok in ((self.source, src_ok), (self.target, tgt_ok)):
            if ok is not None:
                tally[0] += ok
                tally[1] += 1
        if best.type != gold.type or src_ok is False or tgt_ok is False:
            self.false.append({"id": gold.id, "event": gold.type, "predicted": best.label, "trigger": best.trigger,
                               "source_ok": src_ok, "target_ok": tgt_ok, "sentence": sentence.text})

    @staticmethod
    def _fit(p: PredictedEvent, gold: GoldEvent, text: str, doc_id: str) -> tuple[bool | None, bool | None]:
        """(source matches, target matches); None where the gold gives no actor to check."""
        def check(actor, golds: list[GoldActor]) -> bool | None:
            golds = [g for g in golds if g.scorable]
            return any(actor_matches(actor, g, text, doc_id) for g in golds) if golds else None
        return check(p.source, gold.sources), check(p.target, gold.targets)

    def type_scores(self) -> tuple[dict[str, Any], float]:
        """Per gold type counts and F1, and the macro F1 over gold types."""
        predicted = Counter()
        for row in self.confusion.values():
            predicted.update(row)
        by_type = {}
        for t, row in sorted(self.confusion.items()):
            gold_n = sum(row.values())
            p, r = ratio(row[t], predicted[t]), ratio(row[t], gold_n)
            by_type[t] = {"gold": gold_n, "found": gold_n - row[NONE], "typed": row[t], "precision": p,
                          "recall": r, "f1": f1(p, r)}
        macro = ratio(sum(v["f1"] for v in by_type.values()), len(by_type))
        return by_type, macro

    def result(self, errors: bool) -> dict[str, Any]:
        by_type, macro = self.type_scores()
        out = {"events": self.events, "event_recall": ratio(self.found, self.events),
               "type_accuracy": ratio(self.typed, self.found),
               "source_accuracy": ratio(*self.source), "target_accuracy": ratio(*self.target),
               "type_macro_f1": macro, "found": self.found, "typed": self.typed,
               "source_checked": self.source[1], "target_checked": self.target[1],
               "no_event_sentences": self.silent[1], "false_alarms": self.silent[0],
               "by_type": by_type,
               "confusion": {g: dict(sorted(row.items())) for g, row in sorted(self.confusion.items())}}
        if errors:
            out["errors"] = {"missed": self.missed, "false": self.false}
        return out


def score_events(sentences: list[GoldSentence], graphs: dict[str, Graph], errors: bool = False) -> dict[str, Any]:
    """Score per-sentence graphs, keyed by document id, against gold sentences."""
    tally = EventTally()
    for s in sentences:
        doc_id = Document(text=s.text).id
        graph = graphs.get(doc_id, Graph())
        tally.add(s, doc_id, predicted_events(graph, doc_id))
    return {"sentences": len(sentences), **tally.result(errors)}


def evaluate_plover(path: str | Path, model: str | None = None, errors: bool = False,
                    cameo_map: str | Path | None = None, generic_actors: bool = True, scorer=True) -> dict[str, Any]:
    """Extract each gold sentence (model loaded once) and score its events against the gold codings.

    Event coding counts unnamed actors ("police", "protesters"), so they are extracted here unless
    `generic_actors` is False; the brief default extracts named actors only."""
    sentences, counts = read_gold(path, cameo_map)
    docs = {}
    for s in sentences:
        docs.setdefault(Document(text=s.text).id, Document(text=s.text, path=f"{Path(path).name}#{s.id}"))
    extracted = common.extract_each(list(docs.values()), model=model, generic_actors=generic_actors, scorer=scorer)
    graphs = {d.id: g for d, g in extracted}
    return {"data": str(path), "generic_actors": generic_actors, **counts, **score_events(sentences, graphs, errors)}
