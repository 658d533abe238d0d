"""Signed originals and office scans: stamped numbers and days, digital signatures, OCR that
never guesses a number. Real files in tests/fixtures/real-pdf/ (SOURCES.md there)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from extractor import web
from extractor.ingest.ocr_check import check_ocr, digits_confidence
from extractor.ingest.pdf import PdfLine
from extractor.ingest.signatures import read_signatures, reconcile
from extractor.ingest.stamps import Stamp, header_first, insert_stamp
from extractor.pipeline import extract_file
from extractor.record import Meta, Record, Source, Target, validate_record
from extractor.store import Store

REAL = Path(__file__).parent / "fixtures" / "real-pdf"
SIGNED = {
    "ninhbinh-196-kh-ubnd-2024": ("plan", "196/KH-UBND", "2024-11-04", "Tống Quang Thìn"),
    "ninhbinh-807-qd-ubnd-2024": ("decision", "807/QĐ-UBND", "2024-11-04", "Nguyễn Cao Sơn"),
    "ninhbinh-706-ubnd-vp7-2024": ("official_letter", "706/UBND-VP7", "2024-11-04", "Tống Quang Thìn"),
}
_records: dict[str, dict] = {}


def record(name: str) -> dict:
    """The record of a real file, extracted once per test session."""
    if name not in _records:
        _records[name] = extract_file(REAL / f"{name}.pdf").to_dict()
    return _records[name]


# ------------------------------------------------------------------ stamped number and day


@pytest.mark.parametrize("name", sorted(SIGNED))
def test_stamped_number_date_and_signer(name):
    rec = record(name)
    kind, number, date, signer = SIGNED[name]
    m = rec["meta"]
    assert (m["kind"], m["number"], m["date"], m["signer"]) == (kind, number, date, signer)
    assert m["date_source"] == "stamp"
    assert rec["status"] == "ok", rec["errors"]
    assert validate_record(rec) == []


def _norm(s: str) -> str:
    return " ".join(s.split())


@pytest.mark.parametrize("name", sorted(SIGNED))
def test_stamped_lines_match_poppler(name):
    """poppler's pdftotext draws form fields in place: our number and date lines read as its do."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    layout = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(REAL / f"{name}.pdf"), "-"],
                            capture_output=True, text=True, check=True).stdout
    poppler = _norm(layout)
    ours = [_norm(ln) for ln in record(name)["text"].split("\n")]
    number_line = next(ln for ln in ours if ln.startswith("Số:"))
    date_line = next(ln for ln in ours if "ngày" in ln and "năm 2024" in ln)
    assert number_line.split(" Ninh Bình")[0] in poppler
    assert date_line[date_line.index("Ninh Bình"):] in poppler


def test_header_after_body_is_put_first():
    """196's text layer gives the body first and the header block last; page 1 is read by position."""
    rec = record("ninhbinh-196-kh-ubnd-2024")
    assert rec["text"].startswith("ỦY BAN NHÂN DÂN\n")
    assert rec["text"].index("KẾ HOẠCH") > rec["text"].index("Số: 196 /KH-UBND")
    assert {"page": 1, "text": "196", "line": "Số: 196 /KH-UBND"} in rec["source"]["stamped"]
    assert {"page": 1, "text": "04", "line": "Ninh Bình, ngày 04 tháng 11 năm 2024"} in rec["source"]["stamped"]


def test_month_stamped_apart_from_day():
    """807 stamps day and month in one field, far apart: each goes to its own place."""
    text = record("ninhbinh-807-qd-ubnd-2024")["text"]
    assert "Số: 807 /QĐ-UBND Ninh Bình, ngày 04 tháng 11 năm 2024" in text


def test_signature_label_boxes_stay_out_of_the_text():
    """The gazette shows a signature box ('Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ'); it is no line of the text."""
    rec = record("nghi-dinh-74-2025-nd-cp")
    assert rec["status"] == "ok", rec["errors"]
    assert (rec["meta"]["kind"], rec["meta"]["number"], rec["meta"]["date"]) == ("decree", "74/2025/NĐ-CP",
                                                                                 "2025-03-31")
    assert "Người ký" not in rec["text"] and rec["source"]["stamped"] == []
    assert rec["source"]["signatures"] == []  # the box is there, the signature was lost in a re-save
    assert not rec["text"].startswith("CÔNG BÁO")


def test_insert_stamp_by_position():
    text = "Số: /KH-UBND"
    edges = [(94.6 + 5 * k, 98.6 + 5 * k) for k in range(len(text))]
    edges[4:] = [(130.0 + 6 * k, 135.0 + 6 * k) for k in range(len(text) - 4)]  # '/KH-UBND' after the gap
    new, new_edges = insert_stamp(text, edges, Stamp("196", 114.0, 719.0, 125.0, 729.0))
    assert new == "Số: 196 /KH-UBND" and len(new_edges) == len(new)
    tight, _ = insert_stamp(text, edges, Stamp("196", 114.0, 719.0, 129.0, 729.0))
    assert tight == "Số: 196/KH-UBND"


def test_header_first_keeps_order_of_moved_lines():
    body = PdfLine("Thực hiện Chỉ thị", 85, 540, 570, 560)
    a, b = PdfLine("ỦY BAN NHÂN DÂN", 93, 215, 782, 770), PdfLine("Số: 196 /KH-UBND", 94, 213, 727, 718)
    assert [ln.text for ln in header_first([body, a, b])] == [a.text, b.text, body.text]
    assert header_first([a, b, body]) == [a, b, body]


# ------------------------------------------------------------------ signatures


def test_signatures_of_a_signed_plan():
    sigs = record("ninhbinh-196-kh-ubnd-2024")["source"]["signatures"]
    got = [(s["signer"], s["organisation"], s["kind"], s["signed_at"]) for s in sigs]
    assert got == [
        ("Nguyễn Tiến Dũng", "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH", "person", "2024-11-01T16:53:08+07:00"),
        ("Tống Quang Thìn", "Tỉnh Ninh Bình", "person", "2024-11-03T22:58:46+07:00"),
        ("Ủy ban nhân dân tỉnh Ninh Bình", "Tỉnh Ninh Bình", "organisation", "2024-11-04T17:17:22+07:00"),
        ("Ủy ban nhân dân tỉnh Ninh Bình", "Tỉnh Ninh Bình", "organisation", "2024-11-04T17:16:43+07:00"),
        ("Ủy ban nhân dân tỉnh Ninh Bình", "Tỉnh Ninh Bình", "organisation", "2024-11-04T17:16:43+07:00"),
    ]
    assert sigs[0]["unit"] == "VĂN PHÒNG"
    assert all(s["intact"] and s["valid"] for s in sigs)
    assert [s["coverage"] for s in sigs] == ["earlier_revision"] * 4 + ["entire_file"]
    assert [s["changes_after"] for s in sigs] == ["form_filling"] * 4 + ["none"]
    assert [s["revision"] for s in sigs] == [3, 4, 5, 6, 7]
    for s in sigs:
        assert s["trust"] == "not checked"
        assert "Ban C" in s["trust_reason"] and "no trust store" in s["trust_reason"]


def test_signer_checked_against_signatures():
    sigs, problems = read_signatures((REAL / "ninhbinh-706-ubnd-vp7-2024.pdf").read_bytes())
    assert problems == [] and len(sigs) == 5
    agree = Record("a", Source("a", "0" * 64, "pdf", signatures=sigs), meta=Meta(signer="Tống Quang Thìn",
                                                                              date="2024-11-04"))
    reconcile(agree)
    assert (agree.status, agree.errors, agree.meta.date_source) == ("ok", [], "text")
    disagree = Record("b", Source("b", "0" * 64, "pdf", signatures=sigs), meta=Meta(signer="Nguyễn Văn An"))
    reconcile(disagree)
    assert disagree.status == "partial"
    assert disagree.errors == ["warning: the text names the signer Nguyễn Văn An, but the digital signatures are "
                               "by Đặng Đức Tân, Tống Quang Thìn"]


def test_seal_date_offered_when_the_text_has_none():
    sigs, _ = read_signatures((REAL / "ninhbinh-706-ubnd-vp7-2024.pdf").read_bytes())
    rec = Record("c", Source("c", "0" * 64, "pdf", signatures=sigs), meta=Meta(signer="Tống Quang Thìn"))
    reconcile(rec)
    # the seal signed at 2024-11-04T17:22 Vietnam time; the people's signatures are not the seal
    assert (rec.meta.date, rec.meta.date_source, rec.status) == ("2024-11-04", "signature", "ok")
    unsigned = Record("d", Source("d", "0" * 64, "txt"), meta=Meta())
    reconcile(unsigned)
    assert (unsigned.meta.date, unsigned.meta.date_source) == (None, None)


def test_unsigned_and_broken_signature_data():
    assert read_signatures(b"%PDF-1.4 no signature here") == ([], [])
    sigs, problems = read_signatures(b"%PDF-1.4\n/ByteRange [0 1 2 3] garbage")
    assert sigs == [] and problems and problems[0].startswith("digital signatures could not be read")


def test_web_page_shows_signatures(tmp_path):
    with Store(tmp_path / "v.db") as store:
        store.add_record(record("ninhbinh-706-ubnd-vp7-2024"))
        status, _, body = web.document_page(store, "ninhbinh-706-ubnd-vp7-2024", {})
    html = body.decode()
    assert status == "200 OK"
    assert "Signatures (5)" in html and "Tống Quang Thìn" in html and "form_filling" in html
    assert "not checked" in html


# ------------------------------------------------------------------ OCR confidence


def test_digits_confidence():
    words = [("687/STP-VB", 45.0), ("25", 96.0), ("02", 93.0), ("2021", 95.0), ("7,9%", 41.0)]
    assert digits_confidence([687], words) == 45.0
    assert digits_confidence([25, 2, 2021], words) == 93.0
    assert digits_confidence([7, 9], words) == 41.0
    assert digits_confidence([31, 12, 2021], words) is None  # not read by OCR at all


def _ocr_record(number: str | None, date: str | None, text: str = "") -> Record:
    return Record("s", Source("s", "0" * 64, "pdf", ocr_pages=[0, 1]), text=text,
                  meta=Meta(kind="official_letter", number=number, date=date))


def test_low_confidence_number_is_left_empty():
    rec = _ocr_record("687/STP-VB", "2021-02-25")
    check_ocr(rec, {0: [("687/STP-VB", 45.0), ("25", 96.0), ("02", 93.0), ("2021", 95.0)]})
    assert rec.meta.number is None and rec.meta.date == "2021-02-25"
    assert rec.meta.ocr_confidence == {"number": 45.0, "date": 93.0}
    assert rec.status == "partial" and "confidence 45" in rec.errors[0]
    sure = _ocr_record("687/STP-VB", None)
    check_ocr(sure, {0: [("687/STP-VB", 92.0)]})
    assert (sure.meta.number, sure.status, sure.meta.ocr_confidence) == ("687/STP-VB", "ok", {"number": 92.0})


def test_unreadable_number_and_date_lines_are_reported():
    rec = _ocr_record(None, None, "SỞ TƯ PHÁP\nSố: 6ŸƑ /STP-VB Thành phố Hồ Chí Minh, ngày-2Ôtháng đỆ năm 2021\n")
    check_ocr(rec, {0: [("6ŸƑ", 24.0)]})
    assert rec.meta.number is None and rec.meta.date is None
    assert rec.errors == [
        "warning: the document number on the scan could not be read (OCR gave 'Số: 6ŸƑ /STP-VB'); it was left empty",
        "warning: the date on the scan could not be read (OCR gave 'ngày-2Ôtháng đỆ năm 2021'); "
        "no date was taken from the text"]


def test_targets_carry_ocr_confidence():
    rec = _ocr_record(None, None)
    rec.targets = [Target("tỷ lệ", None, ">=", 7.9, None, "%", 2025, None, [0, 10], "đạt 7,9%"),
                   Target("số doanh nghiệp", None, ">=", 500.0, None, None, 2025, None, [20, 30], "500 doanh nghiệp")]
    check_ocr(rec, {1: [("7,9%", 41.0), ("500", 95.0)]})
    assert [t.ocr_confidence for t in rec.targets] == [41.0, 95.0]
    assert rec.status == "partial" and "1 target(s) rest on low-confidence OCR digits" in rec.errors[0]


@pytest.mark.slow
def test_scan_with_poor_ocr_layer():
    """hcm-stp-687: the scanner's layer ('UY NUAN DAN', 'ngdyZSthdng0/') is replaced by Tesseract;
    the handwritten number is not invented; the kind is the letter's; the seal gives the date."""
    rec = record("hcm-stp-687-stp-vb-2021")
    m = rec["meta"]
    assert rec["source"]["ocr_pages"] == [0, 1]
    assert "UY NUAN DAN" not in rec["text"] and "Sở Tư pháp nhận được Phiếu chuyển số 3578/PC-VP" in rec["text"]
    assert (m["kind"], m["doc_type"], m["number"]) == ("official_letter", "Công văn", None)
    assert (m["date"], m["date_source"]) == ("2021-02-25", "signature")
    assert rec["status"] == "partial"
    assert any("document number on the scan could not be read" in e for e in rec["errors"])
    sig = rec["source"]["signatures"]
    assert [(s["signer"], s["organisation"], s["kind"], s["signed_at"], s["coverage"]) for s in sig] == [
        ("Sở Tư pháp", "Thành phố Hồ Chí Minh", "organisation", "2021-02-25T15:12:01+07:00", "entire_file")]
    assert validate_record(rec) == []


def test_the_check_report_lists_the_plan_files_signatures():
    """`vnplan check` on a signed original shows who signed, when, and whether the file is intact."""
    from extractor.compliance import check
    from extractor.compliance.render_md import to_markdown

    report = check(str(REAL / "ninhbinh-807-qd-ubnd-2024.pdf"), against=["36/QĐ-TTg"])
    assert len(report.to_dict()["signatures"]) == 5
    md = to_markdown(report)
    assert "## Signatures (5)" in md
    assert "Nguyễn Cao Sơn, ỦY BAN NHÂN DÂN TỈNH NINH BÌNH — signed 2024-11-04T07:03:31+07:00, intact" in md
