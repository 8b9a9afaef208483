"""The ontology and the reference data as rdflib graphs, parsed once per process.

>>> len(reference_graph("https://w3id.org/iisgraph/")) > 1000
True
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

from graph.paths import ONTOLOGY_FILE, reference_files


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """``ontology/iisgraph.ttl``."""
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@lru_cache(maxsize=4)
def stored_ontology_graph(base: str) -> Graph:
    """The ontology as the store keeps it: its blank nodes (OWL lists and restrictions) given
    stable IRIs under ``{base}.well-known/genid/``, named by a digest of what they hold, so
    two clean builds dump byte for byte the same. ``/ontology`` serves the file as written.

    >>> g = stored_ontology_graph("https://w3id.org/iisgraph/")
    >>> any(isinstance(t, BNode) for triple in g for t in triple)
    False
    >>> sorted(g) == sorted(stored_ontology_graph.__wrapped__("https://w3id.org/iisgraph/"))
    True
    """
    canonical = to_canonical_graph(ontology_graph())
    genid = f"{base}.well-known/genid/"

    def stable(term: Node) -> Node:
        return URIRef(genid + str(term)) if isinstance(term, BNode) else term

    out = Graph()
    for s, p, o in canonical:
        out.add((stable(s), p, stable(o)))
    return out


@lru_cache(maxsize=4)
def reference_graph(base: str) -> Graph:
    """Everything in ``ontology/reference/``, relative IRIs resolved against ``base``."""
    out = Graph()
    for path in reference_files():
        out.parse(path, format="turtle", publicID=base)
    return out
