"""Ruled tables on a scanned page: the grid found from the page image's rules, Tesseract's words put in its
cells. A task table read as plain OCR lines runs its columns together (a row's task, lead body and deadline
become separate paragraphs in reading order); read on its grid each row keeps its cells, as in a PDF with a
text layer. Only ruled tables are found (the tables offices print); a borderless table stays text."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .ocr_layout import Word

INK_LEVEL = 160  # grey values below this are ink
GAP = 0.015  # inch: a rule's breaks up to this long (a scan's dropouts) are closed
TOLERANCE = 0.03  # inch: how far a rule's end may stop short of the rule it meets
MIN_RULE = 0.25  # share of the page width a horizontal rule of a table spans at least
MIN_PIECE = 0.12  # inch: the shortest piece of rule (a narrow cell's side or top)
RULE_READINGS = "|¦"  # what Tesseract reads a cell's rule as, when it takes it for a letter


@dataclass
class Rule:
    """A straight line of ink: at `pos` (y of a horizontal rule, x of a vertical one), from `start` to `end`."""

    pos: float
    start: int
    end: int


@dataclass
class Grid:
    """A ruled table: row boundaries `ys`, column boundaries `xs`, and which rules are drawn where."""

    ys: list[float]
    xs: list[float]
    across: list[list[tuple[int, int]]]  # per row boundary, the x-intervals its rule covers
    down: list[list[tuple[int, int]]]  # per column boundary, the y-intervals its rule covers
    cells: dict[tuple[int, int], list[Word]] = field(default_factory=dict)

    def contains(self, x: float, y: float) -> bool:
        """True when the point lies inside the table's outer rules."""
        return self.xs[0] < x < self.xs[-1] and self.ys[0] < y < self.ys[-1]

    @staticmethod
    def _slot(bounds: list[float], v: float) -> int:
        """The band between two boundaries that `v` falls in (the first or last when outside)."""
        return max(0, min(len(bounds) - 2, bisect_right(bounds, v) - 1))

    def owner(self, row: int, col: int) -> tuple[int, int]:
        """The top-left slot of the cell that slot (row, col) belongs to: a slot with no rule on its left is
        part of the cell beside it, one with no rule above it part of the cell above."""
        while True:
            mid_y = (self.ys[row] + self.ys[row + 1]) / 2
            mid_x = (self.xs[col] + self.xs[col + 1]) / 2
            if col > 0 and not _covers(self.down[col], mid_y):
                col -= 1
            elif row > 0 and not _covers(self.across[row], mid_x):
                row -= 1
            else:
                return row, col

    def place(self, word: Word) -> None:
        """Put a word in the cell its centre falls in; a rule read as '|' beside it is no part of it."""
        text = word.text.strip(RULE_READINGS)
        if not text:
            return
        word = word._replace(text=text)
        cx, cy = word.left + word.width / 2, (word.top + word.bottom) / 2
        slot = self.owner(self._slot(self.ys, cy), self._slot(self.xs, cx))
        self.cells.setdefault(slot, []).append(word)

    def unread_ink(self, image: Any, dpi: int, limit: int = 60) -> list[tuple[tuple[int, int], tuple[int, int, int, int]]]:
        """(slot, box of its ink) of the cells that hold ink but no word, a few lines high at most: what
        Tesseract's page layout took for noise (a lone row number)."""
        import numpy as np

        ink = np.asarray(image) < INK_LEVEL
        pad = max(3, round(TOLERANCE * dpi))
        spans: dict[tuple[int, int], list[int]] = {}  # owner -> [last row, last col]
        for r in range(len(self.ys) - 1):
            for c in range(len(self.xs) - 1):
                end = spans.setdefault(self.owner(r, c), [r, c])
                end[0], end[1] = max(end[0], r), max(end[1], c)
        out = []
        for (r, c), (r2, c2) in spans.items():
            if (r, c) in self.cells:
                continue
            x0, x1 = round(self.xs[c]) + pad, round(self.xs[c2 + 1]) - pad
            y0, y1 = round(self.ys[r]) + pad, round(self.ys[r2 + 1]) - pad
            if x1 <= x0 or y1 <= y0:
                continue
            cell = ink[y0:y1, x0:x1]
            rows, cols = np.nonzero(cell.any(axis=1))[0], np.nonzero(cell.any(axis=0))[0]
            if cell.sum() < (0.02 * dpi) ** 2 or rows[-1] - rows[0] > 0.6 * dpi:
                continue
            out.append(((r, c), (x0 + int(cols[0]) - 4, y0 + int(rows[0]) - 4,
                                 x0 + int(cols[-1]) + 5, y0 + int(rows[-1]) + 5)))
        return out[:limit]

    def rows(self) -> list[list[str]]:
        """Cell texts row by row on the grid: a merged cell's text in its top-left slot, the slots it covers
        empty (as the DOCX and PDF readers give merged cells)."""
        out = []
        for r in range(len(self.ys) - 1):
            out.append([cell_text(self.cells.get((r, c), [])) if self.owner(r, c) == (r, c) else ""
                        for c in range(len(self.xs) - 1)])
        return out


def _covers(intervals: Iterable[tuple[int, int]], v: float) -> bool:
    return any(a <= v <= b for a, b in intervals)


def cell_text(words: list[Word]) -> str:
    """A cell's words as its lines (top to bottom, each left to right), one line a line of text."""
    if not words:
        return ""
    height = sorted(w.bottom - w.top for w in words)[len(words) // 2]
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        cy = (w.top + w.bottom) / 2
        if lines and cy - sum((x.top + x.bottom) / 2 for x in lines[-1]) / len(lines[-1]) < 0.5 * height:
            lines[-1].append(w)
        else:
            lines.append([w])
    return "\n".join(" ".join(w.text for w in sorted(ln, key=lambda w: w.left)) for ln in lines)


def _runs(line: Any, min_len: int, gap: int) -> list[tuple[int, int]]:
    """Runs [start, end) of ink in one row of pixels at least `min_len` long, breaks up to `gap` closed."""
    import numpy as np

    edges = np.diff(np.concatenate(([0], line.astype(np.int8), [0])))
    starts, ends = np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0]
    runs: list[tuple[int, int]] = []
    for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
        if runs and s - runs[-1][1] <= gap:
            runs[-1] = (runs[-1][0], e)
        else:
            runs.append((s, e))
    return [(s, e) for s, e in runs if e - s >= min_len]


def ruled_lines(ink: Any, min_len: int, gap: int) -> list[Rule]:
    """Horizontal rules of a boolean ink array (transpose it for vertical ones): runs at least `min_len` long,
    those of adjacent pixel rows that overlap merged into one rule of the line's thickness."""
    import numpy as np

    found: list[list[Any]] = []  # [pixel rows, start, end]
    for y in np.nonzero(ink.sum(axis=1) >= min_len)[0].tolist():
        for s, e in _runs(ink[y], min_len, gap):
            for piece in found:
                if y - piece[0][-1] <= 1 and s < piece[2] and piece[1] < e:
                    piece[0].append(y)
                    piece[1], piece[2] = min(piece[1], s), max(piece[2], e)
                    break
            else:
                found.append([[y], s, e])
    return [Rule(sum(ys) / len(ys), s, e) for ys, s, e in found]


def _group(values: list[float], tol: float) -> list[float]:
    """Positions closer than `tol` taken as one (their mean)."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _sharpest(ys: Any, xs: Any, slopes: Any) -> float:
    """Of `slopes`, the one whose shear stacks the ink points (ys, xs) into the highest row."""
    import numpy as np

    best, best_peak = 0.0, -1
    for slope in slopes:
        rows = np.round(ys - slope * xs).astype(np.int64)
        peak = int(np.bincount(rows - rows.min()).max())
        if peak > best_peak:
            best, best_peak = float(slope), peak
    return best


def rule_slope(image: Any, max_slope: float = 0.035, step: float = 0.0005) -> float:
    """The slope (dy/dx) of a skewed page's rules: the shear that stacks its ink into the sharpest row (a rule
    drawn across the page gives the highest peak), searched on the page at a quarter of its size (at an eighth
    a table's rules are too thin to win over its text)."""
    import numpy as np

    ys, xs = np.nonzero(np.asarray(image.reduce(4)) < INK_LEVEL)
    if not len(ys):
        return 0.0
    return _sharpest(ys, xs, np.arange(-max_slope, max_slope + step / 2, step))


def slots(grids: list[Grid]) -> int:
    """How many cells' worth of grid a page's tables hold."""
    return sum((len(g.ys) - 1) * (len(g.xs) - 1) for g in grids)


def find_grids(image: Any, dpi: int) -> list[Grid]:
    """The ruled tables of a level page image (mode L): rows between horizontal rules that vertical rules join,
    at least two columns."""
    import numpy as np

    ink = np.asarray(image) < INK_LEVEL
    gap, tol, shortest = max(2, round(GAP * dpi)), max(3, round(TOLERANCE * dpi)), max(1, round(MIN_PIECE * dpi))
    # a rule a pixel off straight (a scan levelled by shearing) still runs on: ink spread a pixel across it
    pieces = ruled_lines(ink | np.roll(ink, 1, axis=0) | np.roll(ink, -1, axis=0), shortest, gap)
    down = ruled_lines((ink | np.roll(ink, 1, axis=1) | np.roll(ink, -1, axis=1)).T, shortest, gap)
    ys = _group([r.pos for r in pieces if r.end - r.start >= MIN_RULE * ink.shape[1]], tol)
    # a rule broken by merged cells: its pieces at the height of a long rule
    across = {y: [(r.start, r.end) for r in pieces if abs(r.pos - y) <= tol] for y in ys}
    return _tables(ys, across, _joining(ys, across, down, tol), tol)


def _joining(ys: list[float], across: dict[float, list[tuple[int, int]]], down: list[Rule], tol: int
             ) -> dict[int, list[Rule]]:
    """Per band between two horizontal rules (by the index of its top rule), the vertical rules running across
    it from one horizontal rule to another."""
    def meets(x: float, y: float) -> bool:
        return _covers(((a - tol, b + tol) for a, b in across[y]), x)

    bands: dict[int, list[Rule]] = {}
    for v in down:
        top = [i for i, y in enumerate(ys) if abs(v.start - y) <= tol and meets(v.pos, y)]
        bottom = [i for i, y in enumerate(ys) if abs(v.end - 1 - y) <= tol and meets(v.pos, y)]
        if top and bottom and bottom[-1] > top[0]:
            for i in range(top[0], bottom[-1]):
                bands.setdefault(i, []).append(v)
    return bands


def _tables(ys: list[float], across: dict[float, list[tuple[int, int]]], bands: dict[int, list[Rule]], tol: int
            ) -> list[Grid]:
    """Runs of bands each crossed by two vertical rules or more: one table each, when it has two columns."""
    grids = []
    i = 0
    while i < len(ys) - 1:
        j = i
        while j < len(ys) - 1 and len(bands.get(j, [])) >= 2:
            j += 1
        if j == i:
            i += 1
            continue
        vs = list({id(v): v for k in range(i, j) for v in bands[k]}.values())
        xs = _group([v.pos for v in vs], tol)
        if len(xs) >= 3:
            grids.append(Grid(ys=ys[i:j + 1], xs=xs, across=[across[y] for y in ys[i:j + 1]],
                              down=[[(v.start - tol, v.end + tol) for v in vs if abs(v.pos - x) <= tol] for x in xs]))
        i = j
    return grids
