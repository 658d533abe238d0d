"""The fault suite (issue 11): hostile and broken inputs, killed workers and parents, locked and
foreign databases, bad names, bytes and parameters. Nothing may be lost or silently replaced,
memory stays bounded, and every problem is a sentence, never a traceback."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from extractor.batch import WORKER_DIED, format_result, ingest_folder
from extractor.ingest import display_path
from extractor.pipeline import extract_file
from extractor.search import fts_query
from extractor.store import Store
from tests.bombs import docx_bomb, long_text
from tests.test_batch import make_folder, stored_documents

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))
PLAN = ROOT / "corpus" / "thuan-an-kh-2021.txt"


def vnplan(*args: str | bytes | Path, env: dict[str, str] | None = None, unprivileged: bool = False,
           timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the vnplan command line; `unprivileged`: without root's power to ignore file permissions."""
    cmd: list[str | bytes] = [sys.executable, "-m", "extractor", *(a if isinstance(a, bytes) else str(a) for a in args)]
    if unprivileged and os.geteuid() == 0:
        cmd = ["setpriv", "--inh-caps=-all", "--bounding-set=-all", "--", *cmd]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


def plan_text(tag: str) -> str:
    """A real plan's text with one line that makes it a different file."""
    lines = PLAN.read_text(encoding="utf-8").split("\n")
    lines.insert(3, f"Bản thử {tag}.")
    return "\n".join(lines)


def stored_paths(db: Path) -> list[str]:
    with Store(db, readonly=True) as s:
        return sorted(r[0] for r in s.conn.execute("SELECT path FROM documents"))


def children(pid: int) -> list[int]:
    """Live (not zombie) child processes of `pid`."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            out.append(int(entry.name))
    return out


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


# -- 1. identity: a file never replaces another because their names match --------------------------

def test_same_name_in_two_folders_keeps_both(tmp_path):
    db = tmp_path / "x.db"
    for folder in ("A", "B"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(plan_text(folder), encoding="utf-8")
    ingest_folder(tmp_path / "A", db)
    second = ingest_folder(tmp_path / "B", db)
    assert (second.added, second.replaced) == (1, 0)
    assert stored_paths(db) == [str(tmp_path / "A" / "report.txt"), str(tmp_path / "B" / "report.txt")]
    with Store(db, readonly=True) as s:
        assert sorted(d["doc_id"] for d in s.documents()) == ["report", "report-2"]


def test_growing_folder_keeps_the_file_stored_first(tmp_path):
    db, root = tmp_path / "x.db", tmp_path / "in"
    (root / "y").mkdir(parents=True)
    (root / "y" / "a.txt").write_text(plan_text("y"), encoding="utf-8")
    ingest_folder(root, db)
    (root / "x").mkdir()
    (root / "x" / "a.txt").write_text(plan_text("x"), encoding="utf-8")
    second = ingest_folder(root, db)
    assert (second.added, second.replaced, second.skipped) == (1, 0, 1)
    assert stored_paths(db) == [str(root / "x" / "a.txt"), str(root / "y" / "a.txt")]


def test_replacing_only_when_the_same_path_changed_and_the_summary_says_so(tmp_path):
    db, folder = tmp_path / "x.db", tmp_path / "in"
    folder.mkdir()
    target = folder / "plan.txt"
    target.write_text(plan_text("1"), encoding="utf-8")
    ingest_folder(folder, db)
    target.write_text(plan_text("2"), encoding="utf-8")
    second = ingest_folder(folder, db)
    assert (second.added, second.replaced) == (0, 1)
    assert f"replaced (the file's content changed): {target}" in format_result(second, db)
    with Store(db, readonly=True) as s:
        assert [d["doc_id"] for d in s.documents()] == ["plan"]
        assert "Bản thử 2." in s.get_record("plan")["text"]


# -- 2. bombs: bounded memory, a clear error -------------------------------------------------------

_MEASURE = """
import json, sys
def peak_mb():  # this process's own peak (VmHWM); ru_maxrss would include the parent's size at fork
    line = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024
from extractor.pipeline import extract_file
r = extract_file(sys.argv[1])
print(json.dumps({"status": r.status, "errors": r.errors,
                  "rss_mb": peak_mb()}))
"""


def extract_measured(path: Path, env: dict[str, str] | None = None) -> dict:
    """The record's status and errors, and the peak memory of the process that read it."""
    proc = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_docx_of_300_mb_of_paragraphs_is_refused_in_bounded_memory(tmp_path):
    bomb = docx_bomb(tmp_path / "bomb.docx", 300 << 20)
    assert bomb.stat().st_size < 2e6
    out = extract_measured(bomb)
    assert out["status"] == "error"
    assert "DOCX too large when unzipped: 316 MB (word/document.xml 316 MB; the limit is 256 MB" in out["errors"][0] and "VNPLAN_MAX_UNZIPPED_MB" in out["errors"][0]
    assert out["rss_mb"] < 300


@pytest.mark.slow
def test_docx_whose_document_xml_unzips_to_2_gib_is_refused_in_bounded_memory(tmp_path):
    bomb = docx_bomb(tmp_path / "bomb.docx", 2 << 30, "<w:p/>" * 16, level=1)
    out = extract_measured(bomb)
    assert out["status"] == "error" and "DOCX too large when unzipped" in out["errors"][0]
    assert out["rss_mb"] < 300


def test_unzipped_limit_is_configurable(tmp_path, monkeypatch):
    small = docx_bomb(tmp_path / "small.docx", 3 << 20)
    assert extract_file(small).status == "ok"
    monkeypatch.setenv("VNPLAN_MAX_UNZIPPED_MB", "2")
    record = extract_file(small)
    assert record.status == "error" and "the limit is 2 MB" in record.errors[0]


# -- 3. a crashed worker takes down one file, not the batch -----------------------------------------

def _kill_one_worker(proc: subprocess.Popen, ready: callable) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        workers = children(proc.pid)
        if len(workers) >= 2 and ready():
            os.kill(workers[0], signal.SIGKILL)
            return
        time.sleep(0.05)
    pytest.fail("the batch ended before a worker could be killed")


def test_ingest_survives_a_killed_worker_and_the_rerun_completes(tmp_path):
    folder, db = make_folder(tmp_path / "in", n=30), tmp_path / "x.db"
    cmd = [sys.executable, "-m", "extractor", "ingest", str(folder), "--db", str(db), "--workers", "2",
           "--no-progress"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _kill_one_worker(proc, lambda: db.exists() and _count(db) >= 2)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    died = err.count(WORKER_DIED)
    assert died <= 1 and _count(db) == 31 - died
    if died:
        assert "killed by signal SIGKILL" in err
    rerun = vnplan("ingest", folder, "--db", db, "--workers", "2", "--no-progress")
    assert rerun.returncode == 0 and _count(db) == 31
    with Store(db, readonly=True) as s:
        assert [e for e in s.errors() if e["doc_id"] is None] == []


def _count(db: Path) -> int:
    return stored_documents(db, timeout=0.2)


def test_extract_folder_survives_a_killed_worker(tmp_path):
    folder, out = make_folder(tmp_path / "in", n=30), tmp_path / "out"
    cmd = [sys.executable, "-m", "extractor", "extract", str(folder), "-o", str(out), "--workers", "2",
           "--no-progress"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _kill_one_worker(proc, lambda: out.exists() and len(list(out.glob("*.json"))) >= 2)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    records = [json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")]
    assert len(records) == 31
    crashed = [r for r in records if any(WORKER_DIED in e for e in r["errors"])]
    assert len(crashed) <= 1 and all(r["status"] == "error" for r in crashed)


def test_a_file_that_stopped_a_worker_twice_is_held_back_until_retry(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "x.db"
    folder.mkdir()
    path = folder / "killer.txt"
    path.write_text(plan_text("k"), encoding="utf-8")
    from extractor.batch import file_sha256

    with Store(db) as s:
        for _ in range(2):
            s.add_error(display_path(path), f"{WORKER_DIED} (killed by signal SIGKILL, perhaps out of memory)",
                        file_sha256(path))
    held = ingest_folder(folder, db)
    assert held.held_back == [str(path)] and held.stored == 0
    assert "--retry-errors tries again" in format_result(held, db)
    retried = ingest_folder(folder, db, retry_errors=True)
    assert retried.stored == 1 and stored_paths(db) == [str(path)]


# -- 4. names: bytes that are not UTF-8, names near the file-system limit -------------------------

def test_file_name_that_is_not_utf8(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    bad = os.path.join(os.fsencode(folder), b"a-\xe9.txt")
    with open(bad, "wb") as f:
        f.write(plan_text("e").encode())
    (folder / "b.txt").write_text(plan_text("b"), encoding="utf-8")
    run = vnplan("extract", folder, "-o", tmp_path / "out")
    assert run.returncode == 0, run.stderr
    records = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "out").glob("*.json")}
    assert sorted(records) == ["a-_.json", "b.json"]
    assert records["a-_.json"]["source"]["path"] == f"{folder}/a-\\xe9.txt"
    assert records["a-_.json"]["status"] == "ok"
    db = tmp_path / "x.db"
    run = vnplan("ingest", folder, "--db", db)
    assert run.returncode == 0, run.stderr
    assert stored_paths(db) == [f"{folder}/a-\\xe9.txt", str(folder / "b.txt")]


def test_file_name_of_240_bytes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = "kế-hoạch-" + "đổi-mới-sáng-tạo-" * 9 + ".txt"
    assert 235 <= len(name.encode()) <= 255
    (folder / name).write_text(plan_text("long"), encoding="utf-8")
    out = tmp_path / "out"
    run = vnplan("extract", folder, "-o", out)
    assert run.returncode == 0, run.stderr
    [written] = out.glob("*.json")
    assert len(written.name.encode()) <= 130
    record = json.loads(written.read_text(encoding="utf-8"))
    assert record["source"]["path"] == str(folder / name) and record["status"] == "ok"
    assert record["doc_id"].startswith("kế-hoạch-đổi-mới") and written.name == f"{record['doc_id']}.json"


# -- 5. one bad byte in UTF-8 ----------------------------------------------------------------------

def test_stray_byte_in_utf8_is_replaced_and_partial(tmp_path):
    clean = extract_file(PLAN).to_dict()
    data = PLAN.read_bytes()
    cut = data.index(b"\n") + 1
    path = tmp_path / "stray.txt"
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    rec = extract_file(path).to_dict()
    assert rec["status"] == "partial" and rec["source"]["encoding"] == "utf-8"
    assert rec["errors"] == ["1 byte sequence(s) that are not UTF-8 were replaced by �"]
    assert "\ufffd" in rec["text"] and rec["meta"]["number"] == clean["meta"]["number"]
    assert len(rec["obligations"]) == len(clean["obligations"]) > 0


def test_file_cut_mid_character(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_bytes(plan_text("c").encode() + "ở".encode()[:1])
    rec = extract_file(path)
    assert rec.status == "partial" and rec.text.endswith("\ufffd") and rec.meta.date == "2021-11-18"


# -- 6. limits on text length, time, pages; linear-time section lookup -----------------------------

def test_text_limit_cuts_and_says_so(tmp_path, monkeypatch):
    path = long_text(tmp_path / "long.txt", 0.5, CORPUS)
    monkeypatch.setenv("VNPLAN_MAX_TEXT_MB", "0.05")
    rec = extract_file(path)
    assert rec.status == "partial" and 0 < len(rec.text) <= 50_000
    assert any("VNPLAN_MAX_TEXT_MB" in e for e in rec.errors)
    assert rec.obligations and all(rec.text[o.span[0]:o.span[1]] == o.quote for o in rec.obligations)


def test_time_limit_per_document_keeps_what_was_read(tmp_path, monkeypatch):
    path = long_text(tmp_path / "long.txt", 2, CORPUS)
    monkeypatch.setenv("VNPLAN_MAX_SECONDS", "1")
    monkeypatch.setenv("VNPLAN_MAX_TEXT_MB", "100")
    rec = extract_file(path)
    assert rec.errors[-1] == "stopped after 1 s (the time limit per document, VNPLAN_MAX_SECONDS)"
    assert rec.status in ("partial", "error") and (rec.status == "error") == (not rec.text)


def test_bad_limit_setting_is_a_clear_cli_error(tmp_path):
    run = vnplan("extract", PLAN, "--max-seconds", "-3")
    assert run.returncode == 2 and "--max-seconds" in run.stderr and "Traceback" not in run.stderr
    run = vnplan("extract", PLAN, env={"VNPLAN_MAX_PAGES": "many"})
    assert run.returncode == 2 and "VNPLAN_MAX_PAGES='many'" in run.stderr


def test_sections_at_is_the_same_as_scanning_every_section():
    import random

    from extractor.document import Doc
    from extractor.record import Section

    rng = random.Random(7)
    sections = []
    for i in range(400):
        start = rng.randrange(0, 5000)
        sections.append(Section(f"s{i}", None, "", rng.randrange(1, 5), start, start + rng.randrange(0, 900)))
    doc = Doc("x" * 6000, sections)
    for offset in range(-2, 6002, 7):
        expected = sorted((s for s in sections if s.start <= offset < s.end), key=lambda s: s.level)
        assert doc.sections_at(offset) == expected
    doc.sections = sections[:10]  # a new list is indexed again
    assert doc.sections_at(sections[0].start) == sorted(
        (s for s in sections[:10] if s.start <= sections[0].start < s.end), key=lambda s: s.level)


@pytest.mark.slow
def test_blank_pdf_pages_respect_page_and_ocr_limits(tmp_path, monkeypatch):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(6):
        pdf.new_page(595, 842)
    path = tmp_path / "blank.pdf"
    pdf.save(str(path))
    monkeypatch.setenv("VNPLAN_MAX_PAGES", "4")
    monkeypatch.setenv("VNPLAN_MAX_OCR_PAGES", "2")
    rec = extract_file(path)
    assert rec.status == "error" and rec.source.pages == 6
    message = rec.errors[0]
    assert "only the first 4 of 6 pages were read" in message
    assert "2 page(s) without a text layer were not sent to OCR, from page 3 on" in message
    assert "OCR is not available" not in message


# -- 7. search: repeated words, long queries --------------------------------------------------------

def test_repeated_words_are_searched_once():
    assert fts_query("khoa " * 20000) == '"khoa"'
    assert fts_query("khoa học " * 5000) == '"khoa" "hoc"'
    many = " ".join(f"w{i}" for i in range(100))
    assert fts_query(many).count('"') == 2 * 32


@pytest.fixture(scope="module")
def gold_db(tmp_path_factory) -> Path:
    from tests.test_store import add_gold_records

    db = tmp_path_factory.mktemp("faults-web") / "w.db"
    with Store(db) as s:
        add_gold_records(s)
    return db


def test_repeated_word_query_finds_what_the_word_finds(gold_db):
    with Store(gold_db, readonly=True) as s:
        once = s.search("khoa", limit=50)
        assert once and s.search("khoa " * 20000, limit=50) == once


# -- 8. smaller faults ------------------------------------------------------------------------------

def test_database_is_not_left_in_wal_mode_and_serves_from_a_read_only_folder(tmp_path):
    folder, dbdir = tmp_path / "in", tmp_path / "dbdir"
    folder.mkdir()
    (folder / "plan.txt").write_text(plan_text("ro"), encoding="utf-8")
    db = dbdir / "x.db"
    ingest_folder(folder, db)
    assert not Path(f"{db}-wal").exists()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    for left_in_wal in (False, True):  # as vnplan leaves it, then as another program left it in WAL mode
        if left_in_wal:
            conn = sqlite3.connect(db)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.close()
        try:
            dbdir.chmod(0o555)
            run = vnplan("search", "khoa hoc", "--db", db, "--json", unprivileged=True)
            assert run.returncode == 0, run.stderr
            assert json.loads(run.stdout)[0]["doc_id"] == "plan"
        finally:
            dbdir.chmod(0o755)


def fake_doc(path: Path) -> Path:
    """Bytes that pass for a Word .doc (OLE header, a WordDocument stream name): LibreOffice is needed."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "WordDocument".encode("utf-16-le")
                     + b"\0" * 2000)
    return path


def test_temporary_errors_are_retried_and_permanent_ones_only_when_asked(tmp_path, monkeypatch):
    folder, db = tmp_path / "in", tmp_path / "x.db"
    folder.mkdir()
    fake_doc(folder / "old.doc")
    (folder / "empty.txt").write_bytes(b"")
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))  # LibreOffice missing
    first = ingest_folder(folder, db)
    assert first.errors[str(folder / "old.doc")] == [
        "LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"]
    assert first.errors[str(folder / "empty.txt")] == ["empty file"]
    second = ingest_folder(folder, db)  # the missing program may be installed by now: read again
    assert second.skipped == 1 and list(second.errors) == [str(folder / "old.doc")]
    third = ingest_folder(folder, db, retry_errors=True)
    assert third.skipped == 0 and sorted(third.errors) == [str(folder / "empty.txt"), str(folder / "old.doc")]
    with Store(db, readonly=True) as s:
        assert s.counts()["documents"] == 2


def test_empty_and_unreadable_files_get_a_record_each(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "dbdir" / "x.db"
    folder.mkdir()
    db.parent.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    secret = folder / "secret.txt"
    secret.write_text(plan_text("s"), encoding="utf-8")
    secret.chmod(0)
    run = vnplan("ingest", folder, "--db", db, unprivileged=True)
    assert run.returncode == 0, run.stderr
    with Store(db, readonly=True) as s:
        docs = {d["doc_id"]: s.document(d["doc_id"]) for d in s.documents()}
    assert sorted(docs) == ["empty", "secret"]
    assert docs["empty"]["errors"] == ["empty file"]
    assert docs["secret"]["errors"] == ["cannot open file: Permission denied"]
    assert docs["empty"]["sha256"] != docs["secret"]["sha256"]


def test_bad_year_is_a_clear_message(gold_db):
    run = vnplan("search", "khoa", "--year", "-1", "--db", gold_db)
    assert run.returncode == 2 and "--year must be a year such as 2025 (got '-1')" in run.stderr
    assert "no such column" not in run.stderr and "Traceback" not in run.stderr
    with Store(gold_db, readonly=True) as s, pytest.raises(ValueError, match="must be a year such as 2025"):
        s.search("khoa", year=-1)


def test_another_writer_holding_the_lock_for_5_s_does_not_stop_the_batch(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "x.db"
    folder.mkdir()
    for i in range(3):
        (folder / f"p{i}.txt").write_text(plan_text(str(i)), encoding="utf-8")
    Store(db).close()
    locked = threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(db, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        locked.set()
        time.sleep(6)
        conn.execute("COMMIT")
        conn.close()

    holder = threading.Thread(target=hold)
    holder.start()
    locked.wait(10)
    result = ingest_folder(folder, db)
    holder.join()
    assert result.added == 3 and result.errors == {}


def test_workers_do_not_outlive_a_killed_parent(tmp_path):
    folder = make_folder(tmp_path / "in", n=30)
    cmd = [sys.executable, "-m", "extractor", "ingest", str(folder), "--db", str(tmp_path / "x.db"),
           "--workers", "2", "--no-progress"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(workers := children(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(workers) >= 2
    proc.kill()  # the parent only, as `kill -9 PID` does
    proc.wait()
    deadline = time.monotonic() + 10
    while any(map(alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(alive, workers))


def test_records_are_written_readable_by_others(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "plan.txt").write_text(plan_text("m"), encoding="utf-8")
    run = vnplan("extract", folder, "-o", tmp_path / "out")
    assert run.returncode == 0, run.stderr
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE((tmp_path / "out" / "plan.json").stat().st_mode) == 0o666 & ~umask == 0o644


def test_db_that_another_program_made_is_refused(tmp_path):
    other = tmp_path / "their.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "plan.txt").write_text(plan_text("f"), encoding="utf-8")
    run = vnplan("ingest", folder, "--db", other)
    assert run.returncode == 1 and f"{other} is not a vnplan database (it holds other tables: people)" in run.stderr
    run = vnplan("search", "khoa", "--db", other)
    assert run.returncode == 1 and "is not a vnplan database" in run.stderr
    with sqlite3.connect(other) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["people"]


# -- web: validation, Host, headers -------------------------------------------------------------------

@pytest.fixture(scope="module")
def server(gold_db):
    from extractor.web import start_server

    srv, thread = start_server(gold_db, "127.0.0.1", 0)
    yield srv.server_port
    srv.shutdown()
    srv.server_close()
    thread.join(5)


def fetch(port: int, target: str, host: str | None = None) -> tuple[int, dict[str, str], str]:
    req = urllib.request.Request(f"http://127.0.0.1:{port}{target}")
    if host:
        req.add_header("Host", host)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


@pytest.mark.parametrize("query, message", [
    ("year=-1", "year must be a year such as 2025 (got &#x27;-1&#x27;)"),
    ("q=khoa&year=20x5", "year must be a year such as 2025 (got &#x27;20x5&#x27;)"),
    ("kind=everything", "unknown kind &#x27;everything&#x27;: choose one of obligation, target, reference, text"),
    ("q=khoa&offset=-5", "offset must be a number of hits to skip"),
    ("q=" + "khoa+" * 13000, "the query string is too long"),
    ("q=" + "a" * 600, "parameter q is too long (600 characters; at most 500)"),
])
def test_bad_web_parameters_get_400_with_a_message(server, query, message):
    status, _, body = fetch(server, f"/?{query}")
    assert status == 400 and message in body


def test_bad_highlight_parameter_gets_400(server):
    status, _, body = fetch(server, "/doc/thuan-an-kh-2021?hl=1-x")
    assert status == 400 and "hl must be START-END" in body


def test_host_header_must_name_the_served_address(server):
    assert fetch(server, "/", host="evil.example")[0] == 421
    assert fetch(server, "/", host=f"evil.example:{server}")[0] == 421
    assert fetch(server, "/", host=f"127.0.0.1:{server}")[0] == 200
    assert fetch(server, "/", host=f"localhost:{server}")[0] == 200


def test_security_headers_and_no_version_banner(server):
    status, headers, _ = fetch(server, "/?q=khoa")
    assert status == 200
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "script-src" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Server"] == "vnplan" and "Python" not in json.dumps(headers)
    status, headers, _ = fetch(server, "/doc/nope")
    assert status == 404 and headers["X-Content-Type-Options"] == "nosniff"


def test_serving_beyond_localhost_warns(gold_db):
    proc = subprocess.Popen([sys.executable, "-m", "extractor", "serve", "--db", str(gold_db), "--host", "0.0.0.0",
                             "--port", "0"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        line = proc.stderr.readline()
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
    assert line.startswith("vnplan: warning: serving on 0.0.0.0 makes the database readable by every machine")
