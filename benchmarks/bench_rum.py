"""RUM against the tantivy index on a PostgreSQL store: the ranked queries of bench_store.py.

RUM (Debian's `postgresql-NN-rum`) keeps positions in the index, so `ORDER BY tsv <=> query LIMIT 20`
ranks without visiting the heap; it still scores every match. Given a PostgreSQL store built by
bench_100k.py (`--docs 10000` makes one of 10,000 documents), this adds a RUM index on the passages'
tsvector (timed, once) and runs each ranked query of bench_store.py 3 times both ways: RUM's
ordered query (passage ids only) and `search` through the tantivy index (20 hits hydrated). Needs
the extension installed (`apt-get install postgresql-15-rum`; not in the Makefile's DEBS: vnplan
does not use it, see README *PostgreSQL*).

    .venv/bin/python benchmarks/bench_rum.py --url 'postgresql://vnplan@/vnplan_10000?host=/tmp/vnplan-100k/pg&port=54399'
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_store import QUERIES, pct  # noqa: E402

from extractor import search as S  # noqa: E402
from extractor.search_pg import to_tsquery_text  # noqa: E402
from extractor.stores import open_store  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", required=True, help="a PostgreSQL store built by bench_100k.py")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import psycopg

    with psycopg.connect(args.url, autocommit=True) as c:
        c.execute("CREATE EXTENSION IF NOT EXISTS rum")
        if not c.execute("SELECT to_regclass('idx_passages_rum')").fetchone()[0]:
            t = time.perf_counter()
            c.execute("SET maintenance_work_mem = '512MB'")
            c.execute("CREATE INDEX idx_passages_rum ON passages USING rum (tsv rum_tsvector_ops)")
            print(f"RUM index built in {time.perf_counter() - t:.0f} s", flush=True)
        rum, gin = c.execute("SELECT pg_size_pretty(pg_relation_size('idx_passages_rum')), "
                             "pg_size_pretty(pg_relation_size('idx_passages_tsv'))").fetchone()
        print(f"index sizes: RUM {rum}, GIN {gin}", flush=True)
    t = time.perf_counter()
    with open_store(args.url):
        pass  # the tantivy index, built when missing
    print(f"tantivy index opened in {time.perf_counter() - t:.0f} s", flush=True)
    rum_ms, tan_ms = [], []
    with open_store(args.url, readonly=True) as s:
        for query, filters in QUERIES:
            plan = S._plan(s.conn, query, S.Filters(**filters))
            if plan is None or not plan.words:
                continue  # nothing to rank
            tsq = to_tsquery_text(plan.match)
            where = plan.where.replace("passages_fts.rowid", "p.id")
            sql = (f"SELECT p.id FROM passages p WHERE p.tsv @@ to_tsquery('simple', ?){where} "
                   "ORDER BY p.tsv <=> to_tsquery('simple', ?) LIMIT 20")
            params = (tsq, *plan.params, tsq)
            s.conn.execute(sql, params).fetchall()
            s.search(query, **filters)
            mine, theirs = [], []
            for _ in range(args.repeat):
                t = time.perf_counter()
                s.conn.execute(sql, params).fetchall()
                mine.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                s.search(query, **filters)
                theirs.append((time.perf_counter() - t) * 1000)
            used = "idx_passages_rum" in "\n".join(r[0] for r in s.conn.execute("EXPLAIN " + sql, params))
            rum_ms.append(statistics.median(mine))
            tan_ms.append(statistics.median(theirs))
            print(f"  {query[:28]!r:30} {str(filters)[:40]:40} RUM {rum_ms[-1]:8.1f} ms "
                  f"({'RUM index' if used else 'planner chose another index'})  tantivy {tan_ms[-1]:6.1f} ms",
                  flush=True)
    print(f"RUM p50 {pct(rum_ms, 0.5):.1f} ms, max {max(rum_ms):.1f} ms; tantivy p50 {pct(tan_ms, 0.5):.1f} ms, "
          f"max {max(tan_ms):.1f} ms ({len(rum_ms)} ranked queries, median of {args.repeat}); load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
