"""Legacy Word .doc: converted to DOCX by LibreOffice, then read like any DOCX."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import time
from pathlib import Path

import pytest

from extractor.document import IngestError
from extractor.ingest import doc as doc_module
from extractor.ingest.doc import SOFFICE_MISSING, doc_to_docx
from extractor.pipeline import extract_file, extract_folder
from tests.formats import plain_docx, soffice_convert

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DOC_DEV = "news-quang-ninh-36-2021"

# Bytes that pass for a .doc until LibreOffice reads them: the OLE2 signature and a WordDocument stream name.
FAKE_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\0" * 100
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")


def squash(text: str) -> str:
    """Text with all whitespace runs made one space (NBSP included)."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def make_doc(txt: Path, out_dir: Path) -> Path:
    """A Word 97 .doc of `txt`: python-docx writes one paragraph per line, LibreOffice saves as .doc."""
    src = plain_docx(txt, out_dir / f"{txt.stem}.docx")
    return soffice_convert([src], out_dir / "doc", target="doc")[0]


@pytest.fixture(scope="session")
def dev_doc(tmp_path_factory) -> Path:
    """The dev document DOC_DEV as a legacy .doc, built once per session."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice not installed")
    return make_doc(CORPUS / f"{DOC_DEV}.txt", tmp_path_factory.mktemp("doc"))


def _fake_soffice(folder: Path, script: str) -> Path:
    """A stand-in `soffice` on a private PATH folder."""
    folder.mkdir(parents=True, exist_ok=True)
    exe = folder / "soffice"
    exe.write_text("#!/bin/sh\n" + script + "\n")
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return exe


# ------------------------------------------------------------------ real conversion (slow)


@pytest.mark.slow
def test_dev_doc_is_really_a_word97_file(dev_doc):
    head = dev_doc.read_bytes()[:8]
    assert head == bytes.fromhex("d0cf11e0a1b11ae1")  # OLE2 compound file


@pytest.mark.slow
def test_doc_to_docx_keeps_every_paragraph(dev_doc):
    import docx

    out = doc_to_docx(dev_doc)
    try:
        assert out.suffix == ".docx" and out.parent != dev_doc.parent
        got = [p.text for p in docx.Document(str(out)).paragraphs]
        want = (CORPUS / f"{DOC_DEV}.txt").read_text(encoding="utf-8").split("\n")
        assert [squash(t) for t in got if squash(t)] == [squash(t) for t in want if squash(t)]
    finally:
        shutil.rmtree(out.parent, ignore_errors=True)


@pytest.mark.slow
def test_doc_reads_like_the_txt(dev_doc):
    rec = extract_file(dev_doc).to_dict()
    txt = extract_file(CORPUS / f"{DOC_DEV}.txt").to_dict()
    assert rec["source"]["format"] == "doc"
    assert rec["status"] != "error", rec["errors"]
    assert squash(rec["text"]) == squash(txt["text"])
    assert rec["meta"]["number"] == txt["meta"]["number"]
    assert [r["number"] for r in rec["references"]] == [r["number"] for r in txt["references"]]


@pytest.mark.slow
def test_doc_conversion_leaves_no_temp_folder(dev_doc, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    extract_file(dev_doc)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("vnplan-doc-")]


@pytest.mark.slow
def test_odt_with_its_task_table_reads_like_the_docx(tmp_path):
    """An office working in LibreOffice sends .odt: it is converted and read like the DOCX it was saved from,
    its task table a table (Hồ Chí Minh City's 2820/QĐ-UBND)."""
    from tests.formats import real_docx

    txt = ROOT / "tests" / "real" / "hcm-2820-qd-ubnd-2025.txt"
    docx_path = real_docx(txt, tmp_path / "docx" / f"{txt.stem}.docx")
    odt = soffice_convert([docx_path], tmp_path / "odt", target="odt")[0]
    assert odt.read_bytes()[:2] == b"PK"
    rec, want = extract_file(odt), extract_file(docx_path)
    assert (rec.status, rec.source.format, rec.source.converted_from) == ("ok", "doc", "odt")
    assert rec.meta.number == "2820/QĐ-UBND"
    assert [(o.lead, o.task) for o in rec.obligations] == [(o.lead, o.task) for o in want.obligations]
    assert len(rec.obligations) > 20


# ------------------------------------------------------------------ failures are clear sentences


def test_missing_soffice_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(doc_module.shutil, "which", lambda name, *a, **k: None)
    f = tmp_path / "a.doc"
    f.write_bytes(FAKE_DOC)
    with pytest.raises(IngestError) as e:
        doc_to_docx(f)
    assert str(e.value) == SOFFICE_MISSING
    assert "apt-get install libreoffice-writer-nogui" in SOFFICE_MISSING


def test_missing_soffice_on_path(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    f = tmp_path / "a.doc"
    f.write_bytes(FAKE_DOC)
    with pytest.raises(IngestError, match="LibreOffice is not installed"):
        doc_to_docx(f)


def test_missing_soffice_through_the_batch(monkeypatch, tmp_path):
    """The .doc gets an error record saying what to install; the other files are read."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "old.doc").write_bytes(FAKE_DOC)
    shutil.copy(CORPUS / "news-binh-duong-2109-2021.txt", folder / "news.txt")
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))  # the batch's worker processes inherit it
    out = tmp_path / "out"
    result = extract_folder(folder, out, workers=1, progress=False)
    assert sorted(p.name for p in result.written) == ["news.json", "old.json"]
    old = json.loads((out / "old.json").read_text(encoding="utf-8"))
    news = json.loads((out / "news.json").read_text(encoding="utf-8"))
    assert old["status"] == "error" and any(SOFFICE_MISSING in e for e in old["errors"]), old["errors"]
    assert news["status"] in ("ok", "partial") and news["text"]


def test_timeout_kills_soffice_and_says_so(monkeypatch, tmp_path):
    pid_file = tmp_path / "pid"
    _fake_soffice(tmp_path / "bin", f"{shutil.which('sleep')} 30 &\necho $! > {pid_file}\nwait")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    f = tmp_path / "a.doc"
    f.write_bytes(b"x")
    start = time.monotonic()
    with pytest.raises(IngestError, match=r"LibreOffice timed out after 1 s"):
        doc_to_docx(f, timeout=1)
    assert time.monotonic() - start < 10
    time.sleep(0.3)
    assert not _alive(int(pid_file.read_text()))  # the office child went with the group


def _alive(pid: int) -> bool:
    """True while `pid` runs (a zombie waiting to be reaped does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")


def test_conversion_that_produces_nothing(monkeypatch, tmp_path):
    _fake_soffice(tmp_path / "bin", "echo 'Error: source file could not be loaded' >&2\nexit 0")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    f = tmp_path / "broken.doc"
    f.write_bytes(b"not a word file")
    with pytest.raises(IngestError) as e:
        doc_to_docx(f)
    assert str(e.value) == ("LibreOffice could not convert the .doc file (exit 0): "
                            "Error: source file could not be loaded")


def test_missing_input_file(tmp_path):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice not installed")
    with pytest.raises(IngestError, match="cannot open file"):
        doc_to_docx(tmp_path / "nope.doc")


@needs_soffice
@pytest.mark.slow
def test_garbage_doc_is_an_error_record(tmp_path):
    f = tmp_path / "garbage.doc"
    f.write_bytes(b"\x00\x01 this is not a Word file at all " * 20)
    rec = extract_file(f)
    assert rec.status == "error"
    assert rec.errors and all(e.strip() for e in rec.errors)


def test_profiles_of_finished_processes_are_cleaned(monkeypatch, tmp_path):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    done = subprocess.Popen(["true"])
    done.wait()
    stale = tmp_path / f"vnplan-lo-{done.pid}"
    live = tmp_path / f"vnplan-lo-{os.getppid()}"
    for d in (stale, live):
        (d / "user").mkdir(parents=True)
    assert doc_module._profile_dir() == tmp_path / f"vnplan-lo-{os.getpid()}"
    assert not stale.exists() and live.exists()
