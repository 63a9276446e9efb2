"""A small graph built from model objects, whose names and sentences are hard to carry unchanged:
quotes, a newline, '<', '&', and Arabic, Cyrillic and Chinese names."""
from __future__ import annotations

from briefgraph.model import Actor, Claim, Document, Graph, Modality, Span, aggregate

VOLKOV = "Сергей Волков"
AHMAD = "محمد الأحمد"
WANG = "王小明"
FRONT = 'Red & <Blue> "Front"'
FRONT_ALIAS = "الجبهة"

# (source, type, quad, sign, target, status, probability, confidence, sentence)
CLAIMS_2024 = [
    (VOLKOV, "LEADER_OF", "structural", 0, FRONT, "asserted", None, 0.9,
     f'{VOLKOV} said "we lead the {FRONT}"\nand then left the hall.'),
    (AHMAD, "MEMBER_OF", "structural", 0, FRONT, "reported", None, 0.8,
     f"{AHMAD} reportedly joined the {FRONT} in 2023 — a move 'few expected' (<10% of observers)."),
    ("Iran", "SUPPORT", "material_cooperation", 1, FRONT, "probable", 0.7, 0.75,
     f"Iran is likely backing the {FRONT} & its allies."),
]
CLAIMS_2025 = [
    (WANG, "CONSULT", "verbal_cooperation", 1, "Iran", "asserted", None, 0.3,
     f"{WANG} met Iran's envoy in Tehran; « talks » went on for hours."),
    (FRONT, "ASSAULT", "material_conflict", -1, "Darfur", "negated", None, 0.95,
     f"The {FRONT} did not attack Darfur."),
]
TYPES = {VOLKOV: "person", AHMAD: "person", WANG: "person", FRONT: "armed_group", "Iran": "state", "Darfur": "place"}
IDS = {VOLKOV: "sergei-volkov", AHMAD: "muhammad-al-ahmad", WANG: "wang-xiaoming", FRONT: "red-blue-front",
       "Iran": "iran", "Darfur": "darfur"}


def document(claims: list[tuple], date: str, path: str) -> tuple[Document, Graph]:
    text = "\n\n".join(c[-1] for c in claims)
    doc = Document(text=text, path=path, title=f"Brief «{path}»", date=date)
    actors = {name: Actor(IDS[name], name, TYPES[name]) for name in TYPES}
    actors[FRONT].aliases.append(FRONT_ALIAS)
    actors[FRONT].attributes["led_by"] = VOLKOV
    out, offset = [], 0
    for source, type_, quad, sign, target, status, prob, conf, sentence in claims:
        span = Span(doc.id, offset, offset + len(sentence), sentence)
        for name in (source, target):
            actors[name].mentions.append(Span(doc.id, offset + sentence.index(name), offset + sentence.index(name)
                                              + len(name), name))
        out.append(Claim(IDS[source], IDS[target], type_, quad, sign, Modality(status, prob, []), span, "", conf))
        offset += len(sentence) + 2
    used = {c.source for c in out} | {c.target for c in out}
    kept = [a for a in actors.values() if a.id in used]
    return doc, Graph([doc], kept, aggregate(out), out)


def parts() -> list[tuple[Document, Graph]]:
    return [document(CLAIMS_2024, "2024-05-01", "briefs/one.txt"), document(CLAIMS_2025, "2025-02-03", "briefs/two.txt")]


def sentences() -> list[str]:
    return [c[-1] for c in CLAIMS_2024 + CLAIMS_2025]


def names() -> list[str]:
    return list(TYPES)
