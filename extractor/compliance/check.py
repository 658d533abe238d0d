"""`check`: a plan against its parents (targets, tasks, problems) as one `Report`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .coverage import Thresholds, default_threshold, task_coverage
from .model import Against, DocInfo, Report
from .parent import default_parents, doc_info, parent_side, registry_info
from .problems import plan_problems
from .sources import Sources, record_chain
from .verdicts import target_verdicts


class CheckError(ValueError):
    """A check that cannot be made (unknown plan, no parent): the message tells the user what to do."""


def load_plan(plan: str | Path | dict[str, Any], sources: Sources) -> dict[str, Any]:
    """The plan's record: a record dict as given, a file read now, or a doc_id or number in the sources."""
    if isinstance(plan, dict):
        return plan
    path = Path(plan)
    if path.is_file():
        from ..pipeline import extract_file

        return extract_file(path).to_dict()
    found = sources.resolve_plan(str(plan))
    if found is None:
        where = "the database" if sources.store is not None else "the batch (give --db PATH to look in a database)"
        raise CheckError(f"no file, doc_id or number {plan!r} in {where}")
    return found


def chain_info(record: dict[str, Any], sources: Sources) -> list[DocInfo]:
    """Each number of the plan's chain, nearest first, with its stored document's facts or the registry's."""
    out = []
    parent = record.get("parent") or {}
    for number in record_chain(record):
        stored = [r for r in sources.by_number(number) if (r.get("meta") or {}).get("kind") != "news"]
        if stored:
            out.append(doc_info(stored[0]))
        else:
            out.append(registry_info(number, parent.get("issuer") if number == parent.get("number") else None))
    return out


def check(plan: str | Path | dict[str, Any], against: list[str] | None = None, sources: Sources | None = None,
          thresholds: Thresholds | None = None) -> Report:
    """Check a plan against `against` (default: its direct parent, and the national root when it differs)."""
    sources = sources or Sources()
    record = load_plan(plan, sources)
    numbers = list(against or default_parents(record))
    if not numbers:
        raise CheckError(f"{record.get('doc_id')}: no parent is known; name one with --against NUMBER")
    thresholds = thresholds or default_threshold()
    parent = record.get("parent") or {}
    parents = []
    for number in numbers:
        issuer = parent.get("issuer") if number == parent.get("number") else None
        side = parent_side(number, sources, exclude=record.get("doc_id"), issuer=issuer)
        parents.append(Against(number, side.info, side.provenance(),
                               target_verdicts(number, side.targets, record),
                               task_coverage(number, side.tasks, record, thresholds), thresholds.local))
    return Report(doc_info(record), chain_info(record, sources), parents, plan_problems(record, sources),
                  record.get("text") or "", list((record.get("source") or {}).get("signatures") or []))


def plans_under(number: str, sources: Sources) -> list[dict[str, Any]]:
    """Every known plan (not news) whose chain holds `number`, by doc_id."""
    return [r for r in sources.related(number)
            if number in record_chain(r) and (r.get("meta") or {}).get("kind") != "news"]


def check_all(number: str, sources: Sources, thresholds: Thresholds | None = None) -> list[Report]:
    """Every stored plan under `number`, each checked against it."""
    return [check(r, [number], sources, thresholds) for r in plans_under(number, sources)]
