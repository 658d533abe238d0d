"""Ruled tables on scanned pages (`extractor.ingest.ocr_tables`): the grid found from the image's rules, words
put in their cells, merged cells kept as the DOCX and PDF readers keep them; and a scanned task table read row by
row into obligations (slow: Tesseract)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from extractor.ingest import ocr
from extractor.ingest.ocr_layout import Word
from extractor.ingest.ocr_tables import cell_text, find_grids, rule_slope
from extractor.pipeline import extract_file

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DPI = 200
needs_tesseract = pytest.mark.skipif(ocr.tesseract_problem() is not None, reason="Tesseract with 'vie' not installed")


def _page(width: float = 8.27, height: float = 11.69) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    img = Image.new("L", (int(width * DPI), int(height * DPI)), 255)
    return img, ImageDraw.Draw(img)


def _ruled(draw: ImageDraw.ImageDraw, xs: list[int], ys: list[int], *, skip_down: set[tuple[int, int]] = frozenset(),
           skip_across: set[tuple[int, int]] = frozenset()) -> None:
    """A table's rules: vertical rule k left out in row band r for (k, r) in skip_down, horizontal rule r left out
    over column c for (r, c) in skip_across (merged cells)."""
    for r, y in enumerate(ys):
        for c in range(len(xs) - 1):
            if (r, c) not in skip_across:
                draw.line([(xs[c], y), (xs[c + 1], y)], fill=0, width=2)
    for k, x in enumerate(xs):
        for r in range(len(ys) - 1):
            if (k, r) not in skip_down:
                draw.line([(x, ys[r]), (x, ys[r + 1])], fill=0, width=2)


XS = [150, 260, 900, 1250, 1500]
YS = [200, 260, 320, 520, 700]


def test_grid_of_a_task_table_with_merged_cells():
    """Header row; a section row whose title spans the last three columns; a lead body's cell merged over two
    rows: 4 rows on 4 columns, each merged slot owned by the cell it is part of."""
    img, draw = _page()
    _ruled(draw, XS, YS, skip_down={(2, 1), (3, 1)}, skip_across={(3, 2)})
    grids = find_grids(img, DPI)
    assert len(grids) == 1
    grid = grids[0]
    assert [round(y) for y in grid.ys] == [200, 260, 320, 520, 700]
    assert [round(x) for x in grid.xs] == [150, 260, 900, 1250, 1500]
    assert grid.owner(1, 3) == (1, 1)  # the section title spans columns 1-3
    assert grid.owner(3, 2) == (2, 2)  # the lead body's cell runs down over two rows
    assert grid.owner(3, 3) == (3, 3)


def test_words_go_to_their_cells_and_merged_slots_stay_empty():
    img, draw = _page()
    _ruled(draw, XS, YS, skip_down={(2, 1), (3, 1)}, skip_across={(3, 2)})
    grid = find_grids(img, DPI)[0]

    def word(text: str, x: int, y: int) -> Word:
        return Word(text, x, 20 * len(text), y, y + 30)

    for w in [word("TT", 170, 215), word("Nhiệm", 300, 215), word("vụ", 440, 215), word("III", 170, 275),
              word("Chuyển", 300, 275), word("đổi", 460, 275), word("số", 540, 275), word("1", 180, 340),
              word("Xây", 300, 340), word("dựng", 390, 340), word("kho", 300, 390), word("dữ", 380, 390),
              word("liệu", 440, 390), word("|Sở", 920, 340), word("Tài", 1000, 340), word("chính", 920, 390),
              word("|", 1245, 340), word("2026", 1270, 340), word("2", 180, 540)]:
        grid.place(w)
    assert grid.rows() == [
        ["TT", "Nhiệm vụ", "", ""],
        ["III", "Chuyển đổi số", "", ""],
        ["1", "Xây dựng\nkho dữ liệu", "Sở Tài\nchính", "2026"],
        ["2", "", "", ""],
    ]


def test_a_skewed_scan_is_levelled_by_its_rules():
    """A table scanned 0.6 degree askew: its rules' slope found to within a twentieth of a degree, and the page
    sheared level by it holds the whole grid."""
    img, draw = _page()
    _ruled(draw, XS, YS)
    skewed = img.rotate(0.6, fillcolor=255, resample=Image.Resampling.BILINEAR)
    assert find_grids(skewed, DPI) == [] or len(find_grids(skewed, DPI)[0].xs) < len(XS)
    slope = rule_slope(skewed)
    assert abs(slope + 0.0105) < 0.001
    level = skewed.transform(skewed.size, Image.Transform.AFFINE, (1, -slope, 0, slope, 1, 0), fillcolor=255)
    grids = find_grids(level, DPI)
    assert len(grids) == 1 and len(grids[0].xs) == len(XS) and len(grids[0].ys) == len(YS)


def test_a_level_table_page_is_left_level(tmp_path):
    """A level page holding a task table and its text: its slope is found level (so its grid is read as is)."""
    from extractor.ingest.ocr_layout import SKEWED

    img = Image.open(_scanned_table(tmp_path / "table.png")).convert("L")
    assert abs(rule_slope(img)) < SKEWED


def test_text_and_lone_rules_are_no_table():
    """A page of text, a signature's underline and a boxed note: no grid."""
    img, draw = _page()
    font = ImageFont.truetype(str(FONT), size=int(12 * DPI / 72))
    for i in range(12):
        draw.text((150, 150 + 50 * i), "Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ngành liên quan",
                  font=font, fill=0)
    draw.line([(600, 900), (1100, 900)], fill=0, width=2)
    draw.rectangle([150, 1000, 1500, 1200], outline=0, width=2)
    assert find_grids(img, DPI) == []


def test_cell_lines_top_to_bottom():
    words = [Word("chính", 10, 60, 42, 70), Word("Sở", 10, 30, 2, 30), Word("Tài", 50, 40, 4, 31)]
    assert cell_text(words) == "Sở Tài\nchính"


# ------------------------------------------------------------------ a scanned task table (slow)

ROWS = [
    ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
    ["1", "Thu thập, biên tập, xây dựng cơ sở dữ liệu hồ sơ quy hoạch tỉnh trên nền tảng hệ thống thông tin "
          "địa lý", "Các sở, ngành, UBND xã, phường, đặc khu", "Sở Tài chính", "Quý IV/2026"],
    ["2", "Xây dựng hạ tầng kỹ thuật dự phòng phục vụ triển khai cơ sở dữ liệu quốc gia về quy hoạch",
     "Trung tâm Chuyển đổi số Thành phố", "Sở Khoa học và Công nghệ", "Năm 2026"],
]


def _wrapped(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(lines[-1] + " " + word, font=font) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _scanned_table(path: Path, rotate: float = 0) -> Path:
    """An image-only PDF: a decision's appendix title and a ruled task table of real rows (Hồ Chí Minh City's
    2820/QĐ-UBND), lines wrapped in their cells as Word wraps them; turned `rotate` degrees (a skewed scan)."""
    img, draw = _page()
    font = ImageFont.truetype(str(FONT), size=int(11 * DPI / 72))
    line_h = int(16 * DPI / 72)
    draw.text((300, 150), "PHỤ LỤC NHIỆM VỤ CỦA CÁC SỞ, BAN, NGÀNH", font=font, fill=0)
    xs = [120, 220, 760, 1050, 1330, 1560]
    y = 260
    ys = [y]
    for row in ROWS:
        cells = [_wrapped(draw, text, font, xs[c + 1] - xs[c] - 24) for c, text in enumerate(row)]
        for c, lines in enumerate(cells):
            for k, ln in enumerate(lines):
                draw.text((xs[c] + 12, y + 10 + k * line_h), ln, font=font, fill=0)
        y += 20 + line_h * max(len(lines) for lines in cells)
        ys.append(y)
    _ruled(draw, xs, ys)
    if rotate:
        img = img.rotate(rotate, fillcolor=255, resample=Image.Resampling.BILINEAR)
    img.save(path, resolution=DPI)
    return path


@pytest.mark.slow
@needs_tesseract
@pytest.mark.parametrize("rotate", [0, 0.6])
def test_scanned_task_table_reads_row_by_row(tmp_path, rotate):
    record = extract_file(_scanned_table(tmp_path / "scan.pdf", rotate)).to_dict()
    assert record["status"] == "ok", record["errors"]
    got = [(o["lead"], o["support"], (o["deadline"] or {}).get("text"), o["task"][:40]) for o in record["obligations"]]
    assert got == [
        (["Các sở, ngành", "Ủy ban nhân dân xã, phường, đặc khu"], ["Sở Tài chính"], "Quý IV/2026",
         "Thu thập, biên tập, xây dựng cơ sở dữ li"),
        (["Trung tâm Chuyển đổi số Thành phố"], ["Sở Khoa học và Công nghệ"], "Năm 2026",
         "Xây dựng hạ tầng kỹ thuật dự phòng phục "),
    ]
    assert all(record["text"][o["span"][0]:o["span"][1]] == o["quote"] for o in record["obligations"])
