"""PDF reader: fast text with pypdfium2, ruled tables with pdfplumber, OCR for pages without text.

Lines come from pdfium with their geometry; a line continues the previous one when the
previous line ran to the right margin (its next word would not have fit there), so wrapped
lines become one paragraph. Pages that draw many lines (a ruled table) go to pdfplumber's
table finder, fed from pdfium's paths and characters (pdf_tables); pdfplumber itself, about
fifty times slower, reads only the pages where the two readings could differ.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from ..document import Block, IngestError, RawDocument
from ..normalize import HEADER_LINE, LIST_START, drop_page_furniture, is_caps
from ..record import StampedText
from . import limits

MIN_PATHS_FOR_TABLE = 6
"""A page drawing at least this many path objects may hold a ruled table."""
FORM_OBJECT = 5
"""pdfium's FPDF_PAGEOBJ_FORM."""
GARBAGE_LAYER = 0.5
"""A scanned page whose text layer scores below this (ocr.text_layer_quality: valid Vietnamese
syllables with their diacritics) is OCR-ed again; a page read below it makes the record partial."""


@dataclass
class PdfLine:
    """One text line of a page with its box in PDF points (origin bottom left)."""

    text: str
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    first_word: float = 0.0  # width of the line's first word
    first_char: int = -1  # index of the line's first character in pdfium's text page (-1: unknown)

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


def _open(data: bytes) -> Any:
    """Open PDF bytes with pdfium; a password or damage becomes an IngestError."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e)
        if "password" in msg.lower():
            raise IngestError("encrypted PDF: the file is protected by a password and cannot be read") from e
        raise IngestError(f"broken PDF: the file is damaged or truncated ({msg})") from e


def page_lines(textpage: Any) -> list[PdfLine]:
    """The text lines of a page with their geometry (no geometry when pdfium's indexes disagree)."""
    text = textpage.get_text_range()
    if not text.strip():
        return []
    geometry = len(text) == textpage.count_chars()
    if geometry:
        import pypdfium2 as pdfium

        from .pdfium_calls import api, handle

        ffi, lib = api()
        box = ffi.new("double[4]")  # left, right, bottom, top
        left, right, bottom, top = box, box + 1, box + 2, box + 3
        get, tp = lib.FPDFText_GetCharBox, handle(textpage.raw)
    out, pos = [], 0
    for raw in _LINE_BREAK.split(text):
        if raw in ("\r\n", "\r", "\n"):
            pos += len(raw)
            continue
        start, pos = pos, pos + len(raw)
        stripped = raw.strip()
        if not stripped:
            continue
        line = PdfLine(raw.rstrip())
        if geometry:
            line.first_char = start
            first = start + (len(raw) - len(raw.lstrip()))
            last = start + len(raw.rstrip()) - 1
            word_end = raw.find(" ", first - start)
            word_last = start + word_end - 1 if word_end > 0 else last
            if not get(tp, first, left, right, bottom, top):
                raise pdfium.PdfiumError("Failed to get charbox.")
            x0, b0, t0 = box[0], box[2], box[3]
            if not get(tp, last, left, right, bottom, top):
                raise pdfium.PdfiumError("Failed to get charbox.")
            line.x0, line.x1 = x0, box[1]
            line.bottom, line.top = min(b0, box[2]), max(t0, box[3])
            if word_last != last and not get(tp, word_last, left, right, bottom, top):
                raise pdfium.PdfiumError("Failed to get charbox.")
            line.first_word = max(box[1] - x0, 0.0)
        out.append(line)
    return out


_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")


def _page(pdf: Any, index: int, stamped: list[StampedText]) -> tuple[Any, Any, list[PdfLine]]:
    """A page, its text page (None when annotations were flattened into the page) and its lines,
    with the text stamped by annotations (the number and day a signing system fills in) put in
    place and listed in `stamped`; on page 1 the header block comes first."""
    from .stamps import annotation_boxes, char_edges, flatten_stamps, header_first, place_stamps

    page = pdf[index]
    textpage = page.get_textpage()
    lines = page_lines(textpage)
    boxes = annotation_boxes(page) if lines else []
    if boxes:
        low, high = min(b[1] for b in boxes), max(b[3] for b in boxes)
        edges = {id(ln): char_edges(textpage, ln.first_char, len(ln.text)) for ln in lines
                 if ln.first_char >= 0 and ln.top >= low - 20 and ln.bottom <= high + 20}
        stamps, flat = flatten_stamps(pdf, index, page, textpage, boxes)
        if flat is not page:
            page, textpage = flat, None
        if stamps:
            lines, placed = place_stamps(lines, stamps, edges,
                                         lambda s: PdfLine(s.text, s.x0, s.x1, s.top, s.bottom, s.x1 - s.x0))
            stamped.extend(StampedText(index + 1, s.text, " ".join(ln.text.split())) for s, ln in placed)
    if index == 0:
        lines = header_first(lines)
    return page, textpage, lines


def _continues(prev: PdfLine, line: PdfLine, right: float, usual_pitch: float,
               caps: Callable[[str], bool] = is_caps) -> bool:
    """True when `line` carries on the paragraph of `prev` (prev was wrapped by the layout)."""
    if LIST_START.match(line.text) or HEADER_LINE.match(line.text) or HEADER_LINE.match(prev.text):
        return False
    if prev.text.rstrip().endswith(";") and line.text.lstrip()[:1].isupper():  # the next item of a list
        return False
    if prev.x1 == prev.x0 == 0.0:  # no geometry: let normalize decide
        return False
    pitch = prev.top - line.top
    if pitch <= 0 or pitch > 1.6 * usual_pitch:
        return False
    space = 0.25 * usual_pitch
    # a line breaker keeps "7,2% /năm" together: near the margin, a lowercase or digit start continues
    head = line.text.lstrip()[:1]
    if not (prev.x1 + space + line.first_word > right - 1.0 or (head.isdigit() or head.islower())
            and not prev.text.rstrip().endswith((".", ";", ":", "!", "?")) and prev.x1 > right - 3 * usual_pitch):
        return False
    return caps(line.text) == caps(prev.text)  # else a heading starts or ends here (the dearer test last)


_ASCII_LOWER = b"abcdefghijklmnopqrstuvwxyz"


def _caps(text: str) -> bool:
    """normalize.is_caps, answered at once for a line with many ASCII lowercase letters: a line
    in capitals has at most a fifth of its letters, so of its characters, not in capitals."""
    ascii_part = text.encode("ascii", "ignore")
    if len(ascii_part) - len(ascii_part.translate(None, _ASCII_LOWER)) > 0.2 * len(text):
        return False
    return is_caps(text)


def paragraphs(lines: list[PdfLine], right: float) -> list[tuple[str, bool]]:
    """Paragraph texts of consecutive lines, each with whether its last line ran to the margin."""
    paras: list[tuple[str, bool]] = []
    cur: list[PdfLine] = []
    pitches = sorted(a.top - b.top for a, b in zip(lines, lines[1:], strict=False) if a.top - b.top > 0)
    usual = pitches[len(pitches) // 2] if pitches else 12.0
    caps = functools.lru_cache(maxsize=None)(_caps)  # each line is compared twice
    left = _left_margin(lines)
    for ln in lines:
        if cur and _continues(cur[-1], ln, right, usual, caps) and not _indented_again(cur, ln, left, usual):
            cur.append(ln)
            continue
        if cur:
            paras.append((_join(cur), False))
        cur = [ln]
    if cur:
        last = cur[-1]
        paras.append((_join(cur), last.x1 > right - 0.1 * (right - last.x0) and last.x1 > 0))
    return paras


def _left_margin(lines: list[PdfLine]) -> float:
    """Where the page's text lines start: the x of most continuation lines (a low decile of the starts)."""
    starts = sorted(ln.x0 for ln in lines if ln.x1 > ln.x0)
    return starts[len(starts) // 10] if starts else 0.0


def _indented_again(cur: list[PdfLine], line: PdfLine, left: float, usual_pitch: float) -> bool:
    """True when `line` opens a new paragraph with the same first-line indent as the paragraph before it: a
    wrapped line goes back to the margin, so an article's title that runs to the margin ("Điều 22. Chế độ cung
    cấp thông tin, báo cáo …") does not swallow the indented paragraph below it, nor a justified paragraph whose
    last line fills the width the next one ("… trên địa bàn tỉnh." / "     Giao Sở Khoa học và Công nghệ …").
    A hanging indent (a dash at the margin, its wrapped lines further in) has no first-line indent."""
    first = cur[0]
    indent = first.x0 - left  # a first-line indent, not a column of the header block further right
    if not (0.8 * usual_pitch < indent < 4 * usual_pitch and abs(line.x0 - first.x0) < 1.0):
        return False
    return len(cur) == 1 or all(abs(ln.x0 - left) < 1.0 for ln in cur[1:])


def _join(lines: list[PdfLine]) -> str:
    """One paragraph from its lines; pdfium marks a line-end hyphen with U+FFFE."""
    out = ""
    for ln in lines:
        t = ln.text.strip().replace("\ufffe", "-") if not ln.text.rstrip().endswith("\ufffe") else \
            ln.text.strip()[:-1].replace("\ufffe", "-") + "\ufffe"
        if not out:
            out = t
        elif out.endswith("\ufffe"):
            out = out[:-1] + "-" + t
        else:
            out += " " + t
    return out.replace("\ufffe", "-")


def readable(text: str) -> bool:
    """True when a page's text is mostly Latin/Vietnamese letters, digits and punctuation (not glyph ids)."""
    sample = text[:4000]
    shown = sum(map(len, sample.split()))  # the characters that are not blank
    if not shown:
        return False
    return shown - len(_unreadable().findall(sample)) >= 0.6 * shown


def _good(c: str) -> bool:
    """A letter or digit of the Latin/Vietnamese ranges, or printable punctuation below U+2100."""
    return (c.isalnum() and (ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF)) \
        or (c.isprintable() and ord(c) < 0x2100 and not c.isalnum())


@functools.cache
def _unreadable() -> re.Pattern[str]:
    """A character that is neither blank nor `_good` (every good one lies below U+2100)."""
    ranges: list[list[int]] = []
    for cp in range(0x2100):
        if _good(chr(cp)):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    return re.compile("[^" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges) + r"\s]")


def _objects(page: Any, kind: int, max_depth: int = 2, form: int = 0, level: int = 0) -> Iterator[int]:
    """The page objects of type `kind` (as addresses, see pdfium_calls), in Form XObjects too
    down to `max_depth` levels, in pypdfium2's get_objects order."""
    import pypdfium2 as pdfium

    from .pdfium_calls import api, handle

    _, lib = api()
    count, get, parent = ((lib.FPDFFormObj_CountObjects, lib.FPDFFormObj_GetObject, form) if form
                          else (lib.FPDFPage_CountObjects, lib.FPDFPage_GetObject, handle(page.raw)))
    n = count(parent)
    if n < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    kind_of = lib.FPDFPageObj_GetType
    for i in range(n):
        obj = get(parent, i)
        if not obj:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        t = kind_of(obj)
        if t == kind:
            yield obj
        if t == FORM_OBJECT and level < max_depth - 1:
            yield from _objects(page, kind, max_depth, obj, level + 1)


def _scanned(page: Any) -> bool:
    """True when one image covers at least half of the page (a scan, whatever text lies over it)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from .pdfium_calls import api

    ffi, lib = api()
    width, height = page.get_size()
    box = ffi.new("float[4]")
    x0, y0, x1, y1 = box, box + 1, box + 2, box + 3
    for obj in _objects(page, pdfium_c.FPDF_PAGEOBJ_IMAGE):
        if not lib.FPDFPageObj_GetBounds(obj, x0, y0, x1, y1):
            raise pdfium.PdfiumError("Failed to get bounds.")
        if (box[2] - box[0]) * (box[3] - box[1]) >= 0.5 * width * height:
            return True
    return False


def _garbage_layer(page: Any, text: str) -> float | None:
    """The quality score of a scanned page's own OCR layer when it is garbage, else None."""
    from .ocr import text_layer_quality

    if not _scanned(page):  # the cheaper test first
        return None
    quality = text_layer_quality(text)
    if quality is None or quality >= GARBAGE_LAYER:
        return None
    return quality


def _looks_ruled(page: Any) -> bool:
    """Cheap check: does the page draw enough lines/rectangles to hold a ruled table?"""
    import pypdfium2.raw as pdfium_c

    n = 0
    for _obj in _objects(page, pdfium_c.FPDF_PAGEOBJ_PATH):
        n += 1
        if n >= MIN_PATHS_FOR_TABLE:
            return True
    return False


def clean_cell(text: str | None) -> str:
    """Cell text with wrapped lines joined; only a line starting a list item opens a new paragraph. A code
    broken after its hyphen, or a date or number too wide for the cell broken anywhere, is joined whole."""
    if not text:
        return ""
    lines: list[str] = []
    for ln in (x.strip() for x in text.split("\n")):
        if ln and lines and _tight_hyphen(lines[-1], ln):  # a code's pieces first ('CN-' + 'CĐSQG')
            lines[-1] += ln
        elif ln:
            lines.append(ln)
    out: list[str] = []
    for ln in lines:
        if out and (_cut_in_cell(out[-1], ln) or _cut_in_syllable(out[-1], ln)):
            out[-1] += ln
        elif out and not LIST_START.match(ln):  # cells are narrow: a break is a wrap unless a list item starts
            out[-1] += " " + ln
        else:
            out.append(ln)
    return "\n".join(out)


@functools.lru_cache(maxsize=1)
def _cut_rx() -> re.Pattern[str]:
    from ..rules import load_rules

    return load_rules("layout").rule("layout.cut_in_cell").rx


def _cut_in_cell(a: str, b: str) -> bool:
    """True when a date or a document number too wide for its cell was broken between lines `a` and `b`
    ('31/12/202' + '5', '6001/BKH' + 'CN-CĐSQG', '180/2025/NĐ' + '-CP', '240.' + '000'): joined with no space, a
    match crosses the break."""
    opens = b[:1].isalnum() or b[:1] == "-" and b[1:2].isalnum() and a[-1:].isalnum()
    if not opens or not a[-1:].isalnum() and a[-1:] not in ("/", "."):
        return False
    tail, head = a[-24:], b[:24]
    joined, cut = tail + head, len(tail)
    return any(m.start() < cut < m.end() for m in _cut_rx().finditer(joined))


_LAST_LETTERS = re.compile(r"([^\W\d_]+)[)\]\"”’,.;:]*$")  # a line's last letters, closing marks after them
_FIRST_LETTERS = re.compile(r"^[(\[\"“‘]*([^\W\d_]+)")  # a line's first letters, opening marks before them


def _cut_in_syllable(a: str, b: str) -> bool:
    """True when a syllable too wide for its cell was broken between lines `a` and `b` ('Kế hoạ' + 'ch 2026',
    'Nhã' + 'n', '(Ng' + 'hìn USD)'): the two pieces make one Vietnamese syllable and one of them is none."""
    from .legacy import is_vietnamese_syllable

    tail, head = _LAST_LETTERS.search(a), _FIRST_LETTERS.match(b)
    if not tail or not head or tail.end() != len(a) or not b.startswith(head.group(1)):
        return False
    left, right = tail.group(1), head.group(1)
    return is_vietnamese_syllable(left + right) and not (is_vietnamese_syllable(left) and is_vietnamese_syllable(right))


def _tight_hyphen(a: str, b: str) -> bool:
    """True when a line break follows the hyphen of a code or range ('QĐ-' + 'UBND', '2021-' + '2030')."""
    return len(a) >= 2 and a.endswith("-") and (a[-2].isdigit() or a[-2].isupper()) and b[:1].isalnum() \
        and (b[0].isdigit() or b[0].isupper()) and not a[-2:-1].isspace()


def fill_merged(rows: list[list[str | None]]) -> list[list[str]]:
    """pdfplumber's rows with merged-cell placeholders (None) made empty strings, empty rows dropped."""
    out = []
    for row in rows:
        cells = [clean_cell(c) for c in row]
        if any(cells):
            out.append(cells)
    return out


class _Tables:
    """pdfplumber opened lazily, once, for the pages that need it."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pdf: Any = None

    def find(self, index: int, page: Any = None,
             textpage: Any = None) -> list[tuple[tuple[float, float, float, float], list[list[str]]]]:
        """Tables of page `index` as (bbox in PDF points x0, bottom, x1, top; rows of cells):
        pdfplumber's finder fed from pdfium's `page` and `textpage` where that gives pdfplumber's
        result (pdf_tables), pdfplumber itself elsewhere."""
        from .pdf_tables import find_tables

        fast = find_tables(page, textpage) if page is not None and textpage is not None else None
        if fast is not None:
            height = page.get_mediabox()[3]
            tables = fast
        else:
            if self.pdf is None:
                import pdfplumber

                self.pdf = pdfplumber.open(BytesIO(self.data))
            plumber = self.pdf.pages[index]
            height = float(plumber.height)
            tables = [(t.bbox, t.extract()) for t in plumber.find_tables()]
        found = []
        for (x0, top, x1, bottom), cells in tables:
            rows = fill_merged(cells)
            if not rows or max(len(r) for r in rows) < 2:
                continue
            found.append(((x0, height - bottom, x1, height - top), rows))
        return found

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


def _inside(line: PdfLine, bbox: tuple[float, float, float, float]) -> bool:
    """True when the centre of a line lies in a table's box."""
    x0, bottom, x1, top = bbox
    cy = (line.top + line.bottom) / 2
    cx = (line.x0 + line.x1) / 2
    return x0 - 1 <= cx <= x1 + 1 and bottom - 1 <= cy <= top + 1


def _ocr(raw: RawDocument, path: Path, missing: list[int]) -> dict[int, list[Block]]:
    """OCR the pages without a usable text layer, each its paragraphs and ruled tables; records ocr_pages,
    the confidence of the digits read, per-page errors, and pages whose reading is mostly not Vietnamese."""
    try:
        from .ocr import PagePart, ocr_pages, text_layer_quality
    except ImportError:
        return {}
    layouts: dict[int, list[PagePart]] = {}
    try:
        texts, errors = ocr_pages(Path(path), missing, confidences=raw.ocr_words, layouts=layouts)
    except Exception as e:  # noqa: BLE001 - OCR trouble is reported, not raised
        raw.errors.append(f"OCR failed: {e}")
        return {}
    for i, err in sorted(errors.items()):
        raw.errors.append(f"page {i + 1}: OCR failed: {err}")
    got = {i: t for i, t in texts.items() if t and t.strip()}
    raw.ocr_pages = sorted(got)
    for i, t in sorted(got.items()):
        quality = text_layer_quality(t)
        if quality is not None and quality < GARBAGE_LAYER:
            raw.errors.append(f"page {i + 1}: the OCR text is mostly not Vietnamese syllables "
                              f"(score {quality:.2f} of 1); it may be wrong")
    return {i: [Block("para", part, page=i) if isinstance(part, str) else
                Block("table", rows=[[clean_cell(c) for c in row] for row in part], page=i, wrapped=True)
                for part in layouts[i]] for i in got}


def read_pdf(raw: RawDocument, path: Path, data: bytes) -> None:
    """Fill `raw` with the paragraphs and tables of a PDF, page by page."""
    if b"%PDF-" not in data[:1024]:
        from . import looks_html

        what = "a web page (HTML)" if looks_html(data) else "something else"
        raise IngestError(f"broken PDF: the file is {what}, not a PDF")
    pdf = _open(data)
    tables = _Tables(data)
    try:
        n = len(pdf)
        if n == 0:
            raise IngestError("broken PDF: the document has no pages")
        raw.pages = n
        pages: list[list[PdfLine | tuple]] = []
        missing: list[int] = []
        layers: dict[int, tuple[float, list[PdfLine]]] = {}
        rights: dict[int, float] = {}  # page width -> the right margin of the pages that wide
        widths: list[int] = []
        lim = limits()
        if n > lim.pages:
            raw.errors.append(f"only the first {lim.pages} of {n} pages were read (the limit, VNPLAN_MAX_PAGES)")
        for i in range(min(n, lim.pages)):
            try:
                page, textpage, lines = _page(pdf, i, raw.stamped)
                widths.append(round(page.get_width()))
            except Exception as e:  # noqa: BLE001 - a damaged page is reported, the others read
                raw.errors.append(f"page {i + 1}: could not be read ({e})")
                pages.append([])
                widths.append(0)
                continue
            text = "".join(ln.text for ln in lines)
            if not lines or not readable(text):
                missing.append(i)  # no text layer, or one in a font without a Unicode map: OCR
                pages.append([])
                continue
            quality = _garbage_layer(page, "\n".join(ln.text for ln in lines))
            if quality is not None:  # a scanner's own OCR layer that is garbage: OCR again
                missing.append(i)
                layers[i] = (quality, list(lines))
                pages.append([])
                continue
            items: list[PdfLine | tuple] = list(lines)
            if _looks_ruled(page):
                items = _with_tables(items, tables.find(i, page, textpage))
            rights[widths[i]] = max([rights.get(widths[i], 0.0)] + [x.x1 for x in items if isinstance(x, PdfLine)])
            pages.append(items)
    finally:
        tables.close()
        pdf.close()
    if len(missing) > lim.ocr_pages:
        raw.errors.append(f"{len(missing) - lim.ocr_pages} page(s) without a text layer were not sent to OCR, "
                          f"from page {missing[lim.ocr_pages] + 1} on (the limit is {lim.ocr_pages}, "
                          "VNPLAN_MAX_OCR_PAGES)")
        missing = missing[:lim.ocr_pages]
    _signatures(raw, data)
    ocr_blocks = _ocr(raw, path, missing) if missing else {}
    for i, (quality, lines) in sorted(layers.items()):
        if i not in ocr_blocks:  # OCR failed: the poor layer is better than nothing, and said so
            pages[i] = list(lines)
            missing.remove(i)
            raw.errors.append(f"page {i + 1}: the scan's own text layer is mostly not Vietnamese syllables "
                              f"(score {quality:.2f} of 1) and OCR could not replace it")
    # a landscape appendix between portrait pages has a margin of its own
    raw.blocks = _assemble(pages, [rights.get(w, 0.0) for w in widths], ocr_blocks)
    if not raw.blocks:
        why = "; ".join(raw.errors) or ("OCR found no text on the pages (blank or unreadable scans)"
                                        if missing else "OCR is not available")
        raw.errors = []
        raise IngestError(f"PDF has no text layer and OCR failed: {why}")
    if missing and len(ocr_blocks) < len(missing) or raw.errors:
        raw.status = "partial"
        unread = [i + 1 for i in missing if i not in ocr_blocks]
        if unread:
            raw.errors.append(f"no text could be read from page(s) {', '.join(map(str, unread))}")


def _signatures(raw: RawDocument, data: bytes) -> None:
    """The file's digital signatures (pyHanko); a signature that cannot be checked is reported."""
    from .signatures import read_signatures

    raw.signatures, problems = read_signatures(data)
    raw.errors.extend(problems)


def _with_tables(lines: list[Any], found: list[tuple[Any, Any]]) -> list[Any]:
    """The page's lines in their reading order with each table found in place of the lines inside it: before the
    first line read that stands below the table's top. The lines keep their order (a header's two columns are read
    one after the other, not interleaved by height)."""
    items: list[Any] = list(lines)
    for bbox, rows in sorted(found, key=lambda t: -t[0][3]):
        kept = [x for x in items if not (isinstance(x, PdfLine) and _inside(x, bbox))]
        at = next((k for k, x in enumerate(kept) if isinstance(x, PdfLine) and x.top < bbox[3]
                   or not isinstance(x, PdfLine) and x[0] < bbox[3]), len(kept))
        items = [*kept[:at], (bbox[3], rows), *kept[at:]]
    return items


def _assemble(pages: list[list[Any]], rights: list[float], ocr_blocks: dict[int, list[Block]]) -> list[Block]:
    """Blocks of all pages, each page's lines read against the right margin of the pages as wide as it; a
    paragraph running off the bottom of a page continues on the next."""
    blocks: list[Block] = []
    wrapped_end: set[int] = set()
    for i, items in enumerate(pages):
        if i in ocr_blocks:
            blocks.extend(ocr_blocks[i])
            continue
        run: list[PdfLine] = []
        for item in items + [None]:
            if isinstance(item, PdfLine):
                run.append(item)
                continue
            paras = paragraphs(run, rights[i])
            blocks.extend(Block("para", text, page=i) for text, _ in paras)
            if item is None and paras and paras[-1][1]:
                wrapped_end.add(len(blocks) - 1)
            run = []
            if item is not None:
                blocks.append(Block("table", rows=item[1], page=i, wrapped=True))  # cell lines wrap at its width
    return _join_across_pages(blocks, wrapped_end)


def _join_across_pages(blocks: list[Block], wrapped_end: set[int]) -> list[Block]:
    """Drop running headers/footers, then join a page's last paragraph to the next when it was cut."""
    marked = [(b, i in wrapped_end) for i, b in enumerate(blocks)]
    kept_ids = {id(b) for b in drop_page_furniture(blocks)}
    marked = [(b, w) for b, w in marked if id(b) in kept_ids]
    out: list[Block] = []
    cont = False
    last_page: dict[int, int | None] = {}
    for b, wrapped in marked:
        prev = out[-1] if out else None
        if prev is not None and _table_continues(prev, b, last_page.get(id(prev), prev.page)):
            _merge_tables(prev, b)
            last_page[id(prev)] = b.page
            cont = False
            continue
        if cont and out and b.kind == "para" and out[-1].kind == "para" and not LIST_START.match(b.text) \
                and out[-1].page is not None and b.page == out[-1].page + 1:
            out[-1] = Block("para", out[-1].text.rstrip() + " " + b.text.lstrip(), page=out[-1].page)
        else:
            out.append(b)
        cont = wrapped
    return out


def _table_continues(prev: Block, b: Block, prev_page: int | None) -> bool:
    """True when table `b` opens a page and carries on table `prev`, which closed the page before."""
    return (prev.kind == b.kind == "table" and prev.rows is not None and b.rows is not None
            and len(prev.rows) > 0 and len(b.rows) > 0
            and prev_page is not None and b.page == prev_page + 1
            and len(prev.rows[-1]) == len(b.rows[0]))


def _repeated_header(prev_rows: list[list[str]], rows: list[list[str]]) -> int:
    """How many rows a continued table opens with that repeat the first rows of the table it continues: Word's
    'Repeat as header row' prints the header again on every page."""
    def squashed(row: list[str]) -> list[str]:
        return [" ".join((c or "").split()) for c in row]

    n = 0
    while n < min(len(rows) - 1, len(prev_rows) - 1, 3) and any(c.strip() for c in rows[n]) \
            and squashed(prev_rows[n]) == squashed(rows[n]):
        n += 1
    return n


def _merge_tables(prev: Block, b: Block) -> None:
    """Append the rows of `b` to `prev`, without the header rows it repeats; a first row with an empty first cell
    finishes prev's last row (a figure or syllable the page broke joined whole)."""
    if prev.rows is None:  # never: only a table with rows continues (_table_continues)
        prev.rows = []
    rows = list(b.rows or [])[_repeated_header(prev.rows, b.rows or []):]
    if rows and not rows[0][0].strip():
        last = prev.rows[-1]
        for k, cell in enumerate(rows[0]):
            if not cell:
                continue
            if last[k] and (_cut_in_cell(last[k], cell) or _cut_in_syllable(last[k], cell)):
                last[k] += cell  # a figure or syllable the page broke ('10.2' / '00')
            elif last[k] and not last[k].endswith((".", ";", ":", "!", "?")) and not LIST_START.match(cell):
                last[k] = last[k] + " " + cell
            else:
                last[k] = (last[k] + "\n" + cell).strip("\n")
        rows = rows[1:]
    prev.rows.extend(rows)
