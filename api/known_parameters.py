"""Unknown query parameters are refused (400 naming them and the ones the operation takes): a
misspelt filter (``?stanse=opposes``) would otherwise answer a different question silently.

An operation takes the parameters it declares (its own and its dependencies') and ``lang``
(the pages' language) everywhere. A named query (``/queries/{name}``) checks its own
parameters, and the SPARQL endpoint reads the protocol's and leaves a client's extras alone."""

from __future__ import annotations

from fastapi import Request
from fastapi.dependencies.models import Dependant

from graph.errors import BadInput

EVERYWHERE = frozenset({"lang"})
# the operations that read their parameters themselves: a named query's own parameters, and
# the SPARQL endpoint, whose clients add their own (SPARQLWrapper's output= and results=)
OPEN = ("/queries/", "/sparql")


async def refuse_unknown_parameters(request: Request) -> None:
    route = request.scope.get("route")
    path = getattr(route, "path", "")
    dependant = getattr(route, "dependant", None)
    if dependant is None or path.startswith(OPEN):
        return
    known = EVERYWHERE | _declared(dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        takes = ", ".join(sorted(known - EVERYWHERE)) or "none"
        raise BadInput(
            f"unknown parameter{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}: "
            f"this operation takes {takes} (and lang)"
        )


def _declared(dependant: Dependant) -> frozenset[str]:
    names = {p.alias or p.name for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _declared(sub)
    return frozenset(names)
