"""A private PostgreSQL cluster for tests and benchmarks: initdb in a folder, a Unix socket there.

    python -m tests.pg_cluster start DIR   # prints the URL (postgresql://vnplan@/postgres?host=DIR&port=...)
    python -m tests.pg_cluster stop DIR

Debian's `postgresql` package puts initdb/pg_ctl under /usr/lib/postgresql/NN/bin. initdb refuses
to run as root, so as root the cluster runs as the `postgres` user (the folder is given to it).
Nothing listens on TCP: the socket lives in DIR.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

PORT = 54329
SETTINGS = ["fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=50",
            "shared_buffers=256MB"]


def bin_dir() -> Path | None:
    """The folder of initdb and pg_ctl (the newest Debian version), or None when not installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    which = shutil.which("initdb")
    return Path(which).parent if which else None


def _as_owner(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def new_folder() -> Path:
    """A new folder for a cluster directly in the temporary directory (reachable by `postgres`)."""
    import tempfile

    return Path(tempfile.mkdtemp(prefix="vnplan-pg-"))


def url(folder: Path, port: int = PORT, dbname: str = "postgres") -> str:
    return f"postgresql://vnplan@/{dbname}?host={folder}&port={port}"


def start(folder: Path, port: int = PORT, settings: list[str] | None = None) -> str:
    """Create (if needed) and start a cluster in `folder`; returns its URL. Raises RuntimeError."""
    bins = bin_dir()
    if bins is None:
        raise RuntimeError("PostgreSQL is not installed (Debian package `postgresql`)")
    folder = folder.resolve()
    data = folder / "data"
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    run = lambda cmd: subprocess.run(_as_owner(cmd), capture_output=True, text=True, timeout=120)  # noqa: E731
    if not (data / "PG_VERSION").exists():
        r = run([str(bins / "initdb"), "-D", str(data), "-U", "vnplan", "--auth=trust", "-E", "UTF8",
                 "--locale=C.UTF-8", "--no-sync"])
        if r.returncode:
            raise RuntimeError(f"initdb failed: {r.stderr.strip() or r.stdout.strip()}")
    opts = " ".join([f"-k {folder}", "-c listen_addresses=''", f"-p {port}",
                     *(f"-c {s}" for s in (SETTINGS if settings is None else settings))])
    r = run([str(bins / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-o", opts, "-w", "-t", "60",
             "start"])
    if r.returncode:
        log = (folder / "log").read_text(errors="replace")[-2000:] if (folder / "log").exists() else ""
        raise RuntimeError(f"pg_ctl start failed: {r.stderr.strip() or r.stdout.strip()} {log}")
    for _ in range(50):
        if (folder / f".s.PGSQL.{port}").exists():
            break
        time.sleep(0.1)
    return url(folder, port)


def stop(folder: Path) -> None:
    """Stop the cluster of `folder` (fast shutdown); no error when it is not running."""
    bins = bin_dir()
    data = folder.resolve() / "data"
    if bins is None or not (data / "postmaster.pid").exists():
        return
    subprocess.run(_as_owner([str(bins / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                   capture_output=True, text=True, timeout=120)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("start", "stop"):
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(argv[1])
    if argv[0] == "start":
        try:
            print(start(folder))
        except (RuntimeError, OSError, subprocess.SubprocessError) as e:
            print(f"cannot start PostgreSQL: {e}", file=sys.stderr)
            return 1
    else:
        stop(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
