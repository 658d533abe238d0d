"""Extraction cost against plain reading, per page, in one run.

Builds PDFs of the bundled corpus (python-docx + LibreOffice), then times for the same files:
reading alone (ingest.read_document), normalization, and the extractors (structure, meta,
references, targets, obligations, link). Prints seconds per page and the ratio
extraction / reading.

    .venv/bin/python benchmarks/bench_extract.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import ingest, normalize  # noqa: E402
from extractor.pipeline import extract_text_into  # noqa: E402
from extractor.record import Record, Source  # noqa: E402
from tests.formats import make_docx, make_pdf  # noqa: E402


def _timed(fn, repeat: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5, help="best of N runs per stage")
    args = ap.parse_args()
    txts = sorted((ROOT / "corpus").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        docx = [make_docx(p, tmp_path / f"{p.stem}.docx") for p in txts]
        pdfs = make_pdf(docx, tmp_path / "pdf")
        # warm up lazy imports and rule compilation once, outside the timings
        raw = ingest.read_document(pdfs[0])
        extract_text_into(Record("w", Source("w", "0" * 64, "pdf")), normalize.normalize(raw))
        pages = read_s = norm_s = extract_s = 0.0
        for pdf in pdfs:
            t_read, raw = _timed(lambda p=pdf: ingest.read_document(p), args.repeat)
            t_norm, text = _timed(lambda r=raw: normalize.normalize(r), args.repeat)
            t_ext, _ = _timed(lambda t=text: extract_text_into(Record("b", Source("b", "0" * 64, "pdf")), t),
                              args.repeat)
            pages += raw.pages or 1
            read_s, norm_s, extract_s = read_s + t_read, norm_s + t_norm, extract_s + t_ext
    print(f"corpus: {len(pdfs)} PDFs, {int(pages)} pages (best of {args.repeat})")
    print(f"read (ingest)       {1000 * read_s / pages:8.2f} ms/page")
    print(f"normalize           {1000 * norm_s / pages:8.2f} ms/page")
    print(f"extract (all steps) {1000 * extract_s / pages:8.2f} ms/page")
    print(f"ratio extract / read            {extract_s / read_s:6.2f}x")
    print(f"ratio (normalize+extract) / read {(norm_s + extract_s) / read_s:6.2f}x  (aim: <= 3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
