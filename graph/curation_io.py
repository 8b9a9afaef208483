"""Curation acts in and out of a store: ``iisgraph curate export`` and ``curate import``.

Export writes every act as it stands, as Web Annotation JSON-LD (an ``AnnotationCollection``
with its items) or as TriG (each act in its named graph, as stored). Import reads such a
collection, a page, a list or a single annotation and stores each act through the same checks
as the protocol; an act keeps its key, curator and creation time when it carries them (moving
acts between servers), an act already there with that key is left as it is, and a bad act
stops the import naming it, with the acts before it stored.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from rdflib import Dataset

from graph.annotations import ANNO_CONTEXT, act_json
from graph.curation import act_keys, create_act, read_act
from graph.curators import ADMINISTRATOR, Curator
from graph.errors import BadInput, Gone, NotFound
from graph.store import Store

FORMATS = ("jsonld", "trig")
PAGE = 1000  # acts read at a time (Virtuoso sorts at most 10,000 rows of a page)


def export_acts(store: Store, fmt: str = "jsonld") -> bytes:
    """Every act as it stands, in ``fmt`` (jsonld or trig)."""
    if fmt not in FORMATS:
        raise BadInput(f"acts are exported as {' or '.join(FORMATS)}, not {fmt!r}")
    keys, total = act_keys(store, 0, PAGE)
    while len(keys) < total:  # in pages: a server sorts a bounded number of rows at a time
        more, _ = act_keys(store, len(keys), PAGE)
        if not more:
            break
        keys += more
    acts = [read_act(store, key) for key in keys]
    if fmt == "trig":
        dataset = Dataset()
        for act in acts:
            named = dataset.graph(store.ids.act_graph(act.key))
            for triple in act.graph:
                named.add(triple)
        return dataset.serialize(format="trig").encode()
    items = [{k: v for k, v in act_json(a.graph, a.iri).items() if k != "@context"} for a in acts]
    collection = {
        "@context": ANNO_CONTEXT,
        "type": "AnnotationCollection",
        "total": total,
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return json.dumps(collection, ensure_ascii=False, indent=2).encode()


def _items(document: Any) -> list[dict[str, Any]]:
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        raise BadInput("expected an annotation, a list of them or an AnnotationCollection")
    if "first" in document and isinstance(document["first"], dict):
        return list(document["first"].get("items", []))
    if "items" in document:
        return list(document["items"])
    return [document]


def import_acts(store: Store, data: bytes, name: str) -> tuple[list[str], list[str]]:
    """Store the acts of a JSON-LD file; (keys stored, keys already there)."""
    try:
        document = json.loads(data)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{name}: not JSON: {exc.msg} at line {exc.lineno}") from None
    context = document.get("@context", ANNO_CONTEXT) if isinstance(document, dict) else ANNO_CONTEXT
    stored: list[str] = []
    kept: list[str] = []
    prefix = str(store.ids.annotation("x"))[:-1]
    curator_prefix = str(store.ids.curator("x"))[:-1]
    for number, item in enumerate(_items(document), start=1):
        if not isinstance(item, dict):
            raise BadInput(f"{name}: item {number} is no annotation object")
        item = {"@context": context, **item}
        given = str(item.get("id", ""))
        key = given[len(prefix) :] if given.startswith(prefix) else None
        if key is not None:
            try:
                read_act(store, key)
                kept.append(key)
                continue
            except (NotFound, Gone):
                pass
        creator = str(item.get("creator", ""))
        who = (
            creator[len(curator_prefix) :] if creator.startswith(curator_prefix) else ADMINISTRATOR
        )
        created = _when(item.get("created"))
        try:
            act = create_act(
                store, json.dumps(item).encode(), Curator(who), key=key, created=created
            )
        except BadInput as exc:
            raise BadInput(f"{name}: item {number}: {exc.message}") from None
        stored.append(act.key)
    return stored, kept


def _when(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
