"""Counts kept at ingest: positions by topic and stance, and what each state holds.

Aggregate views (how many positions on each topic, how many each state holds) must answer in
milliseconds; a GROUP BY over every position costs ~340 ms on a million triples. So the store
keeps the counts in the named graph ``{base}graph/tallies`` and changes them in the same update
request as the data they count (one transaction).

A position of an instrument counts once, however many sources report it: what is counted is
the distinct (instrument, topic, stance), not the quotes (``/positions`` lists every quote, so
its total can be larger). The tallies therefore keep *links* to the instruments they count, and
every count is a count of links (or a sum of such counts)::

    <id/topic/itu-role> iis:positionCount 42 .
    <id/topic/itu-role#supports> a iis:StanceTally ; iis:tallyOf <id/topic/itu-role> ;
        iis:stance <id/stance/supports> ; iis:positionCount 40 ; iis:holderCount 10 .
    <id/topic/itu-role#supports-2020> a iis:YearTally ; iis:yearOf <...#supports> ;
        iis:year "2020" ; iis:positionCount 9 ; iis:instrumentCount 9 ;
        iis:tallyInstrument <id/instrument/sco-2020-11-10-statement>, ... .
    <id/state/RUS> iis:heldPositionCount 120 ; iis:heldInstrumentCount 31 .
    <id/topic/itu-role#supports-RUS> a iis:HolderTally ; iis:tallyTopic <id/topic/itu-role> ;
        iis:stance <id/stance/supports> ; iis:tallyHolder <id/state/RUS> ;
        iis:positionCount 12 ; iis:instrumentCount 12 .
    <id/topic/itu-role#supports-RUS-2020> a iis:YearTally ; iis:yearOf <...#supports-RUS> ;
        iis:year "2020" ; iis:positionCount 3 ; iis:instrumentCount 3 ;
        iis:tallyInstrument <id/instrument/sco-2020-11-10-statement>, ... .
    <id/state/RUS#held-2020> a iis:HoldingYear ; iis:yearHolder <id/state/RUS> ;
        iis:year "2020" ; iis:instrumentCount 31 ;
        iis:tallyInstrument <id/instrument/sco-2020-11-10-statement>, ... .

A stance tally and a holder tally are split by year (of the instrument's latest full date;
``none`` when it has no full date), and each count is the sum of its years': a change counts
again the years it touched, not every instrument on a topic (at 10 M triples a stance tally
linked tens of thousands of them). Summed over whole years the year tallies answer "who holds
what in 2015–2020" without a scan of the period's positions (the matrix), and a state's
newest years name its latest instruments on a topic without a sort of every instrument on it
(the supporters view).
Per topic and stance a position count equals the instrument count: each instrument states a
stance on a topic once, however often it is quoted.

A holding year links every instrument a state holds (positions or not) whose latest date *as
written* begins with that year (partial dates too; ``none`` otherwise): the state view's
order, so its newest holding years name a state's latest instruments, and the sum of their
counts is the state's ``iis:heldInstrumentCount``. A participation year (``<state#met-2020>``,
``iis:tallyMeeting``, ``iis:meetingCount``) does the same for the meetings a state attends;
meetings are touched through the source graph that states them (``delta``'s ``source``).

A change of a source touches some instruments. Before it, their links are taken out and the
tallies that held them marked stale (``a iis:StaleTally``), with their holders; after it (and
after their holders are derived again), their links are put in again from every graph and the
tallies that get them marked stale. Then only the stale tallies are counted again, from their
links, and the marks removed (``settle``). No update reads an old count: each starts from the
marks or the instruments, keys the engine looks up directly, so a write costs what it touches,
not the size of the tallies graph. ``recount`` links every instrument and settles everything
(the reference data changed, or a store made before these tallies).

Plain SPARQL 1.1 (every store backend sends it); the prologue of ``graph.holders`` opens the
request.

>>> "iis:heldPositionCount" in recount("https://e.org/graph/tallies", "https://e.org/graph/derived")
True
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef

from graph.holders import effective

VERSION = "tallies-8"
COUNTS = (
    "iis:meetingCount",
    "iis:positionCount",
    "iis:holderCount",
    "iis:instrumentCount",
    "iis:heldPositionCount",
    "iis:heldInstrumentCount",
)

# Each (instrument, topic, stance) stated in any graph, for some instruments (``{values}``).
# A position curators withdrew (rejected, or replaced by a correction: ``graph/review.py``)
# counts for nothing.
_STATED = """{{ SELECT DISTINCT ?i ?topic ?stance WHERE {{
    {values} GRAPH ?pg {{ ?p iis:statedIn ?i ; iis:topic ?topic ; iis:stance ?stance }}
    FILTER NOT EXISTS {{ GRAPH ?wg {{ ?p iis:withdrawn true }} }} }} }}"""

_STANCE_TALLY = 'IRI(CONCAT(STR(?topic), "#", STRAFTER(STR(?stance), "/stance/")))'

# The year of each instrument (``?i`` bound by ``{instruments}``): of its latest full date.
_YEAR = """{{ SELECT ?i (MAX(STR(?full)) AS ?last) WHERE {{
      {instruments}
      OPTIONAL {{ {date} FILTER(datatype(?full) = xsd:date) }}
    }} GROUP BY ?i }}
    BIND(COALESCE(SUBSTR(?last, 1, 4), "none") AS ?year)"""


def _written_year(var: str, bound: str) -> str:
    """Binds ``?year`` for each ``?{var}`` that ``bound`` binds (an instrument a state holds,
    a meeting it attends): the first four characters of its latest date as written (partial
    dates too), which the state view orders by; "none" when they are not a year (a day
    without its year, no date)."""
    # an instrument's date as curators left it (graph/review.py), a meeting's as read
    date = (
        effective("date", "?i", "?any", "dg")
        if var == "i"
        else f"GRAPH ?dg {{ ?{var} dcterms:date ?any }}"
    )
    return f"""{{ SELECT ?{var} (MAX(STR(?any)) AS ?written) WHERE {{
      {bound}
      OPTIONAL {{ {date} }}
    }} GROUP BY ?{var} }}
    BIND(COALESCE(IF(REGEX(?written, "^[0-9]{{4}}"), SUBSTR(?written, 1, 4), "none"), "none")
      AS ?year)"""


# Binds ``?i`` to every instrument a position is stated in (holders or not).
_STATED_INSTRUMENTS = (
    "{ SELECT DISTINCT ?i WHERE { GRAPH ?sg { ?sp iis:statedIn ?i FILTER(isIRI(?i)) } } }"
)


def _every(derived: str) -> str:
    """Binds ``?i`` to every instrument that has a holder."""
    return f"{{ SELECT DISTINCT ?i WHERE {{ GRAPH <{derived}> {{ ?i iis:holder ?x }} }} }}"


def _year(derived: str, values: str) -> str:
    """The ``_YEAR`` block for some instruments (``values``) or every held one."""
    return _YEAR.format(
        instruments=values or _every(derived), date=effective("date", "?i", "?full", "dg")
    )


def _unlink(tallies: str, derived: str, values: str) -> list[str]:
    """Take some instruments' links out and mark stale what held them and their holders."""
    return [
        f"""
DELETE {{ GRAPH <{tallies}> {{ ?t iis:tallyInstrument ?i }} }}
INSERT {{ GRAPH <{tallies}> {{ ?t a iis:StaleTally }} }}
WHERE {{ {values} GRAPH <{tallies}> {{ ?t iis:tallyInstrument ?i }} }}""",
        _mark_holders(tallies, derived, values),
    ]


def _mark_holders(tallies: str, derived: str, values: str) -> str:
    return f"""
INSERT {{ GRAPH <{tallies}> {{ ?s a iis:StaleTally }} }}
WHERE {{ {{ SELECT DISTINCT ?s WHERE {{
  {values} GRAPH <{derived}> {{ ?i iis:holder ?s }} }} }} }}"""


def _link(tallies: str, derived: str, values: str) -> list[str]:
    """Put some instruments' links (``values``; empty: every instrument's) in again, from
    every graph and the derived holders, marking stale the tallies that get them."""
    stated = _STATED.format(values=values)
    holder = (
        'IRI(CONCAT(STR(?topic), "#", STRAFTER(STR(?stance), "/stance/"), "-", '
        'STRAFTER(STR(?s), "/state/")))'
    )
    return [
        f"""
INSERT {{ GRAPH <{tallies}> {{
  ?st a iis:StanceTally ; iis:tallyOf ?topic ; iis:stance ?stance .
  ?t a iis:YearTally, iis:StaleTally ; iis:yearOf ?st ; iis:year ?year ;
     iis:tallyInstrument ?i }} }}
WHERE {{
  {_year(derived, values or _STATED_INSTRUMENTS)}
  {stated}
  BIND({_STANCE_TALLY} AS ?st)
  BIND(IRI(CONCAT(STR(?st), "-", ?year)) AS ?t)
}}""",
        f"""
INSERT {{ GRAPH <{tallies}> {{
  ?h a iis:HolderTally ; iis:tallyTopic ?topic ; iis:stance ?stance ; iis:tallyHolder ?s .
  ?t a iis:YearTally, iis:StaleTally ; iis:yearOf ?h ; iis:year ?year ; iis:tallyInstrument ?i }} }}
WHERE {{
  {_year(derived, values)}
  GRAPH <{derived}> {{ ?i iis:holder ?s }}
  {stated}
  BIND({holder} AS ?h)
  BIND(IRI(CONCAT(STR(?h), "-", ?year)) AS ?t)
}}""",
        f"""
INSERT {{ GRAPH <{tallies}> {{
  ?y a iis:HoldingYear, iis:StaleTally ; iis:yearHolder ?s ; iis:year ?year ;
     iis:tallyInstrument ?i }} }}
WHERE {{
  {_written_year("i", values or _every(derived))}
  GRAPH <{derived}> {{ ?i iis:holder ?s }}
  BIND(IRI(CONCAT(STR(?s), "#held-", ?year)) AS ?y)
}}""",
        _mark_holders(tallies, derived, values),
    ]


def settle(tallies: str, derived: str) -> list[str]:
    """Count the stale tallies again from their links, drop the ones left without any, and
    remove the marks. Every step starts from the marks: it costs what the change touched."""
    t = f"<{tallies}>"
    stale = "a iis:StaleTally"
    return [
        # what a stale tally is part of is stale too: year → holder or stance tally, holder →
        # state and stance tally, stance tally → topic
        f"INSERT {{ GRAPH {t} {{ ?h {stale} }} }} "
        f"WHERE {{ GRAPH {t} {{ ?y {stale} ; iis:yearOf ?h }} }}",
        f"INSERT {{ GRAPH {t} {{ ?s {stale} . ?st {stale} }} }} WHERE {{ GRAPH {t} {{ "
        f"?h {stale} ; iis:tallyHolder ?s ; iis:tallyTopic ?topic ; iis:stance ?stance }} "
        f"BIND({_STANCE_TALLY} AS ?st) }}",
        f"INSERT {{ GRAPH {t} {{ ?topic {stale} }} }} "
        f"WHERE {{ GRAPH {t} {{ ?st {stale} ; iis:tallyOf ?topic }} }}",
        # the old counts (a branch per count: each a direct look-up from the marks)
        f"DELETE {{ GRAPH {t} {{ ?x ?count ?n }} }} WHERE {{ GRAPH {t} {{ "
        + " UNION ".join(
            f"{{ ?x {stale} ; {count} ?n BIND({count} AS ?count) }}" for count in COUNTS
        )
        + " } }",
        # tallies left without instruments go (found first: ``?x ?p ?o`` only for those)
        *(
            f"DELETE {{ GRAPH {t} {{ ?x ?p ?o }} }} WHERE {{ {{ SELECT ?x WHERE {{ GRAPH {t} {{ "
            f"?x {stale}, {kind} FILTER NOT EXISTS {{ {part} }} }} }} }} "
            f"GRAPH {t} {{ ?x ?p ?o }} }}"
            for kind, part in (
                ("iis:YearTally", "?x iis:tallyInstrument ?any"),
                ("iis:HoldingYear", "?x iis:tallyInstrument ?any"),
                ("iis:ParticipationYear", "?x iis:tallyMeeting ?any"),
                ("iis:HolderTally", "?any iis:yearOf ?x"),
                ("iis:StanceTally", "?any iis:yearOf ?x"),
            )
        ),
        # the counts, from the links up
        f"INSERT {{ GRAPH {t} {{ ?y iis:positionCount ?n ; iis:instrumentCount ?n }} }} WHERE {{ "
        f"{{ SELECT ?y (COUNT(?i) AS ?n) WHERE {{ GRAPH {t} {{ ?y {stale}, iis:YearTally ; "
        "iis:tallyInstrument ?i } } GROUP BY ?y } }",
        f"INSERT {{ GRAPH {t} {{ ?y iis:meetingCount ?n }} }} WHERE {{ "
        f"{{ SELECT ?y (COUNT(?m) AS ?n) WHERE {{ GRAPH {t} {{ ?y {stale}, iis:ParticipationYear ; "
        "iis:tallyMeeting ?m } } GROUP BY ?y } }",
        f"INSERT {{ GRAPH {t} {{ ?y iis:instrumentCount ?n }} }} WHERE {{ "
        f"{{ SELECT ?y (COUNT(?i) AS ?n) WHERE {{ GRAPH {t} {{ ?y {stale}, iis:HoldingYear ; "
        "iis:tallyInstrument ?i } } GROUP BY ?y } }",
        f"INSERT {{ GRAPH {t} {{ ?h iis:positionCount ?n ; iis:instrumentCount ?n }} }} WHERE {{ "
        f"{{ SELECT ?h (SUM(?c) AS ?n) WHERE {{ GRAPH {t} {{ ?h {stale}, iis:HolderTally . "
        "?y iis:yearOf ?h ; iis:positionCount ?c } } GROUP BY ?h } }",
        f"INSERT {{ GRAPH {t} {{ ?st iis:positionCount ?n }} }} WHERE {{ "
        f"{{ SELECT ?st (SUM(?c) AS ?n) WHERE {{ GRAPH {t} {{ ?st {stale}, iis:StanceTally . "
        "?y iis:yearOf ?st ; iis:positionCount ?c } } GROUP BY ?st } }",
        f"INSERT {{ GRAPH {t} {{ ?st iis:holderCount ?n }} }} WHERE {{ "
        f"{{ SELECT ?st (COUNT(?h) AS ?n) WHERE {{ GRAPH {t} {{ ?st {stale}, iis:StanceTally ; "
        "iis:tallyOf ?topic ; iis:stance ?stance . "
        "?h iis:tallyTopic ?topic ; iis:stance ?stance ; a iis:HolderTally } } GROUP BY ?st } }",
        f"INSERT {{ GRAPH {t} {{ ?topic iis:positionCount ?n }} }} WHERE {{ "
        f"{{ SELECT ?topic (SUM(?c) AS ?n) WHERE {{ GRAPH {t} {{ ?topic {stale} . "
        "?st iis:tallyOf ?topic ; iis:positionCount ?c } } GROUP BY ?topic } }",
        f"INSERT {{ GRAPH {t} {{ ?s iis:heldPositionCount ?n }} }} WHERE {{ "
        f"{{ SELECT ?s (SUM(?c) AS ?n) WHERE {{ GRAPH {t} {{ ?s {stale} . "
        "?h iis:tallyHolder ?s ; iis:positionCount ?c } } GROUP BY ?s } }",
        f"INSERT {{ GRAPH {t} {{ ?s iis:heldInstrumentCount ?n }} }} WHERE {{ "
        f"{{ SELECT ?s (SUM(?c) AS ?n) WHERE {{ GRAPH {t} {{ ?s {stale} . "
        "?y iis:yearHolder ?s ; iis:instrumentCount ?c } } GROUP BY ?s } }",
        f"DELETE WHERE {{ GRAPH {t} {{ ?x a iis:StaleTally }} }}",
    ]


def holder_tally(topic: URIRef, stance: URIRef, state: URIRef) -> URIRef:
    """The holder tally of a state's stance on a topic (as the updates name it).

    >>> holder_tally(URIRef("https://e.org/id/topic/t"), URIRef("https://e.org/id/stance/supports"),
    ...              URIRef("https://e.org/id/state/RUS"))
    rdflib.term.URIRef('https://e.org/id/topic/t#supports-RUS')
    """
    return URIRef(f"{topic}#{stance.rsplit('/stance/', 1)[-1]}-{state.rsplit('/state/', 1)[-1]}")


def _values(instruments: Iterable[URIRef]) -> str:
    return "VALUES ?i { " + " ".join(i.n3() for i in instruments) + " }"


def _meetings(tallies: str, source: str | None, others_only: bool = False) -> list[str]:
    """Link meetings to their participants' participation years, from every graph (but
    ``source`` when ``others_only``): the meetings the source graph states, their links taken
    out first (what held them marked stale); every meeting when ``source`` is None. Before a
    change the old graph's meetings are linked from the other graphs; after it the new graph's
    from all: each meeting ends linked under one year per participant, from the graphs left.

    Each operation starts from the source graph (or joins nothing else first): ``?s a
    iis:State`` or a UNION of candidates made the engine start from every participation."""
    each = f"GRAPH <{source}> {{ ?m iis:participation ?x }}" if source else ""
    elsewhere = f"FILTER(?pg != <{source}>)" if others_only else ""
    dated = f"FILTER(?dg != <{source}>)" if others_only else ""
    link = f"""
INSERT {{ GRAPH <{tallies}> {{
  ?y a iis:ParticipationYear, iis:StaleTally ; iis:yearHolder ?s ; iis:year ?year ;
     iis:tallyMeeting ?m }} }}
WHERE {{
  {{ SELECT ?m ?s (MAX(STR(?any)) AS ?written) WHERE {{
    {each}
    GRAPH ?pg {{ ?m iis:participation ?part }} {elsewhere}
    GRAPH ?qg {{ ?part iis:participant ?s }}
    FILTER(CONTAINS(STR(?s), "/id/state/"))  # a state, by its IRI (as tallies name them)
    OPTIONAL {{ GRAPH ?dg {{ ?m dcterms:date ?any }} {dated} }}
  }} GROUP BY ?m ?s }}
  BIND(COALESCE(IF(REGEX(?written, "^[0-9]{{4}}"), SUBSTR(?written, 1, 4), "none"), "none")
    AS ?year)
  BIND(IRI(CONCAT(STR(?s), "#met-", ?year)) AS ?y)
}}"""
    if not source:
        return [link]
    unlink = f"""
DELETE {{ GRAPH <{tallies}> {{ ?y iis:tallyMeeting ?m }} }}
INSERT {{ GRAPH <{tallies}> {{ ?y a iis:StaleTally }} }}
WHERE {{ {each} GRAPH <{tallies}> {{ ?y iis:tallyMeeting ?m }} }}"""
    return [unlink, link]


def delta(
    tallies: str,
    derived: str,
    instruments: Iterable[URIRef],
    sign: str,
    source: str | None = None,
) -> list[str]:
    """Update operations for a change of the source graph ``source`` touching
    ``instruments``: ``-`` before the change (their links out, what held them marked stale;
    the links of the meetings the graph states out), ``+`` after it and after their holders
    were derived again (their links in, the meetings' links in, the stale tallies counted
    again)."""
    instruments = list(instruments)
    values = _values(instruments) if instruments else ""
    if sign == "-":
        ops = _unlink(tallies, derived, values) if values else []
        return [*ops, *_meetings(tallies, source, others_only=True)] if source else ops
    ops = _link(tallies, derived, values) if values else []
    if source:
        ops += _meetings(tallies, source)
    return [*ops, *settle(tallies, derived)] if ops else []


def recount(tallies: str, derived: str) -> str:
    """Update operations that rebuild every tally from the data, and mark the graph."""
    dropped = f"DROP SILENT GRAPH <{tallies}>"
    return " ;\n".join([dropped, *_link(tallies, derived, ""), *_counted(tallies, derived)])


def link(tallies: str, derived: str, instruments: Iterable[URIRef]) -> str:
    """Update operations that link some instruments (their holders derived) into an emptied
    tallies graph, uncounted: one batch of a recount in batches, which ``count_linked`` ends.

    A recount of a large store in one transaction is held in memory whole (10 M triples:
    past 14 GB); these batches keep only one at a time. Each instrument's links are its own,
    so linking them batch by batch ends with the links of one recount."""
    return " ;\n".join(_link(tallies, derived, _values(instruments)))


def count_linked(tallies: str, derived: str) -> str:
    """Update operations that end a recount in batches (``link``): the meetings linked, every
    tally the batches marked counted, and the graph marked. The counts and marks are a few per
    tally, not per instrument: this transaction stays small."""
    return " ;\n".join(_counted(tallies, derived))


def _counted(tallies: str, derived: str) -> list[str]:
    """Meetings linked, stale tallies counted, the graph marked: the end of a recount."""
    return [
        *_meetings(tallies, None),
        *settle(tallies, derived),
        f'INSERT DATA {{ GRAPH <{tallies}> {{ <{tallies}> dcterms:identifier "{VERSION}" }} }}',
    ]


def marker(tallies: str) -> str:
    """An ASK that is true when the tallies graph was built by this version of the code."""
    identifier = "<http://purl.org/dc/terms/identifier>"
    return f'ASK {{ GRAPH <{tallies}> {{ <{tallies}> {identifier} "{VERSION}" }} }}'
