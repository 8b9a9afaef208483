"""Dependencies named once, as types: routes declare ``store: StoreDep``. They are ``async``
(they read the app's state and never wait): FastAPI runs a plain ``def`` dependency in its
thread pool, a hop that cost every request ~0.2 ms each."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graph.search import Finder
from graph.settings import Settings
from graph.store import Store


async def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_finder(request: Request) -> Finder:
    finder: Finder = request.app.state.finder
    return finder


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
FinderDep = Annotated[Finder, Depends(get_finder)]
