"""A bounded schemathesis run against the API's own OpenAPI description (fixed seed, a few
examples per operation): no server error, every status and media type it answers with
declared, and every declared response schema met."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from graph.settings import Settings
from graph.store import open_store

pytestmark = pytest.mark.slow

APP = create_app(
    Settings(store=":memory:", write_token="fuzz"), open_store(Settings(store=":memory:"))
)
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", APP)


@SCHEMA.parametrize()
@settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error_and_no_schema_violation(case: Any) -> None:
    case.call_and_validate(
        checks=(
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        )
    )
