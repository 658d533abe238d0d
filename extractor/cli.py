"""The `vnplan` command line: each verb is a thin shell over one library call."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .ingest import LIMIT_DEFAULTS


def workers_option(f):
    """`--workers N`, shared by every command that reads many files."""
    return click.option("--workers", "-w", type=click.IntRange(1, 256), default=1, show_default=True,
                        help="Worker processes reading files in parallel.")(f)


def progress_option(f):
    """`--progress/--no-progress`, shared by the batch commands (default: on a terminal)."""
    return click.option("--progress/--no-progress", default=None,
                        help="Show a progress bar (default: only on a terminal).")(f)


def db_option(f):
    """`--db PATH`, the SQLite database shared by the store commands."""
    return click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path("outputs/vnplan.db"),
                        show_default=True, help="The vnplan SQLite database.")(f)


_LIMITS = [("--max-seconds", "VNPLAN_MAX_SECONDS", "Wall-clock seconds per document; then what was read is kept "
             "(partial)."),
            ("--max-text-mb", "VNPLAN_MAX_TEXT_MB", "Millions of characters of text per document; the rest is cut "
             "(partial)."),
            ("--max-pages", "VNPLAN_MAX_PAGES", "PDF pages read per document (partial beyond)."),
            ("--max-ocr-pages", "VNPLAN_MAX_OCR_PAGES", "Pages without text sent to OCR per document (partial "
             "beyond)."),
            ("--max-unzipped-mb", "VNPLAN_MAX_UNZIPPED_MB", "MB a DOCX may unzip to (larger: an error)."),
            ("--max-file-mb", "VNPLAN_MAX_FILE_MB", "MB a file may have (larger: an error).")]


def limit_options(f):
    """`--max-seconds`, `--max-text-mb`, ...: the per-document limits (see README, Limits and guarantees).

    Each sets its VNPLAN_MAX_* environment variable, which the worker processes inherit."""
    for flag, env, text in reversed(_LIMITS):
        f = click.option(flag, env.lower(), type=click.FloatRange(min=0, min_open=True), default=None,
                         help=f"{text} [default: {LIMIT_DEFAULTS[env]:g}, or ${env}]", expose_value=True)(f)
    return f


def _apply_limits(values: dict) -> None:
    """Put the limit options given into the environment, then check every limit once."""
    from .ingest import limits

    for key, value in list(values.items()):
        if key.startswith("vnplan_max_"):
            values.pop(key)
            if value is not None:
                os.environ[key.upper()] = f"{value:g}"
    try:
        limits()
    except ValueError as e:
        raise click.UsageError(str(e)) from e


def json_option(f):
    """`--json`, machine-readable output instead of text."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(f)


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
@limit_options
def extract(source: Path, out: Path | None, doc_id: str | None, workers: int, progress: bool | None,
            **limits: float | None) -> None:
    """Read FILE into a record on stdout, or every file of a folder into OUT/<name>.json."""
    from .pipeline import extract_file, extract_folder, write_json_atomic

    _apply_limits(limits)
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


@cli.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@db_option
@workers_option
@progress_option
@json_option
@click.option("--retry-errors", is_flag=True,
              help="Read again every file stored as an error (by default only errors that can be temporary).")
@limit_options
def ingest(folder: Path, db: Path, workers: int, progress: bool | None, as_json: bool, retry_errors: bool,
           **limits: float | None) -> None:
    """Extract every file of FOLDER into the database; stored files are skipped, so re-running resumes."""
    from .batch import as_jsonable, format_result, ingest_folder

    _apply_limits(limits)
    result = ingest_folder(folder, db, workers=workers, progress=progress, retry_errors=retry_errors)
    if as_json:
        _echo_json(as_jsonable(result))
    else:
        click.echo(format_result(result, db), err=True)


@cli.command()
@click.argument("query", default="")
@click.option("--kind", type=click.Choice(["obligation", "target", "reference", "text"]),
              help="Only items of this kind.")
@click.option("--body", help="Only obligations of this body (full or abbreviated name, diacritics optional).")
@click.option("--year", type=click.IntRange(1000, 2999), help="Only obligations whose deadline covers YEAR, targets set for YEAR.")
@click.option("--place", help="Only documents of this place (diacritics optional).")
@click.option("--limit", "-n", type=click.IntRange(0, 10000), default=20, show_default=True, help="At most this many hits.")
@db_option
@json_option
def search(query: str, kind: str | None, body: str | None, year: int | None, place: str | None, limit: int,
           db: Path, as_json: bool) -> None:
    """Search obligations, targets, references and text, with or without diacritics, best hits first."""
    from .search import format_hit
    from .store import Store

    with Store(db, readonly=True) as store:
        hits = store.search(query, kind=kind, body=body, year=year, place=place, limit=limit)
    if as_json:
        _echo_json(hits)
        return
    for hit in hits:
        click.echo(format_hit(hit) + "\n")
    click.echo(f"{len(hits)} hit(s)", err=True)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "xlsx"]), default="jsonl", show_default=True,
              help="jsonl and xlsx hold both kinds; csv holds one (default obligations).")
@click.option("--kind", type=click.Choice(["obligations", "targets"]), help="Only this kind of item.")
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file (default: standard output; required for xlsx).")
@db_option
def export(fmt: str, kind: str | None, out: Path | None, db: Path) -> None:
    """Export the stored obligations and targets as JSON Lines, CSV (UTF-8 BOM) or an Excel workbook."""
    from .export import export as run_export
    from .store import Store

    if fmt == "xlsx" and out is None:
        raise click.UsageError("xlsx needs -o FILE")
    with Store(db, readonly=True) as store:
        n = run_export(store, fmt, out, kind, stdout=sys.stdout)
    click.echo(f"{n} items exported" + (f" to {out}" if out else ""), err=True)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port to listen on.")
@click.option("--allow-host", multiple=True, metavar="NAME",
              help="Another host name the pages may be asked for (the Host header); repeatable.")
def serve(db: Path, host: str, port: int, allow_host: tuple[str, ...]) -> None:
    """Serve the read-only search and document pages of a database in the browser."""
    from .web import serve as run_server

    run_server(db, host, port, allow_hosts=allow_host)


@cli.command()
@click.argument("folder", default=Path("corpus"), type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("outputs"),
              show_default=True, help="Folder for records/, vnplan.db and exports/.")
@workers_option
@progress_option
@limit_options
def demo(folder: Path, out: Path, workers: int, progress: bool | None, **limits: float | None) -> None:
    """The main job: extract FOLDER to records, build the database, export tables, print a summary."""
    from .batch import run_demo

    _apply_limits(limits)
    click.echo(run_demo(folder, out, workers=workers, progress=progress))


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
