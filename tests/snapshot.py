"""Records of every evaluation set, written to a folder and compared with an earlier snapshot.

Used around refactors that must not change what is extracted:

    python -m tests.snapshot write /tmp/before     # on the old code
    python -m tests.snapshot compare /tmp/before   # on the new code: lists every record that differs

The sets are the dev corpus (`corpus/`), the real documents (`tests/real*/`) and the held-out sets
(`tests/heldout*/`); each set's records also go through the batch chain extension
(`link.extend_chains`), as `vnplan extract DIR` does. `source.path` is made relative to the
repository, so snapshots of two checkouts compare.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def sets() -> dict[str, list[Path]]:
    """Every evaluation set, by name: its input files."""
    folders = [ROOT / "corpus", *sorted((ROOT / "tests").glob("real*")), *sorted((ROOT / "tests").glob("heldout*"))]
    return {f.relative_to(ROOT).as_posix(): sorted(f.glob("*.txt")) for f in folders if f.is_dir()}


def records() -> dict[str, dict[str, Any]]:
    """Every record of every set, by '<set>/<doc_id>', after chain extension within its set."""
    from extractor import link
    from extractor.pipeline import extract_file

    out: dict[str, dict[str, Any]] = {}
    for name, files in sets().items():
        recs = [extract_file(p) for p in files]
        try:
            link.extend_chains(recs)
            dicts = [r.to_dict() for r in recs]
        except AttributeError:  # code from before extend_chains took Records (an older snapshot)
            dicts = [r.to_dict() for r in recs]
            link.extend_chains(dicts)  # type: ignore[arg-type]
        for rec in dicts:
            rec["source"]["path"] = Path(rec["source"]["path"]).resolve().relative_to(ROOT).as_posix()
            out[f"{name}/{rec['doc_id']}"] = rec
    return out


def write(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    recs = records()
    for key, rec in recs.items():
        path = folder / (key.replace("/", "__") + ".json")
        path.write_text(json.dumps(rec, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    return len(recs)


def _diff(a: Any, b: Any, where: str = "") -> list[str]:
    if type(a) is not type(b):
        return [f"{where}: {a!r} -> {b!r}"]
    if isinstance(a, dict):
        out = []
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{where}.{k}: {'missing' if k not in a else a[k]!r} -> {'missing' if k not in b else b[k]!r}")
            else:
                out += _diff(a[k], b[k], f"{where}.{k}")
        return out
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{where}: {len(a)} items -> {len(b)} items"]
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in _diff(x, y, f"{where}[{i}]")]
    return [] if a == b else [f"{where}: {a!r} -> {b!r}"]


def compare(folder: Path) -> list[str]:
    """Every difference between the snapshot in `folder` and the records made now."""
    now = records()
    before = {p.stem.replace("__", "/"): json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("*.json")}
    diffs = [f"{k}: only in the snapshot" for k in sorted(set(before) - set(now))]
    diffs += [f"{k}: new record" for k in sorted(set(now) - set(before))]
    for key in sorted(set(now) & set(before)):
        diffs += [f"{key}{d}" for d in _diff(before[key], json.loads(json.dumps(now[key])))]
    return diffs


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("write", "compare"):
        print(__doc__)
        return 2
    folder = Path(argv[1])
    if argv[0] == "write":
        print(f"wrote {write(folder)} records to {folder}")
        return 0
    diffs = compare(folder)
    for d in diffs[:200]:
        print(d)
    print(f"{len(diffs)} differences" if diffs else "all records identical")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
