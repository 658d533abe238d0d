"""Readers: sniffing, text encodings, DOCX numbering and tables, PDF pages and tables, HTML chrome."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from extractor import ingest
from extractor.normalize import normalize
from tests.conftest import CORPUS
from tests.formats import add_numbering, make_docx, make_pdf, set_numbering, soffice_convert, to_cp1258

YEN_BAI = CORPUS / "yen-bai-114-kh-ubnd-2021.txt"
SENTENCE = ("Thực hiện Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ ban hành Kế hoạch "
            "tổng thể nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi mới sáng tạo")
HOA_BINH = "Ủy ban nhân dân tỉnh Hòa Bình; Sở Khoa học và Công nghệ tỉnh Thanh Hóa chủ trì."


def read_text(path: Path) -> str:
    raw = ingest.read_document(path)
    assert raw.status == "ok", raw.errors
    return normalize(raw)


# --- plain text encodings -------------------------------------------------------------------

@pytest.mark.parametrize("encoding,data_of,expect", [
    ("utf-8", lambda s: s.encode("utf-8"), "utf-8"),
    ("utf-8 with BOM", lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"), "utf-8-sig"),
    ("utf-16 with BOM", lambda s: s.encode("utf-16"), "utf-16"),
    ("utf-16 without BOM", lambda s: s.encode("utf-16-le"), "utf-16-le"),
    ("windows-1258", to_cp1258, "windows-1258"),
])
def test_txt_encodings_read_to_the_same_text(tmp_path, encoding, data_of, expect):
    text = f"{SENTENCE}\n\n{HOA_BINH}\n"
    path = tmp_path / "doc.txt"
    path.write_bytes(data_of(text))
    raw = ingest.read_document(path)
    assert (raw.status, raw.encoding, raw.format) == ("ok", expect, "txt")
    assert normalize(raw) == f"{SENTENCE}\n\n{HOA_BINH}"


def test_windows_1258_combining_marks_become_precomposed(tmp_path):
    path = tmp_path / "cp1258.txt"
    path.write_bytes(to_cp1258("Kế hoạch nâng cao năng suất"))
    text = normalize(ingest.read_document(path))
    assert text == "Kế hoạch nâng cao năng suất" and len(text) == len("Kế hoạch nâng cao năng suất")


def test_txt_calls_the_legacy_converter(tmp_path, monkeypatch):
    legacy = pytest.importorskip("extractor.ingest.legacy")
    monkeypatch.setattr(legacy, "convert_legacy", lambda s: (s.replace("KÕ ho¹ch", "Kế hoạch"), "tcvn3"))
    path = tmp_path / "tcvn3.txt"
    path.write_bytes("KÕ ho¹ch sè 114".encode("cp1252"))
    raw = ingest.read_document(path)
    assert raw.encoding == "tcvn3"
    assert normalize(raw).startswith("Kế hoạch")


def test_sha256_is_of_the_raw_bytes(tmp_path):
    import hashlib

    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SENTENCE.encode())
    assert ingest.read_document(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


# --- sniffing ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def yen_bai_files(tmp_path_factory) -> dict[str, Path]:
    import docx as python_docx

    root = tmp_path_factory.mktemp("yen-bai")
    docx = make_docx(YEN_BAI, root / "yen-bai.docx")
    # an official letter's header: two borderless columns side by side
    d = python_docx.Document()
    left, right = d.add_table(rows=1, cols=2).rows[0].cells
    left.text = "ỦY BAN NHÂN DÂN\nTỈNH YÊN BÁI"
    for line in ("-------", "Số: 114/KH-UBND"):
        left.add_paragraph(line)
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    for line in ("---------------", "Yên Bái, ngày 11 tháng 5 năm 2021"):
        right.add_paragraph(line)
    d.add_paragraph("KẾ HOẠCH")
    d.add_paragraph(SENTENCE + ", giai đoạn 2021 - 2030.")
    d.save(root / "header.docx")
    pdf, header_pdf = make_pdf([docx, root / "header.docx"], root)
    return {"docx": docx, "pdf": pdf, "header_pdf": header_pdf}


def test_content_decides_the_format_not_the_extension(yen_bai_files, tmp_path):
    pdf_as_txt = tmp_path / "ke-hoach.txt"
    shutil.copy(yen_bai_files["pdf"], pdf_as_txt)
    docx_as_pdf = tmp_path / "ke-hoach.pdf"
    shutil.copy(yen_bai_files["docx"], docx_as_pdf)
    for path, fmt in ((pdf_as_txt, "pdf"), (docx_as_pdf, "docx")):
        raw = ingest.read_document(path)
        assert (raw.status, raw.format) == ("ok", fmt)
        assert "Số: 114/KH-UBND" in normalize(raw)


def test_sniff_format():
    sniff = ingest.sniff_format
    assert sniff(Path("a.txt"), b"%PDF-1.7\n...") == "pdf"
    assert sniff(Path("a.doc"), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100) == "doc"
    assert sniff(Path("a.txt"), b"<!DOCTYPE html><html><body>x</body></html>") == "html"
    assert sniff(Path("a.htm"), "Kế hoạch số 114".encode()) == "txt"
    import io
    import zipfile

    for mimetype, kind in ((b"application/vnd.oasis.opendocument.text", "doc"),
                           (b"application/vnd.oasis.opendocument.spreadsheet", "zip")):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("mimetype", mimetype)
            z.writestr("content.xml", "<office:document-content/>")
        assert sniff(Path("ke-hoach.odt"), buf.getvalue()) == kind


# --- DOCX -----------------------------------------------------------------------------------

def test_docx_restores_word_list_numbers(tmp_path):
    import docx

    d = docx.Document()
    roman = add_numbering(d, [("upperRoman", "%1."), ("decimal", "%2.")])
    letters = add_numbering(d, [("lowerLetter", "%1)")])
    bullets = add_numbering(d, [("bullet", "•")])
    for text, num, lvl in [("TỔ CHỨC THỰC HIỆN", roman, 0), ("Sở Khoa học và Công nghệ:", roman, 1),
                           ("Sở Tài chính:", roman, 1), ("KINH PHÍ", roman, 0), ("Ngân sách nhà nước", roman, 1),
                           ("Mục tiêu đến năm 2025:", letters, 0), ("Mục tiêu đến năm 2030:", letters, 0),
                           ("Chủ trì, phối hợp với các sở, ban, ngành liên quan triển khai kế hoạch;", bullets, 0)]:
        set_numbering(d.add_paragraph(text), num, lvl)
    path = tmp_path / "numbered.docx"
    d.save(path)
    assert read_text(path).split("\n\n") == [
        "I. TỔ CHỨC THỰC HIỆN", "1. Sở Khoa học và Công nghệ:", "2. Sở Tài chính:", "II. KINH PHÍ",
        "1. Ngân sách nhà nước", "a) Mục tiêu đến năm 2025:", "b) Mục tiêu đến năm 2030:",
        "- Chủ trì, phối hợp với các sở, ban, ngành liên quan triển khai kế hoạch;"]


def _lists_sharing_a_definition(path: Path) -> Path:
    """A DOCX with three lists of one abstract definition: two plain (Word continues their numbers), one that
    overrides its start (Word starts it again)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    first = add_numbering(d, [("decimal", "%1.")])
    numbering = d.part.numbering_part.element
    abstract = numbering.xpath(f'./w:num[@w:numId="{first}"]/w:abstractNumId/@w:val')[0]
    second, third = str(int(first) + 1), str(int(first) + 2)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{second}"><w:abstractNumId w:val="{abstract}"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{third}"><w:abstractNumId w:val="{abstract}"/>'
                               '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    for text, num in [("Sở Khoa học và Công nghệ", first), ("Sở Tài chính", first), ("Sở Nội vụ", second),
                      ("Sở Công Thương", second), ("Xây dựng kế hoạch", third), ("Tổ chức thực hiện", third)]:
        set_numbering(d.add_paragraph(text), num)
    d.save(path)
    return path


WORD_NUMBERS = ["1. Sở Khoa học và Công nghệ", "2. Sở Tài chính", "3. Sở Nội vụ", "4. Sở Công Thương",
                "1. Xây dựng kế hoạch", "2. Tổ chức thực hiện"]


def test_docx_lists_of_one_definition_go_on_numbering(tmp_path):
    assert read_text(_lists_sharing_a_definition(tmp_path / "lists.docx")).split("\n\n") == WORD_NUMBERS


@pytest.mark.slow
def test_docx_list_numbers_are_those_libreoffice_prints(tmp_path):
    """The numbers restored are those LibreOffice prints the same document with (its PDF's text layer)."""
    pdf = soffice_convert([_lists_sharing_a_definition(tmp_path / "lists.docx")], tmp_path / "pdf")[0]
    printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    lines = [ln.strip() for ln in printed.splitlines() if ln.strip()]
    assert [f"{a} {b}" for a, b in zip(lines[::2], lines[1::2], strict=True)] == WORD_NUMBERS


def test_docx_numbering_from_the_paragraph_style(tmp_path):
    import docx

    d = docx.Document()
    for text in ("Sở Khoa học và Công nghệ:", "Sở Tài chính:"):
        d.add_paragraph(text, style="List Number")
    d.add_paragraph("Các sở, ngành liên quan", style="List Bullet")
    d.save(tmp_path / "styled.docx")
    assert read_text(tmp_path / "styled.docx").split("\n\n") == [
        "1. Sở Khoa học và Công nghệ:", "2. Sở Tài chính:", "- Các sở, ngành liên quan"]


def test_docx_body_order_and_merged_cells(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("PHỤ LỤC")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).text, t.cell(0, 1).text, t.cell(0, 2).text = "Nội dung", "Đơn vị chủ trì", "Thời gian"
    t.cell(1, 0).text, t.cell(2, 0).text = "Tuyên truyền kế hoạch", "Đào tạo chuyên gia"
    lead = t.cell(1, 1).merge(t.cell(2, 1))
    lead.text = "Sở KH&CN"
    t.cell(1, 2).merge(t.cell(2, 2)).text = "Hàng năm"
    d.add_paragraph("Nguyễn Thế Phước")
    path = tmp_path / "table.docx"
    d.save(path)
    raw = ingest.read_document(path)
    assert [b.kind for b in raw.blocks] == ["para", "table", "para"]
    assert raw.blocks[1].rows == [["Nội dung", "Đơn vị chủ trì", "Thời gian"],
                                  ["Tuyên truyền kế hoạch", "Sở KH&CN", "Hàng năm"],
                                  ["Đào tạo chuyên gia", "", ""]]
    assert normalize(raw).count("Sở KH&CN") == 1


def test_docx_empty_numbered_cells_read_as_their_numbers(tmp_path):
    """Offices number a table's TT column with Word's numbering on empty cells: the cells read as the
    numbers Word shows, so every row under a group row keeps its own indicator and lead (Bắc Ninh's
    144/KH-UBND assigns its indicators so), and an empty numbered body line still counts."""
    import docx

    from extractor.pipeline import extract_file

    d = docx.Document()
    heads = add_numbering(d, [("upperRoman", "%1.")])
    for text in ("MỤC TIÊU", "", "TỔ CHỨC THỰC HIỆN"):
        set_numbering(d.add_paragraph(text), heads)
    d.add_paragraph("PHỤ LỤC")
    d.add_paragraph("PHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU PHÁT TRIỂN KINH TẾ SỐ, XÃ HỘI SỐ ĐẾN NĂM 2030")
    rows = [("Kinh tế số chiếm 45% GRDP tỉnh.", "Sở Tài chính"),
            ("Tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo đạt tối thiểu 40%", "Sở Khoa học và Công nghệ")]
    t = d.add_table(rows=4, cols=3)
    for col, text in enumerate(("TT", "Chỉ tiêu", "Chủ trì")):
        t.cell(0, col).text = text
    t.cell(1, 0).merge(t.cell(1, 2)).text = "I. Kinh tế số"
    tt = add_numbering(d, [("decimal", "%1.")])
    for r, (indicator, lead) in enumerate(rows, 2):
        set_numbering(t.cell(r, 0).paragraphs[0], tt)
        t.cell(r, 1).text, t.cell(r, 2).text = indicator, lead
    path = tmp_path / "tt.docx"
    d.save(path)
    raw = ingest.read_document(path)
    assert [b.text for b in raw.blocks if b.kind == "para"][:2] == ["I. MỤC TIÊU", "III. TỔ CHỨC THỰC HIỆN"]
    assert [row[0] for row in raw.blocks[-1].rows] == ["TT", "I. Kinh tế số", "1.", "2."]
    record = extract_file(path)
    assert [(o.lead, o.task) for o in record.obligations] == [
        (["Sở Tài chính"], "Kinh tế số chiếm 45% GRDP tỉnh"),
        (["Sở Khoa học và Công nghệ"], "Tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo đạt tối thiểu 40%")]


def test_docx_with_tracked_changes_reads_as_accepted(tmp_path):
    """A draft sent with its tracked changes: what was inserted or moved there is read, what was deleted or
    moved away is not (the provinces' merged departments: Sở Kế hoạch và Đầu tư became Sở Tài chính)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("Giao ")
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="A"><w:r><w:delText>Sở Kế hoạch và Đầu tư'
                          '</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="A"><w:r><w:t>Sở Tài chính</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:moveFrom {nsdecls("w")} w:id="3" w:author="A"><w:r><w:t> hằng năm</w:t></w:r>'
                          '</w:moveFrom>'))
    p.add_run(" chủ trì tổng hợp, báo cáo Ủy ban nhân dân tỉnh")
    p._p.append(parse_xml(f'<w:moveTo {nsdecls("w")} w:id="4" w:author="A"><w:r><w:t> hằng năm</w:t></w:r></w:moveTo>'))
    path = tmp_path / "tracked.docx"
    d.save(path)
    assert read_text(path) == "Giao Sở Tài chính chủ trì tổng hợp, báo cáo Ủy ban nhân dân tỉnh hằng năm"


def test_docx_task_table_whose_time_column_has_a_start_and_an_end(tmp_path):
    """'Thời gian thực hiện' over 'Bắt đầu' | 'Hoàn thành' in a second header row: a row's two cells are its
    period, one time spanning both is the time."""
    import docx

    from extractor.pipeline import extract_file

    d = docx.Document()
    d.add_paragraph("IV. TỔ CHỨC THỰC HIỆN")
    t = d.add_table(rows=4, cols=5)
    for c, head in enumerate(["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian thực hiện"]):
        t.cell(0, c).text = head
    t.cell(0, 3).merge(t.cell(0, 4))
    for c in range(3):
        t.cell(0, c).merge(t.cell(1, c))
    t.cell(1, 3).text, t.cell(1, 4).text = "Bắt đầu", "Hoàn thành"
    for r, row in enumerate([("1", "Xây dựng cơ sở dữ liệu về năng suất lao động của tỉnh", "Sở Khoa học và Công nghệ",
                              "2025", "2026"),
                             ("2", "Đánh giá, sơ kết việc thực hiện Kế hoạch", "Sở Tài chính", "Quý IV/2027", "")], 2):
        for c, value in enumerate(row):
            t.cell(r, c).text = value
    t.cell(3, 3).merge(t.cell(3, 4))
    path = tmp_path / "periods.docx"
    d.save(path)
    got = [(o.lead, o.deadline.kind, o.deadline.start, o.deadline.end) for o in extract_file(path).obligations
           if o.deadline]
    assert got == [(["Sở Khoa học và Công nghệ"], "range", 2025, 2026), (["Sở Tài chính"], "year", None, 2027)]


def test_docx_runs_in_legacy_fonts_are_converted(tmp_path, monkeypatch):
    import docx

    legacy = pytest.importorskip("extractor.ingest.legacy")
    seen = []
    monkeypatch.setattr(legacy, "convert_run",
                        lambda text, font: seen.append(font) or text.replace("KÕ ho¹ch", "Kế hoạch"))
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("KÕ ho¹ch").font.name = ".VnTime"
    p.add_run(" số 114/KH-UBND").font.name = "Times New Roman"
    path = tmp_path / "legacy.docx"
    d.save(path)
    assert read_text(path) == "Kế hoạch số 114/KH-UBND"
    assert seen == [".VnTime"]


# --- PDF ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def paged_pdf(tmp_path_factory) -> Path:
    """A 3+ page PDF with a running header, a footer and page numbers on every page."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    root = tmp_path_factory.mktemp("paged")
    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "Kế hoạch số 114/KH-UBND của Ủy ban nhân dân tỉnh Yên Bái"
    footer = section.footer.paragraphs[0]
    footer.text = "Trang "
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    for i in range(1, 61):
        d.add_paragraph(f"- Nhiệm vụ {i}: tuyên truyền, phổ biến các kiến thức về năng suất, cải tiến năng suất, "
                        "các kinh nghiệm điển hình cải tiến năng suất của các địa phương, doanh nghiệp trong "
                        "và ngoài nước.")
    path = root / "paged.docx"
    d.save(path)
    return make_pdf(path, root)


def test_pdf_drops_running_headers_footers_and_page_numbers(paged_pdf):
    raw = ingest.read_document(paged_pdf)
    assert raw.pages >= 3 and raw.format == "pdf"
    text = normalize(raw)
    assert "Kế hoạch số 114/KH-UBND" not in text
    assert "Trang" not in text
    paras = text.split("\n\n")
    assert len(paras) == 60
    assert paras[40] == ("- Nhiệm vụ 41: tuyên truyền, phổ biến các kiến thức về năng suất, cải tiến năng suất, "
                         "các kinh nghiệm điển hình cải tiến năng suất của các địa phương, doanh nghiệp trong "
                         "và ngoài nước.")


def test_pdf_table_becomes_table_blocks(yen_bai_files):
    raw = ingest.read_document(yen_bai_files["pdf"])
    tables = [b for b in raw.blocks if b.kind == "table"]
    assert tables, "the appendix table was not found"
    rows = [r for t in tables for r in t.rows]
    assert rows[0] == ["Stt", "Nội dung, nhiệm vụ", "Thời gian", "Đơn vị chủ trì", "Đơn vị phối hợp"]
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, 12)]
    assert rows[11][3] == "Sở Lao động- Thương binh và Xã hội"
    assert not any(c is None or c == "None" for r in rows for c in r)


def test_pdf_two_column_header_block(yen_bai_files):
    """Side-by-side header columns give one line each; the column's wrapped motto line is joined."""
    assert normalize(ingest.read_document(yen_bai_files["header_pdf"])).split("\n\n") == [
        "ỦY BAN NHÂN DÂN", "TỈNH YÊN BÁI", "-------", "Số: 114/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "---------------", "Yên Bái, ngày 11 tháng 5 năm 2021", "KẾ HOẠCH",
        SENTENCE + ", giai đoạn 2021 - 2030."]


# --- HTML -----------------------------------------------------------------------------------

def test_html_drops_chrome_keeps_the_header_block(tmp_path):
    from tests.formats import make_html

    path = make_html(YEN_BAI, tmp_path / "page.html")
    raw = ingest.read_document(path)
    assert (raw.status, raw.format) == ("ok", "html")
    text = normalize(raw)
    lines = text.split("\n\n")
    assert lines[:5] == ["ỦY BAN NHÂN DÂN", "TỈNH YÊN BÁI", "-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc"]
    assert "Số: 114/KH-UBND" in lines and "Yên Bái, ngày 11 tháng 5 năm 2021" in lines
    for chrome in ("Trang chủ", "Bản quyền", "dataLayer", "Tìm kiếm", "Chuyên mục", "Facebook", "Ý kiến bạn đọc",
                   "Hội thảo chuyển đổi số"):
        assert chrome not in text


def test_html_header_table_of_a_legal_portal(tmp_path):
    page = """<!DOCTYPE html><html><head><meta charset="windows-1258"><title>114/KH-UBND</title></head><body>
    <div class="menu"><a href="/">Trang chủ</a> <a href="/vb">Văn bản</a></div><div id="toanvan">
    <table><tr><td><p><b>ỦY BAN NHÂN DÂN<br>TỈNH YÊN BÁI</b></p><p>Số: 114/KH-UBND</p></td>
    <td><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p><i>Yên Bái, ngày 11 tháng 5 năm 2021</i></p></td></tr></table>
    <p><b>KẾ HOẠCH</b></p><p>{s}.</p><p>I. MỤC TIÊU, YÊU CẦU</p></div>
    <div class="footer">Bản quyền thuộc Cổng thông tin điện tử</div><script>var a = 1;</script></body></html>"""
    path = tmp_path / "portal.htm"
    path.write_bytes(to_cp1258(page.format(s=SENTENCE)))
    raw = ingest.read_document(path)
    assert raw.encoding == "windows-1258"
    assert normalize(raw).split("\n\n") == [
        "ỦY BAN NHÂN DÂN", "TỈNH YÊN BÁI", "Số: 114/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Yên Bái, ngày 11 tháng 5 năm 2021", "KẾ HOẠCH", SENTENCE + ".", "I. MỤC TIÊU, YÊU CẦU"]


def test_html_header_cell_with_its_first_line_outside_a_paragraph(tmp_path):
    """A Party portal's header cell (held-out 9): its bold first line is the cell's own text and the lines after
    each <br> become paragraphs in trafilatura's reading; the first line stays."""
    page = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>25-KH/TU</title></head><body><div id="content">
    <table class="doc-header"><tr><td><b>TỈNH ỦY GIA LAI</b><br>*<br>Số 25-KH/TU</td>
    <td><b><u>ĐẢNG CỘNG SẢN VIỆT NAM</u></b><br><i>Gia Lai, ngày 28 tháng 8 năm 2025</i></td></tr></table>
    <p><b>KẾ HOẠCH</b></p><p>{s}.</p><p>I. MỤC ĐÍCH, YÊU CẦU</p></div></body></html>"""
    path = tmp_path / "party.html"
    path.write_text(page.format(s=SENTENCE), encoding="utf-8")
    assert normalize(ingest.read_document(path)).split("\n\n")[:5] == [
        "TỈNH ỦY GIA LAI", "*", "Số 25-KH/TU", "ĐẢNG CỘNG SẢN VIỆT NAM", "Gia Lai, ngày 28 tháng 8 năm 2025"]


def test_html_banner_site_name_kept_by_trafilatura_is_not_the_issuer(tmp_path):
    """An HĐND portal's banner (held-out 11): trafilatura keeps its site name as a first line, its two spans run
    together ('… LÂM ĐỒNGTRANG THÔNG TIN ĐIỆN TỬ'); the page read without its chrome does not hold it, so it goes,
    and the issuer is the header's."""
    from extractor.pipeline import extract_file

    page = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>118/NQ-HĐND</title></head><body>
    <header id="banner"><div class="site-name"><span class="l1">HỘI ĐỒNG NHÂN DÂN TỈNH LÂM ĐỒNG</span><span
    class="l2">TRANG THÔNG TIN ĐIỆN TỬ</span></div></header><div class="vb-noidung">
    <table><tr><td><p><b>HỘI ĐỒNG NHÂN DÂN<br>TỈNH LÂM ĐỒNG</b></p><p>Số: 118/NQ-HĐND</p></td>
    <td><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p><i>Lâm Đồng, ngày 09 tháng 12 năm 2026</i></p></td></tr>
    </table><p><b>NGHỊ QUYẾT</b></p><p><b>Về kế hoạch phát triển kinh tế - xã hội năm 2027</b></p>
    <p>Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;</p><p>QUYẾT NGHỊ:</p>
    <p>Điều 1. Thông qua kế hoạch phát triển kinh tế - xã hội năm 2027.</p></div>
    <footer><p>TRANG THÔNG TIN ĐIỆN TỬ HỘI ĐỒNG NHÂN DÂN TỈNH LÂM ĐỒNG</p></footer></body></html>"""
    path = tmp_path / "hdnd.html"
    path.write_text(page, encoding="utf-8")
    raw = ingest.read_document(path)
    assert "TRANG THÔNG TIN ĐIỆN TỬ" not in normalize(raw)
    meta = extract_file(path).meta
    assert (meta.issuer, meta.number, meta.kind) == ("Hội đồng nhân dân tỉnh Lâm Đồng", "118/NQ-HĐND", "resolution")


def test_html_portal_attributes_two_to_a_row_are_left_out(tmp_path):
    """A province's portal (held-out 12) shows the document's attributes two to a row ('Số ký hiệu: | 58/KH-UBND |
    Ngày ban hành: | 20/03/2026'); that box is the portal's, and the document's own header comes first."""
    from extractor.pipeline import extract_file

    page = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>58/KH-UBND</title></head><body><div id="vb">
    <table class="thuoc-tinh"><tr><td>Số ký hiệu:</td><td>58/KH-UBND</td><td>Ngày ban hành:</td><td>20/03/2026</td></tr>
    <tr><td>Cơ quan ban hành:</td><td>UBND tỉnh</td><td>Người ký:</td><td>Đỗ Minh Quân</td></tr>
    <tr><td>Tệp đính kèm:</td><td>58-KH-UBND.pdf</td><td></td><td></td></tr></table>
    <table><tr><td><p><b>ỦY BAN NHÂN DÂN<br>TỈNH QUẢNG NGÃI</b></p><p>Số: 58/KH-UBND</p></td>
    <td><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p><i>Quảng Ngãi, ngày 20 tháng 3 năm 2026</i></p></td></tr>
    </table><p><b>KẾ HOẠCH</b></p><p>Thực hiện Chương trình quốc gia về chất thải rắn sinh hoạt</p>
    <p>I. MỤC ĐÍCH, YÊU CẦU</p><p>1. Cụ thể hóa các mục tiêu của Chương trình.</p>
    <table><tr><th>Số ký hiệu</th><th>Ngày ban hành</th><th>Trích yếu</th></tr>
    <tr><td>12/KH-UBND</td><td>05/01/2026</td><td>Kế hoạch năm 2026</td></tr></table></div></body></html>"""
    path = tmp_path / "portal.html"
    path.write_text(page, encoding="utf-8")
    tables = [b for b in ingest.read_document(path).blocks if b.kind == "table"]
    assert [t.rows[0][0] for t in tables] == ["ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 58/KH-UBND", "Số ký hiệu"]
    meta = extract_file(path).meta
    assert (meta.kind, meta.number, meta.issuer) == ("plan", "58/KH-UBND", "Ủy ban nhân dân tỉnh Quảng Ngãi")


def test_html_header_table_classed_as_a_header_is_the_document_s(tmp_path):
    """A legal database (held-out 13) gives the document's own header table the class 'doc-header', which reads as
    page chrome by its name; a table holding the motto and 'Số: …' is the document's, kept."""
    from extractor.pipeline import extract_file

    page = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>31/2025/NQ-HĐND</title></head><body>
    <div class="site-header">Thư viện văn bản</div><div class="content">
    <table class="doc-header"><tr><td><b>HỘI ĐỒNG NHÂN DÂN<br>TỈNH TUYÊN QUANG</b><br>-------<br>Số: 31/2025/NQ-HĐND</td>
    <td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</b><br>
    <i>Tuyên Quang, ngày 12 tháng 12 năm 2025</i></td></tr></table>
    <p><b>NGHỊ QUYẾT</b></p><p><b>QUY ĐỊNH CHÍNH SÁCH HỖ TRỢ BẢO TỒN VĂN HÓA TRUYỀN THỐNG</b></p>
    <p>Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;</p><p>QUYẾT NGHỊ:</p>
    <p>Điều 1. Phạm vi điều chỉnh</p><p>Nghị quyết này quy định chính sách hỗ trợ.</p></div></body></html>"""
    path = tmp_path / "nq.html"
    path.write_text(page, encoding="utf-8")
    from extractor.ingest.html import _lxml_blocks

    plain = _lxml_blocks(page)  # the page read without its chrome keeps the table the page calls a header
    assert plain[0].kind == "table" and "Số: 31/2025/NQ-HĐND" in plain[0].rows[0][0]
    meta = extract_file(path).meta
    assert (meta.number, meta.date, meta.issuer) == ("31/2025/NQ-HĐND", "2025-12-12", "Hội đồng nhân dân tỉnh Tuyên Quang")
    assert "Thư viện văn bản" not in normalize(ingest.read_document(path))


def test_html_page_furniture_before_the_document_s_header_table_is_left_out(tmp_path):
    """A province's portal (openings 2): a column of the newest documents and the post's title stand before the
    document's header table in the page's main area; the document begins at its header, so the newest documents
    are no references of it."""
    from extractor.pipeline import extract_file

    page = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>31/2024/NQ-HĐND</title></head><body>
    <div id="main"><div class="col-left"><h3>Văn bản mới</h3><ul>
    <li><a href="#">Quyết định số 2315/QĐ-UBND ngày 05/7/2024 về việc công bố danh mục thủ tục hành chính</a></li>
    <li><a href="#">Kế hoạch số 168/KH-UBND ngày 02/7/2024 tổ chức Tháng hành động</a></li></ul></div>
    <div class="col-center"><h1>Nghị quyết quy định nội dung chi, mức chi</h1><span>Cập nhật: 16/07/2024</span>
    <table class="vb-header"><tr><td><p>HỘI ĐỒNG NHÂN DÂN<br>TỈNH THANH HÓA<br>Số: 31/2024/NQ-HĐND</p></td>
    <td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Thanh Hóa, ngày 11 tháng 7 năm 2024</p></td></tr></table>
    <p><b>NGHỊ QUYẾT</b></p><p><b>Quy định nội dung chi, mức chi thực hiện nhiệm vụ khoa học và công nghệ</b></p>
    <p>Căn cứ Luật Khoa học và Công nghệ ngày 18 tháng 6 năm 2013;</p><p>QUYẾT NGHỊ:</p>
    <p>Điều 1. Phạm vi điều chỉnh</p><p>Nghị quyết này quy định nội dung chi.</p></div></div></body></html>"""
    path = tmp_path / "portal.html"
    path.write_text(page, encoding="utf-8")
    rec = extract_file(path)
    assert rec.text.startswith("HỘI ĐỒNG NHÂN DÂN")
    assert [r.number for r in rec.references] == [None] and rec.meta.number == "31/2024/NQ-HĐND"


@pytest.mark.parametrize("kind", ["tcvn3", "vni"])
def test_txt_in_a_legacy_font_encoding(tmp_path, kind):
    legacy = pytest.importorskip("extractor.ingest.legacy")
    encode = getattr(legacy, f"to_{kind}", None)
    if encode is None:
        pytest.skip("legacy encoder not available")
    path = tmp_path / f"{kind}.txt"
    path.write_bytes(encode(SENTENCE).encode("cp1252"))
    raw = ingest.read_document(path)
    assert (raw.status, raw.encoding) == ("ok", kind)
    assert normalize(raw) == SENTENCE


@pytest.mark.slow
def test_pdf_typed_in_a_legacy_font_is_converted(tmp_path):
    """A PDF printed from a .VnTime document carries TCVN3 bytes in its text layer: they are converted."""
    import docx

    legacy = pytest.importorskip("extractor.ingest.legacy")
    if not hasattr(legacy, "to_tcvn3"):
        pytest.skip("legacy encoder not available")
    d = docx.Document()
    # (no "ư": its TCVN3 byte is the soft hyphen, which a Unicode font does not print)
    lines = ["Ủy ban nhân dân tỉnh Yên Bái ban hành kế hoạch nâng cao năng suất dựa trên nền tảng khoa học.",
             "Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ban, ngành liên quan triển khai kế hoạch."]
    for line in lines:
        d.add_paragraph().add_run(legacy.to_tcvn3(line)).font.name = "Times New Roman"
    d.save(tmp_path / "vntime.docx")
    raw = ingest.read_document(make_pdf(tmp_path / "vntime.docx", tmp_path))
    assert raw.encoding == "tcvn3"
    assert normalize(raw).split("\n\n") == lines


def test_docx_text_box_is_read_once_and_apart(tmp_path):
    """A header typed in a text box (DrawingML with its VML fallback) gives its lines once, as paragraphs."""
    import docx
    from docx.oxml import parse_xml

    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:v="urn:schemas-microsoft-com:vml"')
    box = ("<w:txbxContent><w:p><w:r><w:t>ỦY BAN NHÂN DÂN</w:t></w:r></w:p>"
           "<w:p><w:r><w:t>TỈNH YÊN BÁI</w:t></w:r></w:p></w:txbxContent>")
    run = parse_xml(
        f'<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
        f'<a:graphicData><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic>'
        f'</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox>'
        f'</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    d = docx.Document()
    p = d.add_paragraph()
    p._p.append(run)
    p.add_run("Số: 114/KH-UBND")
    d.save(tmp_path / "box.docx")
    assert read_text(tmp_path / "box.docx").split("\n\n") == ["ỦY BAN NHÂN DÂN", "TỈNH YÊN BÁI", "Số: 114/KH-UBND"]


def test_pdf_text_layer_readability():
    from extractor.ingest.pdf import readable

    assert readable("Thực hiện Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ.")
    assert not readable("\x03\x04\x05\x11\x12 \x13\x14\x15\x16")  # glyph ids without a Unicode map
    assert not readable("\ue001\ue002\ue003 \ue004\ue005")  # private-use code points


def test_pdf_readability_counts_every_character_as_the_plain_rule_does():
    """readable() counts with a pattern what the rule says character by character (a letter or digit
    of the Latin/Vietnamese ranges, or printable punctuation below U+2100, among the non-blank
    characters of the first 4000): the same answer on random texts drawn from every code point."""
    import random

    from extractor.ingest.pdf import readable

    def by_rule(text: str) -> bool:
        shown = [c for c in text[:4000] if not c.isspace()]
        good = [c for c in shown if (c.isalnum() and (ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF))
                or (c.isprintable() and ord(c) < 0x2100 and not c.isalnum())]
        return bool(shown) and len(good) >= 0.6 * len(shown)

    rng = random.Random(11)
    pools = ["".join(map(chr, range(0x110000))), "Thực hiện Quyết định 36/QĐ-TTg \u2028\x1c\u00a0",
             "".join(map(chr, range(0x2000, 0x2200)))]
    for k in range(4000):
        pool = pools[k % 3]
        text = "".join(rng.choice(pools[1]) if rng.random() < 0.6 else rng.choice(pool) for _ in range(rng.randint(0, 30)))
        assert readable(text) == by_rule(text), repr(text)
    assert [readable(chr(c) + "a") for c in range(0x2200)] == [by_rule(chr(c) + "a") for c in range(0x2200)]


def test_html_saved_by_an_office_suite_keeps_its_tables_lines_and_repeated_labels(tmp_path):
    """A page saved by Word or LibreOffice: paragraphs wrapped at 80 columns in the source, a task table
    inside the list item of its heading, the same label line under two tasks (Hà Nội's 308/KH-UBND)."""
    from extractor.pipeline import extract_file

    task = """<p>{n}. {head}</p>
<p>a) Nhiệm vụ: {what}</p>
<p>b) Cơ quan thực hiện:</p>
<ul>
	<li><p>Đơn vị chủ trì: Sở
	Khoa học và Công nghệ.</p>
</ul>
<p>c) Thời gian thực hiện: Hoàn
thành trong năm 2025.</p>
"""
    cell = '<td><p><font face="Cambria, serif">{}</font></p></td>'
    rows = [("STT", "Nhiệm vụ", "Cơ quan chủ trì thực hiện", "Thời hạn"),
            ("1", "Xây dựng cơ sở dữ liệu\n\t\tchuyên ngành khoa học và công nghệ", "Sở Khoa học\n\t\tvà Công nghệ",
             "30/09/2025")]
    table = "<table>" + "".join("<tr>" + "".join(cell.format(c) for c in r) + "</tr>" for r in rows) + "</table>"
    page = ("<html><body><p>V. TỔ CHỨC THỰC HIỆN</p>\n"
            + task.format(n="4.2", head="Nguồn nhân lực", what="Lựa chọn kiến trúc sư trưởng về Chuyển đổi số\n"
                          "của Thành phố.")
            + task.format(n="4.3", head="Về công tác đào tạo", what="Xây dựng, tổ\nchức triển khai chương trình"
                          " đào tạo, bồi dưỡng nâng\ncao năng lực chuyển đổi số cho cán bộ, công chức.")
            + "<p>PHỤ LỤC</p>\n<ol type=\"I\"><li><p>Các nhiệm vụ quá hạn chưa hoàn thành</p>\n" + table
            + "</li></ol></body></html>")
    path = tmp_path / "saved.html"
    path.write_text(page, encoding="utf-8")
    raw = ingest.read_document(path)
    paras = [b.text for b in raw.blocks if b.kind == "para"]
    assert paras.count("b) Cơ quan thực hiện:") == 2
    assert "a) Nhiệm vụ: Lựa chọn kiến trúc sư trưởng về Chuyển đổi số của Thành phố." in paras
    assert "c) Thời gian thực hiện: Hoàn thành trong năm 2025." in paras
    tables = [b.rows for b in raw.blocks if b.kind == "table"]
    assert tables == [[list(rows[0]), ["1", "Xây dựng cơ sở dữ liệu chuyên ngành khoa học và công nghệ",
                                       "Sở Khoa học và Công nghệ", "30/09/2025"]]]
    record = extract_file(path)
    assert [(o.lead, o.task) for o in record.obligations] == [
        (["Sở Khoa học và Công nghệ"], "Lựa chọn kiến trúc sư trưởng về Chuyển đổi số của Thành phố"),
        (["Sở Khoa học và Công nghệ"], "Xây dựng, tổ chức triển khai chương trình đào tạo, bồi dưỡng nâng cao "
                                       "năng lực chuyển đổi số cho cán bộ, công chức"),
        (["Sở Khoa học và Công nghệ"], "Xây dựng cơ sở dữ liệu chuyên ngành khoa học và công nghệ")]


def test_html_page_of_plain_text_in_pre_reads_like_the_text(tmp_path):
    """A crawler's page that shows a document as plain text in <pre> keeps its lines: Dong Thap's 597/KH-UBND
    reads as its TXT does, every task with its lead."""
    import html

    from extractor.pipeline import extract_file

    txt = Path(__file__).parent / "real" / "dongthap-597-kh-ubnd-2025.txt"
    page = tmp_path / "597.html"
    page.write_text('<html><head><title>Kế hoạch 597</title></head><body><div class="menu">Trang chủ</div>'
                    f"<pre>{html.escape(txt.read_text(encoding='utf-8'))}</pre></body></html>", encoding="utf-8")
    got, want = extract_file(page), extract_file(txt)
    assert got.meta.number == "597/KH-UBND"
    assert [(o.lead, o.task) for o in got.obligations] == [(o.lead, o.task) for o in want.obligations]
    assert len(got.obligations) == 27


@pytest.mark.parametrize("head,charset", [
    (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01\"\r\n", "windows-1258"),  # Word
    (b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n"
     b"\tboundary=\"----=_NextPart_01\"\r\n", None),  # a browser's 'single file'
])
def test_a_page_saved_as_one_mime_file_reads_as_the_page(tmp_path, head, charset):
    """Word's and the browsers' 'Web page, single file' (.mht): the HTML part, quoted-printable, in its charset."""
    import quopri

    page = ("<html><head><title>114/KH-UBND</title></head><body><p>ỦY BAN NHÂN DÂN TỈNH YÊN BÁI</p>"
            "<p>Số: 114/KH-UBND</p><p>Yên Bái, ngày 11 tháng 5 năm 2021</p><p>KẾ HOẠCH</p>"
            "<p>Triển khai thực hiện Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ</p>"
            "<p>IV. TỔ CHỨC THỰC HIỆN</p><p>1. Sở Khoa học và Công nghệ</p>"
            "<p>Chủ trì, phối hợp với các sở, ngành liên quan triển khai thực hiện Kế hoạch.</p></body></html>")
    body = to_cp1258(page) if charset else page.replace("<head>", '<head><meta charset="utf-8">').encode()
    part_type = f'text/html; charset="{charset}"' if charset else "text/html"
    data = (head + b"\r\n------=_NextPart_01\r\nContent-Location: file:///C:/ke-hoach.htm\r\n"
            b"Content-Transfer-Encoding: quoted-printable\r\nContent-Type: " + part_type.encode() + b"\r\n\r\n"
            + quopri.encodestring(body) + b"\r\n------=_NextPart_01--\r\n")
    path = tmp_path / "ke-hoach.mht"
    path.write_bytes(data)
    from extractor.pipeline import extract_file

    record = extract_file(path)
    assert (record.status, record.source.format, record.meta.number, record.meta.date) == (
        "ok", "html", "114/KH-UBND", "2021-05-11")
    assert [o.lead for o in record.obligations] == [["Sở Khoa học và Công nghệ"]]
    assert [r.number for r in record.references] == ["36/QĐ-TTg"]


# --- merged cells: tables keep their grid -----------------------------------------------------

_MERGED_HEADER = [["TT", "Chỉ tiêu", "ĐVT", "GIAI ĐOẠN 2026 - 2030", "", ""],
                  ["", "", "", "Năm 2026", "Năm 2027", "Năm 2028"],
                  ["1", "Diện tích cà phê", "Ha", "27.000", "27.500", "28.000"]]


def _table_rows(raw) -> list[list[str]]:
    (table,) = [b for b in raw.blocks if b.kind == "table"]
    return [[c or "" for c in row] for row in table.rows]


def test_docx_cells_merged_across_columns_and_rows_keep_the_grid(tmp_path):
    """Sơn La's 2954/QĐ-UBND as an office's DOCX: 'GIAI ĐOẠN 2026 - 2030' spans the year columns (gridSpan),
    TT / Chỉ tiêu / ĐVT span the two header rows (vMerge); the years stand under the span, not at the left."""
    import docx

    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    table = document.add_table(rows=3, cols=6)
    for r, row in enumerate(_MERGED_HEADER):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    table.cell(0, 3).merge(table.cell(0, 5))
    for c in range(3):
        table.cell(0, c).merge(table.cell(1, c))
    path = tmp_path / "plan.docx"
    document.save(str(path))
    rows = _table_rows(ingest.read_document(path))
    assert [len(r) for r in rows] == [6, 6, 6]
    assert rows[0][3] == "GIAI ĐOẠN 2026 - 2030" and rows[1][3:] == ["Năm 2026", "Năm 2027", "Năm 2028"]


def test_html_colspan_and_rowspan_keep_the_grid(tmp_path):
    """The same header as a portal's <table>: rowspan cells are left out of the second <tr>, colspan spans."""
    page = ("<html><body><p>KẾ HOẠCH</p><table border='1'>"
            "<tr><td rowspan='2'>TT</td><td rowspan='2'>Chỉ tiêu</td><td rowspan='2'>ĐVT</td>"
            "<td colspan='3'>GIAI ĐOẠN 2026 - 2030</td></tr>"
            "<tr><td>Năm 2026</td><td>Năm 2027</td><td>Năm 2028</td></tr>"
            "<tr><td>1</td><td>Diện tích cà phê</td><td>Ha</td><td>27.000</td><td>27.500</td><td>28.000</td></tr>"
            "</table></body></html>")
    path = tmp_path / "plan.html"
    path.write_text(page, encoding="utf-8")
    rows = _table_rows(ingest.read_document(path))
    assert rows == [["TT", "Chỉ tiêu", "ĐVT", "GIAI ĐOẠN 2026 - 2030", "", ""],
                    ["", "", "", "Năm 2026", "Năm 2027", "Năm 2028"],
                    ["1", "Diện tích cà phê", "Ha", "27.000", "27.500", "28.000"]]


# Two paragraphs of 97/NQ-CP and its footnotes, as LibreOffice's HTML export marks notes: read through LibreOffice,
# they become Word footnotes (word/footnotes.xml), the body keeping only a reference to each.
_NOTES_PAGE = """<html><head><meta charset="utf-8"></head><body>
<p>Thực hiện Nghị quyết số 140/NQ-CP<a class="sdfootnoteanc" name="sdfootnote1anc" href="#sdfootnote1sym"><sup>1</sup></a>,
Bộ Tư pháp chủ trì, phối hợp với các bộ, cơ quan ngang bộ tổng kết việc thực hiện trong năm 2026.</p>
<p>Bộ Tư pháp thực hiện chức năng, nhiệm vụ theo quy định<a class="sdfootnoteanc" name="sdfootnote2anc"
href="#sdfootnote2sym"><sup>2</sup></a>.</p>
<div id="sdfootnote1"><p class="sdfootnote"><a class="sdfootnotesym" name="sdfootnote1sym" href="#sdfootnote1anc">1</a>Nghị
quyết số 140/NQ-CP ngày 17/5/2025 của Chính phủ ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số
66-NQ/TW ngày 30/4/2025 của Bộ Chính trị.</p></div>
<div id="sdfootnote2"><p class="sdfootnote"><a class="sdfootnotesym" name="sdfootnote2sym" href="#sdfootnote2anc">2</a>Nghị
định số 09/2026/NĐ-CP ngày 10/01/2026 của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Tư
pháp.</p></div>
</body></html>"""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_docx_footnotes_are_read_after_the_body_in_the_order_it_cites_them(tmp_path):
    """Word keeps footnotes in a part of their own; a decree cited only in a footnote is still a reference, with
    the date the footnote gives."""
    import zipfile

    from extractor.pipeline import extract_file

    page = tmp_path / "nq-97-notes.html"
    page.write_text(_NOTES_PAGE, encoding="utf-8")
    docx = soffice_convert([page], tmp_path / "docx", target="docx:MS Word 2007 XML", timeout=300,
                           infilter="HTML (StarWriter)")[0]
    with zipfile.ZipFile(docx) as z:
        assert "word/footnotes.xml" in z.namelist()
        assert "09/2026/NĐ-CP" not in z.read("word/document.xml").decode()  # only in the footnotes part
    texts = [b.text for b in ingest.read_document(docx).blocks]
    assert texts[0].startswith("Thực hiện Nghị quyết số 140/NQ-CP, Bộ Tư pháp chủ trì")  # no mark in the body
    assert texts[-2:] == [
        "1 Nghị quyết số 140/NQ-CP ngày 17/5/2025 của Chính phủ ban hành Chương trình hành động của Chính phủ thực "
        "hiện Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị.",
        "2 Nghị định số 09/2026/NĐ-CP ngày 10/01/2026 của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ "
        "cấu tổ chức của Bộ Tư pháp."]
    record = extract_file(docx).to_dict()
    refs = {r["number"]: r["date"] for r in record["references"]}
    assert refs["09/2026/NĐ-CP"] == "2026-01-10"
    assert record["targets"] == []  # '1 Nghị quyết số …' is a note's mark, no count (exclude.cited_document)
    assert refs["140/NQ-CP"] == "2025-05-17" and refs["66-NQ/TW"] == "2025-04-30"


def _symbol_run(paragraph, font: str, char: str) -> None:
    """A run holding what Word's Insert > Symbol writes: <w:r><w:sym w:font=… w:char=…/></w:r>."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    sym = OxmlElement("w:sym")
    sym.set(qn("w:font"), font)
    sym.set(qn("w:char"), char)
    paragraph.add_run()._r.append(sym)


def test_docx_symbols_are_the_characters_they_draw(tmp_path):
    """'≥' inserted from the Symbol font is a <w:sym>, or in old documents a '³' typed in a run set in Symbol;
    both read as '≥', so the aim keeps its comparator. A Wingdings bullet is a bullet."""
    import docx

    from extractor.pipeline import extract_file

    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("I. MỤC TIÊU")
    inserted = document.add_paragraph("Đến năm 2025, tỷ lệ hồ sơ công việc cấp tỉnh được xử lý trên môi trường mạng đạt ")
    _symbol_run(inserted, "Symbol", "F0B3")
    inserted.add_run(" 90%.")
    typed = document.add_paragraph("Đến năm 2025, tỷ lệ dịch vụ công trực tuyến toàn trình đạt ")
    typed.add_run("³").font.name = "Symbol"
    typed.add_run(" 80%.")
    bullet = document.add_paragraph()
    _symbol_run(bullet, "Wingdings", "F0A7")
    bullet.add_run(" Sở Khoa học và Công nghệ chủ trì tổ chức triển khai thực hiện Kế hoạch.")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    texts = [b.text for b in ingest.read_document(path).blocks]
    assert texts[2].endswith("trên môi trường mạng đạt ≥ 90%.") and texts[3].endswith("toàn trình đạt ≥ 80%.")
    assert texts[4] == "\uf0a7 Sở Khoa học và Công nghệ chủ trì tổ chức triển khai thực hiện Kế hoạch."
    record = extract_file(path).to_dict()
    assert sorted((t["value"], t["comparator"], t["year"]) for t in record["targets"]) == [
        (80, ">=", 2025), (90, ">=", 2025)]
    assert "- Sở Khoa học và Công nghệ chủ trì" in record["text"]  # the glyph written as the dash


# 97/NQ-CP's first paragraphs as a portal's page saved from Word: each note mark a superscript link to the note
# (Word's '#_ftn1'; LibreOffice's '#sdfootnote2sym'), the notes at the foot linking back.
_NOTE_MARKS_PAGE = """<html><head><meta charset="utf-8"></head><body><div class="content">
<p>NGHỊ QUYẾT</p>
<p>Căn cứ Nghị quyết số 66-NQ/TW ngày 30/4/2025<sup><a href="#_ftn1" name="_ftnref1">[1]</a></sup> của Bộ Chính trị
về đổi mới công tác xây dựng và thi hành pháp luật;</p>
<p>Thực hiện Nghị quyết số 140/NQ-CP<a class="sdfootnoteanc" href="#sdfootnote2sym"><sup>2</sup></a> ngày 17/5/2025
của Chính phủ, diện tích làm việc bình quân đạt 10 m<sup>2</sup>/người.</p>
<p><a href="#_ftnref1" name="_ftn1"><sup>1</sup></a> Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị.</p>
</div></body></html>"""


def test_html_note_marks_glue_no_digit_to_the_word_before_them(tmp_path):
    path = tmp_path / "nq-97.html"
    path.write_text(_NOTE_MARKS_PAGE, encoding="utf-8")
    texts = [" ".join(b.text.split()) for b in ingest.read_document(path).blocks]
    assert "Căn cứ Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị về đổi mới công tác xây dựng và thi hành " \
           "pháp luật;" in texts
    assert any(t.startswith("Thực hiện Nghị quyết số 140/NQ-CP ngày 17/5/2025 của Chính phủ") and "10 m2/người" in t
               for t in texts)  # a unit's superscript is no note mark
    assert "1 Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị." in texts  # the note keeps its number


# A legal portal's page of 97/NQ-CP: the portal's box of attributes above the document, then the document, whose
# appendix lists documents under a header row of the same labels.
_PORTAL_PAGE = """<html><head><meta charset="utf-8"></head><body><main>
<table class="thuoctinh">
<tr><td>Số ký hiệu</td><td>97/NQ-CP</td><td>Ngày ban hành</td><td>08/04/2026</td></tr>
<tr><td>Loại văn bản</td><td>Nghị quyết</td><td>Ngày có hiệu lực</td><td>08/04/2026</td></tr>
<tr><td>Cơ quan ban hành</td><td>Chính phủ</td><td>Người ký</td><td>Phạm Minh Chính</td></tr>
<tr><td>Tài liệu đính kèm</td><td colspan="3"><a href="/f/97.pdf">97.signed.pdf</a></td></tr>
</table>
<article>
<table><tr><td><p>CHÍNH PHỦ</p></td><td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p>Độc lập - Tự do - Hạnh phúc</p></td></tr>
<tr><td><p>Số: 97/NQ-CP</p></td><td><p>Hà Nội, ngày 06 tháng 4 năm 2026</p></td></tr></table>
<p>NGHỊ QUYẾT</p>
<p>Sửa đổi, bổ sung nhiệm vụ trong Chương trình hành động của Chính phủ thực hiện Nghị quyết số 66-NQ/TW ngày 30 tháng 4
năm 2025 của Bộ Chính trị</p>
<p>CHÍNH PHỦ</p>
<p>Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;</p>
<p>QUYẾT NGHỊ:</p>
<p>Điều 1. Sửa đổi, bổ sung nhiệm vụ trong Chương trình hành động theo Phụ lục kèm theo.</p>
<p>PHỤ LỤC. CÁC VĂN BẢN ĐƯỢC SỬA ĐỔI</p>
<table><tr><td>TT</td><td>Số ký hiệu</td><td>Ngày ban hành</td><td>Trích yếu</td></tr>
<tr><td>1</td><td>140/NQ-CP</td><td>17/5/2025</td><td>Chương trình hành động của Chính phủ</td></tr></table>
</article></main></body></html>"""


def test_html_portal_attribute_box_is_left_out_and_a_list_of_documents_kept(tmp_path):
    from extractor.pipeline import extract_file

    path = tmp_path / "nq-97.html"
    path.write_text(_PORTAL_PAGE, encoding="utf-8")
    tables = [b.rows for b in ingest.read_document(path).blocks if b.kind == "table"]
    assert not any("Người ký" in row for rows in tables for row in rows)  # the portal's box
    assert ["1", "140/NQ-CP", "17/5/2025", "Chương trình hành động của Chính phủ"] in tables[-1]  # the appendix
    meta = extract_file(path).to_dict()["meta"]
    assert (meta["kind"], meta["number"], meta["date"], meta["issuer"], meta["level"]) == (
        "resolution", "97/NQ-CP", "2026-04-06", "Chính phủ", "national")


def test_docx_rows_that_skip_grid_columns_and_wrapped_cells_keep_the_grid(tmp_path):
    """Rows as converters and forms write them: a section row starting in the second grid column
    (w:gridBefore), a row ending a column short (w:gridAfter), cells inside a content control (w:sdt):
    each cell stays under its column."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    table = document.add_table(rows=3, cols=4)
    for c, text in enumerate(["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["1", "Xây dựng cơ sở dữ liệu quy hoạch", "Sở Tài chính", "Quý IV/2026"]):
        table.cell(2, c).text = text
    section = table.rows[1]._tr
    for tc in section.findall(qn("w:tc"))[1:]:
        section.remove(tc)  # one cell: the section title
    section.findall(qn("w:tc"))[0].get_or_add_tcPr().append(parse_xml(f'<w:gridSpan {nsdecls("w")} w:val="2"/>'))
    first = section.findall(qn("w:tc"))[0]
    for p in first.findall(qn("w:p")):
        first.remove(p)
    first.append(parse_xml(f'<w:p {nsdecls("w")}><w:r><w:t>Chuyển đổi số</w:t></w:r></w:p>'))
    section.insert(0, parse_xml(f'<w:trPr {nsdecls("w")}><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>'))
    task = table.rows[2]._tr
    lead = task.findall(qn("w:tc"))[2]
    sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtContent/></w:sdt>')
    task.replace(lead, sdt)
    sdt.find(qn("w:sdtContent")).append(lead)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    rows = _table_rows(ingest.read_document(path))
    assert rows == [["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"],
                    ["", "Chuyển đổi số", "", ""],
                    ["1", "Xây dựng cơ sở dữ liệu quy hoạch", "Sở Tài chính", "Quý IV/2026"]]
