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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path)
    group.add_argument("--compare", type=Path)
    args = ap.parse_args()
    records = snapshot()
    if args.write:
        args.write.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"{len(records)} records written to {args.write}")
        return 0
    before = json.loads(args.compare.read_text(encoding="utf-8"))
    differ = sorted(k for k in before.keys() | records.keys() if before.get(k) != records.get(k))
    for k in differ:
        old, new = before.get(k) or {}, records.get(k) or {}
        fields = sorted(f for f in old.keys() | new.keys() if old.get(f) != new.get(f))
        print(f"DIFFERENT {k}: {', '.join(fields)}")
    print(f"{len(records)} records compared: {len(differ)} different")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
