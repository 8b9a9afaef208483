"""Errors a user can act on.

Every ``IisgraphError`` carries a message that is safe to show (which file, which line, what
was expected) and belongs to one category. ``api/problems.py`` maps categories to HTTP statuses;
the CLI prints the message and exits non-zero. Anything that is not an ``IisgraphError`` is a
bug. Specific errors subclass a category, so new errors need no change in the API.

>>> issubclass(InvalidGraph, BadInput)
True
"""

from __future__ import annotations


class IisgraphError(Exception):
    """Base of every error whose message may be shown to a user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# Categories
class BadInput(IisgraphError):
    """The input (a file, a query, a request) is wrong; nothing was changed."""


class NotFound(IisgraphError):
    """The thing asked for does not exist."""


class Forbidden(IisgraphError):
    """The caller may not do this (writes are disabled, a write on a read-only endpoint)."""


class Unauthorized(IisgraphError):
    """The request needs credentials it does not carry, or carries wrong ones."""


class Unavailable(IisgraphError):
    """A resource the request needs is not there or too slow (store, server, time limit)."""


# Specific errors
class UnreadableText(BadInput):
    """A source file is empty, binary or cannot be decoded."""


class BadQuery(BadInput):
    """A SPARQL query does not parse, or asks for something the endpoint does not allow."""


class InvalidGraph(BadInput):
    """Extracted or uploaded RDF fails SHACL validation."""

    def __init__(self, message: str, report: str = "") -> None:
        super().__init__(message)
        self.report = report


class TooLarge(BadInput):
    """An upload or a result is larger than the configured limit."""


class NotAKey(BadInput, ValueError):
    """A key that no thing can have (characters an IRI of the graph never holds)."""


class UnknownFormat(BadInput):
    """No serialisation fits what was asked for."""


class QueryTimeout(Unavailable):
    """A query ran longer than the configured time limit and was stopped."""


class StoreUnavailable(Unavailable):
    """The store cannot be opened or reached."""


class StoreRefused(StoreUnavailable):
    """The SPARQL server refused iisgraph's own credentials: the operator's settings are
    wrong, not the reader's request."""


class Gone(NotFound):
    """The thing existed and was deleted (its history is kept)."""


class PreconditionFailed(IisgraphError):
    """A conditional request's condition (If-Match) does not hold: someone changed it first."""


class PreconditionRequired(IisgraphError):
    """A change of something others may change too needs a condition (If-Match)."""


class StoreInUse(StoreUnavailable):
    """Another process holds the on-disk store (the embedded store admits one at a time)."""
