"""Normalize: blocks of a raw document -> the one plain text every span points into.

NFC with one tone placement, web boilerplate and page furniture dropped, lines broken by
layout joined again, tables rendered the way legal portals render them in plain text (each
cell its own paragraph, row by row), paragraphs separated by one blank line.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from .abbrev import any_search, ends_at_end, max_width
from .bodies import name_cut_before, name_ends, name_goes_on, names_only_heading
from .document import Block, Normalized, RawDocument, Table, TableCell
from .vntext import ODD_SPACES, fix_look_alikes, fix_tone_placement, nfc

K = TypeVar("K")
_SPACE_CHARS = f"[ \t{ODD_SPACES}]"
# a run of them that is not one plain space (which would be replaced by itself): a run of two or more,
# or one other space (a run is matched from its start, so this is every run `_SPACE_CHARS+` finds but ' ')
_SPACES = re.compile(_SPACE_CHARS + f"{{2,}}|[\t{ODD_SPACES}]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_TERMINAL = tuple(".;:!?…")

LIST_START = re.compile(
    r"""^\s*(?:
        [-–—+*•▪●◦·■◆◇♦❖➢➤►▸‣⁃∙○\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0e0]\s  # dash or bullet items
                                                    # (the glyphs of rules/layout.yaml layout.bullet_glyph)
      | [a-zđ][).]\s                                # a) b) a. b.
      | \d{1,3}(?:\.\d{1,3})*[.)]\s                 # 1. 1) 1.2.
      | [IVXLC]{1,6}[.)]\s                          # I. II)
      | (?:Điều|Chương|Mục|Phần|Phụ\ lục|PHỤ\ LỤC|Khoản)\s+[\dIVXLC]+\b(?!\s*[;,])  # not 'Điều 6; khoản 5 …',
    )""",                                                  # a citation running on
    re.VERBOSE,
)
HEADER_LINE = re.compile(
    r"""^\s*(?:
        Số\s*[:.]?\s*\d                                  # Số: 114/KH-UBND
      | Số\s*:                                           # Số: /KH-UBND
      | [^\W\d_][^,\n]{0,30},\s*ngày[\d\s]{0,6}tháng[\d\s]{0,6}năm\s*\d{4}\s*$   # Yên Bái, ngày 11 tháng 5 năm 2021
      | (?:Nơi|Noi)\s+nhận                               # distribution list
      | -{3,} | _{3,}                                    # header rules
      | Độc\ lập\s*-
      | (?:TM|KT|TL|TUQ|Q)\.\s
    )""",
    re.VERBOSE,
)
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}|(?:Trang|Page)\s+\d{1,4}(?:\s*/\s*\d{1,4})?"
                          r"|(?!(?:0?[1-9]|1[0-2])/(?:19|20)\d\d\s*$)\d{1,4}\s*/\s*\d{1,4})\s*$", re.IGNORECASE)
# ('6/2026' is a month, not page 6 of 2026: 'Tháng' / '6/2026' in a table's time cell)


@lru_cache(maxsize=1)
def _tail_boxes() -> Callable[[str], bool]:
    """Whether a line is a header after which a page holds only other articles (rules with drop_rest)."""
    from .rules import load_rules

    return any_search([r.regex for r in load_rules("boilerplate").rules if r.regex is not None and r.get("drop_rest")])


def cut_trailing_boxes(blocks: list[tuple[list[str], K]], tail_share: float = 0.6) -> list[tuple[list[str], K]]:
    """Blocks up to a related-news header that comes after `tail_share` of the text; the rest is dropped."""
    total = sum(len(ln) for lines, _ in blocks for ln in lines) or 1
    seen = 0
    for bi, (lines, cell) in enumerate(blocks):
        for li, ln in enumerate(lines):
            if seen >= tail_share * total and _tail_boxes()(ln.strip()):
                return blocks[:bi] + ([(lines[:li], cell)] if li else [])
            seen += len(ln)
    return blocks


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[Callable[[str], bool], Callable[[str], bool], Callable[[str], bool]]:
    """Whether a line matches a line pattern, a 'drop the lines after' pattern, either, of
    rules/boilerplate.yaml."""
    from .rules import load_rules

    lines: list[re.Pattern[str]] = []
    tails: list[re.Pattern[str]] = []
    for rule in load_rules("boilerplate").rules:
        if rule.regex is not None:
            (tails if rule.get("drop_following") else lines).append(rule.regex)
    return any_search(lines), any_search(tails), any_search(lines + tails)


def is_boilerplate(line: str) -> bool:
    """True for a line of web furniture (menus, share buttons, loading notices, counters)."""
    s = line.strip()
    return bool(s) and _boilerplate()[2](s)


_ASCII_LOWER = b"abcdefghijklmnopqrstuvwxyz"


def is_caps(line: str) -> bool:
    """True for a line in capitals (a heading, a body name in the header block)."""
    if len(line) > 300:  # headings are short; long lines are prose
        return False
    return _short_is_caps(line)


@lru_cache(maxsize=4096)
def _short_is_caps(line: str) -> bool:
    """`is_caps` of a line of at most 300 characters (remembered: a line is asked about as the end of one
    pair of lines and the start of the next)."""
    ascii_part = line.encode("ascii", "ignore")  # ASCII small letters over a fifth of the line: prose, at once
    if len(ascii_part) - len(ascii_part.translate(None, _ASCII_LOWER)) > 0.2 * len(line):
        return False
    letters = [c for c in line if c.isalpha()]
    visible = sum(not c.isspace() for c in line)
    # mostly letters (a run of codes such as "9001:2015, TCVN ISO 14001:2015" is not a heading)
    return len(letters) >= 2 and len(letters) >= 0.5 * visible and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def is_page_number(line: str) -> bool:
    """A lone page number: '2', '- 2 -', 'Trang 2/5', '2/5'."""
    return bool(_PAGE_NUMBER.match(line))


def clean_line(line: str) -> str:
    """One line with odd spaces unified, invisible characters removed and trailing spaces stripped."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", line)).rstrip()


def wrap_width(lines_by_block: list[list[str]]) -> int | None:
    """The hard-wrap width of a text, when many lines stop mid-sentence at about the same length."""
    cands = []
    for lines in lines_by_block:
        for a, b in zip(lines, lines[1:], strict=False):
            a = a.strip()
            if a and b.strip() and not a.endswith(_TERMINAL) and len(a) >= 40:
                cands.append(len(a))
    if len(cands) < 5:
        return None
    med = statistics.median(cands)
    band = [n for n in cands if 0.8 * med <= n <= 1.2 * med]
    return max(band) if len(band) >= 5 and len(band) >= 0.6 * len(cands) else None


# a byline or dateline ("author 10:21 08/04/2021", "19/04/2022 - 13:24") starts its own line
_DATELINE = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}/\d{1,2}/\d{4}\b")


Search = Callable[[str], "re.Match[str] | None"]


def tail_search(rx: re.Pattern[str]) -> Search:
    """`rx.search`, for a pattern whose matches end the text ($) started where one can begin at the
    earliest (its widest match before the end): the same match, without trying every position of a
    long line. Any other pattern: `rx.search` itself."""
    width = max_width(rx)
    if width is None or not ends_at_end(rx):
        return rx.search
    return lambda s: rx.search(s, max(0, len(s) - width - 1))  # look-behinds still see before that


@lru_cache(maxsize=1)
def _bullet_glyph() -> re.Pattern[str]:
    from .rules import load_rules

    return load_rules("layout").rule("layout.bullet_glyph").rx


def dash_bullet(line: str) -> str:
    """`line` with a bullet drawn by a glyph (•, ▪, Word's Symbol bullet U+F0B7 …) written as the dash the
    other layers read as a bullet; one character for one (rules/layout.yaml layout.bullet_glyph)."""
    if not line or line.lstrip()[:1].isalnum() or line.lstrip()[:1] == "-":
        return line
    m = _bullet_glyph().match(line)
    return line if m is None else line[:m.start(1)] + "-" + line[m.end(1):]


@lru_cache(maxsize=1)
def _layout() -> tuple[Search, Search, Search, re.Pattern[str]]:
    """(a line ending in a word that needs what follows, a paragraph ending in a function word, a line ending in a
    word that needs a number: their searches; a cut numbered capital heading) from rules/layout.yaml."""
    from .rules import load_rules

    rule = load_rules("layout").rule
    return (tail_search(rule("layout.dangling_end").rx), tail_search(rule("layout.dangling_word").rx),
            tail_search(rule("layout.dangling_number").rx), rule("layout.cut_heading").rx)


@lru_cache(maxsize=8)
def _layout_rx(rule_id: str) -> re.Pattern[str]:
    """A pattern of rules/layout.yaml read on the two lines joined by a newline."""
    from .rules import load_rules

    return load_rules("layout").rule(rule_id).rx


_SENTENCE_CHARS = 40  # a paragraph longer than a heading
_OVER_WIDTH = 1.1  # a line this much longer than the wrap width was never wrapped by it


def _head_cut(a: str, b: str) -> bool:
    """A sentence's paragraph ending in a body's head word after a word in lower case ('… của Bộ') before a
    paragraph whose first word carries the name on ('Xây dựng. …'): a page break cut the name."""
    words = a.split()
    return len(a) > _SENTENCE_CHARS and len(words) > 1 and words[-2][:1].islower() and name_goes_on(words[-1], b)


def determiner_twice(a: str, b: str) -> bool:
    """True when line `a` ends in a plural determiner and `b` opens with another, capitalised ('Ủy ban nhân dân các'
    / 'Các bộ, ngành, …'): two cells or two lists, never one phrase (rule layout.determiner_twice)."""
    return _layout_rx("layout.determiner_twice").search(f"{a.strip()[-12:]}\n{b.strip()[:8]}") is not None


def should_join(a: str, b: str, width: int | None, wrapped: bool = True) -> bool:
    """True when line `b` continues the sentence of line `a` (broken by layout, not by the author);
    `wrapped`: the lines are in one block, where a cut heading or a dangling last word joins them."""
    a_s, b_s = a.strip(), b.strip()
    if a_s and _range_goes_on(a_s, b_s):
        return True
    if a_s and _layout_rx("layout.provision_goes_on").search(f"{a_s[-16:]}\n{b_s[:16]}"):  # '… khoản 3' / 'Điều 6; khoản 5 …'
        return True
    if not a_s or not b_s or LIST_START.match(b) or HEADER_LINE.match(a) or HEADER_LINE.match(b):
        return False
    if determiner_twice(a_s, b_s):  # 'Ủy ban nhân dân các' / 'Các bộ, ngành, …'
        return False
    if not wrapped and _head_cut(a_s, b_s):  # '… Thông tư số 09/2025/TT-BXD của Bộ' / 'Xây dựng. Thời gian …'
        return True
    dangling, dangling_word, needs_number, cut = _layout()
    a_caps = is_caps(a_s)
    b_caps = None if wrapped and not a_caps else is_caps(b_s)
    if (wrapped and a_caps and b_caps and cut.match(a_s)) or (
            (dangling(a_s) if wrapped else dangling_word(a_s) and not is_caps(b_s)) and not is_page_number(b_s)
            and not name_cut_before(a_s, b_s)
            and not name_ends(a_s, b_s)) or (
            needs_number(a_s) and (b_s[:1].isdigit() or _QUARTER.match(b_s)) and not is_page_number(b_s)
            and not _opens_row(b_s)):
        return True
    if a_caps or (is_caps(b_s) if b_caps is None else b_caps) or is_page_number(b_s) or _DATELINE.search(b_s[:40]):
        return False
    if a_s.endswith(_TERMINAL):
        return False
    if b_s[0].islower():
        return True
    if _ROW_NUMBER.fullmatch(b_s):  # a table row's number alone on its line ('4.1') opens the row
        return False
    if names_only_heading(a_s):  # '6. Đề nghị Ủy ban Mặt trận … và các tổ chức chính trị - xã hội' / 'Tuyên truyền …'
        return False
    # a line of the wrap width's length was cut by it; a longer one was not (a table's cell a line, in a gazette)
    return width is not None and 0.75 * width <= len(a_s) <= _OVER_WIDTH * width


_QUARTER = re.compile(r"(?:I{1,3}|IV)(?:/|\s+năm\s)")  # a quarter's Roman figure: 'Quý' / 'II/2026'
_RANGE_START = re.compile(r"(?<![\d.,/])(\d{1,4})$")
_RANGE_END = re.compile(r"[-–]\s*(\d{1,4})(?![\d.,/])")
_RANGE_CUT = re.compile(r"(?<![\d.,/])(\d{1,4})\s*[-–]$")  # '… giai đoạn 2026 -'
_RANGE_REST = re.compile(r"(\d{1,4})(?![\d.,/])")  # '2027 đạt …'



def _range_goes_on(a: str, b: str) -> bool:
    """'… trong giai đoạn 2026' / '- 2030 phấn đấu …', '… tốc độ tăng bình quân 05' / '- 06%/năm': a range the
    wrap width cut before its dash, not a bullet. The second number must be above the first (a later year, a
    higher rate of the same size): '… đến năm 2025' / '- 100% hồ sơ …' is a bullet under its heading. Cut after
    its dash too: '… bình quân giai đoạn 2026 -' / '2027 đạt trên 6,5%/năm'."""
    m, n = _RANGE_START.search(a), _RANGE_END.match(b)
    if not (m and n):
        m, n = _RANGE_CUT.search(a), _RANGE_REST.match(b)
    if not (m and n):
        return False
    x, y = int(m.group(1)), int(n.group(1))
    if len(m.group(1)) == 4 or len(n.group(1)) == 4:
        return 1900 < x < y <= x + 50
    return x < y <= 3 * max(x, 1) and len(n.group(1)) <= len(m.group(1)) + 1


_ROW_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,2}){0,2}\.?")
_ROW_OPENING = re.compile(r"\d{1,3}(?:\.\d{1,2})*\.?(?:$|\s+(\w))")


def _opens_row(line: str) -> bool:
    """A line opening with a row's or an item's number: alone ('3.') or before a capital ('2 Xây dựng …'), not a
    day or a year going on ('12 để tổng hợp', '2028 theo đánh giá')."""
    m = _ROW_OPENING.match(line)
    return m is not None and (m.group(1) is None or m.group(1).isupper())


_LONE_NUMBER = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*|[IVXLC]{1,6})[.)]")
_CUT_NUMBER = re.compile(r"\d[\w/.&]*[/&-]$")  # '… số 289/2025/NĐ-' broken before the rest of its code


def join_wrapped(lines: list[str], width: int | None) -> list[str]:
    """Lines of one paragraph block with layout breaks removed; a document number cut at a dash or slash
    is joined without a space ('23/NQ-' + 'CP'); a short block opening with a number alone on its line is
    a heading ('3.' + 'Công an Thành phố'), while in a long block such lines are the cells of a table."""
    out: list[str] = []
    last = ""  # the line before `ln` as laid out: whether it was cut by the wrap width is its own length
    for ln in lines:
        if out and _CUT_NUMBER.search(out[-1].rstrip()) and re.match(r"[A-ZĐ]{1,8}(?:[/-]|\b)", ln.strip()):
            out[-1] = out[-1].rstrip() + ln.strip()
        elif len(out) == 1 and len(lines) <= 3 and _LONE_NUMBER.fullmatch(out[0].strip()) and ln.strip()[:1].isupper():
            out[-1] = out[-1].strip() + " " + ln.strip()  # a heading's number alone on its line ('3.' / 'Công an …')
        elif out and should_join(last, ln, width):
            out[-1] = out[-1].rstrip() + " " + ln.strip()
        else:
            out.append(ln)
        last = ln
    return out


def _page_number_like(text: str, page: int) -> bool:
    """A lone number that is this page's number (allowing a cover page or two of offset)."""
    if not is_page_number(text):
        return False
    n = int(re.findall(r"\d+", text)[0])
    return page - 1 <= n <= page + 3


def _edge_key(text: str) -> str:
    """A line compared across pages: lower case, digits (page numbers) as #."""
    return re.sub(r"\d+", "#", text.strip().lower())


def drop_page_furniture(blocks: list[Block]) -> list[Block]:
    """Drop running headers/footers (a line repeated at the top or bottom of most pages) and page numbers."""
    pages: dict[int, list[int]] = {}
    for i, b in enumerate(blocks):
        if b.kind == "para" and b.page is not None and b.text.strip():
            pages.setdefault(b.page, []).append(i)
    if len(pages) < 2:
        return blocks
    tops: Counter[str] = Counter()
    bottoms: Counter[str] = Counter()
    for idxs in pages.values():
        tops.update({_edge_key(blocks[i].text) for i in idxs[:2]})
        bottoms.update({_edge_key(blocks[i].text) for i in idxs[-2:]})
    need = max(2, (len(pages) + 1) // 2)

    def furniture(i: int, page: int, counts: Counter[str]) -> bool:
        text = blocks[i].text.strip()
        if _page_number_like(text, page):
            return True
        return counts[_edge_key(text)] >= need and len(text) < 150 and not LIST_START.match(text)

    drop = set()
    for page, idxs in pages.items():
        for seq, counts in ((idxs[:2], tops), (idxs[::-1][:2], bottoms)):
            for i in seq:  # from the edge inwards, while the lines are furniture
                if not furniture(i, page + 1, counts):
                    break
                drop.add(i)
    return [b for i, b in enumerate(blocks) if i not in drop]


def _drop_boilerplate(lines: list[str]) -> list[str]:
    """Lines without web furniture; a visitor counter takes its digit lines with it, a gazette page header the
    page number after it (odd pages) or alone on the line before it (even pages)."""
    line_rx, tail_rx, _ = _boilerplate()
    out: list[str] = []
    skipping = False
    for ln in lines:
        s = ln.strip()
        if skipping and (not s or re.fullmatch(r"[•·*\-–]?\s*[\d.,]+", s)):
            continue
        skipping = False
        if s and tail_rx(s):
            skipping = True
            if out and is_page_number(out[-1]) and (len(out) == 1 or not out[-2].strip()):
                out.pop()  # an even page's number stands alone just before the gazette header
            continue
        if s and line_rx(s):
            continue
        out.append(ln)
    return out


CellKey = tuple[int, int, int]
"""(table number, row, column) of a table cell's paragraph."""


def _join_cell_lines(lines: list[str]) -> list[str]:
    """Lines of a crawled cell with the crawler's wrapping undone: lines of the same case continue
    each other unless the next opens a list item or the first ends a sentence ('Số:' and its number,
    'Thành phố Hồ' and 'Chí Minh, ngày …' are one line)."""
    out: list[str] = []
    for ln in (x.strip() for x in lines):
        if not ln:
            continue
        prev = out[-1] if out else ""
        if prev and _CUT_NUMBER.search(prev) and re.match(r"[A-ZĐ]{1,8}(?:[-/&]|\b)", ln):
            out[-1] = prev + ln  # '10781/VPCP-' + 'CN' in a narrow cell
            continue
        rule = re.fullmatch(r"[-_=.]{3,}", ln) or re.fullmatch(r"[-_=.]{3,}", prev)
        same_case = is_caps(prev) == is_caps(ln)
        if prev and not rule and same_case and not LIST_START.match(ln) and not prev.endswith(tuple(".;!?")):
            out[-1] = prev + " " + ln
        else:
            out.append(ln)
    return out


def _cell_paragraphs(cell: str, wrapped: bool) -> list[str]:
    """A cell's paragraphs: its lines, or for a crawled cell its lines with layout breaks joined."""
    lines = (cell or "").split("\n")
    return _join_cell_lines(lines) if wrapped else [p.strip() for p in lines if p.strip()]


def block_paragraphs(raw: RawDocument) -> list[tuple[list[str], CellKey | None]]:
    """Each block as its cleaned lines, with the table cell it renders (one entry per cell paragraph)."""
    blocks = raw.blocks
    if raw.format == "pdf" or any(b.page is not None for b in blocks[:1]):
        blocks = drop_page_furniture(blocks)
    out: list[tuple[list[str], CellKey | None]] = []
    tables = 0
    for b in blocks:
        if b.kind == "table":
            for r, row in enumerate(b.rows or []):
                for c, cell in enumerate(row):
                    out.extend(([clean_line(p)], (tables, r, c)) for p in _cell_paragraphs(cell, b.wrapped))
            tables += 1
        else:
            text = b.text.replace("\r\n", "\n").replace("\r", "\n")
            out.append(([clean_line(ln) for ln in text.split("\n")], None))
    return out


def _place_tables(raw: RawDocument, text: str, paras: list[str], keys: list[CellKey | None]) -> list[Table]:
    """The readers' tables with each cell placed at its paragraphs' offsets in `text`."""
    shapes = [b for b in raw.blocks if b.kind == "table"]
    spans: dict[CellKey, list[int]] = {}
    pos = 0
    for para, key in zip(paras, keys, strict=True):
        at = text.find(para, pos)
        if at < 0:
            continue
        pos = at + len(para)
        if key is not None:
            span = spans.setdefault(key, [at, pos])
            span[1] = pos
    tables = []
    for t, block in enumerate(shapes):
        rows: list[list[TableCell | None]] = []
        for r, row in enumerate(block.rows or []):
            cells: list[TableCell | None] = []
            for c in range(len(row)):
                cell = spans.get((t, r, c))
                cells.append(TableCell(cell[0], cell[1], text[cell[0]:cell[1]]) if cell else None)
            rows.append(cells)
        if any(c for row in rows for c in row):
            tables.append(Table(rows, block.page, block.merged))
    return tables


def _letters(line: str) -> str:
    """A line in NFC, its look-alike letters and spaces made Vietnamese ones, its tone marks placed one way."""
    return fix_tone_placement(fix_look_alikes(nfc(line)))


def normalize_document(raw: RawDocument) -> Normalized:
    """The record text (NFC, one tone placement, Đ and the space for their look-alikes, boilerplate dropped,
    wrapped lines joined) and the readers' tables placed in it."""
    paras: list[str] = []
    keys: list[CellKey | None] = []
    blocks = [([dash_bullet(ln) for ln in _drop_boilerplate([_letters(ln) for ln in lines])], key)
              for lines, key in cut_trailing_boxes(block_paragraphs(raw))]
    width = wrap_width([lines for lines, _ in blocks])
    prev_cell = True
    for lines, key in blocks:
        cell = key is not None
        # a blank line inside a block still separates paragraphs
        group: list[str] = []
        for ln in lines + [""]:
            if ln.strip():
                group.append(ln)
                continue
            if group:
                para = "\n".join(join_wrapped(group, width))
                if not (cell or prev_cell) and should_join(paras[-1].rsplit("\n", 1)[-1], group[0], None, wrapped=False):
                    paras[-1] = paras[-1].rstrip() + " " + para.lstrip()  # broken by a page break
                else:
                    paras.append(para)
                    keys.append(key)
                prev_cell = cell
            group = []
    kept = [(p, k) for p, k in zip(paras, keys, strict=True) if p.strip()]
    text = re.sub(r"\n\s*\n+", "\n\n", "\n\n".join(p for p, _ in kept)).strip()
    tables = _place_tables(raw, text, [p.strip() for p, _ in kept], [k for _, k in kept])
    return Normalized(text, tables)


def normalize(raw: RawDocument) -> str:
    """The record text of `raw` (see `normalize_document`)."""
    return normalize_document(raw).text
