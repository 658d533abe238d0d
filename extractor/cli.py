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


class DbParam(click.ParamType):
    """A SQLite file (a Path) or a PostgreSQL URL (postgresql://user@host/db, kept as a string)."""

    name = "PATH|URL"

    def convert(self, value, param, ctx):
        from .stores import is_url

        return str(value) if is_url(str(value)) else Path(value)


def db_option(f):
    """`--db PATH|URL`, the database shared by the store commands (SQLite file or PostgreSQL URL)."""
    return click.option("--db", type=DbParam(), default=Path("outputs/vnplan.db"), show_default=True,
                        help="The vnplan database: a SQLite file, or postgresql://user@host/db.")(f)


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


def strict_option(f):
    """`--strict`, shared by the batch commands: exit non-zero when a file could not be read."""
    return click.option("--strict", is_flag=True,
                        help="Exit with status 1 when a file could not be read (status error).")(f)


def unsupported_files(folder: Path) -> dict[str, list[Path]]:
    """Files of `folder` vnplan does not read (hidden ones aside), by their extension."""
    from .ingest import SUPPORTED_SUFFIXES

    out: dict[str, list[Path]] = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts) \
                and p.suffix.lower() not in SUPPORTED_SUFFIXES:
            out.setdefault(p.suffix.lower() or "(no extension)", []).append(p)
    return out


def skipped_summary(folder: Path) -> str | None:
    """'skipped 3 files vnplan does not read: 2 .xlsx (a.xlsx, b.xlsx), 1 .zip (c.zip)', or None."""
    groups = unsupported_files(folder)
    if not groups:
        return None
    n = sum(len(v) for v in groups.values())
    parts = [f"{len(v)} {ext} ({', '.join(p.name for p in v[:3])}{', …' if len(v) > 3 else ''})"
             for ext, v in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    return (f"skipped {n} file{'s' if n > 1 else ''} vnplan does not read: {'; '.join(parts)} "
            "(it reads .txt, .html, .docx, .doc, .pdf, .png, .jpg, .tif)")


@cli.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for one <name>.json per file (required when SOURCE is a folder).")
@click.option("--doc-id", help="The record's doc_id (single file only; default: the file name).")
@workers_option
@progress_option
@strict_option
@limit_options
def extract(source: Path, out: Path | None, doc_id: str | None, workers: int, progress: bool | None,
            strict: bool, **limits: float | None) -> None:
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
        skipped = skipped_summary(source)
        if skipped:
            click.echo(skipped, err=True)
        if strict and result.statuses.get("error"):
            sys.exit(1)
        return
    record = extract_file(source, doc_id).to_dict()
    if out is not None:
        target = out / f"{record['doc_id']}.json"
        write_json_atomic(target, record)
        click.echo(f"record written to {target}", err=True)
    else:
        _echo_json(record)
    if record.get("status") == "error":
        click.echo(f"vnplan: {source} could not be read: {'; '.join(record.get('errors') or [])}. "
                   "Check that it is a .txt, .html, .docx, .doc, .pdf or image file that opens, "
                   "and that you may read it.", err=True)
        if strict:
            sys.exit(1)


@cli.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@db_option
@workers_option
@progress_option
@json_option
@strict_option
@click.option("--retry-errors", is_flag=True,
              help="Read again every file stored as an error (by default only errors that can be temporary).")
@limit_options
@click.option("--scheduler", metavar="tcp://HOST:8786",
              help="Read the files on a Dask cluster's workers (dask scheduler / dask worker); this process "
              "stays the one writer.")
def ingest(folder: Path, db: Path | str, workers: int, progress: bool | None, as_json: bool, strict: bool,
           retry_errors: bool, scheduler: str | None, **limits: float | None) -> None:
    """Extract every file of FOLDER into the database; stored files are skipped, so re-running resumes."""
    from .batch import as_jsonable, format_result, ingest_folder
    from .stores import shown

    _apply_limits(limits)
    try:
        result = ingest_folder(folder, db, workers=workers, progress=progress, retry_errors=retry_errors,
                               scheduler=scheduler)
    except ConnectionError as e:
        raise click.ClickException(str(e)) from None
    db = shown(db)
    unsupported = unsupported_files(folder)
    if as_json:
        _echo_json(as_jsonable(result) | {"unsupported": {k: [str(p) for p in v] for k, v in unsupported.items()}})
    else:
        click.echo(format_result(result, db), err=True)
        skipped = skipped_summary(folder)
        if skipped:
            click.echo(skipped, err=True)
    failed = result.statuses.get("error", 0) + sum(
        1 for errors in result.errors.values() if any(e.startswith(("worker failed", "worker died", "worker stopped")) for e in errors))
    if strict and failed:
        click.echo(f"vnplan: {failed} file(s) could not be read (--strict)", err=True)
        sys.exit(1)


KIND_CHOICES = ["obligation", "obligations", "target", "targets", "reference", "references", "text", "texts"]


def filter_options(f):
    """The filters `search` and `export` share."""
    for opt in reversed([
        click.option("--body", help="Only items of this body: its whole name, full or abbreviated, "
                     "diacritics optional (obligations: lead or support; others: the issuer)."),
        click.option("--body-prefix", is_flag=True, help="--body matches every name starting with it "
                     "(Phòng Kinh tế also finds Phòng Kinh tế và Hạ tầng)."),
        click.option("--year", help="Only obligations whose deadline covers YEAR, targets set for YEAR."),
        click.option("--place", help="Only documents of this place; a province takes in its districts "
                     "(tỉnh Bình Dương, binh duong, TP. Cần Thơ)."),
        click.option("--type", "doc_type", help="Only documents of this type (Kế hoạch, Quyết định, ...)."),
        click.option("--level", type=click.Choice(["national", "province", "district", "commune"]),
                     help="Only documents of this level."),
        click.option("--from", "date_from", help="Only documents dated on or after this day (dd/mm/yyyy)."),
        click.option("--to", "date_to", help="Only documents dated on or before this day (dd/mm/yyyy)."),
    ]):
        f = opt(f)
    return f


def _filters(**values):
    """Checked search filters; bad input is a usage error with the sentence saying why."""
    from .search import Filters, SearchInputError

    try:
        return Filters.checked(**values)
    except SearchInputError as e:
        raise click.UsageError(str(e)) from None


def _open_store(db: Path | str):
    """The database, read-only; a missing one is a sentence saying how to make it."""
    from .stores import open_store, shown, store_exists

    if not store_exists(db):
        raise click.ClickException(f"no database at {db}: run `vnplan ingest FOLDER --db {db}` first "
                                   "(or give the right --db)")
    try:
        return open_store(db, readonly=True)
    except (ConnectionError, FileNotFoundError) as e:
        raise click.ClickException(str(e).replace(str(db), shown(db))) from None


@cli.command()
@click.argument("query", default="")
@click.option("--kind", type=click.Choice(KIND_CHOICES, case_sensitive=False), help="Only items of this kind.")
@filter_options
@click.option("--limit", "-n", type=click.IntRange(min=0), default=20, show_default=True,
              help="At most this many hits.")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True,
              help="Skip this many hits first (the next page: --offset 20).")
@db_option
@json_option
def search(query: str, kind: str | None, limit: int, offset: int, db: Path, as_json: bool, **filters) -> None:
    """Search obligations, targets, references and text, with or without diacritics, best hits first."""
    from .search import format_hit

    f = _filters(kind=kind, **filters)
    if not query.strip() and not f.any():
        raise click.UsageError("nothing to search for: type some words (vnplan search \"đổi mới sáng tạo\") "
                               "or give a filter such as --kind, --body, --year or --place")
    with _open_store(db) as store:
        result = store.search_results(query, f, limit=limit, offset=offset)
    if as_json:
        _echo_json(result.hits)
        click.echo(result.count_line(), err=True)
        return
    for hit in result.hits:
        click.echo(format_hit(hit) + "\n")
    more = result.total - result.offset - len(result.hits)
    click.echo(result.count_line() + (f" (next page: --offset {result.offset + len(result.hits)})" if more > 0
                                      and result.hits else ""), err=True)


@cli.command()
@db_option
def reindex(db: Path | str) -> None:
    """Rebuild the search index of a database (beside a SQLite file; for PostgreSQL, on this machine) from its
    stored passages."""
    from .stores import open_store, shown, store_exists

    if not store_exists(db):
        raise click.ClickException(f"no database at {db}: run `vnplan ingest FOLDER --db {db}` first "
                                   "(or give the right --db)")
    try:
        with open_store(db) as store:
            n = store.reindex()
    except (ValueError, ConnectionError) as e:
        raise click.ClickException(str(e).replace(str(db), shown(db))) from None
    click.echo(f"search index of {shown(db)}: {n:,} passages indexed", err=True)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "xlsx"]), default="jsonl", show_default=True,
              help="jsonl and xlsx hold both kinds; csv holds one (default obligations).")
@click.option("--kind", type=click.Choice(["obligation", "obligations", "target", "targets"], case_sensitive=False),
              help="Only this kind of item (singular or plural).")
@filter_options
@click.option("--parent", help="Only documents carrying out this one (its number, e.g. 36/QĐ-TTg), at any "
              "depth of their chain.")
@click.option("--headers", type=click.Choice(["en", "vi"]), default="en", show_default=True,
              help="Column titles: English snake_case or Vietnamese (vi: also the xlsx sheet names).")
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file (default: standard output; required for xlsx).")
@db_option
def export(fmt: str, kind: str | None, parent: str | None, headers: str, out: Path | None, db: Path,
           **filters) -> None:
    """Export the stored obligations and targets as JSON Lines, CSV (UTF-8 BOM) or an Excel workbook."""
    from .export import Selection
    from .export import export as run_export

    if fmt == "xlsx" and out is None:
        raise click.UsageError("xlsx needs -o FILE")
    f = _filters(**filters)
    selection = Selection(f if f.any() else None, parent)
    with _open_store(db) as store:
        n = run_export(store, fmt, out, kind, stdout=sys.stdout, selection=selection, headers=headers)
    click.echo(f"{n} items exported" + (f" to {out}" if out else ""), err=True)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port to listen on.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
              help="Language of the pages (a page's ?lang=en or ?lang=vi overrides it).")
@click.option("--allow-host", multiple=True, metavar="NAME",
              help="Another host name the pages may be asked for (the Host header); repeatable.")
def serve(db: Path, host: str, port: int, lang: str, allow_host: tuple[str, ...]) -> None:
    """Serve the read-only search and document pages of a database in the browser."""
    import errno

    from .ui import set_default_lang
    from .web import serve as run_server

    _open_store(db).close()
    set_default_lang(lang)
    try:
        run_server(db, host, port, allow_hosts=allow_host)
    except PermissionError:
        raise click.ClickException(f"cannot listen on port {port}: ports below 1024 need administrator rights; "
                                   "choose another with --port 8765") from None
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            raise click.ClickException(f"port {port} is already in use (another vnplan serve?): stop that program, "
                                       f"or choose another port with --port {port + 1 if port else 8766}") from None
        if e.errno in (errno.EADDRNOTAVAIL, -2, -3, -5) or "Name or service" in str(e):
            raise click.ClickException(f"cannot listen on {host}: not an address of this machine; "
                                       "use --host 127.0.0.1 (this machine) or 0.0.0.0 (every network)") from None
        raise


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


@cli.command()
@click.argument("plan", required=False)
@click.option("--against", "against", multiple=True,
              help="Number of the parent to check against (repeatable; default: the direct parent and the national root).")
@click.option("--all", "check_every", is_flag=True, help="Check every stored plan under --against (one monitoring table).")
@click.option("--db", type=DbParam(), default=None,
              help="The vnplan database, SQLite file or postgresql:// URL (PLAN may then be a doc_id or a number; parents are looked up there).")
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

    if fmt in ("docx", "xlsx") and out is None:
        raise click.UsageError(f"{fmt} needs -o FILE")
    if check_every and (len(against) != 1 or db is None):
        raise click.UsageError("--all needs one --against NUMBER and --db PATH")
    if not check_every and not plan:
        raise click.UsageError("give PLAN (a file, a doc_id or a number), or --all --against NUMBER")
    store = _open_store(db) if db is not None else None
    try:
        sources = Sources(store)
        if check_every:
            reports = check_all(against[0], sources)
            if fmt == "xlsx" and out is not None:  # -o checked above
                monitoring_xlsx(against[0], reports, out)
            else:
                rows = monitoring_rows(against[0], reports)
                text = json.dumps([dict(zip(rows[0], r, strict=True)) for r in rows[1:]], ensure_ascii=False,
                                  indent=2) if fmt == "json" else "\n".join("\t".join(map(str, r)) for r in rows)
                _write(text, out)
            click.echo(f"{len(reports)} plan(s) under {against[0]} checked" + (f": {out}" if out else ""), err=True)
            return
        assert plan is not None  # checked above: PLAN, or --all (done)
        try:
            report = run_check(plan, list(against) or None, sources)
        except CheckError as e:
            raise click.ClickException(str(e)) from None
        if fmt == "docx" and out is not None:  # -o checked above
            to_docx(report, out)
        elif fmt == "xlsx" and out is not None:
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

    with _open_store(db) as store:
        t = build_tree(number, Sources(store))
    if as_json:
        _echo_json(t.to_dict())
    else:
        click.echo(format_tree(t))


def main() -> None:
    """Entry point: run the CLI; an unexpected failure is one line on stderr, never a traceback."""
    import sqlite3

    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except sqlite3.DatabaseError as e:
        click.echo(f"vnplan: error: the database cannot be used ({e}): give the right --db, or build a new one "
                   "with `vnplan ingest FOLDER --db NEW.db`", err=True)
        sys.exit(1)
    except PermissionError as e:
        click.echo(f"vnplan: error: permission denied on {e.filename or 'a file'}: check its permissions, "
                   "or choose another file or folder", err=True)
        sys.exit(1)
    except OSError as e:
        click.echo(f"vnplan: error: {e.strerror or e}{f' ({e.filename})' if e.filename else ''}: check the path "
                   "and that the disk has room", err=True)
        sys.exit(1)
    except Exception as e:  # noqa: BLE001 - the user gets a sentence, not a traceback
        click.echo(f"vnplan: error: {type(e).__name__}: {e}", err=True)
        sys.exit(1)
