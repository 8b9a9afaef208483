"""The JSON-LD of the measured views on the cached 1 M store, one file each: a change that is
to keep the views' output (a faster query, framer or tally) is checked by dumping before and
after and comparing the folders (``diff -r``).

``python benchmarks/view_dumps.py OUT`` writes ``OUT/*.json`` (the store at
``benchmarks/.cache/store-1m``, brought to the current tallies first, as ``api_load.py`` does).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

from api_load import CACHE, ensure_store
from rdflib import URIRef

from api.framer import tree
from api.views import Document, Paging, Period, matrix, states, topics
from graph.settings import Settings
from graph.store import Store, open_store

SUPPORTERS = [
    ("itu-role", "supports", None, None, 1, 5),
    ("itu-role", "supports", None, None, 2, 5),
    ("itu-role", "supports", "2015", "2020", 1, 5),
    ("itu-role", "opposes", None, None, 1, 5),
    ("un-norms", "supports", None, None, 1, 20),
    ("un-norms", "concerned", "2018", None, 1, 5),
    ("state-sovereignty", "supports", None, "2019-06-30", 1, 3),
]
STATES = ["RUS", "CHN", "KAZ", "BRA", "USA"]


def documents(store: Store) -> dict[str, Callable[[], Document]]:
    """Each view asked, by the name of its dump."""
    ids = store.ids
    out: dict[str, Callable[[], Document]] = {}
    for topic, stance, start, end, page, per_state in SUPPORTERS:
        collection = URIRef(f"http://l/topics/{topic}/supporters")
        out[f"supporters-{topic}-{stance}-{start}-{end}-{page}-{per_state}"] = partial(
            topics.supporters,
            store,
            ids,
            topic,
            Paging(page, 10),
            collection,
            partial("{}?page={}".format, collection),
            stance=stance,
            period=Period.parse(start, end),
            per_state=per_state,
            positions_url="http://l/positions?state={}".format,
        )
    for code in STATES:
        out[f"state-{code}"] = lambda code=code: states.state(store, ids, code, ["http://l/x"])
    out["topics"] = lambda: topics.topics(
        store, ids, Paging(), URIRef("http://l/topics"), lambda n: f"http://l/topics?page={n}"
    )
    out["topic-itu-role"] = lambda: topics.topic(store, ids, "itu-role", "http://l/s", "http://l/p")
    out["matrix-2015-2020"] = lambda: matrix.matrix(
        store, ids, URIRef("http://l/matrix"), period=Period.parse("2015", "2020")
    )
    return out


def main(folder: Path) -> None:
    ensure_store()
    folder.mkdir(parents=True, exist_ok=True)
    store = open_store(Settings(store=str(CACHE)))
    try:
        for name, ask in documents(store).items():
            document = ask()
            body = tree(document.graph, [document.root], "/context.jsonld")
            text = json.dumps(body, ensure_ascii=False, indent=1)
            (folder / f"{name}.json").write_text(text, "utf-8")
            print(f"{name}: {len(document.graph)} triples", flush=True)
    finally:
        store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
