"""Extraction summaries scored against gold annotations: the figures of ``iisgraph eval``.

The metrics are those of the project's scorer (``shared/tools/score.py``), computed the same way
so that the two agree to the last digit: instruments are paired greedily by shared issuers,
topics and type; issuers, holders, agreements and positions are counted per paired instrument;
the positions and holders of unpaired predicted instruments are false positives; meetings pair
by date and place; evidence counts as verbatim when, whitespace normalised, it occurs in the text.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import BadInput

Summary = Mapping[str, Any]

SET_FIELDS = (
    "instruments",
    "positions",
    "topics",
    "issuers",
    "holders",
    "agreements",
    "agreements_mentioned",
    "organizations_mentioned",
    "meetings",
    "participants",
    "persons",
)
HEADLINE = (
    "positions_f1",
    "holders_f1",
    "issuers_f1",
    "date_acc",
    "meetings_f1",
    "participants_f1",
    "evidence_verbatim",
)


def _ws(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1; an empty prediction for an empty gold scores 1.

    >>> prf(3, 1, 0)
    (0.75, 1.0, 0.8571428571428571)
    """
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Iterable[object], pred: Iterable[object]) -> None:
        g, p = set(gold), set(pred)
        self.tp += len(g & p)
        self.fp += len(p - g)
        self.fn += len(g - p)


@dataclass
class Scores:
    """Counts per field, accuracies, evidence and the list of every miss."""

    tallies: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    accuracy: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    evidence: list[int] = field(default_factory=lambda: [0, 0])
    misses: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        """``{field}_f1``, ``{field}_acc`` and ``evidence_verbatim``, as the scorer names them."""
        out = {
            f"{name}_f1": prf(t.tp, t.fp, t.fn)[2]
            for name in SET_FIELDS
            for t in [self.tallies[name]]
        }
        for name, (right, total) in self.accuracy.items():
            out[f"{name}_acc"] = right / total if total else 1.0
        right, total = self.evidence
        out["evidence_verbatim"] = right / total if total else 0.0
        return out

    def below(self, floors: Mapping[str, float]) -> list[str]:
        """The floors not met, as ``name value < floor``."""
        figures = self.figures()
        return [
            f"{name} {figures.get(name, 0.0):.3f} < {floor}"
            for name, floor in floors.items()
            if figures.get(name, 0.0) < floor
        ]

    def table(self, verbose: bool = False) -> str:
        lines = [f"{'field':26} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn"]
        for name in SET_FIELDS:
            t = self.tallies[name]
            p, r, f = prf(t.tp, t.fp, t.fn)
            lines.append(f"{name:26} {p:6.3f} {r:6.3f} {f:6.3f}   {t.tp}/{t.fp}/{t.fn}")
        for name, (right, total) in self.accuracy.items():
            a = right / total if total else 1.0
            lines.append(f"{name + ' accuracy':26} {a:6.3f}   {right}/{total}")
        right, total = self.evidence
        lines.append(
            f"{'evidence verbatim':26} {self.figures()['evidence_verbatim']:6.3f}   {right}/{total}"
        )
        if verbose:
            lines.extend("  " + m for m in self.misses)
        figures = self.figures()
        lines.append(" ".join(f"{k}={figures[k]:.3f}" for k in HEADLINE))
        return "\n".join(lines)


def pair_instruments(
    gold: list[Summary], pred: list[Summary]
) -> tuple[list[tuple[int, int | None]], list[int]]:
    """Each gold instrument with its best unused prediction, and the predictions left over."""
    pairs: list[tuple[int, int | None]] = []
    used: set[int] = set()
    for gi, g in enumerate(gold):
        best, best_score = None, 0.0
        gold_topics = {p["topic"] for p in g.get("positions", [])}
        for pi, p in enumerate(pred):
            if pi in used:
                continue
            topics = {x.get("topic") for x in p.get("positions") or []}
            shared = len(set(g.get("issuers", [])) & set(p.get("issuers") or []))
            overlap = len(gold_topics & topics) / max(1, len(gold_topics | topics))
            score = shared + overlap + (0.5 if g.get("type") == p.get("type") else 0)
            if score > best_score:
                best, best_score = pi, score
        if best is not None:
            used.add(best)
        pairs.append((gi, best))
    return pairs, [pi for pi in range(len(pred)) if pi not in used]


def _score_instruments(
    scores: Scores, src: str, text: str, gold: list[Summary], pred: list[Summary], verbose: bool
) -> None:
    t, acc = scores.tallies, scores.accuracy
    pairs, extra = pair_instruments(gold, pred)
    t["instruments"].tp += sum(1 for _, pi in pairs if pi is not None)
    t["instruments"].fn += sum(1 for _, pi in pairs if pi is None)
    t["instruments"].fp += len(extra)
    for gi, pi in pairs:
        gd, pd = gold[gi], (pred[pi] if pi is not None else {})
        key = f"{src}#{gi}"
        for name in ("type", "status", "date"):
            acc[name][0] += int(pi is not None and pd.get(name) == gd.get(name))
            acc[name][1] += 1
            if verbose and pd.get(name) != gd.get(name):
                scores.misses.append(f"{key} {name}: gold {gd.get(name)!r} got {pd.get(name)!r}")
        same_place = (pd.get("place") or "").lower() == (gd.get("place") or "").lower()
        acc["place"][0] += int(pi is not None and same_place)
        acc["place"][1] += 1
        for name in ("issuers", "holders", "agreements"):
            gs = {(key, x) for x in gd.get(name, [])}
            ps = {(key, x) for x in pd.get(name) or []}
            t[name].add(gs, ps)
            if verbose and gs != ps:
                scores.misses.append(
                    f"{key} {name}: missing {sorted(x for _, x in gs - ps)} "
                    f"extra {sorted(x for _, x in ps - gs)}"
                )
        gpos = {(key, x["topic"], x["stance"]) for x in gd.get("positions", [])}
        ppos = {(key, x.get("topic"), x.get("stance")) for x in pd.get("positions") or []}
        t["positions"].add(gpos, ppos)
        t["topics"].add({p[:2] for p in gpos}, {p[:2] for p in ppos})
        if verbose and gpos != ppos:
            scores.misses.append(
                f"{key} positions: missing {sorted(p[1:] for p in gpos - ppos)} "
                f"extra {sorted(p[1:] for p in ppos - gpos)}"
            )
        for x in pd.get("positions") or []:
            evidence = _ws(x.get("evidence"))
            scores.evidence[0] += int(bool(evidence) and evidence in text)
            scores.evidence[1] += 1
    for pi in extra:
        t["positions"].fp += len(pred[pi].get("positions") or [])
        t["holders"].fp += len(pred[pi].get("holders") or [])


def _score_meetings(scores: Scores, src: str, gold: list[Summary], pred: list[Summary]) -> None:
    t = scores.tallies
    left = list(pred)
    for m in gold:
        place = (m.get("place") or "").lower()
        hit = next(
            (
                q
                for q in left
                if q.get("date") == m.get("date") and (q.get("place") or "").lower() == place
            ),
            None,
        )
        t["meetings"].tp += int(hit is not None)
        t["meetings"].fn += int(hit is None)
        if hit is not None:
            left.remove(hit)
        gp = {(src, k, v) for k, v in m.get("participants", {}).items()}
        pp = {(src, k, v) for k, v in ((hit or {}).get("participants") or {}).items()}
        t["participants"].add(gp, pp)
    t["meetings"].fp += len(left)


def score(
    golds: Mapping[str, Summary],
    preds: Mapping[str, Summary],
    texts: Mapping[str, str],
    verbose: bool = False,
) -> Scores:
    """Score predictions (by source file name) against gold; ``texts`` are the raw sources."""
    scores = Scores()
    for src, g in golds.items():
        p = preds.get(src)
        if p is None:
            scores.misses.append(f"{src}: no prediction")
            p = {}
        scores.accuracy["language"][0] += int(p.get("language") == g["language"])
        scores.accuracy["language"][1] += 1
        _score_instruments(
            scores,
            src,
            _ws(texts[src]),
            g.get("instruments", []),
            p.get("instruments") or [],
            verbose,
        )
        for name in ("agreements_mentioned", "organizations_mentioned"):
            scores.tallies[name].add(
                {(src, x) for x in g.get(name, [])}, {(src, x) for x in p.get(name) or []}
            )
        scores.tallies["persons"].add(
            {(src, x.lower()) for x in g.get("persons", [])},
            {(src, (x or "").lower()) for x in p.get("persons") or []},
        )
        _score_meetings(scores, src, g.get("meetings", []), list(p.get("meetings") or []))
    return scores


def load_gold(folder: Path) -> dict[str, Summary]:
    """The gold summaries of a folder (``*.json``), by the source file they annotate."""
    if not folder.is_dir():
        raise BadInput(f"{folder}: no such folder of gold annotations")
    golds: dict[str, Summary] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            gold = json.loads(path.read_text("utf-8"))
            golds[gold["source"]] = gold
        except (ValueError, KeyError, TypeError) as exc:
            raise BadInput(f"{path}: not a gold summary with a 'source' ({exc})") from exc
    if not golds:
        raise BadInput(f"{folder}: no gold annotations (*.json) in it")
    return golds


def parse_floors(pairs: Iterable[str]) -> dict[str, float]:
    """``KEY=VALUE`` thresholds as given to ``--min``; a malformed one is a ``BadInput``."""
    floors: dict[str, float] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        try:
            if not sep:
                raise ValueError
            floors[name.strip()] = float(value)
        except ValueError:
            raise BadInput(f"--min {pair!r}: expected NAME=NUMBER, e.g. positions_f1=0.9") from None
    return floors
