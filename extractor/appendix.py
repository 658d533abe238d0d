"""Structured task listings: appendix tables and task blocks with labelled lines.

Tables are rendered as in legal-portal text: one cell per line, rows anchored by their number. A
header (STT | Nội dung, nhiệm vụ | Thời gian | Đơn vị chủ trì | Đơn vị phối hợp, in any order) is
recognised by its cell words (rules/obligations.yaml `table_header`); each row then becomes one
obligation, however many dashes its task cell holds. Labelled blocks name their lead, support and time
after the task ("Cơ quan chủ trì: ...", "Cơ quan phối hợp: ...", "Thời gian thực hiện: ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .abbrev import expand_abbreviations
from .bodies import (
    begins_a_name,
    cut_name,
    distributed_list,
    head_of,
    is_body_cell,
    is_collective,
    name_cut_before,
    name_goes_on,
    proper_name_across,
    side_by_side,
    split_body_list,
    strip_officers,
)
from .body_spans import body_list_at
from .deadlines import find_deadline, find_deadlines, locate_deadline
from .document import Table as DocTable
from .document import TableCell
from .normalize import determiner_twice
from .obligation_units import rx, supports
from .record import Deadline, Obligation
from .rules import load_rules


@dataclass
class Cell:
    """A non-empty line of the text: one table cell (or one paragraph of a task cell)."""

    start: int
    end: int
    text: str


@dataclass
class Table:
    """A detected table: its column kinds in order and the lines after its header."""

    columns: list[str]
    header_start: int
    body: list[Cell]
    wrapped: bool = False  # header cells wrapped over lines (gazette text): the body's cells wrap too


@lru_cache(maxsize=1)
def _wrapped_rx() -> dict[str, re.Pattern[str]]:
    """The patterns of rules/obligations.yaml `table_wrapped` (gazette tables whose cells wrap over lines)."""
    return {k: re.compile(v) for k, v in load_rules("obligations").data["table_wrapped"].items()}


@lru_cache(maxsize=1)
def _header_rx() -> dict[str, list[re.Pattern[str]]]:
    data = load_rules("obligations").data["table_header"]
    return {k: [re.compile(p, re.IGNORECASE) for p in v] for k, v in data.items()}


def _column_kind(cell: str) -> str | None:
    s = " ".join(cell.split()).strip(" .:")
    if len(s) > 60:
        return None
    for kind, rxs in _header_rx().items():
        if any(rx.search(s) for rx in rxs):
            return kind
    return None


def _cells(text: str) -> list[Cell]:
    out, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(Cell(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def _header_run(cells: list[Cell], i: int) -> list[str]:
    """The column kinds after a task header cell at `i` when they make a header without a number column
    (at least two known columns, one of them the lead); else []."""
    if _column_kind(cells[i].text) != "task":
        return []
    kinds = [_column_kind(c.text) for c in cells[i + 1:i + 8]]
    run: list[str] = []
    for k in kinds:
        if k is None or k in ("number", "task"):
            break
        run.append(k)
    return run if len(run) >= 2 and "lead" in run else []


def _header_columns(cells: list[Cell], i: int) -> tuple[list[str], int, bool]:
    """The column kinds of a header opening with its number cell at `i`, and where its body starts. A header
    cell the layout wrapped over lines is read whole: a line of no kind completes the cell before it when the
    two still name that column ('MỤC TIÊU' / '2026 - 2030', 'Thời gian hoàn' / 'thành'), or opens a cell
    with the next line ('CƠ QUAN CHỦ' / 'TRÌ, THEO DÕI')."""
    data = load_rules("obligations").data
    starts = [re.compile(data[k]) for k in ("table_row_number", "table_row_number_nested", "table_group_number")]
    cols, j, prev, wrapped = ["number"], i + 1, "", False
    while j < len(cells):
        text = cells[j].text
        kind = _column_kind(text)
        if kind is None and len(text) <= 30 and not any(rx.match(text) for rx in starts):
            if j + 1 < len(cells) and (joined := _column_kind(f"{text} {cells[j + 1].text}")) not in (None, "number"):
                cols.append(joined)
                prev, j, wrapped = f"{text} {cells[j + 1].text}", j + 2, True
                continue
            if prev and _column_kind(f"{prev} {text}") == cols[-1] and len(cols) > 1 and _header_tail(text) \
                    and not (prev.isupper() and any(ch.islower() for ch in text)):  # a capitals cell ends before 'Cả nước'
                prev, j, wrapped = f"{prev} {text}", j + 1, True
                continue
        if kind is None and _wrapped_rx()["bare_lead"].match(text) and j + 1 < len(cells) \
                and _column_kind(cells[j + 1].text) == "task":  # 'Đơn vị' | 'Nhiệm vụ chủ trì': a grouped table
            cols.append("lead")
            prev, j = text, j + 1
            continue
        if kind is None and _unnamed_header_cell(cells, j, starts):  # 'NGÀNH, LĨNH VỰC/' / 'ĐỊA PHƯƠNG', 'TỐC ĐỘ
            if cols[-1] != "other" or not prev.startswith("?"):  # BÌNH' / 'QUÂN 2026 -' / '2030 (%/NĂM)':
                cols.append("other")  # one column of no known kind (how many does not matter to wrapped rows)
            prev, j, wrapped = f"?{text}", j + 1, True
            continue
        if kind is None and len(cols) > 2 and (cut := _header_with_row_tail(text)) and cut[0] not in cols:
            cols.append(cut[0])  # 'Thời gian thực hiện sở, tiêu chuẩn …': the header's last cell, then the lines of
            j += 1  # a row going on from the page before, run onto it in lower case
            break
        if kind is None or kind == "number":
            break
        cols.append(kind)
        prev, j = text, j + 1
    return cols, j, wrapped


def _header_with_row_tail(text: str) -> tuple[str, str] | None:
    """The column kind of a header line a lower-case continuation ran onto, and that continuation: its first words
    name a column and what follows them opens in lower case ('Thời gian thực hiện sở, tiêu chuẩn quốc gia …' ->
    ('time', 'sở, tiêu chuẩn quốc gia …'))."""
    words = text.split()
    for n in (4, 3, 2):
        kind = _column_kind(" ".join(words[:n]))
        if kind not in (None, "number", "task") and len(words) > n and words[n][:1].islower():
            return kind, " ".join(words[n:])
    return None


def _header_tail(text: str) -> bool:
    """A line that can end a wrapped header cell: capitals and a period ('2026 - 2030', 'TRÌ, THEO DÕI') or a
    word or two ('thành' of 'Thời gian hoàn' / 'thành'); never a figure ('12,4') or a row ('- Dịch vụ …')."""
    if re.search(r"\d[.,]\d", text) or text.lstrip().startswith(("-", "+", "–")):
        return False
    return not any(ch.islower() for ch in text) or (len(text.split()) <= 2 and not any(ch.isdigit() for ch in text))


def _unnamed_header_cell(cells: list[Cell], j: int, starts: list[re.Pattern[str]]) -> bool:
    """A capital header line of no known kind that a lead column follows within a few lines: a wrapped header
    cell naming a column the rules do not know (the row names, a value column)."""
    text = cells[j].text
    if any(ch.islower() for ch in text) or not any(ch.isupper() or ch.isdigit() for ch in text) or len(text) > 40 \
            or any(rx.match(text) for rx in starts):
        return False
    ahead = [c.text for c in cells[j + 1:j + 8]]
    return any(_column_kind(a) == "lead" or _column_kind(f"{a} {b}") == "lead" for a, b in zip(ahead, [*ahead[1:], ""], strict=True))


def is_header_cell(text: str) -> bool:
    """A line that is a cell of a task table's header ('STT', 'Nhiệm vụ chủ trì', 'Đơn vị')."""
    return _column_kind(text) is not None or bool(_wrapped_rx()["bare_lead"].match(text))


def find_tables(text: str) -> list[Table]:
    """Every task table of the text (a new list of the tables `_tables_of` found once for this text)."""
    return list(_tables_of(text))


@lru_cache(maxsize=4)
def _tables_of(text: str) -> tuple[Table, ...]:
    """Every task table of the text, with its column order read from the header; read once per text (the
    obligations and the targets of one document both read them).

    A header opens with its number column (STT, TT) or, in a table without one, with its task column
    followed by at least two more known columns, one of them the lead (Nội dung | Đơn vị chủ trì | ...).
    """
    cells = _cells(text)
    tables, i = [], 0
    while i < len(cells):
        first = _column_kind(cells[i].text)
        if first == "task":
            run = _header_run(cells, i)
            if run:
                end, stop = i + 1 + len(run), load_rules("obligations").rule("closing.distribution").regex
                while end < len(cells) and _column_kind(cells[end].text) != "number" and not _header_run(
                        cells, end) and not (stop and stop.match(cells[end].text)) and not rx("table.note").match(
                        cells[end].text):
                    end += 1
                tables.append(Table(["task", *run], cells[i].start, cells[i + 1 + len(run):end]))
                i = end
                continue
        if first != "number":
            i += 1
            continue
        cols, j, wrapped = _header_columns(cells, i)
        if "task" not in cols and "lead" in cols and wrapped and "support" in cols and "other" in cols \
                and not any(_column_kind(cells[i + n].text) == "other" for n in range(1, min(3, len(cells) - i))):
            at = cols.index("other")
            cols[at] = "task"  # a wrapped header's first unnamed column names the rows; a year in the unnamed
            if "other" not in cols and re.search(r"\b(?:19|20)\d{2}\b", " ".join(c.text for c in cells[i:j])):
                cols.insert(at + 1, "other")  # lines ('TỐC ĐỘ BÌNH QUÂN 2026 - 2030') holds a column of values
        if "task" not in cols and "lead" in cols and (wrapped is False or "support" in cols):
            # 'TT | Chỉ tiêu | Chủ trì': the indicators are the tasks; in gazette text only where bodies are also
            # assigned to support them (a column naming who monitors an indicator assigns no task)
            indicator = re.compile(load_rules("obligations").data["table_indicator_task"], re.IGNORECASE)
            k = next((n for n in range(1, len(cols)) if cols[n] == "other" and indicator.match(cells[i + n].text)), 0)
            cols[k] = "task" if k else cols[k]
        if "task" in cols and "lead" in cols:
            end, note = j, rx("table.note")
            while end < len(cells) and _column_kind(cells[end].text) != "number" and not note.match(cells[end].text):
                end += 1
            tables.append(Table(cols, cells[i].start, cells[j:end], wrapped))
            i = end
        else:
            i = j
    return tuple(tables)


def rows_of(table: Table, rows: list[list[Cell]] | None = None) -> list[list[Cell]]:
    """The rows of a table: numbered rows; in a table whose cells wrap (gazette text) also the lines before
    its first number (rows going on after the header repeated on a new page: '- Dịch vụ lưu trú …') and its
    group rows, which may carry bodies of their own ('II' / 'THEO TỈNH, THÀNH PHỐ' / 'Các tỉnh, thành phố').
    `rows`: the table's numbered rows when the caller has them."""
    rows = table_rows(table) if rows is None else rows
    if not table.wrapped or not rows:
        return rows
    group_rx = _group_row()
    first = rows[0][0].start
    lead_in = [c for c in table.body if c.start < first]
    extra = [[Cell(lead_in[0].start, lead_in[0].start, ""), *lead_in]] if lead_in else []
    starts = {r[0].start for r in rows}
    for k, c in enumerate(table.body):
        if c.start >= first and group_rx.match(c.text):  # a group row: its lines up to the next row
            nxt = next((d.start for d in table.body[k + 1:] if d.start in starts or group_rx.match(d.text)),
                       table.body[-1].end + 1)
            extra.append([c, *[d for d in table.body[k + 1:] if d.start < nxt]])
    return sorted(rows + extra, key=lambda r: r[0].start)


def _first_inline_number(table: Table, inline_rx: re.Pattern[str], num_rx: re.Pattern[str]) -> int | None:
    """The number of a table's first row when that row opens a line with its task ('24  Nghiên cứu …') and the
    next row number follows it, inline or alone on its line ('25  Xây dựng …', '25'): a table whose rows start
    inline, or one going on after its header was repeated on a new page ('13  Xây dựng …' then '15'); else None."""
    seq: list[tuple[int, bool]] = []
    for c in table.body:
        if (m := num_rx.match(c.text)) is not None:
            seq.append((int(m.group("n")), False))
        elif (m := inline_rx.match(c.text)) is not None and not _opens_body(m.group("rest")):
            seq.append((int(m.group("n")), True))
        if len(seq) == 2:
            break
    return seq[0][0] if len(seq) == 2 and seq[0][1] and seq[1][0] == seq[0][0] + 1 else None


def is_grouped(table: Table) -> bool:
    """A numbered table whose lead column stands before its task column (the lead cell merged over a group)."""
    cols = table.columns
    return cols[0] == "number" and "lead" in cols and "task" in cols and cols.index("lead") < cols.index("task")


def table_rows(table: Table) -> list[list[Cell]]:
    """Lines of each numbered row, from its number cell up to the next row's number."""
    data = load_rules("obligations").data
    num_rx, group_rx = re.compile(data["table_row_number"]), re.compile(data["table_group_number"])
    inline_rx, nested_rx = re.compile(data["table_row_number_inline"]), re.compile(data["table_row_number_nested"])
    nested_inline_rx = re.compile(data["table_row_number_nested_inline"])
    rows: list[list[Cell]] = []
    expect: int | None = _first_inline_number(table, inline_rx, num_rx)  # a table continued after a repeated
    # header (a new page) goes on numbering; one whose rows all start inline ('24  Nghiên cứu …', '25  …')
    # starts at its first such number
    last: tuple[int, ...] = ()  # the number of the last row, nested rows included
    cur, regrouped = None, False  # regrouped: a group row came after the last row
    for c in table.body:
        m = num_rx.match(c.text)
        inline = inline_rx.match(c.text) if not m and expect is not None else None
        nested = nested_rx.match(c.text) if not m else None
        nested_inline = nested_inline_rx.match(c.text) if not (m or nested) else None
        if nested_inline and (_opens_body(nested_inline.group("rest"))
                              or rows and not _follows(last, _dotted(nested_inline.group("n")))):
            nested_inline = None  # '2.1 Theo dõi …' under '2', not an item of a lead cell or a stray figure
        if inline and _opens_body(inline.group("rest")):  # '2. Các bộ, cơ quan, …': an item of a lead cell
            inline = None
        group = inline_rx.match(c.text) if not m and len(last) > 1 else None
        if group and int(group.group("n")) == last[0] + 1 and not _opens_body(group.group("rest")):
            cur, last = None, (last[0] + 1,)  # '3. Tăng cường huy động …' after '2.8': the group row of '3.1'
            continue
        if inline and int(inline.group("n")) == expect:  # '7  Đề án về ...': the number, then the task's line
            cur = [Cell(c.start, c.start + inline.end("n"), inline.group("n")),
                   Cell(c.start + inline.start("rest"), c.end, inline.group("rest"))]
            rows.append(cur)
            expect, last = expect + 1, (expect,)
        elif nested and (not rows or _follows(last, _dotted(nested.group("n")))
                         or regrouped and _dotted(nested.group("n")) == (1, 1)):
            cur = [c]  # '1.1' under the group row '1.'; '1.5' opening a table continued on a new page; '1.1'
            rows.append(cur)  # again under a new part ('B' / 'I')
            last, regrouped = _dotted(nested.group("n")), False
        elif nested_inline:  # '2.1 Theo dõi, tổng hợp …': the nested number, then the task's first line
            cur = [Cell(c.start, c.start + nested_inline.end("n"), nested_inline.group("n")),
                   Cell(c.start + nested_inline.start("rest"), c.end, nested_inline.group("rest"))]
            rows.append(cur)
            last = _dotted(nested_inline.group("n"))
        elif m and (expect is None or int(m.group("n")) in (expect, 1)):
            cur = [c]
            rows.append(cur)
            expect, last = int(m.group("n")) + 1, (int(m.group("n")),)
        elif group_rx.match(c.text):
            cur, regrouped = None, True
        elif cur is not None:
            cur.append(c)
    return rows


def _dotted(number: str) -> tuple[int, ...]:
    """A nested row number as its parts: '2.1' -> (2, 1)."""
    return tuple(int(x) for x in number.split("."))


def _follows(last: tuple[int, ...], number: tuple[int, ...]) -> bool:
    """`number` is the first child of `last` (1 -> 1.1), the next sibling of it or of its parent (1.1 -> 1.2;
    1.2.3 -> 1.3), or the first child of the group after its own, which a group row numbered otherwise opens
    (1.3 -> 'II' -> 2.1)."""
    if number == (*last, 1) or (last and number == (last[0] + 1, 1)):
        return True
    return any(number == (*last[:k - 1], last[k - 1] + 1) for k in range(2, len(last) + 1))


def _looks_like(kind: str, cell: Cell) -> bool:
    s = cell.text
    if kind == "time":
        return len(s) <= 80 and find_deadline(s, cell=True) is not None
    if kind in ("lead", "support"):
        e = strip_officers(expand_abbreviations(s))  # 'BQL các KCN' names a body as 'Ban Quản lý các khu công
        # nghiệp' does; 'Tổng Thanh tra Chính phủ' stands for 'Thanh tra Chính phủ'
        named = head_of(e) is not None  # a cell opening with a body may say when it acts ('… Các sở, ngành, UBND
        # cấp xã thực hiện công bố dữ liệu mở hằng năm'); any other cell holding a time phrase is a time cell
        return len(s) <= 250 and (find_deadline(s, cell=True) is None or named and not _is_time_first(s)) \
            and not s.startswith(("-", "+")) and (named or is_collective(e) or e.lower().startswith(("các ", "ủy ban")))
    return len(s) <= 250 and not s.startswith(("-", "+"))


def _assign(after: list[str], tail: list[Cell], leftover: bool = False) -> dict[str, Cell] | None:
    """Cells of `tail` in column order; a column whose cell does not fit is taken as empty (the portal
    text drops empty cells). None when a line is left over, unless `leftover` allows it."""
    out, i = {}, 0
    for k, kind in enumerate(after):
        if kind == "other" and "time" in after[k + 1:] and i < len(tail) and _ends_task(["time"], tail[i]):
            continue  # 'Tháng 6/2026' is the time cell after an empty result cell, not the result
        if i < len(tail) and _looks_like(kind, tail[i]):
            out[kind] = tail[i]
            i += 1
    return out if i == len(tail) or leftover else None


def _body_line(cell: Cell) -> bool:
    """A line that is only a list of bodies ('Bộ Tư pháp'): in a row it opens the lead cell, never a task line."""
    return _looks_like("lead", cell) and is_body_cell(cell.text) and not rx("layout.open_end").search(cell.text)


def _cut_body_line(lines: list[Cell], n: int) -> bool:
    """A lead line a page break cut after a plural determiner, before the support cell's own ('Các bộ, cơ quan ngang
    bộ, Ủy ban nhân dân các' / 'Các bộ, ngành, cơ quan liên quan'): it opens the lead cell."""
    return n + 1 < len(lines) and determiner_twice(lines[n].text, lines[n + 1].text) and _looks_like(
        "lead", lines[n]) and is_body_cell(re.sub(r"\s+\S+$", "", lines[n].text.strip()))


def _name_across(line: str, next_line: str) -> bool:
    """True when the last body of `line` and the words of `next_line` make (or begin) one name the gazetteer
    knows, abbreviations expanded: 'Thanh tra' / 'Chính phủ,'; '…, Ủy ban Công tác về các tổ chức' / 'PCPNN,'."""
    last = re.split(r"[,;]\s*", line.strip().rstrip(" ,;"))[-1]
    return bool(last) and begins_a_name(expand_abbreviations(f"{last} {next_line.strip().rstrip(' ,;')}"))


def _join_wrapped_bodies(lines: list[Cell]) -> list[Cell]:
    """Lines of one body cell that wrapped ('Các Bộ, ngành,' / 'Ủy ban nhân dân cấp tỉnh, cơ quan ... liên
    quan'; 'Các bộ ở' / 'Trung ương,'): a line ending open (a comma, 'ở', 'của', 'và' ...) joined with the next
    when the two read as one list of bodies; two lines that make one name the gazetteer knows ('Thanh tra' /
    'Chính phủ,') or cut a proper name ('Các cơ quan đại diện Việt' / 'Nam tại nước ngoài') are one line."""
    out: list[Cell] = []
    for c in lines:
        prev = out[-1] if out else None
        if prev is not None and (_name_across(prev.text, c.text) or proper_name_across(prev.text, c.text)):
            # 'Thanh tra' / 'Chính phủ,'; 'Ủy ban Công tác về các tổ chức' / 'PCPNN,'; 'đại diện Việt' / 'Nam'
            out[-1] = Cell(prev.start, c.end, f"{prev.text} {c.text}")
            continue
        if prev is not None and rx("layout.open_end").search(prev.text) and not c.text.startswith(("-", "+")) \
                and not name_cut_before(prev.text, c.text) and not determiner_twice(prev.text, c.text):
            joined = f"{prev.text} {c.text}"
            if _looks_like("lead", Cell(prev.start, c.end, joined)) and is_body_cell(joined.rstrip(" ,")):
                out[-1] = Cell(prev.start, c.end, joined)
                continue
        out.append(c)
    return out


_RELATED_END = re.compile(r"liên\s+quan\s*[;,.]?$")


def _support_lines_joined(after: list[str], lines: list[Cell]) -> list[Cell]:
    """The lines of a support cell listed one body a line after the lead line ('Bộ Tài chính' / 'Cơ quan, tổ
    chức, doanh nghiệp liên quan' under 'Bộ Khoa học và Công nghệ') as one cell, its bodies kept apart by ';'."""
    if "lead" not in after or "support" not in after:
        return lines
    first = next((n for n in range(1, len(lines)) if _body_line(lines[n])), None)
    if first is None:
        return lines
    end = first + 1
    while end < len(lines) and _looks_like("support", lines[end]) and is_body_cell(lines[end].text.rstrip(" ;,")):
        end += 1
        if _RELATED_END.search(lines[end - 1].text):  # the list closes with its collective ('… liên quan'); the
            break  # body lines after it are the next column's ('Cấp trình': Quốc hội, Chính phủ)
    else:
        return lines
    if end - first - 1 < 2:
        return lines
    listed = lines[first + 1:end]
    joined = Cell(listed[0].start, listed[-1].end, "; ".join(c.text.rstrip(" ;,") for c in listed))
    return [*lines[:first + 1], joined, *lines[end:]]


def split_row(columns: list[str], lines: list[Cell]) -> tuple[list[Cell], dict[str, Cell]] | None:
    """Task lines and the single-line cells after them, aligned by what each cell looks like."""
    ti = columns.index("task")
    before, after = columns[1:ti], columns[ti + 1:]
    lines = _support_lines_joined(after, _join_wrapped_bodies(lines[1 + len(before):]))
    if "time" not in after and len(lines) > 2 and _ends_task(["time"], lines[-1]):
        after = [*after, "time"]  # a header whose time cell the text lost ('Thời hạn hoàn thành' run into the
        # row after it): the row's last line is only a time phrase ('Quý II/2026', 'Thường xuyên')
    for j in range(1, len(lines) + 1):
        cells = _assign(after, lines[j:])
        if cells is not None and "lead" in cells:
            k = next((n for n in range(1, j) if _body_line(lines[n])), None)
            loose = _assign(after, lines[k:], leftover=True) if k is not None else None
            if k is not None and loose and "lead" in loose:  # a body line among the 'task' lines: the row ran
                return lines[:k], loose  # on past its cells (a footnote, a page header); the body line leads
            return lines[:j], cells
    first_body = next((n for n in range(1, len(lines)) if _body_line(lines[n]) or _cut_body_line(lines, n)), None)
    loose = _assign(after, lines[first_body:], leftover=True) if first_body is not None else None
    if first_body is not None and loose and "lead" in loose:  # cells that fit no column order: the first
        # body line leads, the columns after it are read as far as they fit; lines after the row's last cell
        # are the cells' continuations after a page break
        return _page_continued(after, lines[:first_body], loose, lines[first_body:])
    k = len(after)
    if len(lines) < 1 + k:
        return None
    return lines[:len(lines) - k], dict(zip(after, lines[len(lines) - k:], strict=True))


def _continues_cell(kind: str, cell: Cell, line: Cell) -> bool:
    """True when `line` can go on with `cell` of column `kind` cut by a page break: a task line not closed by
    its full stop before a line in lower case; a body cell that the line makes one list of bodies with, where the
    cell asks for more (a line in lower case, a cell ending open before a body, a name cut short that the line
    completes)."""
    text, nxt = cell.text.rstrip(), line.text.strip()
    if kind == "task":
        return nxt[:1].islower() and not text.endswith((".", ";", ":", "!", "?"))
    if kind in ("lead", "support"):
        last = re.split(r"[,;]\s*", text)[-1]
        if nxt[:1].islower():  # 'Bộ Tài chính, các bộ, ngành, cơ' / 'quan, tổ chức có liên quan'; never after a
            goes_on = text.endswith(",") or bool(rx("layout.open_end").search(text)) or cut_name(last) or not (
                head_of(last) or is_collective(last))  # whole name ('Bộ Y tế')
        elif text.endswith(",") or rx("layout.open_end").search(text):
            goes_on = _opens_body(nxt)  # 'Các Bộ, ngành, địa phương,' / 'UBND tỉnh, thành phố'
        else:  # 'Đài Truyền hình Việt Nam, Đài Tiếng nói' / 'Việt Nam và các bộ, ngành,'
            goes_on = name_goes_on(last, nxt)
        return goes_on and is_body_cell(f"{text} {nxt}".rstrip(" ,;."))
    return kind == "other" and nxt[:1].islower()


def _page_continued(after: list[str], task: list[Cell], cells: dict[str, Cell],
                    tail: list[Cell]) -> tuple[list[Cell], dict[str, Cell]]:
    """A row whose cells a page break cut (gazette text, the header not repeated): the lines after its last
    cell, its time cell, go on with the cells still open (`_continue_cells`)."""
    used = max((c.end for c in cells.values()), default=0)
    rest = [c for c in tail if c.start >= used]
    if not rest or "time" not in cells or rest[0].start < cells["time"].end:
        return task, cells
    return _continue_cells(after, task, cells, rest)


def _continue_cells(after: list[str], task: list[Cell], cells: dict[str, Cell],
                    lines: list[Cell]) -> tuple[list[Cell], dict[str, Cell]]:
    """`lines` going on with the cells of a row a page break cut, in column order ('… dự báo tình' / … / 'Thực
    hiện thường xuyên.' / 'hình, xu hướng thế giới …' / 'về các tổ chức' / 'PCPNN'): each line with the first
    open cell from the one the line before went to, a body name the line completes ('Ủy ban Công tác' / 'về các
    tổ chức') first; the first line that goes on with none ends them."""
    order = ["task", *[k for k in after if k in cells and k != "time"]]
    current: dict[str, Cell] = {"task": _merged(task), **cells}
    at = 0
    for line in lines:
        named = [k for k in order[at:] if k in ("lead", "support") and _name_across(current[k].text, line.text)]
        kind = named[0] if named else next((k for k in order[at:] if _continues_cell(k, current[k], line)), None)
        if kind is None:
            break
        at = order.index(kind)
        if kind == "task":
            task = [*task, line]
            current["task"] = _merged(task)
        else:
            cells = {**cells, kind: Cell(current[kind].start, line.end, f"{current[kind].text} {line.text}")}
            current[kind] = cells[kind]
    return task, cells


_MAX_TASK_LINES = 8


def _ends_task(after: list[str], cell: Cell) -> bool:
    """True when `cell` is no task line but the first cell after a row's task: a body or a time cell
    that is only a time phrase ('Năm 2022', not 'Năm 2022 tổ chức hội nghị')."""
    if "lead" in after and _looks_like("lead", cell):
        return True
    hit = locate_deadline(cell.text, cell=True) if "time" in after and len(cell.text) <= 80 else None
    return hit is not None and hit.end - hit.start >= 0.6 * len(cell.text)


def _unnumbered_rows(table: Table) -> list[tuple[list[Cell], dict[str, Cell]]]:
    """Rows of a table without a number column: task lines up to the first body or time cell, then the
    cells of the later columns in order. An 'other' cell (Sản phẩm, Kinh phí) is taken only when a task
    line is left for the next row and the line after it is no dash (the dashes of a task follow its
    title); the table ends at the first row without a lead."""
    cells, after = table.body, table.columns[1:]
    rows, i = [], 0
    while i < len(cells):
        j = i + 1
        while j < len(cells) and j - i <= _MAX_TASK_LINES and not _ends_task(after, cells[j]):
            j += 1
        if j >= len(cells) or j - i > _MAX_TASK_LINES:
            break
        got: dict[str, Cell] = {}
        for kind in after:
            if j >= len(cells):
                break
            if kind == "other":
                nxt = next((m for m in range(j + 1, len(cells)) if _ends_task(after, cells[m])), None)
                dash = j + 1 < len(cells) and cells[j + 1].text.startswith(("-", "+"))
                if not cells[j].text.startswith(("-", "+")) and (nxt is None or (nxt - j >= 2 and not dash)):
                    got[kind] = cells[j]
                    j += 1
            elif _looks_like(kind, cells[j]) and (kind != "time" or _ends_task(["time"], cells[j])):
                got[kind] = cells[j]
                j += 1
        if "lead" not in got:
            break
        first_cell = min(c.start for c in got.values())
        rows.append(([c for c in cells[i:j] if c.start < first_cell], got))
        i = j
    return rows


def _loose_row(columns: list[str], row: list[Cell]) -> tuple[list[Cell], dict[str, Cell]] | None:
    """A row whose cells wrap over several lines (gazette text): the task lines up to the first line naming a
    body, that line as the lead, a body line after it as the support, and a time line among the rest."""
    body = row[1:] if columns[0] == "number" else row
    k = next((i for i, c in enumerate(body) if i >= 1 and _looks_like("lead", c) and is_body_cell(c.text)), None)
    if k is None:
        return None
    cells, rest = {"lead": body[k]}, body[k + 1:]
    if "support" in columns and rest and _looks_like("support", rest[0]) and is_body_cell(rest[0].text):
        cells["support"], rest = rest[0], rest[1:]
    when = next((c for c in rest if "time" in columns and _looks_like("time", c) and _ends_task(["time"], c)), None)
    if when is not None:
        cells["time"] = when
    return body[:k], cells


def _run_together(text: str, columns: list[str], row: list[Cell]) -> tuple[list[Cell], dict[str, Cell]] | None:
    """A row whose cells the text layer ran together on one line (gazette text: '... người lao động Các bộ,
    cơ quan ngang bộ, Ủy ban nhân dân các tỉnh Các bộ, ngành liên quan Cấp có thẩm quyền Văn bản ...'): the
    task up to the first body list that follows a word with a space (not 'của Ban Chỉ đạo') and is followed
    by another cell or the line's end, that list as the lead, a body list right after it as the support, and
    a time phrase among the rest."""
    body = row[1:] if columns[0] == "number" else row
    for i, c in enumerate(body):
        for m in rx("layout.cell_break").finditer(c.text):
            pos = c.start + m.end()
            if (i == 0 and m.start() < 15) or rx("layout.before_name").search(c.text[:m.end()]):
                continue
            listed, stop = body_list_at(text, pos, c.end)
            nxt = text[stop:c.end]
            if not listed or not (nxt.strip() == "" or re.match(r"\s+[A-ZĐÀ-Ỹ\d]", nxt)):
                continue
            lead = Cell(pos, stop, text[pos:stop])
            if not (_looks_like("lead", lead) and is_body_cell(lead.text)):
                continue
            cells = {"lead": lead}
            gap = re.match(r"\s+", nxt)
            if "support" in columns and gap:
                sup, sstop = body_list_at(text, stop + gap.end(), c.end)
                if sup and is_body_cell(text[stop + gap.end():sstop]):
                    cells["support"] = Cell(stop + gap.end(), sstop, text[stop + gap.end():sstop])
            rest = [Cell(c.start + m.start(), c.end, c.text[m.start():]), *body[i + 1:]]
            when = next((x for x in reversed(rest) if "time" in columns and (hit := locate_deadline(x.text, cell=True))
                         and hit.end >= len(x.text) - 2), None)
            if when is not None:
                hit = locate_deadline(when.text, cell=True)
                assert hit is not None
                cells["time"] = Cell(when.start + hit.start, when.start + hit.end, when.text[hit.start:hit.end])
            return [*body[:i], Cell(c.start, c.start + m.start(), c.text[:m.start()])], cells
    return None


def _lead_and_support(cells: dict[str, Cell]) -> tuple[list[str], list[str]]:
    """The bodies of a row's lead and support cells; a lead line holding two cells side by side ('Các bộ,
    cơ quan ngang bộ Bộ Tư pháp', no comma between) gives its second cell as the support."""
    lead_cell, support_cell = cells.get("lead"), cells.get("support")
    if lead_cell is None or not _looks_like("lead", lead_cell):
        return [], []
    lead_cell = Cell(lead_cell.start, lead_cell.end, strip_officers(lead_cell.text))
    if support_cell is not None:
        support_cell = Cell(support_cell.start, support_cell.end, strip_officers(support_cell.text))
    if not is_body_cell(lead_cell.text):
        return [], []
    parts = _body_parts(lead_cell.text)
    lead = _clause_subjects(lead_cell.text) or split_body_list(parts[0])
    support = [b for p in parts[1:2] if support_cell is None for b in split_body_list(p)]
    support += [b for p in _body_parts(support_cell.text, keep_first=False) for b in split_body_list(p)] \
        if support_cell else []
    return lead, [s for s in support if s not in lead]


def _clause_subjects(text: str) -> list[str] | None:
    """The bodies of a lead cell written as clauses, each opening with its doers and what they do ('Sở KH&CN chủ
    trì hướng dẫn, tổng hợp; Các sở, ngành, UBND cấp xã thực hiện công bố dữ liệu mở …'); None for a cell of
    names only."""
    out: list[str] = []
    for clause in re.split(r";\s*", text.strip().rstrip(" .;")):
        clause = expand_abbreviations(clause)
        listed, stop = body_list_at(clause, 0)
        rest = clause[stop:].strip()
        if not listed or not (rx("lead.subject_verb").match(rest) or rx("lead.marker").match(" " + rest)):
            return None
        out += [b.name for b in listed if b.name not in out]
    return out


def _body_parts(text: str, keep_first: bool = True) -> list[str]:
    """The cells of a line standing side by side that name bodies, up to the first that does not ('Các bộ,
    cơ quan ngang bộ Đề án trình': a wrapped result cell run into the support cell); with `keep_first`, the
    first cell even when it names none (a lead cell checked before)."""
    parts = side_by_side(text)
    k = next((i for i, p in enumerate(parts) if not is_body_cell(p)), len(parts))
    return parts[:k] or (parts[:1] if keep_first else [])


def _opens_body(s: str) -> bool:
    """A line that opens a body cell: a body name or a collective, maybe after an item number ('1. Bộ …')."""
    s = re.sub(r"^\d{1,2}\s*[.)]\s+", "", s)
    return s[:1].isupper() and _looks_like("lead", Cell(0, len(s), s))


@lru_cache(maxsize=1)
def _value_start() -> re.Pattern[str]:
    return re.compile(load_rules("obligations").data["table_value_start"])


def _is_value_start(s: str) -> bool:
    """A line that opens a value cell of an indicator table ('Phấn đấu ≥', '10,0', '11 - 12', 'Thuộc nhóm')."""
    return bool(_value_start().match(s))


def _merged(lines: list[Cell]) -> Cell:
    return Cell(lines[0].start, lines[-1].end, " ".join(c.text for c in lines))


def _goes_on(cell: list[Cell], line: Cell) -> bool:
    """True when `line` continues the body cell whose lines are `cell` rather than opening the next one: it opens
    in lower case; the line before asks for more ('Bộ Nông nghiệp và' / 'Môi trường', 'Bộ Tài chính, Bộ' /
    'Công Thương'); it is the next item of a numbered cell ('2. Các bộ, …' after '1. Bộ Tài chính …'); or it
    ends a proper name the line before began and opens no body ('Ngân hàng Nhà nước Việt' / 'Nam'), or the two
    lines make one name the gazetteer knows though each opens one ('Thanh tra' / 'Chính phủ,')."""
    prev = " " + cell[-1].text
    if name_cut_before(prev.strip(), line.text) or (line.text[:1].isalnum() and _ends_task(["time"], line)):
        return False  # '2026 - 2027' opens the time cell; '(trong Quý II/2026).' ends a numbered lead cell's item
    if _name_across(prev, line.text):  # 'Thanh tra' / 'Chính phủ,'
        return True
    if not line.text[:1].isupper() or rx("layout.open_end").search(prev) or _wrapped_rx()["head_end"].search(prev):
        return True
    if re.match(r"\d{1,2}\s*[.)]\s", line.text) and re.match(r"\d", cell[0].text):
        return True
    return not _opens_body(line.text) and bool(re.search(r"\s[A-ZĐÀ-Ỹ]\w*$", prev))


def _body_cells(lines: list[Cell]) -> tuple[list[list[Cell]], list[Cell]]:
    """The body cells at the start of `lines` (a lead cell, a support cell ...) and the lines after them: a line
    opening a body starts a new cell unless it goes on with the one before (`_goes_on`); the first line of the
    next sub-row ('- Vận tải, kho bãi', 'Trong đó: …') or a line of no body ends them."""
    cells: list[list[Cell]] = []
    for k, c in enumerate(lines):
        if cells and _wrapped_rx()["sub_row"].match(c.text):
            return cells, lines[k:]
        if cells and _goes_on(cells[-1], c):
            cells[-1].append(c)
        elif _opens_body(c.text):
            cells.append([c])
        else:
            return cells, lines[k:]
    return cells, []


def _cells_run_on(cell: Cell) -> list[Cell]:
    """A row's line on which normalizing ran its cells together ('… (IIP) (%) 11 - 12 Bộ Công Thương Bộ Tài
    chính, các bộ …', '… kỷ nguyên mới Tháng 12/2026 Bộ Tư pháp Các bộ …', '… yêu cầu tăng trưởng “2 con số” Quý
    II/2026') cut back into the indicator or task, the value or time, and the body cells standing side by side."""
    spans = [(m.start(), m.end()) for m in _wrapped_rx()["value_run"].finditer(cell.text)]
    spans += [(d.start, d.end) for d in find_deadlines(cell.text, cell=True)]  # 'kỷ nguyên mới Tháng 12/2026 Bộ …'
    for start, end in sorted(spans):
        rest = cell.text[end:].lstrip()
        timed = find_deadline(cell.text[start:end], cell=True) is not None
        # 'Thành phố Hải Phòng 13,0 - 14,0'; a time cell opening in capitals ends the task's line ('… “2 con số”
        # Quý II/2026'), where a time phrase of the task itself is written in lower case ('… đến năm 2030')
        ends_line = not rest and (not timed or cell.text[start:start + 1].isupper())
        if start < 8 or not (_opens_body(rest) or ends_line):
            continue
        cuts = [(0, start), (start, end)]
        pos = len(cell.text) - len(rest)
        for part in side_by_side(rest):
            at = cell.text.find(part, pos)
            cuts.append((at, at + len(part)))
            pos = at + len(part)
        return [Cell(cell.start + a, cell.start + b, cell.text[a:b].strip()) for a, b in cuts if cell.text[a:b].strip()]
    return [cell]


@lru_cache(maxsize=1)
def _group_row() -> re.Pattern[str]:
    """A group row's number ('I', 'II.'; rules/obligations.yaml `table_group_number`)."""
    return re.compile(load_rules("obligations").data["table_group_number"])


def _wrapped_rows(columns: list[str], row: list[Cell]) -> list[tuple[list[Cell], dict[str, Cell]]]:
    """The rows of a numbered row whose cells wrap over lines (gazette text): the task lines up to a value
    line or a body line, the value lines (an indicator table's target), then the body cells in column order
    (and the time cell, before or after them); lines left after them are a sub-row ('Trong đó: Nhóm nông, lâm,
    thuỷ sản / 10 - 12 / Bộ Nông nghiệp …'), or the cell of a last column after the bodies (a submitting level)."""
    gazette = load_rules("boilerplate").rule("gazette.page_header").rx
    lines = [c for k, c in enumerate(row[1:], 1) if not gazette.match(c.text)  # the page header and its number
             and not (re.fullmatch(r"\d{1,4}", c.text) and gazette.match(row[k - 1].text))]
    lines = [part for c in lines for part in _cells_run_on(c)]
    bodies = [k for k in columns if k in ("lead", "support")]
    out: list[tuple[list[Cell], dict[str, Cell]]] = []
    timed = "time" in columns
    trailing_other = "other" in columns and all(columns.index(k) < columns.index("other") for k in bodies)
    while lines:
        k = next((n for n, c in enumerate(lines) if n and (_is_value_start(c.text) or _opens_body(c.text)
                                                             or timed and _ends_task(["time"], c))), None)
        if k is None:
            break
        task, rest = lines[:k], lines[k:]
        when: list[Cell] = []
        while timed and rest and _ends_task(["time"], rest[0]):  # 'Tháng 12/2026' before the bodies
            when, rest = when + [rest[0]], rest[1:]
        values: list[Cell] = []
        while rest and not _opens_body(rest[0].text) and not (values and (
                _wrapped_rx()["sub_row"].match(rest[0].text) or _group_row().fullmatch(rest[0].text.strip()))):
            values, rest = values + [rest[0]], rest[1:]  # a group row ('I' / 'THEO NGÀNH, LĨNH VỰC') ends them
        found, rest = _body_cells(rest)
        if timed and not when and rest and _ends_task(["time"], rest[0]):  # the time cell after the bodies
            when, rest = [rest[0]], rest[1:]  # ('Bộ Khoa học và Công nghệ' / … / '2026 - 2027')
        if not found and values and "other" in columns:  # a row of figures with no body ('- Công nghiệp / 11,8'
            out.append((task, {"other": _merged(values)}))  # under a group with its own bodies)
            lines = rest
            continue
        if not found or rest == lines:
            break
        cells = {kind: _merged(c) for kind, c in zip(bodies, found, strict=False)}
        if values and "other" in columns:
            cells["other"] = _merged(values)
        if when:
            cells["time"] = _merged(when)
        if rest and trailing_other and "other" not in cells:  # 'Cấp trình' after the time: 'Bộ Chính trị,' /
            cells["other"], rest = _merged(rest), []  # 'Đảng ủy Chính' / 'phủ' is that cell, no sub-row
        out.append((task, cells))
        lines = rest
    return out


_RANGE_CUT = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*[-–]\s*$")  # a time range the cell's width cut after its dash
_YEAR_FIRST = re.compile(r"\s*(?:19|20)\d{2}(?!\d)")


def _last_line_time(columns: list[str], row: list[Cell], cells: dict[str, Cell]) -> dict[str, Cell]:
    """The time cell of a row whose cells wrapped past the column order: its last line when the header ends with
    the time column ('Hội nghị, tập huấn, báo cáo.' / '100% cán bộ …' / 'Thực hiện thường xuyên, lồng ghép …'),
    else the one line after its bodies that is only a time phrase ('Tháng 9/2026' before 'Chương trình số 12-')."""
    if "time" not in columns or "time" in cells or len(row) < 3:
        return cells
    if columns[-1] != "time":  # a column after the time cell ('Căn cứ': 'Chương trình số 12-' / 'CTr/BCĐ')
        after = columns[columns.index("time") + 1:]
        used = max((c.end for c in cells.values()), default=row[0].end)
        timed = [c for c in row[1:] if c.start >= used and len(c.text) <= 40 and _is_time_first(c.text)
                 and find_deadline(c.text, cell=True) is not None]
        if not timed and "time" not in after:  # 'Báo cáo hằng năm 2026 và hằng năm': the product and the time
            bodies_end = max((c.end for k, c in cells.items() if k in ("task", "lead", "support")), default=0)
            spare = [c for c in row[1:] if c.start >= bodies_end and all(c is not v for v in cells.values())]
            timed = [t for t in map(_time_at_end, spare[:1]) if t is not None] if len(spare) == 1 else []
        return {**cells, "time": timed[0]} if len(timed) == 1 and "time" not in after else cells
    last = row[-1]
    if any(c is last for c in cells.values()):
        return _time_run_on(cells, last)
    if _RANGE_CUT.search(row[-2].text) and _YEAR_FIRST.match(last.text):  # 'Năm 2026 –' / '2030': one range
        last = _merged(row[-2:])
    return {**cells, "time": last} if _is_time_first(last.text) else cells


def _time_run_on(cells: dict[str, Cell], last: Cell) -> dict[str, Cell]:
    """The time cell run onto the end of the row's last cell, a product cell, by the layout ('Các nhiệm vụ liên quan
    đến công tác cán bộ Thường xuyên'): cut off as the row's time cell."""
    hit = locate_deadline(last.text, cell=True)
    kind = next(k for k, c in cells.items() if c is last)
    if kind != "other" or hit is None or hit.start == 0 or hit.end < len(last.text.rstrip(" .;")) \
            or not last.text[hit.start - 1].isspace() or not last.text[hit.start].isupper():
        return cells  # a time cell opens in capitals ('… cán bộ Thường xuyên'), a product's own phrase does not
    before = last.text[:hit.start].rstrip()
    return {**cells, kind: Cell(last.start, last.start + len(before), before),
            "time": Cell(last.start + hit.start, last.start + hit.end, last.text[hit.start:hit.end])}


def _time_at_end(line: Cell) -> Cell | None:
    """The time phrase a line ends with, opening with a capital or a figure after a space (a product cell and a
    time cell run together: 'Báo cáo hằng năm 2026 và hằng năm' -> '2026 và hằng năm')."""
    text = line.text.rstrip(" .;")
    for word in re.finditer(r"(?<=\s)[^\W_]", text):
        if word.group().isupper() or word.group().isdigit():
            hit = locate_deadline(text[word.start():], cell=True)
            if hit is not None and hit.start == 0 and word.start() + hit.end == len(text):
                return Cell(line.start + word.start(), line.start + len(text), text[word.start():])
    return None


_TIME_LEAD_IN = len("Thực hiện ")  # how far into a time cell its phrase may start ('Thực hiện thường xuyên')


def _is_time_first(text: str) -> bool:
    """A time cell's text: a time phrase opens it ('Thực hiện thường xuyên, lồng ghép …', 'Năm 2026 - 2028')."""
    hit = locate_deadline(text, cell=True)
    return hit is not None and hit.start <= _TIME_LEAD_IN


def row_splits(table: Table, row: list[Cell]) -> list[tuple[list[Cell], dict[str, Cell]]]:
    """A numbered row's task lines and its other cells by column kind: the sub-rows of a row whose cells wrap
    over lines (gazette text), else the one split of a row whose cells are a line each."""
    if table.wrapped:
        return _wrapped_rows(table.columns, row)
    split = _split_with_time(table.columns, row)
    return [split] if split is not None else []


def _split_with_time(columns: list[str], row: list[Cell]) -> tuple[list[Cell], dict[str, Cell]] | None:
    """`split_row`, with the row's last line as its time cell when the cells before it wrapped."""
    split = split_row(columns, row)
    return (split[0], _last_line_time(columns, row, split[1])) if split is not None else None


_NUMBERED_ITEM = re.compile(r"(?:^|\s)\d{1,2}\s*[.)]\s+")  # a numbered item of a body cell ('1. Bộ Tài chính …')


def _item_bodies(cell: Cell | None) -> list[str]:
    """The bodies a wrapped body cell names: the list of bodies opening each of its numbered items ('1. Bộ Tài
    chính đầu mối tham mưu … 2. Các bộ, cơ quan, địa phương, các tập đoàn … theo chức năng')."""
    out: list[str] = []
    for item in _NUMBERED_ITEM.split(cell.text if cell else ""):
        item = strip_officers(expand_abbreviations(item.strip()))
        names = split_body_list(item) if distributed_list(item) else [b.name for b in body_list_at(item, 0)[0]]
        out += [name for name in names if name not in out]  # 'Các Bộ: Tài chính, Xây dựng …' names each ministry
    return out


def _wrapped_bodies(cells: dict[str, Cell]) -> tuple[list[str], list[str]]:
    """The lead and support of a wrapped row's body cells; a lead line holding the support cell beside it and no
    support line of its own ('Bộ Nông nghiệp và Môi trường Các bộ, cơ quan, địa' / 'phương') gives it as the
    support."""
    lead_cell, support_cell = cells.get("lead"), cells.get("support")
    if lead_cell is not None and support_cell is None and not _NUMBERED_ITEM.search(lead_cell.text):
        parts = _body_parts(lead_cell.text, keep_first=False)
        if len(parts) == 2:
            at = lead_cell.text.find(parts[1])
            lead_cell, support_cell = (Cell(lead_cell.start, lead_cell.start + at, lead_cell.text[:at].strip()),
                                       Cell(lead_cell.start + at, lead_cell.end, parts[1]))
    return _item_bodies(lead_cell), _item_bodies(support_cell)




@dataclass
class WrappedValue:
    """A value cell of a wrapped indicator table and what it needs to become a target."""

    indicator: Cell
    value: Cell
    header_year: int | None
    owner: Cell | None  # the indicator of the row a sub-row is part of
    header_unit: str | None  # a unit the header gives its value column ('(%/NĂM)' -> '%/năm')


def wrapped_value_rows(text: str) -> list[WrappedValue]:
    """The value cells of each row of the indicator tables whose cells wrap (a task
    table whose 'Chỉ tiêu' column is the task and whose 'Mục tiêu 2026 - 2030' column holds the values)."""
    out = []
    for table in find_tables(text):
        if not table.wrapped or table.columns[0] != "number" or "other" not in table.columns:
            continue
        header = text[table.header_start:table.body[0].start if table.body else table.header_start]
        years = re.findall(r"\b(?:19|20)\d{2}\b", header)
        unit = _wrapped_rx()["header_unit"].search(header)  # '(%/NĂM)', '(TRIỆU ĐỒNG)'
        unit_text = unit.group(1).lower().replace(" ", "") if unit and "%" in unit.group(1) else \
            unit.group(1).lower() if unit else None
        for row in rows_of(table):
            parts = _wrapped_rows(table.columns, row)
            for n, (task, cells) in enumerate(parts):
                if "other" in cells:
                    out.append(WrappedValue(_merged(task), cells["other"], int(years[-1]) if years else None,
                                            _merged(parts[0][0]) if n else None, unit_text))
    return out


@dataclass
class RowCells:
    """A task table row read into its task lines and its other cells by column kind."""

    start: int
    task: list[Cell]
    cells: dict[str, Cell]
    wrapped: bool  # read as a row whose cells wrap over lines (gazette text)


def _numbered_rows(table: Table) -> list[list[Cell]]:
    """The numbered rows of a table with a number column (`table_rows`), else none."""
    return table_rows(table) if table.columns[0] == "number" else []


def _row_cells(text: str, table: Table, numbered: list[list[Cell]]) -> list[RowCells]:
    """The rows of `table` with their cells: its numbered rows `numbered`, or rows read by their cells when
    unnumbered."""
    wrapped: dict[int, list[tuple[list[Cell], dict[str, Cell]]]] = {}
    splits: list[tuple[int, tuple[list[Cell], dict[str, Cell]] | None]] = []
    if table.columns[0] == "number":
        for row in rows_of(table, numbered):
            wrapped[row[0].start] = _wrapped_rows(table.columns, row) if table.wrapped else []
            parts: list[tuple[list[Cell], dict[str, Cell]] | None] = list(wrapped[row[0].start])
            splits += [(row[0].start, p) for p in parts or [_split_with_time(table.columns, row)]]  # a row
            # the text layer ran onto one line is read as before
    else:
        splits = [(r[0][0].start, r) for r in _unnumbered_rows(table)]
    rows = {r[0].start: r for r in numbered if not wrapped.get(r[0].start)}
    out = []
    for row_start, split in splits:
        if split is not None and not _lead_and_support(split[1])[0] and row_start in rows:
            split = _loose_row(table.columns, rows[row_start])
        together = _run_together(text, table.columns, rows[row_start]) if row_start in rows else None
        if together and (split is None or not _lead_and_support(split[1])[0]
                         or together[1]["lead"].start < max(c.end for c in split[0])):
            split = together  # the row's cells ran together: its lead stands inside what looked like the task
        if split is not None:
            out.append(RowCells(row_start, split[0], split[1], bool(wrapped.get(row_start))))
    return out


def _row_obligation(text: str, row: RowCells) -> Obligation | None:
    """The obligation of a task table row: its task, lead and support, and the deadline of its time cell."""
    task_cells, cells = row.task, row.cells
    lead, support = _wrapped_bodies(cells) if row.wrapped else _lead_and_support(cells)
    support = [b for b in support if b not in lead]
    if not lead or not task_cells:
        return None
    support = support or supports(text, task_cells[0].start, task_cells[-1].end, lead)
    time_cell = cells.get("time")
    deadline = find_deadline(time_cell.text, cell=True) if time_cell else None
    task = " ".join(re.sub(r"^[-–+•*]\s*", "", c.text) for c in task_cells)
    task = " ".join(task.split()).rstrip(" .;…")
    last = max(c.end for c in [*task_cells, *cells.values()])
    span = [row.start, last]
    return Obligation(task=task, lead=lead, support=support, deadline=deadline, span=span,
                      quote=text[span[0]:span[1]])


def table_obligations(text: str, table: Table) -> list[Obligation]:
    """One obligation per row of `table` (numbered rows, or rows read by their cells when unnumbered)."""
    rows = _row_cells(text, table, _numbered_rows(table))
    return [o for row in rows if (o := _row_obligation(text, row)) is not None]


def _lead_in(text: str, table: Table, rows: list[list[Cell]]) -> list[Cell]:
    """The lines of a numbered table before its first numbered row (of `rows`): in gazette text, where the header
    was repeated on a new page, the cells of the row the page break cut going on, the first maybe run onto the
    header's last line ('Thời gian thực hiện vừa và nhỏ phù hợp …')."""
    if table.wrapped or not rows:
        return []
    header = text[table.header_start:table.body[0].start if table.body else table.header_start].rstrip()
    at = table.header_start + header.rfind("\n") + 1
    line = text[at:table.header_start + len(header)].strip()
    tail = _header_with_row_tail(line) if _column_kind(line) is None else None
    run_on = [Cell(start, start + len(tail[1]), tail[1])] if tail and (start := text.find(tail[1], at)) >= 0 else []
    return run_on + [c for c in table.body if c.start < rows[0][0].start]


def _same_header(a: Table, b: Table) -> bool:
    """True when two tables have the same columns, one maybe with a last column the other's header lost."""
    n = min(len(a.columns), len(b.columns))
    return n > 2 and a.columns[:n] == b.columns[:n] and abs(len(a.columns) - len(b.columns)) <= 1


def appendix_obligations(text: str, tables: list[Table]) -> tuple[list[Obligation], list[tuple[int, int]]]:
    """Obligations of the task tables `tables` of the text (those grouped by their lead cell are left to
    grouped_tables), and their spans. A row cut by a page break before a repeated header takes back the
    lines that go on with its cells after the header ('Đài Truyền hình Việt / Nam, Đài / Tiếng nói' …
    'Việt Nam và các bộ, ngành,')."""
    obls: list[Obligation] = []
    spans = []
    last: tuple[Table, RowCells, int] | None = None  # the previous table's last row and its obligation's index
    for t in tables:
        if is_grouped(t):
            continue
        numbered = _numbered_rows(t)
        lead_in = _lead_in(text, t, numbered)
        if last is not None and lead_in and _same_header(last[0], t) and not last[1].wrapped:
            prev_table, prev_row, index = last
            after = prev_table.columns[prev_table.columns.index("task") + 1:]
            task, cells = _continue_cells(after, prev_row.task, prev_row.cells, lead_in)
            if (task, cells) != (prev_row.task, prev_row.cells):
                redone = _row_obligation(text, RowCells(prev_row.start, task, cells, False))
                obls[index] = redone or obls[index]
        rows = _row_cells(text, t, numbered)
        made = [o for row in rows if (o := _row_obligation(text, row)) is not None]
        obls += made
        last = (t, rows[-1], len(obls) - 1) if made and made[-1].span[0] == rows[-1].start else None
        end = max((o.span[1] for o in made), default=t.body[-1].end if t.body else t.header_start)
        spans.append((t.header_start, end))
    return obls, spans


# ---------------------------------------------------------------- labelled task blocks


@lru_cache(maxsize=1)
def _label_rx() -> re.Pattern[str]:
    labels = load_rules("obligations").data["labels"]
    alts = "|".join(f"(?P<{k}>{v})" for k, v in labels.items())
    return re.compile(rf"(?:^|(?<=[\s(;,.]))(?:{alts})\s*:\s*", re.IGNORECASE)


def _label_values(text: str, start: int, end: int) -> dict[str, tuple[int, int]]:
    """Label kind -> span of its value, for the labels in text[start:end]; a label with no value of its
    own ('Cơ quan thực hiện:' over '- Đơn vị chủ trì: …') leaves its kind to a later label."""
    found = list(_label_rx().finditer(text, start, end))
    out: dict[str, tuple[int, int]] = {}
    for i, m in enumerate(found):
        stop = found[i + 1].start() if i + 1 < len(found) else end
        vs, ve = m.end(), stop
        while ve > vs and text[ve - 1] in " \n\t;.,)+-–":
            ve -= 1
        if _value(text, (vs, ve)):
            out.setdefault(m.lastgroup or "", (vs, ve))
    return out


_ITEM = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]|[IVX]{1,4}\.)\s")


def _unbullet(s: str) -> str:
    return re.sub(r"^\s*(?:[-–+•*]|\d{1,2}[.)]|[a-zđ]\))\s*", "", s)


def _value(text: str, span: tuple[int, int]) -> str:
    """A label's value without the list marker of the next labelled line ('Bộ Tư pháp. 3.' -> 'Bộ Tư pháp')."""
    return re.sub(r"[\s.;,]+(?:\d{1,2}|[a-zđ])[.)]?\s*$", "", text[span[0]:span[1]]).strip(" .;,:")


def _pieces(text: str, span: tuple[int, int], separator: str) -> Iterator[tuple[int, int]]:
    """The pieces of text[span] between matches of `separator`, each without its leading blanks and list mark."""
    value, pos = text[span[0]:span[1]], 0
    for m in [*re.finditer(separator, value), None]:
        stop = m.start() if m else len(value)
        piece = value[pos:stop]
        if piece.strip():
            yield span[0] + pos + len(piece) - len(piece.lstrip(" \n\t-–+")), span[0] + stop
        pos = m.end() if m else stop


def _lead_clauses(text: str, span: tuple[int, int]) -> list[tuple[int, int, list[str]]]:
    """The clauses of a lead label's value that name their doers and then what they do ('Cơ quan thực hiện:
    Bộ Công an tiến hành rà soát …; các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh … rà soát …'): each
    piece between semicolons that opens with a list of bodies followed by four words or more starting in
    lower case, as (start, end, the bodies' names); a piece naming bodies only is no clause."""
    out = []
    for start, end in _pieces(text, span, ";"):
        found, stop = body_list_at(text, start, end)
        rest = text[stop:end].split()
        if found and len(rest) >= 4 and rest[0][:1].islower():
            out.append((start, len(text[:end].rstrip(" \n\t.,")), [b.name for b in found]))
    return out


def _deadline_of(text: str, span: tuple[int, int] | None, names: list[str]) -> Deadline | None:
    """The deadline of the line of a time label's value that opens with one of `names` ('Thời gian thực
    hiện: + Các bộ, cơ quan ngang bộ … gửi kết quả rà soát về Bộ Công an trước ngày 15 tháng 12 năm 2025;
    + Bộ Công an tổng hợp … trước ngày 31 tháng 12 năm 2025'); None when no line names them."""
    wanted = {n.lower() for n in names}
    for start, end in _pieces(text, span, r";|\n(?=\s*[-–+])") if span else ():
        found, _ = body_list_at(text, start, end)
        if any(b.name.lower() in wanted for b in found):
            return find_deadline(text[start:end])
    return None


@dataclass
class _Unit:
    """A block of a task listing: where its wording starts, and the label it opens with (if any)."""

    start: int
    end: int
    body: int
    label: re.Match[str] | None

    @property
    def kind(self) -> str | None:
        return self.label.lastgroup if self.label else None


def _units(text: str, blocks: list[tuple[int, int]]) -> list[_Unit]:
    rx = _label_rx()
    out = []
    for s, e in blocks:
        body = s + len(text[s:e]) - len(_unbullet(text[s:e]))
        out.append(_Unit(s, e, body, rx.match(text, body, e)))
    return out


def _group_end(text: str, units: list[_Unit], j: int) -> int:
    """Index after the labelled lines from `j`: label lines, and the bullets under a label that has no
    value of its own ('a) Nhiệm vụ:' then its dashes); a numbered item ends the group."""
    opener = units[j - 1].label
    open_label = opener is not None and not _value(text, (opener.end(), units[j - 1].end))
    while j < len(units):
        u = units[j]
        if u.label is not None:
            open_label = not _value(text, (u.label.end(), u.end))
        elif not open_label or _ITEM.match(text[u.start:u.end]):
            break
        j += 1
    return j


def _task_span(text: str, units: list[_Unit], i: int, j: int) -> tuple[int, int]:
    """The task wording of the group units[i:j]: a task label's value (or the bullets under it), else the
    lead-in block's text up to its first inline label."""
    rx = _label_rx()
    for k in range(i, j):
        u = units[k]
        if u.kind == "task":
            after = rx.search(text, u.label.end(), u.end) if u.label else None
            if _value(text, (u.label.end(), after.start() if after else u.end)) if u.label else False:
                return u.label.end() if u.label else u.body, after.start() if after else u.end
            nxt = next((m for m in range(k + 1, j) if units[m].label is not None), j)
            if nxt > k + 1:
                return units[k + 1].body, units[nxt - 1].end
    first = units[i]
    inline = rx.search(text, first.body, first.end)
    return first.body, inline.start() if inline else first.end


def labelled_obligations(text: str, blocks: list[tuple[int, int]]) -> tuple[list[Obligation], list[tuple[int, int]]]:
    """Obligations of task blocks followed (or ended) by labelled lead/support/time lines.

    `blocks` are the bullets and paragraphs of the text, in order, as (start, end) spans. A task is a
    block whose lines after it are labelled ("- Cơ quan chủ trì: …"), a block with inline labels
    ("(Cơ quan chủ trì: Sở Y tế; …)"), or a task label's value ("1. Tên nhiệm vụ: …", "a) Nhiệm vụ:"
    and the bullets under it).
    """
    units = _units(text, blocks)
    out, covered = [], []
    i = 0
    while i < len(units):
        u = units[i]
        inline = _label_rx().search(text, u.body, u.end) if u.label is None else None
        opens = u.kind == "task" or (u.label is None and (
            inline is not None or (i + 1 < len(units) and units[i + 1].label is not None)))
        if not opens:
            i += 1
            continue
        j = _group_end(text, units, i + 1)
        group_end = units[j - 1].end
        values = _label_values(text, u.label.start() if u.label else (inline.start() if inline else u.end),
                               group_end)
        lead = split_body_list(strip_officers(_value(text, values["lead"]))) if "lead" in values else []
        if not lead:
            i += 1
            continue
        support = split_body_list(strip_officers(_value(text, values["support"]))) if "support" in values else []
        task_start, task_end = _task_span(text, units, i, j)
        tm = values.get("time")
        deadline = find_deadline(_value(text, tm), cell=True) if tm else find_deadline(text[task_start:task_end])
        clauses = _lead_clauses(text, values["lead"])
        if len(clauses) >= 2:  # each doer's own clause is its task, and its own line of the time label
            out += [Obligation(task=" ".join(text[s:e].split()), lead=names,
                               support=[x for x in support if x not in names],
                               deadline=_deadline_of(text, tm, names) or deadline, span=[s, e],
                               quote=text[s:e]) for s, e, names in clauses]
            covered.append((u.start, group_end))
            i = j
            continue
        if clauses:  # one doer's clause: its names, not the words it goes on with
            inside = text[clauses[0][0]:clauses[0][1]]
            lead = list(dict.fromkeys(clauses[0][2] + [x for x in lead if x not in inside]))
        task = " ".join(text[task_start:task_end].split()).strip(" .;,(…:")
        out.append(Obligation(task=task, lead=lead, support=[x for x in support if x not in lead],
                              deadline=deadline, span=[u.start, group_end], quote=text[u.start:group_end]))
        covered.append((u.start, group_end))
        i = j
    return out, covered


# ---------------------------------------------------------------- tables of the document model


@dataclass
class TaskColumns:
    """Where a task table's columns are: the header row and column index -> kind."""

    header: int
    kinds: dict[int, str]


def task_columns(table: DocTable) -> TaskColumns | None:
    """The header of a task table (a row naming a task and a lead column), or None."""
    for r, row in enumerate(table.rows[:4]):
        kinds = {c: k for c, cell in enumerate(row) if cell and (k := _column_kind(cell.text.replace("\n", " ")))}
        if "task" in kinds.values() and "lead" in kinds.values():
            return _time_parts(table, TaskColumns(r, kinds))
    return None


def _time_parts(table: DocTable, cols: TaskColumns) -> TaskColumns:
    """The columns with the time column split in two by the header's second row ('Thời gian thực hiện' over 'Bắt
    đầu' | 'Hoàn thành', rules/obligations.yaml `table_time_parts`): its start and its end (the time column),
    the rows beginning under that second row."""
    col = next((c for c, k in cols.kinds.items() if k == "time"), None)
    if col is None or cols.header + 1 >= len(table.rows):
        return cols
    sub = table.rows[cols.header + 1]
    parts = load_rules("obligations").data["table_time_parts"]

    def named(c: int, part: str) -> bool:
        cell = sub[c] if c < len(sub) else None
        return cell is not None and re.match(parts[part], " ".join(cell.text.split()), re.IGNORECASE) is not None

    if named(col, "start") and named(col + 1, "end"):
        return TaskColumns(cols.header + 1, {**cols.kinds, col: "time_start", col + 1: "time"})
    return cols


def _cell_of(row: list[TableCell | None], kinds: dict[int, str], kind: str) -> TableCell | None:
    col = next((c for c, k in kinds.items() if k == kind), None)
    return row[col] if col is not None and col < len(row) else None


def _cell_bodies(cell: TableCell | None) -> list[str]:
    """The bodies a lead or support cell names (its paragraphs are list items); an officer stands for the body he
    heads ('Giám đốc Sở Tài chính', 'Tổng Thanh tra Chính phủ')."""
    if cell is None:
        return []
    paras: list[str] = []
    for para in (p.strip().lstrip("-+• ").strip() for p in cell.text.split("\n\n")):
        last = re.split(r"[,;]\s*", paras[-1])[-1] if paras else ""
        if paras and (rx("layout.open_end").search(paras[-1]) or name_goes_on(last, para)):
            paras[-1] = f"{paras[-1]} {para}"  # 'Bộ Khoa học và' / 'Công nghệ', 'Bộ Công an, Bộ' / 'Khoa học và
            # Công nghệ': one name wrapped
        elif para:
            paras.append(para)
    return [b for para in paras for b in split_body_list(strip_officers(para))]


_ROW_NUMBER_ONLY = re.compile(r"^(?:[IVXLC]+|\d{1,3})(?:\.\d{1,3})*\.?$")


def _no_task_row(row: list[TableCell | None], task: TableCell, lead: TableCell) -> bool:
    """A row of a Word or HTML task table that holds no task: the header repeated on a new page ('Nội dung' |
    'Đơn vị thực hiện'), a group row whose title spans the columns (its text in several cells, or only its
    number in the task column: 'III.1.1' | 'Nhóm các nền tảng …'), a gazette page header caught in a cell."""
    t, lead_text = " ".join(task.text.split()), " ".join(lead.text.split())
    if _column_kind(t) == "task" and _column_kind(lead_text) == "lead":
        return True
    gazette = load_rules("boilerplate").rule("gazette.page_header").rx
    if _ROW_NUMBER_ONLY.match(t) or gazette.match(re.sub(r"\s+\d{1,4}$", "", t)):  # the header and its page
        return True
    same = sum(1 for c in row if c is not None and " ".join(c.text.split()) == lead_text)
    return lead_text == t or same > 2


def row_obligation(text: str, row: list[TableCell | None], cols: TaskColumns,
                   above: dict[int, TableCell] | None = None) -> Obligation | None:
    """The obligation of one task-table row: its task cell, lead and support cells and time cell; `above`: the
    cells merged down over this row from the row above, by column (a reader gives a merged cell once, in its first
    row); the row's span is its own cells'."""
    own = row
    if above:
        row = [c if c is not None else above.get(j) for j, c in enumerate(row)]
    task_cell, lead_cell = _cell_of(row, cols.kinds, "task"), _cell_of(row, cols.kinds, "lead")
    if task_cell is None or lead_cell is None or _no_task_row(row, task_cell, lead_cell):
        return None
    lead = _cell_bodies(lead_cell)
    if not lead:
        return None
    support = [s for s in _cell_bodies(_cell_of(row, cols.kinds, "support")) if s not in lead]
    if not support:  # 'Chủ trì, phối hợp với Bộ Khoa học và Công nghệ …' written in the task cell
        support = supports(text, task_cell.start, task_cell.end, lead)
    time_cell, start_cell = _cell_of(row, cols.kinds, "time"), _cell_of(row, cols.kinds, "time_start")
    when = " - ".join(c.text.strip() for c in (start_cell, time_cell) if c is not None and c.text.strip())
    deadline = find_deadline(when, cell=True) if when else None  # 'Bắt đầu' | 'Hoàn thành': '2025 - 2026
    task = " ".join(re.sub(r"^[-–+•*]\s*", "", p.strip()) for p in task_cell.text.split("\n\n"))
    task = " ".join(task.split()).rstrip(" .;…")
    cells = [c for c in own if c]
    span = [min(c.start for c in cells), max(c.end for c in cells)]
    return Obligation(task=task, lead=lead, support=support, deadline=deadline, span=span,
                      quote=text[span[0]:span[1]])


def model_table_obligations(text: str, tables: list[DocTable]) -> tuple[list[Obligation], list[tuple[int, int]]]:
    """One obligation per row of every task table the readers gave as a table, and the tables' spans."""
    out, spans = [], []
    last: tuple[TaskColumns, int] | None = None  # the previous task table's columns and width
    for table in tables:
        width = max((len(r) for r in table.rows), default=0)
        cols = task_columns(table)
        if cols is None and last is not None and width == last[1]:
            cols = TaskColumns(-1, last[0].kinds)  # a table continued on the next page, its header not repeated
        if cols is None:
            last = None
            continue
        last = (cols, width)
        prev: list[TableCell | None] = []  # the row above, merged cells filled
        for r, row in enumerate(table.rows[cols.header + 1:], cols.header + 1):
            row, merged = _merged_from_above(table, r, row, cols, width, prev)
            ob = row_obligation(text, row, cols, merged)
            if ob:
                out.append(ob)
            prev = [c if c is not None else merged.get(j) for j, c in enumerate(row)] if ob else []
        spans.append((table.start, table.end))
    return out, spans


def _merged_from_above(table: DocTable, r: int, row: list[TableCell | None], cols: TaskColumns, width: int,
                       prev: list[TableCell | None]) -> tuple[list[TableCell | None], dict[int, TableCell]]:
    """Row `r` under its columns, and the cells of the row above merged down over it, by column: those a crawled
    row lacks, those the reader marked (Word's vMerge, HTML's rowspan; a group row's title stands alone), and a
    lead left empty in a numbered row (Word, HTML and PDF merge one lead over several tasks)."""
    row, missing = _short_row_aligned(row, cols, width)
    numbered = _numbered_task(row, cols)
    if numbered or _cell_of(row, cols.kinds, "number") is None:
        missing += [j for j in range(len(row)) if (r, j) in table.merged and row[j] is None]
    lead_col = next(c for c, k in cols.kinds.items() if k == "lead")
    if numbered and lead_col < len(row) and row[lead_col] is None:
        missing.append(lead_col)
    return row, {j: c for j in missing if j < len(prev) and (c := prev[j]) is not None}


def _short_row_aligned(row: list[TableCell | None], cols: TaskColumns,
                       width: int) -> tuple[list[TableCell | None], list[int]]:
    """A numbered row of a crawled page short of the header, its last cell a time under the header's last (time)
    column, put under its columns with the columns it lacks: a lead (and the support after it) merged down from the
    row above is printed once, in its first row ('5 | Triển khai … | Trung tâm Thông tin … | Hệ thống … | Tháng
    9/2026'; '14 | Tổng kết … | Báo cáo tổng kết | Tháng 12/2030'). Two cells short, the cell under the lead must name
    no body; any other short row stays as it is (crawlers drop empty cells too)."""
    kinds = cols.kinds
    task_col = next((c for c, k in kinds.items() if k == "task"), None)
    lead_col = next((c for c, k in kinds.items() if k == "lead"), None)
    short = width - len(row)
    last = row[-1] if row else None
    if short not in (1, 2) or task_col is None or lead_col != task_col + 1 or kinds.get(width - 1) != "time" \
            or last is None or find_deadline(last.text.strip(), cell=True) is None or not _numbered_task(row, cols):
        return row, []
    under_lead = row[lead_col] if lead_col < len(row) else None
    if short == 2 and (kinds.get(lead_col + 1) != "support" or under_lead is None or is_body_cell(under_lead.text)):
        return row, []
    missing = list(range(lead_col, lead_col + short))
    return [*row[:lead_col], *[None] * short, *row[lead_col:]], missing


def _numbered_task(row: list[TableCell | None], cols: TaskColumns) -> bool:
    """A row with its own number and task, so that an empty lead cell is one merged down from the row above (a group
    row, or a task's text running on into the next row, has no number of its own)."""
    number = _cell_of(row, cols.kinds, "number")
    return number is not None and bool(re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*\.?", number.text.strip())) and \
        _cell_of(row, cols.kinds, "task") is not None
