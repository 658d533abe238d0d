"""Benchmark of the store: batch ingest throughput, database size and search latency.

Builds a corpus of --docs text documents (default 10,000) from the real ones, each varied in
numbers, places, bodies and years and carrying its own line, so nothing is trivially duplicated;
writes them as .txt files into a temporary folder, then reports in one run:

- reading alone (`read_document`) and batch ingest (`ingest_folder`) in pages/s, per worker
  (a page is ~3,000 characters of text);
- the single writer alone (`Store.add_rows` of precomputed rows) on a sample;
- the database size;
- search latency p50/p95 over a fixed set of 20 queries (each run several times).

    .venv/bin/python benchmarks/bench_store.py [--docs 10000] [--workers N] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.batch import ingest_folder, rows_for_file  # noqa: E402
from extractor.ingest import read_document  # noqa: E402
from extractor.pipeline import doc_ids, iter_input_files  # noqa: E402
from extractor.store import Store  # noqa: E402

PAGE_CHARS = 3000
PLACES = ["Yên Bái", "Bình Dương", "Quảng Ninh", "Thuận An"]
PROVINCES = ["Hà Giang", "Cao Bằng", "Lào Cai", "Điện Biên", "Sơn La", "Hòa Bình", "Thái Nguyên", "Phú Thọ",
             "Bắc Ninh", "Hải Dương", "Hưng Yên", "Thái Bình", "Nam Định", "Ninh Bình", "Thanh Hóa", "Nghệ An",
             "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Đà Nẵng", "Quảng Ngãi", "Bình Định",
             "Phú Yên", "Khánh Hòa", "Đắk Lắk", "Lâm Đồng", "Đồng Nai", "Tây Ninh", "Long An", "Tiền Giang",
             "Bến Tre", "Vĩnh Long", "Cần Thơ", "Sóc Trăng", "Bạc Liêu", "Cà Mau", "Kiên Giang", "An Giang",
             "Đồng Tháp"]
BODIES = ["Sở Khoa học và Công nghệ", "Sở Công Thương", "Sở Kế hoạch và Đầu tư", "Sở Tài chính",
          "Sở Thông tin và Truyền thông", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Xây dựng",
          "Sở Giáo dục và Đào tạo"]
QUERIES: list[tuple[str, dict]] = [
    ("khoa hoc", {}), ("đổi mới sáng tạo", {}), ("doi moi", {"kind": "obligation"}),
    ("Sở KH&CN", {}), ("nang suat lao dong", {"kind": "target"}), ("năng suất", {"year": 2025}),
    ("", {"kind": "obligation", "body": "Sở KH&CN", "year": 2025, "place": "Hà Giang"}),
    ("tuyen truyen", {"kind": "obligation", "place": "Cà Mau"}), ("doanh nghiệp", {"kind": "target", "year": 2030}),
    ("36/QĐ-TTg", {"kind": "reference"}), ("du toan ngan sach", {}), ("Hoà Bình", {}),
    ("chuyen doi so", {}), ("tiêu chuẩn đo lường chất lượng", {}), ("kinh phi thuc hien", {"kind": "text"}),
    ("hop tac xa", {"body": "Liên minh Hợp tác xã"}), ("dao tao", {"kind": "obligation", "year": 2030}),
    ("ISO", {}), ("thanh pho thong minh", {"place": "Bình Dương"}), ("cai tien nang suat", {"year": 2027}),
]


def build_corpus(folder: Path, n: int, seed: int = 7) -> tuple[int, int]:
    """Write `n` varied .txt documents; returns (files, characters)."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    number = re.compile(r"\b(\d{1,4})/(QĐ|KH|NQ|CT|TB)-")
    year = re.compile(r"\b20(2[0-9]|30)\b")
    chars = 0
    for i in range(n):
        text = sources[i % len(sources)]
        place = PROVINCES[(i * 7 + i // len(PROVINCES)) % len(PROVINCES)]
        for old in PLACES:
            text = text.replace(old, place)
        text = number.sub(lambda m, i=i: f"{(int(m.group(1)) * 31 + i) % 9973 + 1}/{m.group(2)}-", text)
        shift = i % 5
        text = year.sub(lambda m, s=shift: str(2000 + int(m.group(1)) + s), text)
        a, b = rng.sample(BODIES, 2)
        text = text.replace(a, "\0").replace(b, a).replace("\0", b)
        lines = text.split("\n")
        lines.insert(min(4, len(lines)), f"Văn bản thử nghiệm số {i}, lô {i // 100}, mã {rng.getrandbits(40):x}.")
        text = "\n".join(lines)
        (folder / f"doc-{i:05d}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    return n, chars


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--repeat", type=int, default=5, help="runs of each search query")
    ap.add_argument("--writer-sample", type=int, default=500, help="documents for the writer-alone figure")
    ap.add_argument("--keep", type=Path, help="copy the built database here")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="vnplan-bench-") as tmp:
        folder, db = Path(tmp) / "docs", Path(tmp) / "bench.db"
        folder.mkdir()
        t = time.perf_counter()
        n, chars = build_corpus(folder, args.docs)
        pages = chars / PAGE_CHARS
        print(f"corpus: {n} documents, {chars / 1e6:.1f} M characters = {pages:,.0f} pages "
              f"(built in {time.perf_counter() - t:.1f} s)", flush=True)

        files = iter_input_files(folder)
        t = time.perf_counter()
        for p in files:
            read_document(p)
        read_s = time.perf_counter() - t
        print(f"reading alone (read_document, 1 process): {read_s:.1f} s = {pages / read_s:,.0f} pages/s", flush=True)

        t = time.perf_counter()
        result = ingest_folder(folder, db, workers=args.workers, progress=False)
        ingest_s = time.perf_counter() - t
        assert result.stored == n, result
        per_worker = pages / ingest_s / args.workers
        print(f"ingest ({args.workers} workers): {ingest_s:.1f} s = {pages / ingest_s:,.0f} pages/s, "
              f"{per_worker:,.0f} pages/s per worker, {n / ingest_s:,.0f} documents/s", flush=True)

        sample = list(zip(map(str, files), doc_ids(files), strict=True))[: args.writer_sample]
        rows = [rows_for_file(job) for job in sample]
        sample_pages = sum(r.document["chars"] for r in rows) / PAGE_CHARS
        with Store(Path(tmp) / "writer.db") as s:
            t = time.perf_counter()
            for r in rows:
                s.add_rows(r)
            write_s = time.perf_counter() - t
        print(f"single writer alone ({len(rows)} documents): {len(rows) / write_s:,.0f} documents/s = "
              f"{sample_pages / write_s:,.0f} pages/s", flush=True)

        with Store(db) as s:
            s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            counts = s.counts()
        size = db.stat().st_size
        print(f"database: {size / 1e6:.0f} MB ({size / n / 1e3:.1f} kB per document, "
              f"{size / chars:.2f} bytes per text character); rows: "
              + ", ".join(f"{k} {v:,}" for k, v in counts.items()), flush=True)

        timings: list[float] = []
        cpu: list[float] = []  # this process's CPU time: what a query costs when the machine is shared
        with Store(db, readonly=True) as s:
            for query, filters in QUERIES:
                s.search(query, **filters)  # warm the page cache
                for _ in range(args.repeat):
                    t, c = time.perf_counter(), time.process_time()
                    hits = s.search(query, **filters)
                    timings.append((time.perf_counter() - t) * 1000)
                    cpu.append((time.process_time() - c) * 1000)
                print(f"  {query!r:34} {filters!s:78} {len(hits):3} hits, "
                      f"{statistics.median(timings[-args.repeat:]):5.1f} ms ({statistics.median(cpu[-args.repeat:]):5.1f} "
                      "ms CPU)", flush=True)
        print(f"search ({len(QUERIES)} queries x {args.repeat}, limit 20): p50 {pct(timings, 0.5):.1f} ms, "
              f"p95 {pct(timings, 0.95):.1f} ms, max {max(timings):.1f} ms wall clock; "
              f"CPU p50 {pct(cpu, 0.5):.1f} ms, p95 {pct(cpu, 0.95):.1f} ms")
        print(f"machine load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        if args.keep:
            shutil.copyfile(db, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
