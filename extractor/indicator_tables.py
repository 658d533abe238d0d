"""Indicator tables of the document model: one target per (indicator row, value column) with a value.

A table is an indicator table when a header row names its indicator column (*Chỉ tiêu*, *Nội dung
chỉ tiêu*; *Sản phẩm* beside year columns) and at least one value column: a year (*Năm 2030*,
*Kế hoạch 2030*, *Mục tiêu đến năm 2030*) or a result without a year (*Kết quả*, *Mục tiêu*), whose
horizon then comes from the group row above (*I. Đến năm 2030*, *Giai đoạn 2025-2027*) or the table's
heading. Baseline columns (*ƯTH năm 2025*, *Thực hiện 2024*) are no targets. Header words are the
`table_header` rules of `rules/targets.yaml`; a value cell is read by its `table_value_part` rule.

The crawled pipe reader may give two rows as one (a group row run into the row above, the lower
header row run into the upper one): rows longer than the table are cut where a row number follows
an empty cell, and a header longer than the rows is read as a period over its sub-columns.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .appendix import wrapped_value_rows
from .document import Doc, Table, TableCell
from .record import Comparator, Target
from .rules import load_rules
from .target_text import as_written, classify_indicator, first_match, rule_cmp, rules_of, year_of
from .vntext import as_int_if_whole, parse_number

Row = list[TableCell | None]

_ROW_NUMBER = re.compile(r"^(?:[IVXLC]+|[A-ZĐ]|\d{1,3}(?:\.\d{1,2})*)\.?$|^[IVXLC]+\.\s+\S")  # not '240.000'
_DASH = re.compile(r"^[-–+•*]$")
_VALUE_KINDS = ("year", "result")


@dataclass
class Column:
    """What a column of an indicator table holds: its kind, its year and a label under a period."""

    kind: str | None  # number, indicator, item, unit, baseline, year, result, other; None: unknown
    year: int | None = None
    sub: str | None = None  # the lower header cell under a period (Lượng (Tấn))
    planned: bool = False  # a year column headed as a plan ('Kế hoạch năm 2025')


def _text(cell: TableCell | None) -> str:
    return " ".join(cell.text.split()) if cell else ""


def _classify(text: str) -> Column | None:
    hit = first_match(rules_of("table_header"), text.strip(" .:"))
    return Column(str(hit[0].get("column")), year_of(hit[1]), planned=bool(hit[1].groupdict().get("plan"))) \
        if hit else None


def _trim(row: Row) -> Row:
    end = len(row)
    while end and row[end - 1] is None:
        end -= 1
    return row[:end]


def _width(rows: list[Row]) -> int:
    """The usual width of the rows: the commonest length (the longer on a tie) of rows of more than two
    cells (group rows, I | CÂY CÔNG NGHIỆP, leave their empty cells out in crawled text)."""
    counts = Counter(n for r in rows if (n := len(_trim(r))) > 2) or Counter(len(_trim(r)) for r in rows)
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0] if counts else 0


def _numbering_run(row: Row) -> int:
    """How many cells open the row numbering the columns ('1 | 2 | 3 | …' or '(1) | (2) | …', under a header):
    at least three, else 0."""
    k = 0
    while k < len(row) and re.fullmatch(rf"\(?{k + 1}\)?", _text(row[k])):
        k += 1
    return k if k >= 3 else 0


def _without_numbering(rows: list[Row]) -> list[Row]:
    """Rows with the columns' numbering row left out; cells run on after it (crawled text, where the bar that
    ends a row also marks an empty cell) are the next row, less that bar's empty cell."""
    out: list[Row] = []
    for row in rows:
        k = _numbering_run(row)
        if not k:
            out.append(row)
            continue
        rest = row[k + 1:] if k < len(row) and row[k] is None else row[k:]
        if any(c is not None and _text(c) for c in rest):
            out.append(rest)
    return out


def _logical_rows(table: Table) -> list[Row]:
    """The table's rows, the columns' numbering row left out, a row longer than the usual width cut where a row
    number follows an empty cell."""
    rows = _without_numbering(table.rows)
    width = _width(rows)
    out: list[Row] = []
    for row in rows:
        if len(_trim(row)) <= width:
            out.append(row)
            continue
        start = 0
        for i in range(2, len(row)):
            if row[i - 1] is None and row[i] is not None and _ROW_NUMBER.match(_text(row[i])) and i - start >= 2:
                out.append(row[start:i])
                start = i
        out.append(row[start:])
    return out


def _is_data(row: Row) -> bool:
    """A row after the header: it opens with a row number or a dash, or it holds a value."""
    first = _text(row[0]) if row else ""
    return bool(_ROW_NUMBER.match(first) or _DASH.match(first)) or any(
        _parts(_text(c)) for c in row[1:] if c)


def _under_span(upper: Row, lower: Row, width: int) -> Row:
    """A lower header row moved under the upper row's spanning cell: the upper row ends with a cell and the empty
    cells it spans ('GIAI ĐOẠN 2026 - 2030' then four empty cells), the lower row holds as many cells, packed at
    its start (a table whose row-spanning cells the writer left out of the lower row: 'Năm 2026' … 'Năm 2030')."""
    cells = [c for c in lower if c is not None and _text(c)]
    up = list(upper) + [None] * (width - len(upper))
    last = max((j for j, c in enumerate(up) if c is not None and _text(c)), default=-1)
    span = width - last
    if last < 1 or span < 2 or len(cells) != span or lower[last:last + span] == cells:
        return lower
    return [None] * last + cells


def _spans_filled(upper: Row, lowest: Row, width: int) -> Row:
    """An upper header row with each value group's cell repeated over the empty cells it spans, where the lowest
    header row names a column ('Kế hoạch 2026' over 'Lượng (Tấn)' and 'Giá trị …'; a Word cell merged across
    columns, or a colspan, is read as the cell and empty ones)."""
    out: Row = list(upper) + [None] * (width - len(upper))
    group: TableCell | None = None
    for j in range(width):
        cell = out[j]
        if cell is not None and _text(cell):
            col = _classify(_text(cell))
            group = cell if col is not None and (col.year or col.kind in _VALUE_KINDS) else None
        elif group is not None and j < len(lowest) and lowest[j] is not None and _text(lowest[j]):
            out[j] = group
        else:
            group = None
    return out


def _groups_spread(upper: Row, lower: Row, width: int) -> list[Row]:
    """Two header rows whose upper groups were written without their spans: 'Kế hoạch 2026' … 'Kế hoạch 2030' side
    by side, then empty cells, over 'Lượng (Tấn)' / 'Giá trị …' repeated under each. When the lower row's cells are
    as many as the columns from the first group on, and a whole number of them per group, each group moves over its
    own, the lower cells under the groups."""
    filled = [j for j, c in enumerate(upper) if c is not None and _text(c)]
    subs = [c for c in lower if c is not None and _text(c)]
    if len(filled) < 3 or not subs:
        return [upper, lower]
    groups = [j for j in filled if (col := _classify(_text(upper[j]))) is not None and col.year]
    if len(groups) < 2 or groups != list(range(groups[0], groups[0] + len(groups))) or groups[-1] != filled[-1]:
        return [upper, lower]
    start, k = groups[0], len(subs) // len(groups)
    if k < 2 or len(subs) != k * len(groups) or start + len(subs) != width:
        return [upper, lower]
    spread: Row = [upper[j] if j < start else None for j in range(width)]
    for g, j in enumerate(groups):
        spread[start + g * k] = upper[j]
    return [spread, [None] * start + subs]


def _columns(header: list[Row], width: int) -> list[Column] | None:
    """Column kinds from the header rows: one row per level (each as wide as the data rows), or one
    run-in row whose first cells are the upper level and the cells after an empty one the lower."""
    rows = [_trim(r) for r in header]
    rows = rows[:1] + [_under_span(rows[k - 1], r, width) for k, r in enumerate(rows[1:], 1)]
    if len(rows) == 2:
        rows = _groups_spread(rows[0], rows[1], width)
    rows = [_spans_filled(r, rows[-1], width) for r in rows[:-1]] + rows[-1:]
    if all(len(r) <= width for r in rows):
        cols = []
        for j in range(width):
            found = [c for r in rows if j < len(r) and (c := _classify(_text(r[j])))]
            lower = [_text(r[j]) for r in rows[1:] if j < len(r) and r[j] and not _classify(_text(r[j]))]
            col = found[-1] if found else Column(None)
            if col.year is None:
                col.year = next((c.year for c in found if c.year), None)
            if lower and col.kind in _VALUE_KINDS:
                col.sub = lower[-1]
            cols.append(col)
        return cols
    if len(rows) != 1:
        return None
    row = rows[0]
    cut = next((i for i, c in enumerate(row) if c is None), len(row))
    top = [_text(c) for c in row[:cut]]
    sub = [_text(c) for c in row[cut:] if c]
    spans = len(top) + len(sub) - width
    if not sub or spans < 1 or spans > len(top) or len(sub) % spans:
        return None
    k = len(sub) // spans
    cols = [_classify(t) or Column(None) for t in top[:len(top) - spans]]
    for g, group in enumerate(top[len(top) - spans:]):
        upper = _classify(group) or Column(None)
        for s in sub[g * k:(g + 1) * k]:
            below = _classify(s)
            if below and below.kind in _VALUE_KINDS + ("baseline",):
                cols.append(below)
            else:
                cols.append(Column(upper.kind, upper.year, s))
    return cols


def _header(rows: list[Row]) -> tuple[int, list[Column]] | None:
    """(index of the first data row, columns) of an indicator table, or None."""
    for h, row in enumerate(rows[:4]):
        kinds = [c.kind for cell in row if cell and (c := _classify(_text(cell)))]
        if "indicator" not in kinds and "item" not in kinds:
            continue
        first = next((i for i in range(h + 1, len(rows)) if _is_data(rows[i])), len(rows))
        width = _width(rows[first:]) or len(_trim(row))
        cols = _columns(rows[h:first], max(width, 1))
        if cols is None:
            return None
        kinds = [c.kind for c in cols]
        if "indicator" not in kinds and not ("item" in kinds and "year" in kinds):
            return None
        if not any(k in _VALUE_KINDS for k in kinds):
            return None
        return first, cols
    return None


@dataclass
class _Part:
    """One value read from a value cell."""

    cmp: Comparator
    lo: float
    hi: float | None
    unit: str | None  # % written in the cell, or Top
    rest: str
    end: int  # offset in the cell text


def _parts(cell: str) -> list[_Part]:
    """The values of a value cell (several split at ';' or a line break)."""
    out = []
    pos = 0
    for piece in re.split(r"(;|\n)", cell):
        if piece in (";", "\n"):
            pos += 1
            continue
        text = piece.strip()
        hit = first_match(rules_of("table_value_part"), " ".join(text.split()))
        lead = len(piece) - len(piece.lstrip())
        pos_end = pos + lead + len(text)
        pos += len(piece)
        if not hit:
            continue
        m = hit[1]
        lo = parse_number(m.group("lo"))
        if lo is None:
            continue
        hi = parse_number(m.group("hi")) if m.group("hi") else None
        cmp_words = (m.group("cmp") or "").strip()
        cmp: Comparator = "range" if hi is not None else next(
            (rule_cmp(r) for r in rules_of("comparator") if cmp_words and r.rx.search(cmp_words + " ")), "=")
        rank = (m.group("rank") or "").lower().split()
        unit = "Top" if rank and rank[-1] in ("top", "nhóm") else (m.group("unit") or "").replace(" ", "") or (
            "%" if m.group("lo_pct") and hi is None else None)  # '100%', 'Tối thiểu 60%' in a table with no unit column
        rest = (m.group("rest") or "").strip(" ,()")
        if unit is None and first_match(rules_of("table_cell_unit"), rest):
            unit, rest = rest, ""  # '900 trạm'
        out.append(_Part(cmp, lo, hi, unit, rest, pos_end))
    return out


def _title_year(doc: Doc, table: Table) -> int | None:
    """A horizon in the few lines before the table (its title) or in the headings above it."""
    li = doc.line_index(table.start)
    seen = 0
    for j in range(li - 1, max(-1, li - 12), -1):
        s = doc.lines[j].text.strip(" |")
        if not s:
            continue
        seen += 1
        hit = first_match(rules_of("horizon"), s) or first_match(rules_of("heading_horizon"), s)
        if hit and (y := year_of(hit[1])):
            return y
        if seen >= 4:
            break
    for sec in reversed(doc.sections_at(table.start)):
        hit = first_match(rules_of("heading_horizon"), sec.title or "")
        if hit and (y := year_of(hit[1])):
            return y
    return None


def _group_year(text: str) -> int | None:
    """The horizon a group row sets: I. Đến năm 2030, Giai đoạn 2025-2027."""
    text = re.sub(r"^(?:[IVXLC]+|[A-ZĐ]|\d{1,2})\s*[.)]\s+", "", text)
    hit = first_match(rules_of("heading_horizon"), text)
    return year_of(hit[1]) if hit else None


def _unit(part: _Part, unit_cell: str, sub: str | None) -> str | None:
    """The value's unit: % or Top written in the cell, else the unit column, else a bracket in the sub-column (a
    bare % in the cell says less than a unit column's '% tổng chi NSNN'); a column's number ('(1)', '(3) = (2)/(1)')
    is none."""
    if part.unit and not (part.unit == "%" and unit_cell.startswith("%")):
        return part.unit
    if unit_cell:
        return unit_cell.replace(" ", "") if unit_cell.startswith("%") and "/" in unit_cell else as_written(unit_cell)
    bracket = re.search(r"\(([^()]*(?:[^\W\d_]|%)[^()]*)\)\s*$", sub or "")  # not a footnote mark: 'Hồ Chí Minh(*)',
    return as_written(bracket.group(1)) if bracket and len(bracket.group(1)) <= 30 else None  # nor a column's number


def table_spans(doc: Doc) -> list[tuple[int, int]]:
    """The spans of the indicator tables of the document model."""
    return [(t.start, t.end) for t in doc.tables if _header(_logical_rows(t))]


def indicator_table_targets(doc: Doc, level: str, doc_year: int | None) -> list[Target]:
    """Every value of every indicator table of the document model, as a target."""
    out: list[Target] = []
    for table in doc.tables:
        rows = _logical_rows(table)
        found = _header(rows)
        if found is None:
            continue
        first, cols = found
        title_year = _title_year(doc, table)
        out += _table_targets(doc, rows[first:], cols, level, doc_year, title_year)
    return out


def _table_targets(doc: Doc, rows: list[Row], cols: list[Column], level: str, doc_year: int | None,
                   title_year: int | None) -> list[Target]:
    ind_col = next((j for j, c in enumerate(cols) if c.kind == "indicator"), None)
    if ind_col is None:
        ind_col = next(j for j, c in enumerate(cols) if c.kind == "item")
    unit_col = next((j for j, c in enumerate(cols) if c.kind == "unit"), None)
    issued = int(doc.meta.date[:4]) if doc.meta.date and doc.meta.date[:4].isdigit() else None
    group_year: int | None = None
    parent = ""
    out: list[Target] = []
    for row in rows:
        ind = row[ind_col] if ind_col < len(row) else None
        if ind is None:
            continue
        name = _text(ind).rstrip(" .;:")
        marker = _text(row[0]) if row and ind_col > 0 else ""
        unit_cell = _text(row[unit_col]) if unit_col is not None and unit_col < len(row) else ""
        values = [(j, c, p) for j, c in enumerate(cols) if c.kind in _VALUE_KINDS and j < len(row)
                  and (cell := row[j]) is not None and j != ind_col for p in _parts(cell.text)]
        if not values:
            year = _group_year(name) if not unit_cell else None
            if year:
                group_year = year
            elif not _DASH.match(marker):
                parent = name
            continue
        indicator = f"{parent} - {name}" if parent and (_DASH.match(marker) or name.startswith(("-", "+"))) else name
        indicator = indicator.lstrip("-+• ")
        if not _DASH.match(marker):
            parent = ""
        for j, col, part in values:
            cell = row[j]
            assert cell is not None
            year = col.year if col.kind == "year" else (group_year or title_year)
            if col.kind == "year" and doc_year and year and year < doc_year and not (
                    col.planned and issued and year >= issued):
                continue  # a figure of a year already past: a result, no aim (a report's plan of its own year is)
            unit = _unit(part, unit_cell, col.sub) or _unit(part, "", name)  # 'Tốc độ tăng năng suất lao động (%)'
            label = " - ".join(p for p in (indicator, _sub_name(col.sub), part.rest) if p)
            kind = "percent" if "%" in (unit or "") else "count"
            end = cell.start + part.end
            out.append(Target(label, classify_indicator(label, kind), part.cmp, as_int_if_whole(part.lo),
                              None if part.hi is None else as_int_if_whole(part.hi), unit, year, level,
                              [ind.start, end], doc.text[ind.start:end]))
    return out


def _sub_name(sub: str | None) -> str:
    """The words of a sub-column label without its bracketed unit: 'Lượng (Tấn)' -> 'Lượng'."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", sub or "").strip()


def wrapped_table_targets(doc: Doc, level: str) -> tuple[list[Target], list[tuple[int, int]]]:
    """Targets of the indicator tables of gazette text whose cells wrap over lines ('Tốc độ tăng trưởng GDP
    bình / quân/năm (%) / Phấn đấu ≥ / 10,0 / Bộ Tài chính …'), read row by row (`appendix.wrapped_value_rows`):
    each value of a row's value cell, its unit from the cell or the indicator's bracket, its year the
    indicator's horizon or the header's; and the spans of those rows."""
    out: list[Target] = []
    spans: list[tuple[int, int]] = []
    percent = re.compile(load_rules("targets").data["percent_indicator"])
    for row in wrapped_value_rows(doc.text):
        ind, value, header_year = row.indicator, row.value, row.header_year
        name = " ".join(ind.text.split()).rstrip(" .;:")
        cut = 0
        cut_year = re.match(r"((?:19|20)\d{2})\s+", value.text) if re.search(r"\bnăm$", name) else None
        if cut_year:  # 'Số đặc khu kinh tế đến năm' / '2030' / '3': the year ends the indicator's horizon
            name, cut = f"{name} {cut_year.group(1)}", cut_year.end()
        owner = " ".join(row.owner.text.split()) if row.owner else ""  # a sub-row takes its row's unit
        hit = first_match(rules_of("horizon"), name)
        year = (year_of(hit[1]) if hit else None) or header_year
        if year is None:  # a horizon set by group rows (I. Giai đoạn 2025-2027): left to the line reading
            continue
        spans.append((ind.start, value.end))
        lead = re.match(r"phấn\s+đấu\s+(?=[≥≤<>])", value.text[cut:], re.IGNORECASE)  # 'Phấn đấu ≥ 10,0'
        cut += lead.end() if lead else 0
        for part in _parts(value.text[cut:]):
            unit = _unit(part, "", name) or _unit(part, "", owner) or row.header_unit \
                or ("%" if percent.match(name) else None)
            kind = "percent" if "%" in (unit or "") else "count"
            label = " - ".join(p for p in (re.sub(r"\s*\([^()]{1,30}\)\s*$", "", name), part.rest) if p)
            end = value.start + cut + part.end
            out.append(Target(label, classify_indicator(label, kind), part.cmp, as_int_if_whole(part.lo),
                              None if part.hi is None else as_int_if_whole(part.hi), unit, year, level,
                              [ind.start, end], doc.text[ind.start:end]))
    return out, spans

