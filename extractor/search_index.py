"""The search index beside a SQLite store: tantivy ranks the passages, the SQLite file stays the record.

FTS5 computes bm25 for every matching passage before it can return the best 20 (3.5-10 µs a match:
178,000 matches of *khoa học* at 10,000 documents take ~0.7 s). Tantivy ranks the same passages by
its own BM25 (k1 1.2, b 0.75, as FTS5's; passage lengths rounded to its 256 length buckets, so the
order may differ from FTS5's between passages of nearly the same length and score) in compiled
top-k collection: ~40 ns a match for an AND of words (every match is scored; block-max pruning
only skips blocks of a union).

The hits are the SAME passages as FTS5's, for every query and filter:

- every passage is indexed with the tokens FTS5's `unicode61 remove_diacritics 0` makes of its folded
  text (ASCII by unicode61's rule, any other character as SQLite's own tokenizer treats it), the
  filter tokens included
  (xxk kind, xxb body, xxp place, xxy year), and its document's facts for the document filters
  (`lower(doc_type)` as SQLite's ASCII-only lower(), level, issuer_folded, the date as yyyymmdd);
- the facets (`facets`: the document's doc_type, issuer, level and place as stored, each a fast
  field counted by a terms aggregation over the hits) are the SQL's GROUP BY over the same hits:
  the same values (original case and marks), counts and order (re-sorted: count, then the value in
  code point order, as SQLite's BINARY and PostgreSQL's "C" collation order UTF-8). A value too long
  for a fast field (MAX_FACT_BYTES) or more values than tantivy's bucket limit leave it to SQL;
- a query word is a term, or a phrase when FTS5 splits it (`gạch_dưới`: *gach duoi*); the filters
  are terms that do not score. FTS5 still answers the rare search tantivy could not answer exactly:
  a word with no token at all (FTS5 drops it), a date bound or a stored date not yyyy-mm-dd.

Keeping the two in step: triggers log every passage inserted or deleted (and the passages of a
document whose facts change) in `passages_changes`; the process holding tantivy's writer applies
the log (delete by id, then add the passage if it still exists: idempotent), commits, writes the
stamp `version uuid seq` beside the index and trims the log. A commit costs ~0.1-0.3 s of fsyncs,
so a writer commits at most every SYNC_SECONDS and on close. A search uses tantivy only when the
stamp matches the database (its uuid and last logged change); otherwise FTS5 answers, as before.
A writer that finds no index, an index of another database or version, or one holding another
number of passages rebuilds it (`vnplan reindex` does it on demand). VNPLAN_SEARCH_INDEX=off
leaves the index alone: FTS5 ranks (the baseline of benchmarks/bench_search.py).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

VERSION = "vnplan-search-4"
"""Written in the stamp: an index of another version is rebuilt (its fields or shards may differ)."""
MAX_SHARDS = 4
"""At most this many shards (one per core up to it): see `shard_count`."""
SYNC_SECONDS = 5.0
"""A writer commits the index at most this often (and on close); readers use FTS5 in between."""
HEAP_BYTES = 32_000_000
BATCH = 2000  # passages read and tokenized at a time

DDL = [
    "CREATE TABLE IF NOT EXISTS search_state (id INTEGER PRIMARY KEY CHECK (id = 1), uuid TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS passages_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, passage_id INTEGER NOT NULL)",
    """CREATE TRIGGER IF NOT EXISTS passages_log_ai AFTER INSERT ON passages BEGIN
        INSERT INTO passages_changes (passage_id) VALUES (new.id); END""",
    """CREATE TRIGGER IF NOT EXISTS passages_log_ad AFTER DELETE ON passages BEGIN
        INSERT INTO passages_changes (passage_id) VALUES (old.id); END""",
    """CREATE TRIGGER IF NOT EXISTS passages_log_au AFTER UPDATE ON passages BEGIN
        INSERT INTO passages_changes (passage_id) VALUES (old.id);
        INSERT INTO passages_changes (passage_id) VALUES (new.id); END""",
    "DROP TRIGGER IF EXISTS documents_log_au",  # vnplan-search-2's: not on issuer and place
    """CREATE TRIGGER IF NOT EXISTS documents_log_facts AFTER UPDATE OF doc_type, level, issuer, issuer_folded,
        place, date ON documents BEGIN
        INSERT INTO passages_changes (passage_id) SELECT id FROM passages WHERE doc_id = new.doc_id; END""",
]

PG_DDL = [
    "CREATE TABLE IF NOT EXISTS search_state (id INTEGER PRIMARY KEY CHECK (id = 1), uuid TEXT NOT NULL, "
    "trimmed BIGINT NOT NULL DEFAULT 0)",
    "CREATE TABLE IF NOT EXISTS passages_changes (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
    "passage_id BIGINT NOT NULL)",
    """CREATE OR REPLACE FUNCTION vnplan_log_passage() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF TG_OP <> 'INSERT' THEN INSERT INTO passages_changes (passage_id) VALUES (OLD.id); END IF;
        IF TG_OP <> 'DELETE' THEN INSERT INTO passages_changes (passage_id) VALUES (NEW.id); END IF;
        RETURN NULL; END $$""",
    """CREATE OR REPLACE FUNCTION vnplan_log_document() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        INSERT INTO passages_changes (passage_id) SELECT id FROM passages WHERE doc_id = NEW.doc_id;
        RETURN NULL; END $$""",
    "DROP TRIGGER IF EXISTS passages_log ON passages",
    """CREATE TRIGGER passages_log AFTER INSERT OR DELETE OR UPDATE ON passages
        FOR EACH ROW EXECUTE FUNCTION vnplan_log_passage()""",
    "DROP TRIGGER IF EXISTS documents_log ON documents",  # vnplan-search-2's: not on issuer and place
    "DROP TRIGGER IF EXISTS documents_log_facts ON documents",
    """CREATE TRIGGER documents_log_facts AFTER UPDATE OF doc_type, level, issuer, issuer_folded, place, date
        ON documents FOR EACH ROW EXECUTE FUNCTION vnplan_log_document()""",
]
"""The same change log on PostgreSQL. Sequence numbers are handed out before commit, so a sync locks
the log (EXCLUSIVE: loaders wait, readers do not) before reading it: then no transaction holding a
lower number is still open. Trimming keeps the last applied number in `search_state.trimmed`."""
_PG_LOCK = 0x766E7069  # advisory lock taken while creating the change log ('vnpi')
_PG_PREPARED = ("SELECT to_regclass('passages_changes') IS NOT NULL AND EXISTS (SELECT 1 FROM pg_trigger "
                "WHERE tgname = 'documents_log_facts' AND tgrelid = to_regclass('documents'))")
"""Whether PG_DDL has run (its last trigger exists: a database prepared by vnplan-search-2 has not)."""

_ROWS = """SELECT p.id, p.folded, d.doc_type, d.level, d.issuer_folded, d.date, d.issuer, d.place
    FROM passages p JOIN documents d ON d.doc_id = p.doc_id"""
_PG_ROWS = _ROWS.replace("p.folded", "CASE WHEN octet_length(p.folded) = char_length(p.folded) THEN p.folded "
                         "ELSE p.tsv::text END, octet_length(p.folded) = char_length(p.folded)")
"""On PostgreSQL the index holds each passage's `tsvector` lexemes at their positions, so its hits are
exactly the database's own (whatever its parser keeps or drops): an ASCII passage's lexemes are its
letter-and-digit runs (`tokens`, read from `folded`, ten times faster than parsing the tsvector's
text), any other passage's are read from `tsv`."""
_LEXEME = re.compile(r"'((?:[^']|'')*)'(?::([0-9A-D,]+))?")
GAP = "\x01"  # fills a position the tsvector skips (no query token is ever a control character)
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_UPPER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
ODD_DATE = "odd-date"  # the fact term of a passage whose document date is not yyyy-mm-dd
FACETS = ("doc_type", "issuer", "level", "place")
"""The document facts counted for facets, each a fast field of the index (named as the column)."""
MAX_FACT_BYTES = 32_768
"""A fact longer than this (UTF-8) is not put in its fast field (tantivy cuts a fast field's text at
65,535 bytes): its passage gets the LONG_FACT term and facets are left to SQL while it is indexed."""
LONG_FACT = "long-fact"


def enabled() -> bool:
    """Whether the tantivy index is used (VNPLAN_SEARCH_INDEX=off: FTS5 alone)."""
    return os.environ.get("VNPLAN_SEARCH_INDEX", "").strip().lower() not in ("0", "off", "no", "false")


def shard_count() -> int:
    """How many shards a new index is split into: $VNPLAN_SEARCH_SHARDS, else one per core up to
    MAX_SHARDS. A search runs on every shard at once, one thread each (tantivy releases the GIL), so a
    query that must score a million passages takes about its time divided by the cores; an index keeps
    the count it was built with."""
    env = os.environ.get("VNPLAN_SEARCH_SHARDS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, min(MAX_SHARDS, os.cpu_count() or 1))


def has_index(path: Path) -> bool:
    """Whether `path` holds an index of this version's layout (its first shard)."""
    return (path / "shard-0" / "meta.json").is_file()


def index_path(db: Path) -> Path:
    """The folder of a database's search index: `vnplan.db` -> `vnplan.db.search`."""
    return db.with_name(db.name + ".search")


def is_pg(conn: Any) -> bool:
    """Whether `conn` is a PostgreSQL store's connection (`extractor.store_pg.PgConn`)."""
    return getattr(conn, "backend", None) == "postgresql"


def index_root() -> Path:
    """Where the indexes of PostgreSQL databases live on this machine: $VNPLAN_INDEX_DIR, else
    ~/.cache/vnplan/search (one folder per database, named by its uuid)."""
    env = os.environ.get("VNPLAN_INDEX_DIR", "").strip()
    if env:
        return Path(env)
    cache = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(cache) / "vnplan" / "search"


def pg_index_path(state: str) -> Path:
    """The index folder of the PostgreSQL database whose `db_state` is `state`."""
    return index_root() / state.split()[1]


def prepare(conn: Any) -> None:
    """The change log, its triggers and the database's uuid (idempotent; a writer runs it on open)."""
    if is_pg(conn):
        raw = conn.raw
        if raw.execute(_PG_PREPARED).fetchone()[0]:
            return
        with raw.transaction():
            raw.execute("SELECT pg_advisory_xact_lock(%s)", (_PG_LOCK,))
            if not raw.execute(_PG_PREPARED).fetchone()[0]:
                for statement in PG_DDL:
                    raw.execute(statement)
            raw.execute("INSERT INTO search_state (id, uuid) VALUES (1, %s) ON CONFLICT (id) DO NOTHING",
                        (uuid.uuid4().hex,))
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in DDL:
            conn.execute(statement)
        conn.execute("INSERT OR IGNORE INTO search_state (id, uuid) VALUES (1, ?)", (uuid.uuid4().hex,))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def db_state(conn: Any) -> str | None:
    """'version uuid seq' of the database (seq: its last logged change); None before `prepare`."""
    if is_pg(conn):
        import psycopg

        try:
            row = conn.execute("SELECT uuid, GREATEST(trimmed, (SELECT max(seq) FROM passages_changes)) "
                               "FROM search_state").fetchone()
        except psycopg.errors.UndefinedTable:
            return None
        return f"{VERSION} {row[0]} {row[1] or 0}" if row else None
    try:
        row = conn.execute("SELECT uuid, (SELECT seq FROM sqlite_sequence WHERE name = 'passages_changes') "
                           "FROM search_state").fetchone()
    except sqlite3.OperationalError:
        return None
    return f"{VERSION} {row[0]} {row[1] or 0}" if row else None


# -- FTS5's tokens --------------------------------------------------------------------------------

_ASCII = bytes(c + 32 if 65 <= c <= 90 else c if (48 <= c <= 57 or 97 <= c <= 122) else 32 for c in range(256))
"""FTS5's unicode61 on ASCII: letters and digits are token characters (lower-cased), the rest separate."""
_CHARS: dict[int, str] = {c: chr(_ASCII[c]) for c in range(128)}
"""Code point -> what unicode61 makes of it: ' ' (a separator) or its case-folded form (learned from
SQLite's own tokenizer, one code point at a time, see `_learn`)."""
_MARKS: set[str] = set()
"""What the diacritics unicode61 lets continue a token but not start one become (U+0301 ...)."""
_LEADING: re.Pattern[str] | None = None  # runs of _MARKS at the start of a would-be token


def _learn(chars: set[str]) -> None:
    """Ask SQLite's FTS5 (unicode61 remove_diacritics 0) what each new character is: in 'a?a' one
    token (it is part of words, folded to what sits between the a's) or two (a separator); in '?a'
    a token starting with it (it starts words) or 'a' alone (a diacritic: it only continues one)."""
    global _LEADING
    c = sqlite3.connect(":memory:")
    try:
        c.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 0')")
        c.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
        rows = [(2 * ord(ch), f"a{ch}a") for ch in chars] + [(2 * ord(ch) + 1, f"{ch}a") for ch in chars]
        c.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)", rows)
        found: dict[int, list[str]] = {}
        for row, term in c.execute("SELECT doc, term FROM v"):
            found.setdefault(row, []).append(term)
    finally:
        c.close()
    for ch in chars:
        inner, first = found.get(2 * ord(ch), []), found.get(2 * ord(ch) + 1, [])
        if len(inner) == 1 and len(inner[0]) >= 2 and inner[0][0] == "a" and inner[0][-1] == "a":
            folded = inner[0][1:-1]
            _CHARS[ord(ch)] = folded
            if folded and first != [folded + "a"]:
                _MARKS.update(folded)
        else:
            _CHARS[ord(ch)] = " "
    if _MARKS:
        marks = "".join(re.escape(m) for m in sorted(_MARKS))
        _LEADING = re.compile(rf"(?:^|(?<=\s))[{marks}]+")


def tokens(text: str) -> str:
    """The tokens FTS5's unicode61 (remove_diacritics 0) makes of `text`, separated by spaces."""
    if text.isascii():
        return text.encode().translate(_ASCII).decode()
    new = {ch for ch in set(text) if ord(ch) not in _CHARS}
    if new:
        _learn(new)
    out = text.translate(_CHARS)
    if _LEADING is not None and not _MARKS.isdisjoint(out):
        out = _LEADING.sub(" ", out)
    return out


def pg_tokens(tsv: str) -> str:
    """A tsvector's text ('doi':1 'moi':2,4 ...) as its lexemes in position order, separated by spaces."""
    at: dict[int, str] = {}
    for m in _LEXEME.finditer(tsv):
        lexeme = m.group(1).replace("''", "'").replace("\\\\", "\\")
        for pos in (m.group(2) or "").split(","):
            if pos:
                at[int(pos.rstrip("ABCD"))] = lexeme
    if not at:
        return ""
    return " ".join(at.get(i, GAP) for i in range(min(at), max(at) + 1))


def _facts(doc_type: Any, level: Any, issuer_folded: Any, date: Any) -> tuple[list[str], int | None]:
    """The fact terms and date key of a passage's document, as the SQL filters compare them."""
    terms = []
    if isinstance(doc_type, str):
        terms.append("t:" + doc_type.translate(_UPPER))  # lower(doc_type) = lower(?): ASCII only
    if isinstance(level, str):
        terms.append("l:" + level)
    if isinstance(issuer_folded, str):
        terms.append("i:" + issuer_folded)
    day = None
    if isinstance(date, str) and _ISO.fullmatch(date):
        day = int(date.replace("-", ""))
    elif date is not None:
        terms.append(ODD_DATE)
    return terms, day


def _facet_values(values: tuple[Any, ...]) -> tuple[dict[str, str], bool]:
    """The facets of a passage's document (`FACETS` order): the values SQL groups (text, not ''), and
    whether one is too long for a fast field."""
    out = {name: v for name, v in zip(FACETS, values, strict=True) if isinstance(v, str) and v != ""}
    return out, any(len(v.encode()) > MAX_FACT_BYTES for v in out.values())


class SearchIndex:
    """A tantivy index of the passages of one store: beside a SQLite file (`db`), or in `path` for a
    PostgreSQL database (`pg_index_path`). It is split into shards (`shard-0`, `shard-1` ...; a passage
    lives in shard `id % shards`), each a tantivy index with its own writer; one stamp covers them all.
    A search runs on every shard in its own thread and the answers are merged: hits by score (ties by
    shard, then by the shard's own order), totals and facet counts added."""

    def __init__(self, db: Path | None, writable: bool, path: Path | None = None) -> None:
        import tantivy

        self.t = tantivy
        self.db = db
        self.path = path if path is not None else index_path(db or Path("."))
        self.stamp_path = self.path / "vnplan-stamp"
        self.writers: list[Any] = []
        self._loaded: str | None = None
        self._committed = time.monotonic()
        self._threads: ThreadPoolExecutor | None = None
        self.rebuilt = False  # by this object: every passage indexed anew
        if writable:
            self.path.mkdir(parents=True, exist_ok=True)
        count = len(list(self.path.glob("shard-*/meta.json"))) or (shard_count() if writable else 0)
        if not count:
            raise ValueError(f"no search index in {self.path}")
        self.shards = [self._open(self.path / f"shard-{k}", writable) for k in range(count)]
        self.schema = self.shards[0].schema

    def _open(self, folder: Path, writable: bool) -> Any:
        """The tantivy index of one shard (created when writable and missing)."""
        if writable:
            folder.mkdir(exist_ok=True)
        index = self.t.Index(self._schema(), path=str(folder), reuse=True)
        index.register_tokenizer("ws", self.t.TextAnalyzerBuilder(self.t.Tokenizer.whitespace()).build())
        return index

    def _each(self, job: Callable[[Any], Any]) -> list[Any]:
        """`job(searcher)` on every shard's searcher, at once (one thread a shard), in shard order."""
        searchers = [index.searcher() for index in self.shards]
        if len(searchers) == 1:
            return [job(searchers[0])]
        if self._threads is None:
            self._threads = ThreadPoolExecutor(len(searchers), thread_name_prefix="vnplan-search")
        return list(self._threads.map(job, searchers))

    def doc_freq(self, field: str, term: str) -> int:
        """How many passages hold `term` in `field` (every shard)."""
        return sum(int(index.searcher().doc_freq(field, term)) for index in self.shards)

    def _schema(self) -> Any:
        sb = self.t.SchemaBuilder()
        sb.add_integer_field("id", stored=False, indexed=True, fast=True)
        sb.add_text_field("f", stored=False, tokenizer_name="ws", index_option="position")
        sb.add_text_field("m", stored=False, tokenizer_name="raw", index_option="basic")
        sb.add_integer_field("day", stored=False, indexed=True, fast=True)
        for name in FACETS:  # the facts as stored, for the facets' terms aggregation
            sb.add_text_field(name, stored=False, fast=True, tokenizer_name="raw", index_option="basic")
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
        self._share()

    def _share(self) -> None:
        """Whoever may read the database may read the index: tantivy writes its meta files readable by
        their owner only, and a reader opens its meta lock file for writing (to lock it)."""
        if self.db is None:
            return  # a PostgreSQL database's index: the folder's own modes
        try:
            read = self.db.stat().st_mode & 0o444
            if self.stamp_path.exists():
                os.chmod(self.stamp_path, read | 0o200)
            for folder in self.path.glob("shard-*"):
                for name in ("meta.json", ".managed.json"):
                    if (folder / name).exists():
                        os.chmod(folder / name, read | 0o200)
                if (folder / ".tantivy-meta.lock").exists():
                    os.chmod(folder / ".tantivy-meta.lock", read | read >> 1)
        except OSError:
            pass  # not the owner: the files keep their modes (a reader without access gets FTS5)

    def take_writer(self) -> bool:
        """Hold tantivy's writer of every shard (one process at a time); False when another holds them."""
        if not self.writers:
            try:
                for index in self.shards:
                    self.writers.append(index.writer(heap_size=HEAP_BYTES, num_threads=1))
            except ValueError:
                self.writers = []  # the ones taken are let go with their objects
                return False
        return True

    def _writer_of(self, pid: int) -> Any:
        return self.writers[pid % len(self.writers)]

    def _commit(self) -> None:
        for writer in self.writers:
            writer.commit()

    def _rollback(self) -> None:
        for writer in self.writers:
            writer.rollback()

    def _add(self, rows: list[tuple[Any, ...]], pg: bool = False) -> None:
        for row in rows:
            if pg:  # (id, folded or tsv text, whether ascii, facts...)
                pid, text, ascii_, doc_type, level, issuer_folded, date, issuer, place = row
                words = tokens(text) if ascii_ else pg_tokens(text)
            else:
                pid, text, doc_type, level, issuer_folded, date, issuer, place = row
                words = tokens(text)
            facts, day = _facts(doc_type, level, issuer_folded, date)
            doc = self.t.Document(id=pid, f=words)
            for term in facts:
                doc.add_text("m", term)
            if day is not None:
                doc.add_integer("day", day)
            values, long = _facet_values((doc_type, issuer, level, place))
            if long:
                doc.add_text("m", LONG_FACT)
            else:
                for name, value in values.items():
                    doc.add_text(name, value)
            self._writer_of(pid).add_document(doc)

    @contextmanager
    def _writing(self, conn: Any) -> Iterator[None]:
        """A read transaction on the database (the passages and their change log hold still) around index
        writes; the index's uncommitted writes are rolled back on any error. On PostgreSQL the log is
        locked first (see PG_DDL) and the snapshot taken after: every lower sequence number is committed."""
        if is_pg(conn):
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
            conn.execute("LOCK TABLE passages_changes IN EXCLUSIVE MODE")
        else:
            conn.execute("BEGIN")
        try:
            yield
        except BaseException:
            self._rollback()
            if is_pg(conn):
                conn.execute("ROLLBACK")
            raise
        finally:
            if not is_pg(conn) or conn.raw.info.transaction_status != 0:  # 0: IDLE (rolled back above)
                conn.execute("COMMIT")

    def _trim(self, conn: Any, last: int) -> None:
        """Drop the applied changes from the log (PostgreSQL keeps their last number in search_state)."""
        if is_pg(conn):
            with conn.raw.transaction():
                conn.execute("UPDATE search_state SET trimmed = GREATEST(trimmed, ?)", (last,))
                conn.execute("DELETE FROM passages_changes WHERE seq <= ?", (last,))
        else:
            conn.execute("DELETE FROM passages_changes WHERE seq <= ?", (last,))

    @staticmethod
    def _stream(conn: Any, sql: str) -> Iterator[list[tuple[Any, ...]]]:
        """The rows of `sql` BATCH at a time (PostgreSQL: a server-side cursor, not every row in memory)."""
        cur = conn.raw.cursor(name="vnplan_index_rows") if is_pg(conn) else conn.execute(sql)
        if is_pg(conn):
            cur.itersize = BATCH
            cur.execute(sql)
        try:
            while rows := cur.fetchmany(BATCH):
                yield rows
        finally:
            cur.close()

    def sync(self, conn: Any, force: bool = True, check: bool = False) -> bool:
        """Apply the logged changes and commit (not before SYNC_SECONDS since the last commit unless
        `force`); rebuild an index of another database or version, or (`check`) one that holds another
        number of passages. True when the index is in step afterwards."""
        state = db_state(conn)
        if state is None or not self.take_writer():
            return False
        stamp = self.stamp()
        ident = state.rsplit(" ", 1)[0] + " "
        if not stamp.startswith(ident):
            return self.rebuild(conn)
        if stamp == state:
            if check and self.size() != conn.execute("SELECT count(*) FROM passages").fetchone()[0]:
                return self.rebuild(conn)
            return True
        if not force and time.monotonic() - self._committed < SYNC_SECONDS:
            return False
        with self._writing(conn):
            rows = conn.execute("SELECT seq, passage_id FROM passages_changes ORDER BY seq").fetchall()
            if rows:
                ids = sorted({r[1] for r in rows})
                for pid in ids:
                    self._writer_of(pid).delete_documents_by_term("id", pid)
                for start in range(0, len(ids), 500):
                    chunk = ids[start:start + 500]
                    marks = ",".join("?" * len(chunk))
                    pg = is_pg(conn)
                    self._add(conn.execute(f"{_PG_ROWS if pg else _ROWS} WHERE p.id IN ({marks})", chunk).fetchall(), pg)
                self._commit()
                self.rebuilt = False
        if not rows:  # the stamp is behind a log trimmed since: nothing says what changed
            return self.rebuild(conn)
        last = rows[-1][0]
        self._committed = time.monotonic()
        self._write_stamp(f"{ident}{last}")
        self._trim(conn, last)
        return db_state(conn) == f"{ident}{last}"

    def rebuild(self, conn: Any) -> bool:
        """Index every passage anew from the passages table."""
        if not self.take_writer():
            return False
        with self._writing(conn):
            state = db_state(conn)
            if state is None:
                return False
            for writer in self.writers:
                writer.delete_all_documents()
            for rows in self._stream(conn, _PG_ROWS if is_pg(conn) else _ROWS):
                self._add(rows, is_pg(conn))
            self._commit()
            self._committed = time.monotonic()
            self._write_stamp(state)
            self.rebuilt = True
        self._trim(conn, int(state.rsplit(" ", 1)[1]))
        return True

    def size(self) -> int:
        """How many passages the index holds (its last commit)."""
        for index in self.shards:
            index.reload()
        return sum(int(index.searcher().num_docs) for index in self.shards)

    def close(self) -> None:
        for writer in self.writers:
            writer.wait_merging_threads()
        self.writers = []
        if self._threads is not None:
            self._threads.shutdown()
            self._threads = None

    # -- reading ---------------------------------------------------------------------------
    def in_step(self, conn: Any, state: str | None = None) -> bool:
        """Whether the index holds exactly the database's passages (else FTS5 answers); `state`: the
        database's `db_state` when the caller has just read it."""
        state = state or db_state(conn)
        if state is None or self.stamp() != state:
            return False
        if self._loaded != state:
            for index in self.shards:
                index.reload()
            self._loaded = state
        return True

    def query(self, words: list[str], groups: list[list[str]], facts: dict[str, Any]) -> Any:
        """The tantivy query of a search (words score; filter groups and document facts do not); None
        when a word has no token, or a date is not yyyy-mm-dd (FTS5 answers)."""
        T, schema = self.t, self.schema
        clauses = []
        for word in words:
            terms = tokens(word).split()
            if not terms:  # FTS5 drops an empty phrase from the query: left to it
                return None
            q = T.Query.term_query(schema, "f", terms[0]) if len(terms) == 1 else T.Query.phrase_query(schema, "f", terms)
            clauses.append((T.Occur.Must, q))

        def quiet(q: Any) -> Any:
            return T.Query.const_score_query(q, 0.0)

        for group in groups:
            terms = [T.Query.term_query(schema, "f", t) for t in group]
            q = terms[0] if len(terms) == 1 else T.Query.boolean_query([(T.Occur.Should, t) for t in terms])
            clauses.append((T.Occur.Must, quiet(q)))
        for key, prefix in (("doc_type", "t:"), ("level", "l:"), ("issuer", "i:")):
            if facts.get(key):
                value = facts[key].translate(_UPPER) if key == "doc_type" else facts[key]
                clauses.append((T.Occur.Must, quiet(T.Query.term_query(schema, "m", prefix + value))))
        lo, hi = facts.get("date_from"), facts.get("date_to")
        if lo or hi:
            if any(d and not _ISO.fullmatch(d) for d in (lo, hi)):
                return None
            if self.doc_freq("m", ODD_DATE):
                return None
            day = T.Query.range_query(schema, "day", T.FieldType.Integer,
                                      int(lo.replace("-", "")) if lo else None,
                                      int(hi.replace("-", "")) if hi else None, True, True)
            clauses.append((T.Occur.Must, quiet(day)))
        if not clauses:
            return None
        return T.Query.boolean_query(clauses)

    def facets(self, query: Any) -> dict[str, list[tuple[str, int]]] | None:
        """For each of FACETS, its values among the passages `query` matches with how many passages
        each holds, most first, then by value (as the SQL's `ORDER BY count DESC, value`); None when
        the index cannot count them exactly (a fact too long for its fast field is indexed)."""
        if self.doc_freq("m", LONG_FACT):
            return None
        every = 2**32 - 1  # every value of every segment: exact counts (tantivy keeps size x 10 by default)
        request = {name: {"terms": {"field": name, "size": every, "segment_size": every}} for name in FACETS}
        counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        for found in self._each(lambda searcher: searcher.aggregate(query, request)):
            for name in FACETS:
                if found[name].get("sum_other_doc_count"):
                    return None  # values left out: not the whole count
                for bucket in found[name]["buckets"]:
                    key = str(bucket["key"])
                    counts[name][key] = counts[name].get(key, 0) + int(bucket["doc_count"])
        return {name: sorted(values.items(), key=lambda kv: (-kv[1], kv[0])) for name, values in counts.items()}

    def top(self, query: Any, limit: int, offset: int, count: bool,
            ranked: bool) -> tuple[list[tuple[int, float]], int | None]:
        """A page of (passage id, score) best first (`ranked`: by tantivy's BM25, the score negated as
        FTS5's rank is, equal scores by shard and then in the shard's own order; else in passage order,
        score 0), and how many match (when `count`)."""
        want = max(limit, 0) + offset

        def best(searcher: Any) -> tuple[list[tuple[float, int]], int]:
            """The shard's `want` best as (score or id, passage id), and its count (0 unless `count`)."""
            if want <= 0:
                return [], int(searcher.search(query, 1, count=True).count) if count else 0
            if ranked:
                result = searcher.search(query, want, count=count)
            else:
                result = searcher.search(query, want, count=count, order_by_field="id", order=self.t.Order.Asc)
            ids = searcher.fast_field_values("id", [a for _, a in result.hits])
            hits = [(float(key), int(pid or 0)) for (key, _), pid in zip(result.hits, ids, strict=True)]
            return hits, int(result.count) if count else 0

        found = self._each(best)
        total = sum(n for _, n in found) if count else None
        if limit <= 0:
            return [], total
        if ranked:
            merged = sorted(((-key, shard, rank, pid) for shard, (hits, _) in enumerate(found)
                             for rank, (key, pid) in enumerate(hits)))
            return [(pid, score) for score, _, _, pid in merged[offset:want]], total
        ids = sorted(pid for hits, _ in found for _, pid in hits)
        return [(pid, 0.0) for pid in ids[offset:want]], total


_OPEN: dict[str, SearchIndex] = {}
_FAILED: dict[str, float] = {}  # path -> when tantivy last failed to open its index (tried again later)
RETRY_SECONDS = 30.0


def for_reading(conn: Any) -> SearchIndex | None:
    """The search index of the database behind `conn` when it is in step; None otherwise."""
    if is_pg(conn):
        return _pg_for_reading(conn)
    try:
        path = conn.execute("PRAGMA database_list").fetchone()[2]
    except (sqlite3.Error, TypeError):
        return None
    if not path:
        return None
    idx = _OPEN.get(path)
    if idx is None:
        if not has_index(index_path(Path(path))):
            return None
        if time.monotonic() - _FAILED.get(path, -RETRY_SECONDS) < RETRY_SECONDS:
            return None
        try:
            idx = _OPEN[path] = SearchIndex(Path(path), writable=False)
        except (ValueError, OSError, ImportError):  # a damaged index, a folder tantivy cannot open
            _FAILED[path] = time.monotonic()
            return None
    try:
        return idx if idx.in_step(conn) else None
    except (ValueError, OSError):
        return None


def _pg_for_reading(conn: Any) -> SearchIndex | None:
    """`for_reading` on PostgreSQL: this machine's index of the database, found by its uuid."""
    import psycopg

    try:
        state = db_state(conn)
    except psycopg.Error:
        return None
    if state is None:
        return None
    path = pg_index_path(state)
    key = str(path)
    idx = _OPEN.get(key)
    if idx is None:
        if not has_index(path):
            return None
        if time.monotonic() - _FAILED.get(key, -RETRY_SECONDS) < RETRY_SECONDS:
            return None
        try:
            idx = _OPEN[key] = SearchIndex(None, writable=False, path=path)
        except (ValueError, OSError, ImportError):
            _FAILED[key] = time.monotonic()
            return None
    try:
        return idx if idx.in_step(conn, state) else None
    except (ValueError, OSError):
        return None


def forget_path(path: Path) -> None:
    """Drop a cached reader of the index in `path` (a PostgreSQL database's)."""
    _OPEN.pop(str(path), None)
    _FAILED.pop(str(path), None)


def forget(db: Path) -> None:
    """Drop a cached reader (its index folder is about to be replaced)."""
    for key in (str(db.resolve()), str(db)):
        _OPEN.pop(key, None)
        _FAILED.pop(key, None)


def remove(db: Path) -> None:
    """Delete a database's search index folder."""
    forget(db)
    shutil.rmtree(index_path(db), ignore_errors=True)
