"""Task tables grouped by their lead body, as gazette text prints them.

A Government resolution's appendix often lists each body's tasks under one merged cell (STT | Đơn vị |
Nhiệm vụ chủ trì | Đơn vị phối hợp | Thời gian hoàn thành). The text layer prints that merged cell — its
number and the body's name — once, at the vertical middle of the rows it spans, and the rows themselves
carry no number: a task, its supporting bodies as numbered items ('(1) Bộ Tư pháp (2) Bộ Công an'), a time.
The rows are cut at their time cells, and each group label takes the rows around it: those since the
previous group's last row up to it, and about as many after it (a label sits in the middle of its group).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .appendix import Cell, Table, is_grouped, is_header_cell
from .bodies import is_body_cell, split_body_list
from .deadlines import find_deadline, find_deadlines
from .record import Obligation
from .rules import load_rules


@dataclass
class _Label:
    """A group's merged lead cell: its bodies and how many rows of the table come before it."""

    bodies: list[str]
    rows_before: int


@dataclass
class _Row:
    """One unnumbered row: its task, supporting bodies and time, and where it stands in the text."""

    start: int
    end: int
    task: str
    support: list[str]
    time: str | None


def _labels_and_lines(table: Table) -> tuple[list[tuple[int, list[str]]], list[tuple[int, int, str]]]:
    """The group labels (the index of the first row-text line after them, their bodies) and the row text
    lines (start, end, text) of a grouped table, page furniture and repeated headers left out."""
    data = load_rules("obligations").data
    number = re.compile(data["table_row_number"])
    gazette = load_rules("boilerplate").rule("gazette.page_header").rx
    labels: list[tuple[int, list[str]]] = []
    lines: list[tuple[int, int, str]] = []
    body, k = table.body, 0
    while k < len(body):
        c = body[k]
        size = _label_size(body, k) if number.match(c.text) else 0
        if size:
            labels.append((len(lines), split_body_list(" ".join(x.text for x in body[k + 1:k + 1 + size]))))
            k += 1 + size
            continue
        if not (gazette.match(c.text) or re.fullmatch(r"\d{1,4}", c.text) or is_header_cell(c.text)):
            lines.append((c.start, c.end, c.text))
        k += 1
    return labels, lines


def _label_size(body: list[Cell], k: int) -> int:
    """How many lines after the number at `k` name the group's bodies ('Ban Cơ yếu' / 'Chính phủ', 'Ủy ban nhân
    dân thành phố' / 'Hà Nội, Thành phố Hồ Chí Minh, …'): the most lines, up to three, that read as one list of
    bodies with no task's mark (a supporting body's '(1)', a time); 0 when the number labels no group."""
    for size in (3, 2, 1):
        part = body[k + 1:k + 1 + size]
        if len(part) < size or any("(" in x.text or len(x.text.split()) > 14 or find_deadlines(x.text, cell=True)
                                   for x in part):
            continue
        if is_body_cell(" ".join(x.text for x in part)) and (size == 1 or not _opens_task(part[-1].text)):
            return size
    return 0


def _opens_task(line: str) -> bool:
    """A line that opens a task rather than going on with a body's name: longer than a name's line runs."""
    return len(line.split()) > 8


def _rows(text: str, lines: list[tuple[int, int, str]], breaks: set[int]) -> tuple[list[_Row], list[int]]:
    """The rows of the row text, cut after each time cell and at each group label (the line indexes in
    `breaks`: a label stands between rows, so a row whose time cell holds no time ends there), and for each
    line the number of rows that end before it."""
    rows: list[_Row] = []
    before: list[int] = []
    start: int | None = None
    for n, (a, b, _) in enumerate(lines):
        if n in breaks and start is not None and (row := _row(text, start, lines[n - 1][1])) is not None:
            rows.append(row)  # 'Thực hiện các thủ tục … (1) … Bộ Công an xây dựng kế hoạch triển khai' / label
            start = None
        before.append(len(rows))
        start = a if start is None else start
        chunk = text[start:b]
        cut = _time_end(chunk)
        while cut is not None:
            row = _row(text, start, start + cut)
            if row is not None:
                rows.append(row)
            start += cut
            start += len(text[start:b]) - len(text[start:b].lstrip())
            chunk = text[start:b]
            cut = _time_end(chunk) if chunk.strip() else None
        if not text[start:b].strip():
            start = None
    return rows, before


def _time_end(chunk: str) -> int | None:
    """Where the first time cell of `chunk` that closes a row ends: a deadline phrase after the task (and the
    supporting bodies), followed by the next task or the end."""
    for d in find_deadlines(chunk, cell=True):
        rest = chunk[d.end:].lstrip(" .;")
        if d.start >= 12 and (not rest or rest[:1].isupper() or rest[:1] == "\n"):
            return d.end
    return None


def _row(text: str, start: int, end: int) -> _Row | None:
    """A row of its text: the task up to its first numbered supporting body '(1)', the bodies, the time."""
    body = " ".join(text[start:end].split())
    dl = find_deadlines(body, cell=True)
    time = body[dl[-1].start:dl[-1].end] if dl else None
    head = body[:dl[-1].start] if dl else body
    m = re.search(r"\(\s*1\s*\)", head)
    task, support_text = (head[:m.start()], head[m.start():]) if m else _support_lines(text[start:end], head)
    support = [b for item in re.split(r"\(\s*\d{1,2}\s*\)", support_text) if item.strip()
               for b in split_body_list(item.strip(" ,;"))]
    task = task.strip(" ,;")
    if len(task.split()) < 3:
        return None
    return _Row(start, end, task, support, time)


def _support_lines(raw: str, head: str) -> tuple[str, str]:
    """(task, support) of a row whose supporting bodies stand unnumbered on the lines after its task ('Ban hành
    … Khung kiến trúc Chính phủ điện tử 3.0' / 'Văn phòng Chính phủ' / 'Quý IV/2023'): the longest run of last
    lines of `head` (the row without its time, spaces collapsed) that names only bodies; none when no line does."""
    lines = [" ".join(line.split()) for line in raw.split("\n") if line.strip()]
    at = 0
    for line in lines[:-1]:
        at += len(line) + 1  # where the next line starts in `head`
        rest = head[at:].strip(" ,;")
        if at < len(head) and rest[:1].isupper() and is_body_cell(rest):
            return head[:at], rest
    return head, ""


def _assign(labels: list[_Label], count: int) -> list[list[str]]:
    """The lead of each row: a group takes the rows from the previous group's last one up to its label
    (`b` of them) and about as many after it — one fewer when two or more stand before, at least one,
    never past the next label; the last group takes the rest. (Where the text layer prints a merged cell
    depends on the page and the rows' heights; this count was measured on one document, 175/NQ-CP.)"""
    leads: list[list[str]] = [[] for _ in range(count)]
    start = 0
    for n, label in enumerate(labels):
        before = max(0, label.rows_before - start)
        after = max(before - 1, 1)
        nxt = labels[n + 1].rows_before if n + 1 < len(labels) else count
        end = count if n + 1 == len(labels) else min(label.rows_before + after, nxt)
        for r in range(start, max(start, end)):
            leads[r] = label.bodies
        start = max(start, end)
    return leads


def grouped_obligations(text: str, tables: list[Table]) -> tuple[list[Obligation], list[tuple[int, int]]]:
    """One obligation per row of the grouped task tables among `tables` (a table continued on the next pages
    after its header is repeated is read as one), and the spans they cover."""
    grouped = [t for t in tables if is_grouped(t)]
    if not grouped:
        return [], []
    labels_at: list[tuple[int, list[str]]] = []
    lines: list[tuple[int, int, str]] = []
    for t in grouped:
        t_labels, t_lines = _labels_and_lines(t)
        labels_at += [(len(lines) + at, bodies) for at, bodies in t_labels]
        lines += t_lines
    rows, before = _rows(text, lines, {at for at, _ in labels_at})
    labels = [_Label(bodies, before[at] if at < len(before) else len(rows)) for at, bodies in labels_at]
    out = []
    for row, lead in zip(rows, _assign(labels, len(rows)), strict=True):
        if not lead:
            continue
        deadline = find_deadline(row.time, cell=True) if row.time else None
        out.append(Obligation(task=row.task.rstrip(" .;…"), lead=lead, support=[s for s in row.support if s not in lead],
                              deadline=deadline, span=[row.start, row.end], quote=text[row.start:row.end]))
    spans = [(t.header_start, t.body[-1].end if t.body else t.header_start) for t in grouped]
    return out, spans
