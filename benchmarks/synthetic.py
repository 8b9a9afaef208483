"""A realistic synthetic corpus for load benchmarks: about a million triples in a store.

Each source is a short Russian or English news text built from sentence templates of the
field, reporting an instrument (an SCO, CSTO, CIS or BRICS statement, declaration or
communiqué, so holders come from the real memberships of the reference data; or a joint
statement of two or three states) that about half the time an earlier report covered too,
one to four positions on the topics of the reference data with their verbatim
evidence inside the text, and now and then a meeting with participants. The graphs are made
by the same code as extracted ones (``graph.to_rdf``), so they have the same shape.

``python benchmarks/synthetic.py PATH [TRIPLES]`` builds a store; ``build_store`` is what the
load benchmark calls (and caches).
"""

from __future__ import annotations

import random
import resource
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
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
from graph.ontology import reference_graph, stored_ontology_graph  # noqa: E402
from graph.settings import Settings  # noqa: E402
from graph.store import Store, open_store  # noqa: E402
from graph.to_rdf import to_rdf, yearless_key  # noqa: E402

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


@dataclass(frozen=True)
class _Issued:
    """An instrument as the world issued it: reports of it share these facts."""

    kind: str
    issuers: tuple[str, ...]
    date: str
    place: str
    meeting: tuple[str, tuple[str, ...]] | None  # (kind, participants) of the meeting it closed


ORG_KINDS = ["statement", "declaration", "communique"]


def _new_instrument(rng: random.Random, used: set[str]) -> _Issued:
    """A new instrument whose year-less key (issuers, month-day, type) no earlier one has:
    a report of it that lacks the year then joins it at ingest (``graph/same_day.py``), as it
    would not if the same day of another year had an instrument of the same issuers too."""
    while True:
        if rng.random() < 0.6:
            issuers: tuple[str, ...] = (rng.choice(list(ORGS)),)
            kind = rng.choice(ORG_KINDS)
        else:
            issuers = tuple(sorted(rng.sample(STATES, rng.choice([2, 2, 3]))))
            kind = "joint-statement"
        year = rng.randrange(2009, 2026)
        date = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        key = yearless_key(issuers, date, kind)
        if key and key not in used:
            used.add(key)
            meeting = None
            if rng.random() < 0.3:
                meeting = (rng.choice(["talks", "summit", "session"]), tuple(rng.sample(STATES, 3)))
            return _Issued(kind, issuers, date, rng.choice(PLACES), meeting)


def documents(seed: int = 1) -> Iterator[Document]:
    """An endless, reproducible stream of synthetic source documents: news reports, about
    half of them on an instrument an earlier report already covered (in the other language,
    by another agency), now and then without the year."""
    rng = random.Random(seed)
    topics = topics_of(reference_graph(DEFAULT_BASE))
    issued: list[_Issued] = []
    used: set[str] = set()
    n = 0
    while True:
        n += 1
        lang = "ru" if rng.random() < 0.6 else "en"
        if issued and rng.random() < 0.5:
            instrument_of = rng.choice(issued[-500:])
        else:
            instrument_of = _new_instrument(rng, used)
            issued.append(instrument_of)
        issuers = instrument_of.issuers
        if len(issuers) == 1:
            name = ORGS[issuers[0]] if lang == "ru" else issuers[0]
        else:
            name = ", ".join(issuers)
        text = LEADS[lang].format(org=name)
        named = Span.of(text, text.index(name), text.index(name) + len(name))
        date = instrument_of.date
        if rng.random() < 0.08:
            date = "--" + date[5:]  # the report gives the day and month only
        positions = []
        for key, ru, en in rng.sample(topics, rng.randrange(1, 5)):
            sentence = rng.choice(PHRASES[lang]).format(topic=ru if lang == "ru" else en)
            start = len(text) + 1
            text = f"{text} {sentence}"
            evidence = Span.of(text, start, len(text))
            positions.append(Position(key, rng.choice(STANCES), evidence))
        instrument = Instrument(
            type=instrument_of.kind,
            status="adopted",
            evidence=named,
            date=date,
            place=instrument_of.place,
            issuers=issuers,
            positions=tuple(positions),
        )
        meetings: tuple[Meeting, ...] = ()
        if instrument_of.meeting and rng.random() < 0.7:
            kind, who = instrument_of.meeting
            meetings = (
                Meeting(
                    kind=kind,
                    evidence=named,
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


def peak_mb() -> float:
    """The peak resident memory of this process so far (MB; Linux counts it in kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_store(path: Path, triples: int = 1_000_000) -> tuple[Store, float, int]:
    """A store at ``path`` holding about ``triples`` triples; (store, seconds, sources).

    The reference data goes in first (into the empty store: nothing to derive yet), then the
    source graphs by the engine's bulk loader (no holders or tallies moved source by source:
    10 M triples that way take hours on 2 cores), then every holder and tally is derived
    once, as ``iisgraph derive`` does after a bulk load. The result is the store that storing
    each source in turn would make."""
    import pyoxigraph as ox

    from graph.store.embedded import to_ox

    started = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    ids = Ids(DEFAULT_BASE)
    reference = reference_graph(DEFAULT_BASE)

    def is_state(code: str) -> bool:
        return (ids.state(code), RDF.type, T.State) in reference

    empty = open_store(Settings(store=str(path)))
    empty.replace_reference(stored_ontology_graph(DEFAULT_BASE), reference)
    empty.close()
    del empty  # the engine lets go of the files: one process may open them at a time

    # sources: about 88% of the store; reference data, holders and tallies the rest
    wanted, stored, sources = int(triples * 0.88), 0, 0
    bulk = ox.Store(str(path))
    batch: list[ox.Quad] = []
    for doc in documents():
        name = ox.NamedNode(ids.source_graph(doc.source.removesuffix(".txt")))
        graph = to_rdf(doc, ids, is_state)
        batch.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o in graph)  # type: ignore[arg-type]
        stored += len(graph)
        sources += 1
        if len(batch) >= 200_000 or stored >= wanted:
            bulk.bulk_extend(batch)
            batch = []
            print(f"  {sources} sources, {stored} source triples", file=sys.stderr, flush=True)
        if stored >= wanted:
            break
    bulk.flush()
    del bulk
    store = open_store(Settings(store=str(path)))
    print("  deriving every holder and tally", file=sys.stderr, flush=True)
    store.rederive()
    return store, time.perf_counter() - started, sources


if __name__ == "__main__":
    target = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    built, seconds, count = build_store(Path(sys.argv[1]), target)
    print(
        f"{count} sources, {built.triple_count()} triples in {seconds:.0f} s, "
        f"peak resident memory {peak_mb():,.0f} MB"
    )
    built.close()
