"""Benchmark of OCR: seconds per scanned page, and how close the OCR'd text is to the original.

Builds an image-only PDF of one dev document the way tests/test_ocr.py does (TXT -> DOCX ->
PDF by LibreOffice -> page images by pdftoppm -> PDF of images), then in one run reports:

- `ocr_pages` over every page (render at 300 dpi + Tesseract `-l vie`, one process per core):
  wall seconds per page, and CPU seconds per page (stable when the machine is busy);
- the whole pipeline on the scanned PDF (`extract_file`): seconds per page;
- character similarity of the OCR'd record text to the TXT record text, and whether the key
  strings survived.

    .venv/bin/python benchmarks/bench_ocr.py [--doc yen-bai-114-kh-ubnd-2021] [--dpi 200] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.ingest import ocr  # noqa: E402
from extractor.pipeline import extract_file  # noqa: E402
from tests.test_ocr import KEY_STRINGS, make_scanned_pdf, similarity  # noqa: E402


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (the Tesseract runs)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--doc", default="yen-bai-114-kh-ubnd-2021", help="dev document (corpus/<doc>.txt)")
    ap.add_argument("--dpi", type=int, default=200, help="resolution of the simulated scan")
    ap.add_argument("--workers", type=int, default=None, help="Tesseract processes (default: one per core)")
    args = ap.parse_args(argv)

    problem = ocr.tesseract_problem()
    missing = [t for t in ("soffice", "pdftoppm") if shutil.which(t) is None]
    if problem or missing:
        print(f"skipped: {problem or ', '.join(missing) + ' not installed'}")
        return 0
    import pypdfium2

    cores = ocr.available_cores()
    workers = args.workers or cores
    with tempfile.TemporaryDirectory(prefix="vnplan-bench-ocr-") as tmp:
        t0 = time.perf_counter()
        pdf = make_scanned_pdf(ROOT / "corpus" / f"{args.doc}.txt", Path(tmp), dpi=args.dpi)
        build = time.perf_counter() - t0
        pages = len(pypdfium2.PdfDocument(str(pdf)))

        t0, cpu0 = time.perf_counter(), _cpu()
        texts, errors = ocr.ocr_pages(pdf, list(range(pages)), workers=workers)
        ocr_s, ocr_cpu = time.perf_counter() - t0, _cpu() - cpu0

        t0 = time.perf_counter()
        rec = extract_file(pdf)
        pipe_s = time.perf_counter() - t0
    txt = extract_file(ROOT / "corpus" / f"{args.doc}.txt")
    sim = similarity(rec.text, txt.text)
    kept = [k for k in KEY_STRINGS if k in rec.text]
    load = os.getloadavg()[0]

    print(f"document        {args.doc}: {pages} pages scanned at {args.dpi} dpi (fixture built in {build:.1f} s)")
    print(f"machine         {cores} cores, {workers} Tesseract workers, load average {load:.2f}")
    print(f"ocr_pages       {ocr_s:.1f} s = {ocr_s / pages:.2f} s/page wall, {ocr_cpu / pages:.2f} CPU s/page "
          f"(Tesseract + rendering; what one core needs per page, whatever the load); {len(errors)} page errors")
    print(f"extract_file    {pipe_s:.1f} s = {pipe_s / pages:.2f} s/page (status {rec.status})")
    print(f"text similarity {sim:.4f} to the TXT record; key strings kept {len(kept)}/{len(KEY_STRINGS)}")
    return 0 if not errors and sorted(texts) == list(range(pages)) else 1


if __name__ == "__main__":
    sys.exit(main())
