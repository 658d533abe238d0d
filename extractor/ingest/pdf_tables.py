"""pdfplumber's ruled-table finder fed from pdfium's page objects, many times faster.

pdfplumber reads a page by interpreting its content stream in Python (pdfminer), which is
most of the cost of a page with a table. Here the same inputs are taken from pdfium: the
painted paths become pdfminer's lines, rectangles and curves (the same points, the same
classification), pdfplumber's own geometry functions turn them into edges and intersections,
and its cell search (`_cells`) and its text function (`_cell_text`), redone here over
tuples with the same comparisons (tests hold them to pdfplumber's), make the cells and read
each from pdfium's characters. Where pdfium's
characters could be read differently from pdfminer's (a character near a cell border, a gap
or a line step near pdfplumber's 3-point tolerances, rotated or unmapped text) or the page
holds what this path does not model (Bézier curves, Form XObjects, a rotated or shifted
page), `find_tables` returns None and the caller asks pdfplumber itself.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, deque
from collections.abc import Iterator
from itertools import compress, groupby, repeat
from operator import add, itemgetter
from typing import Any, Final

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

    from .pdfium_calls import api, handle

    ffi, lib = api()
    raw = handle(page.raw)
    lines: list[dict[str, Any]] = []
    rects: list[dict[str, Any]] = []
    curves: list[dict[str, Any]] = []
    matrix = ffi.new("FS_MATRIX*")
    xy = ffi.new("float[2]")
    x, y = xy, xy + 1
    box = ffi.new("float[4]")
    left, bottom, right, top = box, box + 1, box + 2, box + 3
    get_object, kind_of, bounds, matrix_of = (lib.FPDFPage_GetObject, lib.FPDFPageObj_GetType,
                                              lib.FPDFPageObj_GetBounds, lib.FPDFPageObj_GetMatrix)
    segment_of, segment_kind, point, closes = (lib.FPDFPath_GetPathSegment, lib.FPDFPathSegment_GetType,
                                               lib.FPDFPathSegment_GetPoint, lib.FPDFPathSegment_GetClose)
    moveto, lineto = c.FPDF_SEGMENT_MOVETO, c.FPDF_SEGMENT_LINETO
    for k in range(lib.FPDFPage_CountObjects(raw)):
        obj = get_object(raw, k)
        kind = kind_of(obj)
        if kind == c.FPDF_PAGEOBJ_FORM:
            return None
        if kind == c.FPDF_PAGEOBJ_TEXT:
            if bounds(obj, left, bottom, right, top):
                texts.append((obj, box[0], box[1], box[2], box[3]))
            continue
        if kind != c.FPDF_PAGEOBJ_PATH:
            continue
        if not matrix_of(obj, matrix):
            return None
        a, b, cc, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
        subpath: list[tuple[float, float]] = []
        shape = ""
        for s in range(lib.FPDFPath_CountSegments(obj)):
            seg = segment_of(obj, s)
            t = segment_kind(seg)
            if t != moveto and t != lineto:
                return None
            point(seg, x, y)
            px, py = xy[0], xy[1]
            pt = (a * px + cc * py + e, b * px + d * py + f)
            if t == moveto:
                _paint(shape, subpath, height, lines, rects, curves)
                shape, subpath = "m", [pt]
            else:
                shape += "l"
                subpath.append(pt)
                if closes(seg):
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
    from pdfplumber.table import edges_to_intersections, merge_edges

    s = _settings()
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


@functools.cache
def _settings() -> Any:
    """pdfplumber's default table settings (read, never changed)."""
    from pdfplumber.table import TableSettings

    return TableSettings.resolve(None)


def _cells(points: dict[Any, Any]) -> list[Box]:
    """pdfplumber's `intersections_to_cells`: from each intersection (in sorted order) the
    smallest cell whose corners are intersections joined by common edges. The same search, with
    each point's edges made a set of boxes once (pdfplumber remakes them for every pair of
    points compared) and the points below and to the right of a point read from its column
    and its row."""
    from pdfplumber.utils import obj_to_bbox

    v = {p: set(map(obj_to_bbox, d["v"])) for p, d in points.items()}
    h = {p: set(map(obj_to_bbox, d["h"])) for p, d in points.items()}

    def connects(p: tuple[float, float], q: tuple[float, float]) -> bool:
        return p[0] == q[0] and not v[p].isdisjoint(v[q]) or p[1] == q[1] and not h[p].isdisjoint(h[q])

    order = sorted(points)
    columns: dict[float, list[tuple[float, float]]] = {}
    rows: dict[float, list[tuple[float, float]]] = {}
    for p in order:
        columns.setdefault(p[0], []).append(p)
        rows.setdefault(p[1], []).append(p)
    place = {p: (columns[p[0]].index(p), rows[p[1]].index(p)) for p in order}
    cells: list[Box] = []
    for pt in order:
        below, right = columns[pt[0]][place[pt][0] + 1:], rows[pt[1]][place[pt][1] + 1:]
        cell = next(((pt[0], pt[1], r[0], b[1]) for b in below if connects(pt, b) for r in right
                     if connects(pt, r) and (r[0], b[1]) in points and connects((r[0], b[1]), r)
                     and connects((r[0], b[1]), b)), None)
        if cell is not None:
            cells.append(cell)
    return cells


def _tables(edges: list[dict[str, Any]]) -> list[list[Box]] | None:
    """pdfplumber's lines-strategy tables (as their cells) from edges, or None when the
    intersections change as the tolerances move by EPS (pdfium's float coordinates and
    pdfminer's decimal ones could fall on either side of one)."""
    from pdfplumber.table import cells_to_tables

    points = _intersections(edges)
    if points is None:
        return None
    tables = cells_to_tables(_cells(points))
    keys, shape = sorted(points), [sorted(t) for t in tables]
    for moved in (_intersections(edges, d) for d in (-EPS, EPS)):
        if moved is None or sorted(moved) != keys and [sorted(t) for t in cells_to_tables(_cells(moved))] != shape:
            return None
    return tables


Char = tuple[str, float, float, float, float, float, float]
"""A character as pdfplumber would see it: text, x0, x1, top, bottom (from the top of the page),
and its horizontal and vertical centre."""
TEXT: Final = 0
X0: Final = 1
X1: Final = 2
TOP: Final = 3
BOTTOM: Final = 4
HMID: Final = 5
VMID: Final = 6


def _chars(textpage: Any, height: float, boxes: list[Box], counts: dict[int, int]) -> list[list[Char]] | None:
    """pdfium's characters whose centre lies in (or within 2 points of) each of `boxes` (x0,
    top, x1, bottom from the top of the page), one list a box, with pdfminer's box: from the
    origin to the advance (the right of pdfium's loose box), from the font's descent up one
    font size. None for rotated, skewed or unmapped characters there. `counts` receives the
    number of non-blank characters of each text object (by address).

    A text object's characters share its matrix (pdfium makes one object per text-showing
    operator), so its font metrics are asked once per object, at its first character, and its
    angle at its first character in a box. PDFium is called through `map` (no Python code a
    call) and the boxes are computed over arrays, in the same float operations one character
    at a time would do."""
    import numpy as np
    import pypdfium2.raw as c

    from .pdfium_calls import api, handle

    raw = textpage.raw
    n = c.FPDFText_CountChars(raw)
    text = textpage.get_text_range() if n > 0 else ""
    if len(text) != n:
        return None
    out: list[list[Char]] = [[] for _ in boxes]
    if n == 0:
        return out
    ffi, lib = api()
    tp = handle(raw)
    blank = np.zeros(n, dtype=bool)
    spaces = [m.start() for m in _BLANK.finditer(text)]
    blank[spaces] = True
    kept = np.ones(n, dtype=bool)
    kept[list(compress(spaces, map(lib.FPDFText_IsGenerated, repeat(tp), spaces)))] = False
    index = np.flatnonzero(kept)  # the characters read: pdfium's generated blanks are left out
    ids = index.tolist()
    m = len(ids)
    objects = list(map(lib.FPDFText_GetTextObject, repeat(tp, m), ids))
    counts.update(Counter(compress(objects, (~blank[index]).tolist())))
    first = dict(zip(reversed(objects), reversed(ids), strict=True))  # each text object's first character
    metrics = _metrics(ffi, lib, tp, first)
    if metrics is None:
        return None
    code = {k: j for j, k in enumerate(first)}
    which = np.fromiter(map(code.__getitem__, objects), dtype=np.intp, count=m)
    size, descent = metrics[0][which], metrics[1][which]
    xy = ffi.new("double[]", 2 * m)
    _run(map(lib.FPDFText_GetCharOrigin, repeat(tp, m), ids, map(add, repeat(xy), range(0, 2 * m, 2)),
             map(add, repeat(xy + 1), range(0, 2 * m, 2))))
    x, y = np.frombuffer(ffi.buffer(xy), dtype=np.float64).reshape(m, 2).T.copy()
    bottom = height - (y + descent)
    top = bottom - size
    vm = (top + bottom) / 2
    inrow = np.zeros(m, dtype=bool)
    for low, high in _union([(b[1] - 2, b[3] + 2) for b in boxes]):
        inrow |= (low <= vm) & (vm <= high)
    row = np.flatnonzero(inrow)  # (of the characters read) those level with a box
    k = len(row)
    rect = ffi.new("FS_RECTF[]", max(k, 1))
    _run(map(lib.FPDFText_GetLooseCharBox, repeat(tp, k), index[row].tolist(), map(add, repeat(rect), range(k))))
    x0, x1 = x[row], np.frombuffer(ffi.buffer(rect), dtype=np.float32).reshape(-1, 4)[:k, 2].astype(np.float64)
    hm, vm = (x0 + x1) / 2, vm[row]
    inbox = [(left <= hm) & (hm <= right) & (low <= vm) & (vm <= high)
             for left, right, low, high in ((b[0] - 2, b[2] + 2, b[1] - 2, b[3] + 2) for b in boxes)]
    pick = np.flatnonzero(np.logical_or.reduce(inbox))  # (of those) the characters in a box
    if not len(pick):
        return out
    at = row[pick]  # their places among the characters read
    letters = "".join(map(text.__getitem__, index[at].tolist()))
    if _UNMAPPED.search(letters):
        return None
    marks = np.frombuffer(letters.encode("utf-32-le"), dtype=np.uint32) == 0xFFFE  # pdfium's mark of a
    x0, x1, hm, vm = x0[pick], x1[pick], hm[pick], vm[pick]  # hyphen ending a line, which pdfminer reads as it is
    if (x1 < x0)[~marks].any():
        return None
    level = ~marks  # each text object's angle is asked at its first character here (not a mark)
    owners = list(map(objects.__getitem__, at[level].tolist()))
    angle_at = dict(zip(reversed(owners), reversed(index[at][level].tolist()), strict=True))
    if any(lib.FPDFText_GetCharAngle(tp, i) != 0.0 for i in angle_at.values()):
        return None
    chars = list(zip(letters.replace("\ufffe", "-"), x0.tolist(), x1.tolist(), top[at].tolist(),
                     bottom[at].tolist(), hm.tolist(), vm.tolist(), strict=True))
    for placed, box in zip(out, inbox, strict=True):
        placed.extend(compress(chars, box[pick].tolist()))
    return out


_BLANK = re.compile(r"\s")
"""A blank as str.isspace() tells it (the same Unicode property)."""
_UNMAPPED = re.compile("[\ufffd\x00\ud800-\udfff]")
"""A character pdfium could not map to Unicode."""


def _run(calls: Iterator[Any]) -> None:
    """Make every call of a lazy `map`."""
    deque(calls, maxlen=0)


def _union(ranges: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The closed ranges merged where they overlap (a value lies in one of the result exactly
    when it lies in one of `ranges`)."""
    out: list[tuple[float, float]] = []
    for low, high in sorted(ranges):
        if out and low <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], high))
        else:
            out.append((low, high))
    return out


def _metrics(ffi: Any, lib: Any, tp: int, first: dict[int, int]) -> Any:
    """(font sizes, descents) in points of the text objects of `first` (each with the index of
    a character of it), as pdfminer scales them, in two arrays; None when one is skewed,
    rotated or mirrored, or its font has no descent."""
    import numpy as np

    objects, at = list(first), list(first.values())
    k = len(objects)
    matrix = ffi.new("FS_MATRIX[]", k)
    if not all(map(lib.FPDFText_GetMatrix, repeat(tp, k), at, map(add, repeat(matrix), range(k)))):
        return None
    _, b, cc, d, _, _ = np.frombuffer(ffi.buffer(matrix), dtype=np.float32).reshape(k, 6).T.astype(np.float64)
    if (b != 0).any() or (cc != 0).any() or (d <= 0).any():
        return None
    size = np.fromiter(map(lib.FPDFText_GetFontSize, repeat(tp, k), at), dtype=np.float64, count=k) * d
    descent = ffi.new("float*")
    known: dict[tuple[int, float], float] = {}  # (font, size): descent
    descents = []
    for font, points in zip(map(lib.FPDFTextObj_GetFont, objects), size.tolist(), strict=True):
        got = known.get((font, points))
        if got is None:
            if not lib.FPDFFont_GetDescent(font, points, descent):
                return None
            got = known[font, points] = descent[0]
        descents.append(got)
    return size, np.array(descents, dtype=np.float64)


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


def _ambiguous(cell: list[Char]) -> bool:
    """True when two lines of a cell stand about 3 points apart, or two characters of a line
    with no blank between them do: pdfminer's and pdfium's boxes could fall on either side."""
    tops = sorted({ch[TOP] for ch in cell})
    for k, a in enumerate(tops):
        j = bisect.bisect_right(tops, a + TOL - Y_MARGIN, k + 1)
        if j < len(tops) and tops[j] < a + TOL + Y_MARGIN:
            return True
    lines: dict[float, list[Char]] = {}
    for ch in cell:
        lines.setdefault(round(ch[TOP], 1), []).append(ch)
    for line in lines.values():
        line.sort(key=_by_x0)
        p = line[0]
        for q in line[1:]:
            if abs((q[X0] - p[X1]) - TOL) < X_MARGIN and not p[TEXT].isspace() and not q[TEXT].isspace():
                return True
            p = q
    return False


_by_x0 = itemgetter(X0)


def _clusters(values: set[float]) -> dict[float, int]:
    """pdfplumber's make_cluster_dict with its default 3-point tolerance: each value's cluster,
    a value joining the cluster of the one below it when within 3 points of it."""
    out: dict[float, int] = {}
    k = 0
    last = None
    for v in sorted(values):
        if last is not None and v > last + TOL:
            k += 1
        out[v] = k
        last = v
    return out


def _cell_text(chars: list[Char]) -> str:
    """pdfplumber's `utils.extract_text(chars)` (its default settings) over upright characters,
    without its dicts: lines are clusters of tops within 3 points (characters kept in their
    order, then sorted by x0), a blank or a step back, a gap over 3 points or a top 3 points
    away starts a word, and the words are clustered again into lines by their tops."""
    line_of = _clusters({ch[TOP] for ch in chars})
    lines: list[list[Char]] = [[] for _ in range(max(line_of.values()) + 1)]
    for ch in chars:
        lines[line_of[ch[TOP]]].append(ch)
    words: list[tuple[float, str]] = []  # top, text
    for line in lines:
        line.sort(key=_by_x0)
        word: list[Char] = []
        for ch in line:
            if ch[TEXT].isspace():
                if word:
                    words.append((min(c[TOP] for c in word), "".join(c[TEXT] for c in word)))
                    word = []
                continue
            if word:
                p = word[-1]
                if ch[X0] < p[X0] or ch[X0] > p[X1] + TOL or abs(ch[TOP] - p[TOP]) > TOL:
                    words.append((min(c[TOP] for c in word), "".join(c[TEXT] for c in word)))
                    word = []
            word.append(ch)
        if word:
            words.append((min(c[TOP] for c in word), "".join(c[TEXT] for c in word)))
    if not words:
        return ""
    row_of = _clusters({w[0] for w in words})
    rows: list[list[str]] = [[] for _ in range(max(row_of.values()) + 1)]
    for top, word_text in words:
        rows[row_of[top]].append(word_text)
    text = "\n".join(" ".join(row) for row in rows if row)
    return _ligature_rx().sub(_expand, text) if not text.isascii() else text


@functools.cache
def _ligature_rx() -> re.Pattern[str]:
    from pdfplumber.utils.text import LIGATURES

    return re.compile("|".join(map(re.escape, LIGATURES)))


def _expand(m: re.Match[str]) -> str:
    from pdfplumber.utils.text import LIGATURES

    return LIGATURES[m.group()]


def _extract(table: Any, chars: list[Char]) -> list[list[str | None]] | None:
    """pdfplumber's Table.extract over the characters in the table, or None when a character
    lies near a border or a cell's reading sits on a tolerance.

    pdfplumber tests each character's centre against each cell (left and top edges included);
    the cells' edges are the table's grid lines, so each character is placed once, by bisection
    (numpy's searchsorted over all of them), in the grid slot holding its centre, and a cell
    takes the characters of the slots it spans."""
    import numpy as np

    xs = sorted({v for cell in table.cells for v in (cell[0], cell[2])})
    ys = sorted({v for cell in table.cells for v in (cell[1], cell[3])})
    n = len(chars)
    hm = np.fromiter(map(_hmid, chars), dtype=np.float64, count=n)
    vm = np.fromiter(map(_vmid, chars), dtype=np.float64, count=n)
    shown = ~np.fromiter(map(str.isspace, map(_text, chars)), dtype=bool, count=n)
    # a blank next to a border starts or ends a cell's line: harmless
    for lines, mid, margin in ((xs, hm, X_MARGIN), (ys, vm, Y_MARGIN)):
        grid = np.array([*lines, np.inf])
        if (grid[np.searchsorted(lines, mid - margin, side="left")] < mid + margin)[shown].any():
            return None
    key = (np.searchsorted(xs, hm, side="right") * (len(ys) + 1) + np.searchsorted(ys, vm, side="right")).tolist()
    slots: dict[int, list[int]] = {}
    for k, slot in enumerate(key):
        held = slots.get(slot)
        if held is None:
            slots[slot] = [k]
        else:
            held.append(k)
    column, line = {v: i + 1 for i, v in enumerate(xs)}, {v: j + 1 for j, v in enumerate(ys)}
    out: list[list[str | None]] = []
    for row in table.rows:
        cells: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            x0, top, x1, bottom = (column[cell[0]], line[cell[1]], column[cell[2]], line[cell[3]])
            spans = [slots[i * (len(ys) + 1) + j] for i in range(x0, x1) for j in range(top, bottom)
                     if i * (len(ys) + 1) + j in slots]
            indexes = spans[0] if len(spans) == 1 else sorted(k for span in spans for k in span)
            if not indexes:
                cells.append("")
                continue
            text = _read_cell([chars[k] for k in indexes])
            if text is None:
                return None
            cells.append(text)
        out.append(cells)
    return out


_text, _hmid, _vmid, _by_top_x0 = itemgetter(TEXT), itemgetter(HMID), itemgetter(VMID), itemgetter(TOP, X0)


def _read_cell(cell: list[Char]) -> str | None:
    """`_cell_text` of a cell, or None when `_ambiguous`; at once when its lines stand more than
    3 points apart, each at one top (the usual cell): a line is then its characters sorted by
    x0, its own cluster for pdfplumber, and its words are split at blanks and gaps."""
    ordered = sorted(cell, key=_by_top_x0)  # by line, each in its characters' order sorted by x0
    lines = [list(g) for _, g in groupby(ordered, key=_top)]
    tops = [ln[0][TOP] for ln in lines]
    if any(b <= a + TOL for a, b in zip(tops, tops[1:], strict=False)):  # lines pdfplumber would cluster
        return None if _ambiguous(cell) else _cell_text(cell)
    if any(b < a + TOL + Y_MARGIN for a, b in zip(tops, tops[1:], strict=False)):
        return None
    rows = []
    for ln in lines:
        words = []
        word: list[str] = []
        p = None
        for q in ln:
            if q[TEXT].isspace():
                if word:
                    words.append("".join(word))
                    word = []
            else:
                if p is not None and not p[TEXT].isspace():
                    if abs((q[X0] - p[X1]) - TOL) < X_MARGIN:
                        return None
                    if word and q[X0] > p[X1] + TOL:
                        words.append("".join(word))
                        word = []
                word.append(q[TEXT])
            p = q
        if word:
            words.append("".join(word))
        if words:
            rows.append(" ".join(words))
    text = "\n".join(rows)
    return _ligature_rx().sub(_expand, text) if not text.isascii() else text


_top = itemgetter(TOP)


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
    for table, inside in zip(tables, chars, strict=True):
        rows = _extract(table, inside)
        if rows is None:
            return None
        found.append((table.bbox, rows))
    return found
