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

Each holder tally is split by year (of the instrument's latest full date; ``none`` when it has
no full date), and each year's tally links the instruments it counts::

    <id/topic/itu-role#supports-RUS-2020> a iis:YearTally ; iis:yearOf <...#supports-RUS> ;
        iis:year "2020" ; iis:positionCount 3 ; iis:instrumentCount 2 ;
        iis:tallyInstrument <id/instrument/sco-11-10-statement>, ... .

Summed over whole years they answer "who holds what in 2015–2020" without a scan of the
period's positions (the matrix), and a state's newest years name its latest instruments on a
topic without a sort of every instrument on it (the supporters view). Being links to
instruments, not counts of reports, they are what a count of each instrument's stance once
(however many sources report it) and an analyst's correction of one position would start from.

Plain SPARQL 1.1 (both store backends send it); the prologue of ``graph.holders`` opens the
request.

>>> "iis:heldPositionCount" in recount("https://e.org/graph/tallies", "https://e.org/graph/derived")
True
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef

VERSION = "tallies-4"
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


# The year of each instrument (``?i`` bound by ``{instruments}``): of its latest full date.
_YEAR = """{{ SELECT ?i (MAX(STR(?full)) AS ?last) WHERE {{
      {instruments}
      OPTIONAL {{ GRAPH ?dg {{ ?i dcterms:date ?full FILTER(datatype(?full) = xsd:date) }} }}
    }} GROUP BY ?i }}
    BIND(COALESCE(SUBSTR(?last, 1, 4), "none") AS ?year)"""

# What the holders of some instruments hold through them, by topic, stance and year.
_HELD_BY_YEAR = """{{ SELECT ?topic ?stance ?s ?year
    (COUNT(DISTINCT ?i) AS ?ni) (COUNT(DISTINCT ?p) AS ?np) WHERE {{
    {year}
    GRAPH <{derived}> {{ ?i iis:holder ?s }}
    GRAPH ?pg {{ ?p iis:statedIn ?i ; iis:topic ?topic ; iis:stance ?stance }}
  }} GROUP BY ?topic ?stance ?s ?year }}
  BIND(IRI(CONCAT(STR(?topic), "#", STRAFTER(STR(?stance), "/stance/"), "-",
                  STRAFTER(STR(?s), "/state/"))) AS ?parent)
  BIND(IRI(CONCAT(STR(?parent), "-", ?year)) AS ?tally)"""


def _year(derived: str, values: str) -> str:
    """The ``_YEAR`` block for some instruments (``values``) or every held one."""
    every = f"{{ SELECT DISTINCT ?i WHERE {{ GRAPH <{derived}> {{ ?i iis:holder ?x }} }} }}"
    instruments = values or every
    return _YEAR.format(instruments=instruments)


def _by_year_change(tallies: str, derived: str, values: str, sign: str) -> list[str]:
    """The year tallies of the holders of some instruments: counts moved by ``sign``, and the
    instruments' links taken out (``-``) or put in again (``+``)."""
    held = _HELD_BY_YEAR.format(year=_year(derived, values), derived=derived)
    kind = "?tally a iis:YearTally ; iis:yearOf ?parent ; iis:year ?year . " if sign == "+" else ""
    counts = f"""
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
    if sign == "-":
        links = f"""
DELETE {{ GRAPH <{tallies}> {{ ?t iis:tallyInstrument ?i }} }}
WHERE {{ {values} GRAPH <{tallies}> {{ ?t iis:tallyInstrument ?i }} }}"""
        return [counts, links] if values else [counts]
    links = f"""
INSERT {{ GRAPH <{tallies}> {{ ?tally iis:tallyInstrument ?i }} }}
WHERE {{
  {_year(derived, values)}
  GRAPH <{derived}> {{ ?i iis:holder ?s }}
  {{ SELECT DISTINCT ?i ?topic ?stance WHERE {{
    {values} GRAPH ?pg {{ ?p iis:statedIn ?i ; iis:topic ?topic ; iis:stance ?stance }} }} }}
  BIND(IRI(CONCAT(STR(?topic), "#", STRAFTER(STR(?stance), "/stance/"), "-",
                  STRAFTER(STR(?s), "/state/"), "-", ?year)) AS ?tally)
}}"""
    return [counts, links]


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


def holder_tally(topic: URIRef, stance: URIRef, state: URIRef) -> URIRef:
    """The holder tally of a state's stance on a topic (as the updates name it).

    >>> holder_tally(URIRef("https://e.org/id/topic/t"), URIRef("https://e.org/id/stance/supports"),
    ...              URIRef("https://e.org/id/state/RUS"))
    rdflib.term.URIRef('https://e.org/id/topic/t#supports-RUS')
    """
    return URIRef(f"{topic}#{stance.rsplit('/stance/', 1)[-1]}-{state.rsplit('/state/', 1)[-1]}")


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
        ops += _by_year_change(tallies, derived, _values(instruments), sign)
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
  FILTER(?kind IN (iis:StanceTally, iis:HolderTally, iis:YearTally)) }} ;
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
{" ;".join(_by_year_change(tallies, derived, "", "+"))} ;
{tidy(tallies)} ;
INSERT DATA {{ GRAPH <{tallies}> {{ <{tallies}> dcterms:identifier "{VERSION}" }} }}"""


def marker(tallies: str) -> str:
    """An ASK that is true when the tallies graph was built by this version of the code."""
    identifier = "<http://purl.org/dc/terms/identifier>"
    return f'ASK {{ GRAPH <{tallies}> {{ <{tallies}> {identifier} "{VERSION}" }} }}'
