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


@cache
def _config() -> tuple[frozenset[str], float]:
    data = load_rules("compliance").data
    return frozenset(data.get("match_stopwords") or []), float(data.get("coverage_threshold", 0.3))


def default_threshold() -> float:
    """The calibrated threshold (rules/compliance.yaml `coverage_threshold`)."""
    return _config()[1]


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
                  threshold: float | None = None) -> list[TaskCoverage]:
    """Each parent task with its best plan passages (up to 3 at or above the threshold, else the best one)."""
    threshold = default_threshold() if threshold is None else threshold
    text = plan.get("text") or ""
    ps = passages(text, plan_start(plan))
    if not tasks:
        return []
    if not ps:
        return [TaskCoverage(against, t.task_id, t.text, False, 0.0, [], t.provenance) for t in tasks]
    sims = similarities([t.text for t in tasks], [p.text for p in ps])
    out = []
    for i, t in enumerate(tasks):
        row = sims[i]
        order = row.argsort()[::-1]
        best = float(row[order[0]])
        keep = [j for j in order[:QUOTES] if row[j] >= threshold] or [order[0]]
        matches = [TaskMatch(round(float(row[j]), 3), [ps[j].start, ps[j].end], ps[j].text) for j in keep]
        out.append(TaskCoverage(against, t.task_id, t.text, best >= threshold, round(best, 3), matches,
                                t.provenance))
    return out


def score_pairs(tasks: list[str], plan: dict[str, Any]) -> list[tuple[float, str]]:
    """For calibration: each task's best similarity in the plan, with the best passage."""
    ps = passages(plan.get("text") or "", plan_start(plan))
    sims = similarities(tasks, [p.text for p in ps])
    return [(float(row.max()), ps[int(row.argmax())].text) for row in sims]


