"""The parameters of the curated routes, declared and checked in one place.

A list route takes one ``ListRequest`` (``ListDep``; ``DatedListDep`` for a list with a
period): which page, the list's IRI, the format asked for and the period, checked before the
route runs. Filters are declared with the helpers below: each has a pattern (a bad value is a
400 problem, ``api/problems.py``, never a 500), a description for the OpenAPI page, and an
example that the HTML page's filter form shows (``api/pages.py`` builds the form from the
route's own parameters).

The dependencies are ``async``: they only read the request, and FastAPI runs a plain ``def``
dependency in its thread pool, a hop of ~0.1-0.3 ms each on every request (``api/deps.py``
likewise).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Annotated, Any, Literal

from fastapi import Depends, Path, Query, Request
from rdflib import URIRef
from starlette.datastructures import URL

from api.documents import DOCUMENT_CONTENT, SUFFIX_SUMMARY, SUFFIXES, split_suffix
from api.views import ALL_TIME, MAX_PAGE, MAX_PER_PAGE, Paging, Period
from graph.errors import NotFound, UnknownFormat

KEY = r"^[A-Za-z0-9][A-Za-z0-9._~-]*$"  # an id of the reference data: SCO, SCO-CHS, itu-role
CODE = r"^[A-Za-z]{3}$"  # an ISO 3166 alpha-3 state code
DAY = r"^\d{4}-\d{2}-\d{2}$"

Stance = Literal["supports", "opposes", "concerned"]


def key(description: str, example: str, title: str | None = None) -> Any:
    """A query parameter naming a thing by its id (``example`` shows one; ``title`` names it
    on a page when its name would not say enough)."""
    return Query(title=title, description=description, examples=[example], pattern=KEY)


def state_code(description: str) -> Any:
    """A query parameter naming a state by its ISO 3166 alpha-3 code."""
    return Query(description=description, examples=["RUS"], pattern=CODE)


def day(description: str) -> Any:
    """A query parameter holding one day (YYYY-MM-DD)."""
    return Query(description=description, examples=["YYYY-MM-DD"], pattern=DAY)


IssuerQ = Annotated[str | None, key("Issued by this state (RUS) or organization (SCO)", "SCO")]
HolderQ = Annotated[str | None, state_code("Held by this state (ISO alpha-3)")]
TopicQ = Annotated[str | None, key("A topic id, e.g. itu-role (see /topics)", "itu-role")]
MembersOfQ = Annotated[
    str | None, key("Only members of this organization (id, e.g. SCO)", "SCO", "members of")
]
OnQ = Annotated[str | None, day("With organization: members on this date (YYYY-MM-DD)")]
StanceQ = Annotated[
    Stance | None, Query(description="supports, opposes or concerned (see /topics)")
]


# -- every list: page, format, IRI ----------------------------------------------------------

Page = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page number, 1 to {MAX_PAGE}")]
PerPage = Annotated[
    int, Query(ge=1, le=MAX_PER_PAGE, description=f"Items per page (at most {MAX_PER_PAGE})")
]
Format = Annotated[
    str | None,
    Query(description="jsonld, json, ttl, nt, rdf, html or csv: overrides the Accept header"),
]
FromQ = Annotated[
    str | None,
    Query(alias="from", description="Dated on or after (YYYY-MM-DD or YYYY)", examples=["YYYY"]),
]
ToQ = Annotated[
    str | None, Query(description="Dated on or before (YYYY-MM-DD or YYYY)", examples=["YYYY"])
]


async def asked_format(format: Format = None) -> str | None:
    """The media type ``?format=`` names (None: the Accept header decides); 406 if none."""
    if format is None or format == "":
        return None
    if format not in SUFFIXES:
        raise UnknownFormat(f"format must be one of {', '.join(SUFFIXES)}, got {format!r}")
    return SUFFIXES[format]


FormatDep = Annotated[str | None, Depends(asked_format)]


async def asked_period(date_from: FromQ = None, to: ToQ = None) -> Period:
    """The period of ``from`` and ``to`` (400 when either is not a date, or from > to)."""
    return Period.parse(date_from, to)


PeriodDep = Annotated[Period, Depends(asked_period)]


@dataclass(frozen=True)
class ListRequest:
    """What every list is asked: a page of it, in a format, over a period.

    ``url`` is the list's own address: the request's URL without its page, its format and
    a format suffix (``/states.ttl?page=2`` is a page of ``/states``)."""

    paging: Paging
    url: URL
    media: str | None  # the suffix's or ?format='s type; None: the Accept header decides
    period: Period = ALL_TIME

    @property
    def collection(self) -> URIRef:
        return URIRef(str(self.url))

    def page_iri(self, number: int) -> str:
        return str(self.url.include_query_params(page=number))


def suffix_media(ext: str) -> str:
    """The media type a list's suffix names (``/states.ttl``); 404 for any other suffix."""
    _, media = split_suffix(f"list.{ext}")
    if media is None:
        raise NotFound(f"unknown format suffix .{ext}; use .jsonld, .ttl, .nt, .rdf, .html or .csv")
    return media


async def format_suffix(
    ext: Annotated[str, Path(description="jsonld, json, ttl, nt, rdf, html or csv")],
) -> str:
    return suffix_media(ext)


# a document in the format of its suffix: ``@router.get("/states.{ext}", **SUFFIXED)``
SUFFIXED: dict[str, Any] = {
    "summary": SUFFIX_SUMMARY,
    "responses": DOCUMENT_CONTENT,
    "dependencies": [Depends(format_suffix)],
}


async def asked_media(request: Request, media: FormatDep) -> str | None:
    """The media type the suffix of a ``SUFFIXED`` route names, else ``?format=``'s (None:
    the Accept header decides)."""
    ext = request.path_params.get("ext")
    return media if ext is None else suffix_media(ext)


MediaDep = Annotated[str | None, Depends(asked_media)]


async def list_request(
    request: Request, media: MediaDep, page: Page = 1, per_page: PerPage = 50
) -> ListRequest:
    url = request.url.remove_query_params(["page", "format"])
    ext = request.path_params.get("ext")
    if ext is not None:  # /states.ttl: the list is /states, in Turtle
        url = url.replace(path=url.path.removesuffix(f".{ext}"))
    return ListRequest(Paging(page, per_page), url, media)


async def dated_list_request(
    listing: Annotated[ListRequest, Depends(list_request)], period: PeriodDep
) -> ListRequest:
    return replace(listing, period=period)


ListDep = Annotated[ListRequest, Depends(list_request)]
DatedListDep = Annotated[ListRequest, Depends(dated_list_request)]
