"""The learned pair scorer without spaCy: training on hand-made feature lists, saving, loading,
and how rules and scores combine into one confidence."""
from dataclasses import dataclass, field

import pytest

from briefgraph.errors import ModelError
from briefgraph.learn.combine import combine
from briefgraph.learn.model import Example, Head, PairModel, bucket, load_model, train
from briefgraph.nlp.pairs import document_features


def tiny_examples():
    """Pairs joined by 'backs' hold a cooperative relation (first mention is the source); pairs
    merely listed together hold none."""
    out = []
    for k in range(6):
        out.append(Example(["head=back", "role=nsubj|dobj", f"noise={k}"], True, True, "SUPPORT", "a"))
        out.append(Example(["head=strike", "role=nsubj|dobj", f"noise={k}"], True, True, "ASSAULT", "a"))
        out.append(Example(["listed_together", "head=and", f"noise={k}"], False, group="b"))
        out.append(Example(["listed_together", "head=visit", f"noise={k}"], False, group="b"))
    return out


def test_trained_model_scores_a_cue_it_learned_as_a_relation_and_a_list_as_none():
    model = train(tiny_examples())
    assert model.score(["head=back", "role=nsubj|dobj"]).relation > 0.7
    assert model.score(["listed_together", "head=and"]).relation < 0.3


def test_trained_type_head_tells_cooperation_from_assault():
    types = train(tiny_examples()).score(["head=strike", "role=nsubj|dobj"]).types
    assert max(types, key=types.get) == "ASSAULT"


def test_training_twice_on_the_same_data_writes_the_same_file(tmp_path):
    train(tiny_examples()).save(tmp_path / "one.json")
    train(tiny_examples()).save(tmp_path / "two.json")
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()


def test_saved_model_holds_numbers_only_and_loads_back_with_the_same_scores(tmp_path):
    model = train(tiny_examples())
    model.save(tmp_path / "m.json")
    text = (tmp_path / "m.json").read_text()
    assert "head=back" not in text and "listed_together" not in text
    again = load_model(tmp_path / "m.json")
    assert again.score(["head=back"]).relation == pytest.approx(model.score(["head=back"]).relation)


def test_training_without_any_negative_pair_is_refused():
    with pytest.raises(ModelError, match="with and pairs without"):
        train([e for e in tiny_examples() if e.relation])


def test_loading_a_file_that_is_not_a_pair_model_raises_model_error(tmp_path):
    (tmp_path / "x.json").write_text('{"format": "other"}')
    with pytest.raises(ModelError, match="cannot load the pair model"):
        load_model(tmp_path / "x.json")


# ---- combining rules and scores ----------------------------------------------------------------

def fixed_model(relation_logit: float, forward_logit: float, types: dict[str, float]) -> PairModel:
    """A model whose scores are the same for every pair (only intercepts); give three or more types."""
    names = sorted(types)
    return PairModel({"relation": Head(["0", "1"], [relation_logit]), "forward": Head(["0", "1"], [forward_logit]),
                      "type": Head(names, [types[n] for n in names])}, {"add_at": 0.5})


@dataclass
class Pair:
    first: str
    second: str
    start: int = 0
    features: list = field(default_factory=lambda: ["head=x"])


@dataclass
class Read:
    status: str = "asserted"


@dataclass
class HedgedPair(Pair):
    modality: Read = field(default_factory=lambda: Read("hypothetical"))


@dataclass
class RuleClaim:
    source: str
    target: str
    type: str
    start: int = 0
    confidence: float = 1.0
    modality: Read = field(default_factory=Read)


def test_rule_claim_confidence_is_the_chance_that_a_relation_holds_whatever_the_type_head_says():
    confidences = []
    for types in ({"SUPPORT": 3.0, "ASSAULT": 0.0, "REJECT": 0.0}, {"SUPPORT": 0.0, "ASSAULT": 3.0, "REJECT": 0.0}):
        claim = RuleClaim("north", "south", "SUPPORT")
        combine([claim], [Pair("north", "south")], fixed_model(1.0, 0.0, types), lambda m: m)
        confidences.append(claim.confidence)
    assert confidences[0] == confidences[1] == pytest.approx(1 / (1 + 2.718281828 ** -1.0), rel=1e-3)


def test_model_relation_alone_equals_the_relation_of_the_full_score():
    model = train(tiny_examples())
    for features in (["head=back", "role=nsubj|dobj"], ["listed_together", "head=and"], ["unseen"]):
        assert model.relation(features) == model.score(features).relation


def test_combine_sets_every_rule_claims_confidence_from_its_pair():
    model = fixed_model(2.0, 0.0, {"SUPPORT": 0.0, "ASSAULT": 0.0, "REJECT": 0.0})
    claim = RuleClaim("north", "south", "ASSAULT")
    combine([claim], [Pair("north", "south")], model, lambda m: m)
    assert 0.0 < claim.confidence < 1.0
    assert claim.confidence == pytest.approx(1 / (1 + 2.718281828 ** -2.0), rel=1e-3)


def test_combine_adds_a_confident_pair_no_rule_reads_with_the_likeliest_sign_and_direction():
    model = fixed_model(4.0, -3.0, {"SUPPORT": 3.0, "ASSAULT": 0.0, "ACCUSE": 0.0})
    added = combine([], [Pair("north", "south")], model, lambda m: m)
    assert len(added) == 1
    assert (added[0].type, added[0].forward) == ("SUPPORT", False)
    assert 0.5 <= added[0].confidence <= 1.0


def test_a_claim_read_as_hypothetical_or_negated_is_less_confident_than_the_same_claim_asserted():
    model = fixed_model(2.0, 0.0, {"SUPPORT": 0.0, "ASSAULT": 0.0, "REJECT": 0.0})
    asserted, reported = RuleClaim("north", "south", "ASSAULT"), RuleClaim("north", "south", "ASSAULT", 0, 1.0, Read("reported"))
    hedged = [RuleClaim("north", "south", "ASSAULT", 0, 1.0, Read(s)) for s in ("hypothetical", "negated", "possible")]
    for claim in [asserted, reported, *hedged]:
        combine([claim], [Pair("north", "south")], model, lambda m: m)
    assert reported.confidence == pytest.approx(asserted.confidence)
    assert all(0.0 < c.confidence < asserted.confidence for c in hedged)


def test_a_hedged_pair_the_scorer_adds_keeps_its_reading_with_a_lower_confidence():
    model = fixed_model(4.0, -3.0, {"SUPPORT": 3.0, "ASSAULT": 0.0, "ACCUSE": 0.0})
    plain = combine([], [Pair("north", "south")], model, lambda m: m)
    hedged = combine([], [HedgedPair("north", "south")], model, lambda m: m)
    assert [(r.type, r.forward) for r in hedged] == [(r.type, r.forward) for r in plain]
    assert hedged[0].confidence < plain[0].confidence


def test_combine_adds_nothing_where_a_rule_already_reads_the_two_actors_in_that_sentence():
    model = fixed_model(4.0, 3.0, {"SUPPORT": 3.0, "ASSAULT": 0.0, "ACCUSE": 0.0})
    assert combine([RuleClaim("north", "south", "AID")], [Pair("north", "south")], model, lambda m: m) == []


def test_combine_adds_nothing_below_the_models_threshold():
    model = fixed_model(-1.0, 3.0, {"SUPPORT": 3.0, "ASSAULT": 0.0, "ACCUSE": 0.0})
    assert combine([], [Pair("north", "south")], model, lambda m: m) == []


def test_buckets_are_stable_numbers():
    assert bucket("head=back") == bucket("head=back") and 0 <= bucket("x") < 1 << 18


def test_document_features_count_where_two_actors_meet_and_which_rules_read_them():
    ends = [("n", "s"), ("s", "n"), ("n", "e")]
    feats = document_features(ends, [["rule_type=ASSAULT"], ["no_rule"], ["no_rule"]], {"n": "state", "e": "person"})
    assert "pair_meets=2" in feats[1] and "pair_ruled=ASSAULT" in feats[1]
    assert "pair_meets=1" in feats[2] and "pair_ruled=none" in feats[2]
    assert "central=<=2|<=4" in feats[2]  # e takes part in one pair, n in three
    assert "types=state|person" in feats[2] and "types=state|?" in feats[0]


def test_a_pair_only_the_scorer_reads_is_added_all_the_same_but_ranked_by_the_models_learned_weight():
    full = fixed_model(4.0, -3.0, {"SUPPORT": 3.0, "ASSAULT": 0.0, "ACCUSE": 0.0})
    full.meta["learned_weight"] = 1.0
    halved = fixed_model(4.0, -3.0, {"SUPPORT": 3.0, "ASSAULT": 0.0, "ACCUSE": 0.0})
    halved.meta["learned_weight"] = 0.5
    one, two = (combine([], [Pair("north", "south")], m, lambda m: m) for m in (full, halved))
    assert [(r.type, r.forward) for r in one] == [(r.type, r.forward) for r in two]
    assert two[0].confidence == pytest.approx(one[0].confidence / 2)
