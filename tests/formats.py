"""Builders that turn a dev TXT into the other formats (DOCX, PDF, HTML) for the format tests."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

APPENDIX_HEADER = ["Stt", "Nội dung, nhiệm vụ", "Thời gian", "Đơn vị chủ trì", "Đơn vị phối hợp"]


def _lines(txt_path: Path) -> list[str]:
    """The non-empty lines of a TXT file, trailing spaces stripped."""
    text = Path(txt_path).read_text(encoding="utf-8-sig")
    return [ln.rstrip() for ln in text.splitlines() if ln.strip()]


def split_appendix(lines: list[str]) -> tuple[list[str], list[list[list[str]]] | None]:
    """Split off a legal-portal appendix table (header `Stt` + 4 cells, rows numbered 1, 2, ...).

    Returns the lines before the table and the table as rows of cells, each cell a list of
    paragraphs; a row is its number, its task paragraphs, then time, lead and support cells.
    """
    n = len(APPENDIX_HEADER)
    for i in range(len(lines) - n):
        if [ln.strip() for ln in lines[i:i + n]] == APPENDIX_HEADER:
            break
    else:
        return lines, None
    rows: list[list[list[str]]] = [[[c] for c in APPENDIX_HEADER]]
    body = lines[i + n:]
    starts = []
    expect = 1
    for j, ln in enumerate(body):
        if ln.strip() == str(expect):
            starts.append(j)
            expect += 1
    starts.append(len(body))
    for a, b in zip(starts, starts[1:], strict=False):
        cells = body[a:b]
        if len(cells) < 5:
            return lines, None
        rows.append([[cells[0]], cells[1:-3], [cells[-3]], [cells[-2]], [cells[-1]]])
    return lines[:i], rows


def add_txt(document, txt_path: Path) -> None:
    """Append a TXT to a python-docx document: one paragraph per non-empty line, a numbered appendix
    as a ruled table."""
    lines, table = split_appendix(_lines(txt_path))
    for ln in lines:
        document.add_paragraph(ln)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        t.style = "Table Grid"
        for r, row in enumerate(table):
            for c, paras in enumerate(row):
                cell = t.cell(r, c)
                cell.text = paras[0]
                for p in paras[1:]:
                    cell.add_paragraph(p)


def plain_docx(txt_path: Path, out_path: Path) -> Path:
    """A DOCX with one paragraph per line of the TXT, blank lines included, no tables."""
    import docx

    document = docx.Document()
    for line in Path(txt_path).read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(line)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out_path))
    return out_path


def make_docx(txt_path: Path, out_path: Path) -> Path:
    """A DOCX with one paragraph per non-empty line; a numbered appendix becomes a ruled table."""
    import docx

    document = docx.Document()
    add_txt(document, txt_path)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out_path))
    return out_path


def soffice_convert(paths: list[Path], out_dir: Path, target: str = "pdf", timeout: float = 300,
                    infilter: str | None = None) -> list[Path]:
    """Convert files with LibreOffice in one headless call (private profile), read through `infilter` if given
    ('HTML (StarWriter)' reads a page as a Writer document); the converted paths."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="vnplan-lo-")
    try:
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               *([f"--infilter={infilter}"] if infilter else []),
               "--convert-to", target, "--outdir", str(out_dir), *map(str, paths)]
        subprocess.run(cmd, check=True, timeout=timeout, capture_output=True,
                       env={**os.environ, "HOME": profile})
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    ext = target.split(":")[0]
    out = [out_dir / f"{Path(p).stem}.{ext}" for p in paths]
    missing = [p for p in out if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not produce {missing}")
    return out


def make_pdf(docx_path: Path | list[Path], out_dir: Path, timeout: float = 300) -> Path | list[Path]:
    """PDF(s) of DOCX file(s) via `soffice --headless --convert-to pdf` (one call for a list)."""
    if isinstance(docx_path, list):
        return soffice_convert(docx_path, out_dir, "pdf", timeout)
    return soffice_convert([docx_path], out_dir, "pdf", timeout)[0]


def make_encrypted_pdf(docx_path: Path, out_dir: Path, password: str = "secret") -> Path:
    """A password-protected PDF of a DOCX (LibreOffice's PDF export with an open password)."""
    opts = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
            f'"DocumentOpenPassword":{{"type":"string","value":"{password}"}}}}')
    return soffice_convert([docx_path], out_dir, opts)[0]


_CHROME_TOP = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{title} - Cổng thông tin điện tử</title>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
<style>.menu{{display:flex}} .footer{{color:#666}}</style></head>
<body>
<header class="site-header"><div class="logo"><a href="/">Cổng thông tin điện tử</a></div>
<nav class="menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li>
<li><a href="/tin-tuc">Tin tức - Sự kiện</a></li><li><a href="/van-ban">Văn bản pháp luật</a></li>
<li><a href="/lien-he">Liên hệ</a></li></ul></nav>
<form class="search"><input type="text" placeholder="Tìm kiếm..."><button>Tìm</button></form></header>
<div class="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="/van-ban">Văn bản</a></div>
<div class="container"><aside class="sidebar"><h3>Chuyên mục</h3><ul>
<li><a href="/c/1">Khoa học công nghệ</a></li><li><a href="/c/2">Đổi mới sáng tạo</a></li>
<li><a href="/c/3">Tiêu chuẩn đo lường chất lượng</a></li></ul></aside>
<main><article class="post-content">
"""

_CHROME_BOTTOM = """</article>
<div class="related-news"><h3>Tin liên quan</h3><ul>
<li><a href="/a">Bình Dương tổ chức hội nghị triển khai kế hoạch năng suất năm 2022</a></li>
<li><a href="/b">Hội thảo chuyển đổi số trong doanh nghiệp nhỏ và vừa</a></li></ul></div>
<div class="comments"><h3>Ý kiến bạn đọc</h3><form><textarea></textarea><button>Gửi</button></form></div>
<div class="share">Chia sẻ: <a href="#">Facebook</a> <a href="#">Zalo</a></div>
</main></div>
<footer class="footer"><p>Bản quyền thuộc Cổng thông tin điện tử. Địa chỉ: số 1 đường Trung tâm.</p>
<p>Điện thoại: 0274 1234567 - Email: banbientap@example.gov.vn</p></footer>
<script src="/static/app.js"></script><script>document.querySelectorAll('.menu a');</script>
</body></html>
"""


def make_html(txt_path: Path, out_path: Path) -> Path:
    """A web page holding the TXT (one <p> per line, the appendix as a <table>) in portal chrome."""
    lines, table = split_appendix(_lines(txt_path))
    title = html.escape(lines[0].strip() if lines else "Văn bản")
    parts = [_CHROME_TOP.format(title=title)]
    for ln in lines:
        parts.append(f"<p>{html.escape(ln.strip())}</p>\n")
    if table:
        parts.append('<table border="1">\n')
        for row in table:
            cells = "".join("<td>" + "".join(f"<p>{html.escape(p.strip())}</p>" for p in paras) + "</td>"
                            for paras in row)
            parts.append(f"<tr>{cells}</tr>\n")
        parts.append("</table>\n")
    parts.append(_CHROME_BOTTOM)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text("".join(parts), encoding="utf-8")
    return out_path


def squash(text: str) -> str:
    """Text modulo whitespace, the form the format tests compare."""
    return re.sub(r"\s+", " ", text).strip()


def add_numbering(document, levels: list[tuple[str, str]]) -> str:
    """Add a Word list definition (levels of (numFmt, lvlText)) to a python-docx document; its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    ids = [int(x) for x in numbering.xpath("./w:abstractNum/@w:abstractNumId")] or [0]
    abstract_id = max(ids) + 1
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>' for i, (fmt, text) in enumerate(levels))
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}'
                                  '</w:abstractNum>'))
    num_ids = [int(x) for x in numbering.xpath("./w:num/@w:numId")] or [0]
    num_id = max(num_ids) + 1
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                               f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return str(num_id)


def set_numbering(paragraph, num_id: str, ilvl: int = 0) -> None:
    """Make a python-docx paragraph an item of list `num_id` at level `ilvl`."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/>'
                         f'<w:numId w:val="{num_id}"/></w:numPr>'))


def to_cp1258(text: str) -> bytes:
    """Text in Windows-1258: base letters the code page has, tone marks as combining characters."""
    import unicodedata

    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            ch.encode("cp1258")
            out.append(ch)
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        out.append(base + "".join(c for c in d if c in tones))
    return "".join(out).encode("cp1258")


def image_pdf(pdf_path: Path, out_path: Path, pages: int = 1) -> Path:
    """A PDF without text layer: the first pages of `pdf_path` rendered to images (a scan)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    images = [pdf[i].render(scale=200 / 72).to_pil().convert("RGB") for i in range(min(pages, len(pdf)))]
    pdf.close()
    images[0].save(out_path, "PDF", resolution=200.0, save_all=True, append_images=images[1:])
    return Path(out_path)


# ------------------------------------------------------------------ real documents in office forms
#
# A real document reaches vnplan as the crawled TXT (tables in pipe layouts) and as what the office
# sends: a DOCX with real Word tables, a web page with <table>s, a PDF printed from the DOCX. The
# converter below reads the TXT with the project's own pipe-table reader and lays each table out as
# Word would have it: the crawled header table (issuer | motto / number | dateline) as a borderless
# two-column table, section rows (`I | title`) spanning the row, rows the crawler shortened or
# glued together given back their merged cells.

_LIST_START = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,2})*[.)]|[a-zđ][.)]|[IVXLC]{1,6}\.|[-+•*]\s|Điều\s+\d|"
                         r"Chương\s|Mục\s|Phần\s|PHỤ LỤC|Căn cứ|Theo đề nghị|Nơi nhận|Kính gửi|[-_=*]{3,})")
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*\.?|[IVXLC]{1,6}\.?|[A-ZĐ]\.?|[a-zđ][.)])$")
_WRAP_WIDTH = 40
"""A line at least this long that ends without punctuation was wrapped by the crawler or the page."""
_PAGE_LINES = 20


@dataclass
class Cell:
    """A cell of an office table: its paragraphs, the columns it spans, and whether it continues
    (vertically merged with) the cell above."""

    paras: list[str]
    span: int = 1
    merged: bool = False


@dataclass
class Part:
    """A paragraph (its text) or a table (rows of cells of one width) of an office document."""

    kind: str
    text: str = ""
    rows: list[list[Cell]] | None = None
    borderless: bool = False


def office_paragraphs(text: str, cell: bool = True) -> list[str]:
    """Lines of a TXT block joined into the paragraphs a word processor holds.

    Out of tables (`cell` false) a block between blank lines is one paragraph, the crawler having
    wrapped its lines, unless a line opens a heading or list item. In a cell, whose lines also
    stand for the lines of a header or a signature, a line carries on the one before when that one
    does not end a sentence or clause, the line opens no list item, and it does not start with a
    capital, one of the two is a single word, or the line before is long (wrapped by width) and not
    in capitals. A block longer than `_PAGE_LINES` lines is a
    page dump (gazette text, a crawl without blank lines): one paragraph whose lines stay lines
    (line breaks), as a PDF converted to Word keeps them.
    """
    if text.count("\n") >= _PAGE_LINES:
        return ["\n".join(ln.strip() for ln in text.split("\n") if ln.strip())]
    out: list[str] = []
    prev = ""
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            prev = ""
            continue
        carries = (out and prev and not _LIST_START.match(line)
                   and (not cell or prev[-1] not in ".;:!?" and (
                       not line[0].isupper() or " " not in prev or " " not in line
                       or len(prev) >= _WRAP_WIDTH and not prev.isupper())))
        if carries:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        prev = line
    return out


def _empty(c: str) -> bool:
    return not c.strip()


def _header_at(row: list[str], header: list[str]) -> int | None:
    """Where the table's header row repeats inside a crawled row (a next table glued on), if it does."""
    key = [h.strip() for h in header]
    n = len(key)
    for p in range(1, len(row) - n + 1):
        if [c.strip() for c in row[p:p + n]] == key:
            return p
    return None


def _split_glued(row: list[str], width: int) -> tuple[list[str], list[str]] | None:
    """A crawled row longer than the table split at a run of empty cells into this row and the next.

    One empty cell of the run is the crawler's row separator; the first part takes up to `width`
    cells, the empties it does not take open the next row (its merged or blank first cells).
    """
    best = None
    k = 0
    while k < len(row):
        if not _empty(row[k]):
            k += 1
            continue
        a = k
        while k < len(row) and _empty(row[k]):
            k += 1
        b = k
        for cut in range(min(b - 1, width), a - 1, -1):
            rest = row[cut + 1:]
            if cut >= 1 and any(not _empty(c) for c in rest) and any(not _empty(c) for c in row[:cut]):
                if best is None or cut > best:
                    best = cut
                break
    if best is None:
        return None
    return row[:best], row[best + 1:]


def _single_row_groups(row: list[str]) -> list[list[str]]:
    """A one-row crawled table (a header or signature block) as rows: runs of empty cells between
    cells with text separate them."""
    groups: list[list[str]] = [[]]
    for k, c in enumerate(row):
        if _empty(c) and any(not _empty(x) for x in row[:k]) and any(not _empty(x) for x in row[k + 1:]):
            if groups[-1]:
                groups.append([])
            continue
        groups[-1].append(c)
    return [g for g in groups if g]


def _cells(texts: list[str], wrapped: bool) -> list[Cell]:
    return [Cell(office_paragraphs(t) if wrapped else [t.strip()] if t.strip() else []) for t in texts]


def _section_row(row: list[str], width: int) -> bool:
    """`I | Title` (or `| Title`): a number or nothing, then one text cell, the rest empty or missing."""
    filled = [k for k, c in enumerate(row) if not _empty(c)]
    if width < 3 or not filled or len(row) >= width and any(not _empty(c) for c in row[2:]):
        return False
    text_at = filled[-1]
    return text_at <= 1 and (text_at == 0 or _empty(row[0]) or bool(_ROW_NUMBER.match(row[0].strip())))


def _place(row: list[str], width: int, wrapped: bool, continued: bool, above: list[Cell] | None) -> list[Cell]:
    """Cells of one table row of `width` columns.

    A section row's title spans the rest of the row; a row the crawler shortened keeps its cells
    and the missing ones continue the cells above (merged vertically); a row split off a glued row
    (`continued`) continues the row number above as well.
    """
    if _section_row(row, width):
        cells = _cells(row[:2] if len(row) >= 2 else row + [""], wrapped)
        cells[-1].span = width - (len(cells) - 1)
        return cells
    lead = [Cell([], merged=True)] if continued and above else []
    cells = lead + _cells(row[:width - len(lead)], wrapped)
    while sum(c.span for c in cells) < width:
        cells.append(Cell([], merged=above is not None))
    if above is not None:  # a merged cell needs a cell of the same columns above it
        cols_above = _columns(above)
        col = 0
        for c in cells:
            if c.merged and cols_above.get(col) != c.span:
                c.merged = False
            col += c.span
    return cells


def _columns(row: list[Cell]) -> dict[int, int]:
    """Start column -> span of each cell of a row."""
    out, col = {}, 0
    for c in row:
        out[col] = c.span
        col += c.span
    return out


def office_tables(rows: list[list[str]], wrapped: bool) -> list[Part]:
    """A table read from TXT laid out as an office document holds it: one or more tables, with the
    text the crawler glued between two tables as paragraphs."""
    if len(rows) == 1:
        groups = _single_row_groups(rows[0])
        width = max(len(g) for g in groups)
        table = []
        for g in groups:
            cells = _cells(g, wrapped)
            cells[-1].span += width - len(cells)
            table.append(cells)
        return [Part("table", rows=table, borderless=True)]
    from collections import Counter

    # A header has every cell filled; one with empty cells was glued to the row after it, and the
    # table is as wide as most of its rows.
    common = Counter(len(r) for r in rows).most_common(1)[0][0]
    width = len(rows[0]) if all(not _empty(c) for c in rows[0]) else min(common, len(rows[0]))
    header = rows[0][:width]
    parts: list[Part] = [Part("table", rows=[])]
    queue: list[tuple[str, list[str], bool]] = [("row", r, False) for r in rows]
    while queue:
        kind, row, continued = queue.pop(0)
        table = parts[-1].rows
        if kind == "between":  # text the crawler glued between two tables
            parts.extend(Part("para", t) for c in row for t in _cells([c], wrapped)[0].paras)
            parts.append(Part("table", rows=[_cells(header, wrapped)]))
            continue
        if len(row) > width:
            p = _header_at(row, header)
            if p is not None:
                rest = row[p + width:]
                queue[:0] = [("row", row[:min(p, width)], continued), ("between", row[min(p, width):p], False)]
                queue[2:2] = [("row", rest, False)] if any(not _empty(c) for c in rest) else []
                continue
            glued = _split_glued(row, width)
            if glued is not None:
                first, second = glued
                cont = not _empty(second[0]) and not _ROW_NUMBER.match(second[0].strip())
                queue[:0] = [("row", first, continued), ("row", second, cont)]
                continue
            row = row[:width - 1] + ["\n".join(c for c in row[width - 1:] if c.strip())]
        table.append(_place(row, width, wrapped, continued, table[-1] if table else None))
    return [p for p in parts if p.kind == "para" or p.rows]


def office_parts(txt_path: Path) -> list[Part]:
    """A real TXT document as the paragraphs and tables of an office document."""
    from extractor.ingest.pipe_tables import split_blocks

    text = Path(txt_path).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    parts: list[Part] = []
    blocks = split_blocks(text)
    for i, block in enumerate(blocks):
        if block.kind == "table":
            tables = office_tables(block.rows or [], block.wrapped)
            head = tables[0].rows[0] if tables and tables[0].borderless else None
            if head and len(head) == 1 and i == 1 and blocks[0].kind == "para" and len(parts) <= 4:
                # the crawler lost the bar opening the header table: the issuer lines before it
                # are its first cell
                head[0].span -= 1
                head.insert(0, Cell(office_paragraphs(blocks[0].text)))
                parts = []
            parts.extend(tables)
        else:
            parts.extend(Part("para", p) for p in office_paragraphs(block.text, cell=False))
    return parts


def _vertical_runs(rows: list[list[Cell]]) -> dict[tuple[int, int], int]:
    """(row, start column) of each cell that others continue -> how many rows it covers."""
    runs: dict[tuple[int, int], int] = {}
    origin: dict[int, tuple[int, int]] = {}
    for r, row in enumerate(rows):
        col = 0
        for c in row:
            if c.merged and col in origin:
                runs[origin[col]] += 1
            else:
                for k in [k for k in origin if col <= k < col + c.span]:
                    del origin[k]
                origin[col] = (r, col)
                runs[(r, col)] = 1
            col += c.span
    return runs


def real_docx(txt_path: Path, out_path: Path) -> Path:
    """A DOCX of a real TXT document: paragraphs as Word paragraphs, tables as Word tables with
    merged cells (headers and signature blocks borderless, data tables ruled)."""
    import docx

    document = docx.Document()
    for part in office_parts(txt_path):
        if part.kind == "para":
            para = document.add_paragraph()
            for k, line in enumerate(part.text.split("\n")):
                run = para.add_run(line)
                if k < part.text.count("\n"):
                    run.add_break()
            continue
        rows = part.rows or []
        width = sum(c.span for c in rows[0])
        table = document.add_table(rows=len(rows), cols=width)
        if not part.borderless:
            table.style = "Table Grid"
        for r, row in enumerate(rows):
            col = 0
            for c in row:
                if not c.merged and c.paras:
                    cell = table.cell(r, col)
                    cell.text = c.paras[0]
                    for p in c.paras[1:]:
                        cell.add_paragraph(p)
                col += c.span
        for (r, col), height in _vertical_runs(rows).items():
            span = _columns(rows[r])[col]
            if height > 1 or span > 1:
                table.cell(r, col).merge(table.cell(r + height - 1, col + span - 1))
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out_path))
    return out_path


def real_html(txt_path: Path, out_path: Path) -> Path:
    """A portal page of a real TXT document: <p> paragraphs and <table>s with colspan and rowspan."""
    parts = office_parts(txt_path)
    first = next((p.text for p in parts if p.kind == "para"), "Văn bản")
    out = [_CHROME_TOP.format(title=html.escape(first))]
    for part in parts:
        if part.kind == "para":
            out.append("<p>" + "<br>".join(map(html.escape, part.text.split("\n"))) + "</p>\n")
            continue
        rows = part.rows or []
        runs = _vertical_runs(rows)
        out.append("<table>\n" if part.borderless else '<table border="1">\n')
        for r, row in enumerate(rows):
            cells, col = [], 0
            for c in row:
                if not c.merged:
                    attrs = (f' colspan="{c.span}"' if c.span > 1 else "") + (
                        f' rowspan="{runs[(r, col)]}"' if runs.get((r, col), 1) > 1 else "")
                    body = "".join(f"<p>{html.escape(p)}</p>" for p in c.paras)
                    cells.append(f"<td{attrs}>{body}</td>")
                col += c.span
            out.append(f"<tr>{''.join(cells)}</tr>\n")
        out.append("</table>\n")
    out.append(_CHROME_BOTTOM)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text("".join(out), encoding="utf-8")
    return out_path


def build_real_forms(txt_paths: list[Path], out_dir: Path, pdf: bool = True) -> dict[str, dict[str, Path]]:
    """The TXT, DOCX (Word tables), HTML (<table>s) and PDF (LibreOffice, from the DOCX) forms of
    real documents: form -> doc_id -> path."""
    out_dir = Path(out_dir)
    forms: dict[str, dict[str, Path]] = {"txt": {}, "docx": {}, "html": {}, "pdf": {}}
    for txt in txt_paths:
        forms["txt"][txt.stem] = txt
        forms["docx"][txt.stem] = real_docx(txt, out_dir / "docx" / f"{txt.stem}.docx")
        forms["html"][txt.stem] = real_html(txt, out_dir / "html" / f"{txt.stem}.html")
    if pdf:
        pdfs = soffice_convert(list(forms["docx"].values()), out_dir / "pdf", "pdf", timeout=900)
        forms["pdf"] = {p.stem: p for p in pdfs}
    return forms


# --- the same real document as offices, crawlers and copy-paste leave it -----------------------------------

def copied_text(docx_path: Path, out_path: Path, layout: str = "tabs") -> Path:
    """The text of a DOCX as a copy or a crawler leaves it: paragraphs a line each (no blank lines, as Word
    copies), table rows a line each with their cells separated by tabs (`tabs`; `tab-breaks` keeps a cell's
    line breaks, which cut its row over lines, as a browser copies; `tab-lists` also writes the tab Word puts
    after a list item's mark, '1.' / 'Sở Khoa học và Công nghệ'), between pipes with no rule (`pipes`), or
    as html2text's Markdown without outer pipes under a `---|---` rule (`gfm`)."""
    from extractor.ingest import read_document

    lines: list[str] = []
    for block in read_document(Path(docx_path)).blocks:
        if block.kind != "table":
            mark = r"^((?:\d{1,2}\.(?:\d{1,2}\.)?|[a-zđ]\)|[-+]|[IVX]{1,4}\.)) (?=\S)"
            lines.append(re.sub(mark, "\\1\t", block.text) if layout == "tab-lists" else block.text)
            continue
        rows = [[c.strip() if layout == "tab-breaks" else " ".join(c.split()) for c in row] for row in block.rows or []]
        if layout in ("tabs", "tab-breaks", "tab-lists"):
            lines += ["\t".join(row) for row in rows]
        elif layout == "pipes":
            lines += ["| " + " | ".join(row) + " |" for row in rows]
        else:
            lines += [" | ".join(rows[0]), "|".join("---" for _ in rows[0])] + [" | ".join(r) for r in rows[1:]]
            lines.append("")
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out_path


def retyped(txt_path: Path, out_path: Path, how: str) -> Path:
    """A TXT as some keyboards and pages type it: `eth`, Đ written as the Icelandic Ð (U+00D0); `nbsp`, every
    space a no-break space (a page's &nbsp;)."""
    text = Path(txt_path).read_text(encoding="utf-8")
    text = text.replace("Đ", "\u00d0") if how == "eth" else text.replace(" ", "\u00a0")
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(text, encoding="utf-8")
    return out_path


def word_numbered(docx_path: Path, out_path: Path, repeat_header: bool = False) -> Path:
    """A DOCX whose tables' TT column is numbered by Word on empty cells (a new list wherever the numbers start
    again at 1, the written number kept where it does not follow); with `repeat_header`, every long table's
    first row is marked to repeat on each page, as offices mark it."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document(str(docx_path))
    for table in document.tables:
        if repeat_header and len(table.rows) >= 5:
            flag = OxmlElement("w:tblHeader")
            flag.set(qn("w:val"), "true")
            table.rows[0]._tr.get_or_add_trPr().append(flag)
        if table.rows[0].cells[0].text.strip().upper() not in ("TT", "STT"):
            continue
        num_id, expect = None, 1
        for row in table.rows[1:]:
            m = re.fullmatch(r"(\d+)\.?", row.cells[0].text.strip())
            if not m:
                continue
            if int(m.group(1)) == 1:
                num_id, expect = add_numbering(document, [("decimal", "%1.")]), 1
            if num_id is None or int(m.group(1)) != expect:
                continue
            expect += 1
            para = row.cells[0].paragraphs[0]
            for run in para.runs:
                run.text = ""
            set_numbering(para, num_id)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out_path))
    return out_path
