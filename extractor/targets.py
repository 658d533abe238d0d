"""Targets: numbers the text sets as aims, with comparator, unit, horizon year and indicator id.

What a target looks like in Vietnamese plans is data (`rules/targets.yaml`, `rules/indicators.yaml`);
this module applies it generically. The text is read line by line (a line is a paragraph, a
bullet or a table cell) and each line clause by clause (`;` and sentence ends). In a clause every
value rule is tried; a value survives when no exclusion covers it, it does not report a state
(in reports and news: no achieved figure either), and its unit kind's conditions hold. The horizon
year comes, in order, from a year in brackets right after the value, a horizon closing the value's
phrase or its sentence, a horizon earlier in the clause, a bracketed horizon closing the line, the
Thời gian cell of its appendix row (columns found by header), a horizon opening the run of clauses
it belongs to (not for a per-year rate), and the nearest heading that names one. A target stated
twice counts once. Text scanning, indicator wording and indicator tables live in `target_text`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from . import structure
from .document import Doc
from .indicator_tables import indicator_table_targets, table_spans, wrapped_table_targets
from .meta import sets_rules
from .record import Comparator, Target
from .rules import Rule, load_rules
from .target_text import (
    action_object,
    appendix_years,
    as_written,
    classify_indicator,
    clauses,
    excluded,
    first_match,
    group,
    indicator_before,
    last_comma,
    per_value_year,
    phrase_after,
    phrase_end,
    row_year_of,
    rule_cmp,
    rules_of,
    status_cells,
    table_targets,
    tidy_indicator,
    year_of,
)
from .vntext import as_int_if_whole, fold, parse_number

__all__ = ["classify_indicator", "extract_targets"]

_LEVEL_UP = {"district": "province", "commune": "district"}
_BULLET = re.compile(r"^\s*[-+•*–]")
_ITEM = re.compile(r"^\s*\d{1,2}\.\s")  # a numbered item of a list ('5. 100% đội ngũ …')


@dataclass
class _Value:
    """One number with its unit found in a clause (offsets relative to the clause)."""

    rule: Rule = field(repr=False)
    start: int
    end: int
    lo: float
    hi: float | None
    unit: str
    unit_start: int
    kind: str


_DIGIT = re.compile(r"\d")


def _values(clause: str) -> list[_Value]:
    """Every value rule's matches, earlier rules winning where they overlap."""
    found: list[_Value] = []
    digits = _DIGIT.search(clause) is not None  # every value rule reads digits but those reading number words
    for rule in rules_of("value"):
        words = rule.get("word_numbers") or {}  # a rank written in words ('đứng thứ hai')
        if not digits and not words:
            continue
        for m in rule.rx.finditer(clause):
            lo, hi, unit = group(m, "lo"), group(m, "hi"), group(m, "unit")
            if lo is None or unit is None or any(v.start < m.end() and m.start() < v.end for v in found):
                continue
            lo_v, hi_v = parse_number(lo) or words.get(lo.lower()), parse_number(hi) if hi else None
            total = group(m, "total")  # a share: 10/10 phường, xã
            if lo_v is None or (total is not None and lo_v > (parse_number(total) or 0)):
                continue
            kind = str(rule.get("unit_kind"))
            ustart = next(m.start(k) for k in ("unit", "unit2", "unit3") if k in m.re.groupindex and m.group(k))
            written = _unit(rule, unit, kind)
            if mult := group(m, "mult"):  # '45 - 50 triệu lượt khách': the unit as written, its multiplier first
                written, ustart = f"{mult.lower()} {written}", m.start("mult")
            found.append(_Value(rule, m.start(), m.end(), lo_v, hi_v, written, ustart, kind))
    return sorted(found, key=lambda v: v.start)


def _unit(rule: Rule, unit: str, kind: str) -> str:
    """The unit as written, spaces normalised: '% /năm' -> '%/năm', 'Doanh nghiệp' -> 'doanh nghiệp'."""
    mapped = (rule.get("unit_map") or {}).get(unit.lower())
    if mapped:
        return str(mapped)
    if kind == "percent":
        return re.sub(r"\s+", "", unit)
    return as_written(unit)


def _is_status(prefix: str) -> bool:
    """The clause reports a state (hiện nay, đã ...) and no aim word follows the status word."""
    last = None
    for rule in rules_of("status"):
        for m in rule.rx.finditer(prefix):
            last = m.end() if last is None else max(last, m.end())
    return last is not None and first_match(rules_of("aim"), prefix[last:]) is None


def _comparator(prefix: str, after: str, v: _Value) -> tuple[Comparator, int]:
    """Comparator of a value and where its words start in `prefix`."""
    if v.hi is not None or first_match(rules_of("suffix_cmp"), after):
        start = re.search(r"\btừ\s*$", prefix, re.IGNORECASE)
        return "range" if v.hi is not None else ">=", start.start() if start else len(prefix)
    hit = first_match(rules_of("comparator"), prefix)
    if hit:
        return rule_cmp(hit[0]), hit[1].start()
    return "=", len(prefix)


def _horizons(clause: str) -> list[tuple[int, int, int, str]]:
    """(start, end, year, reach) of the horizon phrases of a clause that are not titles; reach: 'run' (it may open a
    run of clauses), 'never' (its clause only), 'closing' (only the values before it: a task's date)."""
    out = []
    for rule in rules_of("horizon"):
        opens = rule.get("opens")
        if opens == "per_value":
            continue
        finder = rule.rx.finditer(clause) if opens != "clause_start" else filter(None, [rule.rx.match(clause)])
        for m in finder:
            if first_match(rules_of("not_horizon"), clause[:m.start()]):
                continue
            out.append((m.start(), m.end(), year_of(m) or 0, opens if opens in ("never", "closing") else "run"))
    return sorted(set(out))


def _heading_info(doc: Doc, offset: int) -> tuple[bool, bool, int | None]:
    """(in a goal section, in a status section, horizon year of the nearest heading naming one).
    In a report or news text a results heading holds even above a goal heading."""
    goal = status = False
    year = None
    for sec in doc.sections_at(offset):
        title = sec.title or ""
        goal = goal or bool(first_match(rules_of("goal_heading"), title))
        status = status or bool(first_match(rules_of("status_heading"), title))
        hit = first_match(rules_of("heading_horizon"), title)
        if hit:
            year = year_of(hit[1]) or year
    return goal, status and (not goal or _reporting(doc)), year


_TITLE_BLOCK = 600  # how far after 'PHỤ LỤC' an appendix's title paragraphs may run


# An appendix title's lines that are no part of its title: its label, what it is attached to, a rule under it
# ('Phụ lục II' / 'MỤC TIÊU … GIAI ĐOẠN 2026 - 2030' / '(Kèm theo Nghị quyết số …)' / '____').
_TITLE_FURNITURE = re.compile(
    r"\s*(?:(?i:phụ\s+lục)(?:\s+(?:số\s+)?[IVXLC\d]+[a-zđ]?)?\s*[.:]?|\((?i:(?:ban\s+hành\s+)?kèm\s+theo)\b.*|[\W_]*)\s*$")


def _appendix_title_horizons(doc: Doc) -> list[tuple[int, int | None]]:
    """Where each appendix starts and the horizon its title gives every row after it ('PHỤ LỤC' / 'PHÂN CÔNG THỰC
    HIỆN CÁC CHỈ TIÊU PHÁT TRIỂN KINH TẾ SỐ,' / 'XÃ HỘI SỐ ĐẾN NĂM 2030'): its title's paragraphs, each read as one
    heading line; in text order."""
    out: list[tuple[int, int | None]] = []
    for sec in sorted((sec for sec in doc.sections if structure.is_appendix(sec)), key=lambda sec: sec.start):
        block = doc.text[sec.start:sec.start + _TITLE_BLOCK].split("|", 1)[0]  # up to a pipe table's first cell
        titles = (" ".join(line for line in p.split("\n") if not _TITLE_FURNITURE.match(line)).split()
                  for p in re.split(r"\n\s*\n", block)[:4])
        hits = (first_match(rules_of("heading_horizon"), " ".join(words)) for words in titles)
        hit = next((h for h in hits if h), None)
        out.append((sec.start, year_of(hit[1]) if hit else None))
    return out


def _appendix_year(horizons: list[tuple[int, int | None]], offset: int) -> int | None:
    """The horizon of the appendix title `offset` stands under (`_appendix_title_horizons`), if any."""
    k = bisect.bisect_right([start for start, _ in horizons], offset) - 1
    return horizons[k][1] if k >= 0 else None


def _budget(doc: Doc, offset: int) -> bool:
    """Under a heading about money spent (Kinh phí thực hiện, Nguồn vốn)."""
    return any(first_match(rules_of("budget_heading"), sec.title or "") for sec in doc.sections_at(offset))


def _names_an_aim(prefix: str) -> bool:
    """The text before a value names it an aim ('cao hơn mục tiêu tăng bình quân trên 6,5%'; rules quoted_aim):
    asked only of a value in a results section or of a past year, not of every value."""
    return bool(first_match(rules_of("quoted_aim"), prefix))


def _reporting(doc: Doc) -> bool:
    """A text that reports results (báo cáo, news): achieved figures stand beside quoted aims."""
    return doc.meta.kind in ("report", "news")


def _indicator(clause: str, v: _Value, pre_start: int, cmp_start: int, prev: str | None, stop: int,
               elided: str | None = None) -> str:
    """The indicator of a value in the document's words (`stop`: where the next value starts); `elided`: the
    indicator of the clause before in the sentence, for a clause that names none ('…; đến năm 2030 đạt 2% GRDP')."""
    if stop < len(clause):
        cut = max(clause.rfind(" và ", v.end, stop), clause.rfind(",", v.end, stop))
        clause = clause[:cut] if cut > v.end else clause[:stop]
    if v.kind == "rank":
        head = clause[pre_start:v.start]
        head = indicator_before(head[last_comma(head):])
        tail = phrase_after(clause, v.end)
        return " ".join(p for p in (head, clause[v.start:v.end], tail) if p)
    if v.kind == "frequency":  # 'tổ chức diễn tập ứng cứu sự cố … ít nhất 01 lần/năm': what is done that often
        return indicator_before(clause[pre_start:cmp_start])
    if v.kind in ("count", "generic"):
        subject = _count_subject(clause[pre_start:v.start], clause[v.unit_start:v.end])
        if subject:
            return subject
        tail = re.sub(r"^\s*trở lên\b", "", clause[v.end:])
        if _measure().fullmatch(clause[v.unit_start:v.end].strip()) and not phrase_after(tail, 0):
            quantity = indicator_before(clause[pre_start:cmp_start])  # '… sản phẩm Chanh leo … đạt 3.200 tấn;',
            if len(quantity.split()) > 1:  # not '… đưa vào sử dụng trên 5.000 km đường bộ cao tốc'
                return quantity
        head = indicator_before(clause[pre_start:v.start]) if v.rule.get("needs") == "action" else ""
        return " ".join(p for p in (head, clause[v.unit_start:v.end], phrase_after(tail, 0)) if p)  # the verb's object
    before = indicator_before(clause[pre_start:cmp_start])
    said = clause[pre_start:cmp_start]
    if not before and elided and not prev and said.strip(" ,;") and not _named_before(said):
        return elided  # the sentence's subject, elided: '… chi cho R&D đạt 0,5% GRDP; đến năm 2030 đạt 2% GRDP'
    changed = _change_verb().search(before)
    obj = phrase_after(clause, v.end) if changed else ""
    if changed and obj and not _not_object().match(obj):  # 'Hoàn thành việc cắt giảm 50% thời gian giải quyết
        return f"{changed.group(1)} {obj}"  # thủ tục hành chính': what the verb changes is written after the value
    if prev and _bare_rate().fullmatch(before) and len(before.split()) > 2:  # 'tốc độ tăng bình quân' of the value
        grown = re.sub(r"(?i)^tổng\s+", "", prev)  # before it: its indicator ('… giá trị sản phẩm Nhãn …')
        return f"{before} {grown}"
    verb = before[last_comma(before):].strip(" ,")
    if verb != before and any(rule.rx.fullmatch(verb) for rule in rules_of("aim_verb")):
        return f"{verb} {phrase_after(clause, v.end)}".strip()  # '…, ký số 100% văn bản đi': the verb after the comma
    if len(before.split()) > 2:
        return before
    if before:  # a bare verb: tăng 20% số đơn đăng ký sáng chế
        return f"{before} {phrase_after(clause, v.end)}".strip()
    after = phrase_after(clause, v.end)
    if prev:  # a parallel value: its own object ('cắt giảm 50% thời gian …, 50% chi phí tuân thủ …'), else the
        return after or prev  # indicator before it ('khoảng 45% (năm 2025), trên 50% (năm 2030)')
    return after


def _named_before(prefix: str) -> bool:
    """True when the words before a value name something besides a horizon and a verb (a letter of a noun left
    once the horizon phrases and the aim words are taken out)."""
    rest = prefix
    for rule in rules_of("horizon") + rules_of("aim") + rules_of("aim_verb"):
        rest = rule.rx.sub(" ", rest) if rule.regex is not None else rest
    return bool(re.search(r"[^\W\d_]{2,}", rest))


@lru_cache(maxsize=1)
def _change_verb() -> re.Pattern[str]:
    """A verb of change closing the words before a percentage (rules/targets.yaml fragment `change_verb`)."""
    return re.compile(r"(?:^|\s)(" + load_rules("targets").fragments["change_verb"] + r")\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _measure() -> re.Pattern[str]:
    """A unit that measures an amount rather than counts things (fragment `measure_unit`)."""
    return re.compile(load_rules("targets").fragments["measure_unit"], re.IGNORECASE)


@lru_cache(maxsize=1)
def _bare_rate() -> re.Pattern[str]:
    """A growth rate that names no indicator ('tốc độ tăng bình quân', fragment `bare_rate`)."""
    return re.compile(load_rules("targets").fragments["bare_rate"], re.IGNORECASE)


@lru_cache(maxsize=1)
def _not_object() -> re.Pattern[str]:
    """Words opening what follows a percentage that is no object of its verb ('tăng 20% so với …', fragment
    `not_object`)."""
    return re.compile(r"(?:" + load_rules("targets").fragments["not_object"] + r")(?![\wÀ-ỹ])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _count_subject_stop() -> re.Pattern[str]:
    """The first word after a count's subject (rules/targets.yaml `count_subject_stops`)."""
    stops = load_rules("targets").data.get("count_subject_stops") or []
    return re.compile(r"\s(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in stops) + r")(?![\wÀ-ỹ])")


def _count_subject(before: str, unit: str) -> str | None:
    """The clause's subject when it names the counted things ('Đơn vị sự nghiệp công lập thuộc Sở Tư pháp' before
    '… tối đa không quá 03 đơn vị sự nghiệp công lập'), cut before rules/targets.yaml `count_subject_stops`."""
    head = before[before.rfind(":") + 1:].strip(" -+•*\t")
    if len(unit.split()) < 2 or not fold(head).startswith(fold(unit) + " "):
        return None
    cut = _count_subject_stop().search(head)
    subject = head[:cut.start()] if cut else ""
    return subject.strip(" ,") if len(subject.split()) > len(unit.split()) else None


@dataclass
class _State:
    """What carries from line to line: the horizon of the current run and the quoted scope."""

    run_year: int | None = None
    run_intro: int | None = None  # where the line ending in ':' that set the run's horizon starts
    goal_run: bool = False  # bullets after an intro line setting aims: 'Phấn đấu đến năm 2025, đạt các chỉ tiêu sau:'
    status_run: bool = False  # bullets after an intro line of results: 'Một số kết quả bước đầu:'
    scope: str | None = None
    rows: dict[int, int | None] = field(default_factory=dict)  # appendix task lines -> row year


@dataclass
class _Where:
    """What a clause's targets need to know about their place in the document."""

    doc: Doc
    state: _State
    line: int
    rest: str  # the line after the clause: further cells of a table row
    goal: bool  # under a goal heading
    aim_before: bool  # an aim word in an earlier clause of the paragraph
    head_year: int | None
    doc_year: int | None
    level: str
    end_year: int | None = None  # a horizon in brackets closing the line: '... (năm 2025).'
    status: bool = False  # under a results heading: in a report only an aim quoted in the clause counts
    aim_sentence: bool = False  # an aim word in an earlier clause of the same sentence (before a ';')
    elided: str | None = None  # the last indicator of the clause before in the sentence (before a ';')
    named: str | None = None  # the last indicator earlier in the paragraph: what 'con số này' stands for
    plan_year: int | None = None  # the one year of an annual plan's period: its goals' horizon when none is named


def _item_of_intro(doc: Doc, state: _State, offset: int) -> bool:
    """A numbered item (a heading at `offset`) inside the section of the line ending in ':' that set the run's horizon:
    the items of 'Điều 3. Mục tiêu' / 'Phấn đấu đến năm 2030:' / '1. Có ít nhất 300 doanh nghiệp …' share it."""
    if state.run_intro is None or not state.run_year:
        return False
    intro_section = doc.section_at(state.run_intro)
    return intro_section is not None and intro_section in doc.sections_at(offset)[:-1]


def _doc_year(doc: Doc) -> int | None:
    """The year the document starts from: the plan period's start, else the date of issue; a report
    or news text speaks from its date (what it says of an earlier year is a result)."""
    start, date = doc.meta.period.get("start") if doc.meta.period else None, doc.meta.date or ""
    issued = int(date[:4]) if date[:4].isdigit() else None
    if _reporting(doc) and issued:
        return max(issued, int(start)) if start else issued
    return int(start) if start else issued


_ANNUAL_KINDS = ("plan", "resolution", "decision")  # the kinds that set a year's aims (not letters, notices)


def _plan_year(doc: Doc) -> int | None:
    """The year of a document whose period is one year ('Kế hoạch … năm 2026', 'Nghị quyết về kế hoạch phát triển
    kinh tế - xã hội năm 2027'); None for a longer period, none, or a letter, notice or report."""
    period = doc.meta.period
    start, end = (period["start"], period["end"]) if period else (None, None)
    return int(start) if start and start == end and doc.meta.kind in _ANNUAL_KINDS else None


def extract_targets(doc: Doc) -> list[Target]:
    """Every number the text sets as an aim, with its comparator, unit, horizon year and indicator."""
    level, doc_year, plan_year = doc.meta.level or "province", _doc_year(doc), _plan_year(doc)
    quoting = doc.meta.kind in ("news", "report", "other")  # texts that quote other documents' targets
    normative = sets_rules(doc.meta.kind, doc.meta.number)
    heading_lines = {doc.line_index(s.start) for s in doc.sections}
    state = _State(rows=appendix_years(doc))
    titles = _appendix_title_horizons(doc)
    out: list[Target] = []
    seen: set[tuple[Any, ...]] = set()
    wrapped, wrapped_spans = wrapped_table_targets(doc, level)
    areas = table_spans(doc) + status_cells(doc) + wrapped_spans  # indicator tables are read cell by cell below;
    # results are no aims
    for li, line in enumerate(doc.lines):
        s = line.text
        if not s.strip() or any(a <= line.start < b for a, b in areas):
            continue
        if li in heading_lines and not _item_of_intro(doc, state, line.start):
            state.run_year, state.goal_run, state.status_run = None, False, False
        goal_sec, status_sec, head_year = _heading_info(doc, line.start)
        status_sec = status_sec or state.status_run
        head_year = head_year or _appendix_year(titles, line.start)  # no heading's horizon: its appendix title's
        found, line_year, run_before, aim_before, aim_sentence = False, None, state.run_year, False, False
        elided = named = None
        end_hit = first_match(rules_of("line_end_horizon"), s)
        end_year = year_of(end_hit[1]) if end_hit else _labelled_time_year(doc, li)
        spans = clauses(s)
        for k, (cs, ce) in enumerate(spans):
            clause = s[cs:ce]
            horizons = _horizons(clause)
            rest = s[ce - 1:] if s[ce - 1:ce] in "|\t" else s[ce:]
            last_sentence = all(s[a:b].rstrip()[-1:] == ";" for a, b in spans[k:-1])  # the line's end horizon's
            where = _Where(doc, state, li, rest, (goal_sec or state.goal_run) and not status_sec, aim_before,
                           head_year, doc_year, level, end_year if last_sentence else None, status_sec, aim_sentence,
                           elided, named, plan_year)
            has_aim = bool(first_match(rules_of("aim"), clause))
            ruled = normative and not (has_aim or where.goal)  # a decree's figures are rules, not aims
            said = [] if ruled else _clause_targets(clause, horizons, where)
            elided = said[-1].indicator if said and clause.rstrip()[-1:] == ";" else None
            named = said[-1].indicator if said else named
            for t in said:
                t.span = [line.start + cs + t.span[0], line.start + cs + t.span[1]]
                found = True
                key = (t.value, t.value_max, t.year, "%" in (t.unit or ""), fold(t.indicator))
                if key not in seen:
                    seen.add(key)
                    out.append(t)
            aim_before = aim_before or has_aim
            aim_sentence = (aim_sentence or has_aim) and clause.rstrip()[-1:] == ";"
            openers = [h for h in horizons if h[3] == "run"]
            if openers:
                line_year = state.run_year = openers[-1][2]
            anchor = quoting and first_match(rules_of("scope_anchor"), clause)
            if anchor:
                state.scope = str(anchor[0].get("scope"))
        intro_hit = first_match(rules_of("heading_horizon"), s.strip(" -+•*–"))  # 'Đến năm 2025:' as a plain line
        intro = bool(intro_hit)
        continued = s.strip()[:1].islower()  # the rest of a bullet broken by the layout
        if s.rstrip().endswith(":") and (aim_before or first_match(rules_of("goal_heading"), s)):
            state.goal_run = True
        elif not (_BULLET.match(s) or continued):
            state.goal_run = False
        if not (_BULLET.match(s) or continued):  # 'Một số kết quả bước đầu:' over the bullets it reports
            state.status_run = s.rstrip().endswith(":") and bool(first_match(rules_of("status_heading"), s))
        if not found and (intro or not (_BULLET.match(s) or continued)):
            short = intro or len(s.strip()) <= 60 or s.rstrip().endswith(":")
            stage = year_of(intro_hit[1]) if intro_hit and not found and (
                len(s.strip()) <= 80 or s.rstrip().endswith(":")) else None  # '…, phấn đấu đến ngày 31/12/2026:'
            state.run_year = (line_year or stage) if ((line_year or stage) and short) else None  # '- Giai đoạn 2025-2027'
            state.run_intro = line.start if state.run_year and s.rstrip().endswith(":") else None
        elif (_BULLET.match(s) or _ITEM.match(s)) and found:
            state.run_year = run_before  # a bullet's own horizon stays in the bullet, a numbered item's in the item
            # ('4. Trong giai đoạn 2026 - 2030 phấn đấu … 10% …' / '5. 100% đội ngũ …': no horizon for item 5)
    for t in indicator_table_targets(doc, level, doc_year) + table_targets(doc, level, doc_year) + wrapped:
        key = (t.value, t.value_max, t.year, "%" in (t.unit or ""), fold(t.indicator))
        if key not in seen:
            seen.add(key)
            out.append(t)
    for t in out:
        t.indicator = tidy_indicator(t.indicator)
    return _restated(doc, out)


_LABELLED_LINES = 6  # how far back a task's result line looks for the task's time line


def _labelled_time_year(doc: Doc, li: int) -> int | None:
    """For the result line of a task written as labelled lines ('d) Sản phẩm: …'), the year the task's own time
    line ends ('c) Thời gian thực hiện: 2025 - 2030.'), looked for among the lines above it up to the task's heading;
    None for any other line."""
    if not first_match(rules_of("labelled_result"), doc.lines[li].text):
        return None
    for k in range(li - 1, max(-1, li - 1 - _LABELLED_LINES), -1):
        text = doc.lines[k].text
        hit = first_match(rules_of("labelled_time"), text)
        if hit:
            return year_of(hit[1])
        if re.match(r"\s*\d+(?:\.\d+)*\.\s", text):
            break  # the task's heading: no time line of its own
    return None


def _restated(doc: Doc, out: list[Target]) -> list[Target]:
    """Drop a target stated again elsewhere: a repeat of an earlier one (same value, unit, year and indicator words
    but fillers, or an appendix row or indicator table row saying what its sentence says), one without a year when
    the same value, unit and indicator (the words of one phrase within the other's) come with a year, and a news
    headline's target when the body states the same value."""
    title = fold(doc.meta.title or "") if doc.meta.kind == "news" else ""

    def same(a: Target, b: Target, loose: bool) -> bool:
        if (a.value, a.value_max, "%" in (a.unit or "")) != (b.value, b.value_max, "%" in (b.unit or "")):
            return False
        if loose:
            return True
        if a.unit != b.unit or (a.indicator_id and b.indicator_id and a.indicator_id != b.indicator_id):
            return False
        wa, wb = _content_words(a.indicator), _content_words(b.indicator)
        return wa == wb or (len(wa & wb) >= 3 and (wa <= wb or wb <= wa))  # one phrase says more of the other

    def headline(t: Target) -> bool:
        return bool(title) and fold(t.quote).strip(" .") in title

    tables = table_spans(doc)  # an indicator table under the goals restates them as an appendix does
    restating = [any(structure.is_appendix(sec) for sec in doc.sections_at(t.span[0]))
                 or any(a <= t.span[0] < b for a, b in tables) for t in out]

    return [t for i, t in enumerate(out) if not any(
        u is not t and ((t.year is None and u.year is not None and same(t, u, False))
                        or (t.year == u.year and j < i and same(t, u, True)
                            and ((t.unit == u.unit and _content_words(t.indicator) == _content_words(u.indicator))
                                 or (restating[i] and not restating[j] and _restates(t, u))))
                        or (headline(t) and not headline(u) and same(t, u, True)))
        for j, u in enumerate(out))]


def _restates(a: Target, b: Target, least: int = 5, share: float = 0.8) -> bool:
    """One target's sentence says the other's in other order or with more (asked of an appendix row restating a
    goal of the body: 'Tỉ lệ thông tin, giấy tờ … chỉ cung cấp một lần. % 100%' after '100% thông tin, giấy tờ … chỉ
    cung cấp một lần'; 'Tốc độ tăng năng suất lao động bình quân của doanh nghiệp …  %/năm  5 - 6' after 'Năng suất
    lao động của các doanh nghiệp … tăng bình quân từ 5% đến 6%/năm'): of the content words of the shorter quote, at
    least `least`, a `share` in the longer (the row's own unit column and the indicator's name may differ)."""
    wa, wb = (_quote_words(f"{t.quote} {t.indicator}") for t in (a, b))  # its indicator, if its subject was elided
    small, large = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return len(small) >= least and len(small & large) >= share * len(small)


def _quote_words(quote: str) -> set[str]:
    return {w for w in _content_words(re.sub(r"[^\w\s]", " ", quote)) if not any(c.isdigit() for c in w)}


def _content_words(phrase: str) -> set[str]:
    """The folded words of an indicator phrase but fillers (các, số, về ...), without the punctuation after them
    ('đại học, cao đẳng' holds 'hoc')."""
    return set(re.findall(r"\w+", fold(phrase))) - set(load_rules("targets").data.get("restate_ignore") or [])


def _has_signal(v: _Value, prefix: str, cmp_start: int, goal: bool, cmp: str, task_cell: bool = False) -> bool:
    """A value needing a signal has one: a comparator, goal context, an aim verb, or it opens the clause.
    In the task cell of a task table the aim verb may stand before a comma: 'Chủ trì xây dựng cơ sở dữ
    liệu quốc gia về y tế, 12 CSDL chuyên ngành' (the cell is a task and lists what it makes)."""
    if v.rule.get("needs") != "signal" or goal or cmp_start < len(prefix) or cmp == ">=":
        return True
    if v.kind == "percent" and not prefix.strip(" \t-+•*–"):  # '- 100% hồ sơ ...'
        return True
    return bool(first_match(rules_of("aim_verb"), prefix if task_cell else prefix[last_comma(prefix):]))


@lru_cache(maxsize=1)
def _qualifying() -> dict[str, re.Pattern[str]]:
    """The qualifier rules of rules/targets.yaml by id (matched on the words between two values)."""
    return {r.id: r.rx for r in rules_of("qualifier")}


def _qualifier(clause: str, values: list[_Value], k: int) -> bool:
    """Whether values[k] only qualifies the value before it (part of its indicator, no target of its own): a count
    the noun after a percentage has (100% doanh nghiệp có từ 50 lao động trở lên, no verb or list between) or uses
    (100% cơ quan, tổ chức sử dụng ít nhất 01 ứng dụng AI); the amount each counted thing must reach."""
    v, p = values[k], values[k - 1] if k else None
    between = clause[p.end:v.start] if p else ""
    if p is None or re.search(r"[;:\d]", between):
        return False
    qualifying = _qualifying()
    if p.kind in ("count", "generic") and v.kind == "money":
        return bool(qualifying["qualifier.amount_each"].search(between))
    if p.kind != "percent" or v.kind not in ("count", "generic") or excluded(clause, p.start, p.kind):
        return False
    if qualifying["qualifier.uses"].search(between):  # its subject may be a list: no comma check
        return True
    return "," not in between and not first_match(rules_of("aim_verb"), between) and bool(
        qualifying["qualifier.has"].search(between))


_LEAD_WORDS = 3  # how many words (a verb, a comparator) may stand between a horizon and the value it leads


def _leads(between: str) -> bool:
    """True when a horizon right before a value leads it: a few words and no break between ('năm 2026 đạt trên'
    before '6,5%'), so a horizon after the value ('… và bình quân giai đoạn 2026 - 2030 đạt …') is another's."""
    return not re.search(r"[,;:.]", between) and len(between.split()) <= _LEAD_WORDS


def _clause_targets(clause: str, horizons: list[tuple[int, int, int, str]], where: _Where) -> list[Target]:
    """The targets of one clause; spans are relative to the clause, quote is the trimmed clause."""
    q0 = len(clause) - len(clause.lstrip(" \t-+•*–"))
    q1 = len(clause.rstrip(" \t|"))
    out: list[Target] = []
    prev_end, prev_ind = 0, None
    row_year: int | None | bool = False
    values = _values(clause)
    for k, v in enumerate(values):
        prefix, after = clause[:v.start], clause[v.end:]
        own_aim = bool(first_match(rules_of("aim"), prefix))
        goal = where.goal or where.aim_before or own_aim
        reporting = _reporting(where.doc)
        if where.status and not (reporting and own_aim or horizons and _names_an_aim(prefix)):
            continue  # results sections: only a report quoting an aim (Kế hoạch đặt mục tiêu đến năm 2025 …), or an
            # aim quoted by name with its horizon ('… mục tiêu … trên 6,5%/năm giai đoạn 2021 - 2025 …')
        striven = where.goal or bool(first_match(rules_of("strive"), prefix))  # 'phấn đấu … đạt trên 95% kế hoạch'
        if excluded(clause, v.start, v.kind, striven) or (v.rule.get("needs") == "goal" and not goal) or _qualifier(clause, values, k) or \
                (v.rule.get("needs") == "action" and not action_object(clause, v.start, v.end)) or \
                (v.rule.get("needs") == "shortening" and not first_match(rules_of("shortening"), prefix)):
            continue
        bare = prefix  # 'từ 15% hiện nay lên 25%': the state word belongs to the baseline, not to this value
        for m in (m for rule in rules_of("baseline") for m in rule.rx.finditer(clause) if m.end() <= v.start):
            bare = bare[:m.start()] + " " * (m.end() - m.start()) + bare[m.end():]
        if _is_status(bare) or first_match(rules_of("status_after"), after) and not first_match(
                rules_of("kept_aim"), prefix):  # also in goal sections; 'duy trì 42 chuỗi đã được xác nhận' is kept
            continue
        cmp, cmp_start = _comparator(prefix, after, v)
        if reporting and not (own_aim or where.aim_sentence) and cmp not in (">=", "range") and \
                first_match(rules_of("achieved_after"), after):
            continue  # 'hơn 600 doanh nghiệp được hỗ trợ' in a report: a result (a minimum or a range is an aim)
        listed = bool(out) and out[-1].unit == v.unit and not re.search(r"[;:]", clause[prev_end:v.start])
        if not listed and not _has_signal(v, prefix, cmp_start, goal, cmp, where.line in where.state.rows):
            continue  # a value listed after an aim in the same unit shares its signal ('cắt giảm 50% A, 50% B')
        year, pv_len = per_value_year(after)
        if year is None:
            closing = [h for h in horizons if h[0] >= v.end and (
                not re.search(r"[,;]", clause[v.end:h[0]]) or not clause[h[1]:].strip(" .;:,)]…"))]
            opening = [h for h in horizons if h[1] <= v.start and h[3] != "closing"]  # a period mid-clause too
            leading = [h for h in opening if _leads(clause[h[1]:v.start])]  # 'năm 2026 đạt trên 6,5% và …'
            adjacent = [h for h in closing if not clause[v.end:h[0]].strip()]  # '… 7%/năm giai đoạn 2021 - 2025 và
            # trên 7,5%/năm giai đoạn 2026 - 2030': the period right after a value is its own
            year = adjacent[0][2] if adjacent else leading[-1][2] if leading else closing[0][2] if closing else \
                opening[-1][2] if opening else where.end_year
        if year is None:
            if row_year is False:
                rows = where.state.rows
                row_year = rows[where.line] if where.line in rows else \
                    row_year_of(where.doc, where.line, after + where.rest)
            recurring = v.kind != "percent" and first_match(rules_of("recurring"), clause)
            run = None if recurring else where.state.run_year  # 'hằng năm tổ chức 2 lớp': a rate, no horizon
            year = row_year or run or where.head_year or (where.plan_year if where.goal and not recurring else None)
        if where.doc_year and year and year < where.doc_year and not _names_an_aim(prefix):
            continue  # a result already reached (or a baseline), not an aim; an old aim quoted by name is one
        if reporting and year is None and not (goal or cmp == ">=" or first_match(rules_of("aim"), clause)):
            continue  # a report or news sentence with no aim word and no horizon tells what was done
        stop = values[k + 1].start if k + 1 < len(values) else len(clause)
        indicator = _indicator(bare + clause[v.start:], v, prev_end, min(cmp_start, v.start), prev_ind, stop,
                               where.elided if v.kind == "percent" else None)
        if where.named and first_match(rules_of("anaphor"), clause[prev_end:v.start]):
            indicator = where.named  # 'đến năm 2030 con số này là 30 doanh nghiệp': the indicator named before
        if v.kind == "money" and (not indicator or _budget(where.doc, where.doc.lines[where.line].start)):
            continue  # an amount of money with nothing measured, or under a budget heading: a means
        context = clause[:v.end] if v.kind == "rank" else clause[prev_end:v.end]
        scope = where.state.scope or where.level
        if not where.state.scope and where.level in _LEVEL_UP and first_match(rules_of("contribution"), prefix):
            scope = _LEVEL_UP[where.level]
        out.append(Target(indicator, classify_indicator(indicator, v.kind, context), cmp, as_int_if_whole(v.lo),
                          None if v.hi is None else as_int_if_whole(v.hi), v.unit, year, scope, [q0, q1],
                          clause[q0:q1]))
        end = v.end + pv_len
        obj = phrase_after(clause, v.end)
        if v.kind in ("count", "generic", "rank") or (obj and indicator.endswith(obj) and indicator != obj):
            end = max(end, phrase_end(clause, v.end))  # the object after the value its verb changes is its own
        prev_end, prev_ind = end, indicator
    return out
