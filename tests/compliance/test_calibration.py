"""Task coverage against the adjudicated 03/NQ-CP judgements: agreement of the annotators, and
precision and recall out of fold (grouped by task), on the held-out half, and of the shipped model."""

from __future__ import annotations

import json
import re

from extractor.compliance.coverage import default_model, default_threshold, task_coverage
from extractor.compliance.parent import record_tasks
from extractor.pipeline import extract_file
from tests.compliance.calibrate import (
    HERE,
    PARENT,
    covered,
    fit,
    gold,
    held_out_half,
    out_of_fold,
    plan_record,
    plans,
    precision_recall,
    prf,
    signals,
)


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


def test_out_of_fold_precision_and_recall_hold_their_floor():
    """Every judgement decided by a combiner fitted (C and threshold included) without its task."""
    model = default_model()
    g = gold()
    p, r, f = prf(out_of_fold(signals(model), g, model), g)
    # measured (5-fold grouped by task, tasks in order): P 0.809 R 0.818 F1 0.814; the former six
    # signals under the same procedure: see README and tests/compliance/NOTES.md
    assert p >= 0.80 and r >= 0.80


def test_held_out_half_holds_its_floor():
    """The same procedure fitted on the odd-numbered tasks and scored on the even ones."""
    model = default_model()
    p, r, _ = held_out_half(signals(model), model)
    # measured: P 0.840 R 0.913 (the former combiner fitted on odd: P 0.800 R 0.870)
    assert p >= 0.82 and r >= 0.88


def test_the_rules_model_is_the_one_calibrate_fits_on_all_judgements():
    """rules/compliance.yaml holds what calibrate.py fits on the 225 judgements, with the threshold
    its grouped cross-validation chose."""
    model = default_model()
    refit, _ = fit(signals(model), gold(), model)
    assert refit.threshold == model.threshold
    for k, w in model.weights.items():
        assert abs(refit.weights[k] - w) < 0.01, k
    assert abs(refit.intercept - model.intercept) < 0.01
    pred = covered(default_threshold())
    p, r, n = precision_recall(pred, gold())
    # on the judgements it was fitted on (not a test of generalisation): P 0.811 R 0.830
    assert n == 225 and p >= 0.80 and r >= 0.80


def test_a_task_the_plan_only_mentions_scores_below_one_it_carries_out():
    """Bắc Ninh's plan names higher education among its addressees but builds no national strategy
    for it (task 86); it does publish a list of big problems to solve (task 124)."""
    pred = covered(default_threshold())
    plan = "bacninh-144-kh-ubnd-2025"
    assert pred[86, plan][0] is False and pred[124, plan][0] is True
    assert pred[124, plan][1] > pred[86, plan][1]


def test_the_check_of_the_parent_record_matches_the_judgements():
    """What `vnplan check` decides: 03/NQ-CP read by the pipeline (its 275 tasks: obligations with
    their lead, task-section items), each judged appendix row found as its obligation by number."""
    parent = extract_file(PARENT).to_dict()
    tasks = record_tasks(parent)
    row_of = {}
    for k, o in enumerate(parent["obligations"], 1):
        m = re.match(r"\s*(\d+)\.", o.get("quote") or "")
        if o.get("section") == "PLII" and m:
            row_of.setdefault(int(m.group(1)), f"O{k}")
    pred = {}
    for plan in plans():
        by_id = {c.task_id: c for c in task_coverage("03/NQ-CP", tasks, plan_record(plan))}
        pred.update({(g["task"], plan): (by_id[row_of[g["task"]]].covered, by_id[row_of[g["task"]]].score)
                     for g in gold() if g["plan"] == plan})
    p, r, n = precision_recall(pred, gold())
    # measured: P 0.798 R 0.807 (the weights were fitted on these judgements with the appendix rows
    # alone as the parent's tasks; the record's 275 tasks shift the IDF and the topic words)
    assert n == 225 and p >= 0.78 and r >= 0.78
