"""The one HTTP client of a remote store (httpx: the only importer): a pool of connections to
the SPARQL server, kept open until the store is closed, that sends its credentials and turns
every failure into an iisgraph error, for the SPARQL Protocol and the Graph Store Protocol
alike.

Credentials come from the settings (``store_user``, ``store_password`` with ``store_auth``
basic or digest, or ``store_token``) and appear in no message.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import httpx

from graph.errors import BadQuery, IisgraphError, QueryTimeout, StoreRefused, StoreUnavailable
from graph.settings import Settings

__all__ = ["ServerConnection"]

DETAIL_LENGTH = 500  # characters of the server's own words kept in a message


class ServerConnection:
    """Requests to one SPARQL server, over one pool of connections.

    ``shown`` names the server in messages (no credentials); ``transport`` replaces the
    network (tests)."""

    def __init__(
        self, shown: str, settings: Settings, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.shown = shown
        headers: dict[str, str] = {}
        auth: httpx.Auth | None = None
        if settings.store_token is not None:
            headers["Authorization"] = f"Bearer {settings.store_token.get_secret_value()}"
        elif settings.store_user is not None:
            password = settings.store_password
            secret = password.get_secret_value() if password is not None else ""
            if settings.store_auth == "digest":
                auth = httpx.DigestAuth(settings.store_user, secret)
            else:  # sent with the first request, not after a 401
                auth = httpx.BasicAuth(settings.store_user, secret)
        self._client = httpx.Client(
            auth=auth, headers=headers, timeout=settings.store_timeout, transport=transport
        )

    def send(
        self,
        method: str,
        url: str,
        what: str,
        *,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str | list[str]] | None = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
        allowed: Collection[int] = (),
    ) -> httpx.Response:
        """The server's answer to one request; ``what`` names the request in messages.

        A status of 400 or more raises the error it means, unless it is ``allowed``;
        ``timeout`` (seconds) replaces the store's timeout for this request."""
        try:
            response = self._client.request(
                method,
                url,
                params=params,
                data=data,
                content=content,
                headers=headers,
                timeout=httpx.USE_CLIENT_DEFAULT if timeout is None else timeout,
            )
        except httpx.TimeoutException:
            raise QueryTimeout(
                f"the SPARQL server at {self.shown} did not answer the {what} in time"
            ) from None
        except httpx.HTTPError as exc:
            raise StoreUnavailable(
                f"cannot reach the SPARQL server at {self.shown}: {exc or type(exc).__name__}"
            ) from None
        if response.status_code >= 400 and response.status_code not in allowed:
            raise self.error(response.status_code, what, response.text)
        return response

    def error(self, status: int, what: str, body: str) -> IisgraphError:
        """The error an HTTP failure status means (the one place they are mapped)."""
        detail = _detail(body)
        if status in (401, 403):
            return StoreRefused(
                f"the SPARQL server at {self.shown} refused the credentials for the {what} "
                "(IISGRAPH_STORE_USER/PASSWORD/TOKEN, IISGRAPH_STORE_AUTH)"
            )
        if status == 400:
            return BadQuery(
                f"the {what} does not parse or cannot run on the SPARQL server: {detail}"
            )
        if status == 404:
            return StoreUnavailable(
                f"the SPARQL server at {self.shown} has no endpoint for the {what} (HTTP 404): "
                "check the store URL's path and its update= and gsp= endpoints"
            )
        if status >= 500:
            return StoreUnavailable(
                f"the SPARQL server at {self.shown} failed on the {what}: {detail}"
            )
        return StoreUnavailable(
            f"the SPARQL server at {self.shown} answered HTTP {status} to the {what}: {detail}"
        )

    def close(self) -> None:
        """Close the pool's connections."""
        self._client.close()

    @property
    def closed(self) -> bool:
        return self._client.is_closed


def _detail(body: str) -> str:
    """The server's own words (its first lines: not the whole query Virtuoso echoes back)."""
    text = body.split("\nSPARQL query:", 1)[0]
    return " ".join(text.split())[:DETAIL_LENGTH]
