"""The compliance report: plain dataclasses, `to_dict()` giving the JSON `vnplan check` prints."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

VERDICTS = ("ok", "weaker", "missing", "extra", "restated", "not_comparable")


@dataclass
class Quote:
    """A stretch of a document's text: `span` offsets into it and the `quote` itself."""

    span: list[int]
    quote: str
    doc_id: str | None = None


@dataclass
class Provenance:
    """Where a parent figure or task comes from.

    `source`: `record` (the parent's own text, stored or in the batch), `quoted` (a stored
    document quoting the parent: a news article, another plan), or `registry`
    (rules/registry.yaml, with the outlets that reported it in `note`)."""

    source: str
    doc_id: str | None = None
    note: str | None = None
    quote: Quote | None = None

    def label(self) -> str:
        """One short line for a table cell: 'quoted by news-x', 'registry: reported: …'."""
        if self.source == "record":
            return f"record {self.doc_id}"
        if self.source == "quoted":
            return f"quoted by {self.doc_id}"
        return f"registry: {self.note}" if self.note else "registry"


@dataclass
class Figure:
    """One side of a comparison: an indicator's aim for a year."""

    indicator: str
    comparator: str
    value: float
    value_max: float | None
    unit: str | None
    year: int | None
    scope: str | None = None
    quote: Quote | None = None

    def text(self) -> str:
        """'> 7 %/năm', '12–15 tỉnh, thành phố', '~ 45 %'."""
        value = _num(self.value) if self.value_max is None else f"{_num(self.value)}–{_num(self.value_max)}"
        cmp = "" if self.comparator in ("=", "range") else f"{self.comparator} "
        return f"{cmp}{value} {self.unit or ''}".strip()


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


@dataclass
class TargetVerdict:
    """The plan's aim for one indicator and year against the parent's, and the verdict."""

    against: str
    indicator_id: str | None
    indicator: str
    year: int | None
    verdict: str
    reason: str
    parent: Figure | None = None
    plan: Figure | None = None
    provenance: Provenance | None = None


@dataclass
class TaskMatch:
    """A plan passage that carries a parent task out, with its similarity."""

    score: float
    span: list[int]
    quote: str


@dataclass
class TaskCoverage:
    """One parent task: whether the plan covers it, its best score, and the matching passages."""

    against: str
    task_id: str
    task: str
    covered: bool
    score: float
    matches: list[TaskMatch] = field(default_factory=list)
    provenance: Provenance | None = None
    threshold: float = 0.0
    national_instrument: bool = False


@dataclass
class Problem:
    """A finding about the plan itself, with the text it rests on."""

    kind: str
    message: str
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class DocInfo:
    """The facts of a document a report names (the plan, a parent, a link of the chain)."""

    number: str | None
    doc_id: str | None = None
    doc_type: str | None = None
    date: str | None = None
    issuer: str | None = None
    level: str | None = None
    place: str | None = None
    title: str | None = None
    kind: str | None = None


@dataclass
class Against:
    """A parent the plan is checked against, and where its side comes from."""

    number: str
    info: DocInfo
    provenance: list[str]
    targets: list[TargetVerdict] = field(default_factory=list)
    tasks: list[TaskCoverage] = field(default_factory=list)
    threshold: float = 0.0

    def counts(self) -> dict[str, int]:
        """How many targets got each verdict."""
        out = dict.fromkeys(VERDICTS, 0)
        for t in self.targets:
            out[t.verdict] += 1
        return out

    def coverage(self) -> float | None:
        """Share of the parent's tasks the plan covers (None without tasks)."""
        return sum(t.covered for t in self.tasks) / len(self.tasks) if self.tasks else None


@dataclass
class Report:
    """A plan checked against one or more parents (direct parent first, then the national root)."""

    plan: DocInfo
    chain: list[DocInfo]
    parents: list[Against]
    problems: list[Problem] = field(default_factory=list)
    text: str = ""
    signatures: list[dict[str, Any]] = field(default_factory=list)  # the plan file's `source.signatures`

    def signature_lines(self) -> list[str]:
        """One line per digital signature of the plan's file: who, when, intact or not, what changed after."""
        out = []
        for s in self.signatures:
            who = ", ".join(x for x in (s.get("signer"), s.get("organisation")) if x) or s.get("field") or "?"
            state = "intact" if s.get("intact") else "NOT intact"
            after = f", changed after: {s['changes_after']}" if s.get("changes_after") else ""
            out.append(f"{who} — signed {s.get('signed_at') or '?'}, {state}{after}; trust {s.get('trust')}")
        return out

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape: `plan`, `against` (the first parent), `parents`, `chain`, `targets`, `tasks`, `problems`."""
        parents = [{"number": a.number, **(asdict(a.info)), "provenance": a.provenance,
                    "counts": a.counts(), "task_coverage": a.coverage(), "threshold": a.threshold}
                   for a in self.parents]
        return {
            "plan": (asdict(self.plan)),
            "against": parents[0] if parents else None,
            "parents": parents,
            "chain": [(asdict(c)) for c in self.chain],
            "targets": [asdict(t) for a in self.parents for t in a.targets],
            "tasks": [asdict(t) for a in self.parents for t in a.tasks],
            "problems": [asdict(p) for p in self.problems],
            "signatures": self.signatures,
        }


