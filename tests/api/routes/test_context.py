"""The JSON-LD context is usable offline (issue 17, item 13): every answer names it by one
stable IRI under the configured base, served with caching headers, and the README's pyld
loader resolves it from a saved copy."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

from graph.settings import Settings
from graph.store import open_store
from tests.conftest import ROOT, InProcessServer, Served, ThreadedServer

CONTEXT = "https://w3id.org/iisgraph/context.jsonld"


def test_issue_17_every_answer_names_the_context_by_its_published_iri(
    corpus_server: Served,
) -> None:
    for path in ("/", "/states/RUS", "/topics/itu-role/supporters", "/search?q=SCO"):
        assert corpus_server.client.get(path).json()["@context"] == CONTEXT, path
    other_host = corpus_server.client.get("/states/RUS", headers={"Host": "example.org"})
    assert other_host.json()["@context"] == CONTEXT


def test_the_context_iri_follows_the_configured_base() -> None:
    settings = Settings(store=":memory:", base="https://data.example.org/iis/")
    with InProcessServer(open_store(settings), settings) as server:
        body = server.client.get("/topics").json()
    assert body["@context"] == "https://data.example.org/iis/context.jsonld"


def test_the_context_is_served_with_caching_headers(corpus_server: Served) -> None:
    first = corpus_server.client.get("/context.jsonld")
    assert first.status_code == 200
    assert first.headers["content-type"].startswith("application/ld+json")
    assert "max-age=" in first.headers["cache-control"]
    etag = first.headers["etag"]
    again = corpus_server.client.get("/context.jsonld", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["etag"] == etag and not again.content
    other = corpus_server.client.get("/context.jsonld", headers={"If-None-Match": '"other"'})
    assert other.status_code == 200 and other.content == first.content


def test_the_readme_pyld_loader_resolves_the_context_locally(
    corpus_over_http: ThreadedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("### JSON-LD offline", 1)[1]
    block = re.search(r"```python\n(.*?)```", section, re.S)
    assert block, "the README shows the pyld loader in a python block"
    text = block.group(1).replace("http://127.0.0.1:8000", corpus_over_http.url)
    monkeypatch.chdir(tmp_path)  # the snippet saves the context in the current folder
    test = doctest.DocTestParser().get_doctest(text, {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
