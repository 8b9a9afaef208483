"""The JSON-LD framer in use: ``api/jsonld.py`` as mypyc compiled it (``setup.py``: a page of
a million-triple store framed in 6 ms instead of 10), when the build made it from the source
as it is now, else the source itself. An edited ``api/jsonld.py`` is never shadowed by an
older build: its digest no longer matches, and the Python framer answers until ``make
install`` builds it again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Sequence
from importlib import import_module
from pathlib import Path

from rdflib.term import Node

from api import jsonld

Framer = Callable[[Collection[jsonld.Triple], Sequence[Node], str], jsonld.Json]


def compiled_framer() -> Framer | None:
    """The compiled ``tree`` when it was built from ``api/jsonld.py`` as it is, else None (not
    built: no C compiler, or ``IISGRAPH_PURE_PYTHON=1`` at build time; or built from another
    version)."""
    try:
        native = import_module("api._jsonld_native")
    except ImportError:
        return None
    try:
        source = Path(jsonld.__file__).read_bytes()
    except OSError:  # deployed without its sources (bytecode only): nothing to compare with
        return None
    if getattr(native, "SOURCE_DIGEST", None) != hashlib.sha256(source).hexdigest():
        return None
    built: Framer = native.tree
    return built


_compiled = compiled_framer()
COMPILED = _compiled is not None
tree: Framer = _compiled if _compiled is not None else jsonld.tree
