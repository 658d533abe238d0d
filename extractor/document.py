"""The stage contracts: what ingest returns (`RawDocument`) and what extractors read (`Doc`)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from .record import Meta, Section, Signature, StampedText, Status


class IngestError(Exception):
    """A file that cannot be read; the message is what the user sees in the record's `errors`."""


@dataclass
class Block:
    """A unit of the source in reading order: a paragraph, or a table of cell strings."""

    kind: str  # "para" or "table"
    text: str = ""
    rows: list[list[str]] | None = None
    page: int | None = None
    wrapped: bool = False  # a table whose cells' line breaks are layout (crawled text), not paragraphs
    merged: frozenset[tuple[int, int]] = frozenset()  # (row, column) of cells a cell above spans (vMerge, rowspan)


@dataclass
class RawDocument:
    """What a reader got out of a file, before normalization."""

    path: str
    format: str
    sha256: str
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    errors: list[str] = field(default_factory=list)
    status: Status = "ok"
    ocr_pages: list[int] = field(default_factory=list)
    encoding: str | None = None
    converted_from: str | None = None
    signatures: list[Signature] = field(default_factory=list)
    stamped: list[StampedText] = field(default_factory=list)
    ocr_words: dict[int, list[tuple[str, float]]] = field(default_factory=dict)  # page -> digit words, confidence


@dataclass
class Line:
    """One line of the normalized text with its offsets (`end` excludes the newline)."""

    start: int
    end: int
    text: str


@dataclass
class TableCell:
    """One non-empty cell of a table: its offsets in the normalized text and that text."""

    start: int
    end: int
    text: str


@dataclass
class Table:
    """A table as the reader found it, cells placed in the normalized text (None: an empty cell)."""

    rows: list[list[TableCell | None]]
    page: int | None = None
    merged: frozenset[tuple[int, int]] = frozenset()  # (row, column) of cells the cell above them spans

    @property
    def start(self) -> int:
        return min((c.start for row in self.rows for c in row if c), default=0)

    @property
    def end(self) -> int:
        return max((c.end for row in self.rows for c in row if c), default=0)


@dataclass
class Normalized:
    """What normalization gives the extractors: the record text and the tables placed in it."""

    text: str
    tables: list[Table] = field(default_factory=list)


@dataclass
class Doc:
    """The annotation layer every extractor reads: normalized text, its lines, tables and section tree."""

    text: str
    sections: list[Section] = field(default_factory=list)
    meta: Meta = field(default_factory=Meta)
    tables: list[Table] = field(default_factory=list)

    @cached_property
    def lines(self) -> list[Line]:
        out, pos = [], 0
        for raw in self.text.split("\n"):
            out.append(Line(pos, pos + len(raw), raw))
            pos += len(raw) + 1
        return out

    @cached_property
    def _line_starts(self) -> list[int]:
        return [ln.start for ln in self.lines]

    def line_index(self, offset: int) -> int:
        """Index of the line holding `offset`."""
        return max(0, bisect.bisect_right(self._line_starts, offset) - 1)

    _section_index: tuple[tuple[int, int], list[int], list[tuple[Section, ...]]] | None = field(
        default=None, init=False, repr=False, compare=False)

    def _sections_by_interval(self) -> tuple[list[int], list[tuple[Section, ...]]]:
        """Cut points of all section bounds and, for each piece between two cuts, the sections covering
        it (ordered by level, then list order); rebuilt when `sections` is replaced or grows."""
        key = (id(self.sections), len(self.sections))
        if self._section_index is None or self._section_index[0] != key:
            secs = self.sections
            starts: dict[int, list[int]] = {}
            ends: dict[int, list[int]] = {}
            for i, s in enumerate(secs):
                starts.setdefault(s.start, []).append(i)
                ends.setdefault(s.end, []).append(i)
            cuts = sorted(starts.keys() | ends.keys())
            active: set[int] = set()
            covering = []
            for c in cuts:
                active.difference_update(ends.get(c, ()))
                active.update(i for i in starts.get(c, ()) if secs[i].end > c)
                covering.append(tuple(secs[i] for i in sorted(active, key=lambda i: (secs[i].level, i))))
            self._section_index = (key, cuts, covering)
        return self._section_index[1], self._section_index[2]

    def sections_at(self, offset: int) -> list[Section]:
        """The headings enclosing `offset`, outermost first (same-level ones in list order).

        An interval index (built once per section list) answers in O(log n), so a document's cost
        stays linear in its length."""
        cuts, covering = self._sections_by_interval()
        k = bisect.bisect_right(cuts, offset) - 1
        return list(covering[k]) if k >= 0 else []

    def section_at(self, offset: int) -> Section | None:
        """The innermost heading enclosing `offset`."""
        path = self.sections_at(offset)
        return path[-1] if path else None
