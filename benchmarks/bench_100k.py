"""Benchmark of search at 100,000 documents, SQLite and PostgreSQL, each ranked by its tantivy index.

The stores (kept in --dir, default /tmp/vnplan-100k, and reused by the next run):

- the sample: --sample varied documents written as bench_store.py writes them and extracted once by
  the real pipeline (`rows_for_file`), pickled;
- SQLite: every document is a sample document under its own doc_id, sha256 and a line of its own
  (`bench_scale.synth`), written through `Store.add_batch` (--batch documents a transaction: one
  commit and one FTS5 segment per batch instead of per document), then the tantivy index built on
  the next open (its time is reported);
- PostgreSQL: a private cluster in DIR/pg; the SQLite store's tables copied into it with COPY (the
  passages' `tsvector` computed by the database from the same words `PgStore` gives it, the GIN
  index built after the load), then `PgStore` opened, which builds the database's tantivy index.

Each run then measures:

- ingest on a smaller slice (--slice documents): the one loader's `add_rows`, one transaction per
  document, into a new SQLite file and a new PostgreSQL database, documents/s, PostgreSQL as a
  ratio of SQLite;
- search: the 20 queries of bench_store.py (`search`, 20 hits ranked over every match) --repeat
  times on each backend through its tantivy index, the backends taking turns query by query, wall
  clock and this process's CPU time (PostgreSQL's server CPU is not in it: its share shows in wall);
  each query's total is compared between the two backends' indexes and with each database's own
  full-text search (FTS5 / PostgreSQL's GIN index, run once, the total alone: ranking every match
  there takes seconds a query at this size, see bench_search.py for the ranked comparison).

`--shards-only` compares instead the SQLite store's index (one shard per core, searched at once) with
a one-shard index of the same store built in DIR/one-shard: the tantivy part of each query
(`SearchIndex.top`, 20 hits), the two taking turns, every total checked between them.

    nice -n 10 .venv/bin/python benchmarks/bench_100k.py [--docs 100000] [--dir /tmp/vnplan-100k] [--shards-only]
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_scale import extract_sample, load, synth  # noqa: E402
from bench_store import QUERIES, pct  # noqa: E402

from extractor import search as S  # noqa: E402
from extractor import search_index  # noqa: E402
from extractor.store_pg import ts_words  # noqa: E402
from extractor.stores import open_store  # noqa: E402
from tests import pg_cluster  # noqa: E402

PORT = 54399
TABLES = ["documents", "bodies", "references", "targets", "obligations", "obligation_bodies", "links", "errors"]


def use_index(on: bool) -> None:
    """The tantivy index (on) or each database's own full-text search (off)."""
    if on:
        os.environ.pop("VNPLAN_SEARCH_INDEX", None)
    else:
        os.environ["VNPLAN_SEARCH_INDEX"] = "off"


def bases_of(folder: Path, sample: int) -> list[Any]:
    cached = folder / f"bases-{sample}.pickle"
    if cached.exists():
        with open(cached, "rb") as fh:
            return list(pickle.load(fh))
    bases = extract_sample(folder / "sample", sample)
    with open(cached.with_suffix(".part"), "wb") as fh:
        pickle.dump(bases, fh)
    cached.with_suffix(".part").rename(cached)
    return bases


def build_sqlite(db: Path, bases: list[Any], n: int, batch: int) -> None:
    """n synthetic documents through `Store.add_batch`, the index left to the next open."""
    use_index(False)
    part = db.with_name(db.name + ".part")
    rng = random.Random(11)
    done = 0
    if part.exists():  # an interrupted build: its committed batches are kept, the rest written
        lite = sqlite3.connect(f"{part.resolve().as_uri()}?mode=ro", uri=True)
        done = lite.execute("SELECT count(*) FROM documents").fetchone()[0]
        lite.close()
        for _ in range(done):
            rng.getrandbits(40)  # the one draw `synth` makes per document
        print(f"SQLite build: resumed after {done:,} documents", flush=True)
    t = time.perf_counter()
    with open_store(part) as s:
        for start in range(done, n, batch):
            outcomes = s.add_batch([synth(bases[i % len(bases)], i, rng) for i in range(start, min(n, start + batch))])
            assert set(outcomes) == {"added"}, set(outcomes)
            if start and start % 10_000 == 0:
                print(f"    SQLite: {start:,} documents, {(start - done) / (time.perf_counter() - t):,.0f}/s",
                      flush=True)
    part.rename(db)
    print(f"SQLite build: {n:,} documents in {time.perf_counter() - t:.0f} s (add_batch of {batch})", flush=True)


def _columns(lite: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in lite.execute(f'PRAGMA table_info("{table}")')]


def _chunk_sql(lite: sqlite3.Connection, table: str) -> tuple[list[str], str]:
    """The columns of `table` and the SELECT of its rows belonging to documents doc_id >= ? AND < ?."""
    cols = _columns(lite, table)
    names = ", ".join(f"t.{c}" for c in cols)
    if table == "obligation_bodies":
        return cols, (f"SELECT {names} FROM obligation_bodies t JOIN obligations o ON o.id = t.obligation_id "
                      "WHERE o.doc_id >= ? AND o.doc_id < ?")
    return cols, f'SELECT {names} FROM "{table}" t WHERE t.doc_id >= ? AND t.doc_id < ?'


def start_copy(url: str) -> None:
    """An empty database with the schema, the change log's triggers, and no GIN index yet."""
    import psycopg

    use_index(False)
    with open_store(url):
        pass
    with psycopg.connect(url, autocommit=True) as pg:
        pg.execute("DROP INDEX IF EXISTS idx_passages_tsv")


def copy_chunk(lite: sqlite3.Connection, url: str, lo: str, hi: str) -> None:
    """The rows of the documents lo <= doc_id < hi copied with COPY (the log triggers and foreign-key
    checks off for the session); the passages' tsvectors computed by the database, as PgStore does."""
    import psycopg

    with psycopg.connect(url) as pg:
        pg.execute("SET session_replication_role = replica")  # no triggers: no change log, no FK checks
        for table in [t for t in TABLES if t != "bodies"]:
            cols, sql = _chunk_sql(lite, table)
            with pg.cursor().copy(f'COPY "{table}" ({", ".join(cols)}) FROM STDIN') as cp:
                for row in lite.execute(sql, (lo, hi)):
                    cp.write_row(row)
        pg.execute("CREATE TEMP TABLE passages_load (id BIGINT, doc_id TEXT, kind TEXT, item_id BIGINT, "
                   "span_start INTEGER, span_end INTEGER, section TEXT, folded TEXT, words TEXT) ON COMMIT DROP")
        with pg.cursor().copy("COPY passages_load FROM STDIN") as cp:
            for row in lite.execute("SELECT id, doc_id, kind, item_id, span_start, span_end, section, folded "
                                    "FROM passages WHERE doc_id >= ? AND doc_id < ?", (lo, hi)):
                cp.write_row((*row, ts_words(row[7])))
        pg.execute("INSERT INTO passages (id, doc_id, kind, item_id, span_start, span_end, section, folded, tsv) "
                   "SELECT id, doc_id, kind, item_id, span_start, span_end, section, folded, "
                   "to_tsvector('simple', words) FROM passages_load")


def finish_copy(lite: sqlite3.Connection, url: str) -> None:
    """The bodies, the GIN index, the identity sequences past the copied ids, fresh statistics."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as pg:
        with pg.cursor().copy("COPY bodies (id, name, folded, aliases, aliases_folded) FROM STDIN") as cp:
            for row in lite.execute("SELECT id, name, folded, aliases, aliases_folded FROM bodies"):
                cp.write_row(row)
        pg.execute("SET maintenance_work_mem = '512MB'")
        pg.execute("CREATE INDEX idx_passages_tsv ON passages USING GIN (tsv)")
        for table in ("references", "targets", "obligations", "bodies", "passages", "errors"):
            pg.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                       f"GREATEST(1, (SELECT max(id) FROM \"{table}\")))")
        pg.execute("ANALYZE")


def copy_to_postgresql(lite_db: Path, url: str, n: int, chunk: int = 10_000) -> None:
    """The SQLite store's rows into an empty PostgreSQL database, `chunk` documents (doc-NNNNNN) at a time."""
    lite = sqlite3.connect(f"{lite_db.resolve().as_uri()}?mode=ro", uri=True)
    t = time.perf_counter()
    start_copy(url)
    for lo in range(0, n, chunk):
        copy_chunk(lite, url, f"doc-{lo:06d}", f"doc-{min(n, lo + chunk):06d}")
        print(f"    PostgreSQL: {min(n, lo + chunk):,} documents copied at {time.perf_counter() - t:.0f} s", flush=True)
    finish_copy(lite, url)
    lite.close()
    print(f"PostgreSQL build (COPY from SQLite): {time.perf_counter() - t:.0f} s", flush=True)


def open_with_index(db: str | Path, name: str) -> None:
    use_index(True)
    t = time.perf_counter()
    with open_store(db) as s:
        indexed = s._index.size() if s._index is not None else 0
        rebuilt = s._index is not None and s._index.rebuilt
    print(f"{name}: index opened in {time.perf_counter() - t:.1f} s ({'built' if rebuilt else 'in step'}, "
          f"{indexed:,} passages)", flush=True)


def ingest_slice(bases: list[Any], n: int, url: str, tmp: Path) -> None:
    use_index(True)
    rates = {}
    for name, db in (("SQLite", tmp / "slice.db"), ("PostgreSQL", url)):
        seconds, counts = load(db, bases, n)
        rates[name] = n / seconds
        print(f"ingest {name}: {n:,} documents in {seconds:.1f} s = {rates[name]:,.1f} documents/s "
              f"({counts['passages']:,} passages; add_rows, one transaction per document, index kept)", flush=True)
    print(f"ingest ratio PostgreSQL/SQLite (documents/s): {rates['PostgreSQL'] / rates['SQLite']:.2f}", flush=True)


def measure(stores: dict[str, Any], repeat: int) -> dict[str, tuple[list[float], list[float]]]:
    times: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in stores}
    own: dict[str, list[float]] = {k: [] for k in stores}
    for query, filters in QUERIES:
        totals: dict[str, Any] = {}
        for name, s in stores.items():
            use_index(False)
            t = time.perf_counter()
            r = s.search_results(query, S.Filters(**filters), limit=0)  # the total alone (no ranking)
            own[name].append((time.perf_counter() - t) * 1000)
            totals[f"{name} {r.engine or '-'}"] = r.total
            use_index(True)
            r = s.search_results(query, S.Filters(**filters))  # warms the caches too
            totals[f"{name} {r.engine or '-'}"] = r.total
            if r.engine not in ("tantivy", ""):
                raise SystemExit(f"{name} {query!r} {filters}: answered by {r.engine}")
        if len(set(totals.values())) != 1:
            raise SystemExit(f"{query!r} {filters}: TOTALS DIFFER {totals}")
        for _ in range(repeat):
            for name, s in stores.items():
                t, c = time.perf_counter(), time.process_time()
                s.search(query, **filters)
                times[name][0].append((time.perf_counter() - t) * 1000)
                times[name][1].append((time.process_time() - c) * 1000)
        meds = "  ".join(f"{name} {sorted(times[name][0][-repeat:])[repeat // 2]:6.1f} ms (own {own[name][-1]:7.0f} ms)"
                         for name in stores)
        print(f"  {query[:28]!r:30} {str(filters)[:52]:52} {next(iter(totals.values())):9,} hits, same totals  {meds}",
              flush=True)
    for query, filters in (("khoa hoc", {}), ("doi moi", {"kind": "obligation"}), ("", {"place": "Hà Giang"})):
        line = []
        for name, s in stores.items():
            t = time.perf_counter()
            s.facets(query, S.Filters(**filters))
            line.append(f"{name} {(time.perf_counter() - t) * 1000:,.0f} ms")
        print(f"  facets (FTS5 / GIN, every match) {query!r} {filters}: {', '.join(line)}", flush=True)
    for name in stores:
        print(f"own full-text search {name} (once per query, the total counted, nothing ranked): p50 {pct(own[name], 0.5):,.0f} ms, "
              f"p95 {pct(own[name], 0.95):,.0f} ms", flush=True)
    return times


def compare_shards(lite_db: Path, folder: Path, repeat: int) -> None:
    """The store's index (one shard per core, each searched in its own thread) against one shard alone,
    built beside it in `folder` (reused): the tantivy part of each of the 20 queries (`SearchIndex.top`,
    20 hits, no total), the two taking turns, every total checked between them."""
    os.environ["VNPLAN_SEARCH_SHARDS"] = "1"
    use_index(True)
    t = time.perf_counter()
    with open_store(lite_db) as s:
        one = search_index.SearchIndex(None, writable=True, path=folder)
        built = one.sync(s.conn, check=True) and one.rebuilt
        one.close()
        state = search_index.db_state(s.conn)
    del os.environ["VNPLAN_SEARCH_SHARDS"]
    one = search_index.SearchIndex(None, writable=False, path=folder)
    print(f"one-shard index {'built' if built else 'in step'} in {time.perf_counter() - t:.0f} s", flush=True)
    times: dict[str, list[float]] = {"shards": [], "one": []}
    with open_store(lite_db, readonly=True) as s:
        sharded = search_index.for_reading(s.conn)
        assert sharded is not None and one.in_step(s.conn, state)
        for query, filters in QUERIES:
            f = S.Filters(**filters)
            plan = S._plan(s.conn, query, f)
            if plan is None:
                continue
            facts = {k: getattr(f, k) for k in ("doc_type", "level", "issuer", "date_from", "date_to")}
            q = sharded.query(plan.words, plan.groups, facts)
            if q is None:
                continue
            ranked = bool(plan.words)
            totals = {name: index.top(q, 1, 0, True, ranked)[1] for name, index in (("shards", sharded), ("one", one))}
            assert totals["shards"] == totals["one"], (query, totals)
            for _ in range(repeat):
                for name, index in (("shards", sharded), ("one", one)):
                    t = time.perf_counter()
                    index.top(q, 20, 0, False, ranked)
                    times[name].append((time.perf_counter() - t) * 1000)
            print(f"  {query[:28]!r:30} {str(filters)[:52]:52} {len(sharded.shards)} shards "
                  f"{sorted(times['shards'][-repeat:])[repeat // 2]:6.1f} ms, one {sorted(times['one'][-repeat:])[repeat // 2]:6.1f} ms",
                  flush=True)
    a, b = times["shards"], times["one"]
    print(f"index alone ({len(sharded.shards)} shards / one shard, wall): p50 {pct(a, 0.5):.1f} / {pct(b, 0.5):.1f} ms, "
          f"p95 {pct(a, 0.95):.1f} / {pct(b, 0.95):.1f} ms; one shard / shards p50 {pct(b, 0.5) / pct(a, 0.5):.2f}, "
          f"p95 {pct(b, 0.95) / pct(a, 0.95):.2f}", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/vnplan-100k"))
    ap.add_argument("--sample", type=int, default=300, help="documents extracted by the pipeline")
    ap.add_argument("--batch", type=int, default=1000, help="documents per transaction of the SQLite build")
    ap.add_argument("--slice", type=int, default=1000, help="documents of the ingest comparison (0: skip)")
    ap.add_argument("--repeat", type=int, default=5, help="runs of each query per backend")
    ap.add_argument("--shards-only", action="store_true",
                    help="only the store's sharded index against one shard (built in DIR/one-shard)")
    args = ap.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("VNPLAN_INDEX_DIR", str(args.dir / "pg-indexes"))
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", flush=True)
    bases = bases_of(args.dir, args.sample)
    lite_db = args.dir / f"sqlite-{args.docs}.db"
    if not lite_db.exists():
        build_sqlite(lite_db, bases, args.docs, args.batch)
    open_with_index(lite_db, f"SQLite, {args.docs:,} documents")
    if args.shards_only:
        compare_shards(lite_db, args.dir / "one-shard", args.repeat)
        return 0

    import psycopg

    pg_dir = args.dir / "pg"
    server = pg_cluster.url(pg_dir.resolve(), PORT)
    try:
        psycopg.connect(server).close()  # running since an earlier run
    except psycopg.OperationalError:
        server = pg_cluster.start(pg_dir, port=PORT, settings=[
            *[s for s in pg_cluster.SETTINGS if not s.startswith(("fsync", "full_page", "shared_buffers"))],
            "shared_buffers=1GB", "max_wal_size=8GB"])

    dbname = f"vnplan_{args.docs}"
    url = pg_cluster.url(pg_dir.resolve(), PORT, dbname)
    with psycopg.connect(server, autocommit=True) as c:
        if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,)).fetchone():
            c.execute(f'CREATE DATABASE "{dbname}"')
    have = built = 0
    while True:  # a build by another process (started beside the SQLite build) is left to finish
        with psycopg.connect(url) as c:
            if c.execute("SELECT to_regclass('documents')").fetchone()[0]:
                have = c.execute("SELECT count(*) FROM documents").fetchone()[0]
                built = c.execute("SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'passages' "
                                  "AND last_analyze IS NOT NULL").fetchone()[0]
            busy = c.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                             "AND pid <> pg_backend_pid() AND state <> 'idle'").fetchone()[0]
        if (have == args.docs and built) or not busy:
            break
        time.sleep(10)
    if have != args.docs or not built:
        with psycopg.connect(server, autocommit=True) as c:
            c.execute(f'DROP DATABASE "{dbname}"')
            c.execute(f'CREATE DATABASE "{dbname}"')
        copy_to_postgresql(lite_db, url, args.docs)
    open_with_index(url, f"PostgreSQL, {args.docs:,} documents")

    if args.slice:
        with tempfile.TemporaryDirectory(prefix="vnplan-slice-") as tmp_s:
            with psycopg.connect(server, autocommit=True) as c:
                c.execute("DROP DATABASE IF EXISTS vnplan_slice")
                c.execute("CREATE DATABASE vnplan_slice")
            ingest_slice(bases, args.slice, pg_cluster.url(pg_dir.resolve(), PORT, "vnplan_slice"), Path(tmp_s))

    print(f"load average before the searches: {os.getloadavg()[0]:.1f}", flush=True)
    stores = {"SQLite": open_store(lite_db, readonly=True), "PostgreSQL": open_store(url, readonly=True)}
    try:
        times = measure(stores, args.repeat)
    finally:
        for s in stores.values():
            s.close()
    for name, (wall, cpu) in times.items():
        print(f"search {name:10} at {args.docs:,} documents ({len(QUERIES)} queries x {args.repeat}, tantivy): wall "
              f"p50 {pct(wall, 0.5):.1f} ms, p95 {pct(wall, 0.95):.1f} ms, max {max(wall):.1f} ms; CPU p50 "
              f"{pct(cpu, 0.5):.1f} ms, p95 {pct(cpu, 0.95):.1f} ms", flush=True)
    lite, pg = times["SQLite"][0], times["PostgreSQL"][0]
    print(f"search ratio PostgreSQL/SQLite (wall): p50 {pct(pg, 0.5) / pct(lite, 0.5):.2f}, "
          f"p95 {pct(pg, 0.95) / pct(lite, 0.95):.2f}", flush=True)
    print(f"machine load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          f"(the cluster in {pg_dir} keeps running: python -m tests.pg_cluster stop {pg_dir})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
