"""``/health``: is the service up, and can it read its store?"""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import StoreDep

router = APIRouter(tags=["service"])


@router.get("/health", summary="Service health, store size and what answers its reads")
def health(store: StoreDep) -> dict[str, object]:
    """``reads``: ``memory`` (the store's copy in memory, or a store in memory), ``disk``,
    ``disk-until-copied`` (the copy is being made: ~8 s a million triples) or ``server``."""
    return {
        "status": "ok",
        "sources": len(store.source_ids()),
        "triples": store.triple_count(),
        "reads": store.reads_from(),
    }
