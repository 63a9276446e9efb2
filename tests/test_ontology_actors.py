"""The actor gazetteer (ontology/actors.yaml) is well-formed, complete and unambiguous."""
from __future__ import annotations

import importlib.resources
import re
from collections import defaultdict

import pytest
import yaml

from briefgraph.model import ACTOR_TYPES, name_key

TYPES = {"state", "armed_group", "organization", "igo", "person", "collective", "ethnic_group"}
KEYS = {"name", "type", "aliases", "acronyms", "demonyms", "capital", "state"}
LIST_KEYS = ("aliases", "acronyms", "demonyms")

# The 193 UN member states, by the canonical name used in the gazetteer.
UN_MEMBERS = """
Afghanistan; Albania; Algeria; Andorra; Angola; Antigua and Barbuda; Argentina; Armenia; Australia;
Austria; Azerbaijan; Bahamas; Bahrain; Bangladesh; Barbados; Belarus; Belgium; Belize; Benin; Bhutan;
Bolivia; Bosnia and Herzegovina; Botswana; Brazil; Brunei; Bulgaria; Burkina Faso; Burundi; Cape Verde;
Cambodia; Cameroon; Canada; Central African Republic; Chad; Chile; China; Colombia; Comoros;
Republic of the Congo; Costa Rica; Côte d'Ivoire; Croatia; Cuba; Cyprus; Czech Republic; North Korea;
Democratic Republic of the Congo; Denmark; Djibouti; Dominica; Dominican Republic; Ecuador; Egypt;
El Salvador; Equatorial Guinea; Eritrea; Estonia; Eswatini; Ethiopia; Fiji; Finland; France; Gabon;
Gambia; Georgia; Germany; Ghana; Greece; Grenada; Guatemala; Guinea; Guinea-Bissau; Guyana; Haiti;
Honduras; Hungary; Iceland; India; Indonesia; Iran; Iraq; Ireland; Israel; Italy; Jamaica; Japan; Jordan;
Kazakhstan; Kenya; Kiribati; Kuwait; Kyrgyzstan; Laos; Latvia; Lebanon; Lesotho; Liberia; Libya;
Liechtenstein; Lithuania; Luxembourg; Madagascar; Malawi; Malaysia; Maldives; Mali; Malta;
Marshall Islands; Mauritania; Mauritius; Mexico; Federated States of Micronesia; Moldova; Monaco;
Mongolia; Montenegro; Morocco; Mozambique; Myanmar; Namibia; Nauru; Nepal; Netherlands; New Zealand;
Nicaragua; Niger; Nigeria; North Macedonia; Norway; Oman; Pakistan; Palau; Panama; Papua New Guinea;
Paraguay; Peru; Philippines; Poland; Portugal; Qatar; South Korea; Romania; Russia; Rwanda;
Saint Kitts and Nevis; Saint Lucia; Saint Vincent and the Grenadines; Samoa; San Marino;
São Tomé and Príncipe; Saudi Arabia; Senegal; Serbia; Seychelles; Sierra Leone; Singapore; Slovakia;
Slovenia; Solomon Islands; Somalia; South Africa; South Sudan; Spain; Sri Lanka; Sudan; Suriname;
Sweden; Switzerland; Syria; Tajikistan; Thailand; Timor-Leste; Togo; Tonga; Trinidad and Tobago;
Tunisia; Turkey; Turkmenistan; Tuvalu; Uganda; Ukraine; United Arab Emirates; United Kingdom; Tanzania;
United States; Uruguay; Uzbekistan; Vanuatu; Venezuela; Vietnam; Yemen; Zambia; Zimbabwe
"""
UN_MEMBER_NAMES = [n.strip() for n in UN_MEMBERS.replace("\n", " ").split(";")]

# Strings deliberately shared by two entries. Empty: every ambiguity was resolved by
# keeping the form on one entry (see the comments in actors.yaml).
SHARED_OK: set[str] = set()


@pytest.fixture(scope="module")
def entries() -> list[dict]:
    path = importlib.resources.files("briefgraph") / "ontology" / "actors.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


@pytest.fixture(scope="module")
def by_name(entries) -> dict[str, dict]:
    return {e["name"]: e for e in entries}


def _case_insensitive_forms(e: dict) -> list[str]:
    return [e["name"], *e.get("aliases", []), *e.get("demonyms", []), *([e["capital"]] if "capital" in e else [])]


def _resolve_acronym(entries: list[dict], acronym: str) -> list[str]:
    return [e["name"] for e in entries if acronym in e.get("acronyms", [])]


def _resolve_alias(entries: list[dict], text: str) -> list[str]:
    key = name_key(text)
    return [e["name"] for e in entries if key in {name_key(s) for s in [e["name"], *e.get("aliases", [])]}]


def test_gazetteer_has_at_least_300_entries(entries):
    assert len(entries) >= 300


def test_every_entry_is_a_mapping_with_known_keys_and_string_values(entries):
    for e in entries:
        assert isinstance(e, dict), e
        assert set(e) <= KEYS, (e.get("name"), set(e) - KEYS)
        assert isinstance(e.get("name"), str) and e["name"].strip() == e["name"] and e["name"], e
        for key in LIST_KEYS:
            if key in e:
                values = e[key]
                assert isinstance(values, list), (e["name"], key)
                # YAML 1.1 turns bare yes/no/on/off into booleans; every value must stay a string.
                assert all(isinstance(v, str) and v.strip() == v and v for v in values), (e["name"], key, values)
                assert len(set(values)) == len(values), (e["name"], key, values)
        if "capital" in e:
            assert isinstance(e["capital"], str) and e["capital"], e["name"]


def test_every_entry_has_a_valid_type(entries):
    assert TYPES <= set(ACTOR_TYPES)
    bad = [(e["name"], e.get("type")) for e in entries if e.get("type") not in TYPES]
    assert not bad


def test_only_people_carry_a_state_and_it_names_a_state_entry(entries, by_name):
    bad = [e["name"] for e in entries if "state" in e
           and (e["type"] != "person" or by_name.get(e["state"], {}).get("type") != "state")]
    assert not bad


def test_only_states_carry_demonyms_and_capitals(entries):
    bad = [e["name"] for e in entries if e["type"] != "state" and ("demonyms" in e or "capital" in e)]
    assert not bad


def test_all_193_un_member_states_are_present_as_states(by_name, entries):
    assert len(UN_MEMBER_NAMES) == 193
    missing = [n for n in UN_MEMBER_NAMES if n not in by_name]
    assert not missing
    wrong = [n for n in UN_MEMBER_NAMES if by_name[n]["type"] != "state"]
    assert not wrong
    assert sum(e["type"] == "state" for e in entries) >= 193
    for n in ("Palestine", "Holy See", "Taiwan", "Kosovo"):
        assert by_name[n]["type"] == "state"


def test_un_member_states_all_have_demonyms_except_documented_gaps(by_name):
    # Left out on purpose: shared or mostly-ethnic adjectives (see comments in actors.yaml).
    no_demonym = {"Central African Republic", "Republic of the Congo", "Dominica"}
    missing = [n for n in UN_MEMBER_NAMES if n not in no_demonym and not by_name[n].get("demonyms")]
    assert not missing


def test_canonical_names_are_unique(entries):
    names = [e["name"] for e in entries]
    assert len(names) == len(set(names))
    keys = defaultdict(list)
    for n in names:
        keys[name_key(n)].append(n)
    assert not {k: v for k, v in keys.items() if len(v) > 1}


def test_no_name_alias_demonym_or_capital_belongs_to_two_entries(entries):
    owners: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        for form in _case_insensitive_forms(e):
            owners[name_key(form)].add(e["name"])
    clashes = {k: sorted(v) for k, v in owners.items() if len(v) > 1 and k not in SHARED_OK}
    assert not clashes


def test_no_acronym_belongs_to_two_entries(entries):
    owners: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        for a in e.get("acronyms", []):
            owners[a].add(e["name"])
    clashes = {k: sorted(v) for k, v in owners.items() if len(v) > 1 and k not in SHARED_OK}
    assert not clashes


def test_no_acronym_equals_another_entrys_name_or_alias(entries):
    forms: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        for form in _case_insensitive_forms(e):
            forms[form].add(e["name"])
    clashes = {}
    for e in entries:
        for a in e.get("acronyms", []):
            others = forms.get(a, set()) - {e["name"]}
            if others:
                clashes[a] = sorted(others | {e["name"]})
    assert not clashes


def test_no_single_lowercase_word_is_an_alias(entries):
    # Case-insensitive aliases such as "party" or "base" would match ordinary prose.
    bad = [(e["name"], a) for e in entries for a in e.get("aliases", []) if re.fullmatch(r"[a-z]+", a)]
    assert not bad


def test_tajikistan_is_a_state_with_capital_dushanbe(by_name):
    tj = by_name["Tajikistan"]
    assert tj["type"] == "state"
    assert tj["capital"] == "Dushanbe"
    assert "Tajik" in tj["demonyms"]


def test_tip_and_etim_resolve_to_the_turkistan_islamic_party(entries, by_name):
    assert _resolve_acronym(entries, "TIP") == ["Turkistan Islamic Party"]
    assert _resolve_acronym(entries, "ETIM") == ["Turkistan Islamic Party"]
    assert _resolve_alias(entries, "East Turkestan Islamic Movement") == ["Turkistan Islamic Party"]
    assert by_name["Turkistan Islamic Party"]["type"] == "armed_group"


def test_iskp_resolves_to_islamic_state_khorasan(entries):
    for form in ("ISKP", "ISK", "IS-K", "ISIS-K"):
        assert _resolve_acronym(entries, form) == ["Islamic State Khorasan"], form
    assert _resolve_alias(entries, "Islamic State Khorasan Province") == ["Islamic State Khorasan"]


def test_us_forms_resolve_to_the_united_states(entries, by_name):
    for form in ("U.S.", "US", "USA"):
        assert _resolve_acronym(entries, form) == ["United States"], form
    assert _resolve_alias(entries, "United States of America") == ["United States"]
    us = by_name["United States"]
    assert us["capital"] == "Washington" and "American" in us["demonyms"]


def test_major_powers_have_expected_metonyms(by_name):
    assert by_name["Russia"]["capital"] == "Moscow"
    assert by_name["China"]["capital"] == "Beijing" and "PRC" in by_name["China"]["acronyms"]
    assert by_name["Iran"]["capital"] == "Tehran"
    assert "UK" in by_name["United Kingdom"]["acronyms"] and "Britain" in by_name["United Kingdom"]["aliases"]
    assert "Türkiye" in by_name["Turkey"]["aliases"]
    assert "DPRK" in by_name["North Korea"]["acronyms"] and "ROK" in by_name["South Korea"]["acronyms"]


def test_congolese_is_on_one_congo_only(entries):
    owners = [e["name"] for e in entries if "Congolese" in e.get("demonyms", [])]
    assert len(owners) <= 1


def test_ethnic_labels_are_not_state_demonyms(entries):
    demonyms = {d for e in entries for d in e.get("demonyms", [])}
    assert not demonyms & {"Kurdish", "Kurd", "Arab", "Jewish", "Korean", "Serb", "Croat", "Malay"}


def test_islamic_emirate_is_the_taliban_not_the_state(entries):
    assert _resolve_alias(entries, "Islamic Emirate of Afghanistan") == ["Taliban"]


def test_required_igos_and_armed_groups_are_present(entries):
    acronyms = {a: e["type"] for e in entries for a in e.get("acronyms", [])}
    for a in ("UN", "UNSC", "NATO", "EU", "AU", "ECOWAS", "SCO", "CSTO", "CIS", "OSCE", "GCC", "OIC",
              "ICC", "ICJ", "UNAMA", "MONUSCO", "MINUSMA", "ATMIS", "UNHCR", "IAEA", "IMF"):
        assert acronyms.get(a) == "igo", a
    for a in ("AQAP", "AQIM", "AQIS", "JNIM", "HTS", "ISIS", "ISWAP", "IMU", "IJU", "TTP", "LeT", "JeM",
              "BLA", "PIJ", "KH", "AAH", "PMF", "PKK", "YPG", "SDF", "RSF", "SAF", "ADF", "JAS", "FARC",
              "ELN", "LRA", "TPLF", "ETA"):
        assert acronyms.get(a) == "armed_group", a
    assert sum(e["type"] == "armed_group" for e in entries) >= 120


def test_jund_al_khilafah_and_jamaat_ansarullah_are_listed(entries):
    assert _resolve_alias(entries, "Jund al-Khilafa") == ["Jund al-Khilafah"]
    assert _resolve_alias(entries, "Jamaat Ansarullah") == ["Jamaat Ansarullah"]
    assert _resolve_alias(entries, "Ansar Allah") == ["Houthis"]
    assert _resolve_alias(entries, "Jabhat al-Nusra") == ["Hayat Tahrir al-Sham"]
