"""Expansion of administrative abbreviations (UBND, Sở KH&CN, TCĐLCL) from rules/abbreviations.yaml."""

from __future__ import annotations

from .rules import load_rules


def expand_abbreviations(s: str) -> str:
    """Replace every known abbreviation in `s` by its full form: 'Sở KH&CN' -> 'Sở Khoa học và Công nghệ'."""
    for rule in load_rules("abbreviations").rules:
        s = rule.regex.sub(rule.get("expansion"), s)
    return " ".join(s.split())
