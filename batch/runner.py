"""Run a batch: convert every input in worker processes, then rebuild the batch outputs.

    result = run_batch(discover_inputs(["docs/"]), "out/", BatchOptions(workers=4))

Per input: `OUT/<name>.json` (written by a worker, atomically). After the run,
`OUT/projects.csv`, `OUT/indicators.csv` and `OUT/report.json` are rebuilt from every
per-document JSON present in OUT plus this run's errors, so an interrupted-then-resumed
run ends with the same files as a clean one. A failed input's stale JSON is removed.
"""
from __future__ import annotations

import importlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from fujian.batch.convert_loader import DEFAULT_CONVERTER, load_converter
from fujian.batch.inputs import InputFile
from fujian.batch.out_lock import locked_output_dir
from fujian.batch.pool import WorkerPool
from fujian.batch.progress import Quiet
from fujian.batch.tasks import ConvertOptions, FileResult, Task
from fujian.write.atomic import is_temp_file, remove_temp_files_for, sweep_temp_files
from fujian.write.document_json import document_counts, read_document_json
from fujian.write.report import ReportEntry, write_report
from fujian.write.tables_csv import TablesCsvWriter

REPORT_NAME = "report.json"
PROJECTS_CSV = "projects.csv"
INDICATORS_CSV = "indicators.csv"


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


@dataclass
class BatchOptions:
    workers: int = field(default_factory=available_cpus)
    timeout: float = 300.0  # seconds per input
    force: bool = False
    engine: str = "pdfplumber"
    password: Optional[str] = None
    keep_raw: bool = False
    max_memory_mb: Optional[int] = None  # address-space limit per worker
    ocr: str = "auto"  # pages without a usable text layer: "auto" OCR, "never", "always"
    converter: str = DEFAULT_CONVERTER  # "module:function" or "file.py:function"


@dataclass
class BatchResult:
    out_dir: Path
    results: list[FileResult]  # this run, one per input, in input order
    report: list[ReportEntry]  # as written to report.json
    seconds: float
    peak_worker_rss_kb: int

    @property
    def ok(self) -> int:
        return sum(r.ok for r in self.results)

    @property
    def failed(self) -> int:
        return sum(not r.ok for r in self.results)

    @property
    def skipped(self) -> int:
        return sum(r.skipped for r in self.results)

    @property
    def pages(self) -> int:
        """Pages converted by this run (skipped inputs not counted)."""
        return sum(r.pages or 0 for r in self.results if r.ok and not r.skipped)

    def summary_line(self) -> str:
        skipped = f" ({self.skipped} skipped, already done)" if self.skipped else ""
        return (f"{len(self.results)} input(s): {self.ok} ok{skipped}, {self.failed} failed, "
                f"{self.pages} pages, {self.seconds:.1f} s")


# Imported once in the parent so that every forked worker (and every replacement of a
# killed one) starts with them loaded. Only modules that start no threads at import:
# camelot (OpenCV) is left to the workers, as forking a threaded process is unsafe.
PRELOAD_MODULES = ("pdfplumber", "pikepdf", "fujian.extract.pdf_document")


def preload_pdf_modules() -> None:
    for name in PRELOAD_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # a reader that cannot load will say so per file, in the worker
            pass


def run_batch(inputs: list[InputFile], out_dir, options: Optional[BatchOptions] = None,
              progress=None) -> BatchResult:
    """Convert `inputs` into `out_dir`.

    Raises ConverterError if the converter cannot be loaded, OutputBusyError if another
    run is writing to `out_dir`.
    """
    options = options or BatchOptions()
    t0 = time.monotonic()
    out = Path(out_dir).absolute()
    out.mkdir(parents=True, exist_ok=True)
    with locked_output_dir(out) as lock_fd:  # OutputBusyError if another run holds OUT
        return _run_locked(inputs, out, options, progress, t0, lock_fd)


def _run_locked(inputs: list[InputFile], out: Path, options: BatchOptions, progress,
                t0: float, lock_fd: int) -> BatchResult:
    sweep_temp_files(out)
    convert = load_converter(options.converter)  # in the parent: workers inherit it
    if options.converter == DEFAULT_CONVERTER:
        preload_pdf_modules()
    progress = progress or Quiet()
    tasks = [Task(f.path, f.name, str(out / f.output_name), options.force) for f in inputs]
    results: dict[str, FileResult] = {}

    def on_result(r: FileResult) -> None:
        if not r.ok:  # a failed input leaves no JSON, not even one from an earlier run
            target = out / (r.name + ".json")
            try:
                target.unlink()
            except FileNotFoundError:
                pass
            remove_temp_files_for(target)
        results[r.name] = r
        progress.update(r)

    pool = WorkerPool(convert, ConvertOptions(options.engine, options.password, options.keep_raw,
                                              options.ocr),
                      workers=min(max(1, options.workers), max(1, len(tasks))),
                      timeout=options.timeout, max_memory_mb=options.max_memory_mb,
                      close_in_worker=(lock_fd,))
    progress.start(len(tasks))
    try:
        pool.run(tasks, on_result, progress.tick, getattr(progress, "page", lambda p: None))
    finally:
        progress.finish()
    ordered = [results[t.name] for t in tasks]
    report = rebuild_outputs(out, ordered)
    return BatchResult(out, ordered, report, time.monotonic() - t0, pool.peak_worker_rss_kb)


def document_files(out: Path) -> list[tuple[str, Path]]:
    """(input name, path) of every per-document JSON below `out`, sorted by name."""
    found = []
    for dirpath, _dirnames, filenames in os.walk(out):
        for fn in filenames:
            p = Path(dirpath, fn)
            if not fn.endswith(".json") or is_temp_file(p):
                continue
            rel = p.relative_to(out).as_posix()
            if rel != REPORT_NAME:
                found.append((rel[: -len(".json")], p))
    return sorted(found)


def rebuild_outputs(out: Path, results: list[FileResult]) -> list[ReportEntry]:
    """Write projects.csv, indicators.csv and report.json from OUT's JSONs + `results`.

    The JSONs are read one at a time and streamed into the CSVs, so memory does not grow
    with the size of the batch.
    """
    out = Path(out)
    this_run = {r.name: r for r in results}
    entries: list[ReportEntry] = []
    seen: set[str] = set()
    with TablesCsvWriter(out / PROJECTS_CSV, out / INDICATORS_CSV) as csvs:
        for name, path in document_files(out):
            doc = read_document_json(path)
            if doc is None or "schema_version" not in doc:
                continue  # not one of ours (or damaged): it is not an output
            csvs.add(doc)
            seen.add(name)
            n_proj, n_ind, pages = document_counts(doc)
            r = this_run.get(name)
            fresh = r is not None and r.ok and not r.skipped
            entries.append(ReportEntry(
                file=name, status="ok", error=None, projects=n_proj, indicators=n_ind,
                pages=pages, seconds=r.seconds if fresh else 0.0, output=name + ".json",
                skipped=not fresh))
    for r in results:
        if not r.ok:
            entries.append(ReportEntry(file=r.name, status="error", error=r.error, projects=0,
                                       indicators=0, pages=None, seconds=r.seconds))
        elif r.name not in seen:  # ok, yet its JSON vanished meanwhile: say so
            entries.append(ReportEntry(file=r.name, status="error", projects=0, indicators=0,
                                       pages=None, seconds=r.seconds,
                                       error="output JSON missing after conversion"))
    write_report(entries, out / REPORT_NAME)
    return sorted(entries, key=lambda e: e.file)
