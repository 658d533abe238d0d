"""Task coverage: which plan passages carry out each parent task.

Both sides are compared in the search index's form (`search_fold`: abbreviations expanded, then
lower-cased without diacritics), as TF-IDF vectors of syllables and syllable pairs (scikit-learn,
fitted on the plan's passages and the parent's tasks together), by cosine similarity. A task is
covered when its best passage reaches the threshold calibrated on the 03/NQ-CP judgements
(`coverage_threshold` in rules/compliance.yaml; see tests/compliance/ and the README)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..rules import load_rules
from ..search import search_fold
from .model import TaskCoverage, TaskMatch
from .parent import ParentTask

MIN_PASSAGE = 25  # characters: shorter lines (headings' numbers, signatures) are no task
MAX_PASSAGE = 600  # longer paragraphs are cut at sentence ends
QUOTES = 3
_SENTENCE_END = re.compile(r"(?<=[.;:])\s+(?=[A-ZĐÀ-Ỹ\-+•])")


@dataclass
class Passage:
    """A stretch of the plan that may carry a task out: a paragraph, a table row, or a piece of one."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Thresholds:
    """The similarity a task's best passage must reach: `local` for most tasks, `national` for a task
    whose result is a national legal act (rules/compliance.yaml, use: national_instrument)."""

    local: float
    national: float


@cache
def _config() -> tuple[frozenset[str], Thresholds]:
    data = load_rules("compliance").data
    return frozenset(data.get("match_stopwords") or []), Thresholds(
        float(data["coverage_threshold"]), float(data["coverage_threshold_national"]))


def default_threshold() -> Thresholds:
    """The calibrated thresholds (rules/compliance.yaml `coverage_threshold`, `coverage_threshold_national`)."""
    return _config()[1]


def national_instrument(context: str) -> bool:
    """Whether a task's item names a national legal act as its result."""
    return any(r.regex.search(context) for r in load_rules("compliance").rules
               if r.get("use") == "national_instrument" and r.regex is not None)


def passages(text: str, start: int = 0) -> list[Passage]:
    """The plan's paragraphs from `start` on, long ones cut at sentence ends, short ones dropped."""
    out: list[Passage] = []
    pos = 0
    for line in text.split("\n"):
        a = pos
        pos += len(line) + 1
        if a < start:
            continue
        pieces, last = [], 0
        for m in _SENTENCE_END.finditer(line):
            if m.start() - last >= MAX_PASSAGE // 2:
                pieces.append((last, m.start()))
                last = m.end()
        pieces.append((last, len(line)))
        for s, e in pieces:
            chunk = line[s:e]
            core = chunk.strip(" |-+*•#\t")
            if len(core) < MIN_PASSAGE:
                continue
            lead = chunk.find(core)
            out.append(Passage(a + s + lead, a + s + lead + len(core), core))
    return out


def _analyzer(s: str) -> list[str]:
    stop = _config()[0]
    words = [w for w in re.findall(r"\w+", search_fold(s)) if w not in stop and not w.isdigit()]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def similarities(tasks: list[str], texts: list[str]):
    """The (tasks × texts) cosine similarity matrix of their TF-IDF vectors."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    vec = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True)
    matrix = vec.fit_transform(list(tasks) + list(texts))
    return cosine_similarity(matrix[: len(tasks)], matrix[len(tasks):])


def plan_start(record: dict[str, Any]) -> int:
    """Where the plan's own content starts: its first section (the header and *Căn cứ* are no task)."""
    sections = record.get("sections") or []
    return min((s["start"] for s in sections), default=0)


def task_coverage(against: str, tasks: list[ParentTask], plan: dict[str, Any],
                  thresholds: Thresholds | None = None) -> list[TaskCoverage]:
    """Each parent task with its best plan passages (up to 3 at or above its threshold, else the best one)."""
    thresholds = thresholds or default_threshold()
    ps = passages(plan.get("text") or "", plan_start(plan))
    if not tasks:
        return []
    national_plan = (plan.get("meta") or {}).get("level") == "national"
    out = []
    sims = similarities([t.text for t in tasks], [p.text for p in ps]) if ps else None
    for i, t in enumerate(tasks):
        kind = not national_plan and national_instrument(t.context or t.text)
        th = thresholds.national if kind else thresholds.local
        if sims is None:
            out.append(TaskCoverage(against, t.task_id, t.text, False, 0.0, [], t.provenance, th, kind))
            continue
        row = sims[i]
        order = row.argsort()[::-1]
        best = float(row[order[0]])
        keep = [j for j in order[:QUOTES] if row[j] >= th] or [order[0]]
        matches = [TaskMatch(round(float(row[j]), 3), [ps[j].start, ps[j].end], ps[j].text) for j in keep]
        out.append(TaskCoverage(against, t.task_id, t.text, best >= th, round(best, 3), matches, t.provenance,
                                th, kind))
    return out




