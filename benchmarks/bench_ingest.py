"""End-to-end ingest of a mixed corpus (TXT, DOCX with Word tables, PDF with ruled tables), per core.

Builds every document of `corpus/` and `tests/real/` in three forms: the TXT as it is, a DOCX
(the corpus appendix and the real documents' tables as Word tables, `tests/formats.py`) and a PDF
printed from that DOCX by LibreOffice. A document counts the pages of its PDF in each form, so a
TXT, a DOCX and a PDF of the same text weigh the same. Then, in one run, it times the process CPU
(the figure per core; a machine shared with other work slows the wall clock, not this):

- reading alone: `read_document` of every file, in this process;
- extraction alone: `extract_file` (reading + normalize + every extractor), in this process;
- ingest: `vnplan ingest FOLDER --db NEW.db --workers 1` as a child process (reading, extraction,
  the rows and the SQLite writer with its search index), less the CPU of the same command on a
  folder of one small TXT (interpreter start, imports, rule loading), which is shown apart;

and prints pages per CPU-second for each, per form, with the ratios between them.

    .venv/bin/python benchmarks/bench_ingest.py [--repeat 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VNPLAN = Path(sys.executable).with_name("vnplan")


def build(folder: Path) -> dict[Path, int]:
    """The three forms of every source document in `folder`; each file with its pages."""
    import pypdfium2 as pdfium

    from tests.formats import make_docx, real_docx, soffice_convert

    work = folder.parent / "build"
    docx: list[Path] = []
    for txt in sorted((ROOT / "corpus").glob("*.txt")):
        docx.append(make_docx(txt, work / f"{txt.stem}.docx"))
    for txt in sorted((ROOT / "tests" / "real").glob("*.txt")):
        docx.append(real_docx(txt, work / f"{txt.stem}.docx"))
    pdfs = soffice_convert(docx, work / "pdf", "pdf", timeout=900)
    pages: dict[Path, int] = {}
    sources = {p.stem: p for p in [*(ROOT / "corpus").glob("*.txt"), *(ROOT / "tests" / "real").glob("*.txt")]}
    for d, p in zip(docx, pdfs, strict=True):
        doc = pdfium.PdfDocument(str(p))
        n = len(doc)
        doc.close()
        for src in (sources[d.stem], d, p):
            dest = folder / src.name
            shutil.copy(src, dest)
            pages[dest] = n
    return pages


def cpu_of(fn: Callable[[], object], repeat: int) -> float:
    """The least process CPU time of `repeat` runs of `fn`."""
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def child_cpu(cmd: list[str]) -> tuple[float, float]:
    """(CPU seconds of the finished child process and its own children, wall seconds) of `cmd`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall


def ingest_cpu(folder: Path, tmp: Path, repeat: int) -> tuple[float, float]:
    """The least (CPU, wall) seconds of `vnplan ingest FOLDER` into a new database, of `repeat` runs."""
    best = (float("inf"), float("inf"))
    for k in range(repeat):
        db = tmp / f"ingest-{folder.name}-{k}.db"
        cpu, wall = child_cpu([str(VNPLAN), "ingest", str(folder), "--db", str(db), "--workers", "1", "--no-progress"])
        best = min(best, (cpu, wall))
        for extra in tmp.glob(f"{db.name}*"):
            shutil.rmtree(extra) if extra.is_dir() else extra.unlink()
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=2, help="runs of each measure; the least CPU is kept")
    ap.add_argument("--keep", type=Path, help="keep the built corpus in this folder")
    args = ap.parse_args()
    from extractor.ingest import read_document
    from extractor.pipeline import extract_file

    with tempfile.TemporaryDirectory(prefix="vnplan-bench-ingest-") as name:
        tmp = Path(name)
        folder, small = tmp / "mixed", tmp / "small"
        folder.mkdir()
        small.mkdir()
        t = time.perf_counter()
        pages = build(folder)
        if args.keep:
            shutil.copytree(folder, args.keep, dirs_exist_ok=True)
        forms = {suffix: [p for p in pages if p.suffix == suffix] for suffix in (".txt", ".docx", ".pdf")}
        total = sum(pages.values())
        print(f"corpus: {len(pages)} files ({', '.join(f'{len(v)} {k[1:].upper()}' for k, v in forms.items())}), "
              f"{total} pages (each form counts its PDF's pages; built in {time.perf_counter() - t:.0f} s)")
        print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        (small / "one.txt").write_text("KẾ HOẠCH\nThực hiện nhiệm vụ năm 2025.\n", encoding="utf-8")

        for p in pages:  # rules, models and libraries loaded once, outside the timings
            extract_file(p)
        rows = []
        for label, files in [("TXT", forms[".txt"]), ("DOCX", forms[".docx"]), ("PDF", forms[".pdf"]),
                             ("all", list(pages))]:
            n = sum(pages[p] for p in files)
            read = cpu_of(lambda files=files: [read_document(p) for p in files], args.repeat)
            extract = cpu_of(lambda files=files: [extract_file(p) for p in files], args.repeat)
            rows.append((label, n, read, extract))
        start, _ = ingest_cpu(small, tmp, args.repeat)
        ingest, wall = ingest_cpu(folder, tmp, args.repeat)
        print(f"load average at end: {os.getloadavg()[0]:.1f}")

    print(f"\n{'form':5s} {'pages':>6s} {'read pages/CPU-s':>17s} {'extract pages/CPU-s':>20s} {'extract/read CPU':>17s}")
    for label, n, read, extract in rows:
        print(f"{label:5s} {n:6d} {n / read:17.0f} {n / extract:20.0f} {extract / read:16.2f}x")
    _, n, read, extract = rows[-1]
    net = ingest - start
    print(f"\ningest (vnplan ingest, 1 worker): {ingest:.2f} CPU-s, {wall:.2f} s wall; of it {start:.2f} CPU-s "
          f"start-up (the same command on one small TXT)")
    print(f"  per core: {n / net:.0f} pages/s without the start-up, {n / ingest:.0f} pages/s with it (aim 150)")
    print(f"  ingest / extraction alone = {net / extract:.2f}x CPU; ingest / reading alone = {net / read:.2f}x CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
