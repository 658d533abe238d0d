"""DOCX reader (python-docx): paragraphs and tables in body order, Word list numbers restored.

Word keeps automatic list numbers ("1.", "a)", "I.") out of the paragraph text; they are
rebuilt from `numPr` and numbering.xml so headings keep them. Legacy .doc files are
converted to DOCX first (see `extractor.ingest.doc`).
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

from ..document import Block, IngestError, RawDocument
from .legacy import decode_symbol_run, symbol_char
from .list_numbers import format_number

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEGACY_FONT = re.compile(r"^\.?Vn|^VNI[- ]|^VN ", re.IGNORECASE)


class Numbering:
    """Word list definitions and running counters, giving each numbered paragraph its label. Lists that share an
    abstract definition share its counters, as Word and LibreOffice number them; a list that overrides a level's
    start counts on its own."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        self.counted_as: dict[str, str] = {}  # numId -> the key of the counters it uses
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in root.findall(f"{W}abstractNum"):
            lv = {}
            for lvl in an.findall(f"{W}lvl"):
                ilvl = int(lvl.get(f"{W}ilvl", "0"))
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                start = lvl.find(f"{W}start")
                lv[ilvl] = (fmt.get(f"{W}val") if fmt is not None else "decimal",
                            text.get(f"{W}val") if text is not None else f"%{ilvl + 1}.",
                            int(start.get(f"{W}val")) if start is not None else 1)
            abstract[an.get(f"{W}abstractNumId")] = lv
        for num in root.findall(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is None:
                continue
            lv = dict(abstract.get(ref.get(f"{W}val"), {}))
            overrides = num.findall(f"{W}lvlOverride")
            self.counted_as[num.get(f"{W}numId")] = num.get(f"{W}numId") if overrides else f"a{ref.get(f'{W}val')}"
            for ov in overrides:
                ilvl = int(ov.get(f"{W}ilvl", "0"))
                so = ov.find(f"{W}startOverride")
                if so is not None and ilvl in lv:
                    fmt, text, _ = lv[ilvl]
                    lv[ilvl] = (fmt, text, int(so.get(f"{W}val")))
            self.levels[num.get(f"{W}numId")] = lv

    def label(self, num_id: str, ilvl: int) -> str:
        """The next label of list `num_id` at level `ilvl` ('1.', 'a)', 'I.', '-' for bullets)."""
        lv = self.levels.get(num_id)
        if not lv or ilvl not in lv or num_id == "0":
            return ""
        fmt, text, _ = lv[ilvl]
        if fmt == "none":
            return ""
        if fmt == "bullet":
            return "-"
        counts = self.counters.setdefault(self.counted_as.get(num_id, num_id), [0] * 9)
        for k in range(9):
            if k < ilvl and counts[k] == 0:
                counts[k] = lv.get(k, ("decimal", "", 1))[2]
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else lv[ilvl][2]
        for k in range(ilvl + 1, 9):
            counts[k] = 0

        def sub(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            kfmt = lv.get(k, ("decimal", "", 1))[0]
            return format_number(counts[k] or 1, kfmt if kfmt != "bullet" else "decimal")

        return re.sub(r"%(\d)", sub, text).strip()


def _num_pr(p_el: Any, styles: dict[str, Any]) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph, from its own properties or its style chain."""
    ppr = p_el.find(f"{W}pPr")
    num = ppr.find(f"{W}numPr") if ppr is not None else None
    style_id = None
    if ppr is not None and ppr.find(f"{W}pStyle") is not None:
        style_id = ppr.find(f"{W}pStyle").get(f"{W}val")
    seen = set()
    while num is None and style_id and style_id not in seen:
        seen.add(style_id)
        st = styles.get(style_id)
        if st is None:
            break
        sppr = st.find(f"{W}pPr")
        num = sppr.find(f"{W}numPr") if sppr is not None else None
        based = st.find(f"{W}basedOn")
        style_id = based.get(f"{W}val") if based is not None else None
    if num is None:
        return None
    nid = num.find(f"{W}numId")
    ilvl = num.find(f"{W}ilvl")
    if nid is None:
        return None
    return nid.get(f"{W}val"), int(ilvl.get(f"{W}val")) if ilvl is not None else 0


def _run_font(r_el: Any) -> str | None:
    """The font a run sets for Latin text, if it sets one."""
    rpr = r_el.find(f"{W}rPr")
    fonts = rpr.find(f"{W}rFonts") if rpr is not None else None
    if fonts is None:
        return None
    return fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi")


MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = {f"{W}txbxContent", f"{MC}Fallback", f"{W}del", f"{W}moveFrom", f"{W}instrText"}


def _own_runs(el: Any) -> Any:
    """The runs of a paragraph, not those of text boxes anchored in it (nor VML fallbacks)."""
    for child in el:
        if child.tag in _SKIP or not isinstance(child.tag, str):
            continue
        if child.tag == f"{W}r":
            yield child  # only its direct w:t are read, so a text box drawn inside it is not
        else:
            yield from _own_runs(child)


def textbox_paragraphs(p_el: Any) -> list[Any]:
    """Paragraphs of the text boxes anchored in a paragraph (the DrawingML copy only, not the VML one)."""
    out = []
    for box in p_el.iter(f"{W}txbxContent"):
        if any(a.tag == f"{MC}Fallback" for a in box.iterancestors()):
            continue
        out.extend(box.findall(f"{W}p"))
    return out


def _paragraph_text(p_el: Any, default_font: str | None, convert_run: Any) -> str:
    """Text of a <w:p>: runs, tabs and breaks; runs in legacy fonts converted to Unicode."""
    parts = []
    for r in _own_runs(p_el):
        font = _run_font(r) or default_font
        symbol = (font or "").strip().lower() == "symbol"  # old documents type '³' in Symbol for '≥'
        buf = []
        for child in r:
            tag = child.tag
            if tag == f"{W}t":
                buf.append(decode_symbol_run(child.text or "") if symbol else child.text or "")
            elif tag == f"{W}tab":
                buf.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                buf.append("\n")
            elif tag == f"{W}noBreakHyphen":
                buf.append("-")
            elif tag == f"{W}sym":  # Insert > Symbol: '≥' is <w:sym w:font="Symbol" w:char="F0B3"/>
                buf.append(symbol_char(child.get(f"{W}font"), child.get(f"{W}char") or ""))
        text = "".join(buf)
        if convert_run is not None and font and _LEGACY_FONT.match(font):
            text = convert_run(text, font)
        parts.append(text)
    return "".join(parts)


def _legacy_converter() -> Any:
    """`legacy.convert_run` when that module is installed, else None."""
    try:
        from .legacy import convert_run
    except ImportError:
        return None
    return convert_run


def _default_font(document: Any) -> str | None:
    """The font of the Normal style, which runs without their own font use."""
    try:
        return document.styles["Normal"].font.name
    except (KeyError, AttributeError):
        return None


_WRAPPERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag"}


def _children(el: Any) -> list[Any]:
    """The children of a table, row or cell, those a content control or custom XML wraps in their place."""
    out = []
    for child in el:
        out.extend(_children(child) if child.tag in _WRAPPERS else [child])
    return out


def _own(el: Any, tag: str) -> list[Any]:
    return [child for child in _children(el) if child.tag == tag]


def _grid_skipped(tr: Any) -> tuple[int, int]:
    """Grid columns a row leaves out before its first cell and after its last (w:gridBefore, w:gridAfter)."""
    trpr = tr.find(f"{W}trPr")

    def count(name: str) -> int:
        el = trpr.find(f"{W}{name}") if trpr is not None else None
        val = el.get(f"{W}val") if el is not None else None
        return min(int(val), 64) if val and val.isdigit() else 0

    return count("gridBefore"), count("gridAfter")


class _Reader:
    """Walks the body of one document, producing blocks."""

    def __init__(self, document: Any) -> None:
        self.numbering = Numbering(document)
        self.styles = {s.get(f"{W}styleId"): s for s in document.styles.element.findall(f"{W}style")}
        self.font = _default_font(document)
        self.convert_run = _legacy_converter()

    def labelled(self, p_el: Any) -> tuple[str, str]:
        """(list number, own text) of one paragraph. Every numbered paragraph counts, empty or not, as
        Word counts it."""
        num = _num_pr(p_el, self.styles)
        return (self.numbering.label(*num) if num else ""), _paragraph_text(p_el, self.font, self.convert_run)

    def para(self, p_el: Any, bare_number: bool = False) -> str:
        """Text of one paragraph with its list number restored; with `bare_number`, an empty numbered
        paragraph reads as its number ('3.'), as a table's TT column numbered by Word shows it."""
        label, text = self.labelled(p_el)
        if not text.strip():
            return label if bare_number and label != "-" else ""
        if label and not text.lstrip().startswith(label):
            return f"{label} {text.lstrip()}"
        return text

    def table(self, tbl_el: Any) -> list[list[str]]:
        """Rows of cell texts on the table's grid: a vertically merged cell is given once, in its first row; a
        cell merged across columns (gridSpan) is followed by empty cells."""
        return self.table_block(tbl_el).rows or []

    def table_block(self, tbl_el: Any) -> Block:
        """The table as a block: its rows (see `table`) and the cells a vertically merged cell covers."""
        rows: list[list[str]] = []
        merged: set[tuple[int, int]] = set()
        for tr in _own(tbl_el, f"{W}tr"):
            before, after = _grid_skipped(tr)
            row = [""] * before  # a row starting right of the grid's first column (w:gridBefore)
            for tc in _own(tr, f"{W}tc"):
                tcpr = tc.find(f"{W}tcPr")
                vmerge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
                span = tcpr.find(f"{W}gridSpan") if tcpr is not None else None
                width = min(int(span.get(f"{W}val") or 1), 64) if span is not None and (
                    span.get(f"{W}val") or "").isdigit() else 1  # a cell merged across columns keeps the grid
                if vmerge is not None and vmerge.get(f"{W}val", "continue") == "continue":
                    merged.update((len(rows), len(row) + k) for k in range(width))
                    row.extend([""] * width)  # the merged cell's text is in the row above
                    continue
                paras = []
                for child in _children(tc):
                    if child.tag == f"{W}p":
                        paras.append(self.para(child, bare_number=True))
                    elif child.tag == f"{W}tbl":
                        paras.extend(c for r in self.table(child) for c in r if c.strip())
                row.append("\n".join(p for p in paras if p.strip()))
                row.extend([""] * (width - 1))
            rows.append(row + [""] * after)
        return Block("table", rows=rows, merged=frozenset(merged))

    def blocks(self, body: Any) -> list[Block]:
        """Blocks of a body (or content control) in document order."""
        out = []
        for child in body:
            if child.tag == f"{W}p":
                for box_p in textbox_paragraphs(child):
                    box_text = self.para(box_p)
                    if box_text.strip():
                        out.append(Block("para", box_text))
                text = self.para(child)
                if text.strip():
                    out.append(Block("para", text))
            elif child.tag == f"{W}tbl":
                out.append(self.table_block(child))
            elif child.tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    out.extend(self.blocks(content))
        return out

    def notes(self, document: Any) -> list[Block]:
        """The footnotes, then the endnotes, the body refers to, in the order it refers to them, each a paragraph
        opening with its number as a page shows it ('1 Nghị quyết số 66-NQ/TW ngày 30/4/2025 …'). Word keeps them
        in parts of their own that python-docx does not read; a document often cites a decree only there."""
        out = []
        for kind in ("footnote", "endnote"):
            texts = _note_texts(document, kind)
            order = dict.fromkeys(r.get(f"{W}id") for r in document.element.body.iter(f"{W}{kind}Reference"))
            for n, note_id in enumerate((i for i in order if i in texts), 1):
                text = " ".join(" ".join(self.para(p).split()) for p in texts[note_id].iter(f"{W}p")).strip()
                if text:
                    out.append(Block("para", f"{n} {text}"))
        return out


def _note_texts(document: Any, kind: str) -> dict[str, Any]:
    """Note id -> <w:footnote> / <w:endnote> element of the document's notes part (separators left out)."""
    from docx.oxml.parser import parse_xml

    part = next((r.target_part for r in document.part.rels.values()
                 if not r.is_external and r.reltype.endswith(f"/{kind}s")), None)
    if part is None:
        return {}
    root = getattr(part, "element", None)
    if root is None:
        root = parse_xml(part.blob)
    return {el.get(f"{W}id"): el for el in root.findall(f"{W}{kind}")
            if el.get(f"{W}type") in (None, "normal")}


def check_unzipped_size(z: zipfile.ZipFile) -> None:
    """Refuse a package whose parts unzip to more than the limit (a zip bomb), before unzipping any.

    The sizes come from the zip directory; zipfile never inflates a member beyond its declared
    size (a member that lies fails its CRC check), so checking them bounds what is read.
    """
    from . import limits

    limit = limits().unzipped_bytes
    total = sum(info.file_size for info in z.infolist())
    if total > limit:
        biggest = max(z.infolist(), key=lambda info: info.file_size)
        raise IngestError(f"DOCX too large when unzipped: {total / 1e6:,.0f} MB ({biggest.filename} "
                          f"{biggest.file_size / 1e6:,.0f} MB; the limit is {limit / 1e6:,.0f} MB, "
                          "VNPLAN_MAX_UNZIPPED_MB)")


def read_docx(raw: RawDocument, data: bytes) -> None:
    """Fill `raw` with the blocks of DOCX bytes. Raises IngestError for a corrupt package."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            if "word/document.xml" not in z.namelist():
                raise IngestError("corrupt DOCX: the package has no word/document.xml")
            check_unzipped_size(z)
            bad = z.testzip()
            if bad:
                raise IngestError(f"corrupt DOCX: damaged part {bad}")
    except zipfile.BadZipFile as e:
        raise IngestError(f"corrupt DOCX: not a valid zip package ({e})") from e
    try:
        document = docx.Document(BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as e:
        raise IngestError(f"corrupt DOCX: {e}") from e
    except Exception as e:  # lxml XMLSyntaxError and friends
        raise IngestError(f"corrupt DOCX: {type(e).__name__}: {e}") from e
    reader = _Reader(document)
    raw.blocks = reader.blocks(document.element.body) + reader.notes(document)
    if not any((b.text or "").strip() or b.rows for b in raw.blocks):
        raise IngestError("the DOCX file holds no text")


def read_doc(raw: RawDocument, path: Path) -> None:
    """Fill `raw` from a legacy Word .doc, a rich-text .rtf or an OpenDocument .odt, converted to DOCX by
    LibreOffice first."""
    head = Path(path).read_bytes()[:1 << 20]
    rtf = head.lstrip()[:5] == b"{\\rtf"
    odt = head.startswith(b"PK\x03\x04")  # sniffed as an OpenDocument text
    if not rtf and not odt and not head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise IngestError("not a Word .doc file: the bytes are not an OLE compound document")
    if not rtf and not odt and "WordDocument".encode("utf-16-le") not in head:
        raise IngestError("corrupt DOC: no WordDocument stream (a damaged .doc, or an Excel/PowerPoint file)")
    try:
        from .doc import doc_to_docx
    except ImportError as e:
        raise IngestError("legacy .doc files need the converter module, which is not installed") from e
    try:
        converted = doc_to_docx(Path(path), timeout=120)
    except IngestError:
        raise
    except Exception as e:  # noqa: BLE001 - conversion failures become a sentence
        raise IngestError(f"could not convert the .doc file: {e}") from e
    try:
        read_docx(raw, Path(converted).read_bytes())
    finally:
        import shutil

        shutil.rmtree(Path(converted).parent, ignore_errors=True)
    raw.format = "doc"
    raw.converted_from = "rtf" if rtf else "odt" if odt else "doc"
