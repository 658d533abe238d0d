"""Time per MB of text (1, 10, 50 MB) and peak memory for hostile DOCX files.

Each document is extracted in a fresh process; its CPU time and peak memory (max RSS) are read
from that process, so other load on the machine does not change the figures much. Prints one
table and fails (exit 1) when a bomb's peak memory is above PEAK_LIMIT_MB or a bomb is not refused.

    python benchmarks/bench_limits.py                 # 1, 10, 50 MB and the bombs (~15 min on 2 cores)
    python benchmarks/bench_limits.py --sizes 1 10    # quicker
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.bombs import docx_bomb, long_text  # noqa: E402

PEAK_LIMIT_MB = 300
"""The stated limit: a refused bomb never makes a process bigger than this."""

_CHILD = """
import json, sys, time
def peak_mb():  # this process's own peak (VmHWM); ru_maxrss would include the parent's size at fork
    line = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024
from extractor.pipeline import extract_file
t0, w0 = time.process_time(), time.perf_counter()
r = extract_file(sys.argv[1])
print(json.dumps({"cpu": time.process_time() - t0, "wall": time.perf_counter() - w0,
                  "rss_mb": peak_mb(), "chars": len(r.text),
                  "status": r.status, "errors": r.errors[:2]}))
"""


def measure(path: Path, env: dict[str, str] | None = None) -> dict:
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 50])
    ap.add_argument("--no-bombs", action="store_true")
    args = ap.parse_args()
    sources = sorted((ROOT / "corpus").glob("*.txt"))
    failed = False
    unlimited = {"VNPLAN_MAX_TEXT_MB": "1000", "VNPLAN_MAX_SECONDS": "100000"}
    with tempfile.TemporaryDirectory(prefix="vnplan-bench-") as tmp:
        print(f"{'input':<34} {'MB':>6} {'chars':>11} {'CPU s':>8} {'CPU s/MB':>9} {'peak MB':>8}  status")
        for mb in args.sizes:
            path = long_text(Path(tmp) / f"text-{mb:g}mb.txt", mb, sources)
            size = path.stat().st_size / 1e6
            r = measure(path, unlimited)
            print(f"{'text, ' + f'{mb:g} MB':<34} {size:6.1f} {r['chars']:>11,} {r['cpu']:8.1f} "
                  f"{r['cpu'] / size:9.2f} {r['rss_mb']:8.0f}  {r['status']}", flush=True)
            path.unlink()
        if not args.no_bombs:
            bombs = [("DOCX, document.xml unzips to 2 GiB", 2 << 30, "<w:p/>" * 16),
                     ("DOCX, 300 MB of paragraphs", 300 << 20, None)]
            for name, unzipped, filler in bombs:
                path = Path(tmp) / "bomb.docx"
                started = time.perf_counter()
                docx_bomb(path, unzipped, *((filler,) if filler else ()))
                built = time.perf_counter() - started
                size = path.stat().st_size / 1e6
                r = measure(path)
                refused = r["status"] == "error" and "too large when unzipped" in " ".join(r["errors"])
                print(f"{name:<34} {size:6.1f} {'-':>11} {r['cpu']:8.2f} {'-':>9} {r['rss_mb']:8.0f}  "
                      f"{r['status']}: {r['errors'][0][:70]} (built in {built:.0f} s)", flush=True)
                failed |= r["rss_mb"] > PEAK_LIMIT_MB or not refused
                path.unlink()
    print(f"stated limit for the bombs: peak memory under {PEAK_LIMIT_MB} MB, refused with a clear error")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
