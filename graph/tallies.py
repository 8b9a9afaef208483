"""Counts kept at ingest: positions by topic and stance, and what each state holds.

Aggregate views (how many positions on each topic, how many each state holds) must answer in
milliseconds; a GROUP BY over every position costs ~340 ms on a million triples. So the store
keeps the counts in the named graph ``{base}graph/tallies`` and changes them in the same update
request as the data they count (one transaction), by deltas:

* before a source's graph is replaced, its positions are taken off their topic's counts, and
  every touched instrument's positions and itself are taken off the counts of its holders;
* after the new graph is in and holders are re-derived, the same is added back.

Instruments are shared by sources, so a touched instrument's positions are counted over every
graph, before and after. ``recount`` rebuilds everything (the reference data changed, or a
store made before tallies).

The triples::

    <id/topic/itu-role> iis:positionCount 42 .
    <id/topic/itu-role#supports> a iis:StanceTally ; iis:tallyOf <id/topic/itu-role> ;
        iis:stance <id/stance/supports> ; iis:positionCount 40 ; iis:holderCount 10 .
    <id/state/RUS> iis:heldPositionCount 120 ; iis:heldInstrumentCount 31 .
    <id/topic/itu-role#supports-RUS> a iis:HolderTally ; iis:tallyTopic <id/topic/itu-role> ;
        iis:stance <id/stance/supports> ; iis:tallyHolder <id/state/RUS> ;
        iis:positionCount 12 ; iis:instrumentCount 9 .

The last answer "which states support X, with how much behind each" from a few triples.

Plain SPARQL 1.1 (both store backends send it); the prologue of ``graph.holders`` opens the
request.

>>> "iis:heldPositionCount" in recount("https://e.org/graph/tallies", "https://e.org/graph/derived")
True
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef

VERSION = "tallies-3"
COUNTS = (
    "iis:positionCount",
    "iis:holderCount",
    "iis:instrumentCount",
    "iis:heldPositionCount",
    "iis:heldInstrumentCount",
)

# Positions of one source graph, by topic and stance.
_TOPIC_COUNTS = """{{ SELECT ?topic ?stance (COUNT(DISTINCT ?p) AS ?n) WHERE {{
    GRAPH {graph} {{ ?p a iis:Position ; iis:topic ?topic ; iis:stance ?stance }}
  }} GROUP BY ?topic ?stance }}
  BIND(IRI(CONCAT(STR(?topic), "#", STRAFTER(STR(?stance), "/stance/"))) AS ?tally)"""

_TOPIC_TOTALS = """{{ SELECT ?topic (COUNT(DISTINCT ?p) AS ?n) WHERE {{
    GRAPH {graph} {{ ?p a iis:Position ; iis:topic ?topic }}
  }} GROUP BY ?topic }}"""

# What the holders of some instruments hold through them.
_HELD = """{{ SELECT ?s (COUNT(DISTINCT ?i) AS ?ni) (COUNT(DISTINCT ?p) AS ?np) WHERE {{
    {values}
    GRAPH <{derived}> {{ ?i iis:holder ?s }}
    OPTIONAL {{ GRAPH ?pg {{ ?p iis:statedIn ?i }} }}
  }} GROUP BY ?s }}"""


# What the holders of some instruments hold through them, by topic and stance.
_HELD_ON_TOPIC = """{{ SELECT ?topic ?stance ?s
    (COUNT(DISTINCT ?i) AS ?ni) (COUNT(DISTINCT ?p) AS ?np) WHERE {{
    {values}
    GRAPH <{derived}> {{ ?i iis:holder ?s }}
    GRAPH ?pg {{ ?p iis:statedIn ?i ; iis:topic ?topic ; iis:stance ?stance }}
  }} GROUP BY ?topic ?stance ?s }}
  BIND(IRI(CONCAT(STR(?topic), "#", STRAFTER(STR(?stance), "/stance/"), "-",
                  STRAFTER(STR(?s), "/state/"))) AS ?tally)"""


def _change(tallies: str, counts: str, node: str, sign: str, stance_tally: bool) -> str:
    kind = (
        f"{node} a iis:StanceTally ; iis:tallyOf ?topic ; iis:stance ?stance . "
        if stance_tally and sign == "+"
        else ""
    )
    return f"""
DELETE {{ GRAPH <{tallies}> {{ {node} iis:positionCount ?old }} }}
INSERT {{ GRAPH <{tallies}> {{ {kind}{node} iis:positionCount ?new }} }}
WHERE {{
  {counts}
  OPTIONAL {{ GRAPH <{tallies}> {{ {node} iis:positionCount ?old }} }}
  BIND(COALESCE(?old, 0) {sign} ?n AS ?new)
}}"""


def _held_change(tallies: str, derived: str, values: str, sign: str) -> str:
    held = _HELD.format(values=values, derived=derived)
    return f"""
DELETE {{ GRAPH <{tallies}> {{ ?s iis:heldPositionCount ?oldp ; iis:heldInstrumentCount ?oldi }} }}
INSERT {{ GRAPH <{tallies}> {{ ?s iis:heldPositionCount ?newp ; iis:heldInstrumentCount ?newi }} }}
WHERE {{
  {held}
  OPTIONAL {{ GRAPH <{tallies}> {{ ?s iis:heldPositionCount ?oldp }} }}
  OPTIONAL {{ GRAPH <{tallies}> {{ ?s iis:heldInstrumentCount ?oldi }} }}
  BIND(COALESCE(?oldp, 0) {sign} ?np AS ?newp)
  BIND(COALESCE(?oldi, 0) {sign} ?ni AS ?newi)
}}"""


def _held_on_topic_change(tallies: str, derived: str, values: str, sign: str) -> str:
    held = _HELD_ON_TOPIC.format(values=values, derived=derived)
    kind = (
        "?tally a iis:HolderTally ; iis:tallyTopic ?topic ; iis:stance ?stance ; "
        "iis:tallyHolder ?s . "
        if sign == "+"
        else ""
    )
    return f"""
DELETE {{ GRAPH <{tallies}> {{ ?tally iis:positionCount ?oldp ; iis:instrumentCount ?oldi }} }}
INSERT {{ GRAPH <{tallies}> {{
  {kind}?tally iis:positionCount ?newp ; iis:instrumentCount ?newi }} }}
WHERE {{
  {held}
  OPTIONAL {{ GRAPH <{tallies}> {{ ?tally iis:positionCount ?oldp }} }}
  OPTIONAL {{ GRAPH <{tallies}> {{ ?tally iis:instrumentCount ?oldi }} }}
  BIND(COALESCE(?oldp, 0) {sign} ?np AS ?newp)
  BIND(COALESCE(?oldi, 0) {sign} ?ni AS ?newi)
}}"""


def _values(instruments: Iterable[URIRef]) -> str:
    return "VALUES ?i { " + " ".join(i.n3() for i in instruments) + " }"


def delta(
    tallies: str, derived: str, source_graph: str, instruments: Iterable[URIRef], sign: str
) -> list[str]:
    """Update operations taking a source graph's positions and the touched instruments off the
    counts (``sign`` ``-``, before the change) or adding them (``+``, after)."""
    graph = f"<{source_graph}>"
    ops = [
        _change(tallies, _TOPIC_COUNTS.format(graph=graph), "?tally", sign, True),
        _change(tallies, _TOPIC_TOTALS.format(graph=graph), "?topic", sign, False),
    ]
    instruments = list(instruments)
    if instruments:
        ops.append(_held_change(tallies, derived, _values(instruments), sign))
        ops.append(_held_on_topic_change(tallies, derived, _values(instruments), sign))
    if sign == "+":
        ops.append(tidy(tallies))
    return ops


def tidy(tallies: str) -> str:
    """Drop counts that fell to zero and tallies left without a count, and count again how
    many states hold each stance on each topic (a few hundred tallies: no delta needed)."""
    # A tally is made with its position count and is empty when that count is 0: found from
    # the zero counts, not by a look at every tally (30 ms at a million triples, each write).
    return f"""
DELETE {{ GRAPH <{tallies}> {{ ?t ?p ?o }} }}
WHERE {{ GRAPH <{tallies}> {{ ?t iis:positionCount 0 ; a ?kind ; ?p ?o }}
  FILTER(?kind IN (iis:StanceTally, iis:HolderTally)) }} ;
DELETE {{ GRAPH <{tallies}> {{ ?x ?count 0 }} }}
WHERE {{ GRAPH <{tallies}> {{ ?x ?count 0 }}
  FILTER(?count IN ({", ".join(COUNTS)})) }} ;
DELETE WHERE {{ GRAPH <{tallies}> {{ ?t iis:holderCount ?old }} }} ;
INSERT {{ GRAPH <{tallies}> {{ ?t iis:holderCount ?n }} }}
WHERE {{ {{ SELECT ?topic ?stance (COUNT(?h) AS ?n) WHERE {{ GRAPH <{tallies}> {{
  ?h a iis:HolderTally ; iis:tallyTopic ?topic ; iis:stance ?stance }} }} GROUP BY ?topic ?stance }}
  BIND(IRI(CONCAT(STR(?topic), "#", STRAFTER(STR(?stance), "/stance/"))) AS ?t)
  GRAPH <{tallies}> {{ ?t a iis:StanceTally }} }}"""


def recount(tallies: str, derived: str) -> str:
    """Update operations that rebuild every tally from the data, and mark the graph."""
    return f"""
DROP SILENT GRAPH <{tallies}> ;
{_change(tallies, _TOPIC_COUNTS.format(graph="?g"), "?tally", "+", True)} ;
{_change(tallies, _TOPIC_TOTALS.format(graph="?g"), "?topic", "+", False)} ;
{_held_change(tallies, derived, "", "+")} ;
{_held_on_topic_change(tallies, derived, "", "+")} ;
{tidy(tallies)} ;
INSERT DATA {{ GRAPH <{tallies}> {{ <{tallies}> dcterms:identifier "{VERSION}" }} }}"""


def marker(tallies: str) -> str:
    """An ASK that is true when the tallies graph was built by this version of the code."""
    identifier = "<http://purl.org/dc/terms/identifier>"
    return f'ASK {{ GRAPH <{tallies}> {{ <{tallies}> {identifier} "{VERSION}" }} }}'
