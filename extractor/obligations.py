"""Obligations: who must do what by when, from the implementation section, lead sentences and tables.

Sources (see rules/obligations.yaml):
- the *Tổ chức thực hiện* section: each body heading and the bullets under it, see extractor/implementation.py;
  read the same way: a directive's numbered items after '... Chủ tịch UBND tỉnh chỉ thị:', a decision's
  'Điều 2. Giao Sở ... :' with its items, and a decree's 'Điều 19. Thẩm quyền và trách nhiệm của Bộ ...'
  with its clauses;
- sentences anywhere naming a lead: *X chủ trì*, *X là cơ quan đầu mối*, *X có trách nhiệm*, *Giao X ...*;
- appendix table rows and labelled task blocks (*Cơ quan chủ trì: ...*), see extractor/appendix.py.
Support bodies come only from *phối hợp (với)*; closing formulas and the distribution list are skipped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cache
from itertools import accumulate

from . import structure
from .appendix import appendix_obligations, find_tables, labelled_obligations, model_table_obligations
from .bodies import (
    enterprise_family,
    head_of,
    initials_key,
    list_heading_task,
    officer_title_end,
    split_body_list,
    trimmed_names,
)
from .body_spans import BodySpan, body_list_at, find_bodies
from .deadlines import find_deadline
from .document import Doc
from .grouped_tables import grouped_obligations
from .implementation import (
    directive_items,
    duty_appendix_obligations,
    heading_bodies,
    implementation_obligations,
    proposers_doer,
)
from .meta import is_normative
from .obligation_units import NUMBER, enumerated_tasks, make, rules, rx, sentences, text_blocks
from .record import Deadline, Obligation, Section

__all__ = ["extract_obligations", "heading_bodies"]


# ---------------------------------------------------------------- lead sentences


def _lead_list(text: str, bodies: list[BodySpan], i: int, seg_start: int) -> tuple[int, list[BodySpan]] | None:
    """The lead bodies ending with bodies[i] (followed by a lead marker), if the clause lets them lead."""
    j = i
    sub = rules().rule("lead.preamble")
    while j > 0 and re.fullmatch(r"\s+(?:trực\s+thuộc|thuộc)\s+", text[bodies[j - 1].end:bodies[j].start]):
        j -= 1
    leads = [bodies[j]]
    while j > 0 and re.fullmatch(r"\s*(?:,|;|\s+và|,\s*và)\s+", text[bodies[j - 1].end:bodies[j].start]):
        j -= 1
        leads.insert(0, bodies[j])
    before = NUMBER.sub("", text[seg_start:leads[0].start], count=1)
    before = re.sub(r"^\s*[-–+•*]\s*", "", before)
    if sub.regex is None or not sub.regex.search(before):
        return None
    return leads[0].start, leads


_LIST_LEAD = re.compile(r"(?<![\wÀ-ỹ])(?:[Cc]ác|[Nn]hững)\s+(\w+)(?:\s*,\s*\w+){0,3}\s*:\s*")


def _list_leads(text: str, s: int, e: int) -> list[tuple[int, list[BodySpan], int]]:
    """Distributed lists that lead in a sentence: 'Điều 2. Các sở: Tài chính, Kế hoạch và Đầu tư có trách
    nhiệm ...' -> one lead per sở, with the offset of the lead marker."""
    out = []
    for lm in _LIST_LEAD.finditer(text, s, e):
        cut = list_heading_task(text[lm.start():e]) if head_of(lm.group(1)) else None
        mk = rx("lead.marker").match(text, lm.start() + cut, e) if cut else None
        clause_start = max([s] + [s + k.end() for k in re.finditer(r"[;]\s*", text[s:lm.start()])])
        before = re.sub(r"^\s*[-–+•*]\s*", "", NUMBER.sub("", text[clause_start:lm.start()], count=1))
        pre = rules().rule("lead.preamble").regex
        if mk and cut and pre is not None and pre.search(before):
            raw = text[lm.start():lm.start() + cut]
            out.append((lm.start(), [BodySpan(lm.start(), lm.start() + cut, raw, n)
                                     for n in split_body_list(raw)], mk.start("marker")))
    return out


def _proposers_before(text: str, b: BodySpan, brk: int, e: int) -> int | None:
    """Where an adverbial naming the proposers starts when `b` is the doer after it, the adverbial opening its
    clause or following a comma ('… chi thường xuyên, trên cơ sở đề xuất của Bộ Khoa học và Công nghệ, Bộ Tài
    chính tổng hợp, trình …'); the clause, adverbial included, is the doer's task."""
    for c in re.finditer(r"(?:^|,)\s*", text[brk:b.start]):
        doer = proposers_doer(text[brk + c.end():e])
        if doer is not None and brk + c.end() + doer == b.start:
            return brk + c.end()
    return None


def _subject_hit(text: str, b: BodySpan, s: int, e: int) -> tuple[int, list[BodySpan], int] | None:
    """A clause whose subject is the doer: 'Thanh tra Chính phủ ban hành trước ngày …', '(2) Bộ Công an chủ
    trì …'. The body opens its clause (after ';', ':' or an enumeration mark) and a task word follows it."""
    brk = max([s] + [s + k.end() for k in re.finditer(r"[;:]\s*", text[s:b.start])])
    opens = rx("lead.subject_opening").match(text[brk:b.start]) is not None
    opening = None if opens else _proposers_before(text, b, brk, e)
    if not opens and opening is None:
        return None
    listed, stop = body_list_at(text, b.start, e)
    gap = re.match(r"\s*[,:]?\s+", text[stop:e])  # 'Các bộ, ngành, khẩn trương ...', 'Bộ Xây dựng: Khẩn trương ...'
    if not listed or gap is None:
        return None
    verb_at = stop + gap.end()
    task = text[verb_at:e]
    if ":" in gap.group(0):
        task = task[:1].lower() + task[1:]
    if not rx("lead.subject_verb").match(task):
        return None
    return (b.start, listed, stop) if opening is None else (opening, listed, opening)


def _described_hit(text: str, s: int, e: int) -> tuple[int, list[BodySpan], int] | None:
    """A clause opening with a class of doers described by what they do ('Cơ quan, tổ chức, cá nhân hưởng
    chính sách ưu đãi có trách nhiệm ...'): the whole phrase leads. None when a body list the usual readers
    know runs up to the marker ('Các sở, ngành liên quan có trách nhiệm'). The clause opens the sentence or
    follows its colon ('d) Cấp thẻ … thực hiện như sau: Trước 30 ngày, …, đơn vị cấp sư đoàn … có trách nhiệm')."""
    for start in [s] + [s + c.end() for c in re.finditer(r":\s+", text[s:e])]:
        if hit := _described_clause(text, start, e):
            return hit
    return None


def _described_clause(text: str, s: int, e: int) -> tuple[int, list[BodySpan], int] | None:
    """`_described_hit` for the clause opening at `s`."""
    described = rx("lead.described_subject")
    m = described.match(text, s, e)
    if not m and rx("lead.described_opener").match(text, s, e):
        marker = re.search(rules().fragments["duty"], text[s:e])
        stop = s + marker.start() if marker else s
        m = next((k for c in re.finditer(r",\s*", text[s:stop]) if (k := described.match(text, s + c.end(), e))), None)
    if not m:
        return None
    listed, stop = body_list_at(text, m.start("body"), e)
    if listed and (not text[stop:m.start("marker")].strip()
                   or rx("lead.subject_verb").match(text[stop:m.start("marker")].lstrip())):
        return None  # 'Các sở, ngành liên quan có trách nhiệm'; 'Các đơn vị … thực hiện …, … phải': a clause of its own
    raw = m.group("body")
    return m.start("body"), [BodySpan(m.start("body"), m.end("body"), raw, raw.strip(), True)], m.start("marker")


def _enumerated(doc: Doc, s: int, e: int) -> list[Obligation]:
    """'a) Bộ Khoa học và Công nghệ: (1) trình …; (2) chủ trì …': one obligation per bracketed number, led by
    the body list opening the block."""
    text = doc.text
    opening = re.match(r"\s*(?:[a-zđ]\)|\d{1,2}(?:\.\d{1,2})*[.)]|[-–+•])?\s*", text[s:e])
    at = s + (opening.end() if opening else 0)
    listed, stop = body_list_at(text, at, e)
    if not listed or not rx("lead.enumerated").match(text, stop, e):
        return []
    return enumerated_tasks(doc, stop, e, list(dict.fromkeys(b.name for b in listed)))


def _members(text: str, listed: list[BodySpan], stop: int, end: int) -> list[BodySpan]:
    """The bodies a collective assigned to is made of, listed after its 'gồm:' ('Giao các cơ sở đào tạo trọng
    điểm gồm: Đại học Bách Khoa Hà Nội, Trường Đại học Đà Lạt, … thực hiện …'); none for any other collective."""
    if not listed or not all(b.collective for b in listed):
        return []
    m = rx("lead.members").match(text, stop, end)
    return body_list_at(text, m.end(), end)[0] if m else []


def _in_support_list(text: str, body: BodySpan, s: int) -> bool:
    """True when `body` goes on the list after the sentence's *phối hợp với* ('… phối hợp với các Sở, ban,
    ngành của tỉnh; Ủy ban nhân dân các xã, phường; các cơ quan … triển khai'): a body of the support list
    across its semicolons, no subject of its own."""
    marks = list(rx("support.marker").finditer(text, s, body.start))
    if not marks:
        return False
    listed, stop = body_list_at(text, officer_title_end(text, marks[-1].end()), body.end)
    return stop >= body.end and any(b.start == body.start for b in listed)


def _sentence_obligations(doc: Doc, start: int, end: int, assign: bool = True,
                          subject: bool = False) -> list[Obligation]:
    """Obligations of sentences naming their lead (X chủ trì / là cơ quan đầu mối / có trách nhiệm);
    with `assign`, also those assigning a doer without a marker ('Giao Sở X tổ chức ...'); with `subject`,
    also clauses whose subject is the doer (the task sections of directives, notices, resolutions)."""
    text = doc.text
    marker, closing, assigning = rx("lead.marker"), rx("closing.formula"), rx("lead.assign")
    delegated = rx("lead.delegated")
    out: list[Obligation] = []
    before: list[Obligation] = []  # the obligations of the sentence before
    for s, e in sentences(text, start, end):
        if closing.search(text[s:e]):
            before = []
            continue
        if before and rx("sentence.time_only").match(text[s:e]) and (due := find_deadline(text[s:e])):
            _give_time(doc, before[-1], e, due)  # '… Thời gian hoàn thành trong tháng 12 năm 2025.'
            before = []
            continue
        made = len(out)
        hits = _list_leads(text, s, e)
        described = _described_hit(text, s, e)
        if described and not any(h[0] <= described[0] < h[2] for h in hits):
            hits.append(described)
        bodies = [b for b in find_bodies(text, s, e) if not any(h[1][0].start <= b.start < h[1][-1].end for h in hits)]
        for i, b in enumerate(bodies):
            clause_start = max([s] + [s + k.end() for k in re.finditer(r"[;]\s*", text[s:b.start])])
            if delegated.search(text, clause_start, b.start):
                continue  # what a cited provision delegated ('Khoản 3 Điều 31 giao Bộ … quy định …')
            m = marker.match(text, b.end, e)
            if m:
                found = _lead_list(text, bodies, i, clause_start)
                if found:
                    hits.append((found[0], found[1], m.start("marker")))
            elif assign and assigning.search(text, clause_start, b.start) and not any(b in h[1] for h in hits):
                listed, stop = body_list_at(text, b.start, e)
                if members := _members(text, listed, stop, e):
                    hits.append((b.start, members, clause_start))  # the sentence names whom it assigns
                elif not marker.match(text, stop, e) and re.match(r"\s+[^\W\d]", text[stop:e]) \
                        and text[stop:e].strip()[:1].islower():
                    hits.append((b.start, listed, stop))
            elif subject and not any(h[1][0].start <= b.start < h[2] for h in hits) \
                    and not _in_support_list(text, b, s) and (hit := _subject_hit(text, b, s, e)):
                hits.append(hit)
        hits = [(s if k == 0 else h[0], h[1], h[2]) for k, h in enumerate(sorted(hits, key=lambda h: h[0]))]
        opening = find_deadline(text[s:hits[0][1][0].start]) if hits else None  # 'Hằng năm, X …, Y …; Z …': a
        # time opening the sentence holds for each doer's clause
        for k, (hs, leads, task_start) in enumerate(hits):
            he = hits[k + 1][0] if k + 1 < len(hits) else e
            passive = re.search(r"\(\s*$", text[s:leads[0].start])
            task = text[hs:he] if passive else text[task_start:he]
            task = re.sub(rf"^(?:{rules().fragments['duty']})\s+", "", task.strip().lstrip(",: "))
            task = re.sub(r"[;,]?\s*\(\s*\w{1,3}\s*\)\s*$", "", task)  # the next clause's '(2)' mark
            names = list(dict.fromkeys(b.name for b in leads))
            ob = make(doc, hs, he, names, task)
            ob.deadline = find_deadline(text[hs:he].rstrip(" ;")) or opening
            out.append(ob)
        before = out[made:]
    return out


def _give_time(doc: Doc, ob: Obligation, end: int, due: Deadline) -> None:
    """The sentence that only says when `ob` is due, up to `end`, ends its quote and gives its deadline (unless
    its own sentence named one)."""
    end = len(doc.text[:end].rstrip())
    if ob.deadline is None and end > ob.span[1]:
        ob.deadline = due
        ob.span = [ob.span[0], end]
        ob.quote = doc.text[ob.span[0]:end]


@cache
def _only_duty() -> re.Pattern[str]:
    """A task that is only the duty words and a colon ('có trách nhiệm:')."""
    return re.compile(rf"^(?:{rules().fragments['duty']})?\s*:?\s*$")


def _lead_in_clauses(doc: Doc, obls: list[Obligation], sections: list[Section]) -> list[Obligation]:
    """'Các bộ, cơ quan ngang bộ, … có trách nhiệm:' then '1. Cung cấp …', '2. Định kỳ …': a sentence naming
    its doers whose task is only its colon gives them to each clause numbered under it in its section."""
    out = []
    for ob in obls:
        if not (_only_duty().match(ob.task) and ob.quote.rstrip().endswith(":")):
            out.append(ob)
            continue
        inside = [sec for sec in sections if sec.start <= ob.span[0] < sec.end]
        end = min((sec.end for sec in inside), default=len(doc.text))
        below = [sec for sec in sections if ob.span[1] <= sec.start < end]
        top = min((sec.level for sec in below), default=0)
        clauses = [sec for sec in below if sec.level == top]
        if not clauses:
            out.append(ob)
            continue
        for sec in clauses:
            clause = make(doc, sec.start, sec.end, ob.lead)
            clause.support = clause.support or list(ob.support)
            out.append(clause)
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


def _covered_by(intervals: list[tuple[int, int]]) -> Callable[[int], bool]:
    """A test `pos -> any(a <= pos < b for a, b in intervals)` in O(log n) (starts sorted, running max end)."""
    ordered = sorted(intervals)
    starts = [a for a, _ in ordered]
    reach = list(accumulate((b for _, b in ordered), max))

    def covered(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos)
        return k > 0 and reach[k - 1] > pos

    return covered


_PLANS = ("plan", "decision")  # the kinds whose tasks section describes tasks rather than assigning them


def extract_obligations(doc: Doc) -> list[Obligation]:
    """Every obligation of the document, in text order, each with its section id."""
    text = doc.text
    sections = doc.sections or structure.find_sections(text)
    impl_rx = rx("section.implementation")
    out: list[Obligation] = []
    covered: list[tuple[int, int]] = []
    done: list[tuple[int, int]] = []
    appendix_obls, appendix_cov = duty_appendix_obligations(doc, sections)  # 'Phụ lục I: NHIỆM VỤ CỦA CÁC BỘ …'
    out += appendix_obls
    covered += appendix_cov
    done += appendix_cov
    for sec in sorted(sections, key=lambda s: (s.start, s.level)):
        if impl_rx.search(sec.title) and not any(a <= sec.start < b for a, b in done):
            obls, cov = implementation_obligations(doc, sec, sections)
            out += obls
            covered += cov
            done.append((sec.start, sec.end))
    for sec in sorted(sections, key=lambda s: (s.start, s.level)):  # 'II. NHIỆM VỤ, GIẢI PHÁP': 'a) Bộ Nội vụ' + bullets
        if rx("section.tasks").search(sec.title) and not any(a <= sec.start < b for a, b in done):
            obls, cov = implementation_obligations(doc, sec, sections, headed_only=True)
            out += obls
            covered += cov
            done.append((sec.start, sec.end))
    directive = directive_items(doc, sections)
    if directive:  # a directive's items before its own '5. Tổ chức thực hiện' item
        items = directive.section
        items.end = min([a for a, _ in done if items.start <= a < items.end], default=items.end)
        if not any(a <= items.start < b for a, b in done):
            obls, cov = implementation_obligations(doc, items, sections, addressees=directive.addressees)
            out += obls
            covered += cov
    virtual: list[Section] = []
    for sec in sections:  # 'Điều 2. Giao Sở Khoa học và Công nghệ chủ trì, phối hợp ...:' then its items,
        # 'Điều 19. Thẩm quyền và trách nhiệm của Bộ trưởng Bộ Nội vụ' then its clauses
        line = text[sec.start:text.find("\n", sec.start) if "\n" in text[sec.start:sec.end] else sec.end]
        article = rx("section.assign_article").match(line) or rx("section.duty_article").match(line)
        if article and not any(a <= sec.start < b for a, b in done):
            virtual.append(Section("assign", None, "", sec.level - 1, sec.start, sec.end))
    for parent in filter(None, virtual):
        obls, cov = implementation_obligations(doc, parent, sections)
        out += obls
        covered += cov
    model_obls, model_spans = model_table_obligations(text, doc.tables)
    tables = [t for t in find_tables(text) if not any(a <= t.header_start < b for a, b in model_spans)]
    table_obls, table_spans = appendix_obligations(text, tables)
    grouped_obls, grouped_spans = grouped_obligations(text, tables)
    in_table = _covered_by(model_spans + table_spans + grouped_spans)
    out = [ob for ob in out if not in_table(ob.span[0])]  # a table under a body heading: its rows, not its lines
    out += model_obls + table_obls + grouped_obls
    covered += model_spans + table_spans + grouped_spans
    dist = rx("closing.distribution").search(text)
    if dist:
        after = [s.start for s in sections if s.start > dist.start() and s.level == 1]
        covered.append((dist.start(), min(after) if after else len(text)))
    free = [(blk.start, blk.end) for a, b in _uncovered(0, len(text), covered) for blk in text_blocks(text, a, b)]
    labelled, lab_cov = labelled_obligations(text, free)
    out += labelled
    aims = [(sec.start, sec.end) for sec in sections if rx("section.objectives").search(sec.title)]
    narrative = [(sec.start, sec.end) for sec in sections if rx("section.narrative").search(sec.title)]
    body_start = min((sec.start for sec in sections), default=len(text))
    subject = doc.meta.kind not in ("news", "report") and not is_normative(doc.meta.kind)
    # a decree's 'X thực hiện …' states a rule; only 'X chủ trì / có trách nhiệm' there names a duty
    # a plan's tasks section states what is to be done, its doers named only where a marker leads ('Cục Công nghiệp
    # chủ trì …'); a notice's conclusions there assign each clause to its subject ('(1) Thanh tra Chính phủ ban hành …')
    tasks = [(sec.start, sec.end) for sec in sections if rx("section.tasks").search(sec.title)] \
        if doc.meta.kind in _PLANS else []
    in_labelled, in_aims, in_narrative = _covered_by(lab_cov), _covered_by(aims), _covered_by(narrative + tasks)
    for s, e in free:
        enumerated = _enumerated(doc, s, e)
        if enumerated:
            out += enumerated
            continue
        if not in_labelled(s):
            out += _sentence_obligations(doc, s, e, assign=not in_aims(s),
                                         subject=subject and s >= body_start and not in_narrative(s))
    out = _lead_in_clauses(doc, out, sections)
    out = [ob for ob in out if any(c.isalpha() for c in ob.task)]  # a bullet with no letters is no task
    for ob in out:
        ob.lead, ob.support = enterprise_family(trimmed_names(ob.lead)), enterprise_family(trimmed_names(ob.support))
    _names_the_text_spells(text, out)
    out = _times_given_back(doc, sorted(out, key=lambda o: o.span[0]))
    index = doc if sections is doc.sections else Doc(text, sections)
    for ob in out:
        path = index.sections_at(ob.span[0])
        ob.section = path[-1].id if path else None
    return out


def _names_the_text_spells(text: str, obls: list[Obligation]) -> None:
    """A name expanded from an abbreviation that the text never writes, where the text spells out one body of the
    same head, locality and initials, is that body: 'Trung tâm VH-TT huyện' in a table read as the district office's
    'Văn hóa và Thông tin' is the 'Trung tâm Văn hóa - Truyền thông huyện' the text names in full."""
    flat = " ".join(text.split()).lower()
    names = {n for ob in obls for n in ob.lead + ob.support}
    spelled = {n: initials_key(n) for n in names if " ".join(n.split()).lower() in flat}
    fixes = {}
    for name in names:
        if name in spelled or (key := initials_key(name)) is None:
            continue
        same = [n for n, k in spelled.items() if k == key]
        if len(same) == 1:
            fixes[name] = same[0]
    if fixes:
        for ob in obls:
            ob.lead = list(dict.fromkeys(fixes.get(n, n) for n in ob.lead))
            ob.support = list(dict.fromkeys(fixes.get(n, n) for n in ob.support))


_TIME_PARAGRAPH_CHARS = 160  # a paragraph that only says when is one short sentence


def _times_given_back(doc: Doc, obls: list[Obligation]) -> list[Obligation]:
    """A paragraph of its own that only says when the task before it is due ('- Trên cơ sở dữ liệu đất đai …, Ủy
    ban nhân dân các phường … rà soát …' / 'Thời gian hoàn thành trước ngày 31 tháng 12 năm 2025.', a Word file's
    or a PDF's paragraph; `sentence.time_only`) is no task: its time dates the obligation before it, same lead."""
    out: list[Obligation] = []
    for ob in obls:
        prev = out[-1] if out else None
        quote = doc.text[ob.span[0]:ob.span[1]]
        due = find_deadline(quote) if len(quote) <= _TIME_PARAGRAPH_CHARS and rx("sentence.time_only").match(
            quote) else None
        if prev is not None and due is not None and prev.lead == ob.lead and prev.span[1] <= ob.span[0] \
                and not doc.text[prev.span[1]:ob.span[0]].strip(" \n.;"):
            _give_time(doc, prev, ob.span[1], due)
            continue
        out.append(ob)
    return out
