"""The `vnplan` command line: each verb is a thin shell over one library call."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__


def workers_option(f):
    """`--workers N`, shared by every command that reads many files."""
    return click.option("--workers", "-w", type=int, default=1, show_default=True,
                        help="Worker processes reading files in parallel.")(f)


def progress_option(f):
    """`--progress/--no-progress`, shared by the batch commands (default: on a terminal)."""
    return click.option("--progress/--no-progress", default=None,
                        help="Show a progress bar (default: only on a terminal).")(f)


def _echo_json(obj) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vnplan")
def cli() -> None:
    """vnplan: read Vietnamese plan documents into structured records."""


@cli.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for one <name>.json per file (required when SOURCE is a folder).")
@click.option("--doc-id", help="The record's doc_id (single file only; default: the file name).")
@workers_option
@progress_option
def extract(source: Path, out: Path | None, doc_id: str | None, workers: int, progress: bool | None) -> None:
    """Read FILE into a record on stdout, or every file of a folder into OUT/<name>.json."""
    from .pipeline import extract_file, extract_folder, write_json_atomic

    if source.is_dir():
        if out is None:
            raise click.UsageError("reading a folder needs -o OUT")
        result = extract_folder(source, out, workers=workers, progress=progress)
        if not result.written and any(source.iterdir()):
            click.echo("nothing could be written", err=True)
            sys.exit(1)
        counts = ", ".join(f"{n} {s}" for s, n in sorted(result.statuses.items())) or "no files"
        click.echo(f"{len(result.written)} records written to {out} ({counts})", err=True)
        for path, errors in result.errors.items():
            click.echo(f"  {path}: {'; '.join(errors)}", err=True)
        return
    record = extract_file(source, doc_id).to_dict()
    if out is not None:
        target = out / f"{record['doc_id']}.json"
        write_json_atomic(target, record)
        click.echo(f"record written to {target}", err=True)
    else:
        _echo_json(record)


def main() -> None:
    """Entry point: run the CLI; an unexpected failure is one line on stderr, never a traceback."""
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as e:  # noqa: BLE001 - the user gets a sentence, not a traceback
        click.echo(f"vnplan: error: {type(e).__name__}: {e}", err=True)
        sys.exit(1)
