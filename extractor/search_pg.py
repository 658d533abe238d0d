"""Search on PostgreSQL: the plan of `extractor.search` (the same folded words, filter tokens and
document conditions) run as a `tsquery` over the passages' `tsvector` (GIN index).

The FTS5 MATCH expression the SQLite search builds is translated token for token (quoted words,
AND, OR, NOT, parentheses, prefix `*`), so both backends keep exactly the same passages. Ranking
is tantivy's BM25 when this machine holds an index of the database in step with it (`extractor.search_index`,
kept by the writer as for SQLite: the same hits and totals, found by top-k collection), else PostgreSQL's
`ts_rank` normalized by passage length (`ts_rank(tsv, q, 2)`: term frequency over the
passage's length) rather than FTS5's bm25, which PostgreSQL does not have; the score is negated so that, as
with bm25, lower is better. Facets likewise: counted by that index when it answers the search, else by
PostgreSQL's GROUP BY over every match (the same lists).
"""

from __future__ import annotations

import re
from typing import Any

from . import search as s

_TOKENS = re.compile(r'"((?:[^"]|"")*)"(\*)?|(\()|(\))|\b(AND|OR|NOT)\b|([^\s()"]+)')


def _lexeme(word: str, prefix: bool = False) -> str:
    return "'" + word.replace("'", "''").replace("\\", "\\\\") + "'" + (":*" if prefix else "")


def to_tsquery_text(match: str) -> str:
    """An FTS5 MATCH expression as the text of a `to_tsquery('simple', ...)`:
    '"doi" "moi" AND (xxy2025 OR xxyall)' -> "'doi' & 'moi' & ( 'xxy2025' | 'xxyall' )"."""
    out: list[str] = []
    need_op = False  # an operand or ')' was last: a following operand is implicitly ANDed
    for m in _TOKENS.finditer(match):
        quoted, star, opening, closing, op, bare = m.groups()
        if op:
            out.append({"AND": "&", "OR": "|", "NOT": "& !"}[op])
            need_op = False
            continue
        if closing:
            out.append(")")
            need_op = True
            continue
        if need_op:
            out.append("&")
        if opening:
            out.append("(")
            need_op = False
            continue
        words = s._TOKEN.findall(quoted.replace('""', '"') if quoted is not None else bare)
        if not words:
            words = [""]
        if len(words) == 1:
            out.append(_lexeme(words[0], bool(star)))
        else:
            out.append("(" + " <-> ".join(_lexeme(w, bool(star) and i == len(words) - 1)
                                          for i, w in enumerate(words)) + ")")
        need_op = True
    return " ".join(out)


def _pg_plan(conn: Any, query: str, f: s.Filters) -> tuple[str, str, list[Any]] | None:
    plan = s._plan(conn, query, f)
    if plan is None:
        return None
    return to_tsquery_text(plan.match), plan.where.replace("passages_fts.rowid", "p.id"), plan.params


_Q = "(SELECT to_tsquery('simple', ?) AS q) tq"


def run(conn: Any, query: str, *, filters: s.Filters | None = None, limit: int = 20, offset: int = 0,
        count: bool = True) -> s.SearchResults:
    """`extractor.search.run` on PostgreSQL: a page of hits ranked over every matching passage."""
    f = filters or s.Filters()
    splan = s._plan(conn, query, f)
    if splan is None:
        return s.SearchResults([], 0, offset)
    limit, offset = max(0, int(limit)), max(0, int(offset))
    found = s._tantivy_page(conn, splan, f, limit, offset, count)
    if found is not None:  # this machine's tantivy index, in step with the database
        page, total = found
        if not page:
            return s.SearchResults([], total or 0, offset, "tantivy")
        top, args = s.index_page(page, "id", "(?::bigint, ?::float8, ?::integer)")
        rows = conn.execute(s.hits_sql(top, "id", "m.pos"), args).fetchall()
        hits = [s._hit(conn, row) for row in rows]
        return s.SearchResults(hits, total if count and total is not None else len(hits), offset, "tantivy")
    tsq, where, params = to_tsquery_text(splan.match), splan.where.replace("passages_fts.rowid", "p.id"), splan.params
    base = f"FROM passages p, {_Q} WHERE p.tsv @@ tq.q{where}"
    if s.fts_query(query):
        top = f"SELECT p.id, -ts_rank(p.tsv, tq.q, 2) AS score {base} ORDER BY score, p.id LIMIT ? OFFSET ?"
    else:
        top = f"SELECT p.id, 0.0::float8 AS score {base} ORDER BY p.id LIMIT ? OFFSET ?"
    rows = conn.execute(s.hits_sql(top, "id"), (tsq, *params, limit, offset)).fetchall()
    hits = [s._hit(conn, row) for row in rows]
    total = conn.execute(f"SELECT count(*) {base}", (tsq, *params)).fetchone()[0] if count else len(hits)
    return s.SearchResults(hits, total, offset, "postgresql")


def item_ids(conn: Any, kind: str, filters: s.Filters) -> set[int] | None:
    """`extractor.search.item_ids` on PostgreSQL."""
    f = s.Filters(**{**filters.__dict__, "kind": kind})
    if not any(getattr(f, k) not in (None, False) for k in f.__dataclass_fields__ if k != "kind"):
        return None
    plan = _pg_plan(conn, "", f)
    if plan is None:
        return set()
    tsq, where, params = plan
    return {r[0] for r in conn.execute(f"SELECT p.item_id FROM passages p, {_Q} WHERE p.tsv @@ tq.q{where}",
                                       (tsq, *params))}


def facets(conn: Any, query: str, filters: s.Filters | None = None) -> s.Facets:
    """`extractor.search.facets` on PostgreSQL."""
    return facet_counts(conn, query, filters)[0]


def facet_counts(conn: Any, query: str, filters: s.Filters | None = None) -> tuple[s.Facets, str]:
    """`extractor.search.facet_counts` on PostgreSQL: this machine's tantivy index when it is in step
    with the database, else PostgreSQL's GROUP BY over every match (the same answer)."""
    f = filters or s.Filters()
    splan = s._plan(conn, query, f)
    out: s.Facets = {k: [] for k in s.FACETS}
    if splan is None:
        return out, ""
    found = s._tantivy_facets(conn, splan, f)
    if found is not None:
        return found, "tantivy"
    tsq, where, params = to_tsquery_text(splan.match), splan.where.replace("passages_fts.rowid", "p.id"), splan.params
    for col in s.FACETS:
        sql = f"""SELECT d.{col}, count(*) FROM passages p JOIN documents d ON d.doc_id = p.doc_id, {_Q}
            WHERE p.tsv @@ tq.q{where} AND d.{col} IS NOT NULL AND d.{col} != '' GROUP BY d.{col} ORDER BY 2 DESC, d.{col} COLLATE "C"
            """
        out[col] = [(r[0], r[1]) for r in conn.execute(sql, (tsq, *params))]
    return out, "postgresql"
