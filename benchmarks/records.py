"""A whole session record, timed: `python benchmarks/records.py` writes records-results.md.

Issue 19 asks that a record of tens of thousands of words and sixty or more speakers be
extracted and stored in seconds. The record is assembled from the real interventions of the
transcripts set (``tests/data/extract/transcripts``): the sentences the extractor gives each
delegation there, their own names written out ("my country"), are the words of the turns of
a verbatim record of a First Committee meeting ("The Chair: I give the floor to the
representative of X." / "Mr. Speaker (X): …"), each turn given to another UN member state
and holding several interventions, so it is as long as a real delegation's statement.

Timed, one process on one core: extraction (text → findings → RDF), then ingest (extract +
SHACL + store into a fresh on-disk store). Reported as records/s, speakers/s and words/s;
the record's statements are checked to be one per speaker.
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.extract import extract  # noqa: E402
from graph.extract.actors import find_names  # noqa: E402
from graph.extract.persons import find_persons  # noqa: E402
from graph.extract.speeches import find_speeches  # noqa: E402
from graph.extract.text import Page  # noqa: E402
from graph.ingest import Pipeline  # noqa: E402
from graph.namespaces import DEFAULT_BASE, source_id  # noqa: E402
from graph.ontology import reference_graph, stored_ontology_graph  # noqa: E402
from graph.reference import Reference  # noqa: E402
from graph.settings import Settings  # noqa: E402
from graph.store import open_store  # noqa: E402
from graph.to_rdf import to_rdf  # noqa: E402

TRANSCRIPTS = ROOT / "tests" / "data" / "extract" / "transcripts"
RESULTS = ROOT / "benchmarks" / "records-results.md"
HEADER = (
    "United Nations A/C.1/79/PV.14\nGeneral Assembly\nSeventy-ninth session\nFirst Committee\n"
    "14th meeting\nWednesday, 23 October 2024, 10 a.m.\nNew York\n\n"
    "Thematic discussion on specific subjects: other disarmament measures and international "
    "security\n\n"
)


def interventions(reference: Reference) -> list[str]:
    """The words of every delegation's intervention in the transcripts (the sentences the
    extractor gives it), the names of states and organizations written out."""
    out = []
    for path in sorted(TRANSCRIPTS.glob("*.txt")):
        text = path.read_text("utf-8")
        page = Page.of(text)
        names = find_names(page, reference)
        for speech in find_speeches(page, names, find_persons(names), reference):
            words = " ".join(text[a:b] for a, b in speech.scope)
            for hit in names.hits:
                if hit.kind in ("state", "organization"):
                    words = words.replace(text[hit.start : hit.end], "my country")
            out.append(re.sub(r"\s+", " ", words).strip())
    return out


def assemble(turns: list[str], speakers: int, per_turn: int, reference: Reference) -> str:
    """A verbatim record: the chair gives the floor to each speaker, who says ``per_turn``
    interventions of the transcripts."""
    labels = {
        n.id: n.text
        for n in reference.names
        if n.kind == "state" and n.lang == "en" and n.form == "label"
    }
    names = [labels[code] for code in sorted(labels)]
    parts = [HEADER]
    for i in range(speakers):
        name = names[(i * 7) % len(names)]
        words = " ".join(turns[(i * per_turn + k) % len(turns)] for k in range(per_turn))
        parts.append(
            f"The Chair: I now give the floor to the representative of {name}.\n\n"
            f"Mr. Speaker{i} ({name}): Thank you, Chair. {words}\n\n"
        )
    parts.append("The Chair: We have heard the last speaker. The meeting rose at 1 p.m.\n")
    return "".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--speakers", type=int, default=80)
    ap.add_argument("--per-turn", type=int, default=6)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-write", action="store_true", help="print, do not write the results")
    args = ap.parse_args()
    reference = Reference.load(DEFAULT_BASE)
    turns = interventions(reference)
    record = assemble(turns, args.speakers, args.per_turn, reference)
    words = len(record.split())
    pipeline = Pipeline(DEFAULT_BASE)
    pipeline.graph_of_text(turns[0], "warm.txt")  # lexicons, shapes, morphology loaded

    extraction = []
    for round_ in range(args.rounds):
        started = time.perf_counter()
        doc = extract(record, f"record-{round_}.txt", reference)
        to_rdf(doc, pipeline.ids, reference.is_state)
        extraction.append(time.perf_counter() - started)
    statements = [i for i in doc.instruments if i.type == "statement"]
    issuers = {i.issuers for i in statements}
    participants = len(doc.meetings[0].participants) if doc.meetings else 0
    positions = sum(len(i.positions) for i in statements)

    ingest = []
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Settings(store=str(Path(folder) / "store")))
        store.replace_reference(stored_ontology_graph(DEFAULT_BASE), reference_graph(DEFAULT_BASE))
        for round_ in range(args.rounds):
            started = time.perf_counter()
            item = pipeline.graph_of_text(record, f"record-{round_}.txt")
            store.replace_source(source_id(f"record-{round_}.txt"), item.graph)
            ingest.append(time.perf_counter() - started)
        triples = len(item.graph)
        store.close()

    best_x, best_i = min(extraction), min(ingest)
    lines = [
        "# A whole session record: extraction and ingest (issue 19)",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M')} on {platform.machine()}, Python "
        f"{platform.python_version()}, one process (one core), best of {args.rounds}. "
        f"Command: `python benchmarks/records.py --speakers {args.speakers} "
        f"--per-turn {args.per_turn}`.",
        "",
        f"The record: {len(record.encode()) / 1000:.0f} KB, {words} words, {args.speakers} "
        f"speakers (the chair's turn before each), each turn {args.per_turn} of the "
        f"{len(turns)} real interventions of the transcripts set.",
        "",
        "| step | seconds | records/s | speakers/s | words/s |",
        "|---|---:|---:|---:|---:|",
        f"| extraction (text → findings → RDF) | {best_x:.2f} | {1 / best_x:.2f} | "
        f"{args.speakers / best_x:.0f} | {words / best_x:.0f} |",
        f"| ingest (extract + SHACL + store) | {best_i:.2f} | {1 / best_i:.2f} | "
        f"{args.speakers / best_i:.0f} | {words / best_i:.0f} |",
        "",
        f"Found: {len(statements)} statements by {len(issuers)} delegations "
        f"({args.speakers} expected), {positions} positions, {participants} participants of "
        f"the meeting; {triples} triples stored.",
        "",
    ]
    out = "\n".join(lines)
    print(out)
    if not args.no_write:
        RESULTS.write_text(out, "utf-8")


if __name__ == "__main__":
    main()
