"""Search: ranked full-text search over obligations, targets, references and document text.

The index holds a *folded* copy of every passage: abbreviations expanded (Sở KH&CN -> Sở Khoa học
và Công nghệ), then lower-cased with every diacritic stripped and đ mapped to d (`vntext.fold`).
Queries are folded the same way, so `doi moi`, `Đổi mới`, `Hoà`/`Hòa` and `Sở KH&CN` all meet the
same tokens. FTS5's own `remove_diacritics` is not used: it leaves đ, and misses letters with two
marks (ế, ợ) in mode 1.
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from .abbrev import expand_abbreviations
from .vntext import fold

KINDS = ("obligation", "target", "reference", "text")
_TOKEN = re.compile(r"\w+")


def search_fold(s: str) -> str:
    """The form both index and queries are compared in: abbreviations expanded, then folded."""
    return fold(expand_abbreviations(s)) if s else ""


def fts_query(query: str) -> str | None:
    """An FTS5 MATCH expression: every folded word of the query, quoted (all must occur)."""
    tokens = _TOKEN.findall(search_fold(query))
    return " ".join(f'"{t}"' for t in tokens) or None


def _like(s: str) -> str:
    return "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _filters(kind: str | None, body: str | None, year: int | None, place: str | None) -> tuple[list[str], list]:
    """SQL conditions (over passage `p` and document `d`) and their parameters."""
    where: list[str] = []
    params: list[Any] = []
    if kind:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
        where.append("p.kind = ?")
        params.append(kind)
    if body:
        full, short = _like(search_fold(body)), _like(fold(body))
        where.append("""((p.kind = 'obligation' AND EXISTS (SELECT 1 FROM obligation_bodies ob
            JOIN bodies b ON b.id = ob.body_id WHERE ob.obligation_id = p.item_id
            AND (b.folded LIKE ? ESCAPE '\\' OR b.aliases_folded LIKE ? ESCAPE '\\')))
            OR (p.kind != 'obligation' AND d.issuer_folded LIKE ? ESCAPE '\\'))""")
        params += [full, short, full]
    if year is not None:
        where.append("""((p.kind = 'obligation' AND EXISTS (SELECT 1 FROM obligations o WHERE o.id = p.item_id
            AND o.deadline_kind IS NOT NULL AND (o.year_from IS NULL OR o.year_from <= ?)
            AND (o.year_to IS NULL OR o.year_to >= ?)))
            OR (p.kind = 'target' AND EXISTS (SELECT 1 FROM targets t WHERE t.id = p.item_id AND t.year = ?))
            OR (p.kind IN ('text', 'reference') AND ((d.period_start <= ? AND d.period_end >= ?)
                OR substr(d.date, 1, 4) = ?)))""")
        params += [year, year, year, year, year, str(year)]
    if place:
        where.append("d.place_folded LIKE ? ESCAPE '\\'")
        params.append(_like(fold(place)))
    return where, params


def search(conn: sqlite3.Connection, query: str, *, kind: str | None = None, body: str | None = None,
           year: int | None = None, place: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
    """Hits for `query`, best first (bm25), each with its document, section, quote and fields.

    `kind` keeps one kind of item; `body` keeps obligations led or supported by a body matching
    it (full or abbreviated, folded; other kinds: the issuing body); `year` keeps obligations
    whose deadline covers it (the year, a range around it, recurring, from an earlier year),
    targets set for it, and text of documents whose period covers it; `place` matches the
    document's place, folded. An empty query with filters lists matching items in document order.
    """
    where, params = _filters(kind, body, year, place)
    match = fts_query(query)
    sql = """SELECT p.id AS passage_id, p.kind, p.item_id, p.doc_id, p.span_start, p.span_end, p.section,
        {score} AS score, d.title AS doc_title, d.number AS doc_number, d.kind AS doc_kind, d.place AS doc_place,
        CASE WHEN p.kind = 'text' THEN substr(d.text, p.span_start + 1, p.span_end - p.span_start) END AS text_quote
        FROM {source} JOIN documents d ON d.doc_id = p.doc_id"""
    if match:
        sql = sql.format(score="bm25(passages_fts)",
                         source="passages_fts JOIN passages p ON p.id = passages_fts.rowid")
        where.insert(0, "passages_fts MATCH ?")
        params.insert(0, match)
        order = "score, p.id"
    else:
        sql = sql.format(score="0.0", source="passages p")
        order = "p.doc_id, p.id"
    sql += (" WHERE " + " AND ".join(where) if where else "") + f" ORDER BY {order} LIMIT ?"
    rows = conn.execute(sql, [*params, max(0, int(limit))]).fetchall()
    return [_hit(conn, row) for row in rows]


_ITEM_SQL = {
    "obligation": "SELECT task, lead, support, deadline_text, deadline_kind, deadline_start, deadline_end, "
                  "deadline_date, quote FROM obligations WHERE id = ?",
    "target": "SELECT indicator, indicator_id, comparator, value, value_max, unit, year, scope, quote "
              "FROM targets WHERE id = ?",
    "reference": 'SELECT doc_type, number, date, issuer, title, relation, resolved_doc_id, quote '
                 'FROM "references" WHERE id = ?',
}


def _hit(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    """One result row as a JSON-ready hit."""
    hit: dict[str, Any] = {
        "doc_id": row["doc_id"], "kind": row["kind"], "quote": row["text_quote"],
        "span": [row["span_start"], row["span_end"]], "section": row["section"],
        "score": round(row["score"], 4), "passage_id": row["passage_id"],
        "document": {"title": row["doc_title"], "number": row["doc_number"], "kind": row["doc_kind"],
                     "place": row["doc_place"]},
    }
    if row["kind"] in _ITEM_SQL:
        item = dict(conn.execute(_ITEM_SQL[row["kind"]], (row["item_id"],)).fetchone())
        hit["quote"] = item.pop("quote")
        if row["kind"] == "obligation":
            item["lead"], item["support"] = json.loads(item["lead"]), json.loads(item["support"])
            dl = {k: item.pop(f"deadline_{k}") for k in ("text", "kind", "start", "end", "date")}
            item["deadline"] = dl if dl["kind"] or dl["text"] else None
        hit |= item
    return hit


def format_hit(hit: dict[str, Any]) -> str:
    """A hit as a few readable lines for the terminal."""
    doc = hit["document"]
    head = f"[{hit['kind']}] {hit['doc_id']}" + (f" ({doc['number']})" if doc.get("number") else "")
    lines = [head + (f" — {hit['section']}" if hit.get("section") else "")]
    if hit["kind"] == "obligation":
        lines.append(f"  lead: {'; '.join(hit['lead']) or '-'}" +
                     (f" | support: {'; '.join(hit['support'])}" if hit["support"] else "") +
                     (f" | deadline: {hit['deadline']['text']}" if hit.get("deadline") else ""))
    elif hit["kind"] == "target":
        value = hit["value"] if hit["value_max"] is None else f"{hit['value']}-{hit['value_max']}"
        lines.append(f"  {hit['indicator']}: {hit['comparator']} {value} {hit['unit'] or ''}"
                     + (f" by {hit['year']}" if hit.get("year") else ""))
    elif hit["kind"] == "reference":
        lines.append(f"  {hit['doc_type'] or ''} {hit['number'] or ''} ({hit['relation']})".rstrip())
    quote = " ".join((hit.get("quote") or "").split())
    lines.append(f"  “{quote[:300]}{'…' if len(quote) > 300 else ''}”")
    return "\n".join(lines)
