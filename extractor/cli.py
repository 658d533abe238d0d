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


def db_option(f):
    """`--db PATH`, the SQLite database shared by the store commands."""
    return click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path("outputs/vnplan.db"),
                        show_default=True, help="The vnplan SQLite database.")(f)


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


@cli.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@db_option
@workers_option
@progress_option
@json_option
def ingest(folder: Path, db: Path, workers: int, progress: bool | None, as_json: bool) -> None:
    """Extract every file of FOLDER into the database; stored files are skipped, so re-running resumes."""
    from .batch import as_jsonable, format_result, ingest_folder

    result = ingest_folder(folder, db, workers=workers, progress=progress)
    if as_json:
        _echo_json(as_jsonable(result))
    else:
        click.echo(format_result(result, db), err=True)


@cli.command()
@click.argument("query", default="")
@click.option("--kind", type=click.Choice(["obligation", "target", "reference", "text"]),
              help="Only items of this kind.")
@click.option("--body", help="Only obligations of this body (full or abbreviated name, diacritics optional).")
@click.option("--year", type=int, help="Only obligations whose deadline covers YEAR, targets set for YEAR.")
@click.option("--place", help="Only documents of this place (diacritics optional).")
@click.option("--limit", "-n", type=int, default=20, show_default=True, help="At most this many hits.")
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
@click.option("--port", type=int, default=8765, show_default=True, help="Port to listen on.")
def serve(db: Path, host: str, port: int) -> None:
    """Serve the read-only search and document pages of a database in the browser."""
    from .web import serve as run_server

    run_server(db, host, port)


@cli.command()
@click.argument("folder", default=Path("corpus"), type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("outputs"),
              show_default=True, help="Folder for records/, vnplan.db and exports/.")
@workers_option
@progress_option
def demo(folder: Path, out: Path, workers: int, progress: bool | None) -> None:
    """The main job: extract FOLDER to records, build the database, export tables, print a summary."""
    from .batch import run_demo

    click.echo(run_demo(folder, out, workers=workers, progress=progress))


@cli.command()
@click.argument("plan", required=False)
@click.option("--against", "against", multiple=True,
              help="Number of the parent to check against (repeatable; default: the direct parent and the national root).")
@click.option("--all", "check_every", is_flag=True, help="Check every stored plan under --against (one monitoring table).")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The vnplan SQLite database (PLAN may then be a doc_id or a number; parents are looked up there).")
@click.option("--format", "fmt", type=click.Choice(["md", "json", "html", "docx", "xlsx"]), default="md",
              show_default=True, help="Report format (docx and xlsx need -o).")
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), help="Output file (default: standard output).")
def check(plan: str | None, against: tuple[str, ...], check_every: bool, db: Path | None, fmt: str,
          out: Path | None) -> None:
    """Check PLAN (a file, a doc_id or a number) against its parent: targets, tasks, problems."""
    from .compliance import CheckError, Sources, check_all
    from .compliance import check as run_check
    from .compliance.render_html import to_html
    from .compliance.render_md import to_json, to_markdown
    from .compliance.render_office import monitoring_rows, monitoring_xlsx, to_docx, to_xlsx
    from .store import Store

    if fmt in ("docx", "xlsx") and out is None:
        raise click.UsageError(f"{fmt} needs -o FILE")
    if check_every and (len(against) != 1 or db is None):
        raise click.UsageError("--all needs one --against NUMBER and --db PATH")
    if not check_every and not plan:
        raise click.UsageError("give PLAN (a file, a doc_id or a number), or --all --against NUMBER")
    store = Store(db, readonly=True) if db is not None else None
    try:
        sources = Sources(store)
        if check_every:
            reports = check_all(against[0], sources)
            if fmt == "xlsx":
                monitoring_xlsx(against[0], reports, out)
            else:
                rows = monitoring_rows(against[0], reports)
                text = json.dumps([dict(zip(rows[0], r, strict=True)) for r in rows[1:]], ensure_ascii=False,
                                  indent=2) if fmt == "json" else "\n".join("\t".join(map(str, r)) for r in rows)
                _write(text, out)
            click.echo(f"{len(reports)} plan(s) under {against[0]} checked" + (f": {out}" if out else ""), err=True)
            return
        try:
            report = run_check(plan, list(against) or None, sources)
        except CheckError as e:
            raise click.ClickException(str(e)) from None
        if fmt == "docx":
            to_docx(report, out)
        elif fmt == "xlsx":
            to_xlsx(report, out)
        else:
            _write({"md": to_markdown, "json": to_json, "html": to_html}[fmt](report), out)
        if out:
            click.echo(f"report written to {out}", err=True)
    finally:
        if store is not None:
            store.close()


def _write(text: str, out: Path | None) -> None:
    if out is None:
        click.echo(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


@cli.command()
@click.argument("number")
@db_option
@json_option
def tree(number: str, db: Path, as_json: bool) -> None:
    """Every stored document implementing NUMBER, recursively; those that only cite it or report on it apart."""
    from .compliance import Sources, format_tree
    from .compliance import tree as build_tree
    from .store import Store

    with Store(db, readonly=True) as store:
        t = build_tree(number, Sources(store))
    if as_json:
        _echo_json(t.to_dict())
    else:
        click.echo(format_tree(t))


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
