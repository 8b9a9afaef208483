"""Curation feeds evaluation: the texts as curators settled them, written as gold summaries.

``iisgraph export --gold DIR`` writes one ``{source}.json`` per text in the format of the
extraction summary (``spec/extraction-summary.md``), with the positions as curators left them
(rejected and replaced ones out, added and corrected ones in); fields curators cannot correct
are written as extracted. ``iisgraph eval DIR TEXTS`` then scores the extractor against what
curators settled.
"""

from __future__ import annotations

import json
from pathlib import Path

from graph.store import Store
from graph.summary import summarize


def reviewed_sources(store: Store) -> list[str]:
    """The sources with at least one act anchored in them."""
    rows = store.select(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?act "
        "<https://w3id.org/iisgraph/ontology#anchorStatus> ?status "
        'FILTER(?status IN ("anchored", "moved")) } '
        f"FILTER(STRSTARTS(STR(?g), {json.dumps(str(store.ids.review_graph('')))})) }}"
    )
    prefix = str(store.ids.review_graph(""))
    return sorted(str(r["g"])[len(prefix) :] for r in rows)


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
