"""Tables in plain text: Markdown/GFM rows, the crawled form with one cell per line, tab-separated rows.

Three layouts reach vnplan as text:

- **Markdown** (`| TT | Tên nhiệm vụ | Cơ quan chủ trì |`, one row a line, a `|---|` rule under
  the header; the outer pipes may be left out, `TT | Tên nhiệm vụ` over `---|---`; a table with no
  rule is two rows or more of the same number of cells between pipes);
- **crawled portal text**, where each cell stands on its own line(s) between lines holding only
  `|`. A row's closing bar and the next row's opening bar leave an empty cell between them, so an
  empty cell is either a blank column or the end of a row: it ends the row when the next cell is a
  row number (`1.`, `1.1`, `II`, `A`, `-`) followed by a cell with text, as in every task or
  indicator table;
- **copied text** (a table copied from a web page or from Word into a text file): a row a line, its
  cells separated by tabs; a cell's line breaks carry the rest of its row onto the next lines, which
  are joined back while the row is narrower than most rows are.

All become `Block("table", rows=...)`, so a TXT file's tables reach the document model as tables,
as a DOCX's or a PDF's do. Lines inside a crawled cell were wrapped by the crawler
(`Block.wrapped`), so normalization joins them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..document import Block

_MD_ROW = re.compile(r"^\s*\|.*\|\s*$")
_MD_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
_BAR = re.compile(r"^\s*\|\s*$")
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*\.?|[IVXLC]{1,6}(?:\.\d{1,2})*\.?|[A-ZĐ]\.?|[a-zđ][.)]|[-+*•])$")
"""A row number: '1', '1.2', 'II', 'III.1.2' (a group under a Roman one), 'A', 'a)', a dash."""
_MAX_CELL_LINES = 60
"""A crawled cell longer than this many lines ends the table (no real cell is that long)."""
_CELL_TAIL_LINES = 5
"""A copied row's last cell goes on over at most this many lines before the next numbered row."""
_TEXT_LINES = 20
_TEXT_ITEMS = 3
"""A stretch between bars of more than _TEXT_LINES lines, _TEXT_ITEMS of them opening numbered items ('1. Đánh giá
chung', '3.1. Đảng ủy …'), is a page's body of one-line paragraphs, not a cell."""
_ITEM_LINE = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.|[IVX]{1,4}\.)\s+\S")


_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)


def _md_cells(line: str) -> list[str]:
    """The cells of a Markdown row, with or without its outer pipes (`| a | b |`, `a | b`); a line break a
    converter wrote as `<br>` inside a cell (GFM has no other) is one again."""
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [_BREAK.sub("\n", c).strip() for c in inner.split("|")]


def _markdown_table(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """A Markdown table starting at line `i` (a header row, then a rule): its rows and the next line. GFM
    lets a table leave out its outer pipes (`TT | Nhiệm vụ` over `---|---`, as html2text writes it); its
    rows then run while lines hold a pipe."""
    if i + 1 >= len(lines) or "|" not in lines[i]:
        return None
    if not _MD_RULE.match(lines[i + 1]):
        return _rule_less_table(lines, i)
    outer = bool(_MD_ROW.match(lines[i]))
    rows = [_md_cells(lines[i])]
    j = i + 2
    while j < len(lines) and (_MD_ROW.match(lines[j]) if outer else "|" in lines[j] and lines[j].strip()):
        if not _MD_RULE.match(lines[j]):
            rows.append(_md_cells(lines[j]))
        j += 1
    return rows, j


def _rule_less_table(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """Rows written `| a | b |` with no rule under the first (as some crawlers write a table without a header
    row): two such lines at least of the first one's number of cells, two or more; a row of fewer cells, two at
    least, is a group row spanning the width (`| I | Hoàn thiện cơ chế, chính sách |` in a six-column task table),
    filled out with empty cells as GFM reads it."""
    j = i
    while j < len(lines) and _MD_ROW.match(lines[j]) and not _MD_RULE.match(lines[j]):
        j += 1
    rows = [_md_cells(ln) for ln in lines[i:j]]
    width = len(rows[0]) if rows else 0
    if width < 2 or sum(len(r) == width for r in rows) < 2 or any(not 2 <= len(r) <= width for r in rows):
        return None
    return [r + [""] * (width - len(r)) for r in rows], j


def _opens_appendix(cell: str) -> bool:
    """True when a stretch between bars opens with an appendix heading: text between two tables."""
    from ..rules import load_rules

    heading = load_rules("structure").rule("heading.appendix").regex
    return heading is not None and bool(heading.match(cell.split("\n", 1)[0]))


def _body_text(cell: str) -> bool:
    """True for a stretch that is a page's body of one-line paragraphs (its numbered items), not a cell."""
    lines = cell.split("\n")
    return len(lines) > _TEXT_LINES and sum(bool(_ITEM_LINE.match(ln)) for ln in lines) >= _TEXT_ITEMS


def _crawled_tokens(lines: list[str], i: int) -> tuple[list[str], int]:
    """Cell texts between the `|` lines of a crawled table opening at line `i`, and the line after it.

    A stretch between two bars that holds a blank line between lines of text, opens with a blank line before
    its text (a crawled cell's text follows its bar), opens with an appendix heading, or has more lines than a
    cell has, is text after the table: the table ends at the bar before it.
    """
    tokens: list[str] = []
    j = i
    while True:
        k = j + 1
        while k < len(lines) and not _BAR.match(lines[k]) and k - j <= _MAX_CELL_LINES:
            k += 1
        if k >= len(lines) or not _BAR.match(lines[k]):
            return tokens, j + 1
        cell = "\n".join(ln.rstrip() for ln in lines[j + 1:k]).strip()
        spaced = k > j + 1 and not lines[j + 1].strip() and bool(cell)  # '|' / '' / 'KẾ HOẠCH' / …: the body
        if spaced or "\n\n" in re.sub(r"\n[ \t]+\n", "\n\n", cell) or _opens_appendix(cell) or _body_text(cell):
            return tokens, j + 1
        tokens.append(cell)
        j = k


def _is_row_start(tokens: list[str], k: int) -> bool:
    """True when tokens[k] is a row number followed by a cell with text."""
    return (k + 1 < len(tokens) and bool(_ROW_NUMBER.match(tokens[k].strip()))
            and bool(tokens[k + 1].strip()))


def crawled_rows(tokens: list[str]) -> list[list[str]]:
    """Rows of crawled cell tokens: an empty token ends a row when a numbered row follows it."""
    rows: list[list[str]] = []
    row: list[str] = []
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        if tok.strip():
            row.append(tok)
            k += 1
            continue
        run = k
        while run < len(tokens) and not tokens[run].strip():
            run += 1
        if run >= len(tokens) or _is_row_start(tokens, run):
            rows.append(row + [""] * (run - k - 1))
            row = []
        else:
            row.extend([""] * (run - k))
        k = run
    if row:
        rows.append(row)
    return _rowspan_rows(_header_rows([r for r in rows if any(c.strip() for c in r)]))


def _header_rows(rows: list[list[str]]) -> list[list[str]]:
    """Header rows run together (no row number opens the second) cut back into rows as wide as the data rows: a
    run of k rows of width W is k*W + k-1 cells, an empty cell (the bars between two rows) after every W. 'TT |
    Sản phẩm | Kế hoạch 2026 … | | | TT | Lượng (Tấn) | Giá trị … ' over rows of 12 cells is two header rows; a
    cell merged down them and given again in the lower row ('TT') is empty there, as a Word table reads."""
    widths = [len(r) for r in rows if _ROW_NUMBER.match(r[0].strip())]
    if not widths:
        return rows
    width = max(set(widths), key=widths.count)
    out: list[list[str]] = []
    for r in rows:
        k, rest = divmod(len(r) + 1, width + 1)
        if _ROW_NUMBER.match(r[0].strip()) or k < 2 or rest or any(
                r[n * (width + 1) - 1].strip() for n in range(1, k)):
            out.append(r)
            continue
        cut = [r[n * (width + 1):n * (width + 1) + width] for n in range(k)]
        for above, below in zip(cut, cut[1:], strict=False):  # a cell merged down the header, given again
            below[:] = ["" if b.strip() and b == a else b for a, b in zip(above, below, strict=True)]
        out += cut
    return out


def _rowspan_rows(rows: list[list[str]]) -> list[list[str]]:
    """Rows holding more cells than the header are a row and the row under it whose cells merged with it
    (rowspan) the crawler left out: its number before its cells, the cells after them. '2 | Quản lý … | Sở Tài
    chính | Các sở … | Quý IV/2026 | | Thực hiện sao lưu … | Sở Khoa học và Công nghệ | Sở Tài chính' is row 2,
    then the task 'Thực hiện sao lưu …' with its lead and support and row 2's time cell."""
    if not rows:
        return rows
    width = len(rows[0])
    out: list[list[str]] = []
    for r in rows:
        empty = max((k for k, c in enumerate(r) if not c.strip()), default=-1)
        under = r[empty + 1:]
        if len(r) <= width or empty < 3 or len(under) < 2 or len(under) >= width or _ROW_NUMBER.match(under[0].strip()):
            out.append(r)
            continue
        above = r[:empty]
        below = [""] + under
        below += [above[k] if k < len(above) else "" for k in range(len(below), width)]
        out += [above, below]
    return out


def _crawled_table(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """A crawled table opening with the `|` line `i`: its rows (at least one with two cells) and the
    next line; None when the bars hold no table."""
    if not _BAR.match(lines[i]):
        return None
    tokens, nxt = _crawled_tokens(lines, i)
    rows = _rows_between_bars(tokens) or crawled_rows(tokens)
    if not rows or max(len(r) for r in rows) < 2:
        return None
    return rows, nxt


def _rows_between_bars(tokens: list[str]) -> list[list[str]] | None:
    """The other crawled layout, a bar between rows and a row's cells one a line: 'TT / Chỉ tiêu / Đơn vị tính /
    …' between two bars, then '1 / Lượt khách … / triệu lượt/năm / …'. The header's lines give the width; two rows
    at least fill it, every row opens with its number, and a group row ('I / Hoàn thiện thể chế') of fewer lines is
    filled out with empty cells. None for the layout of a bar around every cell."""
    cells = [tok.split("\n") for tok in tokens]
    if len(cells) < 3 or len(cells[0]) < 3:
        return None
    width, data = len(cells[0]), cells[1:]
    if sum(len(c) == width for c in data) < 2 or any(
            not 2 <= len(c) <= width or not _ROW_NUMBER.match(c[0].strip()) for c in data):
        return None
    return [[x.strip() for x in c] + [""] * (width - len(c)) for c in cells]


def _tab_cells(line: str) -> list[str] | None:
    """The cells of a tab-separated row; None for a line without a tab."""
    cells = line.rstrip(" \r").split("\t")
    return [c.strip() for c in cells] if len(cells) >= 2 else None


def _list_item(cells: list[str]) -> bool:
    """A list item copied with the tab Word puts after its number or bullet ('1.' / 'Sở Khoa học và Công nghệ',
    '-' / 'Chủ trì, phối hợp …'), not a table row."""
    return len(cells) == 2 and bool(_ROW_NUMBER.match(cells[0]))


def _completes_row(lines: list[str], k: int, width: int) -> bool:
    """True when the tab-separated lines from `k` (a row its cells' line breaks cut) add up to a row `width` cells
    wide, as a table's row does and a list's items (each a mark, a tab and its text) do not."""
    n = 0
    for line in lines[k:k + _MAX_CELL_LINES]:
        cells = _tab_cells(line)
        if not line.strip() or n and cells and _list_item(cells):
            return False
        n += len(cells) - (1 if n else 0) if cells else 0
        if n >= width:
            return n == width
    return False


def _tab_width(lines: list[str], i: int) -> int:
    """How many cells most of the tab-separated lines from `i` hold, up to the first line without a tab or the
    first that looks like a list item."""
    end = i
    while end < len(lines) and (cells := _tab_cells(lines[end])) is not None and not (end > i and _list_item(cells)):
        end += 1
    widths = Counter(len(c) for c in map(_tab_cells, lines[i:end]) if c)
    return max(widths, key=lambda w: (widths[w], w))


def _next_tab_line(lines: list[str], j: int) -> int:
    """The first line from `j` that holds a tab, looking over a cell's worth of lines without one."""
    k = j
    while k < len(lines) and lines[k].strip() and "\t" not in lines[k] and k - j < _MAX_CELL_LINES:
        k += 1
    return k


def _tab_table(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """The tab-separated rows from line `i` (two cells with text in its first, two such rows at least), as wide
    as most rows of its first lines are, and the next line. A row narrower than that had a cell cut by its line
    breaks: the lines after it are joined to it (the first piece of each to its last cell) while the row can
    take them. Lines without a tab after a whole row are its last cell's when a numbered row follows them, else
    text after the table."""
    first = _tab_cells(lines[i])
    if first is None or sum(1 for c in first if c) < 2 or _list_item(first):
        return None
    width = _tab_width(lines, i)
    rows: list[list[str]] = []
    j = i
    while j < len(lines) and lines[j].strip():
        k = _next_tab_line(lines, j)
        cells = _tab_cells(lines[k]) if k < len(lines) else None
        if cells is None:
            break
        stretch = [ln.strip() for ln in lines[j:k]]
        last = rows[-1] if rows else None
        if last is not None and len(last) >= width and _list_item(cells) and (
                width < 3 or not _completes_row(lines, k, width)):
            break  # a list copied after the table (a header's two columns), its items a tab after their marks
        if last is not None and stretch and len(last) >= width >= 3 and _ROW_NUMBER.match(cells[0]) \
                and len(stretch) <= _CELL_TAIL_LINES:
            last[-1] = "\n".join([last[-1], *stretch]).strip()  # its last cell's lines, then the next row
            rows.append(cells)
        elif last is not None and len(last) < width and len(last) + len(cells) - 1 <= width:
            last[-1] = "\n".join([last[-1], *stretch, cells[0]]).strip()
            last.extend(cells[1:])
        elif stretch:
            break  # text, then another table
        else:
            rows.append(cells)
        j = k + 1
    if sum(1 for r in rows if sum(1 for c in r if c) >= 2) < 2:
        return None
    return [r + [""] * (width - len(r)) for r in rows], j


def _paragraphs(lines: list[str]) -> Iterator[Block]:
    """Blocks of plain lines: runs separated by blank lines."""
    chunk: list[str] = []
    for ln in lines + [""]:
        if ln.strip():
            chunk.append(ln)
        elif chunk:
            yield Block("para", "\n".join(chunk))
            chunk = []


def split_blocks(text: str) -> list[Block]:
    """Paragraph and table blocks of a text, tables in either pipe layout read as tables."""
    lines = text.split("\n")
    blocks: list[Block] = []
    plain: list[str] = []
    i = 0
    while i < len(lines):
        md = _markdown_table(lines, i) if "|" in lines[i] else None
        table = md or (_crawled_table(lines, i) if _BAR.match(lines[i]) else None) or (
            _tab_table(lines, i) if "\t" in lines[i] else None)
        if table is None:
            plain.append(lines[i])
            i += 1
            continue
        blocks.extend(_paragraphs(plain))
        plain = []
        rows, i = table
        blocks.append(Block("table", rows=rows, wrapped=md is None))
    blocks.extend(_paragraphs(plain))
    return blocks


def has_text_table(text: str) -> bool:
    """True when the text may hold a table in one of the three layouts (a cheap test before `split_blocks`)."""
    return ("|" in text and (re.search(r"^\s*\|\s*$", text, re.MULTILINE) is not None
                             or re.search(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+", text, re.MULTILINE) is not None
                             or re.search(r"^\s*\|[^\n]*\|[^\n]*\|\s*\n\s*\|", text, re.MULTILINE) is not None)
            ) or re.search(r"\S\t+\S.*\n.*\t", text) is not None
