"""Text units shared by the obligation readers: blocks, sentences, task text, support bodies, the Obligation.

Rules come from rules/obligations.yaml; see extractor/obligations.py for the sources of obligations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .bodies import closes_collective, officer_title_end
from .body_spans import BodySpan, body_list_at
from .deadlines import find_deadline
from .document import Doc
from .normalize import LIST_START
from .record import Obligation
from .rules import RuleFile, load_rules
from .vntext import fold

NUMBER = re.compile(r"^\s*(?:Điều\s+\d+\s*[.:]|[IVXLC]+\s*[.)]|\d+(?:\.\d+)*\s*[.)]|[a-zđ]\s*[.)])\s*", re.IGNORECASE)
MAX_BODY_WORDS = 14


@dataclass
class Block:
    """A bullet or a paragraph of running text with its offsets; `marker` is the bullet sign or None."""

    start: int
    end: int
    marker: str | None


def rules() -> RuleFile:
    return load_rules("obligations")


def rx(rule_id: str) -> re.Pattern[str]:
    return rules().rule(rule_id).rx


# ---------------------------------------------------------------- text units


def text_blocks(text: str, start: int, end: int) -> list[Block]:
    """Bullets and paragraphs of text[start:end]; a wrapped line (no marker, joined mid-sentence) continues;
    a line without letters is none."""
    bullet = rx("item.bullet")
    out: list[Block] = []
    pos, prev_blank = start, True
    for raw in text[start:end].split("\n"):
        ls, le = pos, pos + len(raw)
        pos = le + 1
        if not raw.strip():
            prev_blank = True
            continue
        if not any(c.isalpha() for c in raw):
            continue  # page furniture of pasted PDF text ('- 3 -'): no task, and no break in the text around it
        s = ls + len(raw) - len(raw.lstrip())
        e = ls + len(raw.rstrip())
        m = bullet.match(raw)
        ended = bool(out) and text[out[-1].end - 1] in ".!?" and raw.lstrip()[:1].isupper()  # a paragraph a line
        cont = out and not m and not LIST_START.match(raw) and (
            (not prev_blank and not ended) or (raw.lstrip()[:1].islower() and text[out[-1].end - 1] not in ".:;!?"))
        if cont:
            out[-1].end = e
        else:
            out.append(Block(s, e, m.group("marker") if m else None))
        prev_blank = False
    return out


def merge_sub_bullets(blocks: list[Block]) -> list[Block]:
    """Bullets with another sign than the first bullet's are sub-items of the bullet before them."""
    top = next((b.marker for b in blocks if b.marker), None)
    out: list[Block] = []
    for b in blocks:
        if b.marker and b.marker != top and out and out[-1].marker == top:
            out[-1].end = b.end
        else:
            out.append(b)
    return out


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of text[start:end]: a stop followed by a capital letter ends a sentence, and so does a
    numbered heading's line, which has no stop (sentence.heading_line)."""
    out, s = [], start
    stops = [(start + m.start() + 1, start + m.end()) for m in re.finditer(r"(?<!\.)[.!?](?!\.)\s+(?=\S)", text[start:end])
             if text[start + m.end()].isupper() or text[start + m.end()].isdigit()]
    stops += [(m.end(), m.end() + 1) for m in rx("sentence.heading_line").finditer(text, start, end)
              if m.end() + 1 < end and (text[m.end() + 1].isupper() or text[m.end() + 1].isdigit())]
    for stop, nxt in sorted(stops):
        if stop > s:
            out.append((s, stop))
            s = nxt
    out.append((s, end))
    return out


def clean_task(s: str) -> str:
    s = NUMBER.sub("", s) if NUMBER.match(s) else s
    s = re.sub(r"^\s*[-–+•*]\s*", "", s)
    s = re.sub(r"^(?:có|chịu)\s+trách\s+nhiệm\s+", "", s.strip())
    return " ".join(s.split()).strip(" .;,…/")


# ---------------------------------------------------------------- roles


def _collectives_joined(text: str, bodies: list[BodySpan]) -> list[BodySpan]:
    """A collective list closed by 'và các …' as one ('các cơ quan, đơn vị và các doanh nghiệp, hợp tác xã có
    liên quan'), as `split_body_list` keeps it (ANNOTATION.md: collectives as written)."""
    out: list[BodySpan] = []
    for b in bodies:
        prev = out[-1] if out else None
        if prev is not None and re.fullmatch(r"\s+và\s+", text[prev.end:b.start]) and closes_collective(prev.name, b.name):
            joined = text[prev.start:b.end]
            out[-1] = BodySpan(prev.start, b.end, joined, " ".join(joined.split()), True)
        else:
            out.append(b)
    return out


def supports(text: str, start: int, end: int, lead: list[str]) -> list[str]:
    """Bodies after *phối hợp (với)* in text[start:end], minus the leads."""
    out: list[str] = []
    seen = {fold(x) for x in lead}
    for m in rx("support.marker").finditer(text, start, end):
        bodies, _ = body_list_at(text, officer_title_end(text, m.end()), end)  # 'phối hợp với Giám đốc Sở ...'
        for b in _collectives_joined(text, bodies):
            if fold(b.name) not in seen:
                seen.add(fold(b.name))
                out.append(b.name)
    return out


def make(doc: Doc, start: int, end: int, lead: list[str], task: str | None = None) -> Obligation:
    text = doc.text
    while end > start and text[end - 1] in " \n\t":
        end -= 1
    task = clean_task(task if task is not None else text[start:end])
    return Obligation(task=task, lead=list(lead), support=supports(text, start, end, lead),
                      deadline=find_deadline(text[start:end]), span=[start, end], quote=text[start:end])


def enumerated_tasks(doc: Doc, start: int, end: int, lead: list[str]) -> list[Obligation]:
    """Inline tasks numbered in brackets in text[start:end] ('(1) trình …; (2) chủ trì …'), one obligation
    each, all led by `lead`."""
    text = doc.text
    marks = list(rx("lead.enumeration_mark").finditer(text, start, end))
    out = []
    for k, m in enumerate(marks):
        stop = marks[k + 1].start() if k + 1 < len(marks) else end
        out.append(make(doc, m.start(), stop, lead, text[m.end():stop].rstrip(" ;,.")))
    return out
