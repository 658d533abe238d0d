"""The batch engine: a folder of files -> records (`extract`), rows in the store (`ingest`), or both
(`demo`), in worker processes that may die without taking the batch down.

Every batch goes through `run_jobs`: each worker process reads one file at a time (the pure map
`extract_file`, plus `record_rows` for the store) and sends back its result. A worker that dies
(killed, out of memory, a crash in a C library) or runs past the time limit takes down only the
file it held: that file is reported with the reason, a new worker is started, and the batch goes
on. Workers end with their parent (they watch it), so a killed batch leaves no process behind.

The parent process is the only database writer and stores each document in one transaction.
Files are hashed first (cheap) and those already stored are skipped, so a batch killed at any
moment is finished by running it again. Errors that can be temporary (a file that could not be
opened, LibreOffice or Tesseract missing, a time limit, a worker that died once) are retried on
the next run; `retry_errors=True` retries every error.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from . import link
from .ingest import display_path, limits
from .pipeline import doc_ids, extract_file, iter_input_files, write_json_atomic
from .record import Record
from .store import DEFAULT_DB, Store
from .store_rows import DocRows, record_rows

Job = tuple[str, str]  # (path, doc_id)

WORKER_DIED = "worker died while reading this file"
WORKER_STOPPED = "worker stopped: no result"
TEMPORARY_ERRORS = ("cannot open file", WORKER_DIED, WORKER_STOPPED, "stopped after", "LibreOffice",
                    "legacy .doc files need", "Tesseract OCR is not installed", "OCR failed",
                    "file too large to read into memory", "database is locked")
"""How errors that may not happen again start; their files are read again on the next run."""

GRACE_SECONDS = 30.0
"""A worker still busy this long after the per-document limit is killed (the limit is checked
inside the worker first, which keeps what was extracted)."""


def is_temporary(message: str) -> bool:
    """Whether an error may go away by itself (retried on the next run by default)."""
    return any(key in message for key in TEMPORARY_ERRORS)


@dataclass
class Failure:
    """A file for which no record came back: its worker died or was stopped."""

    message: str


@dataclass
class IngestResult:
    """What a batch did: files seen, skipped as already stored, added, replaced, failed."""

    files: int = 0
    skipped: int = 0
    added: int = 0
    replaced: int = 0
    duplicates: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    replaced_paths: list[str] = field(default_factory=list)
    held_back: list[str] = field(default_factory=list)
    relinked: int = 0
    pages: float = 0.0
    seconds: float = 0.0

    @property
    def stored(self) -> int:
        return self.added + self.replaced


@dataclass
class BatchResult:
    """What a folder run did: records written and the per-file problems."""

    written: list[Path] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)


def file_sha256(path: Path | str) -> str | None:
    """sha256 of the file's bytes, or None when it cannot be read (the reader will say why)."""
    try:
        with Path(path).open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None


def page_count(rows: DocRows) -> float:
    """Pages of a document: the reader's count, else ~3,000 characters a page (text formats)."""
    pages = rows.document.get("pages")
    return float(pages) if pages else max(1.0, (rows.document.get("chars") or 0) / 3000)


def rows_for_file(job: Job) -> DocRows:
    """The map step of `ingest`, run in a worker: read, extract and flatten one file."""
    path, doc_id = job
    return record_rows(extract_file(path, doc_id))


def record_for_file(job: Job) -> dict[str, Any]:
    """The map step of `extract`, run in a worker: one file's record as a dict."""
    path, doc_id = job
    return extract_file(path, doc_id).to_dict()


_MAPS = {"rows": rows_for_file, "record": record_for_file}


# -- worker processes -------------------------------------------------------------------------

def _die_with_parent(parent: int) -> None:
    """End this worker when its parent dies: the kernel's parent-death signal, and a watcher thread."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (Linux)
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()


def _worker_main(conn: Connection, parent: int, kind: str) -> None:
    """A worker: read a job, send back ("ok", result) or ("error", message), until told to stop."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    work = _MAPS[kind]
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            out: tuple[str, Any] = ("ok", work(job))
        except Exception as e:  # noqa: BLE001 - reported per file
            out = ("error", f"{type(e).__name__}: {e}")
        conn.send(out)


@dataclass
class _Worker:
    proc: Any
    conn: Connection
    job: Job | None = None
    started: float = 0.0


def _start_worker(kind: str) -> _Worker:
    ctx = multiprocessing.get_context("spawn")  # a clean interpreter: no threads or locks copied from us
    ours, theirs = ctx.Pipe()
    proc = ctx.Process(target=_worker_main, args=(theirs, os.getpid(), kind), daemon=True,
                       name="vnplan-worker")
    proc.start()
    theirs.close()
    return _Worker(proc, ours)


def _stop(worker: _Worker) -> None:
    """Kill a worker and reap it."""
    try:
        worker.proc.kill()
        worker.proc.join(5)
    finally:
        worker.conn.close()


def _death(worker: _Worker) -> str:
    worker.proc.join(1)
    code = worker.proc.exitcode
    if code is not None and code < 0:
        try:
            how = f"killed by signal {signal.Signals(-code).name}"
        except ValueError:
            how = f"killed by signal {-code}"
        if -code == signal.SIGKILL:
            how += ", perhaps out of memory"
    else:
        how = f"exit code {code}"
    return f"{WORKER_DIED} ({how})"


def run_jobs(jobs: list[Job], workers: int, kind: str = "rows") -> Iterator[tuple[Job, Any]]:
    """(job, result) as workers finish; the result is the map's value (`kind`: "rows" -> DocRows,
    "record" -> record dict) or a `Failure` when no value came back. Never raises for one file."""
    if not jobs:
        return
    seconds = limits().seconds + GRACE_SECONDS
    todo = deque(jobs)
    pool = [_start_worker(kind) for _ in range(max(1, min(workers, len(jobs))))]
    try:
        while todo or any(w.job for w in pool):
            for i, w in enumerate(pool):
                if w.job is None and todo:
                    if not w.proc.is_alive():
                        _stop(w)
                        pool[i] = w = _start_worker(kind)
                    w.job, w.started = todo.popleft(), time.monotonic()
                    try:
                        w.conn.send(w.job)
                    except OSError:
                        pass  # the worker is gone; its death is seen below
            busy = [w for w in pool if w.job]
            ready = wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=1.0)
            for i, w in enumerate(pool):
                if w.job is None:
                    continue
                result: Any = None
                if w.conn in ready or w.proc.sentinel in ready:
                    try:
                        if not w.conn.poll():
                            raise EOFError
                        status, value = w.conn.recv()
                        result = value if status == "ok" else Failure(f"worker failed: {value}")
                    except (EOFError, OSError):
                        result = Failure(_death(w))
                elif time.monotonic() - w.started > seconds:
                    result = Failure(f"{WORKER_STOPPED} after {seconds:g} s (the limit per document is "
                                     f"{limits().seconds:g} s, VNPLAN_MAX_SECONDS)")
                    _stop(w)
                if result is None:
                    continue
                job, w.job = w.job, None
                if isinstance(result, Failure) and w.proc.is_alive() and "worker failed" not in result.message:
                    _stop(w)
                if isinstance(result, Failure) and not w.proc.is_alive():
                    w.conn.close()
                    pool[i] = _start_worker(kind) if todo else w
                yield job, result
    finally:
        for w in pool:
            try:
                w.conn.send(None)
            except OSError:
                pass
        for w in pool:
            w.proc.join(2)
            if w.proc.is_alive():
                _stop(w)
            else:
                w.conn.close()


def _bar(total: int, initial: int, desc: str, progress: bool | None) -> Any:
    if not (progress if progress is not None else sys.stderr.isatty()):
        return None
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, unit="file", desc=desc)


# -- ingest: files -> the store -----------------------------------------------------------------

def _to_read(store: Any, files: list[Path], retry_errors: bool, result: IngestResult) -> list[Job]:
    """The jobs of a batch: files whose content is not stored yet, or stored as a retryable error.
    (A store without error states, such as PostgreSQL's, skips every stored sha256.)"""
    if type(store) is Store:  # SQLite: error states and crash counts are known
        stored, crashes = store.stored_states(), store.crash_counts()
    else:
        stored, crashes = {sha: ("ok", []) for sha in store.known_shas()}, {}
    jobs = []
    for path, doc_id in zip(files, doc_ids(files), strict=True):
        sha, shown = file_sha256(path), display_path(path)
        state = stored.get(sha) if sha else None
        if state is not None and not (state[0] == "error" and (retry_errors or any(map(is_temporary, state[1])))):
            result.skipped += 1
        elif sha and not retry_errors and crashes.get((shown, sha), 0) >= 2:
            result.skipped += 1
            result.held_back.append(shown)
        else:
            jobs.append((str(path), doc_id))
    return jobs


def ingest_folder(folder: Path, db: Path | str = DEFAULT_DB, workers: int = 1, progress: bool | None = None,
                  retry_errors: bool = False, scheduler: str | None = None) -> IngestResult:
    """Extract every supported file under `folder` into the store at `db` (a SQLite file or a
    postgresql:// URL), skipping stored ones.

    A file whose content is stored is skipped; a stored error is read again when it may have been
    temporary (or always, with `retry_errors`); a file that killed a worker twice is held back
    until `retry_errors`. Parent chains are then lengthened with every stored document.
    `scheduler` (tcp://host:8786): the files are read by that Dask cluster's workers
    (`extractor.dask_batch`) instead of local processes."""
    from .stores import open_store

    started = time.perf_counter()
    files = iter_input_files(folder)
    result = IngestResult(files=len(files))
    with open_store(db) as store:
        jobs = _to_read(store, files, retry_errors, result)
        bar = _bar(len(files), result.skipped, "ingest", progress)
        if scheduler:
            from .dask_batch import dask_results

            results: Iterable[tuple[Job, Any]] = dask_results(jobs, scheduler)
        else:
            results = run_jobs(jobs, workers, "rows")
        for (path, _doc_id), out in results:
            if isinstance(out, BaseException):  # from a Dask worker
                out = Failure(f"worker failed: {type(out).__name__}: {out}")
            if isinstance(out, Failure):
                shown = display_path(path)
                store.add_error(shown, out.message, file_sha256(path))
                result.errors[shown] = [out.message]
            else:
                _count(result, out, store.add_rows(out))
            if bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
        result.relinked = store.relink()
        if result.stored and result.stored * 10 >= result.files:
            store.optimize()
    result.seconds = time.perf_counter() - started
    return result


def _count(result: IngestResult, rows: DocRows, outcome: str) -> None:
    path = rows.document.get("path") or rows.doc_id
    if outcome == "skipped":
        result.skipped += 1
        result.duplicates += 1
        return
    if rows.errors:
        result.errors[path] = list(rows.errors)
    setattr(result, outcome, getattr(result, outcome) + 1)
    if outcome == "replaced":
        result.replaced_paths.append(path)
    status = rows.document.get("status") or "ok"
    result.statuses[status] = result.statuses.get(status, 0) + 1
    result.pages += page_count(rows)


def load_records(paths: Iterable[Path], store: Store) -> IngestResult:
    """The single loader: add record JSON files (e.g. written by workers elsewhere) to the store."""
    started = time.perf_counter()
    result = IngestResult()
    for path in paths:
        result.files += 1
        rows = record_rows(Record.from_dict(json.loads(Path(path).read_text(encoding="utf-8"))))
        _count(result, rows, store.add_rows(rows))
    result.relinked = store.relink() if hasattr(store, "relink") else 0
    result.seconds = time.perf_counter() - started
    return result


def format_result(result: IngestResult, db: Path | str) -> str:
    """The end-of-batch summary: what was stored, replaced, skipped, and every per-file problem."""
    statuses = ", ".join(f"{n} {s}" for s, n in sorted(result.statuses.items())) or "none new"
    lines = [f"{result.files} files: {result.stored} stored ({statuses}; {result.replaced} replaced), "
             f"{result.skipped} already stored, {len(result.errors)} with problems — {db}"]
    if result.duplicates:
        lines.append(f"{result.duplicates} file(s) had the same content as a stored document and were not stored "
                     "again")
    if result.seconds and result.pages:
        lines.append(f"{result.pages:.0f} pages in {result.seconds:.1f} s ({result.pages / result.seconds:.0f} pages/s)")
    for path in result.replaced_paths:
        lines.append(f"  replaced (the file's content changed): {path}")
    for path in result.held_back:
        lines.append(f"  not read again (it stopped a worker twice; --retry-errors tries again): {path}")
    for path, errors in sorted(result.errors.items()):
        lines.append(f"  {path}: {'; '.join(errors)}")
    return "\n".join(lines)


# -- extract: files -> record files -------------------------------------------------------------

def failure_record(path: str, doc_id: str, message: str) -> dict[str, Any]:
    """The record of a file for which no record came back (its worker died): an error, not a gap."""
    from .pipeline import bare_record

    record = bare_record(Path(path), doc_id)
    record.status, record.errors = "error", [message]
    return record.to_dict()


def extract_folder(folder: Path, out: Path, workers: int = 1, progress: bool | None = None) -> BatchResult:
    """Write `out/<doc_id>.json` for every supported file under `folder`, then lengthen the parent
    chains with what the batch's own documents implement."""
    files = iter_input_files(folder)
    jobs = list(zip(map(str, files), doc_ids(files), strict=True))
    result = BatchResult()
    bar = _bar(len(files), 0, "extract", progress)
    for (path, doc_id), rec in run_jobs(jobs, workers, "record"):
        if isinstance(rec, Failure):
            rec = failure_record(path, doc_id, rec.message)
        target = out / f"{rec['doc_id']}.json"
        write_json_atomic(target, rec)
        result.written.append(target)
        result.statuses[rec["status"]] = result.statuses.get(rec["status"], 0) + 1
        if rec["errors"]:
            result.errors[rec["source"]["path"]] = rec["errors"]
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    relink_folder(result.written)
    return result


def relink_folder(paths: list[Path]) -> int:
    """Lengthen parent chains with the links the batch's own documents state; rewrites the changed records."""
    records = [Record.from_dict(json.loads(p.read_text(encoding="utf-8"))) for p in paths]
    where = {id(rec): path for rec, path in zip(records, paths, strict=True)}
    changed = link.extend_chains(records)
    for rec in changed:
        write_json_atomic(where[id(rec)], rec.to_dict())
    return len(changed)


# -- demo: records, a fresh database, exports ----------------------------------------------------

def replace_database(built: Path, target: Path) -> None:
    """Move a freshly built database over `target` (its stale WAL files removed first)."""
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(built, target)


def build_database(record_files: list[Path], db: Path) -> IngestResult:
    """A fresh database at `db` from record files, swapped in whole when complete."""
    tmp = db.with_name(f".{db.name}.building")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    with Store(tmp) as store:
        result = load_records(record_files, store)
    replace_database(tmp, db)
    return result


def as_jsonable(result: IngestResult) -> dict[str, Any]:
    """The result as a plain dict (for --json output and tests)."""
    return {"files": result.files, "stored": result.stored, "added": result.added, "replaced": result.replaced,
            "replaced_paths": result.replaced_paths, "skipped": result.skipped, "duplicates": result.duplicates,
            "held_back": result.held_back, "statuses": result.statuses, "errors": result.errors,
            "pages": round(result.pages, 1), "seconds": round(result.seconds, 2)}


def run_demo(folder: Path, out: Path, workers: int = 1, progress: bool | None = None,
             query: str = "doi moi sang tao") -> str:
    """The main job: records, a fresh database, exports; returns the human summary."""
    from . import export
    from .search import format_hit

    extracted = extract_folder(folder, out / "records", workers=workers, progress=progress)
    db = out / "vnplan.db"
    loaded = build_database(sorted(extracted.written), db)
    exports = out / "exports"
    with Store(db) as store:
        files = {"obligations.csv": ("csv", "obligations"), "targets.csv": ("csv", "targets"),
                 "vnplan.xlsx": ("xlsx", None), "items.jsonl": ("jsonl", None)}
        for name, (fmt, kind) in files.items():
            export.export(store, fmt, exports / name, kind)
        stats = store.stats()
        kind = "obligation" if store.search(query, kind="obligation", limit=1) else None
        hits = store.search(query, kind=kind, limit=1)
    c = stats["counts"]
    kinds = ", ".join(f"{n} {k}" for k, n in stats["by_kind"].items())
    statuses = ", ".join(f"{n} {s}" for s, n in stats["by_status"].items())
    lines = [f"vnplan demo: {c['documents']} documents from {folder} ({kinds}; {statuses})",
             f"  {c['references']} references ({stats['resolved_references']} to a stored document), "
             f"{c['targets']} targets, {c['obligations']} obligations naming {c['bodies']} bodies"]
    if stats["chains"]:
        lines.append("  parent chains:")
        lines += [f"    {doc} -> {' -> '.join(chain)}" for doc, chain in sorted(stats["chains"].items())]
    for path, errors in sorted(loaded.errors.items()):
        lines.append(f"  problem: {path}: {'; '.join(errors)}")
    example = f'vnplan search "{query}"' + (f" --kind {kind}" if kind else "") + f" --db {db}"
    lines.append(f"  example: {example}" + ("; the best hit:" if hits else ": no hits"))
    lines += ["    " + line for hit in hits for line in format_hit(hit).splitlines()]
    lines += ["outputs:",
              f"  records   {out / 'records'}/  ({len(extracted.written)} JSON files)",
              f"  database  {db}  (vnplan search QUERY --db {db}; vnplan serve --db {db})",
              f"  exports   {', '.join(str(exports / n) for n in files)}"]
    return "\n".join(lines)
