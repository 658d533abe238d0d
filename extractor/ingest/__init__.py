"""Ingest: read a file of any supported format into a `RawDocument` (never raises).

The format is sniffed from the bytes first (a PDF named `.txt` is read as a PDF) and the
extension is only a fallback; each reader raises `IngestError` with a sentence for the user.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from ..document import IngestError, RawDocument
from ..record import Record

SUPPORTED_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "txt", ".markdown": "txt", ".html": "html", ".htm": "html",
                      ".mht": "html", ".mhtml": "html",
                      ".docx": "docx", ".pdf": "pdf", ".doc": "doc", ".rtf": "doc", ".odt": "doc",
                      ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image"}
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")

MAX_BYTES = 200 * 1024 * 1024
"""Files larger than this are refused with a clear error instead of exhausting memory."""

CANNOT_OPEN = "cannot open file"
"""How the error of a file that could not be opened at all starts (it has no content to identify)."""


@dataclass(frozen=True)
class Limits:
    """What one document may cost; each is set by an environment variable (the CLI options set them)."""

    file_bytes: int  # VNPLAN_MAX_FILE_MB: larger files are refused
    unzipped_bytes: int  # VNPLAN_MAX_UNZIPPED_MB: the unzipped parts of a DOCX together
    text_chars: int  # VNPLAN_MAX_TEXT_MB: millions of characters of text; the rest is cut (partial)
    pages: int  # VNPLAN_MAX_PAGES: PDF pages read; the rest are left out (partial)
    ocr_pages: int  # VNPLAN_MAX_OCR_PAGES: pages without text sent to OCR; the rest are left out (partial)
    seconds: float  # VNPLAN_MAX_SECONDS: wall clock per document; then partial (or error before any text)


LIMIT_DEFAULTS = {"VNPLAN_MAX_FILE_MB": 200, "VNPLAN_MAX_UNZIPPED_MB": 256, "VNPLAN_MAX_TEXT_MB": 20,
                  "VNPLAN_MAX_PAGES": 2000, "VNPLAN_MAX_OCR_PAGES": 300, "VNPLAN_MAX_SECONDS": 900}


def _env_number(name: str) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return float(MAX_BYTES / 1e6 if name == "VNPLAN_MAX_FILE_MB" else LIMIT_DEFAULTS[name])
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not number > 0:
        raise ValueError(f"{name}={value!r}: a limit must be a number above 0")
    return number


def limits() -> Limits:
    """The limits in force now (read from the environment at every call: cheap, and workers inherit it)."""
    return Limits(file_bytes=int(_env_number("VNPLAN_MAX_FILE_MB") * 1e6),
                  unzipped_bytes=int(_env_number("VNPLAN_MAX_UNZIPPED_MB") * 1e6),
                  text_chars=int(_env_number("VNPLAN_MAX_TEXT_MB") * 1e6),
                  pages=max(1, int(_env_number("VNPLAN_MAX_PAGES"))),
                  ocr_pages=max(1, int(_env_number("VNPLAN_MAX_OCR_PAGES"))),
                  seconds=_env_number("VNPLAN_MAX_SECONDS"))


def unreadable_sha256(path: str | os.PathLike[str]) -> str:
    """The sha256 given to a file that cannot be opened: made from its path, since there is no content,
    so it never matches an empty file (or another unreadable one)."""
    return hashlib.sha256(b"vnplan: unreadable file\0" + os.fsencode(os.path.abspath(path))).hexdigest()


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as text that is safe in JSON and UTF-8: bytes that are not UTF-8 shown as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def looks_html(head: bytes) -> bool:
    """True when the start of the file is an HTML document (any common encoding of ASCII)."""
    s = head[:2048].lstrip(b"\xef\xbb\xbf").replace(b"\x00", b"").lstrip().lower()
    if s.startswith(b"<!doctype html") or s.startswith(b"<html"):
        return True
    if s.startswith(b"<?xml") and b"<html" in s:
        return True
    return s.startswith(b"<") and any(t in s for t in (b"<head", b"<body", b"<meta ", b"<title"))


ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def _zip_kind(data: bytes) -> str:
    """'docx' for a Word package, 'odt' for an OpenDocument text (LibreOffice's own), 'zip' for another zip,
    'corrupt' when the zip cannot be opened."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            names = set(z.namelist())
            mimetype = z.read("mimetype")[:64].strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return "corrupt"
    if "word/document.xml" in names:
        return "docx"
    return "odt" if mimetype == ODT_MIMETYPE else "zip"


def sniff_format(path: Path, data: bytes) -> str:
    """The format by content where the bytes say it, else by extension; 'unknown' otherwise."""
    by_ext = SUPPORTED_SUFFIXES.get(path.suffix.lower(), "unknown")
    head = data[:8]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(data)
        if kind == "docx":
            return "docx"
        if kind == "odt":
            return "doc"  # converted by LibreOffice like a .doc
        if kind in ("corrupt", "zip") and by_ext == "docx":
            return "docx"  # the DOCX reader explains what is wrong with it
        return "zip"
    if head.startswith(_OLE_MAGIC):
        return "doc"
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    if by_ext == "image":
        return "image"  # the image reader says the file is broken
    if by_ext in ("pdf", "docx"):
        return by_ext  # e.g. an HTML error page saved as .pdf: the reader says the file is broken
    if data.lstrip()[:5] == b"{\\rtf":
        return "doc"  # rich text, converted by LibreOffice like a .doc
    if looks_html(data):
        return "html"  # also Word's "web page" .doc files
    from .html import is_mhtml

    if is_mhtml(data):
        return "html"  # a page saved as one MIME file (.mht)
    if by_ext == "doc" and b"\x00" in data[:4096]:
        return "doc"
    return "txt"


def _sha256_file(path: Path) -> str:
    """SHA-256 of a file read in chunks (for files too large to load)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _dispatch(raw: RawDocument, path: Path, data: bytes) -> None:
    """Run the reader for `raw.format`, filling `raw` in place."""
    fmt = raw.format
    if fmt == "txt":
        from .txt import read_txt

        read_txt(raw, data)
    elif fmt == "html":
        from .html import read_html

        read_html(raw, data)
    elif fmt == "docx":
        from .docx import read_docx

        read_docx(raw, data)
    elif fmt == "doc":
        from .docx import read_doc

        read_doc(raw, path)
    elif fmt == "pdf":
        from .pdf import read_pdf

        read_pdf(raw, path, data)
    elif fmt == "image":
        read_image(raw, path, data)
    elif fmt == "zip":
        raise IngestError("not a supported document: a zip archive that is not a Word (.docx) file")
    else:
        raise IngestError(f"unsupported format: {path.suffix or 'no extension'}")


def read_image(raw: RawDocument, path: Path, data: bytes) -> None:
    """A scan saved as PNG, JPEG or TIFF (every frame a page): put in a PDF and read through the
    PDF reader's OCR, so the record is that of a scanned PDF converted from the image."""
    import tempfile

    from PIL import Image, UnidentifiedImageError

    from .pdf import read_pdf

    try:
        image = Image.open(BytesIO(data))
        frames, dpi = [], image.info.get("dpi") or (300, 300)
        for i in range(getattr(image, "n_frames", 1)):
            image.seek(i)
            frames.append(image.convert("L"))
    except (UnidentifiedImageError, OSError, ValueError) as e:
        raise IngestError(f"broken image: the file is not a readable {path.suffix or 'image'} ({e})") from e
    resolution = float(dpi[0]) if dpi and float(dpi[0]) >= 70 else 300.0
    with tempfile.TemporaryDirectory(prefix="vnplan-image-") as tmp:
        pdf = Path(tmp) / "scan.pdf"
        frames[0].save(pdf, "PDF", save_all=True, append_images=frames[1:], resolution=resolution)
        raw.format, raw.converted_from = "pdf", (path.suffix.lower().lstrip(".") or "image")
        read_pdf(raw, pdf, pdf.read_bytes())
    raw.path = str(path)


_SEP = "\x1e"


def convert_legacy_blocks(raw: RawDocument) -> None:
    """Convert TCVN3/VNI mojibake in the blocks of a PDF, HTML or DOCX (text typed in .VnTime fonts)."""
    try:
        from .legacy import convert_legacy
    except ImportError:
        return
    pieces = [b.text for b in raw.blocks if b.kind == "para"]
    pieces += [cell for b in raw.blocks if b.kind == "table" for row in b.rows or [] for cell in row]
    joined = _SEP.join(pieces)
    if not joined.strip():
        return
    converted, kind = convert_legacy(joined)
    if not kind:
        return
    parts = converted.split(_SEP)
    if len(parts) != len(pieces):  # the separator did not survive: convert piece by piece
        parts = [convert_legacy(p)[0] for p in pieces]
    it = iter(parts)
    for b in raw.blocks:
        if b.kind == "para":
            b.text = next(it)
    for b in raw.blocks:
        if b.kind == "table":
            b.rows = [[next(it) for _ in row] for row in b.rows or []]
    raw.encoding = kind


def cap_text(raw: RawDocument, limit: int) -> None:
    """Drop the blocks after the first `limit` characters (with some room for normalization); partial."""
    total = 0
    for i, b in enumerate(raw.blocks):
        total += len(b.text) + sum(len(c) + 1 for row in b.rows or [] for c in row)
        if total > limit * 1.1:
            raw.blocks = raw.blocks[:i]
            raw.status = "partial"
            raw.errors.append(f"text cut after {limit:,} characters (the limit, VNPLAN_MAX_TEXT_MB)")
            return


def read_document(path: str | Path) -> RawDocument:
    """Read `path` into blocks; any failure becomes `status: error` with a reason."""
    path = Path(path)
    shown = display_path(path)
    max_bytes = limits().file_bytes
    try:
        size = os.stat(path).st_size
        if path.is_dir():
            raise IsADirectoryError(21, "is a directory")
        if size > max_bytes:
            raw = RawDocument(shown, SUPPORTED_SUFFIXES.get(path.suffix.lower(), "unknown"), _sha256_file(path))
            raw.status, raw.errors = "error", [
                f"file too large: {size / 1e6:.0f} MB (the limit is {max_bytes / 1e6:.0f} MB, VNPLAN_MAX_FILE_MB)"]
            return raw
        data = path.read_bytes()
    except OSError as e:
        return RawDocument(shown, SUPPORTED_SUFFIXES.get(path.suffix.lower(), "unknown"), unreadable_sha256(path),
                           status="error", errors=[f"{CANNOT_OPEN}: {e.strerror or e}"])
    raw = RawDocument(shown, "unknown", hashlib.sha256(data).hexdigest())
    try:
        if not data.strip():
            raw.format = SUPPORTED_SUFFIXES.get(path.suffix.lower(), "unknown")
            raise IngestError("empty file" if not data else "empty file (only blank characters)")
        raw.format = sniff_format(path, data)
        _dispatch(raw, path, data)
        if raw.format in ("pdf", "html", "docx", "doc"):
            convert_legacy_blocks(raw)
        cap_text(raw, limits().text_chars)
    except IngestError as e:
        raw.status, raw.errors = "error", [str(e)]
        raw.blocks = []
    except MemoryError:
        raw.status, raw.errors, raw.blocks = "error", ["file too large to read into memory"], []
    except Exception as e:  # noqa: BLE001 - a reader bug must not lose the record
        raw.status, raw.errors = "error", [f"could not read the {raw.format.upper()} file: {type(e).__name__}: {e}"]
        raw.blocks = []
    if raw.format not in ("txt", "html", "pdf", "docx", "doc"):
        raw.format = "unknown"
    return raw


def reconcile(record: Record) -> None:
    """Check a record's meta against the file's digital signatures (see `signatures.reconcile`)."""
    from .signatures import reconcile as _reconcile

    _reconcile(record)


def check_ocr(record: Record, words: dict[int, list[tuple[str, float]]]) -> None:
    """Leave out OCR numbers and dates of low confidence, with a warning (see `ocr_check`)."""
    from .ocr_check import check_ocr as _check

    _check(record, words)
