"""End-to-end extraction on short texts written for these tests (loads the real spaCy model)."""
import pytest

from briefgraph.nlp.pipeline import extract_text

pytestmark = pytest.mark.model


def rels(text):
    g = extract_text(text)
    names = {a.id: a.name for a in g.actors}
    return {(names[r.source], r.type, names[r.target], r.modality.status) for r in g.relations}, g


def has(found, source, type_, target, status=None):
    return any(s == source and t == type_ and o == target and (status is None or st == status)
               for s, t, o, st in found)


def test_active_verb_gives_source_and_target():
    found, _ = rels("Russia attacked Ukraine in February.")
    assert has(found, "Russia", "ASSAULT", "Ukraine", "asserted")


def test_passive_voice_keeps_agent_as_source():
    found, _ = rels("The convoy of Hamas was struck by Israel.")
    assert not has(found, "Hamas", "ASSAULT", "Israel")


def test_passive_voice_by_agent_is_source():
    found, _ = rels("Hamas was condemned by Egypt last week.")
    assert has(found, "Egypt", "ACCUSE", "Hamas")


def test_coordinated_subjects_each_make_a_claim():
    found, _ = rels("China and Pakistan have pressured the Taliban.")
    assert has(found, "China", "COERCE", "Taliban") and has(found, "Pakistan", "COERCE", "Taliban")


def test_coordinated_verbs_share_their_objects():
    found, _ = rels("Iran hosted or cooperated with Hamas and Hezbollah for years.")
    assert has(found, "Iran", "COOPERATE", "Hamas") and has(found, "Iran", "COOPERATE", "Hezbollah")
    assert has(found, "Iran", "AID", "Hamas")


def test_control_verb_makes_embedded_claim_hypothetical():
    found, _ = rels("Qatar pressured Hamas to attack Israel.")
    assert has(found, "Qatar", "COERCE", "Hamas", "asserted")
    assert has(found, "Hamas", "ASSAULT", "Israel", "hypothetical")


def test_light_verb_with_event_noun_takes_the_nouns_type():
    found, _ = rels("The Houthis launched strikes on Israel in July.")
    assert has(found, "Houthis", "ASSAULT", "Israel")


def test_event_noun_with_possessive_source():
    found, _ = rels("Iran's support for Hezbollah has grown.")
    assert has(found, "Iran", "SUPPORT", "Hezbollah")


def test_event_noun_between_two_actors():
    found, _ = rels("Clashes between Sudan and Chad have intensified.")
    assert has(found, "Sudan", "ASSAULT", "Chad")


def test_hyphenated_backer_supports_the_named_group():
    found, _ = rels("The Iranian-backed Houthis fired missiles.")
    assert has(found, "Iran", "SUPPORT", "Houthis")


def test_ethnic_led_modifier_becomes_an_attribute():
    _, g = rels("The Uighur-led Turkistan Islamic Party moved fighters to Syria.")
    tip = g.actor("Turkistan Islamic Party")
    assert tip is not None and tip.attributes.get("led_by") == "Uighur"


def test_copula_with_relational_noun_is_an_alliance():
    found, _ = rels("Russia is Syria's closest ally.")
    assert has(found, "Russia", "ALLY_OF", "Syria")


def test_role_noun_makes_person_leader_of_group():
    found, _ = rels("Hezbollah leader Hassan Nasrallah gave a speech.")
    assert has(found, "Hassan Nasrallah", "LEADER_OF", "Hezbollah")


def test_stance_adjective_after_copula():
    found, _ = rels("Algeria remains wary of Morocco.")
    assert has(found, "Algeria", "OPPOSE", "Morocco")


def test_reportedly_marks_claim_reported():
    found, _ = rels("Eritrea was reportedly arming Ethiopia.")
    assert has(found, "Eritrea", "AID", "Ethiopia", "reported")


def test_cannot_negates_the_claim():
    found, _ = rels("Pakistan cannot attack India.")
    assert has(found, "Pakistan", "ASSAULT", "India", "negated")


def test_negation_does_not_cross_into_the_next_conjunct():
    found, _ = rels("Iran did not arm Hamas, but trained Hezbollah.")
    assert has(found, "Iran", "AID", "Hamas", "negated")
    assert has(found, "Iran", "AID", "Hezbollah", "asserted")


def test_estimative_language_sets_icd203_probability():
    g = extract_text("Russia will very likely attack Ukraine again.")
    rel = next(r for r in g.relations if r.type == "ASSAULT")
    assert rel.modality.status == "probable" and rel.modality.probability == pytest.approx(0.875)


def test_parenthesised_acronym_is_an_alias_of_the_whole_name():
    _, g = rels("The Coastal Liberation Front (CLF) attacked Kenya. Later the CLF withdrew.")
    actor = g.actor("CLF")
    assert actor is not None and actor.name == "Coastal Liberation Front"
    assert len(actor.mentions) == 3


def test_formerly_names_join_one_actor():
    _, g = rels("The Jordan Valley Brigade (JVB, formerly the Valley Defence Front) attacked Israel.")
    actor = g.actor("JVB")
    assert actor is not None and "Valley Defence Front" in actor.aliases


def test_pronoun_resolves_to_the_only_candidate():
    found, _ = rels("Tajikistan is worried. It condemned the Taliban.")
    assert has(found, "Tajikistan", "ACCUSE", "Taliban")


def test_both_countries_resolves_to_the_pair():
    found, _ = rels("China met Pakistan in May, and both countries condemned India.")
    assert has(found, "China", "ACCUSE", "India") and has(found, "Pakistan", "ACCUSE", "India")


def test_collective_actor_is_typed_collective():
    _, g = rels("Central Asian countries remain wary of the Taliban.")
    actor = g.actor("Central Asian countries")
    assert actor is not None and actor.type == "collective"


def test_state_type_is_right_even_when_ner_is_wrong():
    _, g = rels("Tajikistan condemned the Taliban.")
    assert g.actor("Tajikistan").type == "state"


def test_capital_used_as_metonym_is_the_state_but_not_as_a_place():
    found, g = rels("Moscow condemned Kyiv. Talks were held in Doha.")
    assert has(found, "Russia", "ACCUSE", "Ukraine")
    assert g.actor("Qatar") is None


def test_every_evidence_span_matches_the_text():
    text = "Iran's support for Hezbollah has grown.\n\nThe Houthis launched strikes on Israel."
    g = extract_text(text)
    assert g.relations
    for r in g.relations:
        for e in r.evidence:
            assert text[e.start:e.end] == e.text


def test_unnamed_groups_are_actors_only_when_asked_for():
    text = "Riot police arrested protesters in the capital."
    assert not extract_text(text).relations
    from briefgraph.nlp.pipeline import extract_documents_iter
    from briefgraph.model import Document
    _, g = next(extract_documents_iter([Document(text=text)], generic_actors=True))
    names = {a.id: a.name for a in g.actors}
    assert {(names[r.source], r.type, names[r.target]) for r in g.relations} == {("riot police", "COERCE", "protesters")}


def test_severing_ties_is_a_rejection_not_cooperation():
    found, _ = rels("Mali severed diplomatic ties with Ukraine in August.")
    assert has(found, "Mali", "REJECT", "Ukraine") and not has(found, "Mali", "COOPERATE", "Ukraine")


def test_led_coalition_is_an_actor_led_by_the_state():
    found, _ = rels("The Saudi-led coalition failed to dislodge the Houthis.")
    assert has(found, "Saudi Arabia", "LEADER_OF", "Saudi-led coalition")
    assert has(found, "Saudi-led coalition", "ASSAULT", "Houthis", "asserted")


def test_government_of_a_state_is_the_state():
    _, g = rels("The Government of Iraq condemned the attack.")
    assert g.actor("Government of Iraq").name == "Iraq"


def test_demand_that_a_party_must_act_is_a_request():
    found, _ = rels("France declared that Iran must release the prisoners.")
    assert has(found, "France", "REQUEST", "Iran")


def test_partners_against_a_third_party_both_oppose_it():
    found, _ = rels("The United States partnered with the Kurds against the Islamic State.")
    assert has(found, "United States", "OPPOSE", "Islamic State")


def test_unknown_inflections_fall_back_to_the_base_verb():
    found, _ = rels("The Arab League readmitted Syria in May.")
    assert has(found, "Syria", "MEMBER_OF", "Arab League")


def test_they_resolves_to_the_only_group_before_it():
    found, _ = rels("The Houthis said they would attack Israel.")
    assert has(found, "Houthis", "ASSAULT", "Israel")


def test_they_after_a_named_pair_is_left_alone():
    _, g = rels("Egypt hosted the two leaders, Hamas and Fatah, in case they fled.")
    assert not any(m.kind == "pronoun" and m.text == "they" for a in g.actors for m in a.mentions)


def test_acting_against_an_actor_opposes_it_when_no_cue_says_more():
    found, _ = rels("Iraqi forces held their positions against Hezbollah fighters near the border.")
    assert has(found, "Iraq", "OPPOSE", "Hezbollah")


def test_denying_an_act_reports_it_and_rejects_nobody():
    found, _ = rels("The United Arab Emirates denied arming the RSF.")
    assert has(found, "United Arab Emirates", "AID", "Rapid Support Forces", "reported")
    assert not has(found, "United Arab Emirates", "REJECT", "Rapid Support Forces")


def test_raising_passive_keeps_its_subject_and_hedges():
    found, _ = rels("Russia is believed to have supplied drones to the junta in Niger.")
    assert has(found, "Russia", "AID", "Niger", "probable")


def test_seen_as_a_backer_is_a_reported_tie():
    found, _ = rels("China is seen as the main backer of the Myanmar military.")
    assert has(found, "China", "SUPPORT", "Myanmar", "reported")
