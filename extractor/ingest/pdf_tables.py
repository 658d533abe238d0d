"""pdfplumber's ruled-table finder fed from pdfium's page objects, about four times faster.

pdfplumber reads a page by interpreting its content stream in Python (pdfminer), which is
most of the cost of a page with a table. Here the same inputs are taken from pdfium: the
painted paths become pdfminer's lines, rectangles and curves (the same points, the same
classification), pdfplumber's own geometry functions turn them into edges, cells and tables,
and its own text function reads each cell from pdfium's characters. Where pdfium's
characters could be read differently from pdfminer's (a character near a cell border, a gap
or a line step near pdfplumber's 3-point tolerances, rotated or unmapped text) or the page
holds what this path does not model (Bézier curves, Form XObjects, a rotated or shifted
page), `find_tables` returns None and the caller asks pdfplumber itself.
"""

from __future__ import annotations

import bisect
import ctypes
from typing import Any

Box = tuple[float, float, float, float]
Found = list[tuple[Box, list[list[str | None]]]]
TextObject = tuple[int, float, float, float, float]
"""A text object's address and bounds (left, bottom, right, top from the bottom of the page)."""

X_MARGIN = 2.0
"""Points a character's horizontal centre must keep from a cell border, and a gap between
characters from pdfplumber's 3-point tolerance, for pdfium's reading to be taken as pdfminer's
(pdfium's advance of a composed Vietnamese letter can exceed pdfminer's by 1.6 points)."""
Y_MARGIN = 1.0
"""The same for vertical centres and steps between lines (pdfium's descent differs from
pdfminer's by a fraction of a point)."""
TOL = 3.0  # pdfplumber's default x/y tolerance of text extraction
UNSEEN = (0.0, 0.0)
"""The metrics of a text object not met yet (a marker compared by identity)."""
EPS = 0.05
"""Points by which pdfium's path coordinates (floats) may differ from pdfminer's (decimals)."""


def _paths(page: Any, height: float, texts: list[TextObject]) -> list[dict[str, Any]] | None:
    """pdfplumber's edges of the page's painted paths; None when a path holds a curve or the
    page a Form XObject (pdfminer's reading of those is not modelled here). `texts` receives
    the page's text objects with their bounds, met on the same pass."""
    import pypdfium2.raw as c

    raw = page.raw
    lines: list[dict[str, Any]] = []
    rects: list[dict[str, Any]] = []
    curves: list[dict[str, Any]] = []
    matrix = c.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    for k in range(c.FPDFPage_CountObjects(raw)):
        obj = c.FPDFPage_GetObject(raw, k)
        kind = c.FPDFPageObj_GetType(obj)
        if kind == c.FPDF_PAGEOBJ_FORM:
            return None
        if kind == c.FPDF_PAGEOBJ_TEXT:
            if c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                texts.append((ctypes.cast(obj, ctypes.c_void_p).value or 0, left.value, bottom.value, right.value,
                              top.value))
            continue
        if kind != c.FPDF_PAGEOBJ_PATH:
            continue
        if not c.FPDFPageObj_GetMatrix(obj, matrix):
            return None
        a, b, cc, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
        subpath: list[tuple[float, float]] = []
        shape = ""
        for s in range(c.FPDFPath_CountSegments(obj)):
            seg = c.FPDFPath_GetPathSegment(obj, s)
            t = c.FPDFPathSegment_GetType(seg)
            if t not in (c.FPDF_SEGMENT_MOVETO, c.FPDF_SEGMENT_LINETO):
                return None
            c.FPDFPathSegment_GetPoint(seg, x, y)
            pt = (a * x.value + cc * y.value + e, b * x.value + d * y.value + f)
            if t == c.FPDF_SEGMENT_MOVETO:
                _paint(shape, subpath, height, lines, rects, curves)
                shape, subpath = "m", [pt]
            else:
                shape += "l"
                subpath.append(pt)
                if c.FPDFPathSegment_GetClose(seg):
                    shape += "h"
                    subpath.append(subpath[0])
        _paint(shape, subpath, height, lines, rects, curves)
    from pdfplumber import utils

    return [utils.line_to_edge(ln) for ln in lines] + [e for r in rects for e in utils.rect_to_edges(r)] \
        + [e for cv in curves for e in utils.curve_to_edges(cv)]


def _paint(shape: str, pts: list[tuple[float, float]], height: float, lines: list[dict[str, Any]],
           rects: list[dict[str, Any]], curves: list[dict[str, Any]]) -> None:
    """One subpath classified as pdfminer's paint_path does (line, rectangle or curve), as a
    pdfplumber object."""
    if not shape:
        return
    pts = list(pts)
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        lines.append(_obj("line", pts[:2], height))
        return
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            rects.append(_obj("rect", [pts[0], pts[2]], height))
            return
    curve = _obj("curve", pts, height)
    curve["pts"] = [(px, height - py) for px, py in pts]
    curves.append(curve)


def _obj(kind: str, pts: list[tuple[float, float]], height: float) -> dict[str, Any]:
    """A pdfplumber object dict (bbox of `pts`, top measured from the top of the page)."""
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    return {"object_type": kind, "x0": x0, "x1": x1, "y0": y0, "y1": y1, "width": x1 - x0, "height": y1 - y0,
            "top": height - y1, "bottom": height - y0, "doctop": height - y1}


def _intersections(edges: list[dict[str, Any]], shift: float = 0.0) -> dict[Any, Any] | None:
    """pdfplumber's lines-strategy intersections of the edges, with every tolerance moved by
    `shift`; None when an edge's length sits on one of pdfplumber's minimum lengths."""
    from pdfplumber import utils
    from pdfplumber.table import TableSettings, edges_to_intersections, merge_edges

    s = TableSettings.resolve(None)
    if any(abs(e["height" if e["orientation"] == "v" else "width"] - m) < EPS for e in edges
           for m in (s.edge_min_length_prefilter, s.edge_min_length)):
        return None
    v = utils.filter_edges(edges, "v", min_length=s.edge_min_length_prefilter)
    h = utils.filter_edges(edges, "h", min_length=s.edge_min_length_prefilter)
    merged = merge_edges(v + h, snap_x_tolerance=s.snap_x_tolerance + shift, snap_y_tolerance=s.snap_y_tolerance + shift,
                         join_x_tolerance=s.join_x_tolerance + shift, join_y_tolerance=s.join_y_tolerance + shift)
    if any(abs(e["height" if e["orientation"] == "v" else "width"] - s.edge_min_length) < EPS for e in merged):
        return None
    merged = utils.filter_edges(merged, min_length=s.edge_min_length)
    return edges_to_intersections(merged, s.intersection_x_tolerance + shift, s.intersection_y_tolerance + shift)


def _tables(edges: list[dict[str, Any]]) -> list[list[Box]] | None:
    """pdfplumber's lines-strategy tables (as their cells) from edges, or None when the
    intersections change as the tolerances move by EPS (pdfium's float coordinates and
    pdfminer's decimal ones could fall on either side of one)."""
    from pdfplumber.table import cells_to_tables, intersections_to_cells

    points = _intersections(edges)
    if points is None:
        return None
    tables = cells_to_tables(intersections_to_cells(points))
    keys, shape = sorted(points), [sorted(t) for t in tables]
    for moved in (_intersections(edges, d) for d in (-EPS, EPS)):
        if moved is None or sorted(moved) != keys and [sorted(t) for t in cells_to_tables(intersections_to_cells(moved))] != shape:
            return None
    return tables


def _chars(textpage: Any, height: float, boxes: list[Box],
           counts: dict[int, int]) -> list[dict[str, Any]] | None:
    """pdfium's characters whose centre lies in (or within 2 points of) one of `boxes` (x0, top,
    x1, bottom from the top of the page), as pdfplumber character dicts with pdfminer's box:
    from the origin to the advance (the right of pdfium's loose box), from the font's descent up
    one font size. None for rotated, skewed or unmapped characters there. `counts` receives the
    number of non-blank characters of each text object (by address).

    A text object's characters share its matrix (pdfium makes one object per text-showing
    operator), so its font metrics and its angle are asked once per object."""
    import pypdfium2.raw as c

    from .pdfium_calls import api, handle

    raw = textpage.raw
    n = c.FPDFText_CountChars(raw)
    text = textpage.get_text_range() if n > 0 else ""
    if len(text) != n:
        return None
    ffi, lib = api()
    tp = handle(raw)
    object_of, origin, loose, generated = (lib.FPDFText_GetTextObject, lib.FPDFText_GetCharOrigin,
                                           lib.FPDFText_GetLooseCharBox, lib.FPDFText_IsGenerated)
    rect = ffi.new("FS_RECTF*")
    xy = ffi.new("double[2]")
    px, py = xy, xy + 1
    fonts: dict[int, tuple[float, float] | None] = {}  # text object: (size, descent)
    level: dict[int, bool] = {}  # text object: its angle is 0
    rows = [(b[1] - 2, b[3] + 2) for b in boxes]
    wide = [(b[0] - 2, b[2] + 2, b[1] - 2, b[3] + 2) for b in boxes]
    out: list[dict[str, Any]] = []
    for i, ch in enumerate(text):
        blank = ch.isspace()
        if blank and generated(tp, i):
            continue
        key = object_of(tp, i)
        if not blank:
            counts[key] = counts.get(key, 0) + 1
        metrics = fonts.get(key, UNSEEN)
        if metrics is UNSEEN:
            metrics = fonts[key] = _metrics(ffi, lib, tp, i, key)
        if metrics is None:
            return None
        origin(tp, i, px, py)
        bottom = height - (xy[1] + metrics[1])
        top = bottom - metrics[0]
        vm = (top + bottom) / 2
        for low, high in rows:
            if low <= vm <= high:
                break
        else:
            continue
        loose(tp, i, rect)
        x0, x1 = xy[0], rect.right
        hm = (x0 + x1) / 2
        for left, right, low, high in wide:
            if left <= hm <= right and low <= vm <= high:
                break
        else:
            continue
        if ch == "\ufffe":  # pdfium's mark of a hyphen ending a line, which pdfminer reads as it is
            ch = "-"
        elif ch in "\ufffd\x00" or "\ud800" <= ch <= "\udfff" or x1 < x0:
            return None
        else:
            flat = level.get(key)
            if flat is None:
                flat = level[key] = lib.FPDFText_GetCharAngle(tp, i) == 0.0
            if not flat:
                return None
        out.append({"text": ch, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "upright": True})
    return out


def _metrics(ffi: Any, lib: Any, tp: int, i: int, obj: int) -> tuple[float, float] | None:
    """(font size, descent) in points of character `i`'s text object `obj`, as pdfminer scales
    them; None for skewed, rotated or mirrored text."""
    matrix = ffi.new("FS_MATRIX*")
    if not lib.FPDFText_GetMatrix(tp, i, matrix) or matrix.b != 0 or matrix.c != 0 or matrix.d <= 0:
        return None
    size = lib.FPDFText_GetFontSize(tp, i) * matrix.d
    descent = ffi.new("float*")
    if not lib.FPDFFont_GetDescent(lib.FPDFTextObj_GetFont(obj), size, descent):
        return None
    return size, descent[0]


def _all_read(textpage: Any, height: float, boxes: list[Box], texts: list[TextObject],
              counts: dict[int, int]) -> bool:
    """True when pdfium's text page holds every non-blank character of each text object drawn
    over a table (pdfium leaves out a text object that repeats the previous one, a bold effect
    pdfminer reads twice)."""
    from .pdfium_calls import api, handle

    ffi, lib = api()
    tp = handle(textpage.raw)
    size = 1024
    buf = ffi.new("unsigned short[]", size)
    for obj, left, bottom, right, top in texts:
        if not any(left <= b[2] + 2 and right >= b[0] - 2 and height - top <= b[3] + 2
                   and height - bottom >= b[1] - 2 for b in boxes):
            continue
        need = lib.FPDFTextObj_GetText(obj, tp, buf, 2 * size)
        if need > 2 * size:
            size = need // 2 + 1
            buf = ffi.new("unsigned short[]", size)
            need = lib.FPDFTextObj_GetText(obj, tp, buf, 2 * size)
        text = ffi.buffer(buf, max(need - 2, 0))[:].decode("utf-16-le", "replace").rstrip("\x00")
        if sum(1 for ch in text if not ch.isspace()) != counts.get(obj, 0):
            return False
    return True


def _ambiguous(cell: list[dict[str, Any]]) -> bool:
    """True when two lines of a cell stand about 3 points apart, or two characters of a line
    with no blank between them do: pdfminer's and pdfium's boxes could fall on either side."""
    tops = sorted({ch["top"] for ch in cell})
    for k, a in enumerate(tops):
        j = bisect.bisect_right(tops, a + TOL - Y_MARGIN, k + 1)
        if j < len(tops) and tops[j] < a + TOL + Y_MARGIN:
            return True
    lines: dict[float, list[dict[str, Any]]] = {}
    for ch in cell:
        lines.setdefault(round(ch["top"], 1), []).append(ch)
    for line in lines.values():
        line.sort(key=lambda ch: ch["x0"])
        if any(abs((q["x0"] - p["x1"]) - TOL) < X_MARGIN for p, q in zip(line, line[1:], strict=False)
               if not p["text"].isspace() and not q["text"].isspace()):
            return True
    return False


def _extract(table: Any, chars: list[dict[str, Any]]) -> list[list[str | None]] | None:
    """pdfplumber's Table.extract over the characters in the table, or None when a character
    lies near a border or a cell's reading sits on a tolerance.

    pdfplumber tests each character's centre against each cell (left and top edges included);
    the cells' edges are the table's grid lines, so each character is placed once, by bisection,
    in the grid slot holding its centre, and a cell takes the characters of the slots it spans."""
    from pdfplumber import utils

    xs = sorted({v for cell in table.cells for v in (cell[0], cell[2])})
    ys = sorted({v for cell in table.cells for v in (cell[1], cell[3])})
    nx, ny = len(xs), len(ys)
    slots: dict[tuple[int, int], list[int]] = {}
    for k, ch in enumerate(chars):
        mx, my = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        if not ch["text"].isspace():  # a blank next to a border starts or ends a cell's line: harmless
            i = bisect.bisect_left(xs, mx - X_MARGIN)
            j = bisect.bisect_left(ys, my - Y_MARGIN)
            if i < nx and xs[i] < mx + X_MARGIN or j < ny and ys[j] < my + Y_MARGIN:
                return None
        slots.setdefault((bisect.bisect_right(xs, mx) - 1, bisect.bisect_right(ys, my) - 1), []).append(k)
    column, line = {v: i for i, v in enumerate(xs)}, {v: j for j, v in enumerate(ys)}
    out: list[list[str | None]] = []
    for row in table.rows:
        cells: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            x0, top, x1, bottom = (column[cell[0]], line[cell[1]], column[cell[2]], line[cell[3]])
            spans = [slots[i, j] for i in range(x0, x1) for j in range(top, bottom) if (i, j) in slots]
            indexes = spans[0] if len(spans) == 1 else sorted(k for span in spans for k in span)
            inside = [chars[k] for k in indexes]
            if inside and _ambiguous(inside):
                return None
            cells.append(utils.extract_text(inside) if inside else "")
        out.append(cells)
    return out


def find_tables(page: Any, textpage: Any) -> Found | None:
    """The page's tables as pdfplumber's find_tables + extract give them (bbox x0, top, x1,
    bottom from the top of the page; rows of cells, None for a merged cell), or None when
    pdfplumber must read the page itself."""
    from pdfplumber.table import Table

    if page.get_rotation() != 0:
        return None
    x0, y0, _, height = page.get_mediabox()
    if x0 != 0 or y0 != 0:
        return None
    texts: list[TextObject] = []
    edges = _paths(page, height, texts)
    if edges is None:
        return None
    groups = _tables(edges)
    if groups is None:
        return None
    if not groups:
        return []
    tables = [Table(None, g) for g in groups]  # type: ignore[arg-type]  # the page is only read by extract
    counts: dict[int, int] = {}
    chars = _chars(textpage, height, [t.bbox for t in tables], counts)
    if chars is None or not _all_read(textpage, height, [t.bbox for t in tables], texts, counts):
        return None
    found: Found = []
    for table in tables:
        box = table.bbox
        rows = _extract(table, [ch for ch in chars if box[0] - 2 <= (ch["x0"] + ch["x1"]) / 2 <= box[2] + 2
                                and box[1] - 2 <= (ch["top"] + ch["bottom"]) / 2 <= box[3] + 2])
        if rows is None:
            return None
        found.append((box, rows))
    return found
