"""Batches on Dask: `ingest --scheduler` on a LocalCluster of two worker processes, one of them
killed by the test while the batch runs; the batch still stores every file once, with exact counts."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.batch import ingest_folder
from extractor.cli import cli
from extractor.pipeline import extract_file
from extractor.store import Store

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _folder(dest: Path, copies: int) -> Path:
    """`copies` variants of each corpus TXT (a distinct last line: distinct bytes, distinct documents)."""
    dest.mkdir()
    for p in sorted(CORPUS.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        for i in range(copies):
            (dest / f"{p.stem}-{i}.txt").write_text(f"{text}\nBản sao số {i}.\n", encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as c:
        yield c


def test_ingest_on_two_workers_matches_a_local_batch(cluster, tmp_path):
    folder = _folder(tmp_path / "in", 1)
    db = tmp_path / "d.db"
    r = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "--scheduler", cluster.scheduler_address])
    assert r.exit_code == 0, r.output
    assert "5 files: 5 stored (5 ok; 0 replaced), 0 already stored, 0 with problems" in r.stderr
    with Store(db, readonly=True) as s:
        for path in sorted(folder.glob("*.txt")):
            stored = s.get_record(path.stem)
            local = extract_file(path).to_dict()
            assert stored["source"]["path"] == str(path)  # the client's path, not the worker's copy
            assert {k: v for k, v in stored.items() if k != "source"} == \
                   {k: v for k, v in local.items() if k != "source"}
    again = ingest_folder(folder, db, scheduler=cluster.scheduler_address)
    assert (again.skipped, again.stored) == (5, 0)


def test_killing_a_worker_mid_batch_loses_nothing(cluster, tmp_path):
    from distributed import Client

    folder = _folder(tmp_path / "in", 6)
    n = len(list(folder.iterdir()))
    db = tmp_path / "k.db"
    out: dict = {}
    batch = threading.Thread(target=lambda: out.setdefault(
        "result", ingest_folder(folder, db, scheduler=cluster.scheduler_address)))
    killed = None
    with Client(cluster.scheduler_address, set_as_default=False) as client:
        pids = client.run(os.getpid)
        batch.start()
        deadline = time.monotonic() + 120
        while killed is None and time.monotonic() < deadline and batch.is_alive():
            stored = 0
            try:
                with Store(db, readonly=True) as s:
                    stored = s.counts()["documents"]
            except (FileNotFoundError, sqlite3.OperationalError):  # not made yet
                pass
            busy = [w for w, keys in client.processing().items() if keys]
            if stored >= 2 and busy:
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed = (busy[0], stored)
            time.sleep(0.05)
        batch.join(300)
    assert killed is not None, "the batch ended before a worker could be killed"
    assert killed[1] < n  # it was killed mid-batch
    result = out["result"]
    assert (result.files, result.stored, result.skipped, result.errors) == (n, n, 0, {})
    with Store(db, readonly=True) as s:
        counts = s.counts()
        assert counts["documents"] == n and counts["errors"] == 0
        assert sorted(d["doc_id"] for d in s.documents()) == sorted(p.stem for p in folder.iterdir())


def test_unreachable_scheduler_is_a_sentence(tmp_path):
    folder = _folder(tmp_path / "in", 1)
    shutil.rmtree(folder / "thuan-an-kh-2021-0.txt", ignore_errors=True)
    r = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(tmp_path / "x.db"),
                                 "--scheduler", "tcp://127.0.0.1:1"])
    assert r.exit_code == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in r.output
    assert "Traceback" not in r.output
