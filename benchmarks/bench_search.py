"""Benchmark of search on SQLite: the tantivy index beside the store against FTS5 alone, same run.

Stores of --docs documents are built as bench_scale.py builds its SQLite store (--sample documents
extracted by the real pipeline, then copied under their own ids, bytes and a line of their own),
loaded with VNPLAN_SEARCH_INDEX=off and the index built on the next open (its time is reported).
Then the 20 queries of bench_store.py, each run --repeat times per engine, the two engines taking
turns query by query (a loaded machine slows both alike): `Store.search` (20 hits, no total),
wall clock and this process's CPU time. Every query's total (`run`, count=True) is compared
between the engines, and the engine that answered is checked (tantivy must answer all 20).

Then the facets (`Store.facets`: document type, issuer, level and place counted over every hit, as the
web search page shows them) of broad, medium and filtered queries (FACET_QUERIES), counted by the
index's terms aggregation against the database's GROUP BY over every FTS5 match, the two taking
turns; every query's facets are compared between the two (values, counts, order) and tantivy must
count them all.

    .venv/bin/python benchmarks/bench_search.py [--docs 2000 10000] [--sample 300] [--repeat 5] [--dir DIR]
        [--facets-only]

--dir keeps the built stores there and reuses them on the next run; --facets-only skips the ranked
searches.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_store import QUERIES, pct  # noqa: E402

from extractor import search as S  # noqa: E402
from extractor.store import Store  # noqa: E402

ENGINES = ("fts5", "tantivy")
FACET_QUERIES: list[tuple[str, str, dict]] = [
    ("broad", "khoa hoc", {}), ("broad", "đổi mới sáng tạo", {}), ("broad", "", {"kind": "text"}),
    ("medium", "doi moi", {"kind": "obligation"}), ("medium", "chuyen doi so", {}), ("medium", "Hoà Bình", {}),
    ("filtered", "", {"place": "Hà Giang"}), ("filtered", "khoa hoc", {"kind": "obligation", "year": 2025}),
    ("filtered", "cong nghe", {"level": "province", "date_from": "2021-06-01"}),
    ("filtered", "", {"doc_type": "Kế hoạch", "kind": "target"}),
]
"""(class, query, filters) whose facets are timed: broad (most passages match), medium, filtered."""


def use(engine: str) -> None:
    """FTS5 alone (VNPLAN_SEARCH_INDEX=off) or the tantivy index."""
    if engine == "fts5":
        os.environ["VNPLAN_SEARCH_INDEX"] = "off"
    else:
        os.environ.pop("VNPLAN_SEARCH_INDEX", None)


def build(db: Path, n: int, sample: int, tmp: Path, bases: list) -> list:
    from bench_scale import extract_sample, load

    if not bases:
        bases = extract_sample(tmp / "sample", sample)
    use("fts5")
    partial = db.with_name(db.name + ".part")
    partial.unlink(missing_ok=True)
    seconds, counts = load(partial, bases, n)
    partial.rename(db)
    print(f"load: {n:,} documents in {seconds:.0f} s ({counts['passages']:,} passages)", flush=True)
    return bases


def measure(db: Path, repeat: int) -> dict[str, tuple[list[float], list[float]]]:
    times: dict[str, tuple[list[float], list[float]]] = {e: ([], []) for e in ENGINES}
    with Store(db, readonly=True) as s:
        for query, filters in QUERIES:
            totals, engines, med = {}, {}, {}
            for engine in ENGINES:
                use(engine)
                result = s.search_results(query, S.Filters(**filters))  # warms the caches too
                totals[engine], engines[engine] = result.total, result.engine
                s.search(query, **filters)
            for _ in range(repeat):
                for engine in ENGINES:
                    use(engine)
                    t, c = time.perf_counter(), time.process_time()
                    s.search(query, **filters)
                    times[engine][0].append((time.perf_counter() - t) * 1000)
                    times[engine][1].append((time.process_time() - c) * 1000)
            for engine in ENGINES:
                med[engine] = statistics.median(times[engine][0][-repeat:])
            same = "same total" if totals["fts5"] == totals["tantivy"] else f"TOTALS DIFFER {totals}"
            print(f"  {query[:30]!r:32} {str(filters)[:60]:60} {totals['tantivy']:7,} hits  FTS5 {med['fts5']:7.1f} ms"
                  f"  tantivy {med['tantivy']:6.1f} ms ({engines['tantivy'] or 'nothing can match'}; {same})", flush=True)
            planned_out = engines["tantivy"] == "" and totals["tantivy"] == 0  # a filter matching nothing stored
            if not (engines["tantivy"] == "tantivy" or planned_out) or totals["fts5"] != totals["tantivy"]:
                raise SystemExit(f"{query!r} {filters}: answered by {engines['tantivy']}, totals {totals}")
    use("tantivy")
    return times


def measure_facets(db: Path, repeat: int) -> dict[str, dict[str, list[float]]]:
    """Each FACET_QUERIES' facets `repeat` times per engine, taking turns: {class: {engine: median ms of
    each of its queries}}; exits when the two engines' facets differ or tantivy does not count them."""
    by_class: dict[str, dict[str, list[float]]] = {}
    with Store(db, readonly=True) as s:
        for cls, query, filters in FACET_QUERIES:
            f = S.Filters(**filters)
            got, engines = {}, {}
            for engine in ENGINES:
                use(engine)
                got[engine], engines[engine] = S.facet_counts(s.conn, query, f)  # warms the caches too
            if engines["tantivy"] != "tantivy" or got["fts5"] != got["tantivy"]:
                raise SystemExit(f"facets {query!r} {filters}: counted by {engines}, same: {got['fts5'] == got['tantivy']}")
            use("tantivy")
            total = s.search_results(query, f, limit=0).total
            wall: dict[str, list[float]] = {e: [] for e in ENGINES}
            cpu: dict[str, list[float]] = {e: [] for e in ENGINES}
            for _ in range(repeat):
                for engine in ENGINES:
                    use(engine)
                    t, c = time.perf_counter(), time.process_time()
                    s.facets(query, f)
                    wall[engine].append((time.perf_counter() - t) * 1000)
                    cpu[engine].append((time.process_time() - c) * 1000)
            med = {e: statistics.median(wall[e]) for e in ENGINES}
            cmed = {e: statistics.median(cpu[e]) for e in ENGINES}
            values = sum(len(v) for v in got["tantivy"].values())
            print(f"  facets {cls:8} {query[:20]!r:22} {str(filters)[:48]:48} {total:7,} hits, {values:4} values: "
                  f"database {med['fts5']:8.1f} ms (CPU {cmed['fts5']:8.1f})  index {med['tantivy']:6.1f} ms "
                  f"(CPU {cmed['tantivy']:6.1f})  ratio {med['fts5'] / med['tantivy']:6.1f}; same facets", flush=True)
            for engine in ENGINES:
                by_class.setdefault(cls, {e: [] for e in ENGINES})[engine].append(med[engine])
    use("tantivy")
    return by_class


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[2000, 10_000])
    ap.add_argument("--sample", type=int, default=300, help="documents extracted by the pipeline")
    ap.add_argument("--repeat", type=int, default=5, help="runs of each query per engine")
    ap.add_argument("--dir", type=Path, help="keep the stores here (and reuse them)")
    ap.add_argument("--facets-only", action="store_true", help="time the facets alone, not the ranked searches")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory(prefix="vnplan-search-") as tmp_s:
        tmp = Path(tmp_s)
        folder = args.dir or tmp
        folder.mkdir(parents=True, exist_ok=True)
        bases: list = []
        for n in args.docs:
            db = folder / f"search-{n}.db"
            if not db.exists():
                bases = build(db, n, args.sample, tmp, bases)
            use("tantivy")
            t = time.perf_counter()
            with Store(db) as s:
                passages = s.conn.execute("SELECT count(*) FROM passages").fetchone()[0]
                indexed = s._index.size() if s._index is not None else 0
            size = sum(f.stat().st_size for f in S.search_index.index_path(db).rglob("*") if f.is_file())
            print(f"{n:,} documents, {passages:,} passages: index opened (built when missing) in "
                  f"{time.perf_counter() - t:.1f} s, {indexed:,} passages indexed, {size / 1e6:,.0f} MB", flush=True)
            if not args.facets_only:
                times = measure(db, args.repeat)
                fts, tan = times["fts5"], times["tantivy"]
                for name, (wall, cpu) in times.items():
                    print(f"search {name:7} at {n:,} documents ({len(QUERIES)} queries x {args.repeat}): wall p50 "
                          f"{pct(wall, 0.5):.1f} ms, p95 {pct(wall, 0.95):.1f} ms, max {max(wall):.1f} ms; CPU p50 "
                          f"{pct(cpu, 0.5):.1f} ms, p95 {pct(cpu, 0.95):.1f} ms", flush=True)
                print(f"ratio FTS5/tantivy at {n:,} documents: wall p50 {pct(fts[0], 0.5) / pct(tan[0], 0.5):.1f}, "
                      f"p95 {pct(fts[0], 0.95) / pct(tan[0], 0.95):.1f}; CPU p95 "
                      f"{pct(fts[1], 0.95) / pct(tan[1], 0.95):.1f}", flush=True)
            print(f"facets at {n:,} documents (load average {os.getloadavg()[0]:.1f}):", flush=True)
            for cls, meds in measure_facets(db, args.repeat).items():
                own, idx = sum(meds["fts5"]), sum(meds["tantivy"])
                print(f"facets {cls:8} at {n:,} documents ({len(meds['fts5'])} queries, medians of {args.repeat} "
                      f"summed): database GROUP BY {own:,.1f} ms, index {idx:,.1f} ms, ratio {own / idx:.1f}", flush=True)
    print(f"machine load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
