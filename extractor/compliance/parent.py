"""The parent's side of a check: its targets and tasks, each with where it comes from.

In this order: the parent's own record (its text is in the batch or the database); else, per
indicator and year, what stored documents quote of it (a news report or another plan giving
the figures at the parent's scope: `scope: national` for a national decision); else the
registry (rules/registry.yaml `targets`, `task_groups`, each with its `provenance`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..link import issuer_level
from ..numbers import is_national_number
from ..rules import load_rules
from ..vntext import fold
from .model import DocInfo, Figure, Provenance, Quote
from .sources import Sources, record_chain, registry_entry

LEVELS = {"national": 3, "province": 2, "district": 1, "commune": 0}


@dataclass
class ParentTarget:
    """One figure of the parent, with its indicator id and provenance."""

    indicator_id: str | None
    figure: Figure
    provenance: Provenance


@dataclass
class ParentTask:
    """One task of the parent: an obligation, an item of its task section, or a registry task group."""

    task_id: str
    text: str
    provenance: Provenance
    context: str = ""  # the whole item (an appendix row with its result column), for the task's kind
    lead: str = ""  # the body (or bodies) the parent names to lead it, as written; "" when it names none


@dataclass
class ParentSide:
    """Everything known of a parent for a check."""

    number: str
    info: DocInfo
    targets: list[ParentTarget] = field(default_factory=list)
    tasks: list[ParentTask] = field(default_factory=list)

    def provenance(self) -> list[str]:
        """The distinct sources used, for the report's header."""
        seen: list[str] = []
        for p in [t.provenance for t in self.targets] + [t.provenance for t in self.tasks]:
            label = {"record": f"record {p.doc_id}", "quoted": f"quoted by {p.doc_id}",
                     "registry": "registry (rules/registry.yaml)"}[p.source]
            if label not in seen:
                seen.append(label)
        return seen or ["nothing known"]


def doc_info(record: dict[str, Any]) -> DocInfo:
    """The facts of a record's document."""
    m = record.get("meta") or {}
    return DocInfo(m.get("number"), record.get("doc_id"), m.get("doc_type"), m.get("date"), m.get("issuer"),
                   m.get("level"), m.get("place"), m.get("title"), m.get("kind"))


def registry_info(number: str, issuer: str | None = None) -> DocInfo:
    """What the registry (or the number itself) says of a document that is not stored."""
    e = registry_entry(number, issuer)
    if e:
        return DocInfo(number, None, e.get("doc_type"), e.get("date"), e.get("issuer"), e.get("level"),
                       e.get("place"), e.get("title"))
    return DocInfo(number, issuer=issuer, level="national" if is_national_number(number) else issuer_level(issuer, number))


def figure(t: dict[str, Any], doc_id: str | None) -> Figure:
    """A record's (or the registry's) target as a Figure."""
    span = t.get("span")
    quote = Quote(list(span), t.get("quote") or "", doc_id) if span else None
    return Figure(t.get("indicator") or "", t.get("comparator") or "=", t["value"], t.get("value_max"), t.get("unit"),
                  t.get("year"), t.get("scope"), quote)


def _rules(use: str):
    return [r for r in load_rules("compliance").rules if r.get("use") == use and r.regex is not None]


def task_section_items(record: dict[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, text) of every paragraph inside the parent's task sections (*Nhiệm vụ và giải pháp*)."""
    text = record.get("text") or ""
    rules = _rules("tasks_section")
    tops = [s for s in record.get("sections") or [] if any(r.regex.search(s["title"]) for r in rules)]
    # the outermost matching sections only (a 'Nhiệm vụ' heading inside another is covered by it)
    tops = [s for s in tops if not any(o is not s and o["start"] <= s["start"] and s["end"] <= o["end"] for o in tops)]
    out = []
    for s in tops:
        pos = s["start"]
        for line in text[s["start"]:s["end"]].split("\n"):
            a, b = pos, pos + len(line)
            pos = b + 1
            stripped = line.strip(" |-+*•#\t")
            if len(stripped) < 40 or stripped == s["title"].strip(" #"):
                continue
            lead = len(line) - len(line.lstrip(" |-+*•#\t"))
            out.append((a + lead, a + lead + len(stripped), stripped))
    return out


def record_tasks(record: dict[str, Any]) -> list[ParentTask]:
    """A parent record's tasks: its obligations, then the task-section paragraphs no obligation covers."""
    doc_id = record.get("doc_id")
    tasks, spans = [], []
    for k, o in enumerate(record.get("obligations") or [], 1):
        s = o.get("span") or [0, 0]
        spans.append(s)
        tasks.append(ParentTask(f"O{k}", o.get("task") or o.get("quote") or "",
                                Provenance("record", doc_id, "obligation", Quote(list(s), o.get("quote") or "", doc_id)),
                                o.get("quote") or "", "; ".join(o.get("lead") or [])))
    for k, (a, b, line) in enumerate(task_section_items(record), 1):
        if any(s[0] <= a < s[1] or a <= s[0] < b for s in spans):
            continue
        tasks.append(ParentTask(f"S{k}", line, Provenance("record", doc_id, "task section item",
                                                          Quote([a, b], line, doc_id)), line))
    return tasks


def _wanted_scope(info: DocInfo) -> str | None:
    return info.level or None


def _quotes_of(record: dict[str, Any], info: DocInfo) -> list[dict[str, Any]]:
    """The targets of `record` that are the parent's figures: at the parent's scope (and place)."""
    scope = _wanted_scope(info)
    if scope is None:
        return []
    m = record.get("meta") or {}
    if scope != "national" and info.place and m.get("place") and fold(m["place"]) != fold(info.place):
        return []
    if LEVELS.get(m.get("level") or "", -1) >= LEVELS.get(scope, 9) and m.get("kind") != "news":
        return []  # a plan at the parent's own level sets its own figures; only news or lower plans quote
    return [t for t in record.get("targets") or [] if t.get("scope") == scope and t.get("indicator_id")]


def parent_side(number: str, sources: Sources, exclude: str | None = None, issuer: str | None = None) -> ParentSide:
    """The parent `number`'s targets and tasks: own record, else quotes by stored documents, else registry."""
    own = [r for r in sources.by_number(number) if r.get("doc_id") != exclude and
           (r.get("meta") or {}).get("kind") != "news"]
    if own:
        rec = own[0]
        info = doc_info(rec)
        level = info.level
        targets = [ParentTarget(t.get("indicator_id"), figure(t, rec["doc_id"]),
                                Provenance("record", rec["doc_id"], None,
                                           Quote(list(t["span"]), t.get("quote") or "", rec["doc_id"])))
                   for t in rec.get("targets") or [] if t.get("indicator_id") and t.get("scope") in (None, level)]
        return ParentSide(number, info, targets, record_tasks(rec))
    info = registry_info(number, issuer)
    side = ParentSide(number, info)
    seen: set[tuple[str, int | None]] = set()
    for rec in sources.related(number):
        if rec.get("doc_id") == exclude:
            continue
        for t in _quotes_of(rec, info):
            key = (t["indicator_id"], t.get("year"))
            if key in seen:
                continue
            seen.add(key)
            side.targets.append(ParentTarget(t["indicator_id"], figure(t, rec["doc_id"]),
                                             Provenance("quoted", rec["doc_id"], (rec.get("meta") or {}).get("kind"),
                                                        Quote(list(t["span"]), t.get("quote") or "", rec["doc_id"]))))
    entry = registry_entry(number, issuer) or {}
    for t in entry.get("targets") or []:
        key = (t["indicator_id"], t.get("year"))
        if key in seen:
            continue
        seen.add(key)
        side.targets.append(ParentTarget(t["indicator_id"], figure(t, None),
                                         Provenance("registry", None, f"{t.get('id')}, {t.get('provenance')}")))
    for g in entry.get("task_groups") or []:
        side.tasks.append(ParentTask(str(g["id"]), g["task"], Provenance("registry", None, g.get("provenance"))))
    side.targets.sort(key=lambda t: (t.figure.year or 0, t.indicator_id or ""))
    return side


def default_parents(record: dict[str, Any]) -> list[str]:
    """The direct parent, and the national root of the chain when it differs."""
    chain = record_chain(record)
    if not chain:
        return []
    out = [chain[0]]
    root = next((n for n in reversed(chain) if is_national_number(n)), chain[-1])
    if root != chain[0]:
        out.append(root)
    return out


