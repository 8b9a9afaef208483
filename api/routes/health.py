"""``/health``: is the service up, and can it read its store?"""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import StoreDep

router = APIRouter(tags=["service"])


@router.get("/health", summary="Service health, store size and what answers its reads")
def health(store: StoreDep) -> dict[str, object]:
    """``reads``: ``memory`` (the store's copies in memory, or a store in memory), ``disk``,
    ``disk-until-copied`` (the first copy is being made: ~8 s a million triples) or
    ``server``; ``memory_copies``: how many copies answer reads (up to one a core, made one
    after the other)."""
    return {
        "status": "ok",
        "sources": len(store.source_ids()),
        "triples": store.triple_count(),
        "reads": store.reads_from(),
        "memory_copies": store.memory_copies(),
    }
