"""Records of the dev, held-out and real corpora, written to a file or compared with one.

Used to prove a speed or reliability change leaves every record as it was:

    python benchmarks/records_snapshot.py --write /tmp/before.json   # on the old code
    python benchmarks/records_snapshot.py --compare /tmp/before.json # on the new code: exit 1 on a difference

Run from the repository root (paths in the records are relative to it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.pipeline import extract_file  # noqa: E402

SUFFIXES = {".txt", ".docx", ".pdf", ".html", ".htm", ".doc"}


def inputs() -> list[Path]:
    """corpus/ and every tests/heldout*/ and tests/real*/ document (tests/gold holds the corpus
    documents' gold)."""
    files = [p for p in sorted((ROOT / "corpus").iterdir()) if p.suffix.lower() in SUFFIXES]
    for folder in sorted([*ROOT.glob("tests/heldout*"), *ROOT.glob("tests/real*")]):
        files += [p for p in sorted(folder.iterdir()) if p.suffix.lower() in SUFFIXES]
    return [p.relative_to(ROOT) for p in files]


def snapshot() -> dict[str, dict]:
    return {str(p): extract_file(p).to_dict() for p in inputs()}


def write_or_compare(now: dict[str, dict], write: Path | None, compare: Path | None, noun: str) -> int:
    """Write the snapshot `now` to `write`, or compare it with the one in `compare`: each entry that
    differs is printed with the fields that differ; 1 when any does."""
    if write:
        write.write_text(json.dumps(now, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"{len(now)} {noun} written to {write}")
        return 0
    assert compare is not None
    before = json.loads(compare.read_text(encoding="utf-8"))
    differ = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for k in differ:
        old, new = before.get(k) or {}, now.get(k) or {}
        print(f"DIFFERENT {k}: {', '.join(sorted(f for f in old.keys() | new.keys() if old.get(f) != new.get(f)))}")
    print(f"{len(now)} {noun} compared: {len(differ)} different")
    return 1 if differ else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path)
    group.add_argument("--compare", type=Path)
    args = ap.parse_args()
    return write_or_compare(snapshot(), args.write, args.compare, "records")


if __name__ == "__main__":
    sys.exit(main())
