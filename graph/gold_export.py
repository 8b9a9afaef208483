"""Curation feeds evaluation: the texts as curators settled them, written as gold summaries.

``iisgraph export --gold DIR`` writes one ``{source}.json`` per text in the format of the
extraction summary (``spec/extraction-summary.md``), with the positions as curators left them
(rejected and replaced ones out, added and corrected ones in) and each instrument's date,
type, status, place, issuers and holders as curators corrected them; fields curators cannot
correct are written as extracted. ``iisgraph eval DIR TEXTS`` then scores the extractor against what
curators settled.
"""

from __future__ import annotations

import json
from pathlib import Path

from graph.namespaces import IIS
from graph.store import Store
from graph.summary import summarize


def reviewed_sources(store: Store) -> list[str]:
    """The sources with at least one act anchored in them or stating an instrument whose
    fields a curator corrected."""
    ids = store.ids
    reviews, sources = str(ids.review_graph("")), str(ids.source_graph(""))
    rows = store.select(
        f"PREFIX iis: <{IIS}> SELECT DISTINCT ?source WHERE {{ "
        "{ GRAPH ?g { ?act iis:anchorStatus ?status "
        'FILTER(?status IN ("anchored", "moved")) } '
        f"FILTER(STRSTARTS(STR(?g), {json.dumps(reviews)})) "
        f"BIND(STRAFTER(STR(?g), {json.dumps(reviews)}) AS ?source) }} UNION "
        "{ GRAPH ?r { ?i iis:reviewStatus ?how } "
        f"FILTER(STRSTARTS(STR(?r), {json.dumps(str(ids.instrument_review_graph('')))})) "
        "GRAPH ?g { ?i iis:instrumentType ?type } "
        f"FILTER(STRSTARTS(STR(?g), {json.dumps(sources)})) "
        f"BIND(STRAFTER(STR(?g), {json.dumps(sources)}) AS ?source) }} }}"
    )
    return sorted(str(r["source"]) for r in rows)


def export_gold(store: Store, folder: Path, *, reviewed_only: bool = False) -> list[Path]:
    """Write the gold summaries of every source (or the reviewed ones) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    chosen = reviewed_sources(store) if reviewed_only else store.source_ids()
    written = []
    for source_id in chosen:
        summary = summarize(store, source_id, reviewed=True)
        stem = Path(str(summary.get("source") or source_id)).stem
        path = folder / f"{stem}.json"
        path.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", "utf-8")
        written.append(path)
    return written
