"""Session fixtures: the dev corpus is read once per format and shared by every test."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from extractor.pipeline import extract_file, write_json_atomic

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = Path(__file__).resolve().parent / "gold"


# --- `-m "not slow"` must not start LibreOffice, Tesseract or a browser --------------------------
# Every process a test starts (its fixtures included) is checked: a test that is not marked `slow`
# and starts one of these installed programs fails, naming it, so the marker cannot drift.

SLOW_PROGRAMS = {"soffice", "libreoffice", "tesseract", "chromium", "node", "pdftoppm"}
_running_fast_test: list[str] = []
_real_popen_init = subprocess.Popen.__init__


def duties(record) -> list[tuple]:
    """A record's obligations as a user compares two readings of one document: lead, support, task, deadline."""
    return [(o.lead, o.support, o.task, o.deadline) for o in record.obligations]


def _program(args) -> str:
    first = args if isinstance(args, str | bytes | Path) else (list(args) or [""])[0]
    first = first.decode() if isinstance(first, bytes) else str(first)
    return (first.split() or [""])[0] if isinstance(args, str) else first


def _guarded_popen_init(self, args, *a, **kw):
    if _running_fast_test:
        prog = _program(args)
        path = shutil.which(prog) or prog
        if Path(prog).name in SLOW_PROGRAMS and path.startswith(("/usr/", "/opt/")) or "playwright" in path:
            raise AssertionError(f"{_running_fast_test[-1]} is not marked slow but starts {path}")
    _real_popen_init(self, args, *a, **kw)


subprocess.Popen.__init__ = _guarded_popen_init  # type: ignore[method-assign]


# Fixtures that run LibreOffice, Tesseract or a browser (form_scores: a legacy .doc goes through LibreOffice): a
# test using one (directly or through another fixture) is marked `slow` at collection.
SLOW_FIXTURES = {"format_files", "good", "yen_bai_files", "paged_pdf", "scanned_pdf", "browser", "form_scores"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    fast = item.get_closest_marker("slow") is None
    if fast:
        _running_fast_test.append(item.nodeid)
    try:
        yield
    finally:
        if fast:
            _running_fast_test.pop()


def dev_txt_paths() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


@pytest.fixture(scope="session")
def txt_records() -> dict[str, dict]:
    """Records of the dev documents read from their TXT form, by doc_id."""
    return {p.stem: extract_file(p).to_dict() for p in dev_txt_paths()}


@pytest.fixture(scope="session")
def txt_record_dir(txt_records, tmp_path_factory) -> Path:
    """The TXT records written as a prediction folder for the scorer."""
    out = tmp_path_factory.mktemp("pred-txt")
    for doc_id, rec in txt_records.items():
        write_json_atomic(out / f"{doc_id}.json", rec)
    return out


# --- other formats of the dev corpus (DOCX, PDF, HTML), built once per session ---------------


@pytest.fixture(scope="session")
def format_files(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """The dev TXT documents as DOCX, PDF (one LibreOffice call) and HTML: {format: {doc_id: path}}."""
    from tests.formats import make_docx, make_html, make_pdf

    root = tmp_path_factory.mktemp("formats")
    docx = {p.stem: make_docx(p, root / "docx" / f"{p.stem}.docx") for p in dev_txt_paths()}
    html = {p.stem: make_html(p, root / "html" / f"{p.stem}.html") for p in dev_txt_paths()}
    try:
        pdfs = make_pdf(list(docx.values()), root / "pdf")
    except (RuntimeError, OSError) as e:
        pytest.skip(f"cannot build PDFs: {e}")
    pdf = {Path(p).stem: Path(p) for p in pdfs}
    return {"docx": docx, "pdf": pdf, "html": html}


def _records_of(files: dict[str, Path]) -> dict[str, dict]:
    return {doc_id: extract_file(path, doc_id=doc_id).to_dict() for doc_id, path in files.items()}


def _record_dir(records: dict[str, dict], out: Path) -> Path:
    for doc_id, rec in records.items():
        write_json_atomic(out / f"{doc_id}.json", rec)
    return out


@pytest.fixture(scope="session")
def docx_records(format_files) -> dict[str, dict]:
    """Records of the dev documents read from a DOCX made of their TXT, by doc_id."""
    return _records_of(format_files["docx"])


@pytest.fixture(scope="session")
def pdf_records(format_files) -> dict[str, dict]:
    """Records of the dev documents read from a PDF printed from that DOCX, by doc_id."""
    return _records_of(format_files["pdf"])


@pytest.fixture(scope="session")
def html_records(format_files) -> dict[str, dict]:
    """Records of the dev documents read from a web page wrapping their TXT, by doc_id."""
    return _records_of(format_files["html"])


@pytest.fixture(scope="session")
def docx_record_dir(docx_records, tmp_path_factory) -> Path:
    """The DOCX records written as a prediction folder for the scorer."""
    return _record_dir(docx_records, tmp_path_factory.mktemp("pred-docx"))


@pytest.fixture(scope="session")
def pdf_record_dir(pdf_records, tmp_path_factory) -> Path:
    """The PDF records written as a prediction folder for the scorer."""
    return _record_dir(pdf_records, tmp_path_factory.mktemp("pred-pdf"))


# --- the two store backends: SQLite files and a private PostgreSQL cluster -------------------

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session", autouse=True)
def pg_index_dir(tmp_path_factory):
    """The tantivy indexes of the tests' PostgreSQL databases go to a temporary folder, not ~/.cache."""
    import os

    folder = tmp_path_factory.mktemp("pg-indexes")
    old = os.environ.get("VNPLAN_INDEX_DIR")
    os.environ["VNPLAN_INDEX_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("VNPLAN_INDEX_DIR", None)
    else:
        os.environ["VNPLAN_INDEX_DIR"] = old


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory):
    """The URL of a PostgreSQL server for the tests: $VNPLAN_PG_URL, else a private cluster started
    here (tests/pg_cluster.py) and stopped at the end. Without one the PostgreSQL tests are skipped,
    unless $VNPLAN_REQUIRE_PG is set (CI), where that is a failure."""
    import os
    import shutil
    import subprocess

    from tests import pg_cluster

    url = os.environ.get("VNPLAN_PG_URL")
    folder = None
    if not url:
        folder = pg_cluster.new_folder()  # in /tmp itself: the postgres user must reach it when we are root
        try:
            url = pg_cluster.start(folder)
        except (RuntimeError, OSError, subprocess.SubprocessError) as e:
            if os.environ.get("VNPLAN_REQUIRE_PG"):
                pytest.fail(f"VNPLAN_REQUIRE_PG is set but no PostgreSQL server could be started: {e}")
            pytest.skip(f"no PostgreSQL server: {e}")
    yield url
    if folder is not None:
        pg_cluster.stop(folder)
        shutil.rmtree(folder, ignore_errors=True)


_PG_DBS = iter(range(1, 1_000_000))


def new_pg_db(server_url: str, name: str = "t") -> str:
    """A fresh, empty database on the test server; its URL."""
    import os
    import re

    import psycopg

    dbname = re.sub(r"\W", "_", f"{name}_{os.getpid()}_{next(_PG_DBS)}").lower()[:60]
    with psycopg.connect(server_url, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{dbname}"')
        c.execute(f'CREATE DATABASE "{dbname}"')
    return re.sub(r"^(postgres(?:ql)?://[^/]*)/[^?]*", rf"\1/{dbname}", server_url)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """'sqlite' or 'postgresql': a test taking it runs once on each store backend."""
    return request.param


@pytest.fixture(params=BACKENDS, scope="module")
def module_backend(request) -> str:
    """`backend` for module-scoped fixtures (a database built once per module and backend)."""
    return request.param


def make_db(backend: str, folder: Path, request, name: str = "t"):
    """Where a new store lives: a SQLite file in `folder`, or a fresh PostgreSQL database's URL."""
    if backend == "sqlite":
        return folder / f"{name}.db"
    return new_pg_db(request.getfixturevalue("pg_server"), name)
