"""The scale benchmark's store built without NLP: its graphs must point into the very briefs it writes."""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from scale_corpus import BriefWriter  # noqa: E402
from scale_direct import DirectBriefs, build_direct  # noqa: E402


def test_recording_ties_leaves_the_written_briefs_unchanged():
    plain, recording = BriefWriter(300, seed=3), BriefWriter(300, seed=3)
    for k in range(1, 6):
        text, ties = recording.brief_with_ties(k)
        assert text == plain.brief(k)
        assert ties and all(sentence in text for _, sentence, _, _ in ties)


def test_direct_graph_evidence_and_mentions_quote_the_document_text(tmp_path):
    briefs = DirectBriefs(300, seed=3)
    for k in range(1, 6):
        doc, graph = briefs.brief(k, tmp_path / f"brief-{k}.md")
        assert graph.claims
        for claim in graph.claims:
            assert doc.text[claim.evidence.start:claim.evidence.end] == claim.evidence.text
            assert {claim.source, claim.target} <= {a.id for a in graph.actors}
        for actor in graph.actors:
            for mention in actor.mentions:
                assert doc.text[mention.start:mention.end].lower() == actor.name.lower()


def test_direct_build_stores_every_brief_with_relation_rows(tmp_path):
    db = tmp_path / "direct.db"
    words = build_direct(tmp_path / "briefs", db, 12, seed=5)
    assert words > 12 * 200
    with sqlite3.connect(db) as con:
        documents, relations, claims = (con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                                        for t in ("documents", "relations", "claims"))
    assert documents == 12 and claims >= relations > 0
