"""The SPARQL operations that change one source, the same for every backend: its tallies taken
out, its graph dropped and (for a replace) inserted again, the holders of the instruments it
touches derived again, its tallies put back. A backend sends them as one update."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from rdflib import Graph, URIRef

from graph import tallies
from graph.holders import derive_holders
from graph.namespaces import IIS, Ids


def instruments_in(graph: Graph) -> set[URIRef]:
    """The instruments a source graph states or states positions in (the ones whose holders
    and tallies its change touches: a graph may quote an agreement of the reference data)."""
    described = {
        s
        for s, p in graph.subject_predicates(None)
        if isinstance(s, URIRef) and p in (IIS.issuer, IIS.instrumentType)
    }
    quoted = {o for o in graph.objects(None, IIS.statedIn) if isinstance(o, URIRef)}
    return described | quoted


def instruments_query(name: URIRef) -> str:
    """A SELECT of ``?i``, the instruments the stored source graph ``name`` (one of our own
    IRIs) touches, as ``instruments_in`` finds them in a graph in memory."""
    return (
        f"SELECT DISTINCT ?i WHERE {{ GRAPH <{name}> {{ "
        f"{{ ?i ?p ?o FILTER(?p IN (<{IIS.issuer}>, <{IIS.instrumentType}>)) }} "
        f"UNION {{ ?position <{IIS.statedIn}> ?i FILTER(isIRI(?i)) }} }} }}"
    )


def every_instrument_query() -> str:
    """A SELECT of ``?i``, in order: every instrument whose holders or tallies a whole-store
    derivation makes (what may give it holders, an issuer or a member a text names, or a
    position), each once."""
    return (
        f"SELECT DISTINCT ?i WHERE {{ GRAPH ?g {{ {{ ?i <{IIS.issuer}> ?o }} "
        f"UNION {{ ?i <{IIS.issuerMember}> ?o }} "
        f"UNION {{ ?position <{IIS.statedIn}> ?i FILTER(isIRI(?i)) }} }} }} ORDER BY ?i"
    )


def source_change(
    ids: Ids,
    name: URIRef,
    insert: str | None,
    instruments: Sequence[URIRef],
    *,
    once: bool = False,
) -> list[str]:
    """The operations replacing the source graph ``name`` by what ``insert`` adds (None:
    deleting it), with the holders and tallies of ``instruments`` kept right (``once``: see
    ``derive_holders``)."""
    tallied = (str(ids.tallies_graph), str(ids.derived_graph))
    ops = [*tallies.delta(*tallied, instruments, "-", str(name)), f"DROP SILENT GRAPH <{name}>"]
    if insert is not None:
        ops.append(insert)
    ops += [
        derive_holders(str(ids.derived_graph), instruments, once=once).strip(" ;\n"),
        *tallies.delta(*tallied, instruments, "+", str(name)),
    ]
    return [op for op in ops if op]


def curation_change(
    ids: Ids,
    graphs: Mapping[URIRef, Graph | None],
    touched: Sequence[URIRef],
    insert: Callable[[URIRef, Graph], str],
    *,
    once: bool = False,
) -> list[str]:
    """The operations replacing curation graphs (an act, its history, a source's reviewed
    graph; None drops one) with the holders and tallies of the ``touched`` instruments kept
    right; ``insert`` writes a graph's triples in the backend's form (``once``: see
    ``derive_holders``)."""
    tallied = (str(ids.tallies_graph), str(ids.derived_graph))
    ops = list(tallies.delta(*tallied, touched, "-"))
    for name, graph in graphs.items():
        ops.append(f"DROP SILENT GRAPH <{name}>")
        if graph is not None and len(graph):
            ops.append(insert(name, graph))
    if touched:
        ops.append(derive_holders(str(ids.derived_graph), touched, once=once).strip(" ;\n"))
        ops += tallies.delta(*tallied, touched, "+")
    return ops
