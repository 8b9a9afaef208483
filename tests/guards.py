"""What a test needs that pip does not install (a browser, a SPARQL server, the shared corpus).

On a developer's machine a missing tool skips the tests that need it, saying what to install;
under CI (``CI=true``) it fails them: CI installs everything, so a missing tool there is a broken
install step, not a reason to pass.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def missing(what: str) -> NoReturn:
    """Skip (locally) or fail (under CI) a test whose tool ``what`` is not installed."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} — CI must install it (.ci/run)")
    pytest.skip(what)
