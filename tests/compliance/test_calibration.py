"""Task coverage against the adjudicated 03/NQ-CP judgements: agreement of the annotators, and
precision and recall of the calibrated thresholds on the held-out half and on all."""

from __future__ import annotations

import json

from extractor.compliance.coverage import default_model, default_threshold
from tests.compliance.calibrate import HERE, covered, fit, gold, halves, precision_recall, signals


def _labels(name: str) -> dict:
    return {(r["task"], r["plan"]): r["covered"] for r in map(json.loads, (HERE / name).read_text().splitlines())}


def test_annotators_agree_and_every_disagreement_is_adjudicated():
    a, b = _labels("coverage-C1.jsonl"), _labels("coverage-C2.jsonl")
    assert set(a) == set(b) and len(a) == 225
    n = len(a)
    po = sum(a[k] == b[k] for k in a) / n
    pa, pb = sum(a.values()) / n, sum(b.values()) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    assert round((po - pe) / (1 - pe), 3) == 0.861
    adjudicated = [g for g in gold() if g["label"] == "adjudicated"]
    assert len(adjudicated) == sum(a[k] != b[k] for k in a) == 15
    notes = (HERE / "NOTES.md").read_text()
    for g in adjudicated:
        assert f"| {g['task']} " in notes or f"| {g['task']} (" in notes


def test_coverage_precision_and_recall_hold_their_floor():
    pred = covered(default_threshold())
    odd, even = halves()
    p_even, r_even, _ = precision_recall(pred, even)
    p_all, r_all, n = precision_recall(pred, gold())
    assert n == 225
    # measured: held-out (even tasks) P 0.800 R 0.870; all P 0.789 R 0.852 (README); the TF-IDF
    # threshold alone it replaced: held-out P 0.720 R 0.783
    assert p_even >= 0.80 and r_even >= 0.80
    assert p_all >= 0.78 and r_all >= 0.84


def test_the_rules_model_is_the_one_fitted_on_the_odd_half():
    """rules/compliance.yaml holds what calibrate.py fits on the odd-numbered tasks, never on the even ones."""
    model = default_model()
    odd, _ = halves()
    refit = fit(signals(model), odd, 0.1, model)  # C=0.1, as chosen by calibrate.py
    assert refit.threshold == model.threshold
    for k, w in model.weights.items():
        assert abs(refit.weights[k] - w) < 0.01, k
    assert abs(refit.intercept - model.intercept) < 0.01


def test_a_task_the_plan_only_mentions_scores_below_one_it_carries_out():
    """Bắc Ninh's plan names higher education among its addressees but builds no national strategy
    for it (task 86); it does publish a list of big problems to solve (task 124)."""
    pred = covered(default_threshold())
    plan = "bacninh-144-kh-ubnd-2025"
    assert pred[86, plan][0] is False and pred[124, plan][0] is True
    assert pred[124, plan][1] > pred[86, plan][1]
