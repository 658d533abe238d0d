"""Builders that turn a dev TXT into the other formats (DOCX, PDF, HTML) for the format tests."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
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


def soffice_convert(paths: list[Path], out_dir: Path, target: str = "pdf", timeout: float = 300) -> list[Path]:
    """Convert files with LibreOffice in one headless call (private profile); the converted paths."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="vnplan-lo-")
    try:
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
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
