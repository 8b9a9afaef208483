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
        iis:positionCount 12 ; iis:instrumentCount 12 ;
        iis:latestInstrument <id/instrument/sco-2024-07-04-declaration>, ... ;  # its 5 latest
        iis:latestFrom <id/instrument/sco-2023-07-04-declaration> .  # the oldest of them
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
(the candidates a holder tally chooses its latest from; the supporters view when it shows
more than those).
Per topic and stance a position count equals the instrument count: each instrument states a
stance on a topic once, however often it is quoted.

A holder tally also links its ``LATEST`` latest instruments (``_latest``), the ones the
supporters view shows for the state, so the view reads them without ordering its years.

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

VERSION = "tallies-9"
# the latest instruments each holder tally links: the supporters view shows as many a state
LATEST = 5
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
        # a latest instrument taken out: its tally's latest are chosen again from its years
        f"""
DELETE {{ GRAPH <{tallies}> {{ ?h iis:latestInstrument ?i }} }}
INSERT {{ GRAPH <{tallies}> {{ ?h a iis:LatestLost }} }}
WHERE {{ {values} GRAPH <{tallies}> {{ ?h iis:latestInstrument ?i }} }}""",
        _mark_holders(tallies, derived, values),
    ]


def _mark_holders(tallies: str, derived: str, values: str) -> str:
    return f"""
INSERT {{ GRAPH <{tallies}> {{ ?s a iis:StaleTally }} }}
WHERE {{ {{ SELECT DISTINCT ?s WHERE {{
  {values} GRAPH <{derived}> {{ ?i iis:holder ?s }} }} }} }}"""


def _link(tallies: str, derived: str, values: str, candidates: bool = True) -> list[str]:
    """Put some instruments' links (``values``; empty: every instrument's) in again, from
    every graph and the derived holders, marking stale the tallies that get them, and (with
    ``candidates``) each as a candidate for its holder tallies' latest instruments."""
    candidate = "?h iis:latestCandidate ?i ." if candidates else ""
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
  {candidate}
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
        *_latest(t),
        f"DELETE WHERE {{ GRAPH {t} {{ ?x a iis:StaleTally }} }}",
    ]


def _latest(t: str) -> list[str]:
    """Each stale holder tally's ``LATEST`` latest instruments chosen again where they may
    have changed, in the order of the supporters view: by the latest date as curators left
    it, else as read (partial dates as written, "" without one), then by IRI. A tally that
    holds ``LATEST`` names the oldest of them (``iis:latestFrom``).

    SPARQL 1.1 has no LIMIT per group: a candidate is kept when fewer than ``LATEST`` of its
    tally's candidates are newer. The candidates are few, not every instrument on the topic
    (at 10 M triples a state holds thousands on one):

    - the instruments this update linked to the tally (``_link``) that are newer than its
      ``latestFrom``, with its latest: while none of its latest was taken out, no other
      instrument of the tally is newer than they are (a tally none of whose new instruments
      is newer keeps its own);
    - for a tally that lost one of its latest (``_unlink``; every tally in a recount), the
      instruments of its newest years that hold ``LATEST`` with a full date, and the undated
      ones whose date as written begins with a year (it may sort after a full date); a date
      without its year, or none, sorts after all of them: the undated year's other
      instruments are candidates only when the dated ones are too few.

    The candidates, years, dates and losses are marks inside the update. Dates and years
    are compared as strings made in the query (``STR``): Virtuoso orders stored strings
    that look like dates by something else than their characters ("--05-12" after
    "2020-11-10")."""
    graph = f"GRAPH {t}"
    lost = "?h a iis:LatestLost, iis:HolderTally"
    each_year = (
        f"{{ SELECT ?h ?y ?year ?n WHERE {{ {graph} {{ {lost} . "
        "?y iis:yearOf ?h ; iis:year ?year ; iis:instrumentCount ?n } } }"
    )
    # an instrument's dates as curators left them
    date = f"OPTIONAL {{ {effective('date', '?i', '?any', 'dg')} }}"

    def dated(instruments: str) -> str:
        """The order date of the instruments ``instruments`` binds to ``?i`` (once each)."""
        return (
            f"INSERT {{ {graph} {{ ?i iis:orderDate ?d }} }} WHERE {{ "
            '{ SELECT ?i (COALESCE(MAX(STR(?any)), "") AS ?d) WHERE { '
            f"{{ SELECT DISTINCT ?i WHERE {{ {graph} {{ {instruments} "
            f"FILTER NOT EXISTS {{ ?i iis:orderDate ?x }} }} }} }} {date} }} GROUP BY ?i }} }}"
        )

    def newer(j: str, i: str) -> str:
        """True when instrument ``j`` is newer than ``i`` (their dates ``?d_j``, ``?d_i``): a
        later date, or the same and a greater IRI."""
        dj, di = f"STR(?d_{j[1:]})", f"STR(?d_{i[1:]})"
        return f"{dj} > {di} || ({dj} = {di} && STR({j}) > STR({i}))"

    chosen = f"{{ SELECT DISTINCT ?h WHERE {{ {graph} {{ ?h iis:latestCandidate ?c }} }} }}"
    return [
        dated(
            "{ ?h iis:latestCandidate ?i } UNION { ?h iis:latestCandidate ?c ; iis:latestFrom ?i }"
        ),
        f"DELETE {{ {graph} {{ ?h iis:latestCandidate ?i }} }} WHERE {{ {graph} {{ "
        "?h iis:latestCandidate ?i ; iis:latestFrom ?f . ?i iis:orderDate ?d_i . "
        f"?f iis:orderDate ?d_f FILTER({newer('?f', '?i')}) }} }}",
        # the tallies to choose for: their latest are candidates too. One operation a
        # property (Virtuoso deletes nothing of a solution that leaves a variable unbound),
        # each branch opened with a mark (joined after a list of the tallies, the engine read
        # every tally's links first)
        *(
            f"DELETE {{ {graph} {{ ?h {kept} ?x }} }} {then} WHERE {{ {graph} {{ "
            f"{{ ?h iis:latestCandidate ?c ; {kept} ?x }} "
            f"UNION {{ ?h a iis:LatestLost ; {kept} ?x }} }} }}"
            for kept, then in (
                ("iis:latestInstrument", f"INSERT {{ {graph} {{ ?h iis:latestCandidate ?x }} }}"),
                ("iis:latestFrom", ""),
            )
        ),
        # a lost tally's year is a candidate while the newer dated years hold fewer than
        # LATEST (the undated one: while all dated years do); its years are paired from two
        # lists of them (a pattern joined to itself is looked up row by row: 3× slower)
        f"INSERT {{ {graph} {{ ?y a iis:LatestYear }} }} WHERE {{ "
        f"{{ SELECT ?y (SUM(?c) AS ?newer) WHERE {{ {each_year} "
        f"{each_year.replace('?y ', '?y2 ').replace('?year ', '?year2 ').replace('?n ', '?n2 ')} "
        # (as strings made here: see above)
        'BIND(IF(STR(?year2) != "none" && (STR(?year) = "none" || STR(?year2) > STR(?year)), '
        "?n2, 0) AS ?c) "
        f"}} GROUP BY ?y }} FILTER(?newer < {LATEST}) }}",
        f"INSERT {{ {graph} {{ ?h iis:latestCandidate ?i }} }} "
        f"WHERE {{ {graph} {{ ?y a iis:LatestYear ; iis:yearOf ?h ; iis:tallyInstrument ?i }} }}",
        dated("?h iis:latestCandidate ?i"),
        # a lost tally's undated instruments whose date begins with a year
        f"INSERT {{ {graph} {{ ?h iis:latestCandidate ?i . ?i iis:orderDate ?d }} }} "
        "WHERE { { SELECT ?h ?i (MAX(STR(?any)) AS ?d) WHERE { "
        f"{{ SELECT ?h ?i WHERE {{ {graph} {{ {lost} . ?y iis:yearOf ?h . "
        # the undated year by its name (``_link``): ``iis:year "none"`` is a pattern the
        # engine would start from (every undated year of the store)
        'FILTER(STRENDS(STR(?y), "-none")) ?y iis:tallyInstrument ?i '
        "FILTER NOT EXISTS { ?y a iis:LatestYear } } } } "
        f'{date} }} GROUP BY ?h ?i }} FILTER(REGEX(?d, "^[0-9]")) }}',
        # each candidate paired with its tally's every candidate, itself included (not a
        # filter inside an OPTIONAL: Virtuoso keeps every pair then)
        f"INSERT {{ {graph} {{ ?h iis:latestInstrument ?i }} }} WHERE {{ "
        f"{{ SELECT ?h ?i (SUM(?n) AS ?newer) WHERE {{ {graph} {{ "
        "?h iis:latestCandidate ?i . ?i iis:orderDate ?d_i . "
        "?h iis:latestCandidate ?j . ?j iis:orderDate ?d_j } "
        f"BIND(IF({newer('?j', '?i')}, 1, 0) AS ?n) }} GROUP BY ?h ?i }} "
        f"FILTER(?newer < {LATEST}) }}",
        # the oldest of the LATEST latest: the one no other is older than
        f"INSERT {{ {graph} {{ ?h iis:latestFrom ?i }} }} WHERE {{ "
        f"{{ SELECT ?h ?i (SUM(?n) AS ?older) (COUNT(?j) AS ?all) WHERE {{ {chosen} "
        f"{graph} {{ ?h iis:latestInstrument ?i . ?i iis:orderDate ?d_i . "
        "?h iis:latestInstrument ?j . ?j iis:orderDate ?d_j } "
        f"BIND(IF({newer('?i', '?j')}, 1, 0) AS ?n) }} GROUP BY ?h ?i }} "
        f"FILTER(?older = 0 && ?all = {LATEST}) }}",
        *(
            f"DELETE WHERE {{ {graph} {{ {mark} }} }}"
            for mark in (
                "?h iis:latestCandidate ?i",
                "?y a iis:LatestYear",
                "?i iis:orderDate ?d",
                "?h a iis:LatestLost",
            )
        ),
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
    return " ;\n".join(
        [dropped, *_link(tallies, derived, "", candidates=False), *_counted(tallies, derived)]
    )


def link(tallies: str, derived: str, instruments: Iterable[URIRef]) -> str:
    """Update operations that link some instruments (their holders derived) into an emptied
    tallies graph, uncounted: one batch of a recount in batches, which ``count_linked`` ends.

    A recount of a large store in one transaction is held in memory whole (10 M triples:
    past 14 GB); these batches keep only one at a time. Each instrument's links are its own,
    so linking them batch by batch ends with the links of one recount."""
    return " ;\n".join(_link(tallies, derived, _values(instruments), candidates=False))


def count_linked(tallies: str, derived: str) -> str:
    """Update operations that end a recount in batches (``link``): the meetings linked, every
    tally the batches marked counted, and the graph marked. The counts and marks are a few per
    tally, not per instrument: this transaction stays small."""
    return " ;\n".join(_counted(tallies, derived))


def _counted(tallies: str, derived: str) -> list[str]:
    """Meetings linked, stale tallies counted, the graph marked: the end of a recount."""
    return [
        *_meetings(tallies, None),
        # every tally's latest instruments chosen from its years (none was a candidate)
        f"INSERT {{ GRAPH <{tallies}> {{ ?h a iis:LatestLost }} }} "
        f"WHERE {{ GRAPH <{tallies}> {{ ?h a iis:HolderTally }} }}",
        *settle(tallies, derived),
        f'INSERT DATA {{ GRAPH <{tallies}> {{ <{tallies}> dcterms:identifier "{VERSION}" }} }}',
    ]


def marker(tallies: str) -> str:
    """An ASK that is true when the tallies graph was built by this version of the code."""
    identifier = "<http://purl.org/dc/terms/identifier>"
    return f'ASK {{ GRAPH <{tallies}> {{ <{tallies}> {identifier} "{VERSION}" }} }}'
