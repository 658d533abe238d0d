"""Exports of the stored obligations and targets: JSON Lines, CSV (UTF-8 with BOM, for Excel), xlsx."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .search import Filters, item_ids
from .store import Store
from .vntext import fold

FORMATS = ("jsonl", "csv", "xlsx")
KINDS = ("obligations", "targets")
HEADER_LANGS = ("en", "vi")
_DOC = ["doc_id", "doc_number", "doc_doc_type", "doc_date", "doc_issuer", "doc_place", "doc_title",
        "doc_parent", "doc_chain"]
COLUMNS = {
    "obligations": [*_DOC, "section", "task", "lead", "support", "deadline_text", "deadline_kind",
                    "deadline_start", "deadline_end", "deadline_date", "span_start", "span_end", "quote"],
    "targets": [*_DOC, "section", "indicator", "indicator_id", "comparator", "value", "value_max", "unit",
                "year", "scope", "span_start", "span_end", "quote"],
}
HEADERS = {"doc_doc_type": "doc_type", "doc_date": "doc_date", "doc_issuer": "issuer", "doc_place": "place",
           "doc_title": "doc_title", "doc_number": "doc_number", "doc_parent": "parent", "doc_chain": "chain"}


@dataclass
class Selection:
    """Which items an export holds: the search filters (body, year, place, document facts) and the
    parent document (`parent`: a number; documents with it anywhere up their chain)."""

    filters: Filters | None = None
    parent: str | None = None


def header(kind: str, lang: str = "en") -> list[str]:
    """Column titles of an exported table, English snake_case or Vietnamese (`lang='vi'`)."""
    names = [HEADERS.get(c, c) for c in COLUMNS[kind]]
    if lang == "vi":
        from .ui import export_header

        return [export_header(n) for n in names]
    return names


def sheet_name(kind: str, lang: str = "en") -> str:
    """The xlsx sheet of a kind: 'obligations', or 'Nhiệm vụ' in Vietnamese."""
    if lang == "vi":
        from .ui import export_sheet

        return export_sheet(kind)
    return kind


def _parent_docs(store: Store, parent: str) -> set[str]:
    """Documents whose chain holds the document numbered `parent` (any depth; marks and case ignored)."""
    want = " ".join(fold(parent).split())
    return {r[0] for r in store.conn.execute("SELECT doc_id, parent_number FROM links")
            if " ".join(fold(r[1] or "").split()) == want}


def rows(store: Store, kind: str, selection: Selection | None = None, lang: str = "en") -> Iterator[dict[str, Any]]:
    """The export columns of every stored item of `kind` the selection keeps, lists kept as lists."""
    sel = selection or Selection()
    ids = item_ids(store.conn, kind[:-1], sel.filters) if sel.filters else None
    docs = _parent_docs(store, sel.parent) if sel.parent else None
    names = header(kind, lang)
    for item in store.item_rows(kind):
        if (ids is not None and item["id"] not in ids) or (docs is not None and item["doc_id"] not in docs):
            continue
        yield dict(zip(names, (item.get(c) for c in COLUMNS[kind]), strict=True))


def flat(row: dict[str, Any]) -> dict[str, Any]:
    """A row for a spreadsheet cell grid: lists of bodies joined with '; '."""
    return {k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()}


def write_jsonl(store: Store, out: TextIO, kinds: tuple[str, ...] = KINDS, selection: Selection | None = None,
                lang: str = "en") -> int:
    """One JSON object per line, each with `kind` ('obligation' or 'target')."""
    n = 0
    for kind in kinds:
        for row in rows(store, kind, selection, lang):
            out.write(json.dumps({"kind": kind[:-1]} | row, ensure_ascii=False) + "\n")
            n += 1
    return n


def write_csv(store: Store, out: TextIO, kind: str, selection: Selection | None = None, lang: str = "en") -> int:
    """A CSV table starting with a UTF-8 BOM, so Excel shows Vietnamese letters intact."""
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=header(kind, lang), lineterminator="\r\n")
    writer.writeheader()
    n = 0
    for row in rows(store, kind, selection, lang):
        writer.writerow(flat(row))
        n += 1
    return n


def write_xlsx(store: Store, path: Path, kinds: tuple[str, ...] = KINDS, selection: Selection | None = None,
               lang: str = "en") -> int:
    """An Excel workbook with one sheet per kind, a bold frozen header and filters."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=False)
    wb.remove(wb.active)
    n = 0
    for kind in kinds:
        ws = wb.create_sheet(sheet_name(kind, lang))
        cols = header(kind, lang)
        ws.append(cols)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows(store, kind, selection, lang):
            ws.append([_cell(v) for v in flat(row).values()])
            n += 1
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        for i, col in enumerate(cols, 1):
            wide = ("task", "quote", "indicator", "doc_title", "chain")
            width = 60 if col in wide or col in header_words(wide, lang) else max(10, len(col) + 2)
            ws.column_dimensions[ws.cell(1, i).column_letter].width = width
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return n


def _cell(v: Any) -> Any:
    """Excel refuses control characters in cells; drop them."""
    if isinstance(v, str):
        return "".join(c for c in v if c >= " " or c in "\n\t")
    return v


def header_words(names: tuple[str, ...], lang: str) -> set[str]:
    """The titles of these English column names in `lang`."""
    if lang != "vi":
        return set(names)
    from .ui import export_header

    return {export_header(n) for n in names}


def normalize_kind(kind: str | None) -> str | None:
    """'obligation' or 'obligations' -> 'obligations'; None stays None; anything else is refused."""
    if not kind:
        return None
    k = kind.strip().lower()
    k = k if k.endswith("s") else k + "s"
    if k not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: one of obligations, targets (singular or plural)")
    return k


def export(store: Store, fmt: str, out: Path | None, kind: str | None = None,
           stdout: TextIO | None = None, selection: Selection | None = None, headers: str = "en") -> int:
    """Write `fmt` to `out` (or `stdout` for jsonl/csv); returns the number of items written.

    jsonl and xlsx hold both kinds unless `kind` is given; csv holds one table (default obligations).
    `selection` keeps the items the search filters and the parent keep; `headers` 'vi' writes
    Vietnamese column titles (and xlsx sheet names).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    if headers not in HEADER_LANGS:
        raise ValueError(f"unknown headers {headers!r}: one of {', '.join(HEADER_LANGS)}")
    kind = normalize_kind(kind)
    kinds = (kind,) if kind else KINDS
    if fmt == "xlsx":
        if out is None:
            raise ValueError("xlsx is a binary file: give -o FILE")
        return write_xlsx(store, out, kinds, selection, headers)
    buf = io.StringIO()
    n = (write_jsonl(store, buf, kinds, selection, headers) if fmt == "jsonl"
         else write_csv(store, buf, kind or "obligations", selection, headers))
    if out is None:
        (stdout or io.StringIO()).write(buf.getvalue())
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.tmp")
        tmp.write_text(buf.getvalue(), encoding="utf-8", newline="")
        tmp.replace(out)
    return n
