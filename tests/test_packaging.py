"""A wheel carries the ontology, shapes, queries and the compiled framer: `iisgraph` works
from another directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def test_wheel_validates_and_queries_from_another_directory(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("iisgraph-*.whl")
    target = tmp_path / "site"
    installed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    text = elsewhere / "statement.txt"
    text.write_text((ROOT / "corpus" / "texts" / "002_ed7b2ff3aa98ea85.txt").read_text("utf-8"))
    # -S: no site hooks, so the checkout's editable install cannot shadow the wheel.
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(target), sysconfig.get_paths()["purelib"]]),
    }

    def from_the_wheel(code: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-S", "-c", code, *args],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    cli = "import sys, graph.cli; sys.exit(graph.cli.main(sys.argv[1:]))"
    run = from_the_wheel(cli, "ingest", str(text), "--store", str(elsewhere / "store"))
    assert run.returncode == 0, run.stderr
    where = from_the_wheel("import graph.paths as p; print(p.SHAPES_DIR)")
    assert where.stdout.startswith(str(target)), where.stdout + where.stderr
    query = from_the_wheel(
        cli, "query", "--name", "states-supporting-topic", "--store", str(elsewhere / "store")
    )
    assert query.returncode == 0, query.stderr
    rows = json.loads(query.stdout)["results"]["bindings"]  # SPARQL results JSON
    assert "CHN" in {row["code"]["value"] for row in rows}
    # the framer ships compiled, built from the source the wheel carries (setup.py)
    framer = from_the_wheel("import api.framer as f; print(f.COMPILED, f.__file__)")
    assert framer.stdout.split() == ["True", str(target / "api" / "framer.py")], (
        framer.stdout + framer.stderr
    )
