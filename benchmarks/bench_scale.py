"""Benchmark of scaling out: SQLite against PostgreSQL (load and search), one Dask worker against two.

Stores at --docs documents (default 100,000) are too slow to extract one by one on this 2-core
machine, so: --sample varied documents are written as in bench_store.py and extracted once by the
real pipeline (`rows_for_file`), then every stored document is one of those rows under its own
doc_id, sha256 and a line of its own (a passage with its number and a random code), so no two
documents are the same bytes and the index grows as it would. Reported in one run, each figure
against a baseline measured in the same run:

- load: `add_rows` (one transaction per document, the single loader) in documents/s, SQLite the
  baseline, PostgreSQL as a ratio;
- search: p50/p95 of the 20 queries of bench_store.py (ranked over every matching passage),
  SQLite the baseline, PostgreSQL as a ratio;
- Dask: `ingest_folder(..., scheduler=...)` of --dask-files files on a LocalCluster of one worker
  process, then of two, in pages/s; one worker the baseline.

PostgreSQL runs as a private cluster in a temporary folder (tests/pg_cluster.py) with the same
durability trade-off as SQLite's WAL + synchronous=NORMAL (synchronous_commit=off: a crash of the
machine may lose the last commits, never half a document).

    .venv/bin/python benchmarks/bench_scale.py [--docs 100000] [--sample 300] [--dask-files 120]
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_store import PAGE_CHARS, QUERIES, build_corpus, pct  # noqa: E402

from extractor.batch import ingest_folder, rows_for_file  # noqa: E402
from extractor.pipeline import doc_ids, iter_input_files  # noqa: E402
from extractor.search import search_fold  # noqa: E402
from extractor.store_rows import DocRows  # noqa: E402
from extractor.stores import open_store  # noqa: E402
from tests import pg_cluster  # noqa: E402


def sample_rows(folder: Path, workers: int) -> list[DocRows]:
    files = iter_input_files(folder)
    jobs = list(zip(map(str, files), doc_ids(files), strict=True))
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(rows_for_file, jobs, chunksize=8))


def extract_sample(folder: Path, sample: int) -> list[DocRows]:
    """`sample` corpus documents written into `folder` and extracted by the real pipeline (all cores)."""
    folder.mkdir(exist_ok=True)
    build_corpus(folder, sample)
    t = time.perf_counter()
    bases = sample_rows(folder, os.cpu_count() or 1)
    print(f"sample: {len(bases)} documents extracted in {time.perf_counter() - t:.0f} s", flush=True)
    return bases


def synth(base: DocRows, i: int, rng: random.Random) -> DocRows:
    """Document i: `base` under its own id and bytes, with a line of its own."""
    rows = copy.copy(base)
    rows.doc_id = f"doc-{i:06d}"
    rows.sha256 = hashlib.sha256(f"{base.sha256}/{i}".encode()).hexdigest()
    rows.document = base.document | {"doc_id": rows.doc_id, "sha256": rows.sha256,
                                     "path": f"/synthetic/{rows.doc_id}.txt"}
    rows.obligations = [o | {"bodies": list(o["bodies"])} for o in base.obligations]
    line = f"Văn bản thử nghiệm số {i}, lô {i // 100}, mã {rng.getrandbits(40):x}."
    rows.passages = [*base.passages, ("text", None, 0, len(line), None, search_fold(line) + " xxktext")]
    return rows


def load(db: str | Path, bases: list[DocRows], n: int) -> tuple[float, dict[str, int]]:
    rng = random.Random(11)
    with open_store(db) as s:
        t = time.perf_counter()
        for i in range(n):
            outcome = s.add_rows(synth(bases[i % len(bases)], i, rng))
            assert outcome == "added", outcome
            if i and i % 20_000 == 0:
                print(f"    {db if isinstance(db, Path) else 'postgresql'}: {i:,} documents, "
                      f"{i / (time.perf_counter() - t):,.0f}/s", flush=True)
        s.optimize()
        seconds = time.perf_counter() - t
        return seconds, s.counts()


def search_times(db: str | Path, repeat: int) -> tuple[list[float], dict[str, float]]:
    timings: list[float] = []
    per_query: dict[str, float] = {}
    with open_store(db, readonly=True) as s:
        for query, filters in QUERIES:
            s.search(query, **filters)  # warm the caches
            mine = []
            for _ in range(repeat):
                t = time.perf_counter()
                s.search(query, **filters)
                mine.append((time.perf_counter() - t) * 1000)
            timings += mine
            per_query[f"{query!r} {filters}"] = statistics.median(mine)
    return timings, per_query


def dask_run(folder: Path, tmp: Path, workers: int) -> tuple[float, float]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=50) as cluster:
        warm = tmp / f"warm-{workers}"
        warm.mkdir()
        first = next(iter(sorted(folder.iterdir())))
        (warm / first.name).write_bytes(first.read_bytes())
        ingest_folder(warm, tmp / f"warm-{workers}.db", scheduler=cluster.scheduler_address)  # imports, rules
        t = time.perf_counter()
        result = ingest_folder(folder, tmp / f"dask-{workers}.db", scheduler=cluster.scheduler_address)
        seconds = time.perf_counter() - t
        assert result.stored == len(list(folder.iterdir())) and not result.errors, result
        return seconds, result.pages


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--sample", type=int, default=300, help="documents extracted by the pipeline")
    ap.add_argument("--repeat", type=int, default=5, help="runs of each search query")
    ap.add_argument("--dask-files", type=int, default=120, help="files of the Dask comparison (0: skip it)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="vnplan-scale-") as tmp_s:
        tmp = Path(tmp_s)
        folder = tmp / "docs"
        folder.mkdir()
        build_corpus(folder, max(args.sample, args.dask_files))
        t = time.perf_counter()
        sample_folder = tmp / "sample"
        sample_folder.mkdir()
        for p in sorted(folder.iterdir())[: args.sample]:
            (sample_folder / p.name).write_bytes(p.read_bytes())
        bases = sample_rows(sample_folder, args.workers)
        pages = sum(r.document["chars"] for r in bases) / PAGE_CHARS / len(bases)
        print(f"sample: {len(bases)} documents extracted in {time.perf_counter() - t:.0f} s "
              f"({pages:.1f} pages each on average)", flush=True)

        pg_dir = pg_cluster.new_folder()
        url = pg_cluster.start(pg_dir, settings=[*[s for s in pg_cluster.SETTINGS if not s.startswith(
            ("fsync", "full_page"))], "max_wal_size=4GB"])
        try:
            lite_db = tmp / "scale.db"
            results = {}
            for name, db in (("SQLite", lite_db), ("PostgreSQL", url)):
                seconds, counts = load(db, bases, args.docs)
                results[name] = seconds
                print(f"load {name}: {args.docs:,} documents in {seconds:.0f} s = {args.docs / seconds:,.0f} "
                      f"documents/s ({counts['passages']:,} passages)", flush=True)
            print(f"load ratio PostgreSQL/SQLite (documents/s): "
                  f"{results['SQLite'] / results['PostgreSQL']:.2f}", flush=True)
            print(f"SQLite file: {lite_db.stat().st_size / 1e9:.2f} GB", flush=True)
            stats = {}
            for name, db in (("SQLite", lite_db), ("PostgreSQL", url)):
                timings, per_query = search_times(db, args.repeat)
                stats[name] = (pct(timings, 0.5), pct(timings, 0.95), max(timings))
                print(f"search {name} at {args.docs:,} documents: p50 {stats[name][0]:.1f} ms, "
                      f"p95 {stats[name][1]:.1f} ms, max {stats[name][2]:.1f} ms", flush=True)
                for q, ms in per_query.items():
                    print(f"    {ms:7.1f} ms  {q}")
            print(f"search ratio PostgreSQL/SQLite: p50 {stats['PostgreSQL'][0] / stats['SQLite'][0]:.2f}, "
                  f"p95 {stats['PostgreSQL'][1] / stats['SQLite'][1]:.2f}", flush=True)
        finally:
            pg_cluster.stop(pg_dir)
            shutil.rmtree(pg_dir, ignore_errors=True)

        if args.dask_files:
            dask_folder = tmp / "dask"
            dask_folder.mkdir()
            for p in sorted(folder.iterdir())[: args.dask_files]:
                (dask_folder / p.name).write_bytes(p.read_bytes())
            one_s, one_pages = dask_run(dask_folder, tmp, 1)
            two_s, two_pages = dask_run(dask_folder, tmp, 2)
            print(f"dask, {args.dask_files} files: 1 worker {one_pages / one_s:,.0f} pages/s, 2 workers "
                  f"{two_pages / two_s:,.0f} pages/s: ratio {one_s / two_s:.2f}", flush=True)
        print(f"machine load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
