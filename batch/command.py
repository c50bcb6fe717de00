"""`fujian extract`: the batch conversion command (inputs → OUT/*.json, CSVs, report)."""
import os
import signal
import sys

import click


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=False))
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Output directory (created if missing).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes [default: number of CPUs].")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=300.0,
              show_default=True, help="Seconds allowed per input before it is stopped.")
@click.option("--max-memory", "max_memory_mb", type=click.IntRange(min=64), default=None,
              help="Memory limit per worker in MB (address space).")
@click.option("--force", is_flag=True, help="Convert again even inputs whose output is current.")
@click.option("--engine", type=click.Choice(["pdfplumber", "camelot"]), default="pdfplumber",
              show_default=True, help="Table engine for PDFs.")
@click.option("--password", default=None, help="Password for encrypted PDFs.")
@click.option("--ocr", type=click.Choice(["auto", "never", "always"]), default="auto",
              show_default=True,
              help="OCR for PDF pages: auto = pages without a usable text layer (scans, fonts "
                   "without a Unicode map); never; always = every page.")
@click.option("--keep-raw", is_flag=True, help="Keep the raw extracted grids in the JSON.")
@click.option("--db", "db_url", default=None, metavar="URL",
              help="After the batch, load OUT into this database (sqlite:///x.db, postgresql://…).")
@click.option("--converter", default=None, hidden=True, metavar="MODULE:FUNCTION",
              help="Convert with this function instead of fujian.pipeline:convert_file "
                   "(a module or a file.py; for plug-ins and tests).")
def extract_command(inputs, out_dir, workers, timeout, max_memory_mb, force, engine, password,
                    ocr, keep_raw, db_url, converter):
    """Convert budget attachments to JSON and CSV.

    INPUTS are files or directories. A directory is walked recursively and every .pdf
    and .txt below it (any case) is converted. Outputs mirror the inputs' paths relative
    to the directory given: DIR/docs/a.pdf becomes OUT/docs/a.pdf.json; a file given
    directly, a.pdf, becomes OUT/a.pdf.json.

    \b
    OUT also gets, rebuilt after every run from all the JSONs in OUT:
      projects.csv    one row per project (UTF-8 with BOM)
      indicators.csv  one row per indicator (UTF-8 with BOM)
      report.json     one entry per input: file, status ok|error, error, counts

    Re-running skips inputs whose JSON is current (same input bytes, same fujian
    version); --force converts them again. A failed input (unreadable, not a PDF, a
    conversion that passes --timeout or crashes its worker) gets no JSON and an entry in
    report.json; the batch always goes on. Progress and errors go to stderr.

    \b
    Exit status: 0 every input ok, 1 some inputs failed (or the --db load failed),
    2 usage error (bad option, missing path, no inputs found), 130 interrupted
    (Ctrl-C or SIGTERM; re-run to resume).
    """
    from fujian.batch.convert_loader import ConverterError
    from fujian.batch.inputs import InputError, discover_inputs
    from fujian.batch.out_lock import OutputBusyError
    from fujian.batch.progress import default_progress
    from fujian.batch.runner import BatchOptions, available_cpus, run_batch

    try:
        found = discover_inputs(inputs, exclude_dir=out_dir)
    except InputError as e:
        raise click.UsageError(str(e))
    if os.path.exists(out_dir) and not os.path.isdir(out_dir):
        raise click.UsageError(f"-o {out_dir}: exists and is not a directory")
    options = BatchOptions(workers=workers or available_cpus(), timeout=timeout, force=force,
                           engine=engine, password=password, keep_raw=keep_raw,
                           max_memory_mb=max_memory_mb, ocr=ocr)
    if converter:
        options.converter = converter
    signal.signal(signal.SIGTERM, _stop_on_sigterm)  # clean up workers like Ctrl-C does
    try:
        result = run_batch(found, out_dir, options, progress=default_progress(sys.stderr))
    except ConverterError as e:
        click.echo(f"error: internal error: {e}", err=True)
        sys.exit(1)
    except OutputBusyError as e:
        raise click.UsageError(str(e))
    except OSError as e:
        click.echo(f"error: cannot write to {out_dir}: {e.strerror or e}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("interrupted: finished inputs are kept; re-run the same command to resume",
                   err=True)
        sys.exit(130)
    except Exception as e:  # a bug in the runner: still a message, not a traceback
        click.echo(f"error: internal error: {type(e).__name__}: {e}", err=True)
        sys.exit(1)
    click.echo(result.summary_line(), err=True)
    status = 1 if result.failed else 0
    if db_url:
        status = max(status, _load_database(out_dir, db_url))
    sys.exit(status)


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt


def _load_database(out_dir: str, url: str) -> int:
    """`--db URL`: load OUT into the database (fujian.db.load); 0 if every document loaded."""
    try:
        from fujian.db.errors import LoadError
        from fujian.db.load import load_directory
    except ImportError as e:
        click.echo(f"error: --db is not available in this build (fujian.db.load: {e})", err=True)
        return 1
    try:
        summary = load_directory(out_dir, url)
    except LoadError as e:
        click.echo(f"error: database: {e}", err=True)
        return 1
    except Exception as e:  # a bug in the loader: still no traceback
        click.echo(f"error: database: unexpected {type(e).__name__} while loading: {e}", err=True)
        return 1
    for file, message in getattr(summary, "failed", []):
        click.echo(f"error: database: {file}: {message}", err=True)
    click.echo(f"database: {summary}", err=True)
    return 0 if getattr(summary, "ok", True) else 1
