"""iisgraph's graph side: text → findings → RDF → SHACL → store. Knows nothing about HTTP.

The public entry points, imported on first use (so ``import graph.namespaces`` stays cheap):

- ``extract(text, source)`` → ``Document`` (``graph.extract``)
- ``to_rdf(document, ids, is_state)`` → rdflib ``Graph`` (``graph.to_rdf``)
- ``validate(graph, context)`` raises ``InvalidGraph`` (``graph.validate``)
- ``open_store(settings)`` → ``Store`` (``graph.store``)
- ``Pipeline(base)``: all of the above for files and folders (``graph.ingest``)
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "extract": "graph.extract",
    "to_rdf": "graph.to_rdf",
    "validate": "graph.validate",
    "open_store": "graph.store",
    "Pipeline": "graph.ingest",
    "Settings": "graph.settings",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
