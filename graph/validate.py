"""SHACL validation (the only importer of pyshacl).

Each source's extracted graph is validated with SHACL Core shapes, together with the types of
the reference things it points to, *before* anything is stored; a graph that fails raises
``InvalidGraph`` with one readable line per violation (which node, which constraint, which
value). Cross-source checks are store-level SPARQL, not per-source SHACL: pyshacl takes ~26 ms
for a 400-triple source with Core shapes, and far longer with SPARQL constraints.
"""

from __future__ import annotations

from functools import lru_cache

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from graph.errors import InvalidGraph
from graph.namespaces import SH
from graph.paths import shape_files

# Shapes of reference data only: a source's graph holds nothing but pointers to concepts, which
# these shapes excuse anyway, and checking them costs a third of a source's validation time.
REFERENCE_ONLY = frozenset({"concept.ttl"})


@lru_cache(maxsize=2)
def shapes_graph(for_sources: bool = False) -> Graph:
    """The shapes of ``shapes/``, parsed once: all of them, or those a source's graph needs."""
    shapes = Graph()
    for path in shape_files():
        if not (for_sources and path.name in REFERENCE_ONLY):
            shapes.parse(path, format="turtle")
    return shapes


class TypeIndex:
    """The ``rdf:type`` triples of reference data, looked up by subject."""

    def __init__(self, reference: Graph) -> None:
        self._types: dict[Node, list[Node]] = {}
        for s, o in reference.subject_objects(RDF.type):
            self._types.setdefault(s, []).append(o)

    def context_for(self, graph: Graph) -> Graph:
        """The type triples of every reference thing ``graph`` points to."""
        out = Graph()
        for o in set(graph.objects()):
            for cls in self._types.get(o, ()):
                out.add((o, RDF.type, cls))
        return out


def _describe(results: Graph, graph: Graph) -> list[str]:
    def show(node: Node | None) -> str:
        if node is None:
            return "-"
        return node.n3(graph.namespace_manager) if isinstance(node, URIRef) else node.n3()

    lines = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        message = results.value(result, SH.resultMessage)
        component = results.value(result, SH.sourceConstraintComponent)
        constraint = str(component).rsplit("#", 1)[-1] if component else "?"
        lines.append(
            f"{show(focus)}: {message or constraint} "
            f"(constraint {constraint}, path {show(path)}, value {show(value)})"
        )
    return sorted(lines)


def validate(
    graph: Graph, context: Graph | None = None, *, name: str = "graph", shapes: Graph | None = None
) -> None:
    """Raise ``InvalidGraph`` unless ``graph`` (with ``context``) conforms to the shapes.

    ``context`` holds what the graph relies on but does not state (the types of the reference
    things it points to); it is validated too, so keep it small. ``shapes`` replaces the shapes
    of ``shapes/`` (a deployment may add its own constraints).
    """
    data = graph if context is None else graph + context
    conforms, results, _ = shacl_validate(
        data,
        shacl_graph=shapes if shapes is not None else shapes_graph(for_sources=True),
        inference="none",
        inplace=True,  # no inference runs, so the data graph is only read
        advanced=False,
        allow_warnings=True,
    )
    if conforms:
        return
    assert isinstance(results, Graph)
    lines = _describe(results, data)
    shown = "\n".join(f"  {line}" for line in lines[:20])
    more = f"\n  … and {len(lines) - 20} more" if len(lines) > 20 else ""
    raise InvalidGraph(
        f"{name} does not conform to the shapes ({len(lines)} violation"
        f"{'s' if len(lines) != 1 else ''}):\n{shown}{more}",
        report="\n".join(lines),
    )
