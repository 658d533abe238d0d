"""Batch conversion: a folder of files -> records in the store, in parallel, safe to kill and re-run.

Workers run the pure map `extract_file` + `record_rows` (file -> rows); the parent process is the
only database writer and stores each document in one transaction. Files are hashed first (cheap)
and those whose sha256 is stored are skipped, so a batch killed at any moment is finished by
running it again, with no document lost, half-written or duplicated.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .pipeline import doc_ids, extract_file, iter_input_files
from .record import Record
from .store import DEFAULT_DB, Store
from .store_rows import DocRows, record_rows

Job = tuple[str, str]  # (path, doc_id)


@dataclass
class IngestResult:
    """What a batch did: files seen, skipped as already stored, added, replaced, failed."""

    files: int = 0
    skipped: int = 0
    added: int = 0
    replaced: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    pages: float = 0.0
    seconds: float = 0.0

    @property
    def stored(self) -> int:
        return self.added + self.replaced


def file_sha256(path: Path) -> str | None:
    """sha256 of the file's bytes, or None when it cannot be read (the reader will say why)."""
    try:
        with path.open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None


def page_count(rows: DocRows) -> float:
    """Pages of a document: the reader's count, else ~3,000 characters a page (text formats)."""
    pages = rows.document.get("pages")
    return float(pages) if pages else max(1.0, (rows.document.get("chars") or 0) / 3000)


def rows_for_file(job: Job) -> DocRows:
    """The map step, run in a worker: read, extract and flatten one file."""
    path, doc_id = job
    return record_rows(extract_file(path, doc_id))


def _results(jobs: list[Job], workers: int) -> Iterator[tuple[Job, DocRows | BaseException]]:
    """(job, rows or the exception) as workers finish, with a bounded number in flight."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            try:
                yield job, rows_for_file(job)
            except Exception as e:  # noqa: BLE001 - reported per file
                yield job, e
        return
    todo = iter(jobs)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: dict[Future[DocRows], Job] = {}
        failed: list[tuple[Job, BaseException]] = []

        def fill() -> None:
            while len(pending) < workers * 4 and (job := next(todo, None)) is not None:
                try:
                    pending[pool.submit(rows_for_file, job)] = job
                except Exception as e:  # noqa: BLE001 - a broken pool fails the remaining files
                    failed.append((job, e))

        fill()
        while pending or failed:
            while failed:
                yield failed.pop()
            if not pending:
                continue
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                job = pending.pop(fut)
                try:
                    yield job, fut.result()
                except Exception as e:  # noqa: BLE001 - reported per file
                    yield job, e
            fill()


def ingest_folder(folder: Path, db: Path | str = DEFAULT_DB, workers: int = 1,
                  progress: bool | None = None, scheduler: str | None = None) -> IngestResult:
    """Extract every supported file under `folder` into the store at `db` (a SQLite file or a
    postgresql:// URL), skipping stored ones. `scheduler` (tcp://host:8786): the files are read by
    that Dask cluster's workers (`extractor.dask_batch`) instead of local processes."""
    from .stores import open_store

    started = time.perf_counter()
    files = iter_input_files(folder)
    result = IngestResult(files=len(files))
    with open_store(db) as store:
        known = store.known_shas()
        jobs = []
        for path, doc_id in zip(files, doc_ids(files), strict=True):
            if file_sha256(path) in known:
                result.skipped += 1
            else:
                jobs.append((str(path), doc_id))
        bar = None
        if progress if progress is not None else sys.stderr.isatty():
            from tqdm import tqdm

            bar = tqdm(total=len(files), initial=result.skipped, unit="file", desc="ingest")
        if scheduler:
            from .dask_batch import dask_results

            results = dask_results(jobs, scheduler)
        else:
            results = _results(jobs, workers)
        for (path, _doc_id), out in results:
            if isinstance(out, BaseException):
                message = f"worker failed: {type(out).__name__}: {out}"
                store.add_error(path, message, file_sha256(Path(path)))
                result.errors[path] = [message]
            else:
                _count(result, out, store.add_rows(out))
            if bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
        if result.stored and result.stored * 10 >= result.files:
            store.optimize()
    result.seconds = time.perf_counter() - started
    return result


def _count(result: IngestResult, rows: DocRows, outcome: str) -> None:
    if outcome == "skipped":
        result.skipped += 1
        return
    setattr(result, outcome, getattr(result, outcome) + 1)
    status = rows.document.get("status") or "ok"
    result.statuses[status] = result.statuses.get(status, 0) + 1
    result.pages += page_count(rows)
    if rows.errors:
        result.errors[rows.document.get("path") or rows.doc_id] = list(rows.errors)


def load_records(paths: Iterable[Path], store: Store) -> IngestResult:
    """The single loader: add record JSON files (e.g. written by workers elsewhere) to the store."""
    started = time.perf_counter()
    result = IngestResult()
    for path in paths:
        result.files += 1
        rows = record_rows(Record.from_dict(json.loads(Path(path).read_text(encoding="utf-8"))))
        _count(result, rows, store.add_rows(rows))
    result.seconds = time.perf_counter() - started
    return result


def format_result(result: IngestResult, db: Path | str) -> str:
    """The end-of-batch summary: what was stored, skipped, and every per-file problem."""
    statuses = ", ".join(f"{n} {s}" for s, n in sorted(result.statuses.items())) or "none new"
    lines = [f"{result.files} files: {result.stored} stored ({statuses}; {result.replaced} replaced), "
             f"{result.skipped} already stored, {len(result.errors)} with problems — {db}"]
    if result.seconds and result.pages:
        lines.append(f"{result.pages:.0f} pages in {result.seconds:.1f} s ({result.pages / result.seconds:.0f} pages/s)")
    for path, errors in sorted(result.errors.items()):
        lines.append(f"  {path}: {'; '.join(errors)}")
    return "\n".join(lines)


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
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.conn.execute("PRAGMA journal_mode=DELETE")
    replace_database(tmp, db)
    return result


def as_jsonable(result: IngestResult) -> dict[str, Any]:
    """The result as a plain dict (for --json output and tests)."""
    return {"files": result.files, "stored": result.stored, "added": result.added, "replaced": result.replaced,
            "skipped": result.skipped, "statuses": result.statuses, "errors": result.errors,
            "pages": round(result.pages, 1), "seconds": round(result.seconds, 2)}


def run_demo(folder: Path, out: Path, workers: int = 1, progress: bool | None = None,
             query: str = "doi moi sang tao") -> str:
    """The main job: records, a fresh database, exports; returns the human summary."""
    from . import export
    from .pipeline import extract_folder
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
