"""`fujian load OUT --db URL`: the click command around fujian.db.load.load_directory."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from fujian.db.errors import LoadError
from fujian.db.load import LoadSummary, find_document_files, load_directory

EXIT_OK, EXIT_SOME_FAILED, EXIT_CANNOT_LOAD = 0, 1, 2


@click.command("load")
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--db", "url", metavar="URL", envvar="FUJIAN_DB",
              help="SQLAlchemy URL (sqlite:///f.sqlite, postgresql://user:pw@host/db) or an "
                   "SQLite file path. Default: OUT/fujian.sqlite. Env: FUJIAN_DB.")
@click.option("--atomic", is_flag=True,
              help="Load everything in one transaction (all or nothing). Default: one "
                   "transaction per document, so an interrupted load keeps finished documents.")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
def load_command(out: Path, url: str | None, atomic: bool, quiet: bool) -> None:
    """Load the per-document JSON files under OUT into a database.

    Loading is idempotent: unchanged documents are skipped, a re-extracted document replaces
    its old rows. Exit status: 0 all loaded, 1 some documents failed, 2 the load could not run
    or was cut short (bad URL, unreachable server, no JSON under OUT, connection lost; documents
    committed before a cut stay, and a rerun continues).
    """
    try:
        summary = _run(out, url, atomic, quiet)
    except LoadError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_CANNOT_LOAD)
    except KeyboardInterrupt:
        click.echo("Interrupted: documents loaded so far are committed; run again to continue.",
                   err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: still no traceback for the user
        click.echo(f"Error: unexpected {type(exc).__name__} while loading: {exc} "
                   "(please report this)", err=True)
        sys.exit(EXIT_CANNOT_LOAD)
    _print_summary(summary, quiet)
    sys.exit(EXIT_OK if summary.ok else EXIT_SOME_FAILED)


def _run(out: Path, url, atomic: bool, quiet: bool) -> LoadSummary:
    if quiet or not sys.stderr.isatty():
        return load_directory(out, url, atomic=atomic)
    from rich.progress import Progress

    total = len(find_document_files(out))
    with Progress(transient=True) as bar:
        task = bar.add_task("loading", total=total)
        return load_directory(out, url, atomic=atomic,
                              progress=lambda _file, _status: bar.advance(task))


def _print_summary(s: LoadSummary, quiet: bool) -> None:
    for file, message in s.failed:
        click.echo(f"failed: {file}: {message}", err=True)
    if quiet:
        return
    for file, message in s.ignored:
        click.echo(f"ignored: {file}: {message}", err=True)
    click.echo(str(s))
    click.echo(f"database now holds {s.total_documents} documents, {s.total_projects} projects, "
               f"{s.total_indicators} indicators")
