"""Hand-built graphs for the analysis and report tests: every relation has an evidence sentence
in a document the builder writes, so spans point at real text."""
from __future__ import annotations

from briefgraph.model import Actor, Claim, Document, Graph, Modality, Span, aggregate, slugify

QUAD = {1: "verbal_cooperation", -1: "verbal_conflict", 0: "structural"}
TYPE = {1: "SUPPORT", -1: "ACCUSE", 0: "MEMBER_OF"}


class Builder:
    def __init__(self) -> None:
        self.docs: list[tuple[str | None, list[tuple[str, list[tuple]]]]] = []
        self.actors: dict[str, Actor] = {}
        self.document()

    def document(self, date: str | None = None) -> "Builder":
        """Start a new document; the next relations take their sentences from it."""
        self.docs.append((date, []))
        return self

    def actor(self, name: str, type_: str = "organization", aliases: tuple[str, ...] = ()) -> str:
        key = slugify(name)
        if key not in self.actors:
            self.actors[key] = Actor(key, name, type_, list(aliases))
        return key

    def rel(self, source: str, target: str, sign: int, status: str = "asserted", type_: str | None = None,
            text: str | None = None, cues: tuple[str, ...] = ()) -> "Builder":
        s, t = self.actor(source), self.actor(target)
        sentence = text or f"{source} and {target} are linked ({type_ or TYPE[sign]}, {status})."
        self.docs[-1][1].append((sentence, [(s, t, type_ or TYPE[sign], sign, status, cues)]))
        return self

    def graph(self) -> Graph:
        documents, claims = [], []
        for i, (date, items) in enumerate(self.docs):
            text = " ".join(sentence for sentence, _ in items) or "(empty)"
            doc = Document(text=text, path=f"brief-{i}.txt", date=date)
            documents.append(doc)
            claims += self._claims(doc, items)
        return Graph(documents, list(self.actors.values()), aggregate(claims), claims)

    @staticmethod
    def _claims(doc: Document, items) -> list[Claim]:
        out, offset = [], 0
        for sentence, facts in items:
            span = Span(doc.id, offset, offset + len(sentence), sentence)
            assert doc.text[span.start:span.end] == sentence
            for s, t, type_, sign, status, cues in facts:
                out.append(Claim(s, t, type_, QUAD[sign], sign, Modality(status, None, list(cues)), span))
            offset += len(sentence) + 1
        return out


def signed(edges: list[tuple[str, str, int]]) -> Graph:
    """A graph with one asserted relation per (a, b, sign)."""
    b = Builder()
    for a, c, sign in edges:
        b.rel(a, c, sign)
    return b.graph()


def taliban_like() -> Graph:
    """A graph resembling the gold graph of the example brief, in sentences written for this test."""
    b = Builder()
    b.actor("Taliban", "armed_group", ("the Taliban",))
    b.actor("al-Qaeda", "armed_group", ("al Qaeda",))
    b.actor("Al-Qaeda in the Indian Subcontinent", "armed_group", ("AQIS",))
    b.actor("Turkistan Islamic Party", "armed_group", ("TIP", "ETIM"))
    b.actor("Islamic Movement of Uzbekistan", "armed_group", ("IMU",))
    b.actor("Islamic State Khorasan", "armed_group", ("ISK",))
    for state in ("China", "Pakistan", "Tajikistan", "United States", "Syria"):
        b.actor(state, "state")
    b.rel("Taliban", "international community", 1, type_="REQUEST",
          text="The Taliban wants recognition from the international community.")
    b.rel("Islamic Movement of Uzbekistan", "al-Qaeda", 1, type_="ALLY_OF",
          text="IMU splinter groups are aligned with al-Qaeda.")
    b.rel("Tajikistan", "Taliban", -1, type_="REJECT", text="Tajikistan refused to recognise the Taliban.")
    b.rel("Tajikistan", "Taliban", -1, type_="ACCUSE", text="Tajik clerics condemned the Taliban as oppressive.")
    b.rel("Amrullah Saleh", "Taliban", -1, "possible", "OPPOSE", text="Saleh seemed ready to oppose the Taliban.")
    b.rel("Ahmad Massoud", "Taliban", -1, "possible", "OPPOSE", text="Massoud seemed ready to oppose the Taliban.")
    b.rel("Tajikistan", "Amrullah Saleh", 1, "reported", "AID", text="Tajikistan reportedly offered Saleh refuge.")
    b.rel("Tajikistan", "Ahmad Massoud", 1, "reported", "AID", text="Tajikistan reportedly offered Massoud refuge.")
    b.rel("Central Asian countries", "Taliban", -1, type_="REJECT",
          text="The Central Asian states stay wary of the Taliban.")
    for group in ("Islamic Movement of Uzbekistan", "Jund al-Khilafah", "Turkistan Islamic Party"):
        b.rel("Taliban", group, 1, type_="AID", text=f"The Taliban sheltered {group} for years.")
    b.rel("China", "Pakistan", 1, type_="ALLY_OF", text="China is the closest ally of Pakistan.")
    b.rel("China", "Taliban", -1, type_="COERCE", text="China pressed the Taliban to act against militants.")
    b.rel("Pakistan", "Taliban", -1, type_="COERCE", text="Pakistan pressed the Taliban to act against militants.")
    b.rel("Taliban", "Asim Umar", 1, type_="AID", text="The Taliban hosted the AQIS leader Asim Umar.")
    b.rel("United States", "Asim Umar", -1, type_="ASSAULT", text="Umar died in an American raid.")
    b.rel("Taliban", "United States", 1, type_="CONSULT", text="The Taliban held peace talks with the United States.")
    b.rel("Taliban", "al-Qaeda", 1, type_="DEPEND_ON", text="The Taliban depends on al-Qaeda.")
    b.rel("Taliban", "al-Qaeda", -1, "negated", "COERCE", text="The Taliban cannot crack down on al-Qaeda.")
    b.rel("Islamic State Khorasan", "Taliban", -1, type_="ASSAULT", text="ISK wages an insurgency against the Taliban.")
    b.rel("Asim Umar", "Al-Qaeda in the Indian Subcontinent", 0, type_="LEADER_OF", text="Asim Umar led AQIS.")
    b.rel("Turkistan Islamic Party", "Syria", 0, type_="BASED_IN", text="TIP moved to Syria.")
    b.rel("Taliban", "al-Qaeda", 1, "negated", "SUPPORT",
          text="The Taliban made a commitment to not allowing al-Qaeda on its soil.")
    return b.graph()
