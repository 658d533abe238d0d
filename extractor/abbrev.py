"""Expansion of administrative abbreviations (UBND, Sở KH&CN, TCĐLCL) from rules/abbreviations.yaml."""

from __future__ import annotations

import re

from .rules import load_rules

# Every abbreviation holds two capitals in a row or an ampersand; text without either has none.
_MAY_HOLD_ABBREVIATION = re.compile(r"[A-ZĐ]{2}|&")


def expand_abbreviations(s: str) -> str:
    """Replace every known abbreviation in `s` by its full form: 'Sở KH&CN' -> 'Sở Khoa học và Công nghệ'."""
    if _MAY_HOLD_ABBREVIATION.search(s):
        for rule in load_rules("abbreviations").rules:
            s = rule.regex.sub(rule.get("expansion"), s)
    return " ".join(s.split())
