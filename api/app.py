"""``create_app(settings, store)``: the FastAPI application, wired from its parts.

No module-level app, settings or store: run it with
``uvicorn --factory api.app:create_app`` or ``iisgraph serve``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from api import heap, problems
from api.cache import ResponseCache
from api.fairness import Fairness, QueryBudget
from api.head import HeadAsGet
from api.known_parameters import refuse_unknown_parameters
from api.language import RememberLanguage
from api.openapi import truthful_openapi
from api.pages import STATIC
from api.routes import annotations as curation
from api.routes import (
    api_docs,
    curated,
    dataset,
    health,
    linked_data,
    queries,
    sources,
    sparql,
)
from api.security import SecurityHeaders
from api.timing import ServerTiming
from graph.ontology import reference_graph, stored_ontology_graph
from graph.search import Finder
from graph.settings import Settings
from graph.store import Store, open_serving_store
from graph.store.process import AttachedStore


def serving_app() -> FastAPI:
    """The application of a worker of ``iisgraph serve --workers`` (uvicorn's factory): the
    settings and the engine its parent left in the environment."""
    return create_app(Settings())


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The application over ``store``; without one, it opens the store of ``settings`` in an
    engine process (where a query over the time limit can be stopped) and closes it on
    shutdown."""
    settings = settings or Settings()
    owned = store is None
    the_store = store if store is not None else open_serving_store(settings)
    # a worker of ``iisgraph serve --workers`` shares an engine its parent made current
    if owned and not isinstance(the_store, AttachedStore):
        # a store written by an older iisgraph gets this version's ontology, reference data,
        # holders and tallies before the first request (nothing is done when they are current)
        the_store.replace_reference(
            stored_ontology_graph(settings.base), reference_graph(settings.base)
        )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if owned:
            heap.settle()  # all made so far lives as long as the server
        yield
        if owned:
            the_store.close()

    app = FastAPI(
        title="iisgraph",
        summary="Who committed to what in international information security",
        version="0.1.0",
        lifespan=lifespan,
        dependencies=[Depends(refuse_unknown_parameters)],
        docs_url=None,  # served from local assets by api/routes/api_docs.py
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = the_store
    app.state.finder = Finder(the_store)  # the search index, read again after a write
    app.add_middleware(ResponseCache, store=the_store, entries=settings.response_cache)
    app.add_middleware(RememberLanguage)  # a page's ?lang= is kept in a cookie
    # Reads may be made from any web page; writes need a token and no browser sends it unasked.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
        allow_headers=["Accept", "Content-Type"],  # no Authorization: writes are not for pages
    )
    # a client over its share of query time is refused before the cache or the engine; each
    # of the server's web processes grants its part, so the share holds whichever answers
    app.add_middleware(
        Fairness,
        budget=QueryBudget(settings.client_query_seconds / settings.workers),
        header=settings.client_header,
    )
    app.add_middleware(SecurityHeaders)  # on every answer, a cached one too
    app.add_middleware(HeadAsGet)  # HEAD wherever GET is, the body left out
    app.add_middleware(ServerTiming)  # outermost: the time of everything, cache included
    problems.install(app)
    app.openapi = lambda: truthful_openapi(app)  # type: ignore[method-assign]
    app.include_router(sparql.router)
    app.include_router(curated.router)
    app.include_router(queries.router)
    app.include_router(linked_data.router)
    app.include_router(sources.router)
    app.include_router(curation.router)
    app.include_router(dataset.router)
    app.include_router(health.router)
    app.include_router(api_docs.router)
    app.mount("/static/apidocs", StaticFiles(directory=api_docs.ASSETS), name="apidocs")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
