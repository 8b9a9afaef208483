"""The framer answers compiled when the build made it from the source as it is, and the
compiled framer writes every document byte for byte as the Python one does."""

from __future__ import annotations

import os
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path

import pytest

from api import framer, jsonld
from graph.settings import Settings
from graph.store import Store
from tests.api.test_jsonld import RESOURCES
from tests.conftest import InProcessServer


@pytest.fixture(scope="module")
def uncached(corpus_store: Store) -> Iterator[InProcessServer]:
    """The founding texts served without the response cache: each answer is framed anew."""
    with InProcessServer(corpus_store, Settings(store=":memory:", response_cache=0)) as server:
        yield server


def expect_compiled() -> None:
    """Skips only where the build was asked not to compile (``IISGRAPH_PURE_PYTHON=1``, set
    for the tests too); anywhere else a missing or stale build fails."""
    if os.environ.get("IISGRAPH_PURE_PYTHON") == "1":
        pytest.skip("built without the compiled framer (IISGRAPH_PURE_PYTHON=1)")
    assert framer.COMPILED, (
        "api/_jsonld_native is missing or was built from another api/jsonld.py: "
        "`make install` builds it (setup.py)"
    )


def test_the_framer_in_use_is_compiled_from_the_source_as_it_is() -> None:
    expect_compiled()
    assert framer.tree is not jsonld.tree


def test_a_build_of_another_source_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    expect_compiled()
    native = import_module("api._jsonld_native")
    monkeypatch.setattr(native, "SOURCE_DIGEST", "0" * 64)
    assert framer.compiled_framer() is None


@pytest.mark.parametrize("path", RESOURCES)
def test_compiled_and_python_framers_write_the_same_bytes(
    uncached: InProcessServer, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = {"Accept": "application/ld+json"}
    compiled = uncached.client.get(path, headers=headers)
    assert compiled.status_code == 200
    monkeypatch.setattr("api.documents.tree", jsonld.tree)
    python = uncached.client.get(path, headers=headers)
    assert python.content == compiled.content


def test_without_the_framers_source_the_python_framer_answers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(jsonld, "__file__", str(tmp_path / "jsonld.py"))  # bytecode only
    assert framer.compiled_framer() is None
