"""Markdown's inline markup read as the text it marks up.

Pages crawled into Markdown (and `.md` files) write a body heading in bold (`**1. Sở Khoa học và Công
nghệ:**`), a title in italics, a cited document as a link. The layers after the reader look for the
words, so emphasis, links, images, inline code, backslash escapes, entities and inline HTML tags are
rendered to their text by markdown-it-py (CommonMark's rules: a lone `*` in *Chỉ tiêu (*)*, an
underscore inside a word stay as written). Of the block markup, a numbered heading's ATX mark (`### 1.`) is
dropped and a `* ` item marked with the dash; the lines, the blank lines between blocks and pipe-table lines stay
where they are, so the block and table readers see the layout they read in any text file."""

from __future__ import annotations

import re
from functools import cache
from itertools import groupby
from typing import Any

MARKDOWN_SUFFIXES = (".md", ".markdown")
_MARKUP = re.compile(r"(\*\*|__)[^\s*_](?:[^\n]*?[^\s*_])?\1|^#{1,6}[ \t]+\S", re.MULTILINE)
"""Strong emphasis (`**1. Sở Tài chính**`) or an ATX heading (`## II. NHIỆM VỤ`): plain administrative text
never writes them, so a `.txt` that does is Markdown (italic `*…*` alone is not taken as a sign: converted texts
keep it as written)."""
_BLOCK_SPLIT = re.compile(r"(\n[ \t]*\n)")
_CELL_SPLIT = re.compile(r"(?<!\\)(\|)")
_STAR_ITEM = re.compile(r"(?m)^([ \t]*)\*(?=[ \t])")
"""A list item marked `* `: the same item as `- `, which the layers after the reader know as a bullet."""
_ATX_HEADING = re.compile(r"(?m)^([ \t]{0,3})#{1,6}[ \t]+((?:[IVXLC]+|\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)][ \t].*?"
                          r"|(?i:điều|chương|mục|phần)[ \t]+[\dIVXLC].*?)(?:[ \t]+#+)?[ \t]*$")
"""An ATX heading that opens with its number (`### 1. Sở Tài chính`, `## Điều 2.`): its text on its own line,
as any text file writes such a heading. A heading without a number (`## Ban hành Chương trình hành động …`
under `Số: 03/NQ-CP`) keeps its mark: the meta reader takes it for the title the page marks."""


def is_markdown(path: str, text: str) -> bool:
    """True for a Markdown file by its name, or a text that writes strong emphasis or ATX headings."""
    return path.lower().endswith(MARKDOWN_SUFFIXES) or _MARKUP.search(text) is not None


@cache
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def render_inline(text: str) -> str:
    """`text` with its inline markup rendered: `**Sở Tài chính**` -> `Sở Tài chính`, `[Nghị quyết
    57](url)` -> `Nghị quyết 57`, `\\*` -> `*`; line breaks kept."""
    if not re.search(r"[*_\[\]`\\&<!]", text):
        return text
    out = []
    for token in _parser().parseInline(text)[0].children or []:
        if token.type in ("text", "text_special", "code_inline"):
            out.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif token.type == "image":
            out.append("".join(child.content for child in token.children or []))
    return "".join(out)


def _render_block(block: str) -> str:
    """A block's runs of text lines rendered together (emphasis may span a wrapped line), each pipe-table line
    cell by cell (an escaped `\\|` keeps the line as written)."""
    out = []
    for is_row, run in groupby(block.split("\n"), key=lambda line: line.lstrip().startswith("|")):
        lines = list(run)
        if is_row:
            out += [line if "\\|" in line else "".join(part if part == "|" else _padded(part)
                                                       for part in _CELL_SPLIT.split(line)) for line in lines]
        else:
            out.append(_STAR_ITEM.sub(r"\1-", _padded(_ATX_HEADING.sub(r"\1\2", "\n".join(lines)))))
    return "\n".join(out)


def _padded(cell: str) -> str:
    """A block or a table cell rendered with the blanks around it kept (`| **Tên** |` -> `| Tên |`)."""
    core = cell.strip()
    if not core:
        return cell
    return _blanks_around(cell) + _kept_blanks(core, render_inline(core)) + cell[len(cell.rstrip()):]


def _blanks_around(text: str) -> str:
    """The blanks `text` opens with."""
    return text[:len(text) - len(text.lstrip())]


def _kept_blanks(written: str, rendered: str) -> str:
    """`rendered` with each line's leading and trailing blanks as `written` has them (CommonMark drops them
    at a soft break; the gazette readers take a line's trailing blank as a sign that it wraps)."""
    lines, out = written.split("\n"), rendered.split("\n")
    if len(lines) != len(out):
        return rendered
    return "\n".join(_blanks_around(w) + r.strip() + w[len(w.rstrip()):] for w, r in zip(lines, out, strict=True))


def render_markdown(text: str) -> str:
    """`text` with the inline markup of each block rendered, the blocks and their separators as they are."""
    return "".join(part if i % 2 else _render_block(part) for i, part in enumerate(_BLOCK_SPLIT.split(text)))
