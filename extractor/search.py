"""Search: ranked full-text search over obligations, targets, references and document text.

The index holds a *folded* copy of every passage: abbreviations expanded (Sở KH&CN -> Sở Khoa học
và Công nghệ), then lower-cased with every diacritic stripped and đ mapped to d (`vntext.fold`).
Queries are folded the same way, so `doi moi`, `Đổi mới`, `Hoà`/`Hòa` and `Sở KH&CN` all meet the
same tokens. FTS5's own `remove_diacritics` is not used: it leaves đ, and misses letters with two
marks (ế, ợ) in mode 1.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from typing import Any

from .abbrev import expand_abbreviations
from .vntext import fold

KINDS = ("obligation", "target", "reference", "text")
RANK_CAP = 2_000  # a query matching more passages ranks the most recently stored RANK_CAP of them
YEAR_WINDOW = 60  # an open-ended deadline ("from 2021") covers this many years
_TOKEN = re.compile(r"\w+")
# Function words in nearly every passage (và, các, của, những, được, với): dropped from a query
# that has other words, as they only slow the ranking down.
STOPWORDS = frozenset({"va", "cac", "cua", "nhung", "duoc", "voi"})


def search_fold(s: str) -> str:
    """The form both index and queries are compared in: abbreviations expanded, then folded."""
    return fold(expand_abbreviations(s)) if s else ""


def _key(folded: str) -> str:
    return hashlib.blake2b(folded.encode(), digest_size=5).hexdigest()


# Filters are tokens indexed with each passage, so a filtered search is one intersection of
# posting lists inside FTS5: xxk<kind>, xxp<place>, xxb<body>, and xxy<year> for every year a
# passage covers (xxyall: recurring; an open-ended span is spelled out for YEAR_WINDOW years).
def kind_token(kind: str) -> str:
    return f"xxk{kind}"


def place_token(place_folded: str) -> str:
    return f"xxp{_key(place_folded)}"


def body_token(body_folded: str) -> str:
    return f"xxb{_key(body_folded)}"


def year_tokens(start: int | None, end: int | None, recurring: bool = False) -> list[str]:
    """Tokens of the years a span covers: both bounds, one open bound, or every year."""
    if recurring:
        return ["xxyall"]
    if start is not None and end is None:
        end = start + YEAR_WINDOW
    elif end is not None and start is None:
        start = end - YEAR_WINDOW
    if start is None or end is None or not 0 <= end - start <= 2 * YEAR_WINDOW:
        return []
    return [f"xxy{y}" for y in range(start, end + 1)]


def _year_query(year: int) -> str:
    return f"(xxy{year} OR xxyall)"


MAX_QUERY_CHARS = 500
"""A query is cut to this many characters (about 80 words) before folding."""
MAX_QUERY_WORDS = 32
"""At most this many distinct words of a query are searched for (FTS5's cost grows with each)."""


def fts_query(query: str) -> str | None:
    """An FTS5 MATCH expression: every folded word of the query but STOPWORDS, quoted (all must occur).

    Words are kept once each (a repeated word asks nothing more, but FTS5's cost grows with the
    square of the terms), the query is cut to MAX_QUERY_CHARS and MAX_QUERY_WORDS words."""
    tokens = list(dict.fromkeys(_TOKEN.findall(search_fold(query[:MAX_QUERY_CHARS]))))
    tokens = ([t for t in tokens if t not in STOPWORDS] or tokens)[:MAX_QUERY_WORDS]
    return " ".join(f'"{t}"' for t in tokens) or None


def _like(s: str) -> str:
    return "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _filter_terms(conn: sqlite3.Connection, kind: str | None, body: str | None, year: int | None,
                  place: str | None) -> list[str] | None:
    """FTS5 terms for the filters; None when a filter matches nothing stored."""
    terms: list[str] = []
    body, place = (body or "")[:MAX_QUERY_CHARS], (place or "")[:MAX_QUERY_CHARS]
    if kind:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
        terms.append(kind_token(kind))
    if body:
        full, short = _like(search_fold(body)), _like(fold(body))
        names = {r[0] for r in conn.execute(
            "SELECT folded FROM bodies WHERE folded LIKE ? ESCAPE '\\' OR aliases_folded LIKE ? ESCAPE '\\' "
            "UNION SELECT issuer_folded FROM documents WHERE issuer_folded LIKE ? ESCAPE '\\'", (full, short, full))}
        if not names:
            return None
        terms.append("(" + " OR ".join(body_token(n) for n in sorted(names)) + ")")
    if place:
        places = {r[0] for r in conn.execute("SELECT DISTINCT place_folded FROM documents "
                                             "WHERE place_folded LIKE ? ESCAPE '\\'", (_like(fold(place)),))}
        if not places:
            return None
        terms.append("(" + " OR ".join(place_token(p) for p in sorted(places)) + ")")
    if year is not None:
        if isinstance(year, bool) or not isinstance(year, int) or not 1000 <= year <= 2999:
            raise ValueError(f"year {year!r}: a year from 1000 to 2999")
        terms.append(_year_query(year))
    return terms


def search(conn: sqlite3.Connection, query: str, *, kind: str | None = None, body: str | None = None,
           year: int | None = None, place: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
    """Hits for `query`, best first (bm25), each with its document, section, quote and fields.

    `kind` keeps one kind of item; `body` keeps obligations led or supported by a body matching
    it (full or abbreviated, folded; other kinds: the issuing body); `year` keeps obligations
    whose deadline covers it (the year, a range around it, recurring, from an earlier year) and
    targets set for it (so it leaves only obligations and targets); `place` matches the
    document's place, folded. An empty query with filters lists matching items in document order.
    A query matching more than RANK_CAP passages is ranked among the most recently stored ones.
    """
    terms = _filter_terms(conn, kind, body, year, place)
    words = fts_query(query)
    if terms is None or not (words or terms):
        return []
    match = " AND ".join(([words] if words else []) + terms)
    if words:
        top = f"""SELECT rowid, score FROM (SELECT rowid, bm25(passages_fts) AS score FROM passages_fts
            WHERE passages_fts MATCH ? ORDER BY rowid DESC LIMIT {RANK_CAP}) ORDER BY score, rowid LIMIT ?"""
    else:
        top = "SELECT rowid, 0.0 AS score FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid LIMIT ?"
    sql = f"""SELECT p.id AS passage_id, p.kind, p.item_id, p.doc_id, p.span_start, p.span_end, p.section,
        m.score, d.title AS doc_title, d.number AS doc_number, d.kind AS doc_kind, d.place AS doc_place,
        CASE WHEN p.kind = 'text' THEN substr(d.text, p.span_start + 1, p.span_end - p.span_start) END AS text_quote
        FROM ({top}) m JOIN passages p ON p.id = m.rowid JOIN documents d ON d.doc_id = p.doc_id
        ORDER BY m.score, p.id"""
    rows = conn.execute(sql, (match, max(0, int(limit)))).fetchall()
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
