"""Every answer says how long the server took to make it."""

from __future__ import annotations

import re

from tests.conftest import Served


def test_every_answer_carries_the_server_time_in_server_timing(
    corpus_server: Served,
) -> None:
    # the second ask of a page is answered from the response cache: its own time, once
    for path in ("/topics/itu-role", "/topics/itu-role", "/sparql?query=ASK%7B%7D", "/nope"):
        response = corpus_server.client.get(path)
        timing = response.headers.get("server-timing", "")
        found = re.fullmatch(r"app;dur=(\d+\.\d)", timing)
        assert found, f"{path}: {timing!r}"
        assert 0 <= float(found.group(1)) < 60_000
