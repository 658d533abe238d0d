"""Exports of the stored obligations and targets: JSON Lines, CSV (UTF-8 with BOM, for Excel), xlsx."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from .store import Store

FORMATS = ("jsonl", "csv", "xlsx")
KINDS = ("obligations", "targets")
_DOC = ["doc_id", "doc_number", "doc_doc_type", "doc_date", "doc_issuer", "doc_place", "doc_title"]
COLUMNS = {
    "obligations": [*_DOC, "section", "task", "lead", "support", "deadline_text", "deadline_kind",
                    "deadline_start", "deadline_end", "deadline_date", "span_start", "span_end", "quote"],
    "targets": [*_DOC, "section", "indicator", "indicator_id", "comparator", "value", "value_max", "unit",
                "year", "scope", "span_start", "span_end", "quote"],
}
HEADERS = {"doc_doc_type": "doc_type", "doc_date": "doc_date", "doc_issuer": "issuer", "doc_place": "place",
           "doc_title": "doc_title", "doc_number": "doc_number"}


def header(kind: str) -> list[str]:
    """Column titles of an exported table."""
    return [HEADERS.get(c, c) for c in COLUMNS[kind]]


def rows(store: Store, kind: str) -> Iterator[dict[str, Any]]:
    """The export columns of every stored item of `kind`, lists kept as lists."""
    for item in store.item_rows(kind):
        yield {HEADERS.get(c, c): item.get(c) for c in COLUMNS[kind]}


def flat(row: dict[str, Any]) -> dict[str, Any]:
    """A row for a spreadsheet cell grid: lists of bodies joined with '; '."""
    return {k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()}


def write_jsonl(store: Store, out: TextIO, kinds: tuple[str, ...] = KINDS) -> int:
    """One JSON object per line, each with `kind` ('obligation' or 'target')."""
    n = 0
    for kind in kinds:
        for row in rows(store, kind):
            out.write(json.dumps({"kind": kind[:-1]} | row, ensure_ascii=False) + "\n")
            n += 1
    return n


def write_csv(store: Store, out: TextIO, kind: str) -> int:
    """A CSV table starting with a UTF-8 BOM, so Excel shows Vietnamese letters intact."""
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=header(kind), lineterminator="\r\n")
    writer.writeheader()
    n = 0
    for row in rows(store, kind):
        writer.writerow(flat(row))
        n += 1
    return n


def write_xlsx(store: Store, path: Path, kinds: tuple[str, ...] = KINDS) -> int:
    """An Excel workbook with one sheet per kind, a bold frozen header and filters."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=False)
    wb.remove(wb.active)
    n = 0
    for kind in kinds:
        ws = wb.create_sheet(kind)
        cols = header(kind)
        ws.append(cols)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows(store, kind):
            ws.append([_cell(v) for v in flat(row).values()])
            n += 1
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        for i, col in enumerate(cols, 1):
            width = 60 if col in ("task", "quote", "indicator", "doc_title") else max(10, len(col) + 2)
            ws.column_dimensions[ws.cell(1, i).column_letter].width = width
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return n


def _cell(v: Any) -> Any:
    """Excel refuses control characters in cells; drop them."""
    if isinstance(v, str):
        return "".join(c for c in v if c >= " " or c in "\n\t")
    return v


def export(store: Store, fmt: str, out: Path | None, kind: str | None = None,
           stdout: TextIO | None = None) -> int:
    """Write `fmt` to `out` (or `stdout` for jsonl/csv); returns the number of items written.

    jsonl and xlsx hold both kinds unless `kind` is given; csv holds one table (default obligations).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    kinds = (kind,) if kind else KINDS
    if fmt == "xlsx":
        if out is None:
            raise ValueError("xlsx is a binary file: give -o FILE")
        return write_xlsx(store, out, kinds)
    buf = io.StringIO()
    n = write_jsonl(store, buf, kinds) if fmt == "jsonl" else write_csv(store, buf, kind or "obligations")
    if out is None:
        (stdout or io.StringIO()).write(buf.getvalue())
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.tmp")
        tmp.write_text(buf.getvalue(), encoding="utf-8", newline="")
        tmp.replace(out)
    return n
