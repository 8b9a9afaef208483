"""The ontology and the reference data as rdflib graphs, parsed once per process.

>>> len(reference_graph("https://w3id.org/iisgraph/")) > 1000
True
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph

from graph.paths import ONTOLOGY_FILE, reference_files


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """``ontology/iisgraph.ttl``."""
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@lru_cache(maxsize=4)
def reference_graph(base: str) -> Graph:
    """Everything in ``ontology/reference/``, relative IRIs resolved against ``base``."""
    out = Graph()
    for path in reference_files():
        out.parse(path, format="turtle", publicID=base)
    return out
