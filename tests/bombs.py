"""Hostile inputs made on the spot (nothing large is stored in the repository)."""

from __future__ import annotations

import zipfile
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>')
_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
_TAIL = "</w:body></w:document>"
PARAGRAPH = "<w:p><w:r><w:t>Kế hoạch thực hiện nhiệm vụ khoa học và công nghệ năm 2025.</w:t></w:r></w:p>"


def docx_bomb(path: Path, unzipped_bytes: int, filler: str = PARAGRAPH, level: int = 9) -> Path:
    """A valid DOCX whose word/document.xml unzips to about `unzipped_bytes` (repeated `filler`),
    written in chunks so that building it needs little memory."""
    chunk = (filler * max(1, (1 << 20) // len(filler.encode()))).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(_HEAD.encode())
            written = 0
            while written < unzipped_bytes:
                f.write(chunk)
                written += len(chunk)
            f.write(_TAIL.encode())
    return path


def long_text(path: Path, megabytes: float, sources: list[Path]) -> Path:
    """A text of about `megabytes` MB (UTF-8) made of the `sources` one after another, repeated."""
    texts = [p.read_text(encoding="utf-8") for p in sources]
    parts, size, i = [], 0, 0
    while size < megabytes * 1e6:
        parts.append(texts[i % len(texts)])
        size += len(parts[-1].encode())
        i += 1
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return path
