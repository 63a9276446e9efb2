"""What a sentence says beyond its words: denials, accusations, failed attempts, severing in
solidarity, double negatives, ditransitive supply (sentences written for these tests)."""
import pytest

from briefgraph.nlp.pipeline import extract_text

pytestmark = pytest.mark.model


def claims(text):
    g = extract_text(text)
    names = {a.id: a.name for a in g.actors}
    return {(names[c.source], c.type, names[c.target], c.modality.status) for c in g.claims}, g


def pairs_of(found):
    return {(s, o) for s, _, o, _ in found}


def test_supplying_something_to_an_actor_aids_it():
    found, _ = claims("Iran supplies weapons to Hezbollah.")
    assert ("Iran", "AID", "Hezbollah", "asserted") in found


def test_a_denial_is_the_deniers_contested_claim_not_a_negated_fact():
    found, _ = claims("Syria denies arming Hamas.")
    assert ("Syria", "AID", "Hamas", "reported") in found
    assert not any(st == "negated" for *_, st in found)


def test_an_accusation_accuses_the_accused_and_reports_its_act():
    found, _ = claims("Pakistan accused the Taliban of harbouring al-Qaeda fighters.")
    assert ("Pakistan", "ACCUSE", "Taliban", "asserted") in found
    assert ("Taliban", "AID", "al-Qaeda", "reported") in found
    assert ("Pakistan", "al-Qaeda") not in pairs_of(found)


def test_a_passive_accusation_reports_the_act_of_its_subject():
    found, _ = claims("Eritrea was blamed for sheltering al-Shabaab.")
    assert ("Eritrea", "AID", "al-Shabaab", "reported") in found


def test_a_failed_attack_is_an_attack_that_took_place():
    found, g = claims("Ethiopia failed to dislodge al-Shabaab from the town.")
    assert ("Ethiopia", "ASSAULT", "al-Shabaab", "asserted") in found
    assert "failed attempt" in g.claims[0].modality.cues


def test_failing_to_give_help_means_it_was_not_given():
    found, _ = claims("Egypt failed to pay Sudan.")
    assert ("Egypt", "AID", "Sudan", "negated") in found


def test_severing_ties_in_solidarity_rejects_one_side_and_supports_the_other():
    found, _ = claims("Bahrain severed ties with Qatar in solidarity with Egypt.")
    assert ("Bahrain", "REJECT", "Qatar", "asserted") in found
    assert ("Bahrain", "SUPPORT", "Egypt", "asserted") in found
    assert ("Bahrain", "REJECT", "Egypt", "asserted") not in found


def test_breaking_a_pledge_not_to_act_says_the_act_happened():
    found, _ = claims("Hamas violated its commitment to not allowing Hezbollah to operate.")
    assert ("Hamas", "CONCEDE", "Hezbollah", "asserted") in found


def test_breaking_a_pledge_to_act_says_it_did_not_happen():
    found, _ = claims("Turkey violated its commitment to supporting Qatar.")
    assert ("Turkey", "SUPPORT", "Qatar", "negated") in found


def test_a_hyphenated_pair_striking_together_are_partners_and_both_strike():
    found, _ = claims("French-Chadian strikes on Boko Haram resumed.")
    assert ("France", "COOPERATE", "Chad", "asserted") in found
    assert {("France", "Boko Haram"), ("Chad", "Boko Haram")} <= pairs_of(found)


def test_refusing_contact_with_an_actor_rejects_it():
    found, _ = claims("Cuba has refused any contact with Canada.")
    assert ("Cuba", "REJECT", "Canada", "asserted") in found


def test_declining_an_actors_request_rejects_it_and_the_request_stands():
    found, _ = claims("Chile declined Brazilian requests to lead the force.")
    assert ("Chile", "REJECT", "Brazil", "asserted") in found
    assert ("Brazil", "REQUEST", "Chile", "asserted") in found


def test_a_backed_group_described_beside_its_name_is_that_actor():
    found, g = claims("Last year the Iran-backed group Lebanese Hezbollah began firing into Israel.")
    assert ("Iran", "SUPPORT", "Hezbollah", "asserted") in found
    assert not any(a.name.startswith("Iran-backed") for a in g.actors)


def test_a_parenthesised_description_describes_the_name_before_it():
    found, g = claims("The raid by Hamas (an Iran-backed armed group) began the war.")
    assert ("Iran", "SUPPORT", "Hamas", "asserted") in found
    assert not any(a.name.startswith("Iran-backed") for a in g.actors)


def test_two_names_of_one_actor_joined_by_a_slash_are_that_actor():
    _, g = claims("The Ansarallah/Houthi movement resumed attacks on Saudi Arabia.")
    assert "Houthis" in {a.name for a in g.actors}


def test_welcoming_an_event_does_not_make_the_welcomers_its_parties():
    found, _ = claims("Oman, Kuwait and Qatar welcomed the ceasefire.")
    assert not found


def test_an_event_that_was_not_deterred_is_not_the_deterrers():
    found, _ = claims("Russian threats have not deterred Western military aid to Ukraine.")
    assert ("Russia", "Ukraine") not in pairs_of(found)


def test_working_to_counter_an_actor_opposes_it():
    found, _ = claims("Japan worked with Australia to counter North Korea's sanctions evasion.")
    assert ("Japan", "OPPOSE", "North Korea", "asserted") in found


def test_a_state_possessing_a_named_body_owns_it():
    found, _ = claims("Iran's Bank Melli financed the deal.")
    assert ("Bank Melli", "AFFILIATE_OF", "Iran", "asserted") in found


def test_a_firm_described_by_a_demonym_belongs_to_that_state():
    found, _ = claims("The Israeli defense firm Elbit Systems won a contract.")
    assert ("Elbit Systems", "AFFILIATE_OF", "Israel", "asserted") in found


def test_a_withdrawal_from_a_state_is_a_retreat_from_it_not_its_act():
    found, _ = claims("American forces completed their drawdown from Iraq.")
    assert ("United States", "RETREAT", "Iraq", "asserted") in found
    assert ("Iraq", "RETREAT", "United States", "asserted") not in found


def test_an_abbreviated_state_before_a_hyphenated_verb_is_split_off():
    found, _ = claims("The exiled, U.S.-sanctioned Rafael Correa met Noboa.")
    assert ("United States", "SANCTION", "Rafael Correa", "asserted") in found


def test_blocking_an_effort_led_by_an_actor_rejects_that_actor():
    found, _ = claims("Russia blocked U.S.-led efforts at the UN to adopt sanctions on North Korea.")
    assert ("Russia", "REJECT", "United States", "asserted") in found
    assert ("Russia", "SANCTION", "North Korea", "hypothetical") not in found


def test_an_event_attributed_to_an_actor_is_its_reported_act():
    found, _ = claims("Airstrikes attributed to Israel hit Hezbollah.")
    assert ("Israel", "Hezbollah") in pairs_of(found)
    found, _ = claims("Saudi Arabia attributed the strikes on Kuwait to Hezbollah.")
    assert ("Hezbollah", "ASSAULT", "Kuwait", "reported") in found
    assert ("Saudi Arabia", "Kuwait") not in pairs_of(found)


def test_a_group_based_in_a_state_is_based_there():
    found, _ = claims("Iraq-based militias struck Jordan.")
    assert ("Iraq-based militias", "BASED_IN", "Iraq", "asserted") in found


def test_a_middle_initial_does_not_hide_a_known_person():
    _, g = claims("President Donald J. Trump met Kim Jong Un.")
    assert "Donald Trump" in {a.name for a in g.actors}


def test_an_adviser_of_a_state_serves_it():
    found, _ = claims("Emirati adviser Anwar Gargash met Iranian officials.")
    assert ("Anwar Gargash", "MEMBER_OF", "United Arab Emirates", "asserted") in found


def test_a_person_of_an_organisation_belongs_to_it():
    found, _ = claims("Ahmed Ali of Hezbollah met Lebanese officials.")
    assert ("Ahmed Ali", "MEMBER_OF", "Hezbollah", "asserted") in found


def test_all_of_which_refers_to_the_listed_actors():
    found, _ = claims("Oman, Kuwait and Qatar (all of which have been attacked by Iran) welcomed the deal.")
    assert {("Iran", "Oman"), ("Iran", "Kuwait"), ("Iran", "Qatar")} <= pairs_of(found)


def test_a_body_named_after_a_state_belongs_to_it():
    found, _ = claims("The U.S. Department of Justice indicted Mexican officials. The United States also sanctioned Mexico.")
    assert ("U.S. Department of Justice", "AFFILIATE_OF", "United States", "asserted") in found


def test_a_hyphenated_pair_of_states_is_no_body_of_either():
    found, _ = claims("ROK-Japan relations often are fraught, and South Korea protested.")
    assert not any(t == "AFFILIATE_OF" for _, t, _, _ in found)


def test_a_possessor_before_a_date_owns_the_event():
    found, _ = claims("Israel's September 2025 strike against Hamas negotiators in Qatar angered Doha.")
    assert ("Israel", "ASSAULT", "Hamas", "asserted") in found


def test_calling_for_an_actor_to_act_requests_it():
    found, _ = claims("Japan has called for South Korea and other countries to deploy naval vessels.")
    assert ("Japan", "REQUEST", "South Korea", "asserted") in found


def test_a_title_is_not_part_of_what_is_reported():
    found, _ = claims("President Putin reportedly threatened Ukraine. Russia denied it.")
    assert ("Vladimir Putin", "LEADER_OF", "Russia", "asserted") in found
    assert ("Vladimir Putin", "THREATEN", "Ukraine", "reported") in found


def test_meeting_an_obligation_is_no_meeting_with_its_owner():
    found, _ = claims("Egypt has not met its deliveries to Sudan, and Qatar met Sudan's envoy.")
    assert ("Egypt", "Sudan") not in pairs_of(found)
    assert ("Qatar", "CONSULT", "Sudan", "asserted") in found


def test_threatening_to_impose_tariffs_on_an_actor_threatens_it():
    found, _ = claims("Canada threatened to impose a 10% tariff on Mexico.")
    assert ("Canada", "THREATEN", "Mexico", "asserted") in found
    assert ("Canada", "SANCTION", "Mexico", "hypothetical") in found


def test_seeking_to_inflict_harm_on_an_actor_is_no_request_of_it():
    found, _ = claims("Russia said the United States seeks to inflict strategic defeat on Russia.")
    assert not any(t == "REQUEST" for _, t, _, _ in found)


def test_a_bracketed_relative_clause_is_about_the_name_just_before_it():
    found, _ = claims("Officials from Russia, Turkey, and China (which reportedly encouraged Iran to accept the deal) "
                      "reacted positively.")
    assert ("China", "REQUEST", "Iran", "reported") in found
    assert ("Russia", "Iran") not in pairs_of(found) and ("Turkey", "Iran") not in pairs_of(found)


def test_coordinated_owners_of_officials_both_act():
    found, _ = claims("Whereas U.S. and Caribbean Community officials praised Kenya, analysts doubted it.")
    assert {("United States", "Kenya"), ("Caribbean Community", "Kenya")} <= pairs_of(found)


def test_a_broker_consults_the_parties_who_agree_among_themselves():
    found, _ = claims("Norway brokered a framework involving Israel and Jordan.")
    assert ("Israel", "AGREE", "Jordan", "asserted") in found
    assert {("Norway", "Israel"), ("Norway", "Jordan")} <= pairs_of(found)


def test_a_hyphenated_broker_of_a_ceasefire_consults_both_sides():
    found, _ = claims("The Egypt-brokered ceasefire between Israel and Hamas held.")
    assert ("Egypt", "CONSULT", "Israel", "asserted") in found and ("Egypt", "CONSULT", "Hamas", "asserted") in found


def test_demands_that_include_an_event_against_an_actor_make_it_no_member():
    found, _ = claims("The militias revised their demands to include the expulsion of Turkish forces from Iraq.")
    assert not any(t == "MEMBER_OF" for _, t, _, _ in found)


def test_a_gerund_after_a_preposition_is_done_by_the_clause_subject():
    found, _ = claims("Hezbollah suffered major losses in fighting with Israel.")
    assert ("Hezbollah", "ASSAULT", "Israel", "asserted") in found


def test_harming_an_actors_economy_coerces_it():
    found, _ = claims("Germany's tariff actions appear to have harmed Poland's economy.")
    assert ("Germany", "COERCE", "Poland", "possible") in found


def test_measures_imposed_on_a_states_companies_sanction_it():
    found, _ = claims("Beijing has imposed retaliatory measures on South Korean companies.")
    assert ("China", "SANCTION", "South Korea", "asserted") in found


def test_a_mission_consisting_of_personnel_from_states_has_them_as_members():
    found, _ = claims("The African Union mission consisted of 1,000 personnel from Kenya, Ghana and Chad.")
    assert {("Kenya", "African Union"), ("Ghana", "African Union"), ("Chad", "African Union")} <= pairs_of(found)


def test_a_states_role_as_a_partner_of_another_is_a_tie():
    found, _ = claims("The UAE's role as a major trading partner of Iran is growing.")
    assert ("United Arab Emirates", "ALLY_OF", "Iran", "asserted") in found
