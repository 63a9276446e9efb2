"""The cue lexicons are data: every entry must load as the types the extractor expects."""
import pytest

from briefgraph.nlp.lexicon import load
from briefgraph.model import QUADS, STATUSES


def _strings(values):
    return all(isinstance(v, str) for v in values)


def test_every_event_cue_names_a_known_type():
    lex = load("events")
    for section in ("verbs", "nouns", "adjectives"):
        for cue, entry in lex[section].items():
            assert entry["type"] in lex["types"], (section, cue)
    for section in ("relational_nouns", "role_nouns", "hyphen_verbs"):
        for cue, type_ in lex[section].items():
            assert type_ in lex["types"], (section, cue)


def test_prepositions_are_strings_not_yaml_booleans():
    # YAML 1.1 reads a bare `on` as True: the lexicon must quote it.
    lex = load("events")
    for section in ("verbs", "nouns", "adjectives"):
        for cue, entry in lex[section].items():
            assert _strings(entry.get("preps", [])), (section, cue)


def test_types_have_a_quad_and_a_sign():
    for name, info in load("events")["types"].items():
        assert info["quad"] in QUADS and info["sign"] in (-1, 0, 1), name


def test_modality_cues_map_to_contract_statuses():
    mod = load("modality")
    assert _strings(mod["never_words"]) and "no" in mod["never_words"]
    for table in ("adverbs", "governing_verbs", "governing_nouns"):
        for cue, status in mod[table].items():
            assert status in STATUSES, (table, cue)
    for phrase, (status, probability) in mod["icd203"].items():
        assert status in STATUSES and 0 < probability < 1, phrase


@pytest.mark.parametrize("name", ["mentions", "events", "modality"])
def test_word_lists_hold_only_strings(name):
    for key, value in load(name).items():
        if isinstance(value, list):
            assert _strings(value), (name, key)
