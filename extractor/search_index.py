"""The search index beside a SQLite store: tantivy (block-max WAND) finds the best passages without
scoring every match; the SQLite file stays the record of truth.

FTS5 has to compute bm25 for every matching passage before it can return the best 20 (about 5 µs a
match: 180,000 matches of *khoa học* at 10,000 documents take ~0.7 s). Tantivy keeps, per block of
postings, the best score a block can reach and skips the blocks that cannot enter the top k.

The hits stay FTS5's exactly (same passages, same bm25 scores, same order, ties by passage id):

- each term of the query is boosted by FTS5's idf over tantivy's, so tantivy's score of a passage is
  FTS5's bm25 computed with the passage length rounded DOWN to tantivy's length buckets: an upper
  bound of the exact score (times `rho` when the two indexes' average lengths differ);
- the candidates are rescored exactly, in Python, with FTS5's formula and FTS5's own statistics
  (row count and total tokens from its averages record, passage lengths from its docsize table,
  term frequencies from the passage text);
- candidates are fetched, four times more each round, until the k-th exact score is strictly better
  than any score a passage not yet fetched can reach (`exact_top`).

Keeping the two in step: triggers log every passage inserted or deleted in `passages_changes`; the
process holding the tantivy writer applies the log after each document (delete by id, then add the
passage if it still exists: idempotent), commits, writes the stamp `uuid seq` beside the index and
trims the log. A search uses the index only when the stamp matches the database (its uuid and the
last logged change); otherwise it ranks with FTS5 as before. A writer that finds no index, or an
index of another database, rebuilds it from the passages table (`vnplan reindex` does it on demand).
"""

from __future__ import annotations

import math
import os
import re
import shutil
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

K1, B = 1.2, 0.75  # FTS5's bm25 parameters (and tantivy's)
_WORD = re.compile(r"[^\W_]+")  # unicode61's tokens (runs of letters and digits) in folded text
_EPS = 1e-4  # relative margin for tantivy's f32 scores in the stopping test
MAX_CANDIDATES = 100
"""Past this many candidates (a large group of passages that tantivy's rounded lengths tie), the exact
order is left to FTS5: rescoring them one by one in Python would cost more than FTS5's bm25."""

DDL = [
    "CREATE TABLE IF NOT EXISTS search_state (id INTEGER PRIMARY KEY CHECK (id = 1), uuid TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS passages_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, passage_id INTEGER NOT NULL)",
    """CREATE TRIGGER IF NOT EXISTS passages_log_ai AFTER INSERT ON passages BEGIN
        INSERT INTO passages_changes (passage_id) VALUES (new.id); END""",
    """CREATE TRIGGER IF NOT EXISTS passages_log_ad AFTER DELETE ON passages BEGIN
        INSERT INTO passages_changes (passage_id) VALUES (old.id); END""",
]


def index_path(db: Path) -> Path:
    """The folder of a database's search index: `vnplan.db` -> `vnplan.db.search`."""
    return db.with_name(db.name + ".search")


def prepare(conn: sqlite3.Connection) -> None:
    """The change log, its triggers and the database's uuid (idempotent; a writer runs it on open)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in DDL:
            conn.execute(statement)
        conn.execute("INSERT OR IGNORE INTO search_state (id, uuid) VALUES (1, ?)", (uuid.uuid4().hex,))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def db_state(conn: sqlite3.Connection) -> tuple[str, int] | None:
    """(uuid, last logged change) of the database; None before `prepare`."""
    try:
        row = conn.execute("SELECT uuid, (SELECT seq FROM sqlite_sequence WHERE name = 'passages_changes') "
                           "FROM search_state").fetchone()
    except sqlite3.OperationalError:
        return None
    return (row[0], row[1] or 0) if row else None


def _varints(blob: bytes) -> list[int]:
    """SQLite's varints (FTS5's averages and docsize records)."""
    out, i = [], 0
    while i < len(blob):
        v = 0
        for j in range(9):
            byte = blob[i]
            i += 1
            if j == 8:
                v = (v << 8) | byte
                break
            v = (v << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        out.append(v)
    return out


@dataclass
class Query:
    """A MATCH expression of `extractor.search` as terms: `must` terms and OR `groups` of terms
    (every term is one FTS5 phrase, in the order FTS5 numbers them)."""

    phrases: list[str]
    must: list[str]
    groups: list[list[str]]


_ITEM = re.compile(r'"([^"]*)"|\(([^()"]*)\)|(\S+)')


def parse_match(match: str) -> Query | None:
    """'"doi" "moi" AND xxkobligation AND (xxy2025 OR xxyall)' as a `Query`; None for any other
    form (prefix, NOT, phrases of several words), which FTS5 ranks itself."""
    phrases: list[str] = []
    must: list[str] = []
    groups: list[list[str]] = []
    for m in _ITEM.finditer(match):
        quoted, group, bare = m.groups()
        if bare == "AND":
            continue
        if group is not None:
            parts = group.split()
            terms = parts[::2]
            if not terms or any(p != "OR" for p in parts[1::2]) or len(parts) % 2 == 0:
                return None
            if any(_WORD.fullmatch(t) is None for t in terms):
                return None
            groups.append(terms)
            phrases += terms
            continue
        term = quoted if quoted is not None else bare
        if term is None or _WORD.fullmatch(term) is None or term in ("OR", "NOT", "NEAR"):
            return None
        must.append(term)
        phrases.append(term)
    return Query(phrases, must, groups) if phrases else None


class SearchIndex:
    """A tantivy index of the passages of one SQLite store."""

    def __init__(self, db: Path, writable: bool) -> None:
        import tantivy

        self.t = tantivy
        self.db = db
        self.path = index_path(db)
        self.stamp_path = self.path / "vnplan-stamp"
        self.writer: Any = None
        self._loaded: str | None = None
        self._avgdl: dict[str, float] = {}
        if writable:
            self.path.mkdir(parents=True, exist_ok=True)
        self.index = tantivy.Index(self._schema(), path=str(self.path), reuse=True)
        self.index.register_tokenizer("fold", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).build())

    def _schema(self) -> Any:
        sb = self.t.SchemaBuilder()
        sb.add_integer_field("id", stored=False, indexed=True, fast=True)
        sb.add_text_field("all", stored=False, tokenizer_name="raw", index_option="basic")
        sb.add_text_field("f", stored=False, tokenizer_name="fold", index_option="freq")
        return sb.build()

    # -- writing ---------------------------------------------------------------------------
    def stamp(self) -> str:
        try:
            return self.stamp_path.read_text().strip()
        except OSError:
            return ""

    def _write_stamp(self, value: str) -> None:
        tmp = self.stamp_path.with_suffix(".tmp")
        with open(tmp, "w") as fh:
            fh.write(value)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.stamp_path)

    def take_writer(self) -> bool:
        """Hold tantivy's writer (one process at a time); False when another process holds it."""
        if self.writer is None:
            try:
                self.writer = self.index.writer(heap_size=50_000_000, num_threads=1)
            except ValueError:
                return False
        return True

    def _doc(self, pid: int, folded: str) -> Any:
        return self.t.Document(id=pid, all="1", f=folded)

    def sync(self, conn: sqlite3.Connection) -> bool:
        """Apply the logged changes (a full rebuild for an index of another database); True when the
        index is in step afterwards."""
        state = db_state(conn)
        if state is None or not self.take_writer():
            return False
        ident, seq = state
        stamp = self.stamp()
        if stamp == f"{ident} {seq}":
            return True
        if not stamp.startswith(ident + " "):
            return self.rebuild(conn)
        rows = conn.execute("SELECT seq, passage_id FROM passages_changes ORDER BY seq").fetchall()
        if not rows:
            return False
        last = rows[-1][0]
        ids = sorted({r[1] for r in rows})
        for pid in ids:
            self.writer.delete_documents_by_term("id", pid)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for pid, folded in conn.execute(f"SELECT id, folded FROM passages WHERE id IN ({','.join('?' * len(chunk))})",
                                            chunk):
                self.writer.add_document(self._doc(pid, folded))
        self.writer.commit()
        self._write_stamp(f"{ident} {last}")
        conn.execute("DELETE FROM passages_changes WHERE seq <= ?", (last,))
        return db_state(conn) == (ident, last)

    def rebuild(self, conn: sqlite3.Connection) -> bool:
        """Index every passage anew from the passages table."""
        if not self.take_writer():
            return False
        conn.execute("BEGIN")
        try:
            state = db_state(conn)
            if state is None:
                return False
            ident, seq = state
            self.writer.delete_all_documents()
            for pid, folded in conn.execute("SELECT id, folded FROM passages"):
                self.writer.add_document(self._doc(pid, folded))
            self.writer.commit()
            self._write_stamp(f"{ident} {seq}")
        finally:
            conn.execute("COMMIT")
        conn.execute("DELETE FROM passages_changes WHERE seq <= ?", (seq,))
        return True

    def close(self) -> None:
        if self.writer is not None:
            self.writer.wait_merging_threads()
            self.writer = None

    # -- reading ---------------------------------------------------------------------------
    def in_step(self, conn: sqlite3.Connection) -> bool:
        """Whether the index holds exactly the database's passages (else FTS5 ranks)."""
        state = db_state(conn)
        if state is None:
            return False
        stamp = self.stamp()
        if stamp != f"{state[0]} {state[1]}":
            return False
        if self._loaded != stamp:
            self.index.reload()
            self._loaded = stamp
            self._avgdl.clear()
        return True

    def _tquery(self, q: Query, boost: dict[str, float]) -> Any:
        T = self.t
        schema = self.index.schema

        def term(t: str) -> Any:
            return T.Query.boost_query(T.Query.term_query(schema, "f", t), boost[t])

        clauses = [(T.Occur.Must, term(t)) for t in q.must]
        clauses += [(T.Occur.Must, T.Query.boolean_query([(T.Occur.Should, term(t)) for t in g])) for g in q.groups]
        return T.Query.boolean_query(clauses)

    def exact_top(self, conn: sqlite3.Connection, q: Query, k: int,
                  count: bool) -> tuple[list[tuple[int, float]], int] | None:
        """The best `k` passages as (id, FTS5 bm25), best first (ties by id), and how many match;
        None when more than MAX_CANDIDATES passages would need rescoring (FTS5 ranks then)."""
        searcher = self.index.searcher()
        alive = searcher.num_docs
        n_int = searcher.doc_freq("all", "1")  # tantivy's N: deleted passages included until a merge
        fts = _fts_stats(conn)
        if fts is None:
            raise LookupError("no FTS5 averages record")
        n_row, avgdl = fts
        boost, idf = {}, {}
        for t in dict.fromkeys(q.phrases):
            df = searcher.doc_freq("f", t)
            hits = df if n_int == alive else self._alive(searcher, t)
            i = math.log((n_row - hits + 0.5) / (hits + 0.5))
            idf[t] = i if i > 0.0 else 1e-6
            tv = math.log(1 + (n_int - df + 0.5) / (df + 0.5))
            boost[t] = idf[t] / tv if df else 1.0
        query = self._tquery(q, boost)
        fetch = max(4 * k, k + 32)
        total = -1
        while True:
            result = searcher.search(query, fetch, count=count and total < 0)
            if total < 0:
                total = result.count if count else -1
            hits = result.hits
            if not hits:
                return [], max(total, 0)
            ids = searcher.fast_field_values("id", [a for _, a in hits])
            exact = sorted(_bm25(conn, ids, q.phrases, idf, avgdl))
            rho = max(1.0, avgdl / self._tv_avgdl(searcher, query, hits[0][1]))
            if len(hits) < fetch or k == 0:
                break
            bound = hits[-1][0] * rho * (1 + _EPS)
            if len(exact) >= k and -exact[k - 1][0] > bound:
                break
            fetch *= 4
            if fetch > MAX_CANDIDATES:
                return None
        return [(pid, score) for score, pid in exact[:k]], max(total, 0)

    def count(self, q: Query) -> int:
        """How many passages match (every match counted, no ranking)."""
        searcher = self.index.searcher()
        query = self._tquery(q, {t: 1.0 for t in q.phrases})
        return int(searcher.search(self.t.Query.const_score_query(query, 1.0), 1, count=True).count)

    def _alive(self, searcher: Any, term: str) -> int:
        return int(searcher.search(self.t.Query.term_query(self.index.schema, "f", term), 1, count=True).count)

    def _tv_avgdl(self, searcher: Any, query: Any, address: Any) -> float:
        """Tantivy's average passage length (deleted passages included), read once per index state."""
        key = self._loaded or ""
        if key not in self._avgdl:
            found = re.search(r'"value":\s*([0-9.eE+-]+),\s*"description":\s*"avgdl',
                              query.explain(searcher, address).to_json())
            self._avgdl[key] = float(found.group(1)) if found else 0.0
        return self._avgdl[key] or 1.0


def _fts_stats(conn: sqlite3.Connection) -> tuple[int, float] | None:
    """FTS5's row count and average passage length (its averages record)."""
    row = conn.execute("SELECT block FROM passages_fts_data WHERE id = 1").fetchone()
    if row is None:
        return None
    values = _varints(row[0])
    n_row, tokens = values[0], values[1]
    avgdl = tokens / n_row if n_row else 0.0
    return n_row, (avgdl if avgdl >= 1.0 else 1.0)


def _bm25(conn: sqlite3.Connection, ids: list[int], phrases: list[str], idf: dict[str, float],
          avgdl: float) -> list[tuple[float, int]]:
    """FTS5's bm25 of each passage (the same arithmetic, in the same order), as (score, id)."""
    marks = ",".join("?" * len(ids))
    sizes = {r[0]: _varints(r[1])[0] for r in conn.execute(
        f"SELECT id, sz FROM passages_fts_docsize WHERE id IN ({marks})", ids)}
    out = []
    terms = {t: re.compile(rf"(?<![^\W_]){re.escape(t)}(?![^\W_])") for t in dict.fromkeys(phrases)}
    for pid, folded in conn.execute(f"SELECT id, folded FROM passages WHERE id IN ({marks})", ids):
        counts = {t: len(rx.findall(folded)) for t, rx in terms.items()}
        d = float(sizes.get(pid, 0))
        score = 0.0
        for t in phrases:
            f = float(counts.get(t, 0))
            score += idf[t] * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + B * d / avgdl)))
        out.append((-1.0 * score, pid))
    return out


_OPEN: dict[str, SearchIndex | None] = {}


def for_reading(conn: sqlite3.Connection) -> SearchIndex | None:
    """The search index of the database behind `conn` when it is in step; None otherwise."""
    try:
        path = conn.execute("PRAGMA database_list").fetchone()[2]
    except (sqlite3.Error, TypeError):
        return None
    if not path:
        return None
    if path not in _OPEN:
        _OPEN[path] = None
        if index_path(Path(path)).is_dir():
            try:
                _OPEN[path] = SearchIndex(Path(path), writable=False)
            except (ValueError, OSError, ImportError):
                _OPEN[path] = None
    idx = _OPEN[path]
    if idx is None:
        if index_path(Path(path)).is_dir():
            _OPEN.pop(path)  # made since: try again next time
        return None
    try:
        return idx if idx.in_step(conn) else None
    except (ValueError, OSError):
        return None


def forget(db: Path) -> None:
    """Drop a cached reader (its index folder is about to be replaced)."""
    _OPEN.pop(str(db.resolve()), None)


def remove(db: Path) -> None:
    """Delete a database's search index folder."""
    forget(db)
    shutil.rmtree(index_path(db), ignore_errors=True)


