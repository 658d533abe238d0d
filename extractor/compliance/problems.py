"""Problems of the plan itself: obligations without a lead body or a deadline, deadlines before the
plan's own date, required sections missing, citations whose date disagrees with the registry or
the stored document, numbers left blank or broken. Every finding quotes the text it rests on."""

from __future__ import annotations

from typing import Any

from ..rules import load_rules
from .model import Problem, Quote
from .sources import Sources, registry_entry


def _rules(use: str):
    return [r for r in load_rules("compliance").rules if r.get("use") == use and r.regex is not None]


def _q(item: dict[str, Any], doc_id: str | None) -> Quote:
    return Quote(list(item["span"]), item.get("quote") or "", doc_id)


def obligation_problems(record: dict[str, Any]) -> list[Problem]:
    """Obligations with no lead body, with no deadline, or due before the plan was issued."""
    doc_id, out = record.get("doc_id"), []
    date = (record.get("meta") or {}).get("date")
    year = int(date[:4]) if date else None
    for o in record.get("obligations") or []:
        task = " ".join((o.get("task") or "").split())[:80]
        if not o.get("lead"):
            out.append(Problem("no_lead", f"no lead body for: {task}", [_q(o, doc_id)]))
        dl = o.get("deadline")
        if not dl:
            out.append(Problem("no_deadline", f"no deadline for: {task}", [_q(o, doc_id)]))
            continue
        if date and dl.get("date") and dl["date"] < date:
            out.append(Problem("deadline_before_plan", f"deadline {dl['date']} is before the plan's date {date}",
                               [_q(o, doc_id)]))
        elif year and dl.get("kind") in ("year", "range") and dl.get("end") and dl["end"] < year:
            out.append(Problem("deadline_before_plan", f"deadline {dl.get('text')} ends before the plan's year {year}",
                               [_q(o, doc_id)]))
    return out


def section_problems(record: dict[str, Any]) -> list[Problem]:
    """Required sections (rules/compliance.yaml, use: required_section) no heading of the plan matches."""
    sections = record.get("sections") or []
    text = record.get("text") or ""
    top = min((s["level"] for s in sections), default=1)
    evidence = []
    for s in sections:
        if s["level"] == top:
            end = text.find("\n", s["start"])
            end = len(text) if end < 0 else end
            evidence.append(Quote([s["start"], end], text[s["start"]:end], record.get("doc_id")))
    out = []
    for rule in _rules("required_section"):
        if not any(rule.regex.search(s["title"]) for s in sections):
            out.append(Problem("missing_section", f"no section “{rule.get('name')}”; the plan's top headings are quoted",
                               evidence[:12]))
    return out


def citation_problems(record: dict[str, Any], sources: Sources) -> list[Problem]:
    """Cited dates that disagree with the registry or the stored document; malformed numbers."""
    doc_id, out = record.get("doc_id"), []
    for ref in record.get("references") or []:
        number, date = ref.get("number"), ref.get("date")
        if not (number and date):
            continue
        known: list[tuple[str, str]] = []
        entry = registry_entry(number, ref.get("issuer"))
        if entry and entry.get("date"):
            known.append((str(entry["date"]), "the registry"))
        for other in sources.by_number(number):
            m = other.get("meta") or {}
            if other.get("doc_id") != doc_id and m.get("date") and m.get("kind") != "news":
                known.append((m["date"], f"the stored document {other['doc_id']}"))
        for when, where in known:
            if when != date:
                quotes = [Quote(list(x["span"]), x["quote"], doc_id) for x in ref.get("mentions") or [] if x.get("span")]
                out.append(Problem("citation_date", f"{number} is cited as of {date}; {where} dates it {when}", quotes))
                break
    text = record.get("text") or ""
    for rule in _rules("malformed_number"):
        for m in rule.regex.finditer(text):
            a = max(0, text.rfind("\n", 0, m.start()) + 1, m.start() - 60)
            b = min(len(text), m.end() + 40)
            nl = text.find("\n", m.end())
            b = b if nl < 0 else min(b, nl)
            out.append(Problem("malformed_number", str(rule.get("message")), [Quote([a, b], text[a:b], doc_id)]))
    return out


def plan_problems(record: dict[str, Any], sources: Sources) -> list[Problem]:
    """Every problem found in the plan, in the order: sections, citations, obligations."""
    return section_problems(record) + citation_problems(record, sources) + obligation_problems(record)
