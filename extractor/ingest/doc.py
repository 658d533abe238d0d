"""Legacy Word `.doc` -> `.docx` through LibreOffice (`soffice --headless --convert-to docx`)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..document import IngestError

SOFFICE_MISSING = "LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"


def find_soffice() -> str | None:
    """Path of the LibreOffice command line (`soffice` or `libreoffice`), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _profile_dir() -> Path:
    """This process's private LibreOffice profile; profiles left by processes that are gone are removed."""
    tmp = Path(tempfile.gettempdir())
    mine = tmp / f"vnplan-lo-{os.getpid()}"
    if not mine.exists():
        for old in tmp.glob("vnplan-lo-*"):
            pid = old.name.rsplit("-", 1)[-1]
            if pid.isdigit() and not _pid_alive(int(pid)):
                shutil.rmtree(old, ignore_errors=True)
    return mine


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Stop soffice and the office process it started (its own process group), then reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.communicate()


def doc_to_docx(path: Path, timeout: float = 120) -> Path:
    """Convert `path` (.doc) to a .docx in a fresh temp dir and return its path.

    LibreOffice runs headless with a private profile, so parallel conversions and a user's
    open LibreOffice do not collide. The caller may delete the returned file's folder.
    Raises IngestError when soffice is missing, times out, fails or produces nothing.
    """
    path = Path(path)
    soffice = find_soffice()
    if soffice is None:
        raise IngestError(SOFFICE_MISSING)
    if not path.is_file():
        raise IngestError(f"cannot open file: {path}")
    out_dir = Path(tempfile.mkdtemp(prefix="vnplan-doc-"))
    profile = _profile_dir()
    cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--nolockcheck", "--convert-to", "docx", "--outdir", str(out_dir), str(path.resolve())]
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    except OSError as e:
        shutil.rmtree(out_dir, ignore_errors=True)
        raise IngestError(f"LibreOffice could not be started: {e}") from e
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as e:
        _kill_group(proc)
        shutil.rmtree(out_dir, ignore_errors=True)
        raise IngestError(f"LibreOffice timed out after {timeout:g} s converting the .doc file") from e
    produced = sorted(out_dir.glob("*.docx"))
    if not produced or produced[0].stat().st_size == 0:
        shutil.rmtree(out_dir, ignore_errors=True)
        detail = (stderr or stdout or b"").decode("utf-8", "replace").strip().splitlines()
        reason = f": {detail[-1]}" if detail else ""
        raise IngestError(f"LibreOffice could not convert the .doc file (exit {proc.returncode}){reason}")
    return produced[0]
