"""Pipeline: one file -> one record (a pure map), and a folder -> records written atomically."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import ingest, link, meta, normalize, obligations, references, structure, targets
from .document import Doc, Normalized, Table
from .record import Record, Source, as_format


def _step(record: Record, name: str, fn: Callable[[], Any], default: Any) -> Any:
    """Run one extraction step; a failure marks the record partial instead of losing it."""
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - one broken step must not lose the others
        record.status = "partial" if record.status != "error" else "error"
        record.errors.append(f"{name} step failed: {type(e).__name__}: {e}")
        return default


class DocumentTimeout(BaseException):
    """The wall-clock limit of one document ran out (a BaseException, so no step swallows it)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise DocumentTimeout in this thread after `seconds` (main thread only; elsewhere no limit)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def safe_doc_id(stem: str) -> str:
    """A doc_id from a file name: bytes that are not UTF-8 become '_', and a name too long for a
    file name (over 120 bytes) is shortened and given a hash of the whole name."""
    raw = os.fsencode(stem)
    doc_id = raw.decode("utf-8", "replace").replace("\ufffd", "_")
    doc_id = "".join(c if c.isprintable() and c not in "/\\" else "_" for c in doc_id) or "_"
    if len(doc_id.encode()) > 120:
        short = doc_id.encode()[:100].decode("utf-8", "ignore").rstrip(" .-_")
        doc_id = f"{short}-{hashlib.sha256(raw).hexdigest()[:10]}"
    return doc_id


def extract_file(path: str | Path, doc_id: str | None = None) -> Record:
    """Read and extract one file. Never raises: problems go into `status` and `errors`.

    The limits of `ingest.limits()` apply: a document running past `seconds` keeps what was
    extracted so far (`partial`), or is an `error` when no text was read by then."""
    path = Path(path)
    lim = ingest.limits()
    started: list[Record] = []
    try:
        with time_limit(lim.seconds):
            return _extract_file(path, doc_id, lim, started)
    except DocumentTimeout:
        message = f"stopped after {lim.seconds:g} s (the time limit per document, VNPLAN_MAX_SECONDS)"
        if started and started[0].text:
            record = started[0]
            record.status = "partial" if record.status != "error" else "error"
        else:
            record = bare_record(path, doc_id)
            record.status = "error"
        record.errors.append(message)
        return record


def bare_record(path: Path, doc_id: str | None) -> Record:
    """A record with nothing but the file's identity (for a file stopped while being read)."""
    try:
        with path.open("rb") as f:
            sha = hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        sha = ingest.unreadable_sha256(path)
    fmt = ingest.SUPPORTED_SUFFIXES.get(path.suffix.lower(), "unknown")
    return Record(doc_id=doc_id or safe_doc_id(path.stem),
                  source=Source(path=ingest.display_path(path), sha256=sha, format=as_format(fmt)))


def _extract_file(path: Path, doc_id: str | None, lim: ingest.Limits, started: list[Record]) -> Record:
    raw = ingest.read_document(path)
    record = Record(
        doc_id=doc_id or safe_doc_id(path.stem),
        source=Source(path=raw.path, sha256=raw.sha256, format=as_format(raw.format), pages=raw.pages,
                      ocr_pages=list(raw.ocr_pages), encoding=raw.encoding, converted_from=raw.converted_from,
                      signatures=list(raw.signatures), stamped=list(raw.stamped)),
        status=raw.status,
        errors=list(raw.errors),
    )
    started.append(record)
    if raw.status == "error":
        return record
    norm = _step(record, "normalize", lambda: normalize.normalize_document(raw), Normalized(""))
    if not norm.text.strip():
        record.status = "error"
        record.errors.append("no text could be read from the file")
        return record
    text, tables = norm.text, list(norm.tables)
    if len(text) > lim.text_chars:
        cut = text.rfind("\n", 0, lim.text_chars) if "\n" in text[lim.text_chars // 2:lim.text_chars] else -1
        cut = cut if cut > 0 else lim.text_chars
        record.errors.append(f"text cut at {cut:,} of {len(text):,} characters (the limit is "
                             f"{lim.text_chars:,}, VNPLAN_MAX_TEXT_MB)")
        record.status = "partial" if record.status != "error" else "error"
        text, tables = text[:cut], [t for t in tables if t.end <= cut]
    record.text = text
    extract_text_into(record, text, tables)
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


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()


def write_json_atomic(path: Path, obj: Any) -> None:
    """Write JSON through a temporary file and a rename, so a crash never leaves half a file.

    The file gets the usual permissions (0644 under the common umask 022), not mkstemp's 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".vnplan-", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(obj, f, ensure_ascii=False, indent=2)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def doc_ids(files: list[Path]) -> list[str]:
    """File stems as ids; a repeated stem gets its extension (a.txt, a.pdf -> a, a-pdf), then a
    counter (x/a.txt, y/a.txt, z/a.txt -> a, a-txt, a-txt-2)."""
    seen: set[str] = set()
    ids = []
    for p in files:
        stem = safe_doc_id(p.stem)
        doc_id = stem if stem not in seen else f"{stem}-{safe_doc_id(p.suffix.lstrip('.').lower())}"
        base, n = doc_id, 1
        while doc_id in seen:
            n += 1
            doc_id = f"{base}-{n}"
        seen.add(doc_id)
        ids.append(doc_id)
    return ids


def extract_folder(folder: Path, out: Path, workers: int = 1, progress: bool | None = None) -> Any:
    """Write `out/<doc_id>.json` for every supported file under `folder` (see `batch.extract_folder`)."""
    from .batch import extract_folder as run

    return run(folder, out, workers=workers, progress=progress)
