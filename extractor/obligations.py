"""Obligations: who must do what by when, from the implementation section, lead sentences and tables.

Sources (see rules/obligations.yaml):
- the *Tổ chức thực hiện* section: each body heading and the bullets under it;
- sentences anywhere naming a lead: *X chủ trì*, *X là cơ quan đầu mối*, *X có trách nhiệm*, *Giao X ...*;
- appendix table rows and labelled task blocks (*Cơ quan chủ trì: ...*), see extractor/appendix.py.
Support bodies come only from *phối hợp (với)*; closing formulas and the distribution list are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import structure
from .appendix import appendix_obligations, labelled_obligations
from .bodies import (
    BodySpan,
    body_list_at,
    find_bodies,
    head_of,
    is_collective,
    split_at_heads,
    split_body_list,
)
from .deadlines import find_deadline
from .document import Doc
from .record import Obligation, Section
from .rules import RuleFile, load_rules
from .vntext import fold

_NUMBER = re.compile(r"^\s*(?:Điều\s+\d+\s*[.:]|[IVXLC]+\s*[.)]|\d+(?:\.\d+)*\s*[.)]|[a-zđ]\s*[.)])\s*", re.IGNORECASE)
_MAX_BODY_WORDS = 14


@dataclass
class Block:
    """A bullet or a paragraph of running text with its offsets; `marker` is the bullet sign or None."""

    start: int
    end: int
    marker: str | None


def _rules() -> RuleFile:
    return load_rules("obligations")


def _rx(rule_id: str) -> re.Pattern[str]:
    rx = _rules().rule(rule_id).regex
    assert rx is not None
    return rx


# ---------------------------------------------------------------- text units


def _blocks(text: str, start: int, end: int) -> list[Block]:
    """Bullets and paragraphs of text[start:end]; a wrapped line (no marker, joined mid-sentence) continues."""
    bullet = _rx("item.bullet")
    out: list[Block] = []
    pos, prev_blank = start, True
    for raw in text[start:end].split("\n"):
        ls, le = pos, pos + len(raw)
        pos = le + 1
        if not raw.strip():
            prev_blank = True
            continue
        s = ls + len(raw) - len(raw.lstrip())
        e = ls + len(raw.rstrip())
        m = bullet.match(raw)
        cont = out and not m and (not prev_blank or (raw.lstrip()[:1].islower()
                                                     and text[out[-1].end - 1] not in ".:;!?"))
        if cont:
            out[-1].end = e
        else:
            out.append(Block(s, e, m.group("marker") if m else None))
        prev_blank = False
    return out


def _merge_sub_bullets(blocks: list[Block]) -> list[Block]:
    """Bullets with another sign than the first bullet's are sub-items of the bullet before them."""
    top = next((b.marker for b in blocks if b.marker), None)
    out: list[Block] = []
    for b in blocks:
        if b.marker and b.marker != top and out and out[-1].marker == top:
            out[-1].end = b.end
        else:
            out.append(b)
    return out


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of text[start:end]: a stop followed by a capital letter ends a sentence."""
    out, s = [], start
    for m in re.finditer(r"(?<!\.)[.!?](?!\.)\s+(?=\S)", text[start:end]):
        nxt = text[start + m.end()]
        if nxt.isupper() or nxt.isdigit():
            out.append((s, start + m.start() + 1))
            s = start + m.end()
    out.append((s, end))
    return out


def _clean_task(s: str) -> str:
    s = _NUMBER.sub("", s) if _NUMBER.match(s) else s
    s = re.sub(r"^\s*[-–+•*]\s*", "", s)
    s = re.sub(r"^(?:có|chịu)\s+trách\s+nhiệm\s+", "", s.strip())
    return " ".join(s.split()).strip(" .;,…")


# ---------------------------------------------------------------- roles


def _supports(text: str, start: int, end: int, lead: list[str]) -> list[str]:
    """Bodies after *phối hợp (với)* in text[start:end], minus the leads."""
    out: list[str] = []
    seen = {fold(x) for x in lead}
    for m in _rx("support.marker").finditer(text, start, end):
        bodies, _ = body_list_at(text, m.end(), end)
        for b in bodies:
            if fold(b.name) not in seen:
                seen.add(fold(b.name))
                out.append(b.name)
    return out


def _is_body_phrase(s: str) -> bool:
    """A short phrase that is only a body name or a collective (no task words)."""
    s = s.strip(" .:;")
    if not s or len(s.split()) > _MAX_BODY_WORDS:
        return False
    if _rx("support.marker").search(s) or re.search(r"\b(?:chủ trì|có trách nhiệm)\b", s, re.IGNORECASE):
        return False
    return head_of(s) is not None or is_collective(s) or s.lower().startswith(("các ", "ủy ban", "ubnd"))


def _pieces(s: str) -> list[str]:
    return [p for part in re.split(r"\s*;\s*", s.strip(" :")) for p in split_at_heads(part)]


def heading_bodies(line: str) -> tuple[list[str], str | None]:
    """The bodies a heading line names and the task written on the same line, if any.

    '2. Các Phòng: Quản lý Đô thị; Y tế' -> (['Phòng Quản lý Đô thị', 'Phòng Y tế'], None);
    'Sở Tài chính: bố trí kinh phí' -> (['Sở Tài chính'], 'bố trí kinh phí');
    'Sở Tài chính chủ trì, phối hợp ... bố trí kinh phí' -> (['Sở Tài chính'], 'chủ trì, phối hợp ...').
    """
    s = _NUMBER.sub("", line, count=1).strip()
    s = _rx("heading.request_prefix").sub("", s, count=1)
    if re.match(r"^(?:các|những)\s+\w+\s*:", s, re.IGNORECASE) and head_of(s.split()[1].rstrip(":")):
        return split_body_list(s), None
    m = _rx("lead.inline_colon").match(s)
    head_part, task = (m.group("bodies"), m.group("task")) if m else (s, None)
    pieces = _pieces(head_part)
    if pieces and all(_is_body_phrase(p) for p in pieces):
        return split_body_list(head_part), task
    bodies, stop = body_list_at(s, 0)
    mk = _rx("lead.marker").match(s, stop) if bodies else None
    if not mk:
        return [], None
    names = list(dict.fromkeys(b.name for b in bodies))
    rest = s[mk.end():].strip()
    return names, (None if not rest or rest.endswith(":") else s[mk.start("marker"):])


def _marker_len(text: str, b: Block) -> int:
    m = _rx("item.bullet").match(text[b.start:b.end])
    return m.end() if m else 0


def _doer_at(text: str, block: Block) -> list[BodySpan]:
    """Bodies opening a paragraph as its subject ('Hội Doanh nhân trẻ Thuận An phối hợp với ...')."""
    start = block.start + len(text[block.start:block.end]) - len(_NUMBER.sub("", text[block.start:block.end]))
    bodies, stop = body_list_at(text, start, block.end)
    if not bodies:
        return []
    rest = text[stop:block.end].lstrip(" ,")
    if _rx("lead.marker").match(text, stop, block.end):
        return bodies
    return bodies if rest[:1].islower() and not rest.startswith(("và ", "của ", "thuộc ", "trực thuộc ")) else []


# ---------------------------------------------------------------- implementation section


def _make(doc: Doc, start: int, end: int, lead: list[str], task: str | None = None) -> Obligation:
    text = doc.text
    while end > start and text[end - 1] in " \n\t":
        end -= 1
    task = _clean_task(task if task is not None else text[start:end])
    return Obligation(task=task, lead=list(lead), support=_supports(text, start, end, lead),
                      deadline=find_deadline(text[start:end]), span=[start, end], quote=text[start:end])


def _item_obligations(doc: Doc, item: Section, children: list[Section], lead: list[str],
                      content_start: int) -> list[Obligation]:
    """Obligations of one body heading: its bullets, or its paragraphs."""
    text = doc.text
    closing = _rx("closing.formula")
    if children:
        blocks = [Block(c.start, c.end, "-") for c in children]
        intro = _blocks(text, content_start, children[0].start)
    else:
        blocks = _merge_sub_bullets(_blocks(text, content_start, item.end))
        first = next((i for i, b in enumerate(blocks) if b.marker), len(blocks))
        intro, blocks = blocks[:first], blocks[first:]
    intro = [b for b in intro if not closing.search(text[b.start:b.end])]
    blocks = [b for b in blocks if not closing.search(text[b.start:b.end])]
    out = [_make(doc, b.start, b.end, lead) for b in intro
           if blocks and text[b.start:b.end].rstrip()[-1:] != ":"]
    if blocks:
        for b in blocks:
            doer = _doer_at(text, Block(b.start + _marker_len(text, b), b.end, None))
            out.append(_make(doc, b.start, b.end, list(dict.fromkeys(d.name for d in doer)) or lead))
        return out
    paras = intro
    if not paras:
        return []
    doers = [_doer_at(text, p) for p in paras]
    if not any(doers):
        return [_make(doc, paras[0].start, paras[-1].end, lead)]
    named = {fold(b.name) for d in doers for b in d}
    rest = [x for x in lead if fold(x) not in named] or lead
    return [_make(doc, p.start, p.end, [b.name for b in d] if d else rest) for p, d in zip(paras, doers, strict=True)]


def _loose(doc: Doc, start: int, end: int) -> tuple[list[Obligation], list[tuple[int, int]]]:
    """Body headings written as bullets ('- Sở Tài chính:' then its items) and bullets naming their doer
    before a colon ('- Sở Tài chính: bố trí kinh phí'), outside numbered body headings."""
    text = doc.text
    out, covered = [], []
    current: list[str] = []
    blocks = _blocks(text, start, end)
    for i, b in enumerate(blocks):
        raw = text[b.start:b.end]
        lead, inline = heading_bodies(re.sub(r"^\s*[-–+•*]\s*", "", raw))
        if inline and not _rx("lead.inline_colon").match(_NUMBER.sub("", re.sub(r"^\s*[-–+•*]\s*", "", raw))):
            current = []
            continue  # 'Sở X chủ trì ...; Chi cục Y là cơ quan đầu mối ...': left to the sentence reader
        bullets_follow = i + 1 < len(blocks) and blocks[i + 1].marker not in (None, b.marker)
        if lead and inline:
            out.append(_make(doc, b.start, b.end, lead, inline))
        elif lead and (raw.rstrip().endswith(":") or bullets_follow):
            current = lead
        elif current and not _rx("closing.formula").search(raw):
            out.append(_make(doc, b.start, b.end, current))
        else:
            current = []
            continue
        covered.append((b.start, b.end))
    return out, covered


def _children(sec: Section, sections: list[Section]) -> list[Section]:
    """The direct sub-headings of `sec` (levels may skip: a 'Phần III' at level 1 over '1.' at level 3)."""
    inner = [s for s in sections if sec.start <= s.start < sec.end and s.level > sec.level and s is not sec]
    return [s for s in inner if not any(c.level < s.level and c.start <= s.start < c.end for c in inner)]


def _implementation(doc: Doc, sec: Section, sections: list[Section]) -> tuple[list[Obligation], list[tuple[int, int]]]:
    """Obligations under the body headings of an implementation section, and the spans they cover."""
    text = doc.text
    out: list[Obligation] = []
    covered: list[tuple[int, int]] = []
    kids = _children(sec, sections)
    for item in kids:
        line_end = text.find("\n", item.start)
        line_end = item.end if line_end < 0 or line_end > item.end else line_end
        lead, inline = heading_bodies(text[item.start:line_end])
        grandkids = _children(item, sections)
        sub_heads = [g for g in grandkids if heading_bodies(text[g.start:text.find("\n", g.start)])[0]]
        if lead and grandkids and 2 * len(sub_heads) > len(grandkids):
            lead = []  # 'Trách nhiệm của các sở, ngành' over 'a) Sở Tài chính', 'b) Sở Xây dựng'
        if not lead:
            sub, cov = _implementation(doc, item, sections) if grandkids else _loose(doc, line_end, item.end)
            out += sub
            covered += cov
            continue
        if inline:
            istart = text.index(inline.strip()[:20], item.start)
            out.append(_make(doc, istart, line_end, lead))
        out += _item_obligations(doc, item, grandkids, lead, line_end)
        covered.append((item.start, item.end))
    if not kids:
        body_start = text.find("\n", sec.start)
        sub, cov = _loose(doc, body_start if 0 <= body_start < sec.end else sec.end, sec.end)
        out += sub
        covered += cov
    return out, covered


# ---------------------------------------------------------------- lead sentences


def _lead_list(text: str, bodies: list[BodySpan], i: int, seg_start: int) -> tuple[int, list[BodySpan]] | None:
    """The lead bodies ending with bodies[i] (followed by a lead marker), if the clause lets them lead."""
    j = i
    sub = _rules().rule("lead.preamble")
    while j > 0 and re.fullmatch(r"\s+(?:trực\s+thuộc|thuộc)\s+", text[bodies[j - 1].end:bodies[j].start]):
        j -= 1
    leads = [bodies[j]]
    while j > 0 and re.fullmatch(r"\s*(?:,|;|\s+và|,\s*và)\s+", text[bodies[j - 1].end:bodies[j].start]):
        j -= 1
        leads.insert(0, bodies[j])
    before = _NUMBER.sub("", text[seg_start:leads[0].start], count=1)
    before = re.sub(r"^\s*[-–+•*]\s*", "", before)
    if sub.regex is None or not sub.regex.search(before):
        return None
    return leads[0].start, leads


def _sentence_obligations(doc: Doc, start: int, end: int) -> list[Obligation]:
    """Obligations of sentences naming their lead (X chủ trì / là cơ quan đầu mối / có trách nhiệm)."""
    text = doc.text
    marker, closing, assign = _rx("lead.marker"), _rx("closing.formula"), _rx("lead.assign")
    out = []
    for s, e in _sentences(text, start, end):
        if closing.search(text[s:e]):
            continue
        bodies = find_bodies(text, s, e)
        hits: list[tuple[int, list[BodySpan], int]] = []
        for i, b in enumerate(bodies):
            clause_start = max([s] + [s + k.end() for k in re.finditer(r"[;]\s*", text[s:b.start])])
            m = marker.match(text, b.end, e)
            if m:
                found = _lead_list(text, bodies, i, clause_start)
                if found:
                    hits.append((found[0] if hits else s, found[1], m.start("marker")))
            elif assign.search(text, clause_start, b.start) and not any(b in h[1] for h in hits):
                listed, stop = body_list_at(text, b.start, e)
                if not marker.match(text, stop, e) and re.match(r"\s+[^\W\d]", text[stop:e]) \
                        and text[stop:e].strip()[:1].islower():
                    hits.append((b.start if hits else s, listed, stop))
        for k, (hs, leads, task_start) in enumerate(hits):
            he = hits[k + 1][0] if k + 1 < len(hits) else e
            passive = re.search(r"\(\s*$", text[s:leads[0].start])
            task = text[hs:he] if passive else text[task_start:he]
            task = re.sub(r"^(?:có|chịu)\s+trách\s+nhiệm\s+", "", task.strip())
            names = list(dict.fromkeys(b.name for b in leads))
            ob = _make(doc, hs, he, names, task)
            ob.deadline = find_deadline(text[hs:he].rstrip(" ;"))
            out.append(ob)
    return out


# ---------------------------------------------------------------- driver


def _uncovered(start: int, end: int, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, cur = [], start
    for cs, ce in sorted(covered):
        if ce <= cur or cs >= end:
            continue
        if cs > cur:
            out.append((cur, cs))
        cur = max(cur, ce)
    if cur < end:
        out.append((cur, end))
    return out


def extract_obligations(doc: Doc) -> list[Obligation]:
    """Every obligation of the document, in text order, each with its section id."""
    text = doc.text
    sections = doc.sections or structure.find_sections(text)
    impl_rx = _rx("section.implementation")
    out: list[Obligation] = []
    covered: list[tuple[int, int]] = []
    done: list[tuple[int, int]] = []
    for sec in sorted(sections, key=lambda s: (s.start, s.level)):
        if impl_rx.search(sec.title) and not any(a <= sec.start < b for a, b in done):
            obls, cov = _implementation(doc, sec, sections)
            out += obls
            covered += cov
            done.append((sec.start, sec.end))
    table_obls, table_spans = appendix_obligations(text)
    out += table_obls
    covered += table_spans
    dist = _rx("closing.distribution").search(text)
    if dist:
        after = [s.start for s in sections if s.start > dist.start() and s.level == 1]
        covered.append((dist.start(), min(after) if after else len(text)))
    free = [(blk.start, blk.end) for a, b in _uncovered(0, len(text), covered) for blk in _blocks(text, a, b)]
    labelled, lab_cov = labelled_obligations(text, free)
    out += labelled
    for s, e in free:
        if not any(a <= s < b for a, b in lab_cov):
            out += _sentence_obligations(doc, s, e)
    for ob in out:
        path = sorted((s for s in sections if s.start <= ob.span[0] < s.end), key=lambda s: s.level)
        ob.section = path[-1].id if path else None
    return sorted(out, key=lambda o: o.span[0])
