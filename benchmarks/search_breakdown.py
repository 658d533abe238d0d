"""Where a search's time goes, per query of bench_store.py, on a store built beforehand
(`bench_scale.py`'s synthetic stores, or any vnplan database):

- `search`: what the user waits for (`Store.search`, 20 hits, no total; the tantivy index answers when it
  is in step, VNPLAN_SEARCH_INDEX=off for FTS5 alone);
- `rank`: the FTS5 `ORDER BY rank LIMIT 20` alone (bm25 over every matching passage);
- `count`: the `count(*)` of the matching passages alone (the total of `run`);
- `plan`: folding the query and resolving the filter tokens;
- `matches`: how many passages match (bm25 and count both grow with it).

The difference search - rank is the hydration (`_hit`, one item lookup per hit).

    .venv/bin/python benchmarks/search_breakdown.py --db PATH [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_store import QUERIES, pct  # noqa: E402

from extractor import search as S  # noqa: E402
from extractor.store import Store  # noqa: E402


def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    fn()  # warm the page cache
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    every: list[float] = []
    with Store(args.db, readonly=True) as s:
        c = s.conn
        print(f"{'query':58} {'search':>7} {'rank':>7} {'count':>7} {'plan':>5} {'matches':>8}")
        for query, filters in QUERIES:
            f = S.Filters(**filters)
            search = timed(lambda q=query, fl=filters: s.search(q, **fl), args.repeat)
            every += search
            plan = S._plan(c, query, f)
            if plan is None:
                print(f"{query!r:25} {filters!s:32} {statistics.median(search):7.1f}   (nothing can match)")
                continue
            base = f"FROM passages_fts WHERE passages_fts MATCH ?{plan.where}"
            order = "rank" if S.fts_query(query) else "rowid"
            params = (plan.match, *plan.params)
            rank = timed(lambda b=base, o=order, p=params: c.execute(
                f"SELECT rowid {b} ORDER BY {o} LIMIT 20", p).fetchall(), args.repeat)
            count = timed(lambda b=base, p=params: c.execute(f"SELECT count(*) {b}", p).fetchone(), args.repeat)
            planning = timed(lambda q=query, fl=f: S._plan(c, q, fl), args.repeat)
            matches = c.execute(f"SELECT count(*) {base}", params).fetchone()[0]
            print(f"{query[:24]!r:25} {str(filters)[:32]:32} {statistics.median(search):7.1f} "
                  f"{statistics.median(rank):7.1f} {statistics.median(count):7.1f} "
                  f"{statistics.median(planning):5.1f} {matches:8,}")
    print(f"search: p50 {pct(every, 0.5):.1f} ms, p95 {pct(every, 0.95):.1f} ms, max {max(every):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
