"""OCR: Tesseract on PDF pages without a text layer, and the post-OCR text repairs.

The slow tests build one scanned PDF per session from a dev document (TXT -> DOCX -> PDF by
LibreOffice -> page images by pdftoppm -> image-only PDF by Pillow) and read it through the
pipeline, comparing with the TXT form.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from extractor.ingest import ocr, ocr_layout
from extractor.ingest.ocr import TESSERACT_MISSING, VIE_MISSING, fix_ocr_text, ocr_pages
from extractor.ingest.ocr_layout import tsv_to_text
from extractor.pipeline import extract_file, extract_folder, write_json_atomic
from extractor.rules import load_rules
from tests.formats import plain_docx, soffice_convert

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = Path(__file__).resolve().parent / "gold"
OCR_DOC = "yen-bai-114-kh-ubnd-2021"
KEY_STRINGS = ["114/KH-UBND", "36/QĐ-TTg", "7,2%", "6,2%/năm", "Yên Bái, ngày 11 tháng 5 năm 2021"]
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

needs_tesseract = pytest.mark.skipif(ocr.tesseract_problem() is not None, reason="Tesseract with 'vie' not installed")


def norm_ws(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def similarity(a: str, b: str) -> float:
    """Character similarity (0..1) of two texts, whitespace normalized."""
    return fuzz.ratio(norm_ws(a), norm_ws(b)) / 100


# ------------------------------------------------------------------ fixtures builders


def make_scanned_pdf(txt: Path, out_dir: Path, dpi: int = 200) -> Path:
    """An image-only PDF of `txt` as a scanner would make it: one DOCX paragraph per line,
    printed to PDF by LibreOffice, rasterized by pdftoppm, the images wrapped back into a PDF."""
    from PIL import Image

    docx_path = plain_docx(txt, out_dir / f"{txt.stem}.docx")
    printed = soffice_convert([docx_path], out_dir, target="pdf")[0]
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(printed), str(out_dir / "page")],
                   check=True, capture_output=True, timeout=300)
    images = [Image.open(p) for p in sorted(out_dir.glob("page-*.png"))]
    scan_dir = out_dir / "scan"
    scan_dir.mkdir()
    scanned = scan_dir / f"{txt.stem}.pdf"
    images[0].save(scanned, save_all=True, append_images=images[1:], resolution=dpi)
    return scanned


def make_image_pdf(lines: list[str], path: Path, dpi: int = 300, rotate: int = 0) -> Path:
    """A one-page image-only PDF with `lines` drawn in DejaVu Sans 12 pt, turned `rotate` degrees
    counter-clockwise (a page fed into the scanner sideways)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), size=int(12 * dpi / 72))
    img = Image.new("L", (int(8.27 * dpi), int((1 + 0.3 * len(lines)) * dpi)), 255)
    draw = ImageDraw.Draw(img)
    y = dpi // 2
    for line in lines:
        draw.text((dpi // 2, y), line, font=font, fill=0)
        y += int(20 * dpi / 72)
    if rotate:
        img = img.rotate(rotate, expand=True, fillcolor=255)
    img.save(path, resolution=dpi)
    return path


def _have_tools() -> str | None:
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            return f"{tool} not installed"
    return ocr.tesseract_problem()


@pytest.fixture(scope="session")
def scanned_pdf(tmp_path_factory) -> Path:
    """The dev document OCR_DOC as an image-only PDF, built once per session."""
    problem = _have_tools()
    if problem:
        pytest.skip(problem)
    return make_scanned_pdf(CORPUS / f"{OCR_DOC}.txt", tmp_path_factory.mktemp("scan"))


@pytest.fixture(scope="session")
def scanned_record(scanned_pdf) -> dict:
    return extract_file(scanned_pdf).to_dict()


@pytest.fixture(scope="session")
def txt_record() -> dict:
    return extract_file(CORPUS / f"{OCR_DOC}.txt").to_dict()


@pytest.fixture
def small_pdf(tmp_path) -> Path:
    if not FONT.exists():
        pytest.skip("DejaVu fonts not installed")
    return make_image_pdf(["Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ",
                           "Tăng năng suất lao động bình quân đạt 7,2%/năm."], tmp_path / "small.pdf")


# ------------------------------------------------------------------ fix_ocr_text


def _fix_examples():
    for rule in load_rules("ocr_fixes").rules:
        for ex in rule.examples:
            if isinstance(ex, dict) and "fixed" in ex:
                yield pytest.param(ex["text"], ex["fixed"], id=f"{rule.id}:{ex['text'][:30]}")


@pytest.mark.parametrize("text,fixed", list(_fix_examples()))
def test_fix_ocr_text_examples(text, fixed):
    assert fix_ocr_text(text) == fixed


def _counter_examples():
    for rule in load_rules("ocr_fixes").rules:
        for ex in rule.counter_examples:
            yield pytest.param(ex, id=f"{rule.id}:{ex[:30]}")


@pytest.mark.parametrize("text", list(_counter_examples()))
def test_fix_ocr_text_leaves_counter_examples(text):
    assert fix_ocr_text(text) == text


def test_every_fix_rule_has_a_worked_example():
    for rule in load_rules("ocr_fixes").rules:
        assert any(isinstance(ex, dict) and "fixed" in ex for ex in rule.examples), rule.id


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_fix_ocr_text_leaves_clean_dev_text_alone(path):
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    assert fix_ocr_text(text) == text


def test_fix_ocr_text_combined_damage():
    damaged = "Thực hiện Quyết định số 36 / QÐ - TTg ngày 11/O1/2O21, đạt 7, 2 %/năm"
    assert fix_ocr_text(damaged) == "Thực hiện Quyết định số 36/QĐ-TTg ngày 11/01/2021, đạt 7,2%/năm"


# ------------------------------------------------------------------ layout


def _tsv(rows: list[tuple[int, int, int, int, int, int, int, str]]) -> str:
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    out = [head]
    for block, par, line, word, left, top, width, text in rows:
        out.append(f"5\t1\t{block}\t{par}\t{line}\t{word}\t{left}\t{top}\t{width}\t40\t95\t{text}")
    return "\n".join(out) + "\n"


def test_tsv_wrapped_lines_join_and_short_lines_end_paragraphs():
    rows = [
        # a heading, short: ends its paragraph
        (1, 1, 1, 1, 100, 100, 120, "I."), (1, 1, 1, 2, 240, 100, 200, "MỤC"), (1, 1, 1, 3, 460, 100, 200, "TIÊU"),
        # a paragraph wrapped over two lines: "nghiệp" did not fit after "doanh" at the right edge
        (1, 2, 1, 1, 100, 160, 80, "Hỗ"), (1, 2, 1, 2, 200, 160, 1400, "trợ"), (1, 2, 1, 3, 1620, 160, 280, "doanh"),
        (1, 2, 2, 1, 100, 210, 400, "nghiệp"), (1, 2, 2, 2, 520, 210, 300, "đổi mới."),
        # a list item after a sentence end: a new paragraph, though "-" would not have fitted
        (1, 3, 1, 1, 100, 260, 40, "-"), (1, 3, 1, 2, 160, 260, 1740, "Tối thiểu 15"),
        (1, 3, 2, 1, 100, 310, 500, "doanh"), (1, 3, 2, 2, 620, 310, 300, "nghiệp."),
        (1, 4, 1, 1, 100, 360, 40, "-"), (1, 4, 1, 2, 160, 360, 300, "Khác."),
    ]
    assert tsv_to_text(_tsv(rows)).split("\n") == [
        "I. MỤC TIÊU",
        "Hỗ trợ doanh nghiệp đổi mới.",
        "- Tối thiểu 15 doanh nghiệp.",
        "- Khác.",
    ]


def test_tsv_short_lines_on_a_wide_page_stay_apart():
    page = "1\t1\t0\t0\t0\t0\t0\t0\t2000\t2800\t-1\t\n"
    rows = [(1, 1, 1, 1, 100, 100, 200, "Năm"), (1, 1, 1, 2, 320, 100, 120, "2021"),
            (1, 2, 1, 1, 100, 160, 100, "Sở"), (1, 2, 1, 2, 220, 160, 300, "KH&CN")]
    tsv = _tsv(rows)
    head, body = tsv.split("\n", 1)
    assert tsv_to_text(tsv) == "Năm 2021 Sở KH&CN"  # no page size: the longest line is the edge
    assert tsv_to_text(head + "\n" + page + body) == "Năm 2021\nSở KH&CN"


def test_tsv_motto_under_caps_heading_and_indented_paragraphs():
    rows = [
        # centred heading in capitals, full width, then the motto in sentence case: two lines
        (1, 1, 1, 1, 150, 100, 1700, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (1, 1, 2, 1, 500, 150, 150, "Độc"), (1, 1, 2, 2, 670, 150, 700, "lập - Tự do - Hạnh phúc"),
        # a wrapped title in capitals: joined
        (1, 2, 1, 1, 120, 260, 1780, "NÂNG CAO NĂNG SUẤT DỰA TRÊN NỀN TẢNG KHOA HỌC, CÔNG"),
        (1, 2, 2, 1, 300, 310, 120, "NGHỆ"), (1, 2, 2, 2, 440, 310, 900, "VÀ ĐỔI MỚI SÁNG TẠO"),
        # a full last line ending a sentence, then an indented first line: two paragraphs
        (1, 3, 1, 1, 100, 420, 1800, "kết hợp với nghiên cứu, đào tạo nguồn nhân lực."),
        (1, 3, 2, 1, 250, 470, 200, "Ủy"), (1, 3, 2, 2, 470, 470, 600, "ban nhân dân tỉnh"),
    ]
    assert tsv_to_text(_tsv(rows)).split("\n") == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "NÂNG CAO NĂNG SUẤT DỰA TRÊN NỀN TẢNG KHOA HỌC, CÔNG NGHỆ VÀ ĐỔI MỚI SÁNG TẠO",
        "kết hợp với nghiên cứu, đào tạo nguồn nhân lực.",
        "Ủy ban nhân dân tỉnh",
    ]


def test_tsv_two_column_header_reads_left_column_then_right():
    """The header of an official letter, which Tesseract reads row by row across both columns."""
    rows = [
        (1, 1, 1, 1, 500, 293, 84, "ỦY"), (1, 1, 1, 2, 605, 293, 133, "BAN"), (1, 1, 1, 3, 761, 293, 187, "NHÂN"),
        (1, 1, 1, 4, 972, 293, 133, "DÂN"), (1, 1, 1, 5, 1330, 293, 179, "CỘNG"), (1, 1, 1, 6, 1534, 293, 140, "HÒA"),
        (1, 1, 1, 7, 1700, 293, 376, "XÃ HỘI CHỦ"),
        (1, 1, 2, 1, 627, 338, 12, ";"), (1, 1, 2, 2, 1428, 338, 213, "NGHĨA"), (1, 1, 2, 3, 1659, 338, 317, "VIỆT NAM"),
        (1, 1, 3, 1, 581, 383, 162, "TỈNH"), (1, 1, 3, 2, 764, 383, 259, "YÊN BÁI"),
        (1, 1, 4, 1, 1362, 428, 111, "Độc"), (1, 1, 4, 2, 1497, 428, 579, "lập - Tự do - Hạnh"),
        (1, 1, 5, 1, 1629, 473, 146, "phúc"),
        (1, 2, 1, 1, 554, 794, 76, "Số:"), (1, 2, 1, 2, 660, 794, 394, "114/KH-UBND"),
        (1, 2, 1, 3, 1293, 794, 96, "Yên"), (1, 2, 1, 4, 1410, 794, 701, "Bái, ngày 11 tháng 5 năm"),
        (1, 2, 2, 1, 1634, 839, 127, "2021"),
        (1, 3, 1, 1, 495, 971, 286, "KẾ HOẠCH"),
    ]
    assert tsv_to_text(_tsv(rows)).split("\n") == [
        "ỦY BAN NHÂN DÂN", "TỈNH YÊN BÁI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 114/KH-UBND", "Yên Bái, ngày 11 tháng 5 năm 2021", "KẾ HOẠCH",
    ]


def test_tsv_wide_table_row_becomes_one_line_per_cell():
    rows = [(1, 1, 1, 1, 100, 100, 30, "1"), (1, 1, 1, 2, 300, 100, 700, "Tuyên truyền Kế hoạch"),
            (1, 1, 1, 3, 1200, 100, 200, "Năm 2021"), (1, 1, 1, 4, 1600, 100, 300, "Sở KH&CN")]
    assert tsv_to_text(_tsv(rows)).split("\n") == ["1", "Tuyên truyền Kế hoạch", "Năm 2021", "Sở KH&CN"]


def test_skewed_scan_is_levelled():
    """Boxes of a page scanned 2 degrees askew: levelled, every line starts at the same margin."""
    slope = 0.035
    rows = []
    for i in range(6):
        y0 = 300 + 60 * i
        x0 = 300 - slope * y0  # the margin drifts left as the page goes down
        for k in range(6):
            x = x0 + 280 * k
            rows.append((1, 1, i + 1, k + 1, round(x), round(y0 + slope * x), 240, f"từ{k}"))
    lines = ocr_layout.tsv_lines(_tsv(rows))
    assert abs(ocr_layout.skew(lines) - slope) < 0.003
    level = ocr_layout.deskew(lines)
    lefts = [ln.left for ln in level]
    assert max(lefts) - min(lefts) < 3
    assert all(ln.bottom - ln.top < 45 for ln in level)  # a level line is one word high again


def test_level_scan_is_left_alone():
    rows = [(1, 1, i + 1, k + 1, 300 + 280 * k, 300 + 60 * i, 240, "từ") for i in range(6) for k in range(6)]
    lines = ocr_layout.tsv_lines(_tsv(rows))
    assert ocr_layout.skew(lines) == 0.0 and ocr_layout.deskew(lines) is lines


def test_tsv_empty_page():
    assert tsv_to_text("level\tpage_num\n") == ""


def test_text_layer_quality_tells_real_text_from_junk():
    from extractor.ingest.legacy import to_tcvn3
    from extractor.vntext import fold

    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert ocr.text_layer_quality(text) >= 0.9, path.stem
        assert ocr.text_layer_quality(fold(text)) == 0.0, path.stem  # an OCR layer without diacritics
        assert ocr.text_layer_quality(to_tcvn3(text)) < 0.5, path.stem  # a font without a Unicode map
    assert ocr.text_layer_quality("Quyết định số 36") is None
    english = "The provincial plan sets targets for productivity growth and innovation in firms. " * 3
    assert ocr.text_layer_quality(english) < 0.3


# ------------------------------------------------------------------ missing tools, errors


def test_missing_tesseract_is_a_clear_error_for_every_page(monkeypatch, tmp_path):
    monkeypatch.setattr(ocr.shutil, "which", lambda name, *a, **k: None)
    texts, errors = ocr_pages(tmp_path / "any.pdf", [0, 2])
    assert texts == {}
    assert errors == {0: TESSERACT_MISSING, 2: TESSERACT_MISSING}
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in TESSERACT_MISSING


def test_missing_vietnamese_model_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(ocr.shutil, "which", lambda name, *a, **k: "/usr/bin/tesseract")
    monkeypatch.setattr(ocr, "_langs", lambda exe: frozenset({"eng", "osd"}))
    texts, errors = ocr_pages(tmp_path / "any.pdf", [1])
    assert texts == {} and errors == {1: VIE_MISSING}


def test_missing_tesseract_through_the_batch(monkeypatch, tmp_path, small_pdf):
    """A scanned PDF gets an error record saying what to install; the other files go on."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(small_pdf, folder / "scan.pdf")
    shutil.copy(CORPUS / "news-binh-duong-2109-2021.txt", folder / "news.txt")
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))  # the batch's worker processes inherit it
    out = tmp_path / "out"
    result = extract_folder(folder, out, workers=1, progress=False)
    assert sorted(p.name for p in result.written) == ["news.json", "scan.json"]
    scan = json.loads((out / "scan.json").read_text(encoding="utf-8"))
    news = json.loads((out / "news.json").read_text(encoding="utf-8"))
    assert scan["status"] == "error"
    assert any(TESSERACT_MISSING in e for e in scan["errors"]), scan["errors"]
    assert news["status"] in ("ok", "partial") and news["text"]
    assert not any("OCR" in e or "Tesseract" in e for e in news["errors"])


def test_unopenable_pdf_and_bad_page_index(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    if ocr.tesseract_problem():
        pytest.skip("Tesseract not installed")
    texts, errors = ocr_pages(bad, [0])
    assert texts == {} and errors[0].startswith("cannot open PDF for OCR")


@pytest.mark.slow
@needs_tesseract
def test_ocr_small_page(small_pdf):
    texts, errors = ocr_pages(small_pdf, [0, 5])
    assert errors == {5: "page 6 does not exist (the PDF has 1 pages)"}
    text = texts[0]
    assert "Quyết định số 36/QĐ-TTg ngày 11/01/2021" in text
    assert "7,2%/năm" in text
    assert similarity(text, "Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ "
                            "Tăng năng suất lao động bình quân đạt 7,2%/năm.") >= 0.97


@pytest.mark.slow
@needs_tesseract
def test_lone_row_numbers_are_recovered(tmp_path):
    """Tesseract drops a lone digit as noise; the recovery pass puts it back as its own line."""
    if not FONT.exists():
        pytest.skip("DejaVu fonts not installed")
    pdf = make_image_pdf(["Sở KH&CN", "Các đơn vị liên quan", "3", "Tuyên truyền, giới thiệu nội dung",
                          "Năm 2021", "4", "Nghiên cứu các yếu tố tác động"], tmp_path / "rows.pdf")
    texts, errors = ocr_pages(pdf, [0])
    assert errors == {}
    assert texts[0].split("\n") == ["Sở KH&CN", "Các đơn vị liên quan", "3", "Tuyên truyền, giới thiệu nội dung",
                                    "Năm 2021", "4", "Nghiên cứu các yếu tố tác động"]


@pytest.mark.slow
@needs_tesseract
@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_sideways_page_is_turned_upright(tmp_path, rotate):
    if not FONT.exists():
        pytest.skip("DejaVu fonts not installed")
    lines = ["Thực hiện Quyết định số 36/QĐ-TTg ngày 11/01/2021 của Thủ tướng Chính phủ ban hành",
             "Kế hoạch tổng thể nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và đổi",
             "mới sáng tạo giai đoạn 2021 - 2030, Ủy ban nhân dân tỉnh ban hành kế hoạch như sau:",
             "Góp phần đạt mục tiêu tăng năng suất lao động bình quân của tỉnh đạt 6,2%/năm."]
    pdf = make_image_pdf(lines, tmp_path / "sideways.pdf", rotate=rotate)
    texts, errors = ocr_pages(pdf, [0])
    assert errors == {}
    assert "36/QĐ-TTg" in texts[0] and "6,2%/năm" in texts[0]
    assert similarity(texts[0], " ".join(lines)) >= 0.95


@pytest.mark.slow
@needs_tesseract
def test_big_pages_render_coarser_and_nothing_is_left_behind(small_pdf, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(ocr, "MAX_IMAGE_SIDE", 1800)  # the A4-wide test page is 2481 px at 300 dpi
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    texts, errors = ocr_pages(small_pdf, [0, 0, 0])
    assert errors == {} and list(texts) == [0]
    assert "36/QĐ-TTg" in texts[0]
    assert list(scratch.iterdir()) == []


@pytest.mark.slow
@needs_tesseract
def test_page_timeout_is_a_page_error(small_pdf):
    texts, errors = ocr_pages(small_pdf, [0], timeout=0.001)
    assert texts == {}
    assert errors[0] == "page 1: OCR timed out after 0.001 s"


def test_no_pages_no_work(tmp_path):
    assert ocr_pages(tmp_path / "none.pdf", []) == ({}, {})


# ------------------------------------------------------------------ a scanned dev document (slow)


@pytest.mark.slow
def test_ocr_pages_reads_scanned_dev_document(scanned_pdf):
    import pypdfium2

    n = len(pypdfium2.PdfDocument(str(scanned_pdf)))
    texts, errors = ocr_pages(scanned_pdf, list(range(n)))
    assert errors == {}
    assert sorted(texts) == list(range(n))
    text = "\n".join(texts[i] for i in range(n))
    want = (CORPUS / f"{OCR_DOC}.txt").read_text(encoding="utf-8")
    want = "\n".join(ln for ln in want.split("\n") if ln.strip(" -\u00a0"))  # rules of dashes are not text
    assert similarity(text, want) >= 0.97
    for key in KEY_STRINGS:
        assert key in text, key


@pytest.mark.slow
def test_scanned_pdf_through_pipeline(scanned_record, txt_record):
    rec = scanned_record
    assert rec["source"]["format"] == "pdf"
    assert rec["status"] == "ok", rec["errors"]
    pages = rec["source"]["pages"]
    assert pages and rec["source"]["ocr_pages"] == list(range(pages))
    assert similarity(rec["text"], txt_record["text"]) >= 0.95
    for key in KEY_STRINGS:
        assert key in rec["text"], key
    for item in rec["targets"] + rec["obligations"]:
        assert rec["text"][item["span"][0]:item["span"][1]] == item["quote"]


@pytest.mark.slow
def test_scanned_scores_within_0_1_of_txt(scanned_record, txt_record, tmp_path):
    from tests.shared_score import score

    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(GOLD / f"{OCR_DOC}.gold.json", gold)
    scores = {}
    for name, rec in (("txt", txt_record), ("scan", scanned_record)):
        pred = tmp_path / name
        write_json_atomic(pred / f"{OCR_DOC}.json", {**rec, "doc_id": OCR_DOC})
        scores[name] = score(gold, pred)
    for field in ("references", "targets"):
        txt_f1, scan_f1 = scores["txt"][field]["f1"], scores["scan"][field]["f1"]
        assert scan_f1 >= txt_f1 - 0.1, f"{field}: scanned F1 {scan_f1} vs TXT {txt_f1}"
    # the scores only mean something once the extractors find what the TXT form has
    assert scores["txt"]["references"]["tp"] > 0 and scores["txt"]["targets"]["tp"] > 0, scores["txt"]


def test_worker_count_is_the_cores():
    assert ocr.available_cores() == len(os.sched_getaffinity(0))
