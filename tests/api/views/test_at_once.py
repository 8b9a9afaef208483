"""A view's independent questions sent together: results in order, a failure raised once every
question ended, and no wait for ever when the questions ask questions of their own."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from api.views.at_once import at_once

ROOT = Path(__file__).resolve().parents[3]


def test_results_come_in_the_order_of_the_calls_and_run_together() -> None:
    started: list[float] = []

    def slow(value: str) -> str:
        started.append(time.perf_counter())
        time.sleep(0.2)
        return value

    began = time.perf_counter()
    assert at_once(lambda: slow("a"), lambda: slow("b"), lambda: slow("c")) == ["a", "b", "c"]
    assert time.perf_counter() - began < 0.5  # not 0.6: one after the other
    assert max(started) - min(started) < 0.15


def test_a_failure_is_raised_after_every_other_call_ended() -> None:
    ended = threading.Event()

    def later() -> None:
        time.sleep(0.2)
        ended.set()

    def fails() -> None:
        raise LookupError("there is no topic 'x'")

    with pytest.raises(LookupError, match="no topic"):
        at_once(fails, later)
    assert ended.is_set()


# 40 requests at once, each a view whose questions send questions of their own: run in a
# process of its own, so that if the pool's threads ever wait for one another for ever the test
# fails by its time limit instead of keeping the test run from exiting (they cannot be stopped)
MANY_VIEWS = """
import threading
import time
from api.views.at_once import at_once

def asked(value):
    time.sleep(0.01)  # an engine's answer: every pool thread gets busy
    return value

def question(n, k):
    return sum(at_once(lambda: asked(k), lambda: asked(n)))

def view(n):
    return at_once(*(lambda k=k: question(n, k) for k in range(3)))

answers = {}

def request(n):
    answers[n] = view(n)

requests = [threading.Thread(target=request, args=(n,)) for n in range(40)]
for thread in requests:
    thread.start()
for thread in requests:
    thread.join()
assert answers == {n: [n, n + 1, n + 2] for n in range(40)}, answers
print("answered")
"""


def test_calls_that_send_their_own_questions_finish_when_many_views_run() -> None:
    try:
        done = subprocess.run(
            [sys.executable, "-c", MANY_VIEWS],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("40 views whose questions ask questions still wait after 60 s")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "answered"
