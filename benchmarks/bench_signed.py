"""Benchmark what signed originals cost: stamped fields (PDFium flattening) and signature checks
(pyHanko, with its difference analysis), against the reader without them, in one run.

For each real signed PDF in tests/fixtures/real-pdf/ it times `read_document` three ways:
the old reader (no flattening, no signatures), with the stamps flattened, and in full (stamps
and signatures), and prints milliseconds and ratios to the old reader.

    .venv/bin/python benchmarks/bench_signed.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FILES = ["ninhbinh-706-ubnd-vp7-2024", "ninhbinh-807-qd-ubnd-2024", "ninhbinh-196-kh-ubnd-2024",
         "nghi-dinh-74-2025-nd-cp"]


@contextlib.contextmanager
def without(stamps: bool, signatures: bool) -> Iterator[None]:
    """The reader with stamp flattening and/or signature checks switched off (benchmark only)."""
    from extractor.ingest import pdf
    from extractor.ingest import stamps as stamps_mod

    saved = (stamps_mod.annotation_boxes, pdf._signatures)
    if stamps:
        stamps_mod.annotation_boxes = lambda page: []
    if signatures:
        pdf._signatures = lambda raw, data: None
    try:
        yield
    finally:
        stamps_mod.annotation_boxes, pdf._signatures = saved


def best(fn, repeat: int) -> float:
    """Best wall-clock seconds of `repeat` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from extractor.ingest import read_document

    print(f"{'file':30} {'pages':>5} {'old ms':>8} {'+stamps':>8} {'ratio':>6} {'+signatures':>12} {'ratio':>6}")
    for name in FILES:
        path = ROOT / "tests" / "fixtures" / "real-pdf" / f"{name}.pdf"
        raw = read_document(path)  # warm imports and caches
        with without(stamps=True, signatures=True):
            old = best(lambda p=path: read_document(p), args.repeat)
        with without(stamps=False, signatures=True):
            stamped = best(lambda p=path: read_document(p), args.repeat)
        full = best(lambda p=path: read_document(p), args.repeat)
        print(f"{name:30} {raw.pages:5d} {old * 1000:8.0f} {stamped * 1000:8.0f} {stamped / old:5.2f}x "
              f"{full * 1000:12.0f} {full / old:5.1f}x  ({len(raw.signatures)} signatures)")


if __name__ == "__main__":
    main()
