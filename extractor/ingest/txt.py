"""Plain-text reader: UTF-8 (with or without BOM), UTF-16, Windows-1258 and legacy font encodings."""

from __future__ import annotations

import re
import unicodedata

from ..document import Block, IngestError, RawDocument
from ..vntext import fix_look_alikes
from .markdown import is_markdown, render_markdown
from .pipe_tables import has_text_table, split_blocks

_VOWELS = set("aeiouyâăêôơưAEIOUYÂĂÊÔƠƯ")
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte is NUL, as in BOM-less UTF-16 text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _cp1258_score(text: str) -> float:
    """Share of combining tone marks that follow a vowel: near 1 for real Windows-1258 Vietnamese."""
    marks = good = 0
    for prev, ch in zip(text, text[1:], strict=False):
        if ch in _TONE_MARKS:
            marks += 1
            base = unicodedata.normalize("NFD", prev)[:1]
            good += base in _VOWELS
    return good / marks if marks >= 3 else 0.0


def _is_binary(data: bytes) -> bool:
    """True for content that is no text in any encoding we read (NULs, control characters)."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = len(_CONTROL.findall(sample.decode("latin-1")))
    return controls > 0.02 * len(sample)


def _utf8_with_few_bad_bytes(data: bytes) -> tuple[str, int] | None:
    """UTF-8 text with a few bytes that are not UTF-8 (a stray byte, a file cut mid-character):
    (text with U+FFFD for each bad sequence, their number); None when the bytes are another encoding."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for c in text if "\u0080" <= c != "\ufffd")
    if bad <= max(1, multibyte // 100, len(data) // 100_000):
        return text, bad
    return None


def decode_text(data: bytes, problems: list[str] | None = None) -> tuple[str, str]:
    """Decode text bytes: (text, encoding name). Raises IngestError for binary or undecodable data.

    UTF-8 with a few bad bytes is decoded with replacement characters, and a sentence saying so
    is added to `problems` (the record becomes `partial`)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    bomless = _utf16_without_bom(data)
    if bomless:
        return data.decode(bomless, errors="replace"), bomless
    if _is_binary(data):
        raise IngestError("not a text document (binary content)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    lenient = _utf8_with_few_bad_bytes(data)
    if lenient is not None:
        if problems is not None:
            problems.append(f"{lenient[1]} byte sequence(s) that are not UTF-8 were replaced by �")
        return lenient[0], "utf-8"
    cp1258 = data.decode("cp1258", errors="replace")
    if _cp1258_score(cp1258) >= 0.9:
        return cp1258, "windows-1258"
    converted, legacy = apply_legacy(data.decode("cp1252", errors="replace"))
    if legacy:  # TCVN3 / VNI font encodings are 8-bit bytes the converter reads as cp1252
        return converted, legacy
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise IngestError("unknown text encoding: the bytes are not UTF-8, UTF-16 or a Vietnamese code page")
    text = str(best)
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF)
    if letters and latin < 0.6 * len(letters):
        raise IngestError(f"unknown text encoding: the best guess ({best.encoding}) gives no Latin or "
                          "Vietnamese text")
    return text, best.encoding


def apply_legacy(text: str) -> tuple[str, str | None]:
    """Convert TCVN3/VNI mojibake with the legacy module when it is available."""
    try:
        from .legacy import convert_legacy
    except ImportError:
        return text, None
    return convert_legacy(text)


def split_paragraphs(text: str) -> list[Block]:
    """Blocks of a text: runs of lines separated by blank lines (line breaks inside kept)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = []
    for chunk in re.split(r"\n[ \t\u00a0\u200b]*\n", text):
        chunk = chunk.strip("\n")
        if chunk.strip():
            blocks.append(Block("para", chunk))
    return blocks


def read_txt(raw: RawDocument, data: bytes) -> None:
    """Fill `raw` from text bytes: decoded, legacy-converted, Markdown's inline markup rendered, split into
    paragraphs."""
    problems: list[str] = []
    try:
        text, encoding = decode_text(data, problems)
    except IngestError:
        raw.format = "unknown"
        raise
    text = unicodedata.normalize("NFC", text)
    legacy = encoding if encoding in ("tcvn3", "vni") else None
    if legacy is None and encoding != "windows-1258":
        text, legacy = apply_legacy(text)  # legacy mojibake stored as Unicode
    raw.encoding = legacy or encoding
    text = fix_look_alikes(unicodedata.normalize("NFC", text).replace("\ufeff", ""))
    if not text.strip():
        raise IngestError("empty file")
    if is_markdown(raw.path, text):
        text = render_markdown(text)
    raw.blocks = split_blocks(text) if has_text_table(text) else split_paragraphs(text)
    if problems:
        raw.status, raw.errors = "partial", raw.errors + problems
