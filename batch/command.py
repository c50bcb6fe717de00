"""`fujian extract`: the batch conversion command (inputs → OUT/*.json, CSVs, report)."""
import os
import signal
import sys

import click


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=False))
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(),
              help="Output directory (created if missing); `-` prints the JSON of the one input "
                   "given to standard output instead.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes [default: number of CPUs].")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=300.0,
              show_default=True, callback=lambda ctx, param, v: _finite(v, "--timeout"),
              help="Seconds allowed per input before it is stopped.")
@click.option("--max-memory", "max_memory_mb", type=click.IntRange(min=64), default=None,
              help="Memory limit per worker in MB (address space) [default: 80% of the "
                   "machine's memory divided by the workers, at least 2048].")
@click.option("--force", is_flag=True, help="Convert again even inputs whose output is current.")
@click.option("--engine", type=click.Choice(["pdfium", "pdfplumber", "camelot"]), default="pdfium",
              show_default=True,
              help="PDF reader: pdfium (fast, PDFium in C++), pdfplumber (pdfminer), or camelot "
                   "(its own lattice tables).")
@click.option("--password", "passwords", multiple=True, metavar="PW",
              help="Password for encrypted PDFs, workbooks and Word files; give it several times to try each (files "
                   "that need none still open).")
@click.option("--pages", default=None, metavar="RANGES",
              help="Only these pages of every input, e.g. 1-3,7 (1-based).")
@click.option("--ocr", type=click.Choice(["auto", "never", "always"]), default="auto",
              show_default=True,
              help="OCR for PDF pages: auto = pages without a usable text layer (scans, fonts "
                   "without a Unicode map); never; always = every page.")
@click.option("--keep-raw", is_flag=True, help="Keep the raw extracted grids in the JSON.")
@click.option("--db", "db_url", default=None, metavar="URL",
              help="After the batch, load OUT into this database (sqlite:///x.db, postgresql://…).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:8786",
              help="Run the conversions on this Dask distributed cluster instead of local "
                   "worker processes (inputs and OUT must be at the same paths on every "
                   "worker: a shared file system).")
@click.option("--converter", default=None, hidden=True, metavar="MODULE:FUNCTION",
              help="Convert with this function instead of fujian.pipeline:convert_file "
                   "(a module or a file.py; for plug-ins and tests).")
def extract_command(inputs, out_dir, workers, timeout, max_memory_mb, force, engine, passwords,
                    pages, ocr, keep_raw, db_url, scheduler, converter):
    """Convert budget attachments to JSON and CSV.

    INPUTS are files or directories. A directory is walked recursively and every .pdf,
    .txt, .xlsx, .xls and .docx below it (any case) is converted (.doc/.wps/.et are
    reported as errors that say how to convert them). Outputs mirror the inputs' paths relative
    to the directory given: DIR/docs/a.pdf becomes OUT/docs/a.pdf.json; a file given
    directly, a.pdf, becomes OUT/a.pdf.json.

    \b
    OUT also gets, rebuilt after every run for this run's inputs:
      projects.csv    one row per project (UTF-8 with BOM)
      indicators.csv  one row per indicator (UTF-8 with BOM)
      budget_rows.csv one row per budget-table row and value column (long format)
      checks.csv      one row per check (arithmetic, completeness, narrative)
      fujian.xlsx     the same tables as sheets of one workbook
      report.json     one entry per input: file, status ok|error, error, counts

    `-o -` converts one input and prints its JSON to standard output.

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
    from fujian.batch.dask_runner import ClusterError
    from fujian.batch.inputs import InputError, discover_inputs
    from fujian.batch.out_lock import OutputBusyError
    from fujian.batch.progress import default_progress, printable
    from fujian.batch.runner import BatchOptions, available_cpus, run_batch

    from fujian.pipeline import parse_page_ranges

    try:
        parse_page_ranges(pages)
    except ValueError as e:
        raise click.UsageError(str(e))
    if db_url:
        _check_database_url(db_url, out_dir)
    if out_dir == "-":
        _extract_to_stdout(inputs, engine, passwords, pages, keep_raw, max_memory_mb, ocr)
        return
    try:
        found = discover_inputs(inputs, exclude_dir=out_dir)
    except InputError as e:
        raise click.UsageError(printable(str(e)))
    if os.path.exists(out_dir) and not os.path.isdir(out_dir):
        raise click.UsageError(f"-o {out_dir}: exists and is not a directory")
    workers = workers or available_cpus()
    if max_memory_mb is None and not scheduler:  # a cluster's workers size themselves
        from fujian.batch.memory_limit import default_memory_limit_mb

        max_memory_mb = default_memory_limit_mb(workers)
    options = BatchOptions(workers=workers, timeout=timeout, force=force,
                           engine=engine, password=tuple(passwords), pages=pages, ocr=ocr,
                           keep_raw=keep_raw, max_memory_mb=max_memory_mb, scheduler=scheduler)
    if converter:
        options.converter = converter
    signal.signal(signal.SIGTERM, _stop_on_sigterm)  # clean up workers like Ctrl-C does
    try:
        result = run_batch(found, out_dir, options, progress=default_progress(sys.stderr))
    except ConverterError as e:
        click.echo(f"error: internal error: {e}", err=True)
        sys.exit(1)
    except ClusterError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    except OutputBusyError as e:
        raise click.UsageError(printable(str(e)))
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


def _finite(value, option: str):
    """click's FloatRange lets `nan` and `inf` through; neither is a number of seconds."""
    import math

    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"{value!r} is not a finite number of seconds", param_hint=option)
    return value


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt


def _check_database_url(url: str, out_dir: str) -> None:
    """A --db value that cannot be a database is a usage error before any work is done."""
    from pathlib import Path

    from fujian.db.errors import LoadError
    from fujian.db.engine import resolve_url

    try:
        resolve_url(Path(out_dir), url)
    except LoadError as e:
        raise click.UsageError(f"--db: {e}")


def _extract_to_stdout(inputs, engine, passwords, pages, keep_raw, max_memory_mb, ocr="auto") -> None:
    """`-o -`: one input converted in this process, its JSON on stdout; errors on stderr."""
    from fujian.batch.progress import printable
    from fujian.batch.worker import limit_memory, memory_error_message
    from fujian.batch.tasks import ConvertOptions
    from fujian.extract.model import ExtractionError
    from fujian.pipeline import convert_file
    from fujian.write.document_json import dumps_document, stamped

    if len(inputs) != 1 or os.path.isdir(inputs[0]):
        raise click.UsageError("-o - prints one document: give exactly one input file")
    path = inputs[0]
    if not os.path.exists(path):
        raise click.UsageError(f"{path}: no such file")
    options = ConvertOptions(engine, tuple(passwords), keep_raw, pages, ocr)
    if max_memory_mb is None:
        from fujian.batch.memory_limit import default_memory_limit_mb

        max_memory_mb = default_memory_limit_mb(1)
    limit_memory(max_memory_mb)
    try:
        doc = convert_file(path, name=os.path.basename(path), engine=engine,
                           password=tuple(passwords), pages=pages, keep_raw=keep_raw, ocr=ocr)
    except ExtractionError as e:
        click.echo(f"error: {printable(str(e))}", err=True)
        sys.exit(1)
    except MemoryError:
        click.echo(f"error: {printable(path)}: {memory_error_message(options, max_memory_mb)}", err=True)
        sys.exit(1)
    except Exception as e:  # a bug in the pipeline: still a message, not a traceback
        click.echo(f"error: {printable(path)}: internal error: {type(e).__name__}: {e}", err=True)
        sys.exit(1)
    sys.stdout.write(dumps_document(stamped(doc, **options.stamp())))
    sys.stdout.flush()


def _load_database(out_dir: str, url: str) -> int:
    """`--db URL`: load OUT into the database (fujian.db.load); 0 if every document loaded."""
    try:
        from fujian.db.errors import LoadError
        from fujian.db.load import load_directory
        from fujian.batch.progress import printable
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
        click.echo(f"error: database: {printable(str(file))}: {printable(str(message))}", err=True)
    click.echo(f"database: {summary}", err=True)
    return 0 if getattr(summary, "ok", True) else 1
