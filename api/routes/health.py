"""``/health``: is the service up, and can it read its store?"""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import StoreDep

router = APIRouter(tags=["service"])


@router.get("/health", summary="Service health and store size")
def health(store: StoreDep) -> dict[str, object]:
    return {"status": "ok", "sources": len(store.source_ids()), "triples": store.triple_count()}
