"""The README documents every setting, route and named query, and its query example runs."""

from __future__ import annotations

import argparse
import re

from api.app import create_app
from graph.cli import parser
from graph.queries import named_queries
from graph.settings import Settings
from graph.store import Store
from tests.conftest import ITU_SUPPORTERS, ROOT, InProcessServer

README = (ROOT / "README.md").read_text("utf-8")


def test_readme_opens_with_what_it_is_and_the_two_commands() -> None:
    head = README[:1500]
    assert "make run" in head
    assert "make test" in head


def test_readme_names_every_setting() -> None:
    for name, field in Settings.model_fields.items():
        assert f"IISGRAPH_{name.upper()}" in README, name
        assert field.description, name


def test_readme_names_every_command() -> None:
    commands = next(
        action.choices
        for action in parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    for name in commands:
        assert f"`iisgraph {name}" in README, name


def test_readme_names_every_named_query() -> None:
    for query in named_queries():
        assert f"`{query.name}`" in README, query.name


def test_readme_names_every_route(store: Store) -> None:
    app = create_app(Settings(store=":memory:"), store)
    paths = set(app.openapi()["paths"])  # every route the API describes, routers included
    assert len(paths) > 30
    for raw in paths:
        path = re.sub(r":\w+}", "}", raw)  # /positions/{key:path} is written /positions/{key}
        assert f"`{path}" in README or f"`GET {path}" in README or f" {path}" in README, path


def test_readme_query_example_runs_and_gives_the_ten_states(store: Store) -> None:
    from graph.ingest import Pipeline, text_files

    seeds = sorted((ROOT / "corpus" / "texts").glob("00*.txt"))  # the five founding texts
    Pipeline(store.ids.base).ingest(store, text_files(seeds))
    match = re.search(r"--data-urlencode query='(.*?)'", README, re.DOTALL)
    assert match, "the README has a curl query example"
    with InProcessServer(store) as server:
        response = server.client.post(
            "/sparql", data={"query": match.group(1)}, headers={"Accept": "text/csv"}
        )
    assert response.status_code == 200, response.text
    codes = sorted({line.split(",")[0] for line in response.text.splitlines()[1:]})
    assert codes == ITU_SUPPORTERS


def test_readme_says_what_the_whole_corpus_answers(store: Store) -> None:
    from graph.ingest import Pipeline, text_files

    Pipeline(store.ids.base).ingest(store, text_files([ROOT / "corpus" / "texts"]))
    assert "36 real texts" in README
    assert len(list((ROOT / "corpus" / "texts").glob("*.txt"))) == 36
    rows = store.select(
        """PREFIX iis: <https://w3id.org/iisgraph/ontology#>
        SELECT DISTINCT ?topic ?stance ?code WHERE {
          ?p iis:topic/iis:publicId ?topic ; iis:stance/iis:publicId ?stance ;
             iis:statedIn/iis:qualifiedHolding/iis:holdingState/iis:publicId ?code .
          FILTER(?topic = "itu-role" || ?stance = "opposes")
        }"""
    )
    answers: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        answers.setdefault((str(row["topic"]), str(row["stance"])), set()).add(str(row["code"]))
    assert answers == {
        ("itu-role", "supports"): set(ITU_SUPPORTERS),
        ("cybercrime-convention", "opposes"): {"USA"},
        ("legally-binding-instrument", "opposes"): {"AUS"},
    }


def test_docs_vocabulary_names_every_organization_and_its_memberships() -> None:
    from graph.reference import Reference

    text = (ROOT / "docs" / "vocabulary.md").read_text("utf-8")
    organizations, memberships = text.split("### Memberships", 1)

    def first_cells(section: str) -> set[str]:
        rows = re.findall(r"^\| ([^|]+?) \|", section, re.MULTILINE)
        return {name for row in rows for name in row.split(", ")}

    reference = Reference.load()
    ids = {key for key, kind in reference.kinds.items() if kind == "organization"}
    assert ids <= first_cells(organizations), ids - first_cells(organizations)
    dated = {m.organization for m in reference.memberships}
    assert dated <= first_cells(memberships), dated - first_cells(memberships)
