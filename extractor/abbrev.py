"""Expansion of administrative abbreviations (UBND, Sở KH&CN, TCĐLCL) from rules/abbreviations.yaml."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .rules import RuleFile, load_rules

# Every abbreviation holds two capitals in a row or an ampersand; text without either has none.
_MAY_HOLD_ABBREVIATION = re.compile(r"[A-ZĐ]{2}|&")
_REACH = 30  # characters around a trigger a rule may look at (the longest abbreviation and its context)

_Literals = tuple[str, ...] | None  # literal strings one of which every match holds; None: not known

# -- what a pattern's matches hold: a small reader of the regex syntax the rule files use ------------
#
# A pattern is read into nodes: ("lit", char); ("any", chars or None), one character of a class (its
# characters when they are a few plain ones, as [đd]); ("zero", "start" | "end" | ""), an anchor (^ \A,
# $ \Z) or another zero-width item (\b, a look-around); ("group", alternatives, literals_count), where
# literals_count is False under a scoped IGNORECASE; ("rep", node, low, high). Syntax it does not know (a
# back-reference, a numeric escape, VERBOSE) leaves the pattern unread: it is then always run in full.
# tests/test_abbrev.py holds the reader to `re`'s own parser on every rule pattern.

_INF = 1 << 30
_Node = tuple[Any, ...]


class _Unknown(Exception):
    """Syntax the reader does not handle: the pattern is always run in full."""


_CLASS_ESCAPES = set("dDsSwW")
_ZERO_ESCAPES = {"b": "", "B": "", "A": "start", "Z": "end"}
_CHAR_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_QUANTIFIER = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_FLAG_GROUP = re.compile(r"\(\?([aiLmsux]*)(?:-([imsx]+))?([:)])")


class _Reader:
    """A recursive-descent reader of one pattern (see the nodes above)."""

    def __init__(self, pattern: str) -> None:
        self.p, self.i = pattern, 0

    def alternatives(self) -> list[list[_Node]]:
        alts = [self.sequence()]
        while self.i < len(self.p) and self.p[self.i] == "|":
            self.i += 1
            alts.append(self.sequence())
        return alts

    def sequence(self) -> list[_Node]:
        seq: list[_Node] = []
        while self.i < len(self.p) and self.p[self.i] not in "|)":
            atom = self.atom()
            if atom is not None:
                seq.append(self.quantified(atom))
        return seq

    def quantified(self, atom: _Node) -> _Node:
        p, i = self.p, self.i
        if i >= len(p):
            return atom
        if p[i] in "?*+":
            low, high = {"?": (0, 1), "*": (0, _INF), "+": (1, _INF)}[p[i]]
            self.i += 1
        elif p[i] == "{" and (m := _QUANTIFIER.match(p, i)) and (m.group(1) or m.group(2)):  # '{}' is literal
            low = int(m.group(1) or 0)
            high = low if not m.group(2) else int(m.group(3)) if m.group(3) else _INF
            self.i = m.end()
        else:
            return atom
        if self.i < len(p) and p[self.i] in "?+":  # lazy or possessive: the same characters
            self.i += 1
        if atom[0] == "zero":
            raise _Unknown("a quantified anchor")
        return self.quantified(("rep", atom, low, high))

    def atom(self) -> _Node | None:
        p = self.p
        c = p[self.i]
        self.i += 1
        if c == "(":
            return self.group()
        if c == "[":
            return self.char_class()
        if c == ".":
            return ("any", None)
        if c in "^$":
            return ("zero", "end" if c == "$" else "start")
        if c == "\\":
            return self.escape()
        if c in "*+?":
            raise _Unknown("a quantifier with nothing before it")
        return ("lit", c)

    def escape(self) -> _Node:
        if self.i >= len(self.p):
            raise _Unknown("a trailing backslash")
        c = self.p[self.i]
        self.i += 1
        if c in _CLASS_ESCAPES:
            return ("any", None)
        if c in _ZERO_ESCAPES:
            return ("zero", _ZERO_ESCAPES[c])
        if c in _CHAR_ESCAPES:
            return ("lit", _CHAR_ESCAPES[c])
        if c == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", self.p[self.i:self.i + 4]):
            self.i += 4
            return ("lit", chr(int(self.p[self.i - 4:self.i], 16)))
        if c.isascii() and c.isalnum():
            raise _Unknown(f"the escape \\{c}")
        return ("lit", c)

    def char_class(self) -> _Node:
        """A [...] class: one character; its characters when they are plain ones (no range, no negation)."""
        p, chars, plain = self.p, [], True
        if self.i < len(p) and p[self.i] == "^":
            plain = False
            self.i += 1
        first = True
        while True:
            if self.i >= len(p):
                raise _Unknown("an unclosed class")
            c = p[self.i]
            self.i += 1
            if c == "]" and not first:
                break
            first = False
            if c == "\\":
                if self.i >= len(p):
                    raise _Unknown("a trailing backslash")
                e = p[self.i]
                self.i += 1
                if e in _CHAR_ESCAPES:
                    chars.append(_CHAR_ESCAPES[e])
                elif e.isascii() and e.isalnum():
                    plain = False  # \w, \d, \s, \uXXXX ...: not spelled out
                    if e == "u":
                        self.i += 4
                    elif e not in _CLASS_ESCAPES:
                        raise _Unknown(f"the escape \\{e} in a class")
                else:
                    chars.append(e)
            elif c == "[" and self.i < len(p) and p[self.i] in ":=.":
                raise _Unknown("a POSIX-like class")
            elif c == "-" and chars and self.i < len(p) and p[self.i] != "]":
                plain = False  # a range
            else:
                chars.append(c)
        return ("any", chars if plain and 0 < len(chars) <= 4 else None)

    def group(self) -> _Node:
        p, i = self.p, self.i
        if p.startswith("?", i):
            if p.startswith(("?:", "?P<"), i):
                self.i = p.index(">", i) + 1 if p.startswith("?P<", i) else i + 2
                return self.closed(self.alternatives(), literals=True)
            if p.startswith(("?=", "?!", "?<=", "?<!"), i):
                self.i = i + (3 if p.startswith("?<", i) else 2)
                self.closed(self.alternatives(), literals=False)
                return ("zero", "")
            if p.startswith("?#", i):
                self.i = p.index(")", i) + 1
                return ("zero", "")
            m = _FLAG_GROUP.match(p, i - 1)
            if m and m.group(3) == ":" and "x" not in m.group(1) + (m.group(2) or ""):
                self.i = m.end()  # scoped flags; under IGNORECASE its characters are not the pattern's literals
                return self.closed(self.alternatives(), literals="i" not in m.group(1))
            raise _Unknown(f"the group ({p[i:i + 4]}")
        return self.closed(self.alternatives(), literals=True)

    def closed(self, alts: list[list[_Node]], literals: bool) -> _Node:
        if self.i >= len(self.p) or self.p[self.i] != ")":
            raise _Unknown("an unclosed group")
        self.i += 1
        return ("group", alts, literals)


def _body(regex: re.Pattern[str]) -> str:
    """The pattern without its global flags at the start (they are in `regex.flags`)."""
    m = _FLAG_GROUP.match(regex.pattern)
    return regex.pattern[m.end():] if m and m.group(3) == ")" else regex.pattern


def _read(regex: re.Pattern[str]) -> list[list[_Node]] | None:
    """The alternatives of a pattern as nodes; None for syntax the reader does not know, or VERBOSE."""
    if regex.flags & re.VERBOSE or not isinstance(regex.pattern, str):
        return None
    p = _body(regex)
    reader = _Reader(p)
    try:
        alts = reader.alternatives()
        if reader.i != len(p):
            raise _Unknown("an unopened ')'")
    except (_Unknown, ValueError):
        return None
    return alts


def _width(node: _Node) -> int:
    """The most characters a node matches (_INF: unbounded)."""
    kind = node[0]
    if kind in ("lit", "any"):
        return 1
    if kind == "zero":
        return 0
    if kind == "group":
        return max((_seq_width(seq) for seq in node[1]), default=0)
    inner = _width(node[1])
    return _INF if node[3] >= _INF and inner else min(_INF, inner * node[3])


def _seq_width(seq: list[_Node]) -> int:
    return min(_INF, sum(_width(n) for n in seq))


def max_width(regex: re.Pattern[str]) -> int | None:
    """The most characters a match of `regex` can span, or None when unbounded or not known."""
    alts = _read(regex)
    if alts is None:
        return None
    width = max((_seq_width(seq) for seq in alts), default=0)
    return width if width < _INF else None


def ends_at_end(regex: re.Pattern[str]) -> bool:
    """Whether every match of `regex` ends the text (each alternative closes with $ or \\Z, not MULTILINE)."""
    alts = _read(regex)
    if alts is None or regex.flags & re.MULTILINE:
        return False
    return all(seq and seq[-1] == ("zero", "end") for seq in alts)


def starts_at_start(regex: re.Pattern[str]) -> bool:
    """Whether every match of `regex` starts the text (each alternative opens with ^ or \\A, not MULTILINE):
    its `search` is its `match`."""
    alts = _read(regex)
    if alts is None or regex.flags & re.MULTILINE:
        return False
    return all(seq and seq[0] == ("zero", "start") for seq in alts)


_SCOPED_FLAGS = ((re.IGNORECASE, "i"), (re.DOTALL, "s"), (re.ASCII, "a"))


def any_search(regexes: list[re.Pattern[str]]) -> Callable[[str], bool]:
    """`lambda s: any(rx.search(s) for rx in regexes)`; for patterns that all start the text, one match of
    their alternation (each under its own flags)."""
    def each(s: str) -> bool:
        return any(rx.search(s) for rx in regexes)

    allowed = re.UNICODE | sum(flag for flag, _ in _SCOPED_FLAGS)
    if not regexes or not all(starts_at_start(rx) and not rx.flags & ~allowed for rx in regexes):
        return each
    alts = []
    for rx in regexes:
        flags = "".join(letter for flag, letter in _SCOPED_FLAGS if rx.flags & flag)
        alts.append(f"(?{flags}:{_body(rx)})" if flags else f"(?:{_body(rx)})")
    try:
        combined = re.compile("|".join(alts))
    except re.error:  # the same group name in two patterns
        return each
    return lambda s: combined.match(s) is not None


_MAX_SPELLINGS = 16  # a run through small character classes ([đd]) is kept as at most this many strings


def _best(candidates: list[tuple[str, ...]]) -> _Literals:
    """The most selective choice: the set whose shortest member is longest (fewest members on a tie)."""
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)))


def _sequence_literals(seq: list[_Node]) -> _Literals:
    """Literals of a sequence (every node of which is matched, in order): its longest run of literal
    characters (a small class such as [đd] spelled out every way), or what one of its groups holds."""
    candidates: list[tuple[str, ...]] = []
    run = [""]
    for node in seq:
        kind = node[0]
        if kind == "lit":
            run = [r + node[1] for r in run]
            continue
        if kind == "zero":
            continue  # the characters on both sides of it are adjacent in the match
        if kind == "any" and node[1] and len(run) * len(node[1]) <= _MAX_SPELLINGS:
            run = [r + c for r in run for c in node[1]]
            continue
        if run != [""]:
            candidates.append(tuple(run))
        run = [""]
        found = _node_literals(node)
        if found is not None:
            candidates.append(found)
    if run != [""]:
        candidates.append(tuple(run))
    return _best(candidates)


def _node_literals(node: _Node) -> _Literals:
    """Literals of a group or a repeat (None for one character of a class)."""
    if node[0] == "rep":
        return _sequence_literals([node[1]]) if node[2] >= 1 else None
    if node[0] == "group":
        if not node[2]:
            return None  # scoped IGNORECASE or VERBOSE: its characters compare otherwise
        out: list[str] = []
        for seq in node[1]:
            found = _sequence_literals(seq)
            if found is None:
                return None  # this alternative holds no literal: nothing is required
            out += [s for s in found if s not in out]
        return tuple(out)
    return None


def required_literals(regex: re.Pattern[str]) -> _Literals:
    """Literal strings one of which every match of `regex` contains, or None when none can be told.

    A rule none of whose literals is in a text cannot match it, so it need not run (`LiteralGate`)."""
    alts = _read(regex)
    if alts is None:
        return None
    return _node_literals(("group", alts, True))


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
