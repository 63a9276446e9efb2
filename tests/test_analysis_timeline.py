"""Timeline diffs between windows, and centrality."""
from analysis_graphs import Builder, signed, taliban_like
from briefgraph.analysis.centrality import centrality
from briefgraph.analysis.network import network
from briefgraph.analysis.timeline import diff_at, diff_dict


def two_periods():
    b = Builder().document("2021-01-10").rel("A", "B", 1).rel("B", "C", -1).rel("E", "F", 1)
    b.document("2021-06-01").rel("A", "B", -1).rel("B", "C", -1).rel("C", "D", 1)
    return b.graph()


def test_timeline_diff_reports_contradicted_new_and_not_repeated_ties():
    d = diff_dict(diff_at(two_periods(), "2021-03-01"))
    assert [(f["source"], f["target"], f["before"], f["after"], f["how"]) for f in d["contradicted"]] == \
        [("A", "B", 1, -1, "opposite sign")]
    assert [(e["source"], e["target"]) for e in d["new_ties"]] == [("C", "D")]
    assert [(e["source"], e["target"]) for e in d["not_repeated"]] == [("E", "F")]


def test_diff_a_later_negation_contradicts_a_tie_rather_than_leaving_it_unrepeated():
    b = Builder().document("2021-01-10").rel("A", "B", 1, type_="SUPPORT")
    b.document("2021-06-01").rel("A", "B", 1, status="negated", type_="SUPPORT")
    d = diff_dict(diff_at(b.graph(), "2021-03-01"))
    assert [(c["source"], c["target"], c["how"]) for c in d["contradicted"]] == [("A", "B", "negated")]
    assert d["not_repeated"] == [] and d["new_ties"] == []


def test_diff_lists_undated_briefs_instead_of_dropping_them_silently():
    b = Builder().document("2021-01-10").rel("A", "B", 1)
    b.document(None).rel("C", "D", -1)
    d = diff_dict(diff_at(b.graph(), "2021-03-01"))
    assert d["undated"] == [{"path": "brief-0.txt", "title": None}, {"path": "brief-2.txt", "title": None}]


def test_timeline_diff_reports_actors_entering_and_leaving():
    d = diff_dict(diff_at(two_periods(), "2021-03-01"))
    assert d["entered"] == ["D"]
    assert d["left"] == ["E", "F"]


def test_timeline_diff_from_a_date_after_everything_repeats_no_tie():
    d = diff_dict(diff_at(two_periods(), "2022-01-01"))
    assert d["new_ties"] == [] and len(d["not_repeated"]) == 4


def test_centrality_puts_the_hub_first_with_its_betweenness():
    result = centrality(network(signed([("Hub", "A", 1), ("Hub", "B", -1), ("Hub", "C", 1), ("A", "D", 1)])))
    top = result["actors"][0]
    assert (top["actor"], top["ties"], top["positive"], top["negative"]) == ("Hub", 3, 2.0, 1.0)
    assert top["betweenness"] > result["actors"][1]["betweenness"]
    assert result["betweenness_sampled"] is False


def test_centrality_counts_structural_ties_in_weighted_degree():
    result = centrality(network(signed([("A", "B", 0), ("A", "C", 0)])))
    assert result["actors"][0]["actor"] == "A"
    assert result["actors"][0]["degree"] == 2.0


def test_centrality_ranks_taliban_first_on_a_graph_like_the_example_brief():
    assert centrality(network(taliban_like()))["actors"][0]["actor"] == "Taliban"


def test_diff_never_counts_a_date_written_in_words_as_later():
    b = Builder().document("2021-01-10").rel("A", "B", 1)
    b.document("soon").rel("C", "D", -1)
    d = diff_dict(diff_at(b.graph(), "2021-03-01"))
    assert d["new_ties"] == [] and "brief-2.txt" in [u["path"] for u in d["undated"]]
