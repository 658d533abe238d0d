"""Expansion of administrative abbreviations (UBND, Sở KH&CN, TCĐLCL) from rules/abbreviations.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from re import _parser as sre_parse  # type: ignore[attr-defined]  # re's parser: the literals of a pattern
from typing import Any

from .rules import RuleFile, load_rules

# Every abbreviation holds two capitals in a row or an ampersand; text without either has none.
_MAY_HOLD_ABBREVIATION = re.compile(r"[A-ZĐ]{2}|&")
_REACH = 30  # characters around a trigger a rule may look at (the longest abbreviation and its context)

_Literals = tuple[str, ...] | None  # literal strings one of which every match holds; None: not known
_ZERO_WIDTH = {sre_parse.AT, sre_parse.ASSERT, sre_parse.ASSERT_NOT}
_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT}


def _best(candidates: list[tuple[str, ...]]) -> _Literals:
    """The most selective choice: the set whose shortest member is longest (fewest members on a tie)."""
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)))


_MAX_SPELLINGS = 16  # a run through small character classes ([đd]) is kept as at most this many strings


def _sequence_literals(items: Any) -> _Literals:
    """Literals of a parsed sequence (every item of which is matched, in order): its longest run of
    literal characters (a small class such as [đd] spelled out both ways), or what one of its groups holds."""
    candidates: list[tuple[str, ...]] = []
    run: list[str] = []

    def close() -> None:
        if run and run != [""]:
            candidates.append(tuple(run))
        run[:] = [""]

    close()
    for op, av in items:
        if op == sre_parse.LITERAL:
            run[:] = [r + chr(av) for r in run]
            continue
        if op in _ZERO_WIDTH:
            continue  # the characters on both sides of it are adjacent in the match
        chars = _class_chars(op, av)
        if chars and len(run) * len(chars) <= _MAX_SPELLINGS:
            run[:] = [r + c for r in run for c in chars]
            continue
        close()
        found = _item_literals(op, av)
        if found is not None:
            candidates.append(found)
    close()
    return _best(candidates)


def _class_chars(op: Any, av: Any) -> list[str]:
    """The characters of a class made only of a few literal characters ([đd]); empty for any other item."""
    if op != sre_parse.IN or not all(o == sre_parse.LITERAL for o, _ in av):
        return []
    return [chr(c) for _, c in av] if len(av) <= 4 else []


def _item_literals(op: Any, av: Any) -> _Literals:
    """Literals of one parsed item that consumes text (a group, a repeat, a choice); None otherwise."""
    if op == sre_parse.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return None if add_flags & re.IGNORECASE else _sequence_literals(sub)
    if op in _REPEATS:
        low, _high, sub = av
        return _sequence_literals(sub) if low >= 1 else None
    if op == sre_parse.ATOMIC_GROUP:
        return _sequence_literals(av)
    if op == sre_parse.BRANCH:
        out: list[str] = []
        for branch in av[1]:
            found = _sequence_literals(branch)
            if found is None:
                return None  # this choice holds no literal: nothing is required
            out += [s for s in found if s not in out]
        return tuple(out)
    return None


def required_literals(regex: re.Pattern[str]) -> _Literals:
    """Literal strings one of which every match of `regex` contains, or None when none can be told.

    A rule none of whose literals is in a text cannot match it, so it need not run (`LiteralGate`)."""
    try:
        parsed = sre_parse.parse(regex.pattern, regex.flags)
    except Exception:  # noqa: BLE001 - a pattern the parser cannot read again is just always run
        return None
    return _sequence_literals(list(parsed))


# The only characters beyond ASCII that an ASCII letter matches under IGNORECASE (İ ı ~ i, ſ ~ s, Kelvin K ~ k)
_ASCII_CASE_KIN = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


@dataclass(frozen=True)
class LiteralGate:
    """Literal strings one of which a text must hold for some pattern of a set to match it: a text
    without any of them is passed over (the patterns need not run). Compares case as the patterns do."""

    literals: tuple[str, ...]
    ignorecase: bool = False

    @cached_property
    def _finder(self) -> re.Pattern[str]:
        alts = "|".join(re.escape(s) for s in sorted(self.literals, key=len, reverse=True))
        return re.compile(alts, re.IGNORECASE if self.ignorecase else 0)

    @cached_property
    def _ascii_lower(self) -> tuple[str, ...]:
        """The literals as they can stand in ASCII text, lower-cased (a literal holding any other
        character matches no ASCII text)."""
        out = (s.translate(_ASCII_CASE_KIN) for s in self.literals)
        return tuple(dict.fromkeys(s.lower() for s in out if s.isascii()))

    def may_match(self, s: str) -> bool:
        """False when `s` holds none of the literals (then no pattern of the set matches it)."""
        if not self.ignorecase:
            return any(lit in s for lit in self.literals)
        if s.isascii():  # most folded text: compared lower-cased, without the regex engine
            low = s.lower()
            return any(lit in low for lit in self._ascii_lower)
        return self._finder.search(s) is not None


def literal_gate(regexes: list[re.Pattern[str]]) -> LiteralGate | None:
    """The `LiteralGate` of a set of patterns; None when one of them has no literal that can be told."""
    literals: list[str] = []
    for rx in regexes:
        found = required_literals(rx)
        if not found:
            return None
        literals += found
    return LiteralGate(tuple(dict.fromkeys(literals)), any(rx.flags & re.IGNORECASE for rx in regexes))


@dataclass(frozen=True)
class _Expander:
    """The abbreviation rules in order, each with the literals one of which its matches hold."""

    rules: tuple[tuple[re.Pattern[str], str, frozenset[str]], ...]
    literals: tuple[str, ...]  # of every rule


_EXPANDER: tuple[RuleFile, _Expander | None] | None = None


def _expander() -> _Expander | None:
    """The rules with their literals; None when a rule has none that can be told, or ignores case."""
    global _EXPANDER
    file = load_rules("abbreviations")
    if _EXPANDER is None or _EXPANDER[0] is not file:
        found = [(r.rx, str(r.get("expansion")), required_literals(r.rx)) for r in file.rules]
        if all(lits and not rx.flags & re.IGNORECASE for rx, _, lits in found):
            rules = tuple((rx, expansion, frozenset(lits or ())) for rx, expansion, lits in found)
            _EXPANDER = file, _Expander(rules, tuple(dict.fromkeys(lit for *_, lits in rules for lit in lits)))
        else:
            _EXPANDER = file, None
    return _EXPANDER[1]


def _expand_all(s: str) -> str:
    """Every rule in order over `s`, but a rule none of whose literals is in the text as it stands is
    skipped (it cannot match); text holding no rule's literal is returned as it is."""
    ex = _expander()
    if ex is None:
        for rule in load_rules("abbreviations").rules:
            s = rule.rx.sub(rule.get("expansion"), s)
        return s
    present = {lit for lit in ex.literals if lit in s}
    if not present:
        return s
    for regex, expansion, literals in ex.rules:
        if present.isdisjoint(literals):
            continue
        out = regex.sub(expansion, s)
        if out != s:  # the literals of the text as it is now
            s = out
            present = {lit for lit in ex.literals if lit in s}
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
