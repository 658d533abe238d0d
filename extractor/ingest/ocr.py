"""OCR of PDF pages without a text layer: pypdfium2 renders, Tesseract (`-l vie`) reads.

Pages are rendered one at a time in the calling thread (pdfium is not thread-safe) and read
by one `tesseract` process per page, as many at once as there are cores. Tesseract's TSV
output gives word boxes, from which wrapped lines are joined back into paragraphs; the words inside a
ruled table's grid (`ocr_tables`) go into its cells instead, so a task table keeps its rows. The text
then goes through `fix_ocr_text`, the rules in `rules/ocr_fixes.yaml`.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import tempfile
import time
import unicodedata
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .ocr_layout import SKEWED, OcrLine, Word, columns, deskew, page_width, paragraphs, tsv_lines
from .ocr_tables import Grid, find_grids, rule_slope, slots

if TYPE_CHECKING:
    from PIL import Image

TESSERACT_MISSING = "Tesseract OCR is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)"
VIE_MISSING = "Tesseract has no Vietnamese model (apt-get install tesseract-ocr-vie)"
DEFAULT_DPI = 300
DEFAULT_PAGE_TIMEOUT = 180.0
MAX_IMAGE_SIDE = 7200  # pixels: A3 at 300 dpi; larger pages (maps, posters) are rendered coarser
LANG = "vie"
LOW_CONFIDENCE = 65  # mean word confidence below which a page may be sideways
PagePart = str | list[list[str]]
"""What an OCR page holds, in reading order: a paragraph, or the rows of a ruled table."""


def available_cores() -> int:
    """Cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@lru_cache(maxsize=8)
def _langs(tesseract: str) -> frozenset[str]:
    try:
        out = subprocess.run([tesseract, "--list-langs"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    lines = (out.stdout + out.stderr).decode("utf-8", "replace").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and " " not in ln.strip())


def tesseract_problem() -> str | None:
    """Why OCR cannot run here (a sentence for the user), or None when it can."""
    exe = shutil.which("tesseract")
    if exe is None:
        return TESSERACT_MISSING
    if LANG not in _langs(exe):
        return VIE_MISSING
    return None


_WORDS = re.compile(r"[^\W\d_]+")


def text_layer_quality(text: str) -> float | None:
    """How much a PDF text layer reads like Vietnamese, 0..1 (None below 20 words: too little
    to judge). Real text scores near 1; a scanner's OCR layer without diacritics, or text in
    a font without a Unicode map, scores near 0 and is worth OCR-ing again."""
    from .legacy import is_vietnamese_syllable

    words = [w for w in _WORDS.findall(text) if any(c.islower() for c in w)]
    if len(words) < 20:
        return None
    valid = sum(is_vietnamese_syllable(w) for w in words) / len(words)
    marked = sum(any(ord(c) > 0x7F for c in w) for w in words) / len(words)
    return round(valid * min(1.0, marked / 0.5), 3)


# ------------------------------------------------------------------ running Tesseract


def _tesseract(args: list[str], timeout: float, threads: int) -> str:
    """Run `tesseract IMAGE stdout ARGS...`; its standard output, or RuntimeError with a reason."""
    env = dict(os.environ, OMP_THREAD_LIMIT=str(threads))
    try:
        proc = subprocess.run(["tesseract", *args], capture_output=True, timeout=timeout, env=env, check=False,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as e:
        raise RuntimeError(f"OCR timed out after {timeout:g} s") from e
    except FileNotFoundError as e:
        raise RuntimeError(TESSERACT_MISSING) from e
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(f"Tesseract failed (exit {proc.returncode})" + (f": {msg[-1]}" if msg else ""))
    return proc.stdout.decode("utf-8", "replace")


def _run_tesseract(image: Path, timeout: float, threads: int, dpi: int, psm: int = 3) -> str:
    """Tesseract's TSV output for one image."""
    return _tesseract([str(image), "stdout", "-l", LANG, "--dpi", str(dpi), "--psm", str(psm), "tsv"],
                      timeout, threads)


def _confidence(tsv: str) -> tuple[int, float]:
    """(words, their mean confidence 0..100) in Tesseract TSV."""
    confs = [float(row[10]) for row in csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
             if len(row) >= 12 and row[0] == "5" and row[11].strip()]
    return len(confs), (sum(confs) / len(confs) if confs else 0.0)


_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_ORIENT_CONF = re.compile(r"Orientation confidence:\s*([\d.]+)")


def _rotation(image: Path, timeout: float, threads: int, dpi: int) -> int:
    """Degrees clockwise that make the page upright, by Tesseract's orientation detection (0 if unsure)."""
    try:
        out = _tesseract([str(image), "stdout", "--psm", "0", "--dpi", str(dpi)], timeout, threads)
    except RuntimeError:
        return 0  # no osd model, or too little text to tell
    rot, conf = _ROTATE.search(out), _ORIENT_CONF.search(out)
    if not rot or not conf or float(conf.group(1)) < 2:
        return 0
    return int(rot.group(1)) % 360


# Tesseract's layout analysis drops a lone short token (the "1" of a table row number, a "7."
# on its own line) as noise. The ink left outside every recognized line is cut out, stacked
# into one strip and read again as plain text lines; what reads as a number or list marker is
# put back in place.
_MARKER = re.compile(r"\d{1,3}[.)]?|[IVXLC]{1,6}\.|[a-zđ][.)]")


def _ink_runs(counts: list[int], min_gap: float) -> list[tuple[int, int]]:
    """Runs [start, end) of positive counts, runs closer than `min_gap` merged."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, c in enumerate(counts + [0]):
        if c and start is None:
            start = i
        elif not c and start is not None:
            if runs and start - runs[-1][1] < min_gap:
                runs[-1] = (runs[-1][0], i)
            else:
                runs.append((start, i))
            start = None
    return runs


def _row_ink(img: Image.Image) -> list[int]:
    """Ink pixels per row of a mode-L image whose ink is 0 and paper 255."""
    w, data = img.width, img.tobytes()
    return [data.count(0, y * w, (y + 1) * w) for y in range(img.height)]


def _stray_boxes(image: Image.Image, lines: list[OcrLine]) -> list[tuple[int, int, int, int]]:
    """Boxes of line-sized ink outside the recognized lines, in or next to the text body."""
    from PIL import Image, ImageDraw

    if not lines:
        return []
    heights = sorted(ln.bottom - ln.top for ln in lines)
    line_h = max(8, heights[len(heights) // 2])
    bw = image.point(lambda v: 0 if v < 128 else 255)
    draw = ImageDraw.Draw(bw)
    pad = max(2, line_h // 5)
    for ln in lines:
        draw.rectangle([ln.left - pad, ln.top - pad, ln.right + pad, ln.bottom + pad], fill=255)
    # table rules and frames are no text
    for x, n in enumerate(_row_ink(bw.transpose(Image.Transpose.ROTATE_270))):
        if n > 3 * line_h:
            draw.line([(x, 0), (x, bw.height)], fill=255)
    for y, n in enumerate(_row_ink(bw)):
        if n > 6 * line_h:
            draw.line([(0, y), (bw.width, y)], fill=255)
    # near the text body, and not centred like a page number
    body_top = min(ln.top for ln in lines) - 6 * line_h
    body_bottom = max(ln.bottom for ln in lines) + 6 * line_h
    centre_x = bw.width / 2
    boxes = []
    for top, bottom in _ink_runs(_row_ink(bw), max(2, line_h // 3)):
        if not (0.5 * line_h <= bottom - top <= 1.6 * line_h) or not body_top <= (top + bottom) / 2 <= body_bottom:
            continue
        band = bw.crop((0, top, bw.width, bottom))
        cols = _row_ink(band.transpose(Image.Transpose.ROTATE_270))
        for left, right in _ink_runs(cols, max(2, line_h // 2)):
            ink = sum(cols[left:right])
            centred = abs((left + right) / 2 - centre_x) < 0.08 * bw.width
            if right - left <= 4 * line_h and ink >= 0.04 * line_h * line_h and not centred:
                boxes.append((left, top, right, bottom))
    return boxes[:40]


def _read_boxes(image: Image.Image, boxes: list[tuple[int, int, int, int]], tmp: Path, timeout: float,
                threads: int, dpi: int) -> list[str]:
    """The text of each box of `image`: the crops stacked into one strip, read once as lines (one Tesseract
    call for them all)."""
    from PIL import Image

    if not boxes:
        return []
    margin = max(10, max(b[3] - b[1] for b in boxes))
    width = max(b[2] - b[0] for b in boxes) + 2 * margin
    strip = Image.new("L", (width, sum(b[3] - b[1] + margin for b in boxes) + margin), 255)
    slots = []
    y = margin
    for box in boxes:
        strip.paste(image.crop(box), (margin, y))
        slots.append((y, y + box[3] - box[1]))
        y += box[3] - box[1] + margin
    path = tmp / "boxes.png"
    strip.save(path)
    found = tsv_lines(_run_tesseract(path, timeout, threads, dpi, psm=6))
    texts = []
    for s_top, s_bottom in slots:
        lines = [ln for ln in found if s_top - margin / 2 <= (ln.top + ln.bottom) / 2 <= s_bottom + margin / 2]
        texts.append("\n".join(" ".join(w.text for w in ln.words) for ln in lines))
    return texts


def _recover_strays(image: Image.Image, lines: list[OcrLine], tmp: Path, timeout: float, threads: int,
                    dpi: int) -> list[OcrLine]:
    """`lines` with the lone numbers and markers Tesseract dropped put back in reading order."""
    boxes = _stray_boxes(image, lines)
    out = list(lines)
    for box, read in zip(boxes, _read_boxes(image, boxes, tmp, timeout, threads, dpi), strict=True):
        text = "".join(read.split())
        if not _MARKER.fullmatch(text):
            continue
        new = OcrLine(box[0], box[1], box[2], box[3], [Word(text, box[0], box[2] - box[0], box[1], box[3])])
        centre = (box[1] + box[3]) / 2
        at = next((i for i, ln in enumerate(out) if (ln.top + ln.bottom) / 2 > centre), len(out))
        out.insert(at, new)
    return out


def digit_words(tsv: str) -> list[tuple[str, float]]:
    """(word after the OCR fixes, Tesseract's confidence 0..100) of every word holding a digit."""
    out = []
    for row in csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if len(row) >= 12 and row[0] == "5" and any(c.isdigit() for c in row[11]):
            try:
                out.append((fix_ocr_text(row[11].strip()), float(row[10])))
            except ValueError:
                continue
    return out


def _ocr_page(png: Path, timeout: float, threads: int, dpi: int) -> tuple[list[PagePart], list[tuple[str, float]]]:
    """Paragraphs and ruled tables of one page image: Tesseract (turning a sideways or upside-down page
    upright), dropped markers recovered, wrapped lines joined, fixes applied; with its digit words'
    confidences."""
    start = time.monotonic()
    try:
        return _read_page(png, timeout, threads, dpi, start)
    finally:
        png.unlink(missing_ok=True)
        png.with_name(png.stem + "-upright.png").unlink(missing_ok=True)


def _read_page(png: Path, timeout: float, threads: int, dpi: int, start: float
               ) -> tuple[list[PagePart], list[tuple[str, float]]]:
    from PIL import Image

    def left() -> float:
        return timeout - (time.monotonic() - start)

    tsv = _run_tesseract(png, timeout, threads, dpi)
    words, conf = _confidence(tsv)
    if words and conf < LOW_CONFIDENCE and left() > 1:
        rotate = _rotation(png, left(), threads, dpi)
        if rotate:
            turned = png.with_name(png.stem + "-upright.png")
            with Image.open(png) as image:
                image.rotate(-rotate, expand=True).save(turned, compress_level=1)
            tsv2 = _run_tesseract(turned, max(1.0, left()), threads, dpi)
            if _confidence(tsv2)[1] > conf:
                png, tsv = turned, tsv2
    lines = tsv_lines(tsv)
    grids: list[Grid] = []
    if lines and left() > 1:
        with Image.open(png) as image, tempfile.TemporaryDirectory(prefix="vnplan-ocr-") as tmp:
            grey = image.convert("L")
            lines = _recover_strays(grey, lines, Path(tmp), left(), threads, dpi)
            grids = find_grids(grey, dpi)
            slope = rule_slope(grey)
            if abs(slope) >= SKEWED:  # a skewed scan's rules are found on the page levelled, its words with them
                level = grey.transform(grey.size, Image.Transform.AFFINE, (1, -slope, 0, slope, 1, 0), fillcolor=255)
                level_grids = find_grids(level, dpi)
                if slots(level_grids) > slots(grids):
                    grey, lines, grids = level, deskew(lines, slope), level_grids
            lines = _into_cells(grids, lines)
            _read_empty_cells(grids, grey, Path(tmp), left(), threads, dpi)
    return _parts(lines, grids, page_width(tsv)), digit_words(tsv)


def _into_cells(grids: list[Grid], lines: list[OcrLine]) -> list[OcrLine]:
    """Put the words inside a table's grid into its cells; the lines with the words left."""
    rest = []
    for ln in lines:
        kept = []
        for w in ln.words:
            cx, cy = w.left + w.width / 2, (w.top + w.bottom) / 2
            grid = next((g for g in grids if g.contains(cx, cy)), None)
            if grid is None:
                kept.append(w)
            else:
                grid.place(w)
        if kept:
            rest.append(OcrLine(min(w.left for w in kept), min(w.top for w in kept),
                                max(w.left + w.width for w in kept), max(w.bottom for w in kept), kept))
    return rest


def _read_empty_cells(grids: list[Grid], image: Image.Image, tmp: Path, timeout: float, threads: int,
                      dpi: int) -> None:
    """Read again the cells with ink but no word: Tesseract's page layout drops a lone row number as noise."""
    boxes, slots = [], []
    for grid in grids:
        for slot, box in grid.unread_ink(image, dpi):
            boxes.append(box)
            slots.append((grid, slot, box))
    for (grid, slot, box), text in zip(slots, _read_boxes(image, boxes, tmp, timeout, threads, dpi), strict=True):
        if text.strip():
            grid.cells[slot] = [Word(text.strip(), box[0], box[2] - box[0], box[1], box[3])]


def _parts(lines: list[OcrLine], grids: list[Grid], width: int) -> list[PagePart]:
    """The page in reading order: the paragraphs above each table, the table, and those below the last."""
    parts: list[PagePart] = []
    for grid in sorted(grids, key=lambda g: g.ys[0]):
        above = [ln for ln in lines if (ln.top + ln.bottom) / 2 < grid.ys[0]]
        lines = [ln for ln in lines if (ln.top + ln.bottom) / 2 >= grid.ys[0]]
        parts.extend(_fixed_paragraphs(above, width))
        parts.append([[fix_ocr_text(cell) for cell in row] for row in grid.rows()])
    parts.extend(_fixed_paragraphs(lines, width))
    return parts


def _fixed_paragraphs(lines: list[OcrLine], width: int) -> list[str]:
    text = fix_ocr_text("\n".join(paragraphs(columns(deskew(lines)), width)))
    return [p for p in text.split("\n") if p.strip()]


def page_text(parts: list[PagePart]) -> str:
    """An OCR page as text: its paragraphs, and each table cell's lines."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        else:
            out.extend(line for row in part for cell in row for line in cell.split("\n") if line.strip())
    return "\n".join(out)


def ocr_pages(path: Path, page_indexes: list[int], *, dpi: int = DEFAULT_DPI,
              timeout: float = DEFAULT_PAGE_TIMEOUT, workers: int | None = None,
              confidences: dict[int, list[tuple[str, float]]] | None = None,
              layouts: dict[int, list[PagePart]] | None = None) -> tuple[dict[int, str], dict[int, str]]:
    """OCR the given 0-based pages of the PDF at `path`.

    Returns (texts by page, errors by page); every requested page is in exactly one of them.
    Never raises for a page problem; a missing Tesseract makes every page an error. When
    `confidences` is given, it receives each page's digit words with their confidence; when `layouts` is
    given, each page's paragraphs and ruled tables in reading order.
    """
    texts: dict[int, str] = {}
    errors: dict[int, str] = {}
    pages = list(dict.fromkeys(page_indexes))
    if not pages:
        return texts, errors
    problem = tesseract_problem()
    if problem:
        return texts, {i: problem for i in pages}
    import pypdfium2 as pdfium

    workers = max(1, min(workers or available_cores(), len(pages)))
    threads = 1  # one OpenMP thread per process: Tesseract's spin-waiting stalls on a busy machine
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as e:  # noqa: BLE001 - pdfium raises its own error types
        return texts, {i: f"cannot open PDF for OCR: {e}" for i in pages}
    futures: dict[int, Future[tuple[list[PagePart], list[tuple[str, float]]]]] = {}

    def collect(fut: Future[tuple[list[PagePart], list[tuple[str, float]]]]) -> None:
        i = next(k for k, f in futures.items() if f is fut)
        try:
            parts, words = fut.result()
            texts[i] = page_text(parts)
            if layouts is not None:
                layouts[i] = parts
            if confidences is not None:
                confidences[i] = words
        except Exception as e:  # noqa: BLE001 - one bad page must not lose the others
            errors[i] = f"page {i + 1}: {e}"
        del futures[i]

    with tempfile.TemporaryDirectory(prefix="vnplan-ocr-") as tmp, ThreadPoolExecutor(workers) as pool:
        try:
            n = len(pdf)
            for i in pages:
                if not 0 <= i < n:
                    errors[i] = f"page {i + 1} does not exist (the PDF has {n} pages)"
                    continue
                while len(futures) >= 2 * workers:  # render ahead only a little: images are big
                    done, _ = wait(list(futures.values()), return_when=FIRST_COMPLETED)
                    for fut in done:
                        collect(fut)
                try:
                    page = pdf[i]
                    scale = min(dpi / 72, MAX_IMAGE_SIDE / max(1.0, *page.get_size()))
                    image = page.render(scale=scale, grayscale=True, no_smoothimage=True).to_pil()
                    page.close()
                    png = Path(tmp) / f"p{i:05d}.png"
                    image.save(png, compress_level=1)
                except Exception as e:  # noqa: BLE001
                    errors[i] = f"page {i + 1} could not be rendered for OCR: {e}"
                    continue
                futures[i] = pool.submit(_ocr_page, png, timeout, threads, round(scale * 72))
        finally:
            pdf.close()
        for fut in list(futures.values()):
            collect(fut)
    return {i: texts[i] for i in sorted(texts)}, {i: errors[i] for i in sorted(errors)}


# ------------------------------------------------------------------ post-OCR fixes


_SPACING_ACCENTS = str.maketrans({"\u00b4": "\u0301", "\u02ca": "\u0301", "\u0060": "\u0300", "\u02cb": "\u0300",
                                  "\u02dc": "\u0303", "\u02c0": "\u0309", "\u02c6": "\u0302"})


def _action(name: str, m: re.Match[str]) -> str:
    s = m.group(0)
    if name == "join_nfc":
        return unicodedata.normalize("NFC", s.replace(" ", ""))
    if name == "spacing_accents":
        return unicodedata.normalize("NFC", s.translate(_SPACING_ACCENTS))
    if name == "despace":
        return re.sub(r"([-–])[-–]+", r"\1", re.sub(r"\s+", "", s))
    if name == "digits":
        return s.translate(str.maketrans("OoDIl", "00011"))
    if name == "header_place":
        return _header_place(m)
    if name == "heading_words":
        return _heading_words(m.group(0))
    raise ValueError(f"unknown ocr_fixes action {name!r}")


def _header_place(m: re.Match[str]) -> str:
    """A header line naming a province with its tone marks misread ('THÀNH PHÓ HÒ CHÍ MINH'), written as the
    place list spells it; the line as it was when its name is no province."""
    from ..places import province_name
    from ..vntext import fold

    name = province_name(m.group("name"))
    unit = {"tinh": "TỈNH", "pho": "PHỐ"}.get(fold(m.group("unit")), "THÀNH PHỐ")  # 'PHÔ …' under '… THÀNH'
    return f"{unit} {name.upper()}" if name else m.group(0)


@lru_cache(maxsize=1)
def _heading_phrases() -> list[tuple[re.Pattern[str], str]]:
    """Each phrase of ocr_fixes' heading_phrases as a pattern of its letters without marks, and as it is spelled."""
    from ..rules import load_rules
    from ..vntext import fold

    return [(re.compile(rf"(?<!\w){re.escape(fold(p))}(?!\w)"), p)
            for p in load_rules("ocr_fixes").data["heading_phrases"]]


def _heading_words(line: str) -> str:
    """A section heading with each phrase of ocr_fixes' heading_phrases whose letters it holds (marks aside)
    written as the list spells it: 'II. MỤC TIỂU NĂM 2026' -> 'II. MỤC TIÊU NĂM 2026'."""
    from ..vntext import fold

    folded = fold(line)
    if len(folded) != len(line):
        return line
    for rx, phrase in _heading_phrases():
        for m in rx.finditer(folded):
            line = line[:m.start()] + phrase + line[m.end():]
    return line


@lru_cache(maxsize=1)
def _fix_rules() -> list[tuple[re.Pattern[str], str | None, str | None]]:
    from ..rules import load_rules

    out = []
    for r in load_rules("ocr_fixes").rules:
        if r.regex is None:
            continue
        out.append((r.regex, r.get("replacement"), r.get("action")))
    return out


def fix_ocr_text(text: str) -> str:
    """Repair what OCR typically breaks in this genre (diacritics, Đ, 0/O, spaced symbols)."""
    text = unicodedata.normalize("NFC", text)
    for regex, replacement, action in _fix_rules():
        if action:
            def act(m: re.Match[str], a: str = action) -> str:
                return _action(a, m)

            text = regex.sub(act, text)
        elif replacement is not None:
            text = regex.sub(replacement, text)
    return unicodedata.normalize("NFC", text)
