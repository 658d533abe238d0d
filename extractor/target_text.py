"""Text helpers for targets: rule access, bracket-aware scanning, indicator wording and ids.

`rules/targets.yaml` rules are grouped by `kind`; `rules/indicators.yaml` maps indicator phrases
(folded: no diacritics) to canonical ids. Scanners work on one line of text and skip what is
inside brackets, so "(tập đoàn, tổng công ty...)" never ends a phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .rules import Rule, load_rules
from .vntext import fold

MAX_WORDS = 40


@lru_cache(maxsize=1)
def _by_kind() -> dict[str, list[Rule]]:
    """Target rules grouped by their `kind`, in file order."""
    out: dict[str, list[Rule]] = {}
    for rule in load_rules("targets").rules:
        out.setdefault(str(rule.get("kind")), []).append(rule)
    return out


def rules_of(kind: str) -> list[Rule]:
    """The target rules of one `kind` (value, comparator, horizon ...), in file order."""
    return _by_kind().get(kind, [])


@lru_cache(maxsize=1)
def _indicators() -> list[tuple[str, re.Pattern[str], set[str] | None]]:
    """(id, folded-text pattern, allowed unit kinds) per row of rules/indicators.yaml."""
    rows = load_rules("indicators").data.get("indicators") or []
    return [(r["id"], re.compile(r["pattern"]), set(r["kinds"]) if r.get("kinds") else None) for r in rows]


def classify_indicator(indicator: str, unit_kind: str = "percent", context: str = "") -> str | None:
    """The indicator id for an indicator phrase; else the match nearest the end of `context`."""
    rows = [(i, rx) for i, rx, kinds in _indicators() if kinds is None or unit_kind in kinds]
    folded = fold(indicator)
    for ind_id, rx in rows:
        if rx.search(folded):
            return ind_id
    best: tuple[int, str] | None = None
    folded = fold(context)
    for ind_id, rx in rows:
        for m in rx.finditer(folded):
            if best is None or m.end() > best[0]:
                best = (m.end(), ind_id)
    return best[1] if best else None


def first_match(rules: list[Rule], text: str) -> tuple[Rule, re.Match[str]] | None:
    """The first rule matching somewhere in `text`, with its match."""
    return next(((r, m) for r in rules if (m := r.regex.search(text))), None)


def group(m: re.Match[str], name: str) -> str | None:
    """A named group, or its numbered twins (`lo2`, `lo3`) used by alternative branches."""
    for key in (name, name + "2", name + "3"):
        if key in m.re.groupindex and m.group(key) is not None:
            return m.group(key)
    return None


def top_level(s: str, pos: int = 0) -> Iterator[tuple[int, str]]:
    """(offset, char) of the characters of `s` from `pos` that are outside brackets."""
    depth = 0
    for i in range(pos, len(s)):
        ch = s[i]
        if ch in "([" or ch in ")]":
            depth = depth + 1 if ch in "([" else max(0, depth - 1)
        elif depth == 0:
            yield i, ch


def clauses(s: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a line: split at `;`, table cell marks and sentence ends outside brackets."""
    out, start = [], 0
    for i, ch in top_level(s):
        if ch in ";|\t" or (ch in ".!?" and sentence_end(s, i)):
            out.append((start, i + 1))
            start = i + 1
    out.append((start, len(s)))
    return [(a, b) for a, b in out if s[a:b].strip(" .;|\t-")]


def sentence_end(s: str, i: int) -> bool:
    rest = s[i + 1:]
    if not rest.strip():
        return True
    if not rest[:1].isspace():
        return False
    nxt = rest.lstrip()[:1]
    return nxt.isupper() or nxt in "-+•(\"“"


def as_written(unit: str) -> str:
    """A unit with spaces collapsed and a capitalised first word lowered: 'Doanh nghiệp' -> 'doanh nghiệp'."""
    unit = re.sub(r"\s+", " ", unit).strip()
    return unit[0].lower() + unit[1:] if unit[:1].isupper() and unit[1:2].islower() else unit


def year_of(m: re.Match[str]) -> int | None:
    return int(group(m, "year") or 0) or None


def phrase_end(s: str, pos: int) -> int:
    """Where the noun phrase from `pos` ends: at `;`, `.`, `: ` or a comma that does not continue a list."""
    for i, ch in top_level(s, pos):
        if ch in ";|\t" or (ch in ".!?:" and sentence_end(s, i)) or (ch == ":" and s[i + 1:i + 2] == " "):
            return i
        if ch == ",":
            seg = re.split(r"[,;.:]", s[i + 1:], maxsplit=1)[0]
            words = seg.split()
            tail = s[i + 1:].strip(" .;") == seg.strip(" .;")
            names = words[:1] and words[0][:1].isupper() and len(words) <= 4
            if not words or not ("và" in words[:5] or names or (tail and len(words) <= 2)):
                return i
    return len(s)


def phrase_after(s: str, pos: int) -> str:
    """The noun phrase from `pos` (see `_phrase_end`), at most MAX_WORDS words."""
    words = s[pos:phrase_end(s, pos)].split()
    return " ".join(words[:MAX_WORDS]).rstrip(" .…,")


def indicator_before(text: str) -> str:
    """The measured quantity written before a value: after the last lead-in, fillers stripped."""
    last = 0
    for rule in rules_of("lead_in"):
        for m in rule.regex.finditer(text):
            last = max(last, m.end())
    text = text[last:]
    for _ in range(2):
        for rule in rules_of("filler") + rules_of("resumptive"):
            text = rule.regex.sub("", text)
    return re.sub(r"\s+", " ", text).strip(" ,;:-–")


def last_comma(s: str) -> int:
    """Offset after the last comma outside brackets (0 when none)."""
    return max((i + 1 for i, ch in top_level(s) if ch == ","), default=0)
