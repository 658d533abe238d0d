"""Structure: the heading tree (I., 1., a), Điều 1., Chương I, PHỤ LỤC) with offsets.

Heading patterns live in rules/structure.yaml. Each heading kind has a rank; the ranks a document
uses are compressed into levels 1, 2, 3 ... so `I.` is level 1 and `1.` level 2 in a plan, and
`Điều 1.` is level 1 in a decision. A section ends where the next heading of the same or a higher
level starts, and never runs past the closing block (*Trên đây là*, *Nơi nhận*, signature).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .record import Section
from .rules import Rule, load_rules

_CAPS_MIN_LETTERS = 6


@dataclass
class _Head:
    """A heading candidate before levels and ends are known."""

    kind: str
    rank: int
    number: str | None
    title: str
    start: int
    line: int
    end: int = -1


def _rules() -> tuple[list[Rule], list[Rule], list[Rule]]:
    rf = load_rules("structure")
    heads = [r for r in rf.rules if r.get("kind") not in ("closer", "furniture")]
    closers = [r for r in rf.rules if r.get("kind") == "closer"]
    furniture = [r for r in rf.rules if r.get("kind") == "furniture"]
    return heads, closers, furniture


def _is_caps_title(line: str) -> bool:
    """An all-caps line of at least two words: an unnumbered section title candidate."""
    letters = [c for c in line if c.isalpha()]
    return (len(letters) >= _CAPS_MIN_LETTERS and all(c.isupper() for c in letters)
            and len(line.split()) >= 2 and not line.rstrip().endswith((",", ";")))


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append((pos, raw))
        pos += len(raw) + 1
    return out


def _next_text_line(lines: list[tuple[int, str]], i: int) -> int | None:
    for j in range(i + 1, min(i + 4, len(lines))):
        if lines[j][1].strip():
            return j
    return None


def _match_heading(rules: list[Rule], line: str) -> tuple[Rule, re.Match[str]] | None:
    if line.lstrip().startswith(("-", "+", "•", "*")):
        return None
    for rule in rules:
        m = rule.rx.match(line)
        if m:
            return rule, m
    return None


def _candidates(text: str) -> tuple[list[_Head], list[int]]:
    """Heading candidates and the offsets of closing lines, in text order."""
    heads_rules, closers, furniture = _rules()
    lines = _lines(text)
    heads: list[_Head] = []
    closes: list[int] = []
    consumed: set[int] = set()
    in_appendix = False
    for i, (start, raw) in enumerate(lines):
        line = raw.strip()
        if not line or i in consumed:
            continue
        if any(r.rx.match(line) for r in closers):
            closes.append(start)
            continue
        hit = _match_heading(heads_rules, line)
        if hit:
            rule, m = hit
            groups = m.groupdict()
            title = (groups.get("title") or groups.get("title2") or "").strip()
            kind = str(rule.get("kind"))
            if kind in ("appendix", "part", "chapter", "mục") and (not title or title in (":", ".")):
                j = _next_text_line(lines, i)
                if j is not None and _is_caps_title(lines[j][1].strip()):
                    consumed.add(j)
                    title = lines[j][1].strip()
            if kind == "appendix":
                label = re.sub(r"[\s.:]+$", "", line[: m.start("title")] if groups.get("title") else line)
                title = f"{label}: {title}" if title else label
            num = groups.get("num") or groups.get("num2")
            heads.append(_Head(kind, int(rule.get("rank")), num, title, start, i))
            continue
        in_appendix = in_appendix or bool(heads) and heads[-1].kind == "appendix"  # table heads: no titles
        if heads and not in_appendix and _is_caps_title(line) and not any(r.rx.match(line) for r in furniture):
            prev = heads[-1]
            if prev.kind == "caps" and prev.line == _prev_text_line(lines, i):
                prev.title = f"{prev.title} {line}"
                prev.line = i
                continue
            heads.append(_Head("caps", 4, None, line, start, i))
    return heads, closes


def _prev_text_line(lines: list[tuple[int, str]], i: int) -> int | None:
    for j in range(i - 1, max(-1, i - 4), -1):
        if lines[j][1].strip():
            return j
    return None


def _levels(heads: list[_Head]) -> dict[int, int]:
    """Map each rank used in the document to a level 1, 2, 3 ... (appendix rank 0 -> 1)."""
    ranks = sorted({h.rank for h in heads if h.kind != "appendix"})
    levels = {r: i + 1 for i, r in enumerate(ranks)}
    levels[0] = 1
    return levels


def _ids(heads: list[_Head], levels: dict[int, int]) -> list[str]:
    """Path-like ids from the numbers of the enclosing headings: 'IV', 'IV.1', 'II.1.a', 'PL.I'."""
    prefix = {"appendix": "PL", "part": "P", "chapter": "C", "mục": "M", "article": "D"}
    ids: list[str] = []
    seen: dict[str, int] = {}
    stack: list[tuple[int, str]] = []
    for n, h in enumerate(heads, 1):
        lvl = levels[h.rank]
        while stack and stack[-1][0] >= lvl:
            stack.pop()
        if h.kind == "appendix":
            own = "PL" + (f"{h.number}" if h.number else "")
        elif h.number:
            own = prefix.get(h.kind, "") + h.number
        else:
            own = f"s{n}"
        sid = ".".join([p for _, p in stack] + [own])
        seen[sid] = seen.get(sid, 0) + 1
        if seen[sid] > 1:
            sid = f"{sid}~{seen[sid]}"
        ids.append(sid)
        stack.append((lvl, own))
    return ids


def _trim(text: str, start: int, end: int) -> int:
    """`end` moved back over trailing whitespace, never before `start`."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def is_appendix(sec: Section) -> bool:
    """Whether a section is an appendix (PHỤ LỤC …, heading.appendix): its id opens with 'PL'."""
    return sec.id.startswith("PL")


def find_sections(text: str) -> list[Section]:
    """Headings of the text, each spanning to the next heading of the same or a higher level."""
    heads, closes = _candidates(text)
    if not any(h.kind != "caps" for h in heads):
        return []
    levels = _levels(heads)
    open_heads: list[_Head] = []  # headings still open, outermost first
    for h in heads + [None]:
        lvl = levels[h.rank] if h else 0
        while open_heads and levels[open_heads[-1].rank] >= lvl:
            o = open_heads.pop()
            o.end = h.start if h else len(text)
        if h:
            open_heads.append(h)
    for h in heads:
        i = bisect.bisect_right(closes, h.start)
        if i < len(closes) and closes[i] < h.end:
            h.end = closes[i]
        h.end = _trim(text, h.start, h.end)
    ids = _ids(heads, levels)
    return [Section(sid, h.number, h.title, levels[h.rank], h.start, h.end)
            for sid, h in zip(ids, heads, strict=True)]
