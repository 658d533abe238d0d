"""Calibration of task coverage on the 03/NQ-CP judgements (tests/compliance/coverage-adjudicated.jsonl).

Parent tasks are the rows `| N. | task | lead | support | result | time |` of 03/NQ-CP's Phụ lục II
(the task column is matched, the whole row decides the task's kind and lead); plans are read by
the pipeline. `python tests/compliance/calibrate.py`:

- measures the procedure out of fold: 5-fold cross-validation grouped by parent task, every
  judgement scored by a combiner fitted (regularisation and threshold chosen by an inner grouped
  cross-validation) without its task; pooled precision, recall and F1 for the deterministic
  assignment (tasks in order, every fifth) and the mean over four shuffled assignments;
- the same procedure fitted on the odd-numbered tasks and tested on the even ones (held-out half);
- fits the combiner on all judgements and prints it (with `--check`, the one shipped in
  rules/compliance.yaml `coverage_model`).

`--check` does the same on the signals `vnplan check` computes: 03/NQ-CP read by the pipeline (its
276 tasks, which set the IDF and the topic words), each judged row found as its obligation by
number (`check_signals`, `check_covered`).

The threshold is the one where precision and recall of the inner cross-validated scores are both
highest (their minimum, ties by F1): the target is both, not F1 alone.

Diagnostics (the check's signals): `--errors` prints every out-of-fold error with its row, signals,
the annotators' quote and the check's best passages; `--quotes` counts where the check's passage
order puts the passages the annotators quoted for the covered judgements (retrieval, apart from the
decision); `--combiners` decides the check's signals out of fold with other combiners (pairwise products,
gradient-boosted trees, a random forest) to tell whether the limit is the combiner or the signals; `--latent` adds
a latent-semantic cosine (TF-IDF and a truncated SVD over the plan's passages and the parent's tasks) as an
eleventh signal."""

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
    default_threshold,
    passages,
    plan_start,
    task_coverage,
    task_signals,
)
from extractor.compliance.model import Provenance
from extractor.compliance.parent import ParentTask, record_tasks
from extractor.pipeline import extract_file

HERE = Path(__file__).parent
TEXTS = HERE / "texts"
PARENT = TEXTS / "chinhphu-03-nq-cp-2025.txt"
Pair = tuple[int, str]


SETS = ("coverage-adjudicated.jsonl", "coverage-adjudicated-central.jsonl")  # the 75 rows naming localities, the 65 others


def gold() -> list[dict]:
    """Every adjudicated judgement: the 75 rows naming the localities, then the 65 central rows, each
    against the three plans (420)."""
    return [json.loads(line) for name in SETS for line in (HERE / name).read_text().splitlines() if line]


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
    return tts, [ParentTask(str(t), rows[t][0], Provenance("record", "chinhphu-03-nq-cp-2025"), rows[t][1],
                            _cells(rows[t][1])[2]) for t in tts]


def _cells(row: str) -> list[str]:
    """A row's cells: TT, task, lead, support, result, time."""
    return [c.strip() for c in row.strip().strip("|").split("|")]


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


@cache
def check_parent() -> tuple[list[ParentTask], dict[int, str]]:
    """What `vnplan check` reads as 03/NQ-CP's tasks (the pipeline's record: obligations with their
    lead, then task-section items; 276 of them) and each judged appendix row's task id (the first
    obligation of Phụ lục II whose quote opens with the row's number)."""
    parent = extract_file(PARENT).to_dict()
    row_of: dict[int, str] = {}
    for k, o in enumerate(parent["obligations"], 1):
        m = re.match(r"\s*(\d+)\.", o.get("quote") or "")
        if o.get("section") == "PLII" and m:
            row_of.setdefault(int(m.group(1)), f"O{k}")
    return record_tasks(parent), row_of


def check_covered(thresholds: Thresholds | None = None, model: Model | None = None) -> dict[Pair, tuple[bool, float]]:
    """(task, plan) -> (covered, score) for every judged pair as `vnplan check` decides it against the
    record of 03/NQ-CP (all its tasks compete for the IDF and the topic words)."""
    tasks, row_of = check_parent()
    out = {}
    for plan in plans():
        by_id = {c.task_id: c for c in task_coverage("03/NQ-CP", tasks, plan_record(plan), thresholds, model)}
        out.update({(g["task"], plan): (by_id[row_of[g["task"]]].covered, by_id[row_of[g["task"]]].score)
                    for g in gold() if g["plan"] == plan})
    return out


def check_signals(model: Model | None = None) -> dict[Pair, dict[str, float]]:
    """(task, plan) -> the combiner's signals as `vnplan check` computes them (the record's tasks)."""
    tasks, row_of = check_parent()
    out = {}
    for plan in plans():
        rec = plan_record(plan)
        ps = passages(rec["text"], plan_start(rec))
        by_id = {t.task_id: s for t, s in zip(tasks, task_signals(tasks, rec, ps, model), strict=True)}
        out.update({(g["task"], plan): by_id[row_of[g["task"]]].signals for g in gold() if g["plan"] == plan})
    return out


def precision_recall(pred: dict[Pair, tuple[bool, float]], labels: list[dict]) -> tuple[float, float, int]:
    tp = sum(1 for g in labels if g["covered"] and pred[g["task"], g["plan"]][0])
    fp = sum(1 for g in labels if not g["covered"] and pred[g["task"], g["plan"]][0])
    fn = sum(1 for g in labels if g["covered"] and not pred[g["task"], g["plan"]][0])
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0), len(labels)


def halves() -> tuple[list[dict], list[dict]]:
    """The judgements of odd-numbered tasks (for fitting) and of even-numbered ones (for testing)."""
    g = gold()
    return [x for x in g if x["task"] % 2], [x for x in g if not x["task"] % 2]


SEEDS = (None, 1, 2, 3, 4)  # fold assignments: tasks in order, then four shuffles
CS = (0.1, 1.0)  # L2 regularisation tried


def _grid() -> list[float]:
    return [x / 100 for x in range(5, 95)]


def best_threshold(scores: dict[Pair, float], labels: list[dict]) -> tuple[float, float]:
    """The score threshold (a grid of 0.01) where precision and recall on `labels` are both highest
    (the larger minimum of the two, ties by F1), and that minimum."""
    best = (-1.0, -1.0, 0.5)
    for th in _grid():
        pred = {k: (s >= th, s) for k, s in scores.items()}
        p, r, _ = precision_recall(pred, labels)
        key = (min(p, r), 2 * p * r / (p + r) if p + r else 0.0)
        if key > best[:2]:
            best = (*key, th)
    return best[2], best[0]


def _lr(sig: dict[Pair, dict[str, float]], labels: list[dict], c: float, base: Model) -> Model:
    """A logistic regression over the signals of `labels` (scikit-learn, standardised, L2 with C=c),
    as weights per unit of each signal (threshold left as in `base`)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array([[sig[g["task"], g["plan"]][k] for k in FEATURES] for g in labels])
    y = np.array([g["covered"] for g in labels])
    mu, sd = x.mean(0), x.std(0) + 1e-9
    lr = LogisticRegression(C=c, max_iter=1000).fit((x - mu) / sd, y)
    w = lr.coef_[0] / sd
    return replace(base, weights={k: round(float(v), 3) for k, v in zip(FEATURES, w, strict=True)},
                   intercept=round(float(lr.intercept_[0] - (w * mu).sum()), 3))


def folds(labels: list[dict], k: int = 5, seed: int | None = None) -> list[set[int]]:
    """The labels' tasks in `k` groups: in order, every k-th (seed None), or shuffled by `seed`."""
    import numpy as np

    tasks = sorted({g["task"] for g in labels})
    if seed is not None:
        tasks = [int(t) for t in np.random.default_rng(seed).permutation(tasks)]
    return [set(tasks[f::k]) for f in range(k)]


def cross_validated(sig: dict[Pair, dict[str, float]], labels: list[dict], c: float, base: Model,
                    k: int = 5) -> dict[Pair, float]:
    """Each judgement's score by a combiner fitted on the other groups of tasks (grouped k-fold)."""
    scores: dict[Pair, float] = {}
    for held in folds(labels, k):
        m = _lr(sig, [g for g in labels if g["task"] not in held], c, base)
        scores.update({(g["task"], g["plan"]): m.score(sig[g["task"], g["plan"]]) for g in labels if g["task"] in held})
    return scores


def fit(sig: dict[Pair, dict[str, float]], labels: list[dict], base: Model) -> tuple[Model, dict[float, float]]:
    """The combiner for `labels`: C and threshold chosen by 5-fold cross-validation grouped by task
    (the threshold where the cross-validated precision and recall are both highest), then weights
    fitted on all of `labels`. Returns it and each C's cross-validated min(P, R)."""
    trials = {}
    for c in CS:
        th, score = best_threshold(cross_validated(sig, labels, c, base), labels)
        trials[c] = (score, th)
    c = max(CS, key=lambda c: trials[c][0])
    return replace(_lr(sig, labels, c, base), threshold=trials[c][1]), {c: round(v[0], 3) for c, v in trials.items()}


def out_of_fold(sig: dict[Pair, dict[str, float]], labels: list[dict], base: Model, k: int = 5,
                seed: int | None = None) -> dict[Pair, tuple[bool, float]]:
    """Every judgement decided by a combiner `fit` (C and threshold included) without its task."""
    pred: dict[Pair, tuple[bool, float]] = {}
    for held in folds(labels, k, seed):
        m, _ = fit(sig, [g for g in labels if g["task"] not in held], base)
        for g in labels:
            if g["task"] in held:
                s = m.score(sig[g["task"], g["plan"]])
                pred[g["task"], g["plan"]] = (s >= m.threshold, s)
    return pred


def prf(pred: dict[Pair, tuple[bool, float]], labels: list[dict]) -> tuple[float, float, float]:
    p, r, _ = precision_recall(pred, labels)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def held_out_half(sig: dict[Pair, dict[str, float]], base: Model) -> tuple[float, float, float]:
    """The procedure fitted on the odd-numbered tasks, scored on the even ones."""
    odd, even = halves()
    m, _ = fit(sig, odd, base)
    return prf({k: (m.score(v) >= m.threshold, m.score(v)) for k, v in sig.items()}, even)


def main(check: bool = False) -> None:
    """Print the out-of-fold, held-out-half and fitted-on-all figures of the appendix rows' signals,
    or (`check`) of the signals `vnplan check` computes against the record of 03/NQ-CP."""
    base = default_model()
    sig = check_signals(base) if check else signals(base)
    decide = check_covered if check else covered
    g = gold()
    print("signals of", "the check's 276 record tasks" if check else "the judged appendix rows alone")
    runs = [prf(out_of_fold(sig, g, base, 5, seed), g) for seed in SEEDS]
    p, r, f = runs[0]
    print(f"out of fold, 5-fold grouped by task (tasks in order): P {p:.3f} R {r:.3f} F1 {f:.3f}")
    mean = [sum(x[i] for x in runs) / len(runs) for i in range(3)]
    print(f"  mean of {len(runs)} fold assignments: P {mean[0]:.3f} R {mean[1]:.3f} F1 {mean[2]:.3f}; "
          f"F1 {min(x[2] for x in runs):.3f}-{max(x[2] for x in runs):.3f}, "
          f"min(P, R) {min(min(x[:2]) for x in runs):.3f}-{max(min(x[:2]) for x in runs):.3f}")
    p, r, f = held_out_half(sig, base)
    print(f"fitted on odd tasks, tested on even (held-out half): P {p:.3f} R {r:.3f} F1 {f:.3f}")
    model, trials = fit(sig, g, base)
    print(f"cross-validated min(P, R) on all {len(g)} by C:", trials)
    print(f"coverage_model: weights {model.weights}, intercept {model.intercept}, threshold {model.threshold}")
    p, r, f = prf(decide(model=model, thresholds=Thresholds(model.threshold, model.threshold)), g)
    print(f"that model on the {len(g)} it was fitted on (not a test): P {p:.3f} R {r:.3f} F1 {f:.3f}")
    p, r, f = prf(decide(default_threshold()), g)
    print(f"the shipped model (rules/compliance.yaml) on the {len(g)}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    sd = {k: math.sqrt(sum((v[k] - sum(x[k] for x in sig.values()) / len(sig)) ** 2 for v in sig.values()) / len(sig))
          for k in FEATURES}
    print("weights per standard deviation of each signal:", {k: round(model.weights[k] * sd[k], 2) for k in FEATURES})


def _flat(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.lower()))


def check_passages(model: Model | None = None) -> dict[Pair, tuple[list, object]]:
    """(task, plan) -> (the plan's passages, the task's TaskSignals) as `vnplan check` computes them."""
    tasks, row_of = check_parent()
    out: dict[Pair, tuple[list, object]] = {}
    for plan in plans():
        rec = plan_record(plan)
        ps = passages(rec["text"], plan_start(rec))
        by_id = {t.task_id: s for t, s in zip(tasks, task_signals(tasks, rec, ps, model), strict=True)}
        out.update({(g["task"], plan): (ps, by_id[row_of[g["task"]]]) for g in gold() if g["plan"] == plan})
    return out


RANKS = ("1", "2-3", "4-10", ">10", "none")


def quote_ranks(model: Model | None = None) -> dict[str, dict[str, int]]:
    """Retrieval, apart from the decision: for each covered judgement, where the check's passage order
    (best similarity first) puts the best-placed passage holding one of the annotators' quotes (first 60
    characters, words only), in buckets 1, 2-3, 4-10, >10, none (no passage holds a quote). Keyed by
    set: `localities` (the 225), `central` (the 195)."""
    out = {name: dict.fromkeys(RANKS, 0) for name in ("localities", "central")}
    found = check_passages(model)
    for n, g in enumerate(gold()):
        if not g["covered"]:
            continue
        ps, s = found[g["task"], g["plan"]]
        quotes = [_flat(q)[:60] for q in g.get("quotes") or [] if q.strip()]
        at = [k for k, j in enumerate(s.order) if any(q in _flat(ps[j].text) for q in quotes)]
        r = min(at, default=None)
        bucket = "none" if r is None else "1" if r == 0 else "2-3" if r < 3 else "4-10" if r < 10 else ">10"
        out["localities" if n < 225 else "central"][bucket] += 1
    return out


def print_errors(seed: int | None = None) -> None:
    """Every out-of-fold error on the check's signals (fold assignment `seed`): the task row, its
    signals, the annotators' first quote and the check's two best passages with their headings."""
    base = default_model()
    g = gold()
    pred = out_of_fold(check_signals(base), g, base, 5, seed)
    rows = appendix_rows()
    found = check_passages(base)
    for n, x in enumerate(g):
        decided, score = pred[x["task"], x["plan"]]
        if decided == x["covered"]:
            continue
        ps, s = found[x["task"], x["plan"]]
        print(f"{'false' if decided else 'missed'} {x['task']} {x['plan']} "
              f"{'localities' if n < 225 else 'central'} score {score:.2f}")
        print("  row:", " ".join(rows[x["task"]][1].split())[:300])
        print("  signals:", {k: round(v, 2) for k, v in s.signals.items()})
        if x.get("quotes"):
            print("  quote:", " ".join(x["quotes"][0].split())[:200])
        for j in s.order[:2]:
            print(f"  [{s.sims[j]:.2f}] <{ps[j].label[:60]}> {' '.join(ps[j].text.split())[:240]}")


def _oof_combiner(make, sig: dict[Pair, dict[str, float]], labels: list[dict]) -> tuple[float, float, float]:
    """Out of fold like `out_of_fold` (5-fold grouped by task, threshold by an inner grouped 5-fold where
    precision and recall are both highest) for any scikit-learn classifier `make()` over the same signals."""
    import numpy as np

    x = np.array([[sig[g["task"], g["plan"]][k] for k in FEATURES] for g in labels])
    y = np.array([g["covered"] for g in labels])
    tasks = np.array([g["task"] for g in labels])
    grid = np.linspace(0.05, 0.95, 91)

    def min_pr(pred: np.ndarray, truth: np.ndarray) -> float:
        tp = (pred & (truth == 1)).sum()
        return min(tp / max(pred.sum(), 1), tp / max((truth == 1).sum(), 1))

    decided = np.zeros(len(labels), dtype=bool)
    for held in folds(labels, 5):
        test = np.isin(tasks, list(held))
        inner = np.zeros((~test).sum())
        sub = [g for g, keep in zip(labels, ~test, strict=True) if keep]
        for held2 in folds(sub, 5):
            t2 = np.isin(tasks[~test], list(held2))
            inner[t2] = make().fit(x[~test][~t2], y[~test][~t2]).predict_proba(x[~test][t2])[:, 1]
        th = max(grid, key=lambda t: min_pr(inner >= t, y[~test]))
        decided[test] = make().fit(x[~test], y[~test]).predict_proba(x[test])[:, 1] >= th
    tp = (decided & (y == 1)).sum()
    p, r = tp / max(decided.sum(), 1), tp / max((y == 1).sum(), 1)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def compare_combiners() -> None:
    """The check's signals decided out of fold by other combiners than the shipped logistic one: whether the
    limit is the combiner or the signals."""
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import PolynomialFeatures, StandardScaler

    sig, labels = check_signals(default_model()), gold()
    combiners = {
        "logistic (as shipped)": lambda: make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000)),
        "logistic over pairwise products": lambda: make_pipeline(
            StandardScaler(), PolynomialFeatures(2), StandardScaler(), LogisticRegression(C=0.1, max_iter=4000)),
        "gradient-boosted trees": lambda: HistGradientBoostingClassifier(
            max_depth=3, learning_rate=0.05, max_iter=150, min_samples_leaf=10),
        "random forest": lambda: RandomForestClassifier(n_estimators=300, min_samples_leaf=5, random_state=0),
    }
    for name, make in combiners.items():
        p, r, f = _oof_combiner(make, sig, labels)
        print(f"{name}: out of fold P {p:.3f} R {r:.3f} F1 {f:.3f}")


def _latent_cosines(dims: int) -> dict[Pair, tuple[float, float]]:
    """(task, plan) -> the task's best and mean-of-three cosines to the plan's passages in a latent space:
    TF-IDF over folded syllables and pairs, reduced by a truncated SVD to `dims` over that plan's passages and
    the parent's tasks (what the two texts themselves teach of meaning, no model downloaded)."""
    import numpy as np
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    from extractor.search import search_fold

    tasks, row_of = check_parent()
    index = {t.task_id: i for i, t in enumerate(tasks)}
    out = {}
    for plan in plans():
        rec = plan_record(plan)
        texts = [search_fold(p.text) for p in passages(rec["text"], plan_start(rec))]
        x = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit_transform(texts + [search_fold(t.text) for t in tasks])
        z = TruncatedSVD(n_components=dims, random_state=0).fit_transform(x)
        z /= np.linalg.norm(z, axis=1, keepdims=True) + 1e-9
        for g in gold():
            if g["plan"] == plan:
                cos = np.sort(z[:len(texts)] @ z[len(texts) + index[row_of[g["task"]]]])[::-1]
                out[g["task"], plan] = (float(cos[0]), float(cos[:3].mean()))
    return out


def compare_latent(dims: tuple[int, ...] = (30, 100)) -> None:
    """The check's ten signals with a latent-semantic cosine added as an eleventh (the best passage's, or the
    mean of the best three), decided out of fold by the shipped procedure: whether meaning learnt from the
    texts adds what shared words miss."""
    global FEATURES
    base, labels = default_model(), gold()
    sig, ten = check_signals(base), FEATURES
    try:
        for d in dims:
            latent = _latent_cosines(d)
            for name, k in (("best passage", 0), ("mean of the best three", 1)):
                FEATURES = (*ten, "latent")
                extended = {pair: {**s, "latent": latent[pair][k]} for pair, s in sig.items()}
                p, r, f = prf(out_of_fold(extended, labels, replace(base, weights={**base.weights, "latent": 0.0})),
                              labels)
                print(f"{d} dimensions, {name}: out of fold P {p:.3f} R {r:.3f} F1 {f:.3f}")
    finally:
        FEATURES = ten


if __name__ == "__main__":
    import sys

    if "--combiners" in sys.argv[1:]:
        compare_combiners()
    elif "--latent" in sys.argv[1:]:
        compare_latent()
    elif "--errors" in sys.argv[1:]:
        print_errors()
    elif "--quotes" in sys.argv[1:]:
        print(quote_ranks())
    else:
        main(check="--check" in sys.argv[1:])
