"""Pipeline: one file -> one record (a pure map), and a folder -> records written atomically."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import ingest, link, meta, normalize, obligations, references, structure, targets
from .document import Doc, Normalized, Table
from .record import Record, Source


def _step(record: Record, name: str, fn: Callable[[], Any], default: Any) -> Any:
    """Run one extraction step; a failure marks the record partial instead of losing it."""
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - one broken step must not lose the others
        record.status = "partial" if record.status != "error" else "error"
        record.errors.append(f"{name} step failed: {type(e).__name__}: {e}")
        return default


def extract_file(path: str | Path, doc_id: str | None = None) -> Record:
    """Read and extract one file. Never raises: problems go into `status` and `errors`."""
    path = Path(path)
    raw = ingest.read_document(path)
    record = Record(
        doc_id=doc_id or path.stem,
        source=Source(path=str(path), sha256=raw.sha256, format=raw.format, pages=raw.pages,
                      ocr_pages=list(raw.ocr_pages), encoding=raw.encoding, converted_from=raw.converted_from,
                      signatures=list(raw.signatures), stamped=list(raw.stamped)),
        status=raw.status,
        errors=list(raw.errors),
    )
    if raw.status == "error":
        return record
    norm = _step(record, "normalize", lambda: normalize.normalize_document(raw), Normalized(""))
    if not norm.text.strip():
        record.status = "error"
        record.errors.append("no text could be read from the file")
        return record
    record.text = norm.text
    extract_text_into(record, norm.text, norm.tables)
    _step(record, "ocr check", lambda: ingest.check_ocr(record, raw.ocr_words), None)
    _step(record, "signatures", lambda: ingest.reconcile(record), None)
    return record


def extract_text_into(record: Record, text: str, tables: list[Table] | None = None) -> Record:
    """Run every extractor over normalized `text` (and the tables placed in it), filling `record`."""
    doc = Doc(text, tables=list(tables or []))
    doc.sections = _step(record, "structure", lambda: structure.find_sections(text), [])
    record.sections = doc.sections
    doc.meta = record.meta = _step(record, "meta", lambda: meta.extract_meta(doc), record.meta)
    record.references = _step(record, "references", lambda: references.extract_references(doc), [])
    record.targets = _step(record, "targets", lambda: targets.extract_targets(doc), [])
    record.obligations = _step(record, "obligations", lambda: obligations.extract_obligations(doc), [])
    record.parent = _step(record, "link", lambda: link.find_parent(doc, record.references), None)
    return record


def iter_input_files(folder: Path) -> list[Path]:
    """Every supported file under `folder`, sorted, hidden files skipped."""
    files = []
    for p in sorted(folder.rglob("*")):
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts):
            if p.suffix.lower() in ingest.SUPPORTED_SUFFIXES:
                files.append(p)
    return files


def write_json_atomic(path: Path, obj: Any) -> None:
    """Write JSON through a temporary file and a rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(obj, f, ensure_ascii=False, indent=2)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass
class BatchResult:
    """What a folder run did: records written and the per-file problems."""

    written: list[Path] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)


def doc_ids(files: list[Path]) -> list[str]:
    """File stems as ids; a repeated stem gets its extension (a.txt, a.pdf -> a, a-pdf), then a
    counter (x/a.txt, y/a.txt, z/a.txt -> a, a-txt, a-txt-2)."""
    seen: set[str] = set()
    ids = []
    for p in files:
        doc_id = p.stem if p.stem not in seen else f"{p.stem}-{p.suffix.lstrip('.').lower()}"
        base, n = doc_id, 1
        while doc_id in seen:
            n += 1
            doc_id = f"{base}-{n}"
        seen.add(doc_id)
        ids.append(doc_id)
    return ids


def _extract_job(job: tuple[str, str]) -> dict[str, Any]:
    path, doc_id = job
    return extract_file(path, doc_id).to_dict()


def extract_many(files: list[Path], workers: int = 1) -> Iterator[dict[str, Any]]:
    """Records for `files` (in completion order when parallel), one process per worker."""
    jobs = list(zip(map(str, files), doc_ids(files), strict=True))
    if workers <= 1 or len(jobs) <= 1:
        yield from map(_extract_job, jobs)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_extract_job, jobs, chunksize=4)


def extract_folder(folder: Path, out: Path, workers: int = 1, progress: bool | None = None) -> BatchResult:
    """Write `out/<doc_id>.json` for every supported file under `folder`."""
    files = iter_input_files(folder)
    result = BatchResult()
    records: Iterable[dict[str, Any]] = extract_many(files, workers)
    if progress is None:
        progress = sys.stderr.isatty()
    if progress:
        from tqdm import tqdm

        records = tqdm(records, total=len(files), unit="file", desc="extract")
    for rec in records:
        target = out / f"{rec['doc_id']}.json"
        write_json_atomic(target, rec)
        result.written.append(target)
        result.statuses[rec["status"]] = result.statuses.get(rec["status"], 0) + 1
        if rec["errors"]:
            result.errors[rec["source"]["path"]] = rec["errors"]
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
