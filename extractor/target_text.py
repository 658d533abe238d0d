"""Text helpers for targets: rule access, bracket-aware scanning, indicator wording and ids, the
Thời gian of a task row (appendix tables parsed by `appendix`, |-rows, labelled task blocks) and
the reading of indicator tables (STT | Chỉ tiêu | ĐVT | Năm 2025 ...), row by row.

`rules/targets.yaml` rules are grouped by `kind`; `rules/indicators.yaml` maps indicator phrases
(folded: no diacritics) to canonical ids. Scanners work on one line of text and skip what is
inside brackets, so "(tập đoàn, tổng công ty...)" never ends a phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import get_args

from .appendix import find_tables, row_splits, task_columns
from .appendix import table_rows as appendix_rows
from .deadlines import find_deadline
from .document import Doc
from .record import Comparator, Target
from .rules import Rule, RuleError, load_rules
from .vntext import as_int_if_whole, fold, parse_number

MAX_WORDS = 40
_BULLET = re.compile(r"^\s*[-+•*–]")


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


def rule_cmp(rule: Rule) -> Comparator:
    """The comparator a comparator rule stands for (RuleError when it names none)."""
    cmp = rule.get("cmp")
    if cmp not in get_args(Comparator):
        raise RuleError(f"targets: rule {rule.id!r} has cmp {cmp!r}, not one of {list(get_args(Comparator))}")
    return cmp


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
    return next(((r, m) for r in rules if (m := r.rx.search(text))), None)


def group(m: re.Match[str], name: str) -> str | None:
    """A named group, or its numbered twins (`lo2`, `lo3`) used by alternative branches."""
    for key in (name, name + "2", name + "3", name + "4"):
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


_CLAUSE_MARKS = re.compile(r"[()\[\];|\t.!?]")


def clauses(s: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a line: split at `;`, table cell marks and sentence ends outside brackets."""
    out, start, depth = [], 0, 0
    for m in _CLAUSE_MARKS.finditer(s):
        ch, i = m.group(), m.start()
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in ";|\t" or (ch in ".!?" and sentence_end(s, i))):
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
    """A unit with spaces collapsed and its capitalised words lowered: 'Doanh nghiệp' -> 'doanh nghiệp', 'Ban Quản
    lý' -> 'ban quản lý' (an acronym stays: 'CSDL')."""
    unit = re.sub(r"\s+", " ", unit).strip()
    if not (unit[:1].isupper() and unit[1:2].islower()):
        return unit
    return " ".join(w[0].lower() + w[1:] if w[:1].isupper() and w[1:2].islower() else w for w in unit.split(" "))


def year_of(m: re.Match[str]) -> int | None:
    """The horizon year a match names; after a past period it is measured against (`base_start`, `base_end`),
    the end of the period as long that follows it ('so với giai đoạn 2021 - 2025' -> 2030)."""
    start, end = group(m, "base_start"), group(m, "base_end")
    if start and end:
        return 2 * int(end) - int(start) + 1
    return int(group(m, "year") or 0) or None


def excluded(clause: str, start: int, kind: str, in_goals: bool = False) -> bool:
    """A value (at `start`, of unit `kind`) covered by an exclusion (a date, a document number, a
    standard, a budget...), or a year read as a count; `in_goals`: under a goal heading, where a rule marked
    `goals_aim` does not exclude (a budget share listed among the goals is one)."""
    for rule in rules_of("exclude") + rules_of("baseline"):
        if kind in (rule.get("skip_kinds") or []) or (in_goals and rule.get("goals_aim")):
            continue
        for m in rule.rx.finditer(clause):
            if m.start() <= start < m.end():
                return True
    return kind in ("count", "generic") and bool(re.match(r"(?:19|20)\d\d\b", clause[start:]))  # a year


def per_value_year(after: str) -> tuple[int | None, int]:
    """A year in brackets right after a value, and how far it reaches."""
    for rule in rules_of("horizon"):
        if rule.get("opens") == "per_value":
            m = rule.rx.match(after)
            if m:
                return year_of(m), m.end()
    return None, 0


def phrase_end(s: str, pos: int) -> int:
    """Where the noun phrase from `pos` ends: at `;`, `.`, `: ` or a comma that does not continue a list. A
    phrase opening with a list of short nouns goes on over it to the predicate after its last item ('100% cán
    bộ, công chức, viên chức được đào tạo kỹ năng số cơ bản')."""
    listing = True  # the phrase so far is a list of short nouns
    last = pos
    for i, ch in top_level(s, pos):
        if ch in ";|\t" or (ch in ".!?:" and sentence_end(s, i)) or (ch == ":" and s[i + 1:i + 2] == " "):
            return i
        if ch == ",":
            item = s[last:i].split()
            listing = listing and 0 < len(item) <= 4 and not any(c.isdigit() for c in s[last:i])
            last = i + 1
            seg = re.split(r"[,;.:]", s[i + 1:], maxsplit=1)[0]
            words = seg.split()
            tail = s[i + 1:].strip(" .;") == seg.strip(" .;")
            names = words[:1] and words[0][:1].isupper() and len(words) <= 4
            listed = listing and words[:1] and words[0][:1].islower() and not words[0][:1].isdigit()
            if not words or not ("và" in words[:5] or names or listed or (tail and len(words) <= 2)
                                 or _verb_pair(s[:i], seg)):
                return i
    return len(s)


def _verb_pair(before: str, after: str) -> bool:
    """A comma joining two verbs of one predicate: 'xây dựng, triển khai dự án điểm'."""
    tail = before.rstrip()[-30:]
    return any(r.rx.match(after.lstrip()) for r in rules_of("aim_verb")) and any(
        m.end() == len(tail) for r in rules_of("aim_verb") for m in r.rx.finditer(tail))


def phrase_after(s: str, pos: int) -> str:
    """The noun phrase from `pos` (see `_phrase_end`), at most MAX_WORDS words."""
    phrase = re.sub(r"\s*\([^)]*$", "", " ".join(s[pos:phrase_end(s, pos)].split()[:MAX_WORDS]))  # no open bracket
    for rule in rules_of("tail_horizon"):
        phrase = rule.rx.sub("", phrase)
    return phrase.rstrip(" .…,")


def action_object(clause: str, start: int, end: int) -> bool:
    """The value at start:end counts the object of the action verb opening its phrase (no comma
    between), and no list follows it after a colon (03 lĩnh vực: ..., a classification)."""
    head = clause[last_comma(clause[:start]):start]
    return bool(first_match(rules_of("action_verb"), head)) and ":" not in clause[end:phrase_end(clause, end) + 1]


def indicator_before(text: str) -> str:
    """The measured quantity written before a value: after the last lead-in, fillers stripped; when
    nothing is left ('Năng suất lao động đến năm 2025 đạt'), the words before that lead-in."""
    last, last_start = 0, 0
    for rule in rules_of("lead_in"):
        for m in rule.rx.finditer(text):
            if m.end() > last:
                last, last_start = m.end(), m.start()
    out = _strip_fillers(text[last:])
    return out if out or not last_start else indicator_before(text[:last_start])


@lru_cache(maxsize=1)
def _indicator_edges() -> tuple[re.Pattern[str], re.Pattern[str]]:
    fragments = load_rules("targets").fragments
    return (re.compile(f"^(?:{fragments['indicator_open']})+", re.IGNORECASE),
            re.compile(f"(?:{fragments['indicator_close']})+$", re.IGNORECASE))


def tidy_indicator(indicator: str) -> str:
    """An indicator without the marks and loose words at its edges (fragments `indicator_open`, `indicator_close`):
    '(*) Tốc độ tăng trưởng GRDP … khoảng' -> 'Tốc độ tăng trưởng GRDP …'; unchanged when nothing else is left."""
    opening, closing = _indicator_edges()
    tidy = closing.sub("", opening.sub("", indicator.strip())).strip(" ,;:")
    return tidy or indicator


def _strip_fillers(text: str) -> str:
    for _ in range(2):
        for rule in rules_of("filler") + rules_of("resumptive"):
            text = rule.rx.sub("", text)
    return re.sub(r"\s+", " ", text).strip(" ,;:-–")


def last_comma(s: str) -> int:
    """Offset after the last comma outside brackets (0 when none)."""
    return max((i + 1 for i, ch in top_level(s) if ch == ","), default=0)


# ---------------------------------------------------------------- task rows: the Thời gian of a target


def row_year_of(doc: Doc, li: int, rest: str) -> int | None:
    """The end year of the Thời gian cell after a task cell: a later cell of a `|`/tab row that is
    a time cell, or the first line after the cell's own bullet lines."""
    cells = [c for c in re.split(r"[|\t]", rest)[1:] if c.strip()]
    if cells:
        return next((y for c in cells if (y := _cell_year(c))), None)
    label = first_match(rules_of("time_label"), rest)
    if label:  # '(Thời gian thực hiện: 2022 - 2025)'
        return _cell_year(label[1].group("time"), known=True)
    lines, labels = doc.lines, True
    for j in range(li + 1, min(li + 16, len(lines))):
        s = lines[j].text.strip()
        if not s:
            continue
        if labels and first_match(rules_of("task_label"), s):  # labelled lines after a task
            label = first_match(rules_of("time_label"), s)
            if label:
                return _cell_year(label[1].group("time"), known=True)
            continue
        labels = False
        if not _BULLET.match(s):
            return _cell_year(re.split(r"[|\t]", s)[0])
    return None


def _cell_year(cell: str, known: bool = False) -> int | None:
    """The end year of a Thời gian cell; a cell `known` to be one may be any deadline phrase."""
    hit = first_match(rules_of("time_cell"), cell.strip())
    if hit or not known:
        return year_of(hit[1]) if hit else None
    dl = find_deadline(cell.strip(), cell=True)  # 'Trước ngày 30/6/2023', 'Quý IV/2022'
    if dl is None or dl.kind not in ("year", "range", "date"):
        return None
    return dl.end or (int(dl.date[:4]) if dl.date else None)


def _in_layer(doc: Doc, offset: int) -> bool:
    """The offset lies inside a table of the document model."""
    return any(t.start <= offset < t.end for t in doc.tables)


def status_cells(doc: Doc) -> list[tuple[int, int]]:
    """The spans of the cells under a header that reports what was done (Kết quả thực hiện, Tiến
    độ), in the tables of the document model: their figures are results, no aims."""
    out = []
    for table in doc.tables:
        for h, row in enumerate(table.rows[:4]):
            cols = [j for j, c in enumerate(row) if c and first_match(rules_of("status_column"), " ".join(c.text.split()))]
            if cols:
                out += [(c.start, c.end) for r in table.rows[h + 1:] for j in cols if j < len(r) and (c := r[j])]
                break
    return out


def appendix_years(doc: Doc) -> dict[int, int | None]:
    """Line index -> end year of its row's Thời gian cell, for the cell lines of task tables: the
    tables of the document model (columns found by their header), then, in text outside them,
    tables found in the text (cells one per line)."""
    out: dict[int, int | None] = {}
    for dtable in doc.tables:
        cols = task_columns(dtable)
        if cols is None or "time" not in cols.kinds.values():
            continue
        tcol = next(c for c, k in cols.kinds.items() if k == "time")
        for row in dtable.rows[cols.header + 1:]:
            time_cell = row[tcol] if tcol < len(row) else None
            year = _cell_year(time_cell.text, known=True) if time_cell else None
            for c in row:
                if c is not None:
                    for li in range(doc.line_index(c.start), doc.line_index(max(c.start, c.end - 1)) + 1):
                        out[li] = year
    for table in find_tables(doc.text):
        if "time" not in table.columns or _in_layer(doc, table.header_start):
            continue
        for cells in appendix_rows(table):
            for task, split in row_splits(table, cells):  # a wrapped row's sub-rows each with their own time
                time_text = split.get("time")
                year = _cell_year(time_text.text, known=True) if time_text else None
                for cell in [*task, *split.values()] if table.wrapped else cells[1:]:  # the task cell and the
                    out[doc.line_index(cell.start)] = year  # others (Sản phẩm, Chỉ tiêu ...)
    return out


# ---------------------------------------------------------------- indicator tables


def _column(cell: str) -> tuple[str, int | None] | None:
    """The kind of a header cell (number, indicator, unit, baseline, year, other) and its year."""
    hit = first_match(rules_of("table_header"), cell.strip())
    return (str(hit[0].get("column")), year_of(hit[1])) if hit else None


def _table_rows(doc: Doc) -> Iterator[tuple[list[tuple[str, int | None]], list[tuple[int, str]]]]:
    """(header columns, row cells as (offset, text)) of every indicator table: cells on one line
    split by `|`/tab, or one cell per line with rows numbered 1, 2, 3 ..."""
    layer = [(t.start, t.end) for t in doc.tables]  # each table's span once, not once per line
    lines = [(ln.start + len(ln.text) - len(ln.text.lstrip()), ln.text.strip()) for ln in doc.lines if ln.text.strip()]
    cells = [(at, text) for at, text in lines if not any(a <= at < b for a, b in layer)]
    for i, (_, text) in enumerate(cells):
        parts = [p for p in re.split(r"\s*[|\t]\s*", text) if p]
        cols = [c for p in parts if (c := _column(p))]
        if len(parts) > 2 and len(cols) == len(parts) and any(c[0] == "indicator" for c in cols):  # a | row header
            for off, line in cells[i + 1:]:
                found = [(off + line.find(p), p) for p in re.split(r"\s*[|\t]\s*", line) if p]
                if len(found) != len(cols):
                    break
                yield cols, found
            continue
        if _column(text) != ("indicator", None):
            continue
        j, k = i, i + 1  # a cell-per-line header: the lines around "Chỉ tiêu" that are header cells
        while j > 0 and _column(cells[j - 1][1]) and i - j < 2:
            j -= 1
        while k < len(cells) and _column(cells[k][1]):
            k += 1
        cols = [c for _, t in cells[j:k] if (c := _column(t))]  # every line of j..k is a header cell
        if not cols or cols[0] != ("number", None) or not any(c[0] == "year" for c in cols):
            continue
        n = 1
        while k < len(cells) and cells[k][1].rstrip(".") == str(n):
            end = next((x for x in range(k + 1, min(k + 12, len(cells))) if cells[x][1].rstrip(".") == str(n + 1)),
                       None)
            row = cells[k:end] if end else cells[k:k + len(cols)]
            yield cols, row
            k, n = (end, n + 1) if end else (len(cells), n)


def table_targets(doc: Doc, level: str, doc_year: int | None) -> list[Target]:
    """Targets of indicator tables written in text outside the tables of the document model: each
    value under a year column of an indicator row (`indicator_tables` reads the model's tables)."""
    out = []
    value_rule = rules_of("table_value")
    for cols, row in _table_rows(doc):
        texts = [t for _, t in row]
        ind = next(((o, t) for o, t in row if not first_match(value_rule, t) and not t.rstrip(".").isdigit()), None)
        if ind is None:
            continue
        unit = next((t for c, t in zip(cols, texts, strict=False) if c[0] == "unit"), None)
        if len(cols) == len(row):  # cells and columns align
            pairs = [(c, cell) for c, cell in zip(cols, row, strict=True) if c[0] in ("year", "baseline")]
        else:  # empty cells were dropped: values map to the numeric columns only when they all are there
            numeric = [c for c in cols if c[0] in ("year", "baseline")]
            values = [cell for cell in row if first_match(value_rule, cell[1])][-len(numeric):]
            pairs = list(zip(numeric, values, strict=True)) if len(values) == len(numeric) else []
            unit = next((t for t in texts[texts.index(ind[1]) + 1:] if not first_match(value_rule, t)), None) \
                if any(c[0] == "unit" for c in cols) else None
        for (col, year), (off, cell) in pairs:
            hit = first_match(value_rule, cell)
            if col != "year" or not hit or (doc_year and year and year < doc_year):
                continue
            m = hit[1]
            lo, hi = parse_number(m.group("lo")), parse_number(m.group("hi")) if m.group("hi") else None
            if lo is None:
                continue
            cmp: Comparator = "range" if hi is not None else next(
                (rule_cmp(r) for r in rules_of("comparator") if r.rx.search(m.group("cmp") + " ")), "=")
            u = (m.group("unit") or unit or "").replace(" ", "") if m.group("unit") or "%" in (unit or "") \
                else as_written(unit) if unit else None
            kind = "percent" if "%" in (u or "") else "count"
            out.append(Target(ind[1], classify_indicator(ind[1], kind), cmp, as_int_if_whole(lo),
                              None if hi is None else as_int_if_whole(hi), u, year, level,
                              [ind[0], off + len(cell)], doc.text[ind[0]:off + len(cell)]))
    return out
