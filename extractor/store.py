"""Store: one SQLite file holding documents and their items, behind one small interface.

`Store` is the only way the rest of vnplan reads or writes the database, so another backend
(PostgreSQL for many writers, say) can sit behind the same methods. A document's rows are
computed by `record_rows` (a pure function, safe to run in worker processes) and written by
`Store.add_rows` in ONE transaction: a kill at any moment leaves either the whole document or
none of it. Adding is idempotent by sha256; a changed file under the same doc_id replaces its rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from .record import Record
from .store_rows import DocRows, record_rows

DEFAULT_DB = Path("outputs/vnplan.db")

_FTS_DDL = [
    """CREATE VIRTUAL TABLE passages_fts USING fts5(
        folded, content='passages', content_rowid='id', tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN
        INSERT INTO passages_fts(rowid, folded) VALUES (new.id, new.folded); END""",
    """CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
        INSERT INTO passages_fts(passages_fts, rowid, folded) VALUES ('delete', old.id, old.folded); END""",
]


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    if readonly:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


SCHEMA_VERSION = 1  # PRAGMA user_version of a database with every table below


def _create_schema(db: sqlite_utils.Database) -> None:
    """Tables, foreign keys, indexes and the full-text index, all in one transaction (idempotent)."""
    if db.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
        return
    if "documents" in db.table_names():
        raise RuntimeError(f"{db.conn.execute('PRAGMA database_list').fetchone()[2]} was made by an older "
                           "vnplan: remove it (or use another --db) and ingest again")
    db.execute("BEGIN IMMEDIATE")
    try:
        if db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:  # another writer may have won
            _create_tables(db)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _create_tables(db: sqlite_utils.Database) -> None:
    fk = "ON DELETE CASCADE"
    db.execute("""CREATE TABLE documents (
        doc_id TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, path TEXT, format TEXT, pages INTEGER,
        status TEXT, errors TEXT, kind TEXT, doc_type TEXT, number TEXT, date TEXT, issuer TEXT,
        level TEXT, place TEXT, place_folded TEXT, issuer_folded TEXT, title TEXT,
        period_start INTEGER, period_end INTEGER, signer TEXT, parent_number TEXT, chars INTEGER,
        text TEXT, record TEXT, ingested_at TEXT)""")
    db.execute(f"""CREATE TABLE "references" (
        id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) {fk}, ord INTEGER,
        doc_type TEXT, number TEXT, date TEXT, issuer TEXT, title TEXT, relation TEXT,
        resolved_doc_id TEXT REFERENCES documents(doc_id) ON DELETE SET NULL, mentions TEXT,
        span_start INTEGER, span_end INTEGER, quote TEXT, section TEXT)""")
    db.execute(f"""CREATE TABLE targets (
        id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) {fk}, ord INTEGER,
        indicator TEXT, indicator_id TEXT, comparator TEXT, value REAL, value_max REAL, unit TEXT,
        year INTEGER, scope TEXT, span_start INTEGER, span_end INTEGER, quote TEXT, section TEXT)""")
    db.execute(f"""CREATE TABLE obligations (
        id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) {fk}, ord INTEGER,
        task TEXT, lead TEXT, support TEXT, lead_text TEXT, support_text TEXT,
        deadline_text TEXT, deadline_kind TEXT, deadline_start INTEGER, deadline_end INTEGER,
        deadline_date TEXT, deadline_year INTEGER, year_from INTEGER, year_to INTEGER,
        span_start INTEGER, span_end INTEGER, quote TEXT, section TEXT)""")
    db.execute("""CREATE TABLE bodies (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL, folded TEXT NOT NULL UNIQUE,
        aliases TEXT, aliases_folded TEXT)""")
    db.execute(f"""CREATE TABLE obligation_bodies (
        obligation_id INTEGER NOT NULL REFERENCES obligations(id) {fk},
        body_id INTEGER NOT NULL REFERENCES bodies(id), role TEXT NOT NULL,
        PRIMARY KEY (obligation_id, body_id, role))""")
    db.execute(f"""CREATE TABLE links (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) {fk}, depth INTEGER NOT NULL,
        parent_number TEXT, parent_doc_id TEXT REFERENCES documents(doc_id) ON DELETE SET NULL,
        PRIMARY KEY (doc_id, depth))""")
    db.execute(f"""CREATE TABLE passages (
        id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) {fk},
        kind TEXT NOT NULL, item_id INTEGER, span_start INTEGER, span_end INTEGER, section TEXT,
        folded TEXT NOT NULL)""")
    db.execute(f"""CREATE TABLE errors (
        id INTEGER PRIMARY KEY, doc_id TEXT REFERENCES documents(doc_id) {fk}, path TEXT,
        sha256 TEXT, message TEXT NOT NULL, at TEXT)""")
    for table, cols in [("references", ["doc_id"]), ("references", ["number"]),
                        ("references", ["resolved_doc_id"]), ("targets", ["doc_id"]), ("targets", ["year"]),
                        ("obligations", ["doc_id"]), ("obligations", ["year_from", "year_to"]),
                        ("obligation_bodies", ["body_id"]), ("links", ["parent_number"]),
                        ("links", ["parent_doc_id"]), ("passages", ["doc_id"]), ("passages", ["kind", "item_id"]),
                        ("documents", ["number"]), ("documents", ["kind"]), ("documents", ["place_folded"]),
                        ("documents", ["issuer_folded"]),
                        ("errors", ["doc_id"]), ("errors", ["path"])]:
        db[table].create_index(cols, if_not_exists=True)
    for statement in _FTS_DDL:
        db.execute(statement)


class Store:
    """The vnplan database: add records, look documents up, search (see `extractor.search`)."""

    def __init__(self, path: str | Path = DEFAULT_DB, readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly and not self.path.exists():
            raise FileNotFoundError(f"no database at {self.path}")
        self.readonly = readonly
        self.conn = _connect(self.path, readonly)
        self.db = sqlite_utils.Database(self.conn)
        if not readonly:
            _create_schema(self.db)

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- writing ---------------------------------------------------------------------------
    def has_sha(self, sha256: str) -> bool:
        """Whether a document with these raw bytes is stored."""
        return self.conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def known_shas(self) -> set[str]:
        """Every stored sha256 (one query, for skipping a whole batch cheaply)."""
        return {r[0] for r in self.conn.execute("SELECT sha256 FROM documents")}

    def add_record(self, record: Record | dict[str, Any]) -> str:
        """Store one record (a `Record`, or its dict read with `Record.from_dict`); returns 'added',
        'replaced' or 'skipped'."""
        if isinstance(record, dict):
            record = Record.from_dict(record)
        return self.add_rows(record_rows(record))

    def add_rows(self, rows: DocRows) -> str:
        """Write a document's precomputed rows in one transaction (see `add_record`)."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction() as c:
            if c.execute("SELECT 1 FROM documents WHERE sha256 = ?", (rows.sha256,)).fetchone():
                return "skipped"
            replaced = c.execute("DELETE FROM documents WHERE doc_id = ?", (rows.doc_id,)).rowcount > 0
            doc = rows.document | {"ingested_at": now}
            c.execute(f"INSERT INTO documents ({', '.join(doc)}) VALUES ({', '.join('?' * len(doc))})",
                      list(doc.values()))
            self._insert_items(c, rows, now)
        return "replaced" if replaced else "added"

    def _insert_items(self, c: sqlite3.Connection, rows: DocRows, now: str) -> None:
        doc_id, number = rows.doc_id, rows.document.get("number")
        item_ids: dict[tuple[str, int], int] = {}
        resolve = "(SELECT doc_id FROM documents WHERE number = ? AND doc_id != ? LIMIT 1)"
        for ref in rows.references:
            cols = ", ".join(ref)
            cur = c.execute(f'INSERT INTO "references" (doc_id, {cols}, resolved_doc_id) '
                            f"VALUES (?, {', '.join('?' * len(ref))}, {resolve})",
                            [doc_id, *ref.values(), ref["number"], doc_id])
            item_ids["reference", ref["ord"]] = cur.lastrowid or 0
        for t in rows.targets:
            cur = c.execute(f"INSERT INTO targets (doc_id, {', '.join(t)}) VALUES (?, {', '.join('?' * len(t))})",
                            [doc_id, *t.values()])
            item_ids["target", t["ord"]] = cur.lastrowid or 0
        for o in rows.obligations:
            bodies = o.pop("bodies")
            cur = c.execute(f"INSERT INTO obligations (doc_id, {', '.join(o)}) VALUES (?, {', '.join('?' * len(o))})",
                            [doc_id, *o.values()])
            o["bodies"] = bodies
            oid = cur.lastrowid or 0
            item_ids["obligation", o["ord"]] = oid
            for role, name, folded, aliases, aliases_folded in bodies:
                c.execute("INSERT INTO bodies (name, folded, aliases, aliases_folded) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT(folded) DO NOTHING", (name, folded, aliases, aliases_folded))
                c.execute("INSERT OR IGNORE INTO obligation_bodies (obligation_id, body_id, role) "
                          "SELECT ?, id, ? FROM bodies WHERE folded = ?", (oid, role, folded))
        for depth, parent_number in rows.links:
            c.execute(f"INSERT INTO links (doc_id, depth, parent_number, parent_doc_id) VALUES (?, ?, ?, {resolve})",
                      (doc_id, depth, parent_number, parent_number, doc_id))
        if number:  # documents stored earlier that cite or descend from this one now resolve to it
            c.execute('UPDATE "references" SET resolved_doc_id = ? WHERE number = ? AND resolved_doc_id IS NULL '
                      "AND doc_id != ?", (doc_id, number, doc_id))
            c.execute("UPDATE links SET parent_doc_id = ? WHERE parent_number = ? AND parent_doc_id IS NULL "
                      "AND doc_id != ?", (doc_id, number, doc_id))
        c.executemany("INSERT INTO passages (doc_id, kind, item_id, span_start, span_end, section, folded) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)",
                      [(doc_id, kind, item_ids.get((kind, ord_)) if ord_ is not None else None, s, e, sec, f)
                       for kind, ord_, s, e, sec, f in rows.passages])
        c.executemany("INSERT INTO errors (doc_id, path, sha256, message, at) VALUES (?, ?, ?, ?, ?)",
                      [(doc_id, rows.document.get("path"), rows.sha256, m, now) for m in rows.errors])

    def optimize(self) -> None:
        """Merge the full-text index into one segment (after a large batch: faster ranking)."""
        with self.transaction() as c:
            c.execute("INSERT INTO passages_fts(passages_fts) VALUES ('optimize')")

    def add_error(self, path: str, message: str, sha256: str | None = None) -> None:
        """Record a file that produced no record at all (its worker failed)."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction() as c:
            c.execute("INSERT INTO errors (doc_id, path, sha256, message, at) VALUES (NULL, ?, ?, ?, ?)",
                      (path, sha256, message, now))

    # -- reading ---------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Row count of every table."""
        tables = ["documents", "references", "targets", "obligations", "bodies", "obligation_bodies",
                  "links", "passages", "errors"]
        return {t: self.conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}

    def stats(self) -> dict[str, Any]:
        """Documents by kind and status, item counts, resolved references and the parent chains."""
        q = self.conn.execute
        chains: dict[str, list[str]] = {}
        for r in q("SELECT doc_id, parent_number FROM links ORDER BY doc_id, depth"):
            chains.setdefault(r[0], []).append(r[1])
        return {
            "by_kind": dict(q("SELECT kind, count(*) FROM documents GROUP BY kind ORDER BY 2 DESC").fetchall()),
            "by_status": dict(q("SELECT status, count(*) FROM documents GROUP BY status ORDER BY 2 DESC").fetchall()),
            "counts": self.counts(),
            "resolved_references": q('SELECT count(*) FROM "references" WHERE resolved_doc_id IS NOT NULL')
            .fetchone()[0],
            "chains": chains,
        }

    def get_record(self, doc_id: str) -> dict[str, Any] | None:
        """The stored record, exactly as it was added."""
        row = self.conn.execute("SELECT record, text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        record = json.loads(row["record"])
        record["text"] = row["text"]
        return record

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """A document's columns (without the stored record JSON)."""
        row = self.conn.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        d = dict(row)
        d.pop("record")
        d["errors"] = json.loads(d["errors"] or "[]")
        return d

    def documents(self, limit: int = 1000, offset: int = 0) -> list[dict[str, Any]]:
        """Documents for a listing, with their item counts, by doc_id."""
        sql = """SELECT d.doc_id, d.kind, d.status, d.number, d.date, d.place, d.title, d.issuer, d.pages,
            (SELECT count(*) FROM obligations o WHERE o.doc_id = d.doc_id) AS obligations,
            (SELECT count(*) FROM targets t WHERE t.doc_id = d.doc_id) AS targets,
            (SELECT count(*) FROM "references" r WHERE r.doc_id = d.doc_id) AS "references"
            FROM documents d ORDER BY d.doc_id LIMIT ? OFFSET ?"""
        return [dict(r) for r in self.conn.execute(sql, (limit, offset))]

    def items(self, doc_id: str) -> dict[str, list[dict[str, Any]]]:
        """A document's references, targets and obligations as stored, in document order."""
        out = {}
        for kind, table in [("reference", "references"), ("target", "targets"), ("obligation", "obligations")]:
            rows = self.conn.execute(f'SELECT * FROM "{table}" WHERE doc_id = ? ORDER BY ord', (doc_id,))
            out[kind] = [dict(r) for r in rows]
        for item in out["reference"]:
            item["mentions"] = json.loads(item["mentions"] or "[]")
        for item in out["obligation"]:
            item["lead"], item["support"] = json.loads(item["lead"]), json.loads(item["support"])
        return out

    def item_rows(self, kind: str) -> Iterator[dict[str, Any]]:
        """Every obligation or target (`kind`: 'obligations' or 'targets') with its document's columns,
        its parent's number and its chain up to the root (numbers joined by ' → ')."""
        if kind not in ("obligations", "targets"):
            raise ValueError(f"unknown item kind {kind!r}")
        sql = f"""SELECT i.*, d.number AS doc_number, d.doc_type AS doc_doc_type, d.date AS doc_date,
            d.issuer AS doc_issuer, d.place AS doc_place, d.title AS doc_title,
            (SELECT parent_number FROM links l WHERE l.doc_id = i.doc_id AND l.depth = 1) AS doc_parent,
            (SELECT group_concat(parent_number, ' → ') FROM (SELECT parent_number FROM links l
                WHERE l.doc_id = i.doc_id ORDER BY l.depth)) AS doc_chain
            FROM {kind} i JOIN documents d ON d.doc_id = i.doc_id ORDER BY i.doc_id, i.ord"""
        for row in self.conn.execute(sql):
            item = dict(row)
            if kind == "obligations":
                item["lead"], item["support"] = json.loads(item["lead"]), json.loads(item["support"])
            yield item

    def chain(self, doc_id: str) -> list[dict[str, Any]]:
        """The document's ancestors, nearest first, each with the stored doc_id when known."""
        rows = self.conn.execute("SELECT depth, parent_number, parent_doc_id FROM links WHERE doc_id = ? "
                                 "ORDER BY depth", (doc_id,))
        return [dict(r) for r in rows]

    _DOC_COLS = "d.doc_id, d.kind, d.doc_type, d.number, d.date, d.issuer, d.level, d.place, d.title"

    def documents_by_number(self, number: str) -> list[dict[str, Any]]:
        """Documents whose own number is `number` (e.g. a decision and a copy of it), by doc_id."""
        sql = f"SELECT {self._DOC_COLS} FROM documents d WHERE d.number = ? ORDER BY d.doc_id"
        return [dict(r) for r in self.conn.execute(sql, (number,))]

    def descendants(self, number: str) -> list[dict[str, Any]]:
        """Documents whose parent chain holds `number` (children at depth 1), with that depth."""
        sql = f"""SELECT {self._DOC_COLS}, l.depth FROM links l JOIN documents d ON d.doc_id = l.doc_id
            WHERE l.parent_number = ? ORDER BY l.depth, d.doc_id"""
        return [dict(r) for r in self.conn.execute(sql, (number,))]

    def citing(self, number: str) -> list[dict[str, Any]]:
        """Documents that cite `number`, with the relation of their citation, by doc_id."""
        sql = f"""SELECT {self._DOC_COLS}, r.relation FROM "references" r JOIN documents d ON d.doc_id = r.doc_id
            WHERE r.number = ? ORDER BY d.doc_id"""
        return [dict(r) for r in self.conn.execute(sql, (number,))]

    def errors(self) -> list[dict[str, Any]]:
        """Every per-file problem recorded, oldest first."""
        return [dict(r) for r in self.conn.execute("SELECT * FROM errors ORDER BY id")]

    def search(self, query: str, **filters: Any) -> list[dict[str, Any]]:
        """Ranked hits for `query`; see `extractor.search.search` for the filters."""
        from .search import search

        return search(self.conn, query, **filters)

    def search_results(self, query: str, filters: Any = None, limit: int = 20, offset: int = 0) -> Any:
        """A page of ranked hits with the total count (`extractor.search.SearchResults`)."""
        from .search import run

        return run(self.conn, query, filters=filters, limit=limit, offset=offset)

    def facets(self, query: str, filters: Any = None) -> dict[str, list[tuple[str, int]]]:
        """Document types, issuers, levels and places among the hits, with counts."""
        from .search import facets

        return facets(self.conn, query, filters)

    def related(self, doc_id: str) -> dict[str, list[dict[str, Any]]]:
        """The documents a portal shows beside this one, resolved in both directions:
        `cites` (what it cites, any relation), `cited_by`, `implemented_by`, `amended_by`,
        `replaced_by` (stored documents whose references, or parent links, resolve to it).
        Each entry: number, doc_type, relation, title, date and the stored doc_id (or None)."""
        q = self.conn.execute
        cites = [dict(r) for r in q(
            'SELECT r.number, r.doc_type, r.relation, coalesce(d.title, r.title) AS title, coalesce(d.date, r.date) '
            'AS date, r.resolved_doc_id AS doc_id FROM "references" r LEFT JOIN documents d ON d.doc_id = '
            "r.resolved_doc_id WHERE r.doc_id = ? ORDER BY r.ord", (doc_id,))]
        incoming = [dict(r) for r in q(
            'SELECT DISTINCT d.number, d.doc_type, r.relation, d.title, d.date, d.doc_id FROM "references" r '
            "JOIN documents d ON d.doc_id = r.doc_id WHERE r.resolved_doc_id = ? AND r.doc_id != ? "
            "ORDER BY d.date, d.doc_id", (doc_id, doc_id))]
        children = [dict(r) for r in q(
            "SELECT d.number, d.doc_type, 'implements' AS relation, d.title, d.date, d.doc_id FROM links l "
            "JOIN documents d ON d.doc_id = l.doc_id WHERE l.parent_doc_id = ? AND l.depth = 1 "
            "ORDER BY d.date, d.doc_id", (doc_id,))]
        implemented = {r["doc_id"]: r for r in children}
        for r in incoming:
            if r["relation"] == "implements":
                implemented.setdefault(r["doc_id"], r)
        by = {rel: [r for r in incoming if r["relation"] == rel] for rel in ("amends", "replaces")}
        return {"cites": cites, "implemented_by": list(implemented.values()),
                "cited_by": [r for r in incoming if r["relation"] in ("cites", "basis")
                             and r["doc_id"] not in implemented],
                "amended_by": by["amends"], "replaced_by": by["replaces"]}

    def effective(self, doc_id: str) -> str | None:
        """The date the document says it takes effect (`meta.effective`), when the record has one."""
        row = self.conn.execute("SELECT json_extract(record, '$.meta.effective') FROM documents WHERE doc_id = ?",
                                (doc_id,)).fetchone()
        return row[0] if row else None

    def doc_options(self) -> dict[str, list[str]]:
        """The distinct document types, issuers, levels and places stored (for the filter menus)."""
        return {col: [r[0] for r in self.conn.execute(
            f"SELECT DISTINCT {col} FROM documents WHERE {col} IS NOT NULL AND {col} != '' ORDER BY {col}")]
            for col in ("doc_type", "issuer", "level", "place")}
