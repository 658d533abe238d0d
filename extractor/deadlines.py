"""Deadlines: the time phrase governing a task ('Hàng năm', 'Năm 2021-2030', 'trước ngày 30/6/2022').

Patterns live in rules/deadlines.yaml. A phrase that modifies a noun ('các nhiệm vụ khoa học và công
nghệ hằng năm', 'Đề án ... giai đoạn 2019-2021') is no deadline; of the remaining phrases the first
one governs.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from .abbrev import LiteralGate, literal_gate
from .record import Deadline
from .rules import Rule, RuleFile, load_rules
from .vntext import fold, iso_date

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_CLAUSE_END = ";.:!?\n"


@dataclass
class DeadlineMatch:
    """A deadline and where its phrase sits in the searched text."""

    deadline: Deadline
    start: int
    end: int
    rule: str


def _rules() -> RuleFile:
    return load_rules("deadlines")


_GATED: tuple[RuleFile, list[tuple[Rule, LiteralGate | None]]] | None = None


def _gated_rules() -> list[tuple[Rule, LiteralGate | None]]:
    """The rules with a pattern, each with the literals one of which its matches hold (most hold a year,
    '19' or '20'): a text without them is not searched by that rule."""
    global _GATED
    file = _rules()
    if _GATED is None or _GATED[0] is not file:
        _GATED = file, [(rule, literal_gate([rule.regex])) for rule in file.rules if rule.regex is not None]
    return _GATED[1]


def _build(rule: Rule, m: re.Match[str]) -> Deadline | None:
    """The Deadline a rule's match stands for, or None when its numbers are no real date."""
    kind, g = rule.get("kind"), m.groupdict()
    text = m.group(0).strip()
    if kind == "recurring":
        return Deadline(text, "recurring")
    if kind == "range":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if y1 == y2 and rule.id == "deadline.period_range":
            return Deadline(text, "year", end=y1)  # 'Quý I/2022 - Quý III/2022' ends within one year
        return Deadline(text, "range", start=y1, end=y2) if y1 <= y2 else None
    if kind == "from":
        return Deadline(text, "from", start=int(g["y"]))
    if kind == "year":  # 'trước năm 2025': by the end of 2024
        return Deadline(text, "year", end=int(g["y"]) - (1 if g.get("before") else 0))
    y = int(g["y"])
    month = (3 * _ROMAN[g["q"].upper()] if g.get("q") else int(g["mo"]) if g.get("mo")
             else 6 * (1 + (fold(g["h"]) == "cuoi")) if g.get("h") else 0)
    if month:  # a quarter, a month or a half year is no single day: kind year, its last day as extra
        if not 1 <= month <= 12:
            return None
        return Deadline(text, "year", end=y, date=iso_date(calendar.monthrange(y, month)[1], month, y))
    iso = iso_date(g["d"], g["m"], y)
    return Deadline(text, "date", date=iso) if iso else None


def _clause_initial(text: str, start: int) -> bool:
    """True when only a clause break, an opening bracket, a bullet marker or nothing precedes `start`."""
    before = re.sub(r"(?:^|\n)\s*[-–+•*]$", "\n", text[:start].rstrip(" \t"))
    return not before or before[-1] in _CLAUSE_END + "("


def _noun_modifier(text: str, m: re.Match[str], rule: Rule) -> bool:
    """True when the phrase describes a noun before it instead of timing the task."""
    data = _rules().data
    phrase = " ".join(m.group(0).lower().split()) + " "
    preps = tuple(p + " " for p in data["adverbial_preps"])
    before = " ".join(text[max(0, m.start() - 20):m.start()].lower().split()[-2:]) + " "
    if phrase.startswith(preps) or before == "hoàn thành " or _clause_initial(text, m.start()):
        return False
    clause = text[max(text.rfind(c, 0, m.start()) for c in ";.:\n") + 1:m.start()]  # not a split of all before
    words = clause.lower().split()[-int(rule.get("noun_window", data["noun_window"])):]
    window = " " + " ".join(words) + " "
    return any(f" {n} " in window for n in data["plan_nouns"])


def find_deadlines(text: str, cell: bool = False) -> list[DeadlineMatch]:
    """Every deadline phrase of `text` that governs something, left to right, none overlapping.

    `cell=True` reads a table's time cell, where the whole cell is the phrase.
    """
    cands: list[tuple[int, int, Rule, re.Match[str]]] = []
    passed: dict[LiteralGate, bool] = {}  # rules needing the same literals ask once
    for rule, gate in _gated_rules():
        if gate is not None:
            ok = passed.get(gate)
            if ok is None:
                ok = passed[gate] = gate.may_match(text)
            if not ok:
                continue
        for m in rule.rx.finditer(text):
            if m.group(0).strip():
                cands.append((m.start(), -(m.end() - m.start()), rule, m))
    cands.sort(key=lambda c: (c[0], c[1]))
    out: list[DeadlineMatch] = []
    taken_end = -1
    for start, _neg, rule, m in cands:
        s = start + len(m.group(0)) - len(m.group(0).lstrip())
        if s < taken_end:
            continue
        if rule.get("initial_only") and not (cell or _clause_initial(text, s)):
            continue
        if rule.get("noun_check") and not cell and _noun_modifier(text, m, rule):
            taken_end = m.end()
            continue
        dl = _build(rule, m)
        if dl is None:
            continue
        out.append(DeadlineMatch(dl, s, m.end(), rule.id))
        taken_end = m.end()
    return out


def locate_deadline(text: str, cell: bool = False) -> DeadlineMatch | None:
    """The governing deadline phrase of `text` (the first that is no noun modifier), with offsets; in a sentence,
    a later due date outranks a period that ends before its year, the period the task reports on ('đánh giá kết
    quả … trong năm 2022 và 5 tháng đầu năm 2023 …, gửi về Sở … trước ngày 15/6/2023')."""
    found = find_deadlines(text, cell)
    if not found:
        return None
    first = found[0].deadline
    if not cell and first.end is not None:
        for later in found[1:]:
            if later.deadline.kind == "date" and later.deadline.date and first.end < int(later.deadline.date[:4]):
                return later
    return found[0]


def find_deadline(text: str, cell: bool = False) -> Deadline | None:
    """The deadline of a task's text, or None: 'Năm 2021-2030' -> range 2021-2030."""
    hit = locate_deadline(text, cell)
    return hit.deadline if hit else None
