"""Pledges and commitments set against what the pledger is said to do."""
from analysis_graphs import Builder, taliban_like
from briefgraph.analysis.commitments import commitment_dict, commitments, is_pledge


def only(graph):
    found = commitments(graph)
    assert len(found) == 1
    return found[0]


def test_commitments_hypothetical_agree_is_a_pledge_and_an_attack_violates_it():
    g = (Builder().rel("A", "B", 1, "hypothetical", "AGREE", text="A would agree to a truce with B.")
         .rel("A", "B", -1, type_="ASSAULT", text="A shelled B on Monday.").graph())
    c = only(g)
    assert (c.status, c.pledged_sign) == ("violated", 1)
    assert [r.evidence[0].text for r in c.violations] == ["A shelled B on Monday."]


def test_commitments_pledge_word_and_a_later_matching_act_is_kept():
    g = (Builder().rel("A", "B", 1, text="A pledged support to B.")
         .rel("A", "B", 1, type_="AID", text="A sent B food.").graph())
    c = only(g)
    assert c.status == "kept"
    assert [r.type for r in c.support] == ["AID"]


def test_commitments_pledge_with_no_evidence_either_way_is_unclear():
    c = only(Builder().rel("A", "B", 1, text="A promised B a loan.").graph())
    assert c.status == "unclear"


def test_commitments_hedged_contradiction_leaves_the_pledge_unclear():
    g = (Builder().rel("A", "B", 1, text="A vowed to protect B.")
         .rel("A", "B", -1, "possible", type_="ASSAULT", text="A may have raided B.").graph())
    c = only(g)
    assert c.status == "unclear"
    assert len(c.hedged) == 1


def test_commitments_violation_cue_marks_a_pledge_violated_even_with_the_same_sign():
    g = (Builder().rel("A", "B", 1, text="A made a commitment to aid B.")
         .rel("A", "B", 1, type_="AID", text="A violated the deal by aiding B late.").graph())
    assert only(g).status == "violated"


def test_commitments_negated_pledge_reverses_the_pledged_sign():
    c = only(taliban_like())
    assert (c.actor, c.target, c.pledged_sign, c.status) == ("taliban", "al-qaeda", -1, "violated")
    assert [r.type for r in c.violations] == ["DEPEND_ON"]


def test_commitments_act_toward_the_targets_leader_counts_against_the_pledge():
    g = (Builder().rel("A", "Group", -1, text="A pledged to expel the Group.")
         .rel("Leader", "Group", 0, type_="LEADER_OF", text="Leader heads the Group.")
         .rel("A", "Leader", 1, type_="AID", text="A hosted Leader.").graph())
    assert only(g).status == "violated"


def test_commitments_evidence_dated_before_the_pledge_is_not_held_against_it():
    b = Builder().document("2020-01-01").rel("A", "B", -1, type_="ASSAULT", text="A raided B.")
    b.document("2021-01-01").rel("A", "B", 1, text="A promised peace with B.")
    assert only(b.graph()).status == "unclear"


def test_commitments_plain_relations_are_not_pledges():
    g = Builder().rel("A", "B", 1, type_="AGREE", text="A agreed with B.").graph()
    assert not is_pledge(g.relations[0])
    assert commitments(g) == []


def test_commitments_dict_shows_evidence_on_both_sides():
    g = taliban_like()
    names = {a.id: a.name for a in g.actors}
    d = commitment_dict(names, commitments(g)[0])
    assert d["pledges"][0]["evidence"] == ["The Taliban made a commitment to not allowing al-Qaeda on its soil."]
    assert d["violations"][0]["evidence"] == ["The Taliban depends on al-Qaeda."]
    assert d["pledge_status"] == ["negated"]
