"""OCR layout: Tesseract's TSV word boxes -> lines -> paragraphs (deskewed, two-column headers read
column by column, wrapped lines joined, list items and headings kept apart)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import NamedTuple

NOISE_CONFIDENCE = 60  # punctuation-only words below this confidence are dropped
SKEWED = 0.0035  # slope (~0.2 degree) from which a scan's boxes are levelled


class Word(NamedTuple):
    text: str
    left: float
    width: float
    top: float
    bottom: float


@dataclass
class OcrLine:
    left: float
    top: float
    right: float
    bottom: float
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w[0] for w in self.words)


_LIST_START = re.compile(r"^(?:[-+•*–]|\d+(?:\.\d+)*[.)]|[a-zđ][.)]|[IVXLC]+\.|Điều\s+\d|Chương\s+[IVXLC\d])")
_ENDS_SENTENCE = re.compile(r"[.:;!?]$")


def page_width(tsv: str) -> int:
    """The page width Tesseract reports (its level-1 row), 0 when absent."""
    for row in csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row and row[0] == "1" and len(row) >= 9:
            return int(row[8])
    return 0


def tsv_lines(tsv: str) -> list[OcrLine]:
    """Lines of words, in Tesseract's reading order, from its TSV output."""
    lines: dict[tuple[int, int, int], OcrLine] = {}
    reader = csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    next(reader, None)
    for row in reader:
        if len(row) < 12 or row[0] != "5":
            continue
        text = row[11].strip()
        if not text or (not any(c.isalnum() for c in text) and float(row[10]) < NOISE_CONFIDENCE):
            continue  # specks Tesseract itself doubts: punctuation-only words of low confidence
        key = (int(row[2]), int(row[3]), int(row[4]))
        left, top, width, height = (int(v) for v in row[6:10])
        ln = lines.get(key)
        if ln is None:
            lines[key] = OcrLine(left, top, left + width, top + height, [Word(text, left, width, top, top + height)])
        else:
            ln.left, ln.top = min(ln.left, left), min(ln.top, top)
            ln.right, ln.bottom = max(ln.right, left + width), max(ln.bottom, top + height)
            ln.words.append(Word(text, left, width, top, top + height))
    return list(lines.values())


def skew(lines: list[OcrLine]) -> float:
    """Slope (dy/dx) of the text lines of a skewed scan: the median over long lines of the
    least-squares slope of their word centres."""
    slopes = []
    for ln in lines:
        if len(ln.words) < 5:
            continue
        xs = [w.left + w.width / 2 for w in ln.words]
        ys = [(w.top + w.bottom) / 2 for w in ln.words]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        sxx = sum((x - mx) ** 2 for x in xs)
        if sxx > 0:
            slopes.append(sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx)
    if len(slopes) < 3:
        return 0.0
    slopes.sort()
    return slopes[len(slopes) // 2]


def deskew(lines: list[OcrLine], slope: float | None = None) -> list[OcrLine]:
    """Line and word boxes turned level when the scan is skewed (more than ~0.2 degree), so
    that line ends, indents and gaps can be compared across the page; by `slope` when it is known (from
    the page's rules), else by the text lines' own."""
    t = skew(lines) if slope is None else slope
    if abs(t) < SKEWED:
        return lines
    out = []
    for ln in lines:
        words = []
        for w in ln.words:
            cx, cy = w.left + w.width / 2, (w.top + w.bottom) / 2
            dx, dy = t * cy, -t * cx  # x' = x + t*y, y' = y - t*x
            words.append(Word(w.text, w.left + dx, w.width, w.top + dy, w.bottom + dy))
        out.append(OcrLine(min(w.left for w in words), min(w.top for w in words),
                            max(w.left + w.width for w in words), max(w.bottom for w in words), words))
    return out


def segments(ln: OcrLine) -> list[OcrLine]:
    """A line cut where its words are far apart: two columns Tesseract read as one line.
    Punctuation standing alone between columns is specks, and dropped."""
    gap_limit = 2.5 * max(1, ln.bottom - ln.top)
    groups = [[ln.words[0]]]
    for prev, word in zip(ln.words, ln.words[1:], strict=False):
        if word[1] - (prev[1] + prev[2]) > gap_limit:
            groups.append([word])
        else:
            groups[-1].append(word)
    if len(groups) == 1:
        return [ln]
    groups = [g for g in groups if any(c.isalnum() for w in g for c in w[0])] or groups
    return [OcrLine(g[0][1], ln.top, max(w[1] + w[2] for w in g), ln.bottom, g) for g in groups]


def columns(lines: list[OcrLine]) -> list[OcrLine]:
    """Lines in reading order with side-by-side blocks (the header of an official document:
    issuer left, national motto right) read left column first, then right; the cells of a
    wider table row become lines of their own, left to right."""
    if not lines:
        return lines
    text_width = max(ln.right for ln in lines) - min(ln.left for ln in lines)
    segs = [segments(ln) for ln in lines]
    out: list[OcrLine] = []
    i = 0
    while i < len(lines):
        if len(segs[i]) != 2:
            out.extend(segs[i])
            i += 1
            continue
        split = (segs[i][0].right + segs[i][1].left) / 2
        sides: tuple[list[OcrLine], list[OcrLine]] = ([], [])
        j = i
        while j < len(lines):
            sg, height = segs[j], max(1, lines[j].bottom - lines[j].top)
            if len(sg) == 2 and sg[0].right < split < sg[1].left:
                parts = [(0, sg[0]), (1, sg[1])]
            elif len(sg) == 1 and sg[0].right - sg[0].left < 0.6 * text_width and not sg[0].left < split < sg[0].right:
                parts = [(0 if sg[0].right <= split else 1, sg[0])]
            else:
                break
            # a column goes on while its lines follow each other closely
            if any(sides[k] and sg_.top - sides[k][-1].bottom > 1.5 * height for k, sg_ in parts):
                break
            for k, sg_ in parts:
                sides[k].append(sg_)
            j += 1
        out.extend(sides[0] + sides[1])
        i = j
    return out


def all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def paragraphs(lines: list[OcrLine], page_width: int = 0) -> list[str]:
    """Join wrapped lines: a line continues the previous one when its first word did not fit there.

    The right edge of the text is the longest line, or, on a page of short lines only, the
    page width less the left margin (margins taken as equal). A line still starts a paragraph when
    it follows a sentence end and begins with a list marker or an indent, or when a line in
    capitals is followed by one that is not (the national motto under its heading)."""
    if not lines:
        return []
    # second-outermost line ends: one speck in the margin read as a letter does not move them
    lefts, rights = sorted(ln.left for ln in lines), sorted(ln.right for ln in lines)
    text_left = lefts[min(1, len(lefts) - 1)]
    right_edge = rights[-2] if len(rights) > 1 else rights[-1]
    if right_edge - text_left < 0.6 * (page_width - 2 * text_left):  # a page of short lines only
        right_edge = page_width - text_left
    paras: list[list[OcrLine]] = []
    for ln in lines:
        if paras:
            prev = paras[-1][-1]
            height = max(1, prev.bottom - prev.top)
            space = height * 0.3
            near = -height * 0.6 <= ln.top - prev.bottom < height * 1.2
            no_room = prev.right + space + ln.words[0][2] > right_edge - space
            ended = bool(_ENDS_SENTENCE.search(prev.text))
            starts = bool(_LIST_START.match(ln.text)) or ln.left - text_left > 1.5 * height
            caps_change = all_caps(prev.text) and not all_caps(ln.text)
            if near and no_room and not (ended and starts) and not caps_change:
                paras[-1].append(ln)
                continue
        paras.append([ln])
    return [" ".join(ln.text for ln in para) for para in paras]


def tsv_to_text(tsv: str) -> str:
    """Page text from Tesseract TSV: one paragraph per line."""
    return "\n".join(paragraphs(columns(deskew(tsv_lines(tsv))), page_width(tsv)))
