"""A view's independent questions sent together: results in order, a failure raised once every
question ended, and no wait for ever when the questions ask questions of their own."""

from __future__ import annotations

import threading
import time

import pytest

from api.views.at_once import at_once


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


def test_calls_that_send_their_own_questions_finish_when_many_views_run() -> None:
    def view(n: int) -> list[int]:
        # each of its questions sends two of its own
        return at_once(*(lambda k=k: sum(at_once(lambda: k, lambda: n)) for k in range(3)))

    answers: dict[int, list[int]] = {}

    def request(n: int) -> None:
        answers[n] = view(n)

    requests = [threading.Thread(target=request, args=(n,), daemon=True) for n in range(40)]
    for thread in requests:
        thread.start()
    for thread in requests:
        thread.join(timeout=20)
    assert answers == {n: [n, n + 1, n + 2] for n in range(40)}
