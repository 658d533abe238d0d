"""Text stamped onto a PDF page by annotations: the number and day a signing system fills in.

E-office systems stamp the document number (`196`) and the day (`04`) into form-field
widgets at signing time; the page's own text layer reads `Số: /KH-UBND … ngày   tháng 11`.
PDFium's `FPDFPage_Flatten` draws every annotation appearance into the page content; the
characters the flattened page has and the original page lacked are the stamped ones. Each
stamp is put into the text line it sits on, at its horizontal place. A widget whose text runs
over several lines (the visible box of a signature: *Ký bởi: …, Email: …, Thời gian ký: …*) is
a label, not a filled-in field, and is left out: `source.signatures` reports signatures.

The header block of some signed files comes after the body in the text layer; on page 1 the
lines lying above the first line read are moved to the front (`header_first`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

STAMP_SUBTYPES = ("FPDF_ANNOT_WIDGET", "FPDF_ANNOT_FREETEXT", "FPDF_ANNOT_STAMP")


@dataclass
class Stamp:
    """Text an annotation draws on one line, with its box in PDF points (origin bottom left)."""

    text: str
    x0: float
    bottom: float
    x1: float
    top: float


def annotation_boxes(page: Any) -> list[tuple[float, float, float, float]]:
    """Boxes (x0, bottom, x1, top) of the page's widget, free-text and stamp annotations."""
    import pypdfium2.raw as pdfium_c

    kinds = {getattr(pdfium_c, name) for name in STAMP_SUBTYPES}
    boxes = []
    for k in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
        annot = pdfium_c.FPDFPage_GetAnnot(page, k)
        if not annot:
            continue
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annot) not in kinds:
                continue
            if pdfium_c.FPDFAnnot_GetFlags(annot) & (pdfium_c.FPDF_ANNOT_FLAG_HIDDEN
                                                     | pdfium_c.FPDF_ANNOT_FLAG_NOVIEW):
                continue
            rect = pdfium_c.FS_RECTF()
            if pdfium_c.FPDFAnnot_GetRect(annot, rect):
                boxes.append((min(rect.left, rect.right), min(rect.bottom, rect.top),
                              max(rect.left, rect.right), max(rect.bottom, rect.top)))
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return boxes


def _chars(textpage: Any) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(character, box) of every character of a text page."""
    n = textpage.count_chars()
    text = textpage.get_text_range()
    if len(text) != n:  # pdfium's indexes disagree with its text: one character at a time
        text = "".join(textpage.get_text_range(i, 1)[:1] or " " for i in range(n))
    return [(text[i], textpage.get_charbox(i)) for i in range(n)]


def _key(ch: str, box: tuple[float, float, float, float]) -> tuple[str, tuple[int, int, int, int]]:
    return ch, (round(box[0]), round(box[1]), round(box[2]), round(box[3]))


def _runs(chars: list[tuple[str, tuple[float, float, float, float]]]) -> list[list[Stamp]]:
    """Stamped characters of one annotation as lines (one per baseline) of pieces, words spaced
    by their gaps."""
    rows: list[list[tuple[str, tuple[float, float, float, float]]]] = []
    for ch, box in sorted(chars, key=lambda c: (-round(c[1][1] / 3), c[1][0])):
        height = max(box[3] - box[1], 1.0)
        if rows and abs(rows[-1][-1][1][1] - box[1]) < 0.5 * height:
            rows[-1].append((ch, box))
        else:
            rows.append([(ch, box)])
    out: list[list[Stamp]] = []
    for row in rows:
        out.append([])
        row.sort(key=lambda c: c[1][0])
        pieces: list[list[tuple[str, tuple[float, float, float, float]]]] = []
        for ch, box in row:  # far-apart pieces of one field ('04' ... '11') are placed one by one
            if pieces and box[0] - pieces[-1][-1][1][2] <= 1.5 * max(box[3] - box[1], 1.0):
                pieces[-1].append((ch, box))
            else:
                pieces.append([(ch, box)])
        for piece in pieces:
            text, prev = "", None
            for ch, box in piece:
                if prev is not None and box[0] - prev[2] > 0.45 * max(box[3] - box[1], 1.0):
                    text += " "
                text += ch
                prev = box
            out[-1].append(Stamp(text, min(b[0] for _, b in piece), min(b[1] for _, b in piece),
                             max(b[2] for _, b in piece), max(b[3] for _, b in piece)))
    return out


def flatten_stamps(pdf: Any, index: int, page: Any, textpage: Any,
                   boxes: list[tuple[float, float, float, float]]) -> tuple[list[Stamp], Any]:
    """The one-line texts the annotations at `boxes` on page `index` draw, and the page
    reloaded after flattening (the same page when there is nothing to flatten)."""
    import pypdfium2.raw as pdfium_c

    if not boxes:
        return [], page
    before = Counter(_key(ch, box) for ch, box in _chars(textpage))
    if pdfium_c.FPDFPage_Flatten(page, pdfium_c.FLAT_NORMALDISPLAY) != pdfium_c.FLATTEN_SUCCESS:
        return [], page
    page.close()
    page = pdf[index]  # pdfium regenerates the content of a flattened page when it is loaded again
    textpage = page.get_textpage()
    new: list[tuple[str, tuple[float, float, float, float]]] = []
    for ch, box in _chars(textpage):
        key = _key(ch, box)
        if before[key] > 0:
            before[key] -= 1
        elif ch.strip() and ch not in "\ufffe\ufffd":
            new.append((ch, box))
    stamps = []
    for x0, bottom, x1, top in boxes:
        inside = [(ch, b) for ch, b in new
                  if x0 - 1 <= (b[0] + b[2]) / 2 <= x1 + 1 and bottom - 1 <= (b[1] + b[3]) / 2 <= top + 1]
        runs = _runs(inside)
        if len(runs) == 1:  # a filled-in field; text on several lines is a signature's label
            stamps.extend(runs[0])
    return stamps, page


def char_edges(textpage: Any, first: int, length: int) -> list[tuple[float, float]]:
    """(left, right) edge of each character of a line starting at text index `first`."""
    out = []
    for i in range(first, first + length):
        box = textpage.get_charbox(i)
        out.append((box[0], box[2]))
    return out


def insert_stamp(text: str, ends: list[tuple[float, float]], stamp: Stamp) -> tuple[str, list[tuple[float, float]]]:
    """`text` with the stamp's text put at its horizontal place, and the character edges of
    the new text; `ends` gives each character's (left, right) edge. A space separates the stamp
    from a neighbour further away than a quarter of the line height."""
    mid = (stamp.x0 + stamp.x1) / 2
    at = next((k for k, (a, b) in enumerate(ends) if (a + b) / 2 > mid and not text[k].isspace()), len(text))
    left, right = text[:at].rstrip(), text[at:].lstrip()
    gap = 0.25 * max(stamp.top - stamp.bottom, 1.0)
    before = next((ends[k][1] for k in range(len(left) - 1, -1, -1) if not text[k].isspace()), None)
    after = ends[len(text) - len(right)][0] if right else None
    sep_l = " " if left and (before is None or stamp.x0 - before > gap) else ""
    sep_r = " " if right and (after is None or after - stamp.x1 > gap) else ""
    new = left + sep_l + stamp.text + sep_r + right
    middle = [(stamp.x0, stamp.x1)] * (len(sep_l) + len(stamp.text) + len(sep_r))
    return new, ends[:len(left)] + middle + ends[len(text) - len(right):]


def _on_line(line: Any, stamp: Stamp) -> bool:
    """True when the stamp's middle height lies within the line's band and it is near the line."""
    mid = (stamp.bottom + stamp.top) / 2
    h = max(line.top - line.bottom, 1.0)
    return line.bottom - 0.3 * h <= mid <= line.top + 0.3 * h and \
        line.x0 - 6 * h <= stamp.x1 and stamp.x0 <= line.x1 + 6 * h


def place_stamps(lines: list[Any], stamps: list[Stamp], edges: dict[int, list[tuple[float, float]]],
                 make_line: Any) -> tuple[list[Any], list[tuple[Stamp, Any]]]:
    """`lines` (PdfLine) with each stamp put into the line it sits on; `edges` holds the
    (left, right) edge of each character of the lines that may receive one, by `id(line)`.
    A stamp on no line becomes a line of its own, placed above the first line below it.
    Also returns each stamp with the line it went into."""
    out = list(lines)
    placed = []
    for stamp in sorted(stamps, key=lambda s: -s.x0):  # right to left: earlier offsets stay valid
        line = next((ln for ln in out if id(ln) in edges and _on_line(ln, stamp)), None)
        if line is None:
            new = make_line(stamp)
            at = next((k for k, ln in enumerate(out) if ln.top < stamp.bottom), len(out))
            out.insert(at, new)
            placed.append((stamp, new))
            continue
        line.text, edges[id(line)] = insert_stamp(line.text, edges[id(line)], stamp)
        line.x0, line.x1 = min(line.x0, stamp.x0), max(line.x1, stamp.x1)
        placed.append((stamp, line))
    return out, placed


def header_first(lines: list[Any]) -> list[Any]:
    """Page-1 lines with those printed above the first line read moved to the front, in
    their own order: the header block that a text layer put after the body."""
    if len(lines) < 2 or lines[0].top == lines[0].bottom == 0.0:
        return lines
    first = lines[0]
    above = [ln for ln in lines[1:] if ln.bottom > first.top + 1.0 and not ln.top == ln.bottom == 0.0]
    if not above:
        return lines
    ids = {id(ln) for ln in above}
    return above + [ln for ln in lines if id(ln) not in ids]
