"""Target verdicts: the plan's aim for each indicator and year against the parent's.

`ok` (at least as ambitious), `weaker`, `missing` (the parent sets it, the plan does not),
`extra` (the plan sets it, the parent does not), `restated` (the plan only repeats the parent's
own figure as the parent's: *góp phần đạt mục tiêu …*, rules/compliance.yaml), `not_comparable`
(a count over a wider area than the plan's, e.g. the whole country against a province; different
units; opposite directions). Comparators are read as bounds on what will be achieved: `>`, `>=`,
`=`, `~` and a range give a floor (a range its lower bound), `<`, `<=` a ceiling."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from ..rules import load_rules
from .model import Figure, TargetVerdict
from .parent import LEVELS, ParentTarget, figure

FLOOR = {">", ">=", "=", "~", "range"}
CEILING = {"<", "<="}
STRICT = {">", "<"}


@cache
def _unit_table() -> tuple[dict[str, str], frozenset[str]]:
    data = load_rules("compliance").data
    canon = {}
    for group in data.get("unit_groups") or []:
        for u in group:
            canon[_squash(u)] = group[0]
    return canon, frozenset(data.get("rate_units") or [])


def _squash(u: str) -> str:
    return " ".join(u.lower().split())


def unit_of(u: str | None) -> str | None:
    """A unit in its comparison form ('% /năm' -> '%/năm')."""
    if u is None:
        return None
    return _unit_table()[0].get(_squash(u), _squash(u))


def in_base_unit(f: Figure) -> Figure:
    """`f` in the unit after the number words it opens with, its values multiplied ('10 nghìn doanh nghiệp' ->
    10000 'doanh nghiệp'; rules/compliance.yaml `unit_multipliers`)."""
    multipliers = load_rules("compliance").data.get("unit_multipliers") or {}
    words, factor = _squash(f.unit or "").split(), 1
    while len(words) > 1 and words[0] in multipliers:
        factor, words = factor * int(multipliers[words[0]]), words[1:]
    if factor == 1:
        return f
    return replace(f, value=f.value * factor, unit=" ".join(words),
                   value_max=f.value_max * factor if f.value_max is not None else None)


def is_rate(u: str | None) -> bool:
    """Whether a unit is a rate or share (comparable across levels), not a count of things."""
    return unit_of(u) in _unit_table()[1]


@dataclass
class Bound:
    """An aim as a bound on the achieved value: a floor (higher is better) or a ceiling."""

    kind: str  # floor | ceiling
    value: float
    strict: bool


def bound(f: Figure) -> Bound | None:
    """The bound an aim sets; None for a comparator without a direction."""
    if f.comparator in FLOOR:
        return Bound("floor", f.value, f.comparator in STRICT)
    if f.comparator in CEILING:
        return Bound("ceiling", f.value_max if f.value_max is not None else f.value, f.comparator in STRICT)
    return None


def compare(parent: Figure, plan: Figure) -> tuple[str, str]:
    """(`ok` | `weaker` | `not_comparable`, reason) of two figures of one indicator and year."""
    if unit_of(in_base_unit(parent).unit) != unit_of(in_base_unit(plan).unit):
        return "not_comparable", f"different units: {parent.unit or '—'} and {plan.unit or '—'}"
    p, q = bound(in_base_unit(parent)), bound(in_base_unit(plan))
    if p is None or q is None or p.kind != q.kind:
        return "not_comparable", "the aims point in different directions"
    if q.value == p.value:
        if p.strict and not q.strict:
            return "weaker", f"the plan's {plan.text()} does not exceed the parent's {parent.text()}"
        return "ok", f"the plan's {plan.text()} matches the parent's {parent.text()}"
    better = q.value > p.value if p.kind == "floor" else q.value < p.value
    if better:
        return "ok", f"the plan's {plan.text()} is more ambitious than the parent's {parent.text()}"
    return "weaker", f"the plan's {plan.text()} is below the parent's {parent.text()}" if p.kind == "floor" \
        else f"the plan's {plan.text()} allows more than the parent's {parent.text()}"


def restating(text: str) -> bool:
    """Whether wording marks a figure as the parent's own (rules/compliance.yaml, use: restating)."""
    return any(r.regex.search(text) for r in load_rules("compliance").rules
               if r.get("use") == "restating" and r.regex is not None)


def _line_of(text: str, span: list[int]) -> str:
    a = text.rfind("\n", 0, span[0]) + 1
    b = text.find("\n", span[1])
    return text[a:len(text) if b < 0 else b]


def _wider(scope: str | None, level: str | None) -> bool:
    return LEVELS.get(scope or "", -1) > LEVELS.get(level or "", 9)


def target_verdicts(against: str, parent: list[ParentTarget], plan: dict[str, Any]) -> list[TargetVerdict]:
    """One verdict per indicator and year that the parent or the plan sets (parent's order, then extras)."""
    text = plan.get("text") or ""
    level = (plan.get("meta") or {}).get("level")
    doc_id = plan.get("doc_id")
    own: dict[tuple[str | None, int | None], list[dict[str, Any]]] = {}
    for t in plan.get("targets") or []:
        own.setdefault((t.get("indicator_id") or f"?{t.get('indicator')}", t.get("year")), []).append(t)
    out: list[TargetVerdict] = []
    used: set[tuple[str | None, int | None]] = set()
    for pt in parent:
        key = (pt.indicator_id, pt.figure.year)
        mine = own.get(key) or []
        used.add(key)
        pf = pt.figure
        if not mine:
            if _wider(pf.scope, level) and not is_rate(pf.unit):
                verdict, reason = "not_comparable", (f"a count over the parent's whole area ({pf.scope}); "
                                                     "the plan sets none of its own")
            else:
                verdict, reason = "missing", f"the parent sets {pf.text()} for {pf.year or 'its horizon'}; the plan sets nothing"
            out.append(TargetVerdict(against, pt.indicator_id, pf.indicator, pf.year, verdict, reason, pf, None,
                                     pt.provenance))
            continue
        t = mine[0]
        qf = figure(t, doc_id)
        if _wider(pf.scope, level) and not is_rate(pf.unit):
            verdict, reason = "not_comparable", (f"the parent's {pf.text()} counts over its whole area ({pf.scope}), "
                                                 f"the plan's {qf.text()} over the {level or 'plan area'}")
        elif restating(_line_of(text, t["span"])) and (qf.value, qf.value_max) == (pf.value, pf.value_max):
            verdict, reason = "restated", (f"the plan repeats the parent's figure ({qf.text()}) as a contribution "
                                           "to the parent's aim and sets none of its own")
        else:
            verdict, reason = compare(pf, qf)
        out.append(TargetVerdict(against, pt.indicator_id, pf.indicator, pf.year, verdict, reason, pf, qf, pt.provenance))
    for key, mine in own.items():
        if key in used:
            continue
        t = mine[0]
        out.append(TargetVerdict(against, t.get("indicator_id"), t.get("indicator") or "", t.get("year"), "extra",
                                 "the parent sets no figure for this indicator and year", None, figure(t, doc_id)))
    return out


