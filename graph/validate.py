"""SHACL validation (the only importer of pyshacl).

Each source's extracted graph is validated with SHACL Core shapes, together with the types of
the reference things it points to, *before* anything is stored; a graph that fails raises
``InvalidGraph`` with one readable line per violation (which node, which constraint, which
value). Cross-source checks are store-level SPARQL, not per-source SHACL: pyshacl takes ~17 ms
for a source of a few hundred triples with Core shapes, and far longer with SPARQL constraints.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from pyshacl import Validator
from pyshacl.graph_abstraction import DataGraph
from pyshacl.monkey import apply_patches
from pyshacl.shapes_graph import ShapesGraph
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS
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
    """The ``rdf:type`` triples of reference data, with every superclass the ontology gives
    (a state is an ``iis:Actor`` too), looked up by subject.

    With the superclasses at hand the shapes check one class (``sh:class iis:Actor``) where they
    would otherwise need an ``sh:or`` of three, which pyshacl evaluates several times slower.
    """

    def __init__(self, reference: Graph, ontology: Graph) -> None:
        supers: dict[Node, set[Node]] = {}
        for sub, sup in ontology.subject_objects(RDFS.subClassOf):
            supers.setdefault(sub, set()).add(sup)

        def closure(cls: Node) -> list[Node]:
            out, todo = [cls], [cls]
            while todo:
                for sup in supers.get(todo.pop(), ()):
                    if sup not in out:
                        out.append(sup)
                        todo.append(sup)
            return out

        self._types: dict[Node, list[Node]] = {}
        for s, o in reference.subject_objects(RDF.type):
            known = self._types.setdefault(s, [])
            known.extend(c for c in closure(o) if c not in known)

    def context_for(self, graph: Graph) -> Graph:
        """The type triples of every reference thing ``graph`` points to."""
        out = Graph()
        for o in set(graph.objects()):
            for cls in self._types.get(o, ()):
                out.add((o, RDF.type, cls))
        return out


_LOCK = threading.Lock()
_HARVESTED: dict[int, tuple[Graph, ShapesGraph]] = {}


def conformance(data: Graph, shapes: Graph) -> tuple[bool, Graph]:
    """Whether ``data`` conforms to ``shapes``, and pyshacl's report of the violations: its
    validation, with the shapes harvested once per shapes graph.

    ``pyshacl.validate`` copies the shapes graph and harvests its shapes on every call, an
    eighth of a source's validation time; the harvested shapes hold no state of a run, so one
    ``ShapesGraph`` serves every validation (one at a time: the lock keeps runs apart).
    """
    apply_patches()  # type: ignore[no-untyped-call]  # pyshacl leaves these two untyped
    options = {"inference": "none", "inplace": True, "advanced": False, "allow_warnings": True}
    with _LOCK:
        validator = Validator(DataGraph.from_rdflib(data), shacl_graph=shapes, options=options)
        harvested = _HARVESTED.get(id(shapes))
        if harvested is not None and harvested[0] is shapes:
            validator.shacl_graph = harvested[1]
        else:
            if len(_HARVESTED) >= 4:  # a deployment has one or two shapes graphs
                _HARVESTED.clear()
            _HARVESTED[id(shapes)] = (shapes, validator.shacl_graph)
        conforms, results, _ = validator.run()  # type: ignore[no-untyped-call]
    return bool(conforms), results


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
    conforms, results = conformance(
        data, shapes if shapes is not None else shapes_graph(for_sources=True)
    )
    if conforms:
        return
    lines = _describe(results, data)
    shown = "\n".join(f"  {line}" for line in lines[:20])
    more = f"\n  … and {len(lines) - 20} more" if len(lines) > 20 else ""
    raise InvalidGraph(
        f"{name} does not conform to the shapes ({len(lines)} violation"
        f"{'s' if len(lines) != 1 else ''}):\n{shown}{more}",
        report="\n".join(lines),
    )
