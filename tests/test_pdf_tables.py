"""Ruled tables read through pdfium (pdf_tables) give pdfplumber's cells, or defer to pdfplumber.

Fixtures in tests/fixtures/pdf-tables/ (SOURCES.md there): the dev plan of Yên Bái printed by
LibreOffice (ruled appendix tables, a hyphen ending a cell line) and three pages of the Bộ Tư
pháp appendix (a landscape table whose words are placed about 3 points apart, on pdfplumber's
tolerance)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from extractor.ingest import read_document
from extractor.ingest.pdf import _looks_ruled
from extractor.ingest.pdf_tables import find_tables

FIX = Path(__file__).parent / "fixtures" / "pdf-tables"
YEN_BAI = FIX / "yen-bai-114-kh-ubnd-2021-libreoffice.pdf"
BOTUPHAP = FIX / "botuphap-1043-btp-2021-phuluc-p1-25-26.pdf"


def _both(path: Path) -> list[tuple[int, object, list]]:
    """(page index, pdfium reading or None, pdfplumber's reading) of every page drawing lines."""
    out = []
    doc = pdfium.PdfDocument(str(path))
    with pdfplumber.open(path) as plumber:
        for i in range(len(doc)):
            page = doc[i]
            if _looks_ruled(page):
                fast = find_tables(page, page.get_textpage())
                out.append((i, fast, [(t.bbox, t.extract()) for t in plumber.pages[i].find_tables()]))
    doc.close()
    return out


@pytest.mark.parametrize("path,fast_pages,deferred", [(YEN_BAI, 7, 0), (BOTUPHAP, 1, 2)])
def test_pdfium_reading_is_pdfplumbers_or_defers(path, fast_pages, deferred):
    readings = _both(path)
    fast = [(i, f, ref) for i, f, ref in readings if f is not None]
    assert len(fast) == fast_pages and len(readings) - len(fast) == deferred
    for i, found, ref in fast:
        assert [rows for _, rows in found] == [rows for _, rows in ref], f"page {i + 1}"
        for (box, _), (ref_box, _) in zip(found, ref, strict=True):
            assert box == pytest.approx(ref_box, abs=0.01)


def test_table_cells_read_from_the_plan():
    raw = read_document(YEN_BAI)
    tables = [b.rows for b in raw.blocks if b.kind == "table"]
    assert raw.status == "ok" and tables
    cells = {cell for rows in tables for row in rows for cell in row}
    # a hyphen that ends a cell line in the PDF (pdfium marks it U+FFFE) is read as pdfplumber reads it
    assert not any("\ufffe" in c for c in cells)
    assert any("-" in c for c in cells)
    header = tables[0][0]
    assert len(header) >= 3 and all(header)


def test_deferred_page_reads_like_pdfplumber():
    """A page pdfium cannot read for sure is read by pdfplumber: the record has its cells."""
    raw = read_document(BOTUPHAP)
    rows = [row for b in raw.blocks if b.kind == "table" for row in (b.rows or [])]
    with pdfplumber.open(BOTUPHAP) as plumber:
        words = plumber.pages[1].extract_text().split()
    text = " ".join(" ".join(row) for row in rows)
    assert len(rows) >= 5 and sum(w in text for w in words) > 0.8 * len(words)


def test_cffi_calls_read_what_pypdfium2_reads():
    """pdfium_calls asks the library pypdfium2 loaded: every character's origin, loose box, text
    object and line box are the numbers pypdfium2's own bindings give."""
    import ctypes

    import pypdfium2.raw as c

    from extractor.ingest.pdfium_calls import api, handle

    ffi, lib = api()
    doc = pdfium.PdfDocument(str(YEN_BAI))
    try:
        textpage = doc[len(doc) - 1].get_textpage()
        tp, n = handle(textpage.raw), textpage.count_chars()
        assert n > 100
        xy, rect, box = ffi.new("double[2]"), ffi.new("FS_RECTF*"), ffi.new("double[4]")
        ox, oy, ref = ctypes.c_double(), ctypes.c_double(), c.FS_RECTF()
        for i in range(n):
            assert lib.FPDFText_GetCharOrigin(tp, i, xy, xy + 1) == c.FPDFText_GetCharOrigin(textpage.raw, i, ox, oy)
            assert (xy[0], xy[1]) == (ox.value, oy.value)
            lib.FPDFText_GetLooseCharBox(tp, i, rect)
            c.FPDFText_GetLooseCharBox(textpage.raw, i, ref)
            assert (rect.left, rect.top, rect.right, rect.bottom) == (ref.left, ref.top, ref.right, ref.bottom)
            assert lib.FPDFText_GetTextObject(tp, i) == (ctypes.cast(c.FPDFText_GetTextObject(textpage.raw, i),
                                                                      ctypes.c_void_p).value or 0)
            lib.FPDFText_GetCharBox(tp, i, box, box + 1, box + 2, box + 3)
            assert (box[0], box[2], box[1], box[3]) == textpage.get_charbox(i)  # left, bottom, right, top
    finally:
        doc.close()


@pytest.mark.parametrize("cell, want", [
    # cells of 624/TB-VPCP's task table as LibreOffice prints them from Word (pdfplumber's lines): a date or a
    # document number too wide for the narrow column is broken between two characters
    ("Bộ\nKH&CN\nđã báo cáo\nChính phủ\ntại công\nvăn số\n6001/BKH\nCN-\nCĐSQG\nngày\n24/10/202\n5. Hiện nay",
     "Bộ KH&CN đã báo cáo Chính phủ tại công văn số 6001/BKHCN-CĐSQG ngày 24/10/2025. Hiện nay"),
    ("31/12/202\n5", "31/12/2025"),
    ("theo Nghị\nđịnh 94/2024/N\nĐ-CP.", "theo Nghị định 94/2024/NĐ-CP."),
    ("Thông báo số\n07-TB/CQTTBC\nĐ ngày\n15/10/2025", "Thông báo số 07-TB/CQTTBCĐ ngày 15/10/2025"),
    ("tại Nghị\nđịnh số\n180/2025/NĐ\n-CP ngày\n01/7/2025,", "tại Nghị định số 180/2025/NĐ-CP ngày 01/7/2025,"),
    ("Công văn số\n6006/BGD\nĐT ngày\n29/9/2025", "Công văn số 6006/BGDĐT ngày 29/9/2025"),
    # 2954/QĐ-UBND's twelve-column export table printed in portrait: each figure wider than its column
    ("26.12\n0", "26.120"), ("240.\n000", "240.000"), ("1.250.00\n0,5", "1.250.000,5"),
    # and its header, each syllable or year wider than the column broken where the column ends
    ("Kế\nhoạ\nch\n202\n6", "Kế hoạch 2026"), ("Lượ\nng\n(Tấ\nn)", "Lượng (Tấn)"), ("Cha\nnh leo", "Chanh leo"),
    ("Nhã\nn", "Nhãn"), ("(Ng\nhìn USD)", "(Nghìn USD)"),
    # a wrap between words stays a space; a list item still opens its own line
    ("Quý IV/2025\nUBND tỉnh", "Quý IV/2025 UBND tỉnh"),
    ("số 07-TB/CQTTBC\nĐảng ủy", "số 07-TB/CQTTBC Đảng ủy"),
    ("Hoàn thành năm 2025\n2. Sở Tư pháp", "Hoàn thành năm 2025\n2. Sở Tư pháp"),
    ("Quý IV/2025\n- Sở Tư pháp", "Quý IV/2025\n- Sở Tư pháp"),
    ("Sở Tài chính\n-Sở Nội vụ", "Sở Tài chính -Sở Nội vụ"),
    ("năm 2025\n100 doanh nghiệp", "năm 2025 100 doanh nghiệp"), ("đạt 7,5\n10 sản phẩm", "đạt 7,5 10 sản phẩm"),
    ("Chu\nối", "Chu ối"), ("Sở Tài\nchính", "Sở Tài chính"), ("Sở\nTT&TT", "Sở TT&TT"),  # two syllables stay two
])
def test_a_cell_joins_a_date_or_number_the_column_width_broke(cell, want):
    from extractor.ingest.pdf import clean_cell

    assert clean_cell(cell) == want


def _as_dicts(chars):
    return [{"text": t, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "upright": True}
            for t, x0, x1, top, bottom, *_ in chars]


def test_cell_text_is_pdfplumbers_extract_text():
    """pdf_tables reads a cell as pdfplumber's utils.extract_text would (it was called before),
    or finds it ambiguous, by its general reading and by its shortcut for lines far apart: on the
    cells of the plan's tables and on random cells whose lines, words and blanks fall on either
    side of the 3-point tolerances (lines chained by a blank, steps back, ligatures)."""
    import random

    from pdfplumber import utils

    from extractor.ingest.pdf_tables import _ambiguous, _cell_text, _chars, _paths, _read_cell, _tables

    cells = []
    doc = pdfium.PdfDocument(str(YEN_BAI))
    try:
        for i in range(len(doc)):
            page = doc[i]
            height = page.get_mediabox()[3]
            edges = _paths(page, height, [])
            groups = _tables(edges) if edges is not None else None
            if not groups:
                continue
            boxes = [(min(c[0] for c in g), min(c[1] for c in g), max(c[2] for c in g), max(c[3] for c in g))
                     for g in groups]
            found = _chars(page.get_textpage(), height, boxes, {})
            assert found is not None
            for group, chars in zip(groups, found, strict=True):
                for x0, top, x1, bottom in group:
                    cells.append([ch for ch in chars if x0 <= ch[5] < x1 and top <= ch[6] < bottom])
    finally:
        doc.close()
    assert sum(1 for c in cells if c) > 50
    rng = random.Random(7)
    for _ in range(3000):
        chars, x, top = [], 0.0, rng.choice([0.0, 10.0])
        for _ in range(rng.randint(1, 14)):
            if rng.random() < 0.2:
                top += rng.choice([1.0, 2.9, 3.0, 3.1, 6.0, -3.5])
                x = rng.uniform(-5, 20)
            width = rng.uniform(0.5, 6)
            x += rng.choice([0.0, 0.5, 2.9, 3.0, 3.1, 4.0, -1.0, -width])
            text = rng.choice("ab cđ ơ\ufb01\ufb03,.")
            chars.append((text, x, x + width, top + rng.choice([0.0, 0.0, 0.4, -0.4]), top + 10, 0.0, 0.0))
            x += width
        cells.append(chars)
    read = 0
    for chars in cells:
        if chars:
            want = utils.extract_text(_as_dicts(chars))
            assert _cell_text(chars) == want, chars
            assert _read_cell(chars) == (None if _ambiguous(chars) else want), chars
            read += _read_cell(chars) is not None
    assert read > 500


def test_blank_pattern_is_isspace():
    from extractor.ingest.pdf_tables import _BLANK

    every = "".join(map(chr, range(0x110000)))
    assert [m.start() for m in _BLANK.finditer(every)] == [i for i, ch in enumerate(every) if ch.isspace()]


def test_cells_are_pdfplumbers_intersections_to_cells():
    """pdf_tables finds the cells of a grid as pdfplumber's intersections_to_cells does, on random
    grids with lines missing, cut short or running past the grid."""
    import random

    from pdfplumber.table import edges_to_intersections, intersections_to_cells, merge_edges

    from extractor.ingest.pdf_tables import _cells

    rng = random.Random(9)
    for _ in range(400):
        xs = sorted(rng.sample(range(0, 400, 10), rng.randint(2, 7)))
        ys = sorted(rng.sample(range(0, 600, 10), rng.randint(2, 7)))
        edges = []
        for x in xs:
            for a, b in zip(ys, ys[1:], strict=False):
                if rng.random() < 0.85:
                    bottom = b + rng.choice([0, 0, 5, -5])
                    edges.append({"x0": x, "x1": x, "top": a, "bottom": bottom, "width": 0, "height": bottom - a,
                                  "orientation": "v"})
        for y in ys:
            for a, b in zip(xs, xs[1:], strict=False):
                if rng.random() < 0.85:
                    right = b + rng.choice([0, 0, 5])
                    edges.append({"x0": a, "x1": right, "top": y, "bottom": y, "width": right - a, "height": 0,
                                  "orientation": "h"})
        if rng.random() < 0.5:  # joined into long lines, as pdfplumber's finder does
            edges = merge_edges(edges, 3, 3, 3, 3)
        points = edges_to_intersections(edges, 3, 3)
        assert _cells(points) == intersections_to_cells(points)


def test_a_row_the_page_broke_joins_its_figures_whole():
    """2954/QĐ-UBND's export table printed in portrait: the row of tea products breaks at the page's foot, its
    figures' last digits carried to the next page's first row; the task text carries on after a space."""
    from extractor.document import Block
    from extractor.ingest.pdf import _merge_tables

    prev = Block("table", rows=[["6", "Sản phẩm chè", "10.2", "26.7", "Sở Công Thương chủ trì,"]], page=15)
    following = Block("table", rows=[["", "", "00", "00", "phối hợp với Sở Tài chính"],
                                     ["7", "Cà phê", "34.500", "104.360", ""]], page=16)
    _merge_tables(prev, following)
    assert prev.rows == [["6", "Sản phẩm chè", "10.200", "26.700", "Sở Công Thương chủ trì, phối hợp với Sở Tài chính"],
                         ["7", "Cà phê", "34.500", "104.360", ""]]


def test_a_header_row_repeated_on_every_page_is_read_once():
    """Offices mark a task table's header row to repeat ('Repeat as header row'): the PDF prints it again on each
    page; the table continued on the next page leaves it out, and a row going on after it still joins."""
    from extractor.document import Block
    from extractor.ingest.pdf import _merge_tables

    header = ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"]
    prev = Block("table", rows=[header, ["1", "Xây dựng cơ sở dữ liệu dùng chung", "Sở Khoa học và Công nghệ",
                                         "Năm 2026"]], page=3)
    following = Block("table", rows=[list(header), ["2", "Rà soát quy định về dữ liệu", "Sở Tư pháp", "Quý IV/2026"]],
                      page=4)
    _merge_tables(prev, following)
    assert [r[0] for r in prev.rows] == ["TT", "1", "2"]
    alone = Block("table", rows=[list(header)], page=5)  # a page holding only the header keeps it
    _merge_tables(prev, alone)
    assert [r[0] for r in prev.rows] == ["TT", "1", "2", "TT"]


@pytest.mark.slow
def test_a_pdf_whose_task_table_repeats_its_header_reads_like_its_docx(tmp_path):
    """Thủ tướng's 2629/QĐ-TTg with its 97-row task table, its header row set to repeat, printed to PDF by
    LibreOffice: the same obligations as the DOCX it was printed from."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from extractor.pipeline import extract_file
    from tests.formats import make_pdf, real_docx

    txt = Path(__file__).parent / "real-group4" / "ttg-2629-qd-ttg-2025.txt"
    path = real_docx(txt, tmp_path / "docx" / f"{txt.stem}.docx")
    document = docx.Document(str(path))
    for table in document.tables:
        if len(table.rows) >= 5:
            flag = OxmlElement("w:tblHeader")
            flag.set(qn("w:val"), "true")
            table.rows[0]._tr.get_or_add_trPr().append(flag)
    document.save(str(path))
    pdf = make_pdf(path, tmp_path / "pdf")
    got, want = extract_file(pdf), extract_file(path)
    from rapidfuzz import fuzz

    def found(task: str) -> bool:
        return any(fuzz.ratio(task, o.task) >= 90 for o in got.obligations)

    assert len(want.obligations) > 90 and abs(len(got.obligations) - len(want.obligations)) <= 3
    assert sum(found(o.task) for o in want.obligations) >= 0.9 * len(want.obligations)
    assert not [o for o in got.obligations if "Cơ quan chủ trì" in o.task or "Nhiệm vụ" in o.lead]


def _lines(rows: list[tuple[str, float, float]], top: float = 700.0, pitch: float = 19.0) -> list:
    """PDF lines (text, x0, x1) one pitch apart, first words 20 points wide."""
    from extractor.ingest.pdf import PdfLine

    return [PdfLine(t, x0, x1, top - k * pitch, top - k * pitch - 12, 20.0) for k, (t, x0, x1) in enumerate(rows)]


def test_an_indented_line_after_a_full_last_line_opens_a_paragraph():
    """A justified paragraph whose last line happens to fill the width (held-out 9's directive as printed from Word):
    the next line at the paragraph's own first-line indent opens a new one; a hanging indent does not."""
    from extractor.ingest.pdf import paragraphs

    indented = _lines([("Mở chuyên trang, chuyên mục về năng suất lao động và chuyển", 113, 538),
                       ("đổi số; kịp thời phản ánh các mô hình hay, cách làm hiệu quả, điển", 85, 538),
                       ("hình tiên tiến trong nâng cao năng suất lao động trên địa bàn tỉnh.", 85, 537),
                       ("Giao Sở Khoa học và Công nghệ là cơ quan thường trực, theo", 113, 538),
                       ("dõi, đôn đốc việc thực hiện Chỉ thị này.", 85, 300)])
    assert [t[:20] for t, _ in paragraphs(indented, 538.5)] == ["Mở chuyên trang, chu", "Giao Sở Khoa học và "]
    hanging = _lines([("- Sở Tài chính chủ trì, phối hợp với các sở, ngành tham mưu bố trí", 85, 538),
                      ("kinh phí thực hiện Kế hoạch theo quy định của pháp luật về ngân", 113, 538),
                      ("Sách nhà nước và các văn bản hướng dẫn.", 113, 400)])
    assert len(paragraphs(hanging, 538.5)) == 1


def test_portrait_pages_are_read_against_their_own_margin_beside_a_landscape_appendix():
    """A decision with a landscape indicator table between portrait pages (held-out 9): a portrait page's wrapped
    line ('… trên Cổng Thông tin điện tử' / 'Bộ Công Thương, hoàn thành …') continues against the portrait margin."""
    from extractor.ingest.pdf import _assemble

    portrait = _lines([("2. Văn phòng Bộ chủ trì, phối hợp với Cục Thương mại điện", 113, 538),
                       ("tử và Kinh tế số đăng tải Kế hoạch trên Cổng Thông tin điện tử", 85, 538),
                       ("Bộ Công Thương, hoàn thành trong tháng 01 năm 2026.", 85, 380)])
    landscape = _lines([("PHỤ LỤC CÁC CHỈ TIÊU CHỦ YẾU CỦA NGÀNH CÔNG THƯƠNG ĐẾN NĂM 2030", 85, 771)])
    blocks = _assemble([landscape, portrait], [771.5, 538.6], {})
    assert [b.text for b in blocks][-1] == ("2. Văn phòng Bộ chủ trì, phối hợp với Cục Thương mại điện tử và Kinh tế số "
                                            "đăng tải Kế hoạch trên Cổng Thông tin điện tử Bộ Công Thương, hoàn thành "
                                            "trong tháng 01 năm 2026.")


def test_a_ruled_pages_lines_keep_their_reading_order_around_its_tables():
    """A letter printed from Word (held-out 10): its header's two columns are read one after the other, as the text
    layer gives them, not interleaved by height ('Quảng Ngãi, ngày 18 tháng 9 năm' beside 'V/v tổng kết …'); a
    table found on the page goes before the first line below its top."""
    from extractor.ingest.pdf import _with_tables

    left = _lines([("Số: 2187/UBND-KT", 113, 240), ("V/v tổng kết 05 năm thực", 99, 253)], top=730, pitch=17)
    right = _lines([("Độc lập - Tự do - Hạnh phúc", 316, 504), ("Quảng Ngãi, ngày 18 tháng 9 năm", 300, 537),
                    ("2026", 400, 430)], top=747, pitch=17)
    body = _lines([("Kính gửi: Các sở, ban, ngành tỉnh;", 85, 400), ("Ngày 14/6/2021, Ủy ban nhân dân tỉnh …", 85, 538)],
                  top=480, pitch=19)
    rows = [["STT", "Nội dung"], ["1", "Báo cáo"]]
    items = _with_tables([*left, *right, *body], [((80, 500, 540, 590), rows)])
    assert [x.text if hasattr(x, "text") else "TABLE" for x in items] == [
        "Số: 2187/UBND-KT", "V/v tổng kết 05 năm thực", "Độc lập - Tự do - Hạnh phúc",
        "Quảng Ngãi, ngày 18 tháng 9 năm", "2026", "TABLE", "Kính gửi: Các sở, ban, ngành tỉnh;",
        "Ngày 14/6/2021, Ủy ban nhân dân tỉnh …"]
