"""A realistic synthetic corpus for load benchmarks: about a million triples in a store.

Each source is a short Russian or English news text built from sentence templates of the
field, with an instrument (an SCO, CSTO, CIS or BRICS statement with a full date, so holders
come from the real memberships of the reference data; or a joint statement of two or three
states), one to four positions on the topics of the reference data with their verbatim
evidence inside the text, and now and then a meeting with participants. The graphs are made
by the same code as extracted ones (``graph.to_rdf``), so they have the same shape.

``python benchmarks/synthetic.py PATH [TRIPLES]`` builds a store; ``build_store`` is what the
load benchmark calls (and caches).
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, SKOS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.model import (  # noqa: E402
    Document,
    Instrument,
    Meeting,
    Participant,
    Position,
    Span,
)
from graph.namespaces import DEFAULT_BASE, Ids, T  # noqa: E402
from graph.ontology import ontology_graph, reference_graph  # noqa: E402
from graph.settings import Settings  # noqa: E402
from graph.store import Store, open_store  # noqa: E402
from graph.to_rdf import to_rdf  # noqa: E402

ORGS = {"SCO": "ШОС", "CSTO": "ОДКБ", "CIS": "СНГ", "BRICS": "БРИКС"}
STATES = ["RUS", "CHN", "KAZ", "KGZ", "TJK", "UZB", "BLR", "ARM", "IND", "PAK", "IRN", "BRA"]
PLACES = ["moscow", "beijing", "astana", "bishkek", "dushanbe", "tashkent", "minsk", "new-delhi"]
STANCES = ["supports"] * 8 + ["opposes", "concerned"]
PHRASES = {
    "ru": [
        "Стороны выступают за {topic}.",
        "Государства-члены подчеркнули важность вопроса: {topic}.",
        "Участники высказались в поддержку положения «{topic}».",
        "Было отмечено, что {topic} остается приоритетом сотрудничества.",
    ],
    "en": [
        "The parties support {topic}.",
        "The member states stressed the importance of {topic}.",
        "The participants spoke in favour of {topic}.",
        "It was noted that {topic} remains a priority of cooperation.",
    ],
}
LEADS = {
    "ru": "{org} приняли заявление о сотрудничестве в области международной информационной "
    "безопасности. Документ подписан по итогам заседания, сообщает агентство.",
    "en": "The {org} adopted a statement on cooperation in international information "
    "security. The document was signed after the meeting, the agency reports.",
}


def topics_of(reference: Graph) -> list[tuple[str, str, str]]:
    """(id, Russian label, English label) of every topic of the reference data."""
    out = []
    for topic in reference.subjects(RDF.type, T.Topic):
        labels = {lit.language: str(lit) for lit in reference.objects(topic, SKOS.prefLabel)}
        key = str(topic).rsplit("/", 1)[-1]
        out.append((key, labels.get("ru", key), labels.get("en", key)))
    return sorted(out)


def documents(seed: int = 1) -> Iterator[Document]:
    """An endless, reproducible stream of synthetic source documents."""
    rng = random.Random(seed)
    topics = topics_of(reference_graph(DEFAULT_BASE))
    n = 0
    while True:
        n += 1
        lang = "ru" if rng.random() < 0.6 else "en"
        if rng.random() < 0.7:
            org = rng.choice(list(ORGS))
            issuers: tuple[str, ...] = (org,)
            name = ORGS[org] if lang == "ru" else org
            kind = "statement"
        else:
            issuers = tuple(sorted(rng.sample(STATES, rng.choice([2, 2, 3]))))
            name = ", ".join(issuers)
            kind = "joint-statement"
        text = LEADS[lang].format(org=name)
        year = rng.randrange(2009, 2027)
        date = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        if rng.random() < 0.08:
            date = date[4:].replace("-", "--", 1)  # a partial date: month and day only
        positions = []
        for key, ru, en in rng.sample(topics, rng.randrange(1, 5)):
            sentence = rng.choice(PHRASES[lang]).format(topic=ru if lang == "ru" else en)
            start = len(text) + 1
            text = f"{text} {sentence}"
            evidence = Span.of(text, start, len(text))
            positions.append(Position(key, rng.choice(STANCES), evidence))
        instrument = Instrument(
            type=kind,
            status="adopted",
            evidence=Span.of(text, 0, len(name)),
            date=date,
            place=rng.choice(PLACES),
            issuers=issuers,
            positions=tuple(positions),
        )
        meetings: tuple[Meeting, ...] = ()
        if rng.random() < 0.3:
            who = rng.sample(STATES, 3)
            meetings = (
                Meeting(
                    kind=rng.choice(["talks", "summit", "session"]),
                    evidence=Span.of(text, 0, len(name)),
                    date=date,
                    place=instrument.place,
                    participants=tuple(Participant(s, "member") for s in who),
                ),
            )
        yield Document(
            source=f"syn-{n:06d}.txt",
            text=text,
            language=lang,
            publisher=rng.choice([None, "TASS", "Xinhua", "Kazinform"]),
            instruments=(instrument,),
            meetings=meetings,
        )


def build_store(path: Path, triples: int = 1_000_000) -> tuple[Store, float, int]:
    """A store at ``path`` holding about ``triples`` triples; (store, seconds, sources)."""
    started = time.perf_counter()
    ids = Ids(DEFAULT_BASE)
    reference = reference_graph(DEFAULT_BASE)

    def is_state(code: str) -> bool:
        return (ids.state(code), RDF.type, T.State) in reference

    store = open_store(Settings(store=str(path)))
    store.replace_reference(ontology_graph(), reference)
    sources = 0
    for doc in documents():
        graph = to_rdf(doc, ids, is_state)
        store.replace_source(doc.source.removesuffix(".txt"), graph)
        sources += 1
        if sources % 500 == 0:
            size = store.triple_count()
            print(f"  {sources} sources, {size} triples", file=sys.stderr, flush=True)
            if size >= triples:
                break
    return store, time.perf_counter() - started, sources


if __name__ == "__main__":
    target = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    built, seconds, count = build_store(Path(sys.argv[1]), target)
    print(f"{count} sources, {built.triple_count()} triples in {seconds:.0f} s")
    built.close()
