"""Review decisions on both store backends: SQLite and PostgreSQL answer the same."""
import json

from briefgraph.review import Review
from briefgraph.store import Store

from store_builders import gulf, relation_id, sahel


def relations_json(store):
    return json.dumps([r.to_dict() for r in store.relations()], sort_keys=True)


def test_reject_merge_and_undo_hold_on_every_backend(store_url):
    with Store(store_url) as store:
        for doc, graph in (sahel(), gulf()):
            store.add(doc, graph)
        before = relations_json(store)
        review = Review(store, who="ana")
        rejected = review.reject(relation_id(store, "Iran", "AID", "Houthis"), why="denied")
        merged = review.merge("Mali", "France")
        assert "france" not in {a.id for a in store.actors()}
        assert not [r for r in store.relations() if (r.source, r.type, r.target) == ("iran", "AID", "houthis")]
        assert store.actor("France").id == "mali"
        review.undo(merged.id)
        review.undo(rejected.id)
        assert relations_json(store) == before
        assert [d.action for d in store.reviewed_log()] == ["reject", "merge", "undo", "undo"]


def test_search_finds_partial_words_on_every_backend(store_url):
    from briefgraph.store.search import HIT_END, HIT_START, search_documents, search_evidence
    with Store(store_url) as store:
        for doc, graph in (sahel(), gulf()):
            store.add(doc, graph)
        docs, total = search_documents(store.db, "Wagn")
        assert total == 1 and docs[0].path.startswith("briefs/mali-hired")
        hits = {h.snippet.replace(HIT_START, "[").replace(HIT_END, "]") for h in search_evidence(store.db, "Hout")}
        assert "The [Hout]his attacked Israel." in hits or "The [Houthis] attacked Israel." in hits
