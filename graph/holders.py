"""Who holds an instrument's positions: SPARQL updates that (re)derive ``graph/derived``.

The holders of an instrument are its issuing states (``iis:namedInText true``) plus the members
of each issuing organization on the instrument's date (but for a convention, which binds only
the states that become its parties) (``iis:viaMembership`` the membership they
were derived through). Only full dates (``xsd:date``) resolve memberships: a partial date never
guesses a year; without a full date, the states a text names as the issuing organization's
members (``iis:issuerMember``) hold it (``iis:namedInText true``).

The derivation runs inside the store, in the same update as the change that calls for it, so
holders follow a correction of membership data without re-ingesting texts.

Both store backends send these updates, which is why they are plain SPARQL 1.1.

>>> "iis:holder" in derive_holders("https://w3id.org/iisgraph/graph/derived", None)
True

The operations use the prefixes of ``PROLOGUE``, which must open the whole update request
(a prologue after ``;`` is not accepted by every engine).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_isomorphic

from graph.namespaces import PREFIXES

PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())

_DELETE = """
DELETE {{ GRAPH <{derived}> {{ ?i iis:holder ?s . ?i iis:qualifiedHolding ?h . ?h ?hp ?ho }} }}
WHERE {{
  {values}
  GRAPH <{derived}> {{ ?i iis:qualifiedHolding ?h . ?h ?hp ?ho . ?h iis:holdingState ?s }}
}}"""

# One operation per way of holding, each writing its namedInText as a constant: Virtuoso
# stores a boolean bound in a branch of a UNION as an integer (1/0), a constant as written.
_HOLDING = """
INSERT {{ GRAPH <{derived}> {{
  ?i iis:holder ?s ; iis:qualifiedHolding ?h .
  ?h a iis:Holding ; iis:holdingState ?s ; iis:namedInText {named} {via}.
}} }}
WHERE {{
  {where}
  GRAPH ?t2 {{ ?s iis:publicId ?code }}
  BIND(IRI(CONCAT(STR(?i), "#holding-", ?code)) AS ?h)
}}"""


def _properties(field: str) -> tuple[str, str]:
    """The curated property of an instrument field and the one the extractor writes."""
    curated = "iis:curated" + field[0].upper() + field[1:]
    return curated, "dcterms:date" if field == "date" else f"iis:{field}"


def effective(field: str, subject: str, value: str, graph: str) -> str:
    """A group pattern binding ``value`` to each value of an instrument's ``field`` (``issuer``,
    ``date``, ``instrumentType``, ``status``, ``place``) as curators left it: the values a
    curator set (``iis:curatedDate`` and its siblings, in the instrument's reviewed graph:
    ``graph/review.py``) replace every value the extractor read. ``graph`` names the
    variables the pattern uses (each use needs its own).

    >>> "FILTER NOT EXISTS" in effective("issuer", "?i", "?s", "c1")
    True
    """
    curated, stated = _properties(field)
    return (
        f"{{ GRAPH ?{graph} {{ {subject} {curated} {value} }} }} UNION "
        f"{{ GRAPH ?{graph} {{ {subject} {stated} {value} }} "
        f"FILTER NOT EXISTS {{ GRAPH ?{graph}x {{ {subject} {curated} ?{graph}v }} }} }}"
    )


def each_effective(field: str, subject: str, value: str, graph: str, values: str) -> str:
    """Like ``effective``, each (``subject``, ``value``) once however many graphs state it (an
    instrument names its issuer and date in every report of it), for the subjects ``values``
    binds (empty: every subject).

    A DISTINCT of the extracted and curated values, each kept when a curator set it or when
    none is curated. Virtuoso answers it wrongly (a UN resolution kept 15 of the 192 members,
    whether the filter stands inside the subquery or after it): ``derive_holders`` sends a
    SPARQL server the plain form.

    >>> "SELECT DISTINCT ?i ?o" in each_effective("issuer", "?i", "?o", "c", "")
    True
    """
    curated, stated = _properties(field)
    return (
        f"{{ SELECT DISTINCT {subject} {value} WHERE {{ {values} "
        f"GRAPH ?{graph} {{ {subject} {stated}|{curated} {value} }} "
        f"FILTER(EXISTS {{ GRAPH ?{graph}c {{ {subject} {curated} {value} }} }} || "
        f"NOT EXISTS {{ GRAPH ?{graph}x {{ {subject} {curated} ?{graph}v }} }}) }} }}"
    )


def lacking(field: str, subject: str, value: str, graph: str, such: str = "") -> str:
    """FILTERs keeping the rows where no value of ``field`` as curators left it is ``value``
    (``such``: a pattern or filter the value must meet, e.g. a type whose id is "convention";
    a variable ``value`` unbound outside stands for any value).

    Written without ``effective`` inside a NOT EXISTS: Virtuoso answers a UNION with its own
    NOT EXISTS nested in a NOT EXISTS wrongly. None curated is that value, and either some
    value is curated (the extracted ones do not count) or none extracted is that value."""
    curated, stated = _properties(field)
    return (
        f"FILTER NOT EXISTS {{ GRAPH ?{graph} {{ {subject} {curated} {value} }} {such} }} "
        f"FILTER(EXISTS {{ GRAPH ?{graph}x {{ {subject} {curated} ?{graph}v }} }} || "
        f"NOT EXISTS {{ GRAPH ?{graph}y {{ {subject} {stated} {value} }} {such} }})"
    )


# ``issuer_s``, ``issuer_o`` and ``date_d`` bind an instrument's issuers and full dates (and
# ``?i`` to the instruments of ``values``): once per instrument when they can be
# (``derive_holders``'s ``once``): joined once per report, the eleventh report of an
# instrument joined 11 issuers × 11 dates per member (726 rows and 80 ms a write at 1 M
# triples; 6 rows and 2 ms once each)
_NAMED_ISSUER = """
    {issuer_s}
    GRAPH ?t1 {{ ?s a iis:State }}"""

_MEMBER_OF_ISSUER = """
    # the memberships first, as a table: joined the other way round (instrument by
    # instrument) the engine takes 15 s instead of 0.3 s for every holder of 1 M triples.
    # For some instruments, only their issuers' memberships: the whole table (600 of them,
    # the UN's 193 among them) would cost every ingested source 5 ms more
    {{ SELECT ?m ?o ?s ?start ?end WHERE {{
      {issuers}
      GRAPH ?r {{
        ?m a org:Membership ; org:organization ?o ; org:member ?s ; org:role ?role ;
           org:memberDuring ?period .
        ?role iis:publicId "member" .
        ?period time:hasBeginning/time:inXSDDate ?start .
        OPTIONAL {{ ?period time:hasEnd/time:inXSDDate ?end }}
      }}
    }} }}
    {issuer_o}
    {date_d}
    FILTER(datatype(?d) = xsd:date)
    FILTER(?start <= ?d && (!BOUND(?end) || ?d < ?end))
    {not_issuer_s}
    # a convention binds the states that become its parties, not every member of the
    # organization that opened it for signature (Russia, a Council of Europe member until
    # 2022, never joined the Budapest Convention)
    {not_convention}"""

_NAMED_MEMBER = """
    {values}
    GRAPH ?g4 {{ ?i iis:issuerMember ?s }}
    {not_issuer_s}
    {no_full_date}"""

# the curated-or-extracted patterns the operations above use, each with its own variables
_EFFECTIVE = {
    "not_issuer_s": lacking("issuer", "?i", "?s", "g5"),
    "not_convention": lacking(
        "instrumentType", "?i", "?kind", "g7", 'GRAPH ?t3 { ?kind iis:publicId "convention" }'
    ),
    "no_full_date": lacking("date", "?i", "?full", "g6", "FILTER(datatype(?full) = xsd:date)"),
}


def _insert(derived: str, values: str, issuers: str, once: bool) -> str:
    """The operations adding the holdings: named issuers, members of an issuing organization
    on the date, and members a text names (for an instrument without a full date)."""

    def per_instrument(field: str, value: str, graph: str, opens: bool = True) -> str:
        if once:
            return each_effective(field, "?i", value, graph, values)
        return f"{values if opens else ''} {effective(field, '?i', value, graph)}"

    ways = (
        (_NAMED_ISSUER, "true", ""),
        (_MEMBER_OF_ISSUER, "false", "; iis:viaMembership ?m "),
        (_NAMED_MEMBER, "true", ""),
    )
    return " ;".join(
        _HOLDING.format(
            derived=derived,
            named=named,
            via=via,
            where=where.format(
                values=values,
                issuers=issuers,
                issuer_s=per_instrument("issuer", "?s", "g1"),
                issuer_o=per_instrument("issuer", "?o", "g2"),
                date_d=per_instrument("date", "?d", "g3", opens=False),
                **_EFFECTIVE,
            ),
        )
        for where, named, via in ways
    )


def _values(instruments: Iterable[URIRef] | None) -> str:
    if instruments is None:
        return ""
    return "VALUES ?i { " + " ".join(i.n3() for i in instruments) + " }"


# Up to this many instruments (a source's write), the memberships table holds only their
# issuers' memberships; beyond it, all of them: the engine joins a restricted table with the
# instruments again, which grows with their square (at 1 M triples, 40 instruments: 1.4 s
# instead of 0.05; the 2,000 of a whole-store derivation's batch: past 18 GB).
RESTRICTED_UP_TO = 8


def derive_holders(
    derived: str, instruments: Iterable[URIRef] | None, *, once: bool = False
) -> str:
    """SPARQL update operations that re-derive the holders of some instruments (``None``: of all).

    For all instruments the derived graph is dropped and rebuilt; otherwise only the given
    instruments' holders are replaced. An empty list gives an update that changes nothing.
    ``once``: each instrument's issuers and dates are taken once, not once per graph stating
    them (``each_effective``): the same holders, and the tenth report of an instrument no
    slower to store than the first; Virtuoso answers that form wrongly (it dropped most of the
    UN's members), so a SPARQL server is sent the plain one.
    """
    if instruments is not None:
        instruments = list(instruments)
        if not instruments:
            return ""
        values = _values(instruments)
        delete = _DELETE.format(derived=derived, values=values)
        few = len(instruments) <= RESTRICTED_UP_TO
    else:
        values = ""
        delete = f"\nDROP SILENT GRAPH <{derived}>"
        few = False
    # each issuer once: an instrument names its issuer in every source reporting it, and
    # the memberships joined to every one of them cost a write at 10 M triples 38 ms, not 12.
    # Extracted and curated issuers alike: the table only narrows what the join with the
    # issuers as curators left them (``issuer_o``) then keeps (the curated-or-extracted
    # pattern inside this subquery made Virtuoso drop memberships)
    issuing = (
        f"{{ SELECT DISTINCT ?o WHERE {{ {values} "
        "GRAPH ?gi { ?i iis:issuer|iis:curatedIssuer ?o } } }"
    )
    # the issuers' memberships looked up first: left to the engine, it read every membership
    # with its role and period (600 of them) and joined the issuers after (13 ms a write at
    # 1 M and 10 M triples, 0.2–0.9 ms this way)
    issuers = f"{issuing} GRAPH ?r {{ ?m org:organization ?o }}" if few else ""
    return f"{delete} ;{_insert(derived, values, issuers, once)}"


def holding(instrument: URIRef, code: str) -> URIRef:
    """The holding that binds the state ``code`` to ``instrument`` (as ``derive_holders`` names it).

    >>> holding(URIRef("https://e.org/id/instrument/x"), "RUS")
    rdflib.term.URIRef('https://e.org/id/instrument/x#holding-RUS')
    """
    return URIRef(f"{instrument}#holding-{code}")


def reference_digest(ontology: Graph, reference: Graph) -> str:
    """A digest of the ontology and reference data.

    A store keeps it with the reference graph, so unchanged reference data is not reloaded and
    changed data (a membership correction) is, with every holder re-derived. It is computed
    at every start and ingest: from the sorted triples (~0.03 s a graph), or, for a graph
    with blank nodes, from its canonical form (rdflib's ``to_isomorphic``: ~0.3 s a graph).
    """
    return "-".join(_graph_digest(g) for g in (ontology, reference))


def _graph_digest(graph: Graph) -> str:
    if any(isinstance(term, BNode) for triple in graph for term in triple):
        return f"{to_isomorphic(graph).graph_digest():x}"  # type: ignore[no-untyped-call]
    lines = sorted(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in graph)
    return "sha256:" + hashlib.sha256("\n".join(lines).encode()).hexdigest()
