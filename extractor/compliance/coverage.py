"""Task coverage: which plan passages carry out each parent task.

Passages are the units plans write tasks in: a paragraph or bullet (a block between blank lines),
a task-table row's task cell, each under the heading that labels it; headings, recipients and
lines of a few words are no passage. Both sides are compared in the search index's form
(`search_fold`: abbreviations expanded, diacritics folded), as syllables and as words (syllables
joined by underthesea's word segmentation: *chuyển_đổi*, *cơ_sở_dữ_liệu*). Ten signals, each
explainable:

- `similarity`: the best passage's TF-IDF cosine over syllables and syllable pairs;
- `words`: the mean TF-IDF cosine over words of the three best passages (a task a plan carries out
  in several places scores higher than one it names once);
- `words_specific`: the best word cosine with the topic words left out (words in many of the
  parent's tasks, or in the plan's title: a plan that *mentions* the topic shares them with every
  task);
- `head`, `head_pairs`: the share of the task's object (its first syllables after the action verbs,
  topic words left out) and of that object's syllable pairs found in one passage, each weighted by
  its rarity among the plan's passages;
- `words_head`: the same for the task's first six topic-free words;
- `fuzzy`: rapidfuzz's token-set ratio of the task with the closest of its five best passages;
- `national`: the task's result is a national legal act (the row's *Kết quả* column), which a
  province's plan rarely carries out;
- `lead`: the body the parent names to lead the task (an obligation's lead, a task row's lead
  column) is the localities (+1), central bodies only (-1), or none is named (0);
- `own`: over the task's three best passages (word cosine), how close the task comes to the parent
  task that matches each passage best (1 when it is that task): a passage that carries out another
  of the parent's tasks better is weak evidence for this one (competitive linking).

A logistic combiner weighs them (`coverage_model` in rules/compliance.yaml, fitted on the 420
03/NQ-CP judgements by tests/compliance/calibrate.py, its threshold chosen by cross-validation
grouped by task); a task is covered when its score reaches the model's threshold."""

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
FEATURES = ("similarity", "words", "words_specific", "head", "head_pairs", "words_head", "fuzzy", "national", "lead",
            "own")
BEST_K = 3  # `words` averages the cosines of this many best passages
FUZZY_K = 5  # `fuzzy` looks at this many best passages


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


@cache
def segment(s: str) -> tuple[str, ...]:
    """`s`'s words (underthesea's word segmentation), each folded as the search index folds it, its
    syllables joined by '_' ("Cơ sở dữ liệu" -> "co_so_du_lieu"); punctuation left out."""
    from underthesea import word_tokenize

    return tuple(search_fold(w).replace(" ", "_") for w in word_tokenize(s) if re.search(r"\w", w))


def _content(words: tuple[str, ...] | list[str], drop: frozenset[str] = frozenset()) -> list[str]:
    stop = _config()[0]
    return [w for w in words if w not in stop and not w.isdigit() and w not in drop]


def cosines(tasks: list[list[str]], texts: list[list[str]]):
    """The (tasks × texts) cosine similarity matrix of the TF-IDF vectors of these token lists."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    vec = TfidfVectorizer(analyzer=lambda x: x, sublinear_tf=True)
    matrix = vec.fit_transform(list(tasks) + list(texts))
    return cosine_similarity(matrix[: len(tasks)], matrix[len(tasks):])


def similarities(tasks: list[str], texts: list[str], drop: frozenset[str] = frozenset()):
    """The (tasks × texts) cosine similarity matrix over syllables and syllable pairs (words in `drop` left out)."""
    def tokens(s: str) -> list[str]:
        return _with_pairs([w for w in _words(s) if w not in drop])

    return cosines([tokens(t) for t in tasks], [tokens(t) for t in texts])


def topic_segments(tasks: list[tuple[str, ...]], model: Model) -> frozenset[str]:
    """Words (segmented) in at least `topic_share` of the parent's tasks (and `topic_min` of them)."""
    df = Counter(w for t in tasks for w in set(_content(t)))
    least = max(model.topic_min, model.topic_share * len(tasks))
    return frozenset(w for w, c in df.items() if c >= least)


def lead(body: str) -> float:
    """+1 when the task's lead body names the localities (`local_lead` in rules/compliance.yaml), -1
    when it names other bodies, 0 when the parent names no lead for the task."""
    if not body.strip():
        return 0.0
    return 1.0 if any(r.regex.search(body) for r in load_rules("compliance").rules
                      if r.get("use") == "local_lead" and r.regex is not None) else -1.0


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


def best_share(terms: list[str], units: list[set[str]]) -> list[float]:
    """For each unit, the share of `terms` (each weighted by its rarity among `units`) it holds."""
    if not terms:
        return [0.0] * len(units)
    w = [idf(t, units) for t in terms]
    total = sum(w)
    return [sum(x for t, x in zip(terms, w, strict=True) if t in u) / total for u in units]


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
    from rapidfuzz import fuzz

    model = model or default_model()
    texts = [t.text for t in tasks]
    topic = topic_words(texts, (plan.get("meta") or {}).get("title") or "", model)
    national_plan = (plan.get("meta") or {}).get("level") == "national"
    sims = similarities(texts, [p.text for p in ps])
    tw = [segment(t) for t in texts]
    pw = [segment(p.text) for p in ps]
    wtopic = topic_segments(tw, model)
    wsims = cosines([_content(t) for t in tw], [_content(p) for p in pw])
    wspecific = cosines([_content(t, wtopic) for t in tw], [_content(p, wtopic) for p in pw])
    wsets = [set(p) for p in pw]
    folded = [re.findall(r"\w+", search_fold(p.text)) for p in ps]
    flat = [" ".join(f) for f in folded]
    words = [set(f) for f in folded]
    pairs = [{f"{a} {b}" for a, b in zip(f, f[1:], strict=False)} for f in folded]
    passage_best = wsims.max(axis=0)
    out = []
    for i, t in enumerate(tasks):
        row = sims[i]
        order = [int(j) for j in row.argsort()[::-1]]
        head = task_head(t.text, topic, model.head_words)
        share = best_share(head, words)
        pshare = best_share([f"{a} {b}" for a, b in zip(head, head[1:], strict=False)], pairs)
        head_at = max(range(len(ps)), key=lambda j: (share[j], pshare[j], row[j]))
        top = wsims[i].argsort()[::-1][:BEST_K]  # the passages with the best word cosines
        tf = " ".join(re.findall(r"\w+", search_fold(t.text)))
        signals = {"similarity": float(row[order[0]]),
                   "words": float(sum(wsims[i][j] for j in top) / len(top)),
                   "words_specific": float(wspecific[i].max()),
                   "head": max(share), "head_pairs": max(pshare),
                   "words_head": max(best_share(_content(tw[i], wtopic)[:model.head_words], wsets)),
                   "fuzzy": max(fuzz.token_set_ratio(tf, flat[j]) for j in order[:FUZZY_K]) / 100,
                   "national": float(not national_plan and national_instrument(t.context or t.text)),
                   "lead": lead(t.lead),
                   "own": float(sum(wsims[i][j] / passage_best[j] if passage_best[j] else 0.0 for j in top) / BEST_K)}
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
