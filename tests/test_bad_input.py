"""Bad input: every kind of unreadable file gives a record with a reason a user understands."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from extractor import ingest
from extractor.pipeline import extract_file
from extractor.record import validate_record
from tests.conftest import CORPUS
from tests.formats import image_pdf, make_docx, make_encrypted_pdf, make_pdf

YEN_BAI = CORPUS / "yen-bai-114-kh-ubnd-2021.txt"
NEWS = CORPUS / "news-binh-duong-2109-2021.txt"


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> dict[str, Path]:
    """A good DOCX and PDF of a dev document, its encrypted PDF and a scanned (image-only) PDF."""
    root = tmp_path_factory.mktemp("good")
    docx = make_docx(NEWS, root / "news.docx")
    pdf = make_pdf(docx, root)
    return {"docx": docx, "pdf": pdf, "encrypted": make_encrypted_pdf(docx, root / "enc"),
            "scan": image_pdf(pdf, root / "scan.pdf")}


def record(path: Path) -> dict:
    rec = extract_file(path).to_dict()
    assert validate_record(rec) == [], rec
    return rec


def assert_error(path: Path, reason: str, fmt: str | None = None) -> dict:
    rec = record(path)
    assert rec["status"] == "error"
    assert len(rec["errors"]) == 1 and rec["errors"][0].startswith(reason), rec["errors"]
    if fmt:
        assert rec["source"]["format"] == fmt
    return rec


def test_empty_files(tmp_path):
    for name in ("empty.txt", "empty.pdf", "empty.docx"):
        (tmp_path / name).write_bytes(b"")
        assert_error(tmp_path / name, "empty file")
    (tmp_path / "blank.txt").write_text("  \n\n \t\n")
    assert_error(tmp_path / "blank.txt", "empty file")


def test_binary_junk(tmp_path):
    junk = bytes(range(256)) * 64
    (tmp_path / "junk.txt").write_bytes(junk)
    assert_error(tmp_path / "junk.txt", "not a text document (binary content)", "unknown")
    (tmp_path / "junk.pdf").write_bytes(junk)
    assert_error(tmp_path / "junk.pdf", "broken PDF", "pdf")
    (tmp_path / "error-page.pdf").write_text("<!DOCTYPE html><html><body><h1>404 Không tìm thấy trang</h1>"
                                            "</body></html>", encoding="utf-8")
    assert_error(tmp_path / "error-page.pdf", "broken PDF: the file is a web page (HTML), not a PDF", "pdf")
    (tmp_path / "archive.docx").write_bytes(_zip({"hello.txt": b"not word"}))
    assert_error(tmp_path / "archive.docx", "corrupt DOCX: the package has no word/document.xml")


def test_unknown_encoding(tmp_path):
    (tmp_path / "odd.txt").write_bytes(bytes(range(128, 256)) * 8)
    assert_error(tmp_path / "odd.txt", "unknown text encoding")


def test_wrong_extension_is_read_by_content(good, tmp_path):
    pdf_as_docx = tmp_path / "really-a-pdf.docx"
    shutil.copy(good["pdf"], pdf_as_docx)
    docx_as_pdf = tmp_path / "really-a-docx.pdf"
    shutil.copy(good["docx"], docx_as_pdf)
    for path, fmt in ((pdf_as_docx, "pdf"), (docx_as_pdf, "docx")):
        rec = record(path)
        assert (rec["status"] != "error", rec["source"]["format"]) == (True, fmt)
        assert "Quyết định số 2109/QĐ-UBND ngày 01/9/2021" in rec["text"]


def test_encrypted_pdf(good):
    assert_error(good["encrypted"], "encrypted PDF: the file is protected by a password", "pdf")


def test_truncated_pdf(good, tmp_path):
    data = good["pdf"].read_bytes()
    (tmp_path / "half.pdf").write_bytes(data[: len(data) // 2])
    assert_error(tmp_path / "half.pdf", "broken PDF: the file is damaged or truncated", "pdf")


def _zip(parts: dict[str, bytes]) -> bytes:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_corrupt_docx(good, tmp_path):
    (tmp_path / "garbage.docx").write_bytes(b"PK\x03\x04" + b"\x17garbage" * 200)
    assert_error(tmp_path / "garbage.docx", "corrupt DOCX", "docx")
    (tmp_path / "bad-xml.docx").write_bytes(_zip({"[Content_Types].xml": b"<Types/>",
                                                  "word/document.xml": b"<w:document><w:body><w:p>"}))
    assert_error(tmp_path / "bad-xml.docx", "corrupt DOCX", "docx")
    data = good["docx"].read_bytes()
    (tmp_path / "cut.docx").write_bytes(data[: len(data) // 2])
    assert_error(tmp_path / "cut.docx", "corrupt DOCX", "docx")


def test_scanned_pdf_without_ocr(good, monkeypatch):
    ocr = pytest.importorskip("extractor.ingest.ocr")
    monkeypatch.setattr(ocr, "ocr_pages", lambda path, pages, **kw: ({}, {p: "Tesseract OCR is not installed"
                                                                         for p in pages}))
    rec = assert_error(good["scan"], "PDF has no text layer and OCR failed", "pdf")
    assert "Tesseract OCR is not installed" in rec["errors"][0]


def test_scanned_pdf_when_the_ocr_module_breaks(good, monkeypatch):
    ocr = pytest.importorskip("extractor.ingest.ocr")

    def boom(path, pages, **kw):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(ocr, "ocr_pages", boom)
    rec = assert_error(good["scan"], "PDF has no text layer and OCR failed")
    assert "renderer crashed" in rec["errors"][0]


def test_pdf_with_one_scanned_page_is_partial(good, tmp_path, monkeypatch):
    """Text pages are read; a scanned page OCR could not read makes the record partial, not an error."""
    import pypdfium2 as pdfium

    ocr = pytest.importorskip("extractor.ingest.ocr")
    monkeypatch.setattr(ocr, "ocr_pages", lambda path, pages, **kw: ({}, {p: "tesseract timed out" for p in pages}))
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(str(good["pdf"])))
    mixed.import_pages(pdfium.PdfDocument(str(good["scan"])))
    path = tmp_path / "mixed.pdf"
    mixed.save(str(path))
    rec = record(path)
    scanned = rec["source"]["pages"]
    assert rec["status"] == "partial"
    assert rec["errors"] == [f"page {scanned}: OCR failed: tesseract timed out",
                             f"no text could be read from page(s) {scanned}"]
    assert "Quyết định số 2109/QĐ-UBND ngày 01/9/2021" in rec["text"]


@pytest.mark.slow
def test_scanned_pdf_with_ocr(good):
    ocr = pytest.importorskip("extractor.ingest.ocr")
    if getattr(ocr, "tesseract_problem", lambda: None)():
        pytest.skip("Tesseract is not available")
    rec = record(good["scan"])
    assert rec["status"] in ("ok", "partial"), rec["errors"]
    assert rec["source"]["ocr_pages"] == [0]
    assert "năng suất" in rec["text"]


def test_huge_file(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text("Kế hoạch nâng cao năng suất. " * 100, encoding="utf-8")
    rec = assert_error(path, "file too large")
    assert rec["source"]["sha256"] != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_missing_and_unreadable_paths(tmp_path):
    assert_error(tmp_path / "missing.txt", "cannot open file: No such file or directory")
    (tmp_path / "folder.txt").mkdir()
    assert_error(tmp_path / "folder.txt", "cannot open file")


def test_html_without_main_text(tmp_path):
    (tmp_path / "empty.html").write_text("<!DOCTYPE html><html><head><script>var a=1;</script></head>"
                                         "<body><nav><a href='/'>Trang chủ</a></nav></body></html>")
    assert_error(tmp_path / "empty.html", "no main text found in the HTML page", "html")


def test_garbage_doc(tmp_path):
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00garbage" * 100)
    assert_error(tmp_path / "old.doc", "corrupt DOC: no WordDocument stream", "doc")
    text_doc = tmp_path / "text.doc"  # plain text saved with a .doc name is read as text
    text_doc.write_text("Kế hoạch số 114/KH-UBND", encoding="utf-8")
    assert (record(text_doc)["source"]["format"], record(text_doc)["text"]) == ("txt", "Kế hoạch số 114/KH-UBND")


@pytest.mark.slow
def test_real_doc_is_converted(good, tmp_path):
    from tests.formats import soffice_convert

    doc = soffice_convert([good["docx"]], tmp_path, "doc")[0]
    rec = record(doc)
    assert rec["status"] != "error" and (rec["source"]["format"], rec["source"]["converted_from"]) == ("doc", "doc")
    assert "Quyết định số 2109/QĐ-UBND ngày 01/9/2021" in rec["text"]


def test_cli_folder_with_good_and_bad_files(good, tmp_path):
    from click.testing import CliRunner

    from extractor.cli import cli

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(YEN_BAI, src / "yen-bai.txt")
    shutil.copy(good["pdf"], src / "news.pdf")
    shutil.copy(good["encrypted"], src / "locked.pdf")
    (src / "empty.txt").write_bytes(b"")
    (src / "junk.docx").write_bytes(b"PK\x03\x04garbage")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 10)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["extract", str(src), "-o", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    records = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")}
    assert sorted(records) == ["binary", "empty", "junk", "locked", "news", "yen-bai"]
    status = {k: (r["status"], r["errors"][0] if r["errors"] else "") for k, r in records.items()}
    assert status["yen-bai"][0] != "error" and status["news"][0] != "error"
    assert status["locked"] == ("error", "encrypted PDF: the file is protected by a password and cannot be read")
    assert status["empty"] == ("error", "empty file")
    assert status["junk"][1].startswith("corrupt DOCX")
    assert status["binary"] == ("error", "not a text document (binary content)")
    assert all(validate_record(r) == [] for r in records.values())
