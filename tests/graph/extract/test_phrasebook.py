"""Field language: the labelled real clauses of the phrasebook (tests/data/phrasebook/, a copy of
the shared corpus's phrasebook). Each sentence is put under a neutral heading naming a joint
statement, as the shared scorer does; a labelled row must yield its topic and stance, a trap must
yield no position whose evidence lies inside its clause. The test prints every miss.

The floors are issue 14's targets (recall 0.85 overall and 0.80 in each language, at most 10 %
of traps firing), raised in a language to its measured level where that is higher (a ratchet).
"""

from __future__ import annotations

import csv
from pathlib import Path

from graph.extract import extract

PHRASES = Path(__file__).resolve().parents[2] / "data" / "phrasebook" / "phrases.tsv"
HEAD = {
    "en": "Joint statement of the Russian Federation and the Republic of India\n\n",
    "ru": "Совместное заявление Российской Федерации и Республики Индии\n\n",
}
FLOORS = {"recall_en": 0.85, "recall_ru": 0.87, "recall": 0.85}
MAX_TRAPS = 0.10


def scores() -> tuple[dict[str, float], list[str]]:
    rows = list(
        csv.DictReader(PHRASES.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE)
    )
    hits = {"en": [0, 0], "ru": [0, 0]}
    traps = [0, 0]
    misses = []
    for row in rows:
        doc = extract(HEAD[row["lang"]] + row["context"] + "\n", row["id"] + ".txt")
        found = [
            (p.topic, p.stance, p.evidence.exact) for i in doc.instruments for p in i.positions
        ]
        wanted = (row["topic"], row["stance"])
        if row["topic"] == "none" or row["note"].startswith("TRAP"):
            traps[1] += 1
            fired = [
                f for f in found
                if (f[2] in row["clause"] or row["clause"] in f[2])
                and (row["topic"] == "none" or f[:2] != wanted)
            ]  # fmt: skip
            if fired:
                traps[0] += 1
                misses.append(f"trap fired {row['id']}: {fired[0][:2]} on «{row['clause'][:80]}»")
        else:
            hits[row["lang"]][1] += 1
            if wanted in [f[:2] for f in found]:
                hits[row["lang"]][0] += 1
            else:
                misses.append(f"missed {row['id']} {wanted}: «{row['clause'][:80]}»")
    out = {f"recall_{lang}": h / n for lang, (h, n) in hits.items()}
    out["recall"] = sum(h for h, _ in hits.values()) / sum(n for _, n in hits.values())
    out["traps"] = traps[0] / traps[1]
    return out, misses


def test_phrasebook_recall_and_traps_hold_their_level() -> None:
    measured, misses = scores()
    report = "\n".join(["", *misses, " ".join(f"{k}={v:.3f}" for k, v in measured.items())])
    print(report)  # noqa: T201 - every miss, shown with -rP and on failure
    low = {k: round(measured[k], 3) for k, floor in FLOORS.items() if measured[k] < floor}
    assert not low, f"below the floor: {low}{report}"
    assert measured["traps"] <= MAX_TRAPS, f"traps fired: {measured['traps']:.3f}{report}"
