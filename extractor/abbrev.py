"""Expansion of administrative abbreviations (UBND, Sở KH&CN, TCĐLCL) from rules/abbreviations.yaml."""

from __future__ import annotations

import re

from .rules import load_rules

# Every abbreviation holds two capitals in a row or an ampersand; text without either has none.
_MAY_HOLD_ABBREVIATION = re.compile(r"[A-ZĐ]{2}|&")
_REACH = 30  # characters around a trigger a rule may look at (the longest abbreviation and its context)


def _expand_all(s: str) -> str:
    for rule in load_rules("abbreviations").rules:
        s = rule.rx.sub(rule.get("expansion"), s)
    return s


def _windows(s: str) -> list[tuple[int, int]]:
    """Stretches around each trigger, widened to whitespace so no word is cut, overlaps merged."""
    out: list[tuple[int, int]] = []
    for m in _MAY_HOLD_ABBREVIATION.finditer(s):
        a = s.rfind(" ", 0, max(0, m.start() - _REACH)) + 1
        b = s.find(" ", min(len(s), m.end() + _REACH))
        b = len(s) if b < 0 else b
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def expand_abbreviations(s: str) -> str:
    """Replace every known abbreviation in `s` by its full form: 'Sở KH&CN' -> 'Sở Khoa học và Công nghệ'.

    Long texts are expanded only in the stretches around a capital pair or '&'."""
    if len(s) < 400:
        s = _expand_all(s) if _MAY_HOLD_ABBREVIATION.search(s) else s
    else:
        parts, last = [], 0
        for a, b in _windows(s):
            parts += [s[last:a], _expand_all(s[a:b])]
            last = b
        s = "".join(parts) + s[last:]
    return " ".join(s.split())
