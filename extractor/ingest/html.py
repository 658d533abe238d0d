"""HTML reader: the main text of a saved web page (legal portal, news site), chrome dropped.

trafilatura finds the main content (recall favoured, tables kept, line structure kept as
XML). Where it loses the header block of a legal document (short lines: `Số: ...`, the
place and date, the national motto) a plain lxml reading of the cleaned page is used.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace
from typing import Any

from ..document import Block, IngestError, RawDocument
from ..normalize import LIST_START
from .list_numbers import HTML_TYPES, format_number

_CHROME_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
                "button", "select", "svg", "template", "head")
_CHROME_ATTR = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|footer|header|sidebar|breadcrumbs?|share|social|"
                          r"comments?|banner|advert|ads|related|toolbar|popup|modal|cookie)(?:$|[\s_-])",
                          re.IGNORECASE)
_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "section", "article",
               "blockquote", "pre", "dd", "dt", "ul", "ol", "center", "td", "th", "table", "main"}
_HEADER_HINT = re.compile(r"^(?:Số\s*:|(?:ỦY|UỶ) BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|BỘ [A-ZĐ]|SỞ [A-ZĐ]|CHÍNH PHỦ|THỦ TƯỚNG|.{0,40},\s*ngày\s+\d{1,2}\s+tháng|CỘNG HÒA XÃ HỘI|Độc lập\s*-)",
                          re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _span(cell: Any, name: str) -> int:
    """A cell's colspan or rowspan: 1 when absent or not a number, at most 64."""
    try:
        return max(1, min(int(cell.get(name) or 1), 64))
    except ValueError:
        return 1


def _laid_out(el: Any, buf: list[str], on_table: Any = None) -> None:
    """Append the text of `el` to `buf` as a browser lays it out: a block element on lines of its own, a <br> as
    a line break inside its paragraph (U+2028), the source's own line breaks as spaces; a table holding no
    other table is handed to `on_table` instead, when one is given."""
    if on_table is not None and el.tag == "table" and el.find(".//table") is None:
        on_table(el)
        return
    if el.tag == "br":
        buf.append("\u2028")
    elif el.tag in _BLOCK_TAGS:
        buf.append("\n")
    if el.text:
        buf.append(_source_spaces(el.text))
    for child in el:
        if isinstance(child.tag, str):
            _laid_out(child, buf, on_table)
        if child.tail:
            buf.append(_source_spaces(child.tail))
    if el.tag in _BLOCK_TAGS and el.tag != "br":
        buf.append("\n")


def _cell_text(cell: Any) -> str:
    """A cell's text, a line for each of its paragraphs and <br>s; inline markup and the source's own line
    breaks run on as the page shows them."""
    buf: list[str] = []
    _laid_out(cell, buf)
    return "\n".join(x for x in map(_clean_text, re.split("[\n\u2028]", "".join(buf))) if x)


def _grid_block(table: Any) -> Block:
    """A <table> as a block of cell texts on the table's grid: a cell spanning columns (colspan) is followed by
    empty cells, one spanning rows (rowspan) leaves an empty cell in the rows below, marked as merged, as Word's
    merged cells are read (the header 'GIAI ĐOẠN 2026 - 2030' over 'Năm 2026' … 'Năm 2030'); empty rows dropped."""
    rows: list[list[str]] = []
    below: dict[int, int] = {}  # column -> rows still covered by a cell above
    merged: set[tuple[int, int]] = set()

    def covered(row: list[str]) -> None:  # the empty cells a rowspan above leaves at the row's next columns
        while below.get(len(row), 0) > 0:
            below[len(row)] -= 1
            merged.add((len(rows), len(row)))
            row.append("")

    for tr in table.iter("tr"):
        row: list[str] = []
        for cell in tr.iter("td", "th"):
            covered(row)
            text = _cell_text(cell)
            width, height = _span(cell, "colspan"), _span(cell, "rowspan")
            for k in range(width):
                if height > 1:
                    below[len(row)] = height - 1
                row.append(text if k == 0 else "")
        covered(row)
        rows.append(row)
    kept = [r for r, row in enumerate(rows) if any(row)]
    at = {r: k for k, r in enumerate(kept)}
    return Block("table", rows=[rows[r] for r in kept],
                 merged=frozenset((at[r], c) for r, c in merged if r in at))


_ITEM_OPENERS = {"p", "div", "span", "strong", "b", "em", "i", "a", "u", "font"}  # what an item may open with


def _marker(kind: str, n: int) -> str:
    """The marker a browser shows for the n-th item (1-based) of a list of `kind` (`ul`, or an `ol` type):
    `- `, `1. `, `a) `, `I. ` (letters closed by a bracket, as Vietnamese documents write their sub-items)."""
    if kind == "ul":
        return "- "
    counter = format_number(n, HTML_TYPES.get(kind, "decimal"))
    return f"{counter}) " if kind in ("a", "A") else f"{counter}. "


def _first_text_holder(li: Any) -> Any:
    """The element whose text opens the item: the item, or the paragraph or emphasis it opens with."""
    el = li
    while (el.text is None or not el.text.strip()) and len(el) and isinstance(el[0].tag, str) \
            and el[0].tag in _ITEM_OPENERS:
        el = el[0]
    return el


def mark_list_items(root: Any) -> bool:
    """Write into each list item of an lxml tree the marker a browser draws for it (`- ` in a `<ul>`; `1. `,
    `a) `, `I. ` in an `<ol>` by its `type`, `start` and the item's `value`): trafilatura and the text keep no
    marker, and a bullet or a lettered sub-item is how a plan's duties are told apart (like Word's automatic
    numbers, see docx.py). An item that writes its own marker is left as it is. True when any was written."""
    marked = False
    for lst in root.iter("ul", "ol"):
        kind = "ul" if lst.tag == "ul" else (lst.get("type") or "1")
        try:
            n = int(lst.get("start") or 1) - 1
        except ValueError:
            n = 0
        for li in lst:
            if li.tag != "li":
                continue
            try:
                n = int(li.get("value")) if li.get("value") else n + 1
            except ValueError:
                n += 1
            holder = _first_text_holder(li)
            if LIST_START.match(holder.text or ""):  # an item that writes its own marker
                continue
            holder.text = _marker(kind, n) + (holder.text or "").lstrip()
            marked = True
    return marked


_NOTE_LINK = re.compile(r"^#(?:_(?:ftn|edn)\d+|sd(?:foot|end)note\d+sym|fn[:_-]?\d+|footnote[_-]?\d+)$", re.IGNORECASE)
_NOTE_MARK = re.compile(r"^\s*(?:[\[(]?\d{1,3}[\])]?|\*{1,3})\s*$")


def drop_note_marks(root: Any) -> bool:
    """Remove from an lxml tree the marks in the body that link to a footnote or endnote (Word's `#_ftn1`,
    LibreOffice's `#sdfootnote1sym`, `#fn1`): in the text they would glue a digit to the word before them
    ('ngày 22/12/2024' + '1', 'số 140/NQ-CP' + '2'). The notes themselves, linking back, keep their numbers. True
    when any was removed."""
    dropped = False
    for a in list(root.iter("a")):
        if not _NOTE_LINK.match(a.get("href") or "") or not _NOTE_MARK.match(a.text_content() or ""):
            continue
        holder = a.getparent()
        if holder is not None and holder.tag == "sup" and len(holder) == 1 and not (holder.text or "").strip():
            a = holder  # <sup><a href="#_ftn1">1</a></sup>: the superscript goes with its only link
        a.drop_tree()  # its tail stays
        dropped = True
    return dropped


_PRE = re.compile(r"(<pre\b[^>]*>)(.*?)(</pre\s*>)", re.IGNORECASE | re.DOTALL)


def _pre_lines(text: str) -> str:
    """The page with the line breaks inside its <pre> blocks written as <br>s (a crawler's page of plain
    text), so the readers, which take the source's line breaks for spaces, keep them."""
    return _PRE.sub(lambda m: m.group(1) + m.group(2).replace("\n", "<br>\n") + m.group(3), text)


def _prepared(text: str) -> str:
    """The page with its <pre> lines kept (`_pre_lines`), its list items' markers written in
    (`mark_list_items`) and its note marks dropped (`drop_note_marks`)."""
    if re.search(r"<pre\b", text, re.IGNORECASE):
        text = _pre_lines(text)
    lists = re.search(r"<li[\s>]", text, re.IGNORECASE)
    notes = re.search(r"href=[\"']#(?:_ftn|_edn|sdfootnote|sdendnote|fn|footnote)", text, re.IGNORECASE)
    if not lists and not notes:
        return text
    import lxml.html

    try:
        root = lxml.html.document_fromstring(text)
    except (ValueError, lxml.etree.ParserError):
        return text
    changed = bool(lists) and mark_list_items(root)
    changed = (bool(notes) and drop_note_marks(root)) or changed
    return lxml.html.tostring(root, encoding="unicode") if changed else text


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode page bytes: BOM, then the declared <meta charset>, then UTF-8, then detection."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    m = _META_CHARSET.search(data[:4096])
    if m:
        name = m.group(1).decode("ascii").lower()
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            return data.decode("utf-8", errors="replace"), "utf-8"
        return str(best), best.encoding


def _clean_text(s: str) -> str:
    """Runs of spaces, tabs and no-break spaces made one space, ends stripped."""
    return re.sub(r"[ \t\r\f\v\u00a0]+", " ", s).strip()


def _traf_blocks(text: str) -> list[Block]:
    """Blocks from trafilatura's XML output (p/head/list items as paragraphs, tables as rows)."""
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(text, output_format="xml", favor_recall=True, include_tables=True,
                              include_comments=False, include_images=False, deduplicate=False)
    if not xml:
        return []
    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    if main is None:
        main = root
    blocks: list[Block] = []

    def text_of(el: Any) -> str:
        parts = []
        for node in el.iter():
            if node.tag == "lb":
                parts.append("\n")
            elif node.tag == "p" and node is not el:  # a cell's paragraphs, after its own first line
                parts.append(f"\n{node.text or ''}")
            elif node.text:
                parts.append(node.text)
            if node is not el and node.tail:
                parts.append(node.tail)
        return "\n".join(_clean_text(x) for x in "".join(parts).split("\n"))

    def walk(el: Any) -> None:
        for child in el:
            if child.tag == "table":
                rows = []
                for row in child.iter("row"):
                    rows.append(["\n".join(x for x in map(_clean_text, text_of(cell).split("\n")) if x)
                                 for cell in row.findall("cell")])  # text before the first <p> too
                if rows:
                    blocks.append(Block("table", rows=rows))
            elif child.tag == "list":
                for item in child.findall("item"):
                    t = text_of(item).strip()
                    if t:
                        blocks.append(Block("para", t))
            elif child.tag in ("div", "main"):
                walk(child)
            else:
                t = text_of(child).strip()
                if t:
                    blocks.append(Block("para", t))

    walk(main)
    return blocks


_LEGAL_HEADER = re.compile(r"CỘNG\s+H[OÒ]A\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA|Số\s*:\s*\d{1,5}\s*/", re.IGNORECASE)
"""A document's own header (its motto, its 'Số: …'), whatever class the page gives its table ('doc-header')."""


def _strip_chrome(root: Any) -> None:
    """Remove scripts, navigation, menus, footers and their look-alikes from an lxml tree."""
    for el in list(root.iter(*_CHROME_TAGS)):
        if el.getparent() is not None:
            el.getparent().remove(el)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        attrs = " ".join(el.get(a, "") for a in ("class", "id", "role"))
        if attrs and _CHROME_ATTR.search(attrs) and el.tag not in ("body", "html", "main", "article") \
                and not _LEGAL_HEADER.search(" ".join(el.itertext())):
            el.getparent().remove(el)


def _source_spaces(s: str) -> str:
    """A text node with the line breaks of the page's source as the spaces a browser shows (Word's and
    LibreOffice's pages wrap their paragraphs at 80 columns); a <br> is what breaks a line."""
    return re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", s)


def _lxml_blocks(text: str) -> list[Block]:
    """Blocks from the page itself with chrome removed (fallback when trafilatura drops lines)."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(text)
    except (ValueError, lxml.etree.ParserError):
        return []
    _strip_chrome(root)
    main = next(iter(root.iter("article", "main")), None)
    if main is None:
        main = root.find("body") if root.find("body") is not None else root
    blocks: list[Block] = []
    buf: list[str] = []

    def flush() -> None:
        t = "".join(buf)
        buf.clear()
        for ln in t.split("\n"):  # a <br> (\u2028) breaks a line, not the paragraph
            lines = [_clean_text(x) for x in ln.split("\u2028") if _clean_text(x)]
            if lines:
                blocks.append(Block("para", "\n".join(lines)))

    def table(el: Any) -> None:
        flush()
        block = _grid_block(el)
        if block.rows:
            blocks.append(block)

    _laid_out(main, buf, table)
    flush()
    return blocks


def _lines(blocks: list[Block]) -> list[str]:
    """The non-empty lines of blocks, table cells included, for comparing two readings."""
    out: list[str] = []
    for b in blocks:
        if b.kind == "table":
            out.extend(c for r in b.rows or [] for cell in r for c in cell.split("\n") if c.strip())
        else:
            out.extend(ln.strip() for ln in b.text.split("\n") if ln.strip())
    return out


def without_chrome_ends(traf: list[Block], plain: list[Block]) -> list[Block]:
    """trafilatura's blocks without the paragraphs at their start and end that the page's own reading, its chrome
    removed, does not hold (a banner's site name 'HỘI ĐỒNG NHÂN DÂN TỈNH …' kept as the first line would be read
    as the issuer); spaces and the Unicode form (a legacy code page decodes to combining marks) are ignored in the
    comparison."""
    def squeezed(text: str) -> str:
        return unicodedata.normalize("NFC", re.sub(r"\s+", "", text))

    page = squeezed("".join(_lines(plain)))

    def chrome(block: Block) -> bool:
        return block.kind == "para" and squeezed(block.text) not in page

    start, end = 0, len(traf)
    while start < end and chrome(traf[start]):
        start += 1
    while end > start and chrome(traf[end - 1]):
        end -= 1
    return traf[start:end] or traf


def choose(traf: list[Block], plain: list[Block]) -> list[Block]:
    """trafilatura's blocks, unless the plain reading of the same region holds lines or table rows it lost.

    The region runs from trafilatura's first to its last line in the plain reading, extended
    back over a legal header block (issuing body, `Số:`, place and date) just above it.
    """
    if not traf or not plain:
        return traf or plain
    traf = without_chrome_ends(traf, plain)
    tl = _lines(traf)
    pl = [(bi, ln) for bi, b in enumerate(plain) for ln in _lines([b])]
    plines = [ln for _, ln in pl]
    if not tl or tl[0] not in plines or tl[-1] not in plines:
        return traf
    start = plines.index(tl[0])
    end = len(plines) - 1 - plines[::-1].index(tl[-1])
    if end < start:
        return traf
    for k in range(start - 1, max(-1, start - 16), -1):
        if _HEADER_HINT.match(plines[k]):
            start = k
    window = plines[start:end + 1]
    region = plain[pl[start][0]:pl[end][0] + 1]
    if _table_rows(region) > _table_rows(traf):
        return region  # trafilatura ran a table into text (one inside a list item, as LibreOffice writes it)
    tc, wc = Counter(tl), Counter(window)
    if not (wc - tc) or sum((tc - wc).values()) > 0.1 * len(tl):
        return traf
    if sum(map(len, window)) > 2 * sum(map(len, tl)):
        return traf
    return region


def with_merges(blocks: list[Block], plain: list[Block]) -> list[Block]:
    """The blocks, each table given the merged cells of the page's own table with the same cells (trafilatura's
    tables keep no rowspan: a lead or a deadline merged over rows would read as empty cells)."""
    merged = {_cells_key(b): b.merged for b in plain if b.kind == "table" and b.merged}
    if not merged:
        return blocks
    return [replace(b, merged=merged.get(_cells_key(b), b.merged)) if b.kind == "table" else b for b in blocks]


def _cells_key(block: Block) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(" ".join(c.split()) for c in row) for row in block.rows or [])


def _table_rows(blocks: list[Block]) -> int:
    """How many table rows blocks hold."""
    return sum(len(b.rows or []) for b in blocks if b.kind == "table")


def portal_attributes(block: Block) -> bool:
    """True for a portal's table of the document's attributes (three labels of layout.portal_attribute_label or
    more, in two rows or more: 'Số ký hiệu | 97/NQ-CP', 'Ngày ban hành | 08/04/2026', 'Người ký | …', two to a row
    on some portals), not a table of the document (a list of documents has such labels in its header row alone)."""
    from ..rules import load_rules

    if block.kind != "table":
        return False
    label = load_rules("layout").rule("layout.portal_attribute_label").rx
    per_row = [sum(1 for cell in row if label.match(cell or "")) for row in block.rows or []]
    return sum(per_row) >= 3 and sum(1 for n in per_row if n) >= 2


_HEADER_REACH = 12  # how many blocks of a page's furniture may stand before the document's header table


def from_document_header(blocks: list[Block]) -> list[Block]:
    """The blocks from the document's own header table on (its motto, its 'Số: …'), when one stands among the
    first blocks: what comes before it is the page's (a column of the newest documents, the post's title and its
    date), not the document's."""
    first = next((i for i, b in enumerate(blocks[:_HEADER_REACH]) if b.kind == "table" and _LEGAL_HEADER.search(
        " ".join(c for row in b.rows or [] for c in row if c))), None)
    return blocks[first:] if first else blocks


def is_mhtml(data: bytes) -> bool:
    """True for a web page saved as one MIME file (.mht/.mhtml: Word's and the browsers' 'single file')."""
    head = data[:4096].lower()
    return b"mime-version:" in head and b"multipart/related" in head


def mhtml_page(data: bytes) -> bytes:
    """The HTML part of a MIME web page archive, with its charset declared in it; IngestError when it has none."""
    import email
    from email import policy

    message = email.message_from_bytes(data, policy=policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            body = part.get_payload(decode=True)
            if isinstance(body, bytes) and body.strip():
                charset = part.get_content_charset()
                return (f'<meta charset="{charset}">'.encode() + body) if charset else body
    raise IngestError("the web archive (.mht) holds no HTML page")


def read_html(raw: RawDocument, data: bytes) -> None:
    """Fill `raw` with the main text of a web page (a portal's box of the document's attributes left out); a page
    saved as one MIME file (.mht) is read from its HTML part."""
    if is_mhtml(data):
        data = mhtml_page(data)
    text, encoding = decode_html(data)
    raw.encoding = encoding
    text = _prepared(text)
    plain = _lxml_blocks(text)
    blocks = from_document_header([b for b in with_merges(choose(_traf_blocks(text), plain), plain)
                                   if not portal_attributes(b)])
    if not blocks:
        raise IngestError("no main text found in the HTML page")
    raw.blocks = blocks
