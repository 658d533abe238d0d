"""The command line for a new user: every error a user can cause is a sentence saying what to do
(missing database, busy port, a file vnplan cannot read), `--strict` for batch exit codes, the
files a batch skips listed by type, and scans saved as images read through OCR."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.pipeline import extract_file

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
LINES = ["ỦY BAN NHÂN DÂN TỈNH YÊN BÁI", "KẾ HOẠCH", "Nâng cao năng suất lao động giai đoạn 2021 - 2030",
         "Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính", "tổ chức triển khai Kế hoạch này."]


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture()
def mixed(tmp_path) -> Path:
    """A folder with one good document, one broken scan and two files vnplan does not read."""
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(CORPUS / "yen-bai-114-kh-ubnd-2021.txt", d / "yb.txt")
    (d / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really an image")
    (d / "bang-tinh.xlsx").write_bytes(b"PK\x03\x04junk")
    (d / "anh.gif").write_bytes(b"GIF89a")
    return d


def test_missing_database_says_to_ingest(tmp_path):
    db = str(tmp_path / "none.db")
    for args in (["search", "x"], ["export"], ["serve"]):
        r = _run(*args, "--db", db)
        assert r.exit_code == 1, args
        assert f"no database at {db}: run `vnplan ingest FOLDER --db {db}` first" in r.output, args
        assert "Traceback" not in r.output


def test_busy_port_is_a_sentence(tmp_path):
    from extractor.store import Store

    db = tmp_path / "s.db"
    Store(db).close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        r = _run("serve", "--db", str(db), "--port", str(port))
    assert r.exit_code == 1
    assert f"port {port} is already in use" in r.output and f"--port {port + 1}" in r.output


def test_broken_image_is_a_clear_error(mixed):
    record = extract_file(mixed / "scan.png").to_dict()
    assert record["status"] == "error"
    assert record["errors"][0].startswith("broken image: the file is not a readable .png")
    r = _run("extract", str(mixed / "scan.png"))
    assert r.exit_code == 0 and "could not be read: broken image" in r.stderr and "Check that it is" in r.stderr
    assert _run("extract", str(mixed / "scan.png"), "--strict").exit_code == 1


def test_strict_and_skipped_files_by_type(mixed, tmp_path):
    db = str(tmp_path / "b.db")
    r = _run("ingest", str(mixed), "--db", db, "--no-progress")
    assert r.exit_code == 0, r.output
    assert "2 files: 2 stored (1 error, 1 ok; 0 replaced)" in r.stderr
    assert ("skipped 2 files vnplan does not read: 1 .gif (anh.gif); 1 .xlsx (bang-tinh.xlsx) "
            "(it reads .txt, .html, .docx, .doc, .pdf, .png, .jpg, .tif)") in r.stderr
    r = _run("ingest", str(mixed), "--db", str(tmp_path / "c.db"), "--no-progress", "--strict")
    assert r.exit_code == 1 and "1 file(s) could not be read (--strict)" in r.stderr
    r = _run("extract", str(mixed), "-o", str(tmp_path / "rec"), "--strict")
    assert r.exit_code == 1 and "skipped 2 files vnplan does not read" in r.stderr
    (mixed / "scan.png").unlink()
    assert _run("ingest", str(mixed), "--db", str(tmp_path / "d.db"), "--no-progress", "--strict").exit_code == 0
    assert _run("extract", str(mixed), "-o", str(tmp_path / "rec2"), "--strict").exit_code == 0


def _scan(path: Path, frames: int = 1) -> Path:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 42)
    pages = []
    for n in range(frames):
        img = Image.new("L", (2480, 1000), 255)
        draw = ImageDraw.Draw(img)
        for i, text in enumerate(LINES if n == 0 else [f"Trang {n + 1}: đổi mới sáng tạo"]):
            draw.text((150, 150 + i * 90), text, font=font, fill=0)
        pages.append(img)
    pages[0].save(path, dpi=(300, 300), save_all=frames > 1, append_images=pages[1:])
    return path


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".png", ".jpg", ".tif"])
def test_image_scans_are_read_through_ocr(tmp_path, suffix):
    if not FONT.exists() or not shutil.which("tesseract"):
        pytest.skip("needs fonts-dejavu-core and tesseract")
    frames = 2 if suffix == ".tif" else 1
    record = extract_file(_scan(tmp_path / f"scan{suffix}", frames)).to_dict()
    assert record["status"] == "ok", record["errors"]
    src = record["source"]
    assert src["format"] == "pdf" and src["converted_from"] == suffix[1:] and src["pages"] == frames
    assert src["ocr_pages"] == list(range(frames)) and src["path"].endswith(f"scan{suffix}")
    text = record["text"]
    for line in LINES[2:]:
        assert " ".join(line.split()) in " ".join(text.split()), line
    assert record["meta"]["place"] == "Yên Bái"
    if frames == 2:
        assert "Trang 2: đổi mới sáng tạo" in text
