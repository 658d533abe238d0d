"""Store: one SQLite file holding documents and their items, behind one small interface.

`Store` is the only way the rest of vnplan reads or writes the database, so another backend
(PostgreSQL for many writers, say) can sit behind the same methods. A document's rows are
computed by `record_rows` (a pure function, safe to run in worker processes) and written by
`Store.add_rows` in ONE transaction: a kill at any moment leaves either the whole document or
none of it. Adding is idempotent by sha256; a file whose content changed at the same path replaces
its document, and a different file never replaces another because their names match.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
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


BUSY_SECONDS_DEFAULT = 120.0
"""How long a writer waits for another writer's lock (VNPLAN_BUSY_SECONDS) before giving up."""

APPLICATION_ID = 0x766E706C  # 'vnpl': PRAGMA application_id of a vnplan database


def busy_seconds() -> float:
    value = os.environ.get("VNPLAN_BUSY_SECONDS", "").strip()
    try:
        return float(value) if value else BUSY_SECONDS_DEFAULT
    except ValueError as e:
        raise ValueError(f"VNPLAN_BUSY_SECONDS={value!r}: a number of seconds") from e


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    if readonly:
        conn = _connect_readonly(path)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=busy_seconds())
        _use_wal(conn)
        conn.execute("PRAGMA synchronous=NORMAL")
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def _use_wal(conn: sqlite3.Connection, seconds: float = 5.0) -> None:
    """Switch to WAL (readers never wait for the writer). Changing the mode needs a moment when no
    other writer holds the lock; if another writer keeps it, go on in rollback-journal mode, where
    every write waits its turn (busy timeout) instead."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) and "busy" not in str(e):
                raise
            if time.monotonic() > deadline:
                return
            time.sleep(0.05)


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection; where SQLite cannot make its lock files (a read-only folder or
    medium), the file is opened `immutable`, which needs no writing at all."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False, timeout=busy_seconds())
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, check_same_thread=False)


def _check_ours(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a SQLite file that another program made (never add our tables to it)."""
    app = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if app not in (0, APPLICATION_ID) or (tables and "documents" not in tables) or \
            (tables and "passages" not in tables):
        shown = ", ".join(sorted(tables)[:5]) or "none"
        raise ValueError(f"{path} is not a vnplan database (it holds other tables: {shown}); "
                         "use another --db")


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
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
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
                        ("documents", ["issuer_folded"]), ("documents", ["path"]),
                        ("errors", ["doc_id"]), ("errors", ["path"])]:
        db.table(table).create_index(cols, if_not_exists=True)
    for statement in _FTS_DDL:
        db.execute(statement)


def _rename(rows: DocRows, doc_id: str) -> None:
    """Give a document's rows another doc_id (its name was taken by another file)."""
    rows.doc_id = doc_id
    record = json.loads(rows.document["record"])
    record["doc_id"] = doc_id
    rows.document = rows.document | {"doc_id": doc_id, "record": json.dumps(record, ensure_ascii=False)}


RESOLVE = "(SELECT doc_id FROM documents WHERE number = ? AND doc_id != ? LIMIT 1)"
"""The stored document with a number (other than the one being written): its two parameters are the
number and the writing document's doc_id."""


def write_links(c: Any, doc_id: str, number: str | None, links: list[tuple[int, str]]) -> None:
    """A document's parent chain rows, and the rows stored earlier that cite or descend from it now resolved
    to it (the same SQL on SQLite and PostgreSQL)."""
    for depth, parent_number in links:
        c.execute(f"INSERT INTO links (doc_id, depth, parent_number, parent_doc_id) VALUES (?, ?, ?, {RESOLVE})",
                  (doc_id, depth, parent_number, parent_number, doc_id))
    if number:
        c.execute('UPDATE "references" SET resolved_doc_id = ? WHERE number = ? AND resolved_doc_id IS NULL '
                  "AND doc_id != ?", (doc_id, number, doc_id))
        c.execute("UPDATE links SET parent_doc_id = ? WHERE parent_number = ? AND parent_doc_id IS NULL "
                  "AND doc_id != ?", (doc_id, number, doc_id))


def _insert_many(c: Any, table: str, doc_id: str, items: list[dict[str, Any]], resolve: bool = False) -> None:
    """Insert a document's items of one table in their order, a statement per run of items with the same
    columns (`resolve`: a reference's resolved_doc_id, looked up by its number)."""
    start = 0
    while start < len(items):
        cols = [k for k in items[start] if k != "bodies"]
        end = start + 1
        while end < len(items) and [k for k in items[end] if k != "bodies"] == cols:
            end += 1
        marks = ", ".join("?" * len(cols))
        sql = (f'INSERT INTO "{table}" (doc_id, {", ".join(cols)}, resolved_doc_id) VALUES (?, {marks}, {RESOLVE})'
               if resolve else f'INSERT INTO "{table}" (doc_id, {", ".join(cols)}) VALUES (?, {marks})')
        c.executemany(sql, [[doc_id, *(item[k] for k in cols), *((item["number"], doc_id) if resolve else ())]
                            for item in items[start:end]])
        start = end


def insert_item_rows(c: Any, rows: DocRows) -> dict[tuple[str, int], int]:
    """A document's references, targets and obligations (with their bodies), a statement per table (the
    same SQL on SQLite and PostgreSQL); returns the id each item got, by (kind, ord). The document's
    row is written and the document new (a replaced one was deleted first), so the items stored under
    its doc_id are these."""
    doc_id = rows.doc_id
    item_ids: dict[tuple[str, int], int] = {}
    for kind, table, items in (("reference", "references", rows.references), ("target", "targets", rows.targets),
                               ("obligation", "obligations", rows.obligations)):
        if not items:
            continue
        _insert_many(c, table, doc_id, items, resolve=kind == "reference")
        for ord_, item_id in c.execute(f'SELECT ord, id FROM "{table}" WHERE doc_id = ?', (doc_id,)).fetchall():
            item_ids[kind, ord_] = item_id
    bodies = [(item_ids["obligation", o["ord"]], body) for o in rows.obligations for body in o["bodies"]]
    if bodies:
        c.executemany("INSERT INTO bodies (name, folded, aliases, aliases_folded) VALUES (?, ?, ?, ?) "
                      "ON CONFLICT (folded) DO NOTHING", [body[1:] for _, body in bodies])
        c.executemany("INSERT INTO obligation_bodies (obligation_id, body_id, role) "
                      "SELECT ?, id, ? FROM bodies WHERE folded = ? ON CONFLICT DO NOTHING",
                      [(oid, role, folded) for oid, (role, _name, folded, _a, _af) in bodies])
    return item_ids


class Store:
    """The vnplan database: add records, look documents up, search (see `extractor.search`)."""

    path: Path | str  # the SQLite file; a PostgreSQL URL in `PgStore`
    conn: Any  # sqlite3.Connection; `store_pg.PgConn` (the same execute/executemany/close) in `PgStore`
    db: Any  # sqlite_utils.Database over `conn`; None in `PgStore`
    _index: Any = None  # the tantivy search index (`extractor.search_index`) of a SQLite writer

    def __init__(self, path: str | Path = DEFAULT_DB, readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly and not self.path.exists():
            raise FileNotFoundError(f"no database at {self.path}")
        self.readonly = readonly
        if not readonly and self.path.exists() and self.path.stat().st_size:
            probe = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                _check_ours(probe, self.path)
            except sqlite3.DatabaseError as e:
                raise ValueError(f"{self.path} is not a SQLite database ({e}); use another --db") from e
            finally:
                probe.close()
        self.conn = _connect(self.path, readonly)
        if readonly:
            try:
                _check_ours(self.conn, self.path)
            except sqlite3.DatabaseError as e:
                self.conn.close()
                raise ValueError(f"{self.path} is not a SQLite database ({e})") from e
            except ValueError:
                self.conn.close()
                raise
        self.db = sqlite_utils.Database(self.conn)
        self._index: Any = None
        if not readonly:
            _create_schema(self.db)
            # `add_rows` looks a document up by path: without this index every add scans the table
            # (quadratic: 40 ms a document at 24,000 documents); databases made before it get it here
            self.conn.execute("CREATE INDEX IF NOT EXISTS idx_documents_path ON documents (path)")
            self._open_index()

    def _open_index(self) -> None:
        """The tantivy search index beside the file (`extractor.search_index`), brought in step with the
        passages (rebuilt when missing, another database's or version's, or holding another number of
        passages); without it (VNPLAN_SEARCH_INDEX=off, or tantivy failing) FTS5 answers searches."""
        from . import search_index

        search_index.prepare(self.conn)
        if not search_index.enabled():
            return
        path = Path(self.path)
        stamp = search_index.index_path(path) / "vnplan-stamp"
        if stamp.is_file() and not stamp.read_text().startswith(search_index.VERSION + " "):
            search_index.remove(path)  # another version's fields
        for attempt in (1, 2):
            try:
                self._index = search_index.SearchIndex(path, writable=True)
                self._index.sync(self.conn, check=True)
                return
            except (ValueError, OSError):  # tantivy's errors are ValueErrors (a damaged index); a full disk
                if self._index is not None:
                    self._index.close()
                self._index = None
                if attempt == 1:
                    search_index.remove(path)

    def sync_index(self, force: bool = True) -> bool:
        """Apply the passages written since the last sync to the search index (without `force`: not
        before `search_index.SYNC_SECONDS` since its last commit); True when it is in step."""
        if self._index is None:
            return False
        try:
            return bool(self._index.sync(self.conn, force=force))
        except (ValueError, OSError):
            return False

    def reindex(self) -> int:
        """Rebuild the search index from the passages table (unless this store's opening just did);
        returns how many passages it holds. A ValueError says why it cannot."""
        from . import search_index

        if self.readonly:
            raise ValueError("a read-only store cannot rebuild its search index")
        if not search_index.enabled():
            raise ValueError("the search index is switched off (VNPLAN_SEARCH_INDEX=off): FTS5 answers searches")
        if self._index is None:
            raise ValueError(f"the search index of {self.path} cannot be opened (tantivy failed): the "
                             "database's own full-text search answers searches")
        if not self._index.rebuilt and not self._index.rebuild(self.conn):
            raise ValueError(f"another vnplan process is writing to {self.path}: it keeps the search index in "
                             "step itself")
        return self._index.size()

    # -- lifecycle -------------------------------------------------------------------------
    def _close_index(self) -> None:
        """Bring the search index in step and close it (a writer's)."""
        if self._index is not None:
            self.sync_index()
            try:
                self._index.close()
            except (ValueError, OSError):
                pass  # the log keeps what is not indexed: the next writer applies it
            self._index = None

    def close(self) -> None:
        """Close; a writer first folds the WAL back into the file and leaves it in rollback-journal
        mode, so readers need no write access to its folder (when no other connection is open)."""
        self._close_index()
        if not self.readonly:
            try:
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self.conn.execute("PRAGMA journal_mode=DELETE")
            except sqlite3.Error:
                pass  # another connection is open: it (or the next writer) finishes the job
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
        """Write a document's precomputed rows in one transaction; returns what happened:

        - 'skipped': this content (sha256) is stored already (a duplicate, or a second delivery);
        - 'replaced': a document from the same path with other content is replaced (the file changed);
        - 'added': a new document, or a stored error of the same content read again;

        A different file never replaces another because their names (doc_ids) match: it gets a
        free doc_id (`name-2`, ...)."""
        with self.transaction() as c:
            outcome = self._write(c, rows, datetime.now(UTC).isoformat(timespec="seconds"))
        self.sync_index(force=False)
        return outcome

    def add_batch(self, batch: list[DocRows]) -> list[str]:
        """`add_rows` for many documents in ONE transaction (a bulk load: one commit, and the full-text
        index's segment written once, instead of per document); all or none of them are stored."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction() as c:
            outcomes = [self._write(c, rows, now) for rows in batch]
        self.sync_index(force=False)
        return outcomes

    def _write(self, c: sqlite3.Connection, rows: DocRows, now: str) -> str:
        """One document's rows inside the caller's transaction (see `add_rows`)."""
        path = rows.document.get("path")
        same = c.execute("SELECT doc_id, status FROM documents WHERE sha256 = ?", (rows.sha256,)).fetchone()
        if same and same["status"] != "error":
            return "skipped"
        outcome, old = ("added", same["doc_id"]) if same else ("added", None)
        if old is None and path:
            changed = c.execute("SELECT doc_id FROM documents WHERE path = ?", (path,)).fetchone()
            if changed:
                outcome, old = "replaced", changed["doc_id"]
        if old is not None:
            c.execute("DELETE FROM documents WHERE doc_id = ?", (old,))
        doc_id = old or self._free_doc_id(c, rows.doc_id)
        if doc_id != rows.doc_id:
            _rename(rows, doc_id)
        if path:
            c.execute("DELETE FROM errors WHERE doc_id IS NULL AND path = ?", (path,))
        doc = rows.document | {"ingested_at": now}
        c.execute(f"INSERT INTO documents ({', '.join(doc)}) VALUES ({', '.join('?' * len(doc))})",
                  list(doc.values()))
        self._insert_items(c, rows, now)
        return outcome

    @staticmethod
    def _free_doc_id(c: sqlite3.Connection, doc_id: str) -> str:
        """`doc_id`, or `doc_id-2`, `doc_id-3`, ... when another document has it."""
        candidate, n = doc_id, 1
        while c.execute("SELECT 1 FROM documents WHERE doc_id = ?", (candidate,)).fetchone():
            n += 1
            candidate = f"{doc_id}-{n}"
        return candidate

    def stored_states(self) -> dict[str, tuple[str, list[str]]]:
        """sha256 -> (status, errors) of every stored document (one query, to plan a batch)."""
        return {r[0]: (r[1], json.loads(r[2] or "[]"))
                for r in self.conn.execute("SELECT sha256, status, errors FROM documents")}

    def crash_counts(self) -> dict[tuple[str, str], int]:
        """(path, sha256) -> how many times reading that file stopped its worker (no record came back)."""
        rows = self.conn.execute("SELECT path, sha256, count(*) FROM errors WHERE doc_id IS NULL AND sha256 IS NOT "
                                 "NULL AND (message LIKE 'worker died%' OR message LIKE 'worker stopped%') "
                                 "GROUP BY path, sha256")
        return {(r[0], r[1]): r[2] for r in rows}

    def relink(self) -> int:
        """Lengthen the stored parent chains with what every stored document implements (as
        `vnplan extract DIR` does with the records of a batch); returns how many changed."""
        from .link import extend_chains
        from .record import Meta, Parent, Record, Source

        if not isinstance(self.conn, sqlite3.Connection):
            return 0  # another backend behind this interface lengthens its chains its own way (not yet)

        records = []
        for r in self.conn.execute("""SELECT doc_id, number, doc_type, date, issuer, title, level, place,
                json_extract(record, '$.parent.number') AS parent, json_extract(record, '$.parent.chain') AS chain
                FROM documents"""):
            parent = Parent(r["parent"], None, None, None, json.loads(r["chain"] or "[]")) if r["parent"] else None
            meta = Meta(**{k: r[k] for k in ("number", "doc_type", "date", "issuer", "title", "level", "place")})
            records.append(Record(r["doc_id"], Source("", "0" * 64, "unknown"), meta=meta, parent=parent))
        changed = extend_chains(records)
        resolve = RESOLVE
        for rec in changed:
            chain, doc_id = rec.parent.chain if rec.parent else [], rec.doc_id
            with self.transaction() as c:
                c.execute("DELETE FROM links WHERE doc_id = ?", (doc_id,))
                for depth, number in enumerate(chain, 1):
                    if number:
                        c.execute("INSERT INTO links (doc_id, depth, parent_number, parent_doc_id) "
                                  f"VALUES (?, ?, ?, {resolve})", (doc_id, depth, number, number, doc_id))
                c.execute("UPDATE documents SET record = json_set(record, '$.parent.chain', json(?)) "
                          "WHERE doc_id = ?", (json.dumps(chain, ensure_ascii=False), doc_id))
        return len(changed)

    def _insert_items(self, c: sqlite3.Connection, rows: DocRows, now: str) -> None:
        doc_id, number = rows.doc_id, rows.document.get("number")
        item_ids = insert_item_rows(c, rows)
        write_links(c, doc_id, number, rows.links)
        c.executemany("INSERT INTO passages (doc_id, kind, item_id, span_start, span_end, section, folded) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)",
                      [(doc_id, kind, item_ids.get((kind, ord_)) if ord_ is not None else None, s, e, sec, f)
                       for kind, ord_, s, e, sec, f in rows.passages])
        c.executemany("INSERT INTO errors (doc_id, path, sha256, message, at) VALUES (?, ?, ?, ?, ?)",
                      [(doc_id, rows.document.get("path"), rows.sha256, m, now) for m in rows.errors])

    def optimize(self) -> None:
        """Merge the full-text index into one segment (after a large batch: faster ranking), and bring
        the search index in step."""
        with self.transaction() as c:
            c.execute("INSERT INTO passages_fts(passages_fts) VALUES ('optimize')")
        self.sync_index()

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
