"""Batches on a Dask cluster: the files go to the cluster's workers, this process stays the one writer.

    dask scheduler                                   # on one machine (port 8786, dashboard 8787)
    dask worker tcp://SCHEDULER:8786 --nworkers 2 --nthreads 1   # on every machine with vnplan installed
    vnplan ingest FOLDER --db postgresql://... --scheduler tcp://SCHEDULER:8786

Each file's bytes are sent with its task, so workers need no shared disk: a worker writes them
into a private temporary folder under the file's own name, runs `extract_file` and `record_rows`
there (the pure map), and returns the rows; `extractor.batch.ingest_folder` writes each document
in one transaction as it arrives. A bounded window of files is in flight at once.

Dask recomputes the tasks of a worker that dies (its running task, and finished results not yet
fetched), so killing a worker mid-batch loses nothing; a file whose task kills workers over and
over (Dask's `allowed-failures`, 3 by default) is reported in the errors like any failed file.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .pipeline import extract_file
from .store_rows import DocRows, record_rows

Job = tuple[str, str]  # (path, doc_id)
CONNECT_TIMEOUT = "20s"


def extract_remote(path: str, doc_id: str, data: bytes | None) -> DocRows:
    """The map step on a worker: the file's bytes -> its rows, with the client's path in the record.
    `data` None: the client could not read the file, so the worker tries the path itself (and its
    record then says why it cannot be read, as a local batch would)."""
    if data is None:
        return record_rows(extract_file(path, doc_id))
    with tempfile.TemporaryDirectory(prefix="vnplan-dask-") as tmp:
        local = Path(tmp) / Path(path).name
        local.write_bytes(data)
        record = extract_file(local, doc_id)
    record.source.path = path
    record.errors = [e.replace(str(local), path) for e in record.errors]
    return record_rows(record)


def _read(path: str) -> bytes | None:
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


def connect(scheduler: str) -> Any:
    """A Dask client of the scheduler at `scheduler`; a sentence when it cannot be reached."""
    from distributed import Client

    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as e:
        raise ConnectionError(f"cannot reach the Dask scheduler at {scheduler} ({type(e).__name__}: {e}): "
                              "start it with `dask scheduler` and workers with `dask worker "
                              f"{scheduler}`, or check the address") from None


def dask_results(jobs: list[Job], scheduler: str, window: int | None = None
                 ) -> Iterator[tuple[Job, DocRows | BaseException]]:
    """(job, rows or the exception) as the cluster's workers finish, at most `window` files in
    flight (default: four per worker thread)."""
    from distributed import as_completed

    if not jobs:
        return
    client = connect(scheduler)
    try:
        threads = sum(client.nthreads().values()) or 1
        window = window or max(4, 4 * threads)
        todo = iter(jobs)
        running: dict[Any, Job] = {}
        done = as_completed(loop=client.loop)

        def submit() -> bool:
            job = next(todo, None)
            if job is None:
                return False
            fut = client.submit(extract_remote, job[0], job[1], _read(job[0]), pure=False)
            running[fut] = job
            done.add(fut)
            return True

        for _ in range(window):
            if not submit():
                break
        for fut in done:
            job = running.pop(fut)
            try:
                out: DocRows | BaseException = fut.result()
            except Exception as e:  # noqa: BLE001 - reported per file, the batch goes on
                out = e
            fut.release()
            yield job, out
            submit()
    finally:
        client.close()
