"""Where the ontology, reference data, shapes, queries and lexicons are.

The only module that knows the repository layout. In a checkout they are the top-level folders
``ontology/``, ``shapes/`` and ``queries/``; in an installed wheel the same folders ship as the
package data ``graph/_data/…`` (see ``[tool.setuptools]`` in ``pyproject.toml``).

>>> (ONTOLOGY_DIR / "iisgraph.ttl").name
'iisgraph.ttl'
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


ONTOLOGY_DIR = _data_dir("ontology")
REFERENCE_DIR = ONTOLOGY_DIR / "reference"
SHAPES_DIR = _data_dir("shapes")
QUERIES_DIR = _data_dir("queries")
LEXICONS_DIR = _PACKAGE / "lexicons"
ONTOLOGY_FILE = ONTOLOGY_DIR / "iisgraph.ttl"
CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"


def reference_files() -> list[Path]:
    """The reference Turtle files, in a stable order."""
    return sorted(REFERENCE_DIR.glob("*.ttl"))


def shape_files() -> list[Path]:
    return sorted(SHAPES_DIR.glob("*.ttl"))
