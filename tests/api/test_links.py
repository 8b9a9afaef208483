"""Links to the API's own routes: the URL Starlette would give, for whichever host and root
path the request came through, though the route's path is found once."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import NoMatchFound, Route

from api.links import url_for


def _endpoint(request: Request) -> Response:
    return Response()


APP = Starlette(
    routes=[
        Route("/things", _endpoint, name="things"),
        Route("/things/{key}", _endpoint, name="thing"),
        Route("/pages/{n:int}", _endpoint, name="page"),
    ]
)


def request_to(host: str, root_path: str = "") -> Request:
    return Request(
        {
            "type": "http",
            "app": APP,
            "router": APP.router,
            "scheme": "https",
            "method": "GET",
            "path": f"{root_path}/things",
            "root_path": root_path,
            "query_string": b"",
            "headers": [(b"host", host.encode())],
        }
    )


@pytest.mark.parametrize(("host", "root_path"), [("a.example", ""), ("b.example:8443", "/iis")])
def test_a_link_is_the_one_starlette_gives_for_the_host_and_root_path_asked(
    host: str, root_path: str
) -> None:
    request = request_to(host, root_path)
    for name, params in [("things", {}), ("thing", {"key": "RUS"}), ("page", {"n": 2})]:
        assert url_for(request, name, **params) == request.url_for(name, **params)
    assert str(url_for(request, "thing", key="UZB")) == f"https://{host}{root_path}/things/UZB"


def test_a_link_kept_for_one_host_is_not_given_to_another() -> None:
    assert str(url_for(request_to("a.example"), "things")) == "https://a.example/things"
    assert str(url_for(request_to("b.example"), "things")) == "https://b.example/things"


def test_a_link_to_no_route_fails_as_starlettes_does() -> None:
    with pytest.raises(NoMatchFound):
        url_for(request_to("a.example"), "nothing")
    with pytest.raises(NoMatchFound):
        url_for(request_to("a.example"), "thing")  # its key missing
