"""``create_app(settings, store)``: the FastAPI application, wired from its parts.

No module-level app, settings or store: run it with
``uvicorn --factory api.app:create_app`` or ``iisgraph serve``.
"""

from __future__ import annotations

from fastapi import FastAPI

from api import problems
from api.routes import health, sparql
from graph.settings import Settings
from graph.store import Store, open_store


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="iisgraph",
        summary="Who committed to what in international information security",
        version="0.1.0",
    )
    app.state.settings = settings
    app.state.store = store if store is not None else open_store(settings)
    problems.install(app)
    app.include_router(sparql.router)
    app.include_router(health.router)
    return app
