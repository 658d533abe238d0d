"""Calibration of task coverage on the 03/NQ-CP judgements (tests/compliance/coverage-adjudicated.jsonl).

Parent tasks are the rows `| N. | task | lead | support | result | time |` of 03/NQ-CP's Phụ lục II
(the task column is matched, the whole row decides the task's kind); plans are read by the
pipeline. `python tests/compliance/calibrate.py` picks both thresholds on the odd-numbered tasks
(best F1) and prints precision and recall on the even-numbered ones and on all."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from extractor.compliance.coverage import Thresholds, task_coverage
from extractor.compliance.model import Provenance
from extractor.compliance.parent import ParentTask
from extractor.pipeline import extract_file

HERE = Path(__file__).parent
TEXTS = HERE / "texts"
PARENT = TEXTS / "chinhphu-03-nq-cp-2025.txt"


def gold() -> list[dict]:
    return [json.loads(line) for line in (HERE / "coverage-adjudicated.jsonl").read_text().splitlines() if line]


@cache
def appendix_rows() -> dict[int, tuple[str, str]]:
    """TT -> (task column, whole row) of Phụ lục II."""
    text = PARENT.read_text(encoding="utf-8")
    app = text[text.index("PHỤ LỤC II"):]
    return {int(m.group(1)): (m.group(2).split("|")[0].strip(), m.group(0))
            for m in re.finditer(r"^\|\s*(\d+)\.\s*\|(.*)$", app, re.M)}


@cache
def plan_record(plan: str) -> dict:
    return extract_file(TEXTS / f"{plan}.txt").to_dict()


def covered(thresholds: Thresholds) -> dict[tuple[int, str], tuple[bool, float]]:
    """(task, plan) -> (covered, best similarity) for every judged pair."""
    rows = appendix_rows()
    out = {}
    pairs = gold()
    for plan in sorted({g["plan"] for g in pairs}):
        tts = sorted({g["task"] for g in pairs if g["plan"] == plan})
        tasks = [ParentTask(str(t), rows[t][0], Provenance("record", "chinhphu-03-nq-cp-2025"), rows[t][1]) for t in tts]
        for t, c in zip(tts, task_coverage("03/NQ-CP", tasks, plan_record(plan), thresholds), strict=True):
            out[t, plan] = (c.covered, c.score)
    return out


def precision_recall(pred: dict[tuple[int, str], tuple[bool, float]], labels: list[dict]) -> tuple[float, float, int]:
    tp = sum(1 for g in labels if g["covered"] and pred[g["task"], g["plan"]][0])
    fp = sum(1 for g in labels if not g["covered"] and pred[g["task"], g["plan"]][0])
    fn = sum(1 for g in labels if g["covered"] and not pred[g["task"], g["plan"]][0])
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0), len(labels)


def halves() -> tuple[list[dict], list[dict]]:
    """The judgements of odd-numbered tasks (for choosing) and of even-numbered ones (for testing)."""
    g = gold()
    return [x for x in g if x["task"] % 2], [x for x in g if not x["task"] % 2]


def choose() -> tuple[Thresholds, float]:
    """Both thresholds by best F1 on the odd half (a grid of 0.01)."""
    odd, _ = halves()
    scores = covered(Thresholds(0.0, 0.0))
    rows = appendix_rows()
    from extractor.compliance.coverage import national_instrument

    best = (-1.0, Thresholds(0, 0))
    grid = [x / 100 for x in range(5, 80)]
    for a in grid:
        for b in grid:
            pred = {k: (s >= (b if national_instrument(rows[k[0]][1]) else a), s) for k, (_, s) in scores.items()}
            p, r, _ = precision_recall(pred, odd)
            f = 2 * p * r / (p + r) if p + r else 0.0
            if f > best[0] + 1e-9:
                best = (f, Thresholds(a, b))
    return best[1], best[0]


if __name__ == "__main__":
    th, f = choose()
    print(f"chosen on odd tasks: local {th.local}, national {th.national} (F1 {f:.3f})")
    pred = covered(th)
    odd, even = halves()
    for name, part in [("odd (choosing)", odd), ("even (held out)", even), ("all", gold())]:
        p, r, n = precision_recall(pred, part)
        print(f"{name}: n={n} precision {p:.3f} recall {r:.3f}")
