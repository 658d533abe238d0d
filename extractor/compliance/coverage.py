"""Task coverage: which plan passages carry out each parent task.

Passages are the units plans write tasks in: a paragraph or bullet (a block between blank lines),
a task-table row's task cell, each under the heading that labels it; headings, recipients and
lines of a few words are no passage. Both sides are compared in the search index's form
(`search_fold`: abbreviations expanded, diacritics folded). Five signals, each explainable:

- `similarity`: the best passage's TF-IDF cosine (syllables and syllable pairs);
- `specific`: the same with the topic words left out (words in many of the parent's tasks, or in
  the plan's title: a plan that *mentions* the topic shares them with every task);
- `head`, `head_pairs`: the share of the task's object (its first words after the action verbs,
  topic words left out) and of that object's word pairs found in one passage, each word weighted
  by its rarity among the plan's passages;
- `margin`: how far the best passage stands above the plan's second best;
- `national`: the task's result is a national legal act (the row's *Kết quả* column), which a
  province's plan rarely carries out.

A logistic combiner weighs them (`coverage_model` in rules/compliance.yaml, fitted on the
odd-numbered tasks of the 03/NQ-CP judgements by tests/compliance/calibrate.py); a task is
covered when its score reaches the model's threshold."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..rules import load_rules
from ..search import search_fold
from .model import TaskCoverage, TaskMatch
from .parent import ParentTask

MIN_WORDS = 6  # content words: shorter blocks (a body's name, a heading's number) are no task
MAX_PASSAGE = 600  # longer blocks are cut at sentence ends
QUOTES = 3
QUOTE_SHARE = 0.75  # further quotes of a covered task score at least this share of the best
_SENTENCE_END = re.compile(r"(?<=[.;:])\s+(?=[A-ZĐÀ-Ỹ\-+•])")
_BLOCK = re.compile(r"[^\n](?:.|\n(?!\s*\n))*")
_ROW_NUMBER = re.compile(r"^\s*\|?\s*(?:\d+(?:\.\d+)*|[IVXLC]+|[A-Z]|\(\d+\))\.?\s*\|?\s*$")
_MARKER = re.compile(r"^\s*(?:[-+*•–]|[a-zđ]\)|\d+(?:\.\d+)*[.)]|\(\d+\)|[IVXLC]+\.)\s*")
FEATURES = ("similarity", "specific", "head", "head_pairs", "margin", "national")


@dataclass
class Passage:
    """A stretch of the plan that may carry a task out (a block, a table row's task cell, or a piece
    of a long one) and the heading it stands under."""

    start: int
    end: int
    text: str
    label: str = ""


@dataclass(frozen=True)
class Thresholds:
    """The score a task must reach to be covered. The combiner takes a task's national result as one
    of its signals, so `national` equals `local` unless a caller sets its own."""

    local: float
    national: float


@dataclass(frozen=True)
class Model:
    """The logistic combiner: score = 1 / (1 + exp(-(intercept + Σ weight × signal)))."""

    weights: dict[str, float]
    intercept: float
    threshold: float
    head_words: int
    topic_share: float
    topic_min: int

    def score(self, signals: dict[str, float]) -> float:
        z = self.intercept + sum(w * signals[k] for k, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-z))


@cache
def _config() -> tuple[frozenset[str], frozenset[str], Model]:
    data = load_rules("compliance").data
    m = data["coverage_model"]
    model = Model({k: float(v) for k, v in m["weights"].items()}, float(m["intercept"]), float(m["threshold"]),
                  int(m["head_words"]), float(m["topic_share"]), int(m["topic_min"]))
    return (frozenset(data.get("match_stopwords") or []), frozenset(data.get("action_verbs") or []), model)


def default_model() -> Model:
    """The calibrated combiner (rules/compliance.yaml `coverage_model`)."""
    return _config()[2]


def default_threshold() -> Thresholds:
    """The calibrated score a task must reach (rules/compliance.yaml `coverage_model.threshold`)."""
    th = default_model().threshold
    return Thresholds(th, th)


def national_instrument(context: str) -> bool:
    """Whether a task's item names a national legal act as its result."""
    return any(r.regex.search(context) for r in load_rules("compliance").rules
               if r.get("use") == "national_instrument" and r.regex is not None)


def _recipients(label: str) -> bool:
    return any(r.regex.search(label) for r in load_rules("compliance").rules
               if r.get("use") == "recipients" and r.regex is not None)


def _is_heading(block: str) -> bool:
    """A block that labels what follows: a line ending in ':', in capitals, or a short numbered title."""
    s = _MARKER.sub("", block).strip(" |")
    if len(s) < 4:
        return False
    if s.endswith(":") and len(s) < 120:
        return True
    letters = [c for c in s if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return True
    return len(s) < 90 and not s.endswith((".", ";", ",")) and bool(_MARKER.match(block))


def _pieces(block: str) -> list[tuple[int, int]]:
    """A long block cut at sentence ends into pieces of about MAX_PASSAGE characters at most."""
    if len(block) <= MAX_PASSAGE:
        return [(0, len(block))]
    out, first, prev = [], 0, None
    for m in _SENTENCE_END.finditer(block):
        if m.start() - first > MAX_PASSAGE and prev is not None and prev[1] > first:
            out.append((first, prev[0]))
            first = prev[1]
        prev = (m.start(), m.end())
    if len(block) - first > MAX_PASSAGE and prev is not None and prev[1] > first:
        out.append((first, prev[0]))
        first = prev[1]
    out.append((first, len(block)))
    return out


def passages(text: str, start: int = 0) -> list[Passage]:
    """The plan's passages from `start` on: blocks between blank lines (a table row's number cell
    makes the next block its task cell), each under its latest heading; headings, the recipients'
    list and blocks of fewer than MIN_WORDS content words are left out."""
    out: list[Passage] = []
    label, row = "", False
    for m in _BLOCK.finditer(text):
        if m.start() < start:
            continue
        block = m.group(0)
        flat = " ".join(block.split())
        if _ROW_NUMBER.match(flat):
            row = True
            continue
        if not row and _is_heading(block):
            label = flat
            continue
        row = False
        if _recipients(label):
            continue
        for s, e in _pieces(block):
            chunk = block[s:e]
            core = chunk.strip(" |-+*•#\t\n")
            if len(_words(core)) < MIN_WORDS:
                continue
            a = m.start() + s + chunk.find(core)
            out.append(Passage(a, a + len(core), core, label))
    return out


def _words(s: str) -> list[str]:
    stop = _config()[0]
    return [w for w in re.findall(r"\w+", search_fold(s)) if w not in stop and not w.isdigit()]


def _with_pairs(words: list[str]) -> list[str]:
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def _analyzer(s: str) -> list[str]:
    return _with_pairs(_words(s))


def similarities(tasks: list[str], texts: list[str], drop: frozenset[str] = frozenset()):
    """The (tasks × texts) cosine similarity matrix of their TF-IDF vectors (words in `drop` left out)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    def analyzer(s: str) -> list[str]:
        return _with_pairs([w for w in _words(s) if w not in drop])

    vec = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True)
    matrix = vec.fit_transform(list(tasks) + list(texts))
    return cosine_similarity(matrix[: len(tasks)], matrix[len(tasks):])


def topic_words(tasks: list[str], title: str, model: Model) -> frozenset[str]:
    """Words that say what both documents are about: in at least `topic_share` of the parent's tasks
    (and `topic_min` of them), or in the plan's title."""
    df = Counter(w for t in tasks for w in set(_words(t)))
    least = max(model.topic_min, model.topic_share * len(tasks))
    return frozenset(w for w, c in df.items() if c >= least) | frozenset(_words(title))


def task_head(task: str, topic: frozenset[str], n: int) -> list[str]:
    """The task's object: its first `n` content words after the leading action verbs (rules/compliance.yaml
    `action_verbs`), topic words left out."""
    stop, verbs, _ = _config()
    w = re.findall(r"\w+", search_fold(task))
    i = 0
    while i < len(w):
        k = next((k for k in (3, 2, 1) if " ".join(w[i:i + k]) in verbs), 0)
        if not k and w[i] not in stop:
            break
        i += k or 1
    return [x for x in w[i:] if x not in stop and x not in topic and not x.isdigit()][:n]


def idf(term: str, units: list[set[str]]) -> float:
    """How rare `term` is among the plan's passages (smoothed inverse document frequency)."""
    return math.log((len(units) + 1) / (sum(term in u for u in units) + 1)) + 1.0


def plan_start(record: dict[str, Any]) -> int:
    """Where the plan's own content starts: its first section (the header and *Căn cứ* are no task)."""
    sections = record.get("sections") or []
    return min((s["start"] for s in sections), default=0)


@dataclass
class TaskSignals:
    """A task's signals against one plan, and the passages they rest on (indices into the passages)."""

    signals: dict[str, float]
    order: list[int]  # passages by similarity, best first
    head_at: int | None  # the passage holding most of the task's object
    sims: list[float]


def task_signals(tasks: list[ParentTask], plan: dict[str, Any], ps: list[Passage],
                 model: Model | None = None) -> list[TaskSignals]:
    """Each task's signals against the plan's passages `ps`."""
    model = model or default_model()
    texts = [t.text for t in tasks]
    topic = topic_words(texts, (plan.get("meta") or {}).get("title") or "", model)
    national_plan = (plan.get("meta") or {}).get("level") == "national"
    sims = similarities(texts, [p.text for p in ps])
    specific = similarities(texts, [p.text for p in ps], topic)
    folded = [re.findall(r"\w+", search_fold(p.text)) for p in ps]
    words = [set(f) for f in folded]
    pairs = [{f"{a} {b}" for a, b in zip(f, f[1:], strict=False)} for f in folded]
    out = []
    for i, t in enumerate(tasks):
        row = sims[i]
        order = [int(j) for j in row.argsort()[::-1]]
        head = task_head(t.text, topic, model.head_words)
        hp = [f"{a} {b}" for a, b in zip(head, head[1:], strict=False)]
        hw = [idf(w, words) for w in head]
        pw = [idf(p, pairs) for p in hp]
        share = [sum(x for w, x in zip(head, hw, strict=True) if w in words[j]) / sum(hw) if head else 0.0
                 for j in range(len(ps))]
        pshare = [sum(x for p, x in zip(hp, pw, strict=True) if p in pairs[j]) / sum(pw) if hp else 0.0
                  for j in range(len(ps))]
        head_at = max(range(len(ps)), key=lambda j: (share[j], pshare[j], row[j]))
        best = float(row[order[0]])
        signals = {"similarity": best, "specific": float(specific[i].max()), "head": max(share),
                   "head_pairs": max(pshare),
                   "margin": best - (float(row[order[1]]) if len(order) > 1 else 0.0),
                   "national": float(not national_plan and national_instrument(t.context or t.text))}
        out.append(TaskSignals(signals, order, head_at if share[head_at] > 0 else None, [float(x) for x in row]))
    return out


def task_coverage(against: str, tasks: list[ParentTask], plan: dict[str, Any],
                  thresholds: Thresholds | None = None, model: Model | None = None) -> list[TaskCoverage]:
    """Each parent task with its score and its best plan passages: a covered task quotes up to 3 (those
    within QUOTE_SHARE of the best, and the one holding the task's object), an uncovered one its best."""
    model = model or default_model()
    thresholds = thresholds or default_threshold()
    if not tasks:
        return []
    ps = passages(plan.get("text") or "", plan_start(plan))
    if not ps:
        return [TaskCoverage(against, t.task_id, t.text, False, 0.0, [], t.provenance, thresholds.local,
                             national_instrument(t.context or t.text)) for t in tasks]
    out = []
    for t, s in zip(tasks, task_signals(tasks, plan, ps, model), strict=True):
        kind = bool(s.signals["national"])
        th = thresholds.national if kind else thresholds.local
        score = model.score(s.signals)
        covered = score >= th
        best = s.sims[s.order[0]]
        keep = [s.order[0]]
        if covered:
            keep += [j for j in s.order[1:QUOTES] if s.sims[j] >= QUOTE_SHARE * best]
            if s.head_at is not None and s.head_at not in keep:
                keep = keep[: QUOTES - 1] + [s.head_at]
        matches = [TaskMatch(round(s.sims[j], 3), [ps[j].start, ps[j].end], ps[j].text) for j in keep]
        out.append(TaskCoverage(against, t.task_id, t.text, covered, round(score, 3), matches, t.provenance,
                                th, kind))
    return out
