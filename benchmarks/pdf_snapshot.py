"""Blocks and records of PDFs, written to a file or compared with one: proof that a change of the
PDF reader leaves every paragraph, table cell, error and record as it was.

The PDFs are every TXT of `corpus/`, `tests/heldout*/` and `tests/real*/` printed by LibreOffice
from its DOCX (`tests/formats.make_docx`: the corpus appendix as a ruled table), the benchmark PDF
of `bench_read.py`, and the PDF fixtures of `tests/fixtures/`. Build them once, then snapshot the
old code and compare the new:

    python benchmarks/pdf_snapshot.py --build /tmp/pdfset            # LibreOffice, a few minutes
    python benchmarks/pdf_snapshot.py --set /tmp/pdfset --write /tmp/before.json   # on the old code
    python benchmarks/pdf_snapshot.py --set /tmp/pdfset --compare /tmp/before.json # exit 1 on a difference
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build(folder: Path) -> int:
    """Print every evaluation TXT and the benchmark document to PDF in `folder`; the PDFs made."""
    import docx

    from tests.formats import add_txt, make_docx, make_pdf

    work = folder / "docx"
    txts = sorted((ROOT / "corpus").glob("*.txt"))
    for f in sorted([*ROOT.glob("tests/heldout*"), *ROOT.glob("tests/real*")]):
        txts += sorted(f.glob("*.txt"))
    docs = [make_docx(p, work / f"{p.parent.name}__{p.stem}.docx") for p in txts]
    bench = docx.Document()
    for _ in range(3):
        for txt in sorted((ROOT / "corpus").glob("*.txt")):
            add_txt(bench, txt)
    bench.save(str(work / "bench.docx"))
    docs.append(work / "bench.docx")
    return len(make_pdf(docs, folder / "pdf", timeout=1800))


def files(folder: Path) -> list[Path]:
    """The built PDFs and the repository's PDF fixtures."""
    return sorted((folder / "pdf").glob("*.pdf")) + sorted((ROOT / "tests" / "fixtures").glob("*/*.pdf"))


def snapshot(folder: Path) -> dict[str, dict[str, Any]]:
    """Blocks, status, errors, stamped texts and record of every PDF, by '<folder>/<name>'."""
    from extractor import ingest
    from extractor.pipeline import extract_file

    out = {}
    for p in files(folder):
        raw = ingest.read_document(p)
        record = extract_file(p).to_dict()
        record["source"]["path"] = p.name
        out[f"{p.parent.name}/{p.name}"] = {
            "blocks": [[b.kind, b.text, b.rows, b.page, b.wrapped] for b in raw.blocks],
            "status": raw.status, "errors": raw.errors, "stamped": [str(s) for s in raw.stamped], "record": record}
    return json.loads(json.dumps(out, ensure_ascii=False, default=str))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--build", type=Path, help="print the PDFs into this folder")
    group.add_argument("--write", type=Path)
    group.add_argument("--compare", type=Path)
    ap.add_argument("--set", type=Path, help="the folder --build made")
    args = ap.parse_args()
    if args.build:
        print(f"{build(args.build)} PDFs printed into {args.build / 'pdf'}")
        return 0
    if not args.set:
        ap.error("--write and --compare need --set (the folder --build made)")
    from records_snapshot import write_or_compare

    return write_or_compare(snapshot(args.set), args.write, args.compare, "PDFs")


if __name__ == "__main__":
    sys.exit(main())
