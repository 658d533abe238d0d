"""Calibration of task coverage on the 03/NQ-CP judgements (tests/compliance/coverage-adjudicated.jsonl).

Parent tasks are the rows `| N. | task | lead | support | result | time |` of 03/NQ-CP's Phụ lục II
(the task column is matched, the whole row decides the task's kind); plans are read by the
pipeline. `python tests/compliance/calibrate.py` fits the coverage combiner on the odd-numbered
tasks only (the object's length and the regularisation chosen by cross-validation grouped by task
within that half; the score threshold by best F1 on it), prints its weights for
rules/compliance.yaml `coverage_model`, and precision and recall on the even-numbered tasks (held
out) and on all, beside the single TF-IDF threshold it replaces."""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

from extractor.compliance.coverage import (
    FEATURES,
    Model,
    Thresholds,
    default_model,
    passages,
    plan_start,
    task_coverage,
    task_signals,
)
from extractor.compliance.model import Provenance
from extractor.compliance.parent import ParentTask
from extractor.pipeline import extract_file

HERE = Path(__file__).parent
TEXTS = HERE / "texts"
PARENT = TEXTS / "chinhphu-03-nq-cp-2025.txt"
Pair = tuple[int, str]


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


def _tasks(plan: str) -> tuple[list[int], list[ParentTask]]:
    rows = appendix_rows()
    tts = sorted({g["task"] for g in gold() if g["plan"] == plan})
    return tts, [ParentTask(str(t), rows[t][0], Provenance("record", "chinhphu-03-nq-cp-2025"), rows[t][1]) for t in tts]


def plans() -> list[str]:
    return sorted({g["plan"] for g in gold()})


def covered(thresholds: Thresholds | None = None, model: Model | None = None) -> dict[Pair, tuple[bool, float]]:
    """(task, plan) -> (covered, score) for every judged pair, as `vnplan check` decides it."""
    out = {}
    for plan in plans():
        tts, tasks = _tasks(plan)
        for t, c in zip(tts, task_coverage("03/NQ-CP", tasks, plan_record(plan), thresholds, model), strict=True):
            out[t, plan] = (c.covered, c.score)
    return out


def signals(model: Model | None = None) -> dict[Pair, dict[str, float]]:
    """(task, plan) -> the combiner's signals."""
    out = {}
    for plan in plans():
        tts, tasks = _tasks(plan)
        rec = plan_record(plan)
        ps = passages(rec["text"], plan_start(rec))
        for t, s in zip(tts, task_signals(tasks, rec, ps, model), strict=True):
            out[t, plan] = s.signals
    return out


def precision_recall(pred: dict[Pair, tuple[bool, float]], labels: list[dict]) -> tuple[float, float, int]:
    tp = sum(1 for g in labels if g["covered"] and pred[g["task"], g["plan"]][0])
    fp = sum(1 for g in labels if not g["covered"] and pred[g["task"], g["plan"]][0])
    fn = sum(1 for g in labels if g["covered"] and not pred[g["task"], g["plan"]][0])
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0), len(labels)


def f1(pred: dict[Pair, tuple[bool, float]], labels: list[dict]) -> float:
    p, r, _ = precision_recall(pred, labels)
    return 2 * p * r / (p + r) if p + r else 0.0


def halves() -> tuple[list[dict], list[dict]]:
    """The judgements of odd-numbered tasks (for fitting) and of even-numbered ones (for testing)."""
    g = gold()
    return [x for x in g if x["task"] % 2], [x for x in g if not x["task"] % 2]


def best_threshold(scores: dict[Pair, float], labels: list[dict]) -> tuple[float, float]:
    """The score threshold of best F1 on `labels` (a grid of 0.01) and that F1."""
    best = (-1.0, 0.5)
    for th in [x / 100 for x in range(5, 95)]:
        f = f1({k: (s >= th, s) for k, s in scores.items()}, labels)
        if f > best[0] + 1e-9:
            best = (f, th)
    return best[1], best[0]


def fit(sig: dict[Pair, dict[str, float]], labels: list[dict], c: float, base: Model) -> Model:
    """A logistic regression over the signals of `labels` (scikit-learn, standardised, L2 with C=c),
    returned as weights per unit of each signal; threshold by best F1 on the same labels."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array([[sig[g["task"], g["plan"]][k] for k in FEATURES] for g in labels])
    y = np.array([g["covered"] for g in labels])
    mu, sd = x.mean(0), x.std(0) + 1e-9
    lr = LogisticRegression(C=c).fit((x - mu) / sd, y)
    w = lr.coef_[0] / sd
    model = replace(base, weights={k: round(float(v), 3) for k, v in zip(FEATURES, w, strict=True)},
                    intercept=round(float(lr.intercept_[0] - (w * mu).sum()), 3))
    th, _ = best_threshold({(g["task"], g["plan"]): model.score(sig[g["task"], g["plan"]]) for g in labels}, labels)
    return replace(model, threshold=th)


def cross_validated_f1(sig: dict[Pair, dict[str, float]], labels: list[dict], c: float, base: Model,
                       folds: int = 5) -> float:
    """F1 of models fitted on 4/5 of `labels`' tasks and scored on the other fifth (grouped by task)."""
    tasks = sorted({g["task"] for g in labels})
    scores: dict[Pair, float] = {}
    for f in range(folds):
        held = set(tasks[f::folds])
        m = fit(sig, [g for g in labels if g["task"] not in held], c, base)
        scores.update({(g["task"], g["plan"]): m.score(sig[g["task"], g["plan"]]) for g in labels if g["task"] in held})
    return best_threshold(scores, labels)[1]


def choose() -> tuple[Model, dict]:
    """The combiner fitted on the odd half: object length and C by grouped cross-validation on it."""
    odd, _ = halves()
    base = default_model()
    trials = {}
    for n in (3, 4, 6, 8):
        sig = signals(replace(base, head_words=n))
        for c in (0.1, 1.0):
            trials[n, c] = (cross_validated_f1(sig, odd, c, replace(base, head_words=n)), sig)
    (n, c), (_, sig) = max(trials.items(), key=lambda kv: kv[1][0])
    return fit(sig, odd, c, replace(base, head_words=n)), {k: round(v[0], 3) for k, v in trials.items()}


def tfidf_baseline() -> tuple[float, list[tuple[str, float, float]]]:
    """The former rule for comparison: the best passage's cosine against one threshold chosen on the odd half."""
    odd, even = halves()
    sim = {k: s["similarity"] for k, s in signals().items()}
    th, _ = best_threshold(sim, odd)
    pred = {k: (s >= th, s) for k, s in sim.items()}
    return th, [(name, *precision_recall(pred, part)[:2]) for name, part in [("odd", odd), ("even", even), ("all", gold())]]


if __name__ == "__main__":
    model, trials = choose()
    print("cross-validated F1 on the odd half (object words, C):", trials)
    print(f"coverage_model: weights {model.weights}, intercept {model.intercept}, threshold {model.threshold}, "
          f"head_words {model.head_words}")
    pred = covered(model=model, thresholds=Thresholds(model.threshold, model.threshold))
    odd, even = halves()
    for name, part in [("odd (fitting)", odd), ("even (held out)", even), ("all", gold())]:
        p, r, n = precision_recall(pred, part)
        print(f"{name}: n={n} precision {p:.3f} recall {r:.3f}")
    th, rows = tfidf_baseline()
    print(f"TF-IDF cosine alone, threshold {th} chosen on odd:", ", ".join(f"{n} P {p:.3f} R {r:.3f}" for n, p, r in rows))
    sig = signals(model)
    sd = {k: math.sqrt(sum((v[k] - sum(x[k] for x in sig.values()) / len(sig)) ** 2 for v in sig.values()) / len(sig))
          for k in FEATURES}
    print("weights per standard deviation of each signal:", {k: round(model.weights[k] * sd[k], 2) for k in FEATURES})
