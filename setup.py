"""The one part of the build pyproject.toml cannot say: the JSON-LD framer (``api/jsonld.py``)
compiled to a C extension by mypyc, which frames a supporters page at a million triples in
6 ms instead of 10 (``benchmarks/speed-results.md``).

The source stays ``api/jsonld.py``, read and tested as Python. The build compiles a copy of
it, ``api._jsonld_native``, that carries the digest of the source it was made from;
``api/framer.py`` uses it only while that digest is the source's (an edited framer is never
shadowed by an older build). Without a C compiler, or with ``IISGRAPH_PURE_PYTHON=1``, the
build leaves it out and the framer runs as Python.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import Any

from setuptools import setup

SOURCE = Path("api") / "jsonld.py"  # the build runs in the project's folder
GENERATED = Path("build") / "native" / "api" / "_jsonld_native.py"
# mypy's own settings for the copy: the project's (strict, the pydantic plugin) need the
# dependencies, which an isolated build does not install
CONFIG = Path("build") / "native" / "mypy.ini"


# the commands that build code; a build frontend also runs this file for the metadata alone
# (egg_info, dist_info), where compiling would take its ~8 s for nothing
BUILDS = {"build", "build_ext", "bdist_wheel", "editable_wheel", "develop", "install"}


def native_modules() -> list[Any]:
    if os.environ.get("IISGRAPH_PURE_PYTHON") == "1" or not BUILDS & set(sys.argv[1:]):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        sys.stderr.write("iisgraph: mypyc is missing, the framer stays Python\n")
        return []
    source = SOURCE.read_bytes()
    digest = hashlib.sha256(source).hexdigest()
    GENERATED.parent.mkdir(parents=True, exist_ok=True)
    (GENERATED.parent / "__init__.py").write_text("")
    GENERATED.write_bytes(source + f'\nSOURCE_DIGEST = "{digest}"\n'.encode())
    CONFIG.write_text("[mypy]\nignore_missing_imports = True\nfollow_imports = silent\n")
    try:
        modules = list(mypycify(["--config-file", str(CONFIG), str(GENERATED)], opt_level="3"))
    except (Exception, SystemExit) as error:  # mypyc could not translate it: go on without
        sys.stderr.write(f"iisgraph: the framer stays Python: {error}\n")
        return []
    for module in modules:
        module.optional = True  # without a C compiler, the build goes on without them
    return modules


setup(ext_modules=native_modules())
