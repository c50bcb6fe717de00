"""Run a batch: convert every input in worker processes, then rebuild the batch outputs.

    result = run_batch(discover_inputs(["docs/"]), "out/", BatchOptions(workers=4))

Per input: `OUT/<name>.json` (written by a worker, atomically). After the run, the batch
tables (`OUT/projects.csv`, `OUT/indicators.csv`, … and the workbook `OUT/fujian.xlsx`) and
`OUT/report.json` are rebuilt from the per-document JSONs of **this run's inputs** (converted
now or kept as current) plus this run's errors, so an interrupted-then-resumed run ends with
the same files as a clean one; outputs of inputs that are not part of this run stay on disk
but are not reported. A failed input's stale JSON is removed. An input whose output name is
already taken by a different input (another folder's `a.pdf`) is refused, not overwritten.
"""
from __future__ import annotations

import importlib
import os
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from fujian.batch.convert_loader import DEFAULT_CONVERTER, load_converter
from fujian.batch.inputs import InputFile
from fujian.batch.out_lock import locked_output_dir
from fujian.batch.output_sources import absolute, load_sources, save_sources
from fujian.batch.pool import WorkerPool
from fujian.batch.private_temp import private_temp_dir
from fujian.batch.progress import Quiet
from fujian.batch.tasks import ConvertOptions, FileResult, Task
from fujian.write.atomic import is_temp_file, remove_temp_files_for, sweep_temp_files
from fujian.write.csv_files import CsvFilesWriter
from fujian.write.document_json import document_counts, read_document_json
from fujian.write.report import ReportEntry, write_report
from fujian.write.workbook import WORKBOOK_NAME, WorkbookWriter

REPORT_NAME = "report.json"


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
    engine: str = "pdfium"
    password: tuple[str, ...] = ()  # each is tried (and no password first)
    keep_raw: bool = False
    pages: Optional[str] = None  # "1-3,7": only these pages of every input
    max_memory_mb: Optional[int] = None  # address-space limit per worker
    ocr: str = "auto"  # pages without a usable text layer: "auto" OCR, "never", "always"
    converter: str = DEFAULT_CONVERTER  # "module:function" or "file.py:function"
    scheduler: Optional[str] = None  # a Dask scheduler (tcp://host:8786): run the files there


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

    @property
    def without_projects(self) -> int:
        """Inputs read fine that hold no performance-target table."""
        return sum(1 for r in self.results if r.ok and not r.projects)

    def summary_line(self) -> str:
        skipped = f" ({self.skipped} skipped, already done)" if self.skipped else ""
        n = self.without_projects
        empty = f"; {n} ok input(s) with 0 projects" if n else ""
        return (f"{len(self.results)} input(s): {self.ok} ok{skipped}, {self.failed} failed, "
                f"{self.pages} pages, {self.seconds:.1f} s{empty}; "
                f"per-input status in {self.out_dir / REPORT_NAME}")


# Imported once in the parent so that every forked worker (and every replacement of a
# killed one) starts with them loaded. Only modules that start no threads at import:
# camelot (OpenCV) is left to the workers, as forking a threaded process is unsafe.
PRELOAD_MODULES = {"pdfium": ("pikepdf", "fujian.extract.pdfium_page_objects",
                               "fujian.extract.pdf_document"),
                    "pdfplumber": ("pdfplumber", "pikepdf", "fujian.extract.pdf_document"),
                    "camelot": ("pdfplumber", "pikepdf", "fujian.extract.pdf_document")}


def preload_pdf_modules(engine: str = "pdfium") -> None:
    for name in PRELOAD_MODULES.get(engine, PRELOAD_MODULES["pdfium"]):
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
    if options.converter == DEFAULT_CONVERTER and not options.scheduler \
            and any(f.name.lower().endswith(".pdf") for f in inputs):
        preload_pdf_modules(options.engine)  # a batch of text dumps never needs them
    progress = progress or Quiet()
    sources = load_sources(out)
    refused = {f.name: _taken_by_another(out, f, sources[f.name])
               for f in inputs if not f.problem and not options.force and _name_taken(out, f, sources)}
    refused = {k: v for k, v in refused.items() if v}
    refused.update({f.name: f.problem for f in inputs if f.problem})  # found by discovery
    # absolute paths: a cluster's workers do not share our working directory
    tasks = [Task(os.path.abspath(f.path) if options.scheduler else f.path, f.name,
                  str(out / f.output_name), options.force) for f in inputs if f.name not in refused]
    tasks = largest_first(tasks)
    results: dict[str, FileResult] = {
        name: FileResult(name, "error", message) for name, message in refused.items()}

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

    convert_options = ConvertOptions(options.engine, tuple(options.password), options.keep_raw,
                                     options.pages, options.ocr)
    stack = ExitStack()
    if options.scheduler:  # the same tasks, results and outputs, on a Dask cluster
        from fujian.batch.dask_runner import DaskPool
        pool = DaskPool(options.scheduler, convert_options,
                        converter=_absolute_converter(options.converter),
                        timeout=options.timeout, max_memory_mb=options.max_memory_mb)
    else:
        temp_dir = stack.enter_context(private_temp_dir(out))  # removed whatever happens
        pool = WorkerPool(convert, convert_options,
                          workers=min(max(1, options.workers), max(1, len(tasks))),
                          timeout=options.timeout, max_memory_mb=options.max_memory_mb,
                          close_in_worker=(lock_fd,), temp_dir=temp_dir)
    progress.start(len(tasks) + len(results))
    for r in list(results.values()):  # refused before any work: shown like any failure
        progress.update(r)
    try:
        pool.run(tasks, on_result, progress.tick, getattr(progress, "page", lambda p: None))
    finally:
        stack.close()
        progress.finish()
        for f in inputs:  # recorded as soon as an output exists, even when interrupted
            if f.name in results and results[f.name].ok:
                sources[f.name] = absolute(f.path)
        save_sources(out, sources)
    ordered = [results[f.name] for f in inputs]
    report = rebuild_outputs(out, ordered)
    return BatchResult(out, ordered, report, time.monotonic() - t0, pool.peak_worker_rss_kb)


def largest_first(tasks: list[Task]) -> list[Task]:
    """The tasks, largest input first (ties in the order given): a batch's time is the
    busiest worker's, and a long file taken last keeps one worker busy while the others have
    nothing left to do (longest-processing-time-first scheduling, with the file size as the
    estimate of the time; scans, the slowest per page, are also the largest)."""
    def size(t: Task) -> int:
        try:
            return os.stat(t.path).st_size
        except OSError:
            return 0
    return sorted(tasks, key=size, reverse=True)


def _name_taken(out: Path, f: InputFile, sources: dict[str, str]) -> bool:
    previous = sources.get(f.name)
    return previous is not None and previous != absolute(f.path) and (out / f.output_name).exists()


def _taken_by_another(out: Path, f: InputFile, previous: str) -> Optional[str]:
    """Why `f` may not be written over OUT/<name>.json, which was made from `previous` (None
    when it may: the same bytes, e.g. the folder was moved)."""
    from fujian.pipeline import sha256_of

    existing = read_document_json(out / f.output_name)
    try:
        same = existing is not None and (existing.get("source") or {}).get("sha256") == sha256_of(f.path)
    except OSError:
        same = False
    if same:
        return None
    return (f"not converted: {f.output_name} in the output folder already holds the output of "
            f"another input of the same name ({previous}); convert into another -o, or pass "
            "--force to replace it")


def _absolute_converter(spec: str) -> str:
    """A "file.py:function" converter named by its absolute path (for a cluster's workers)."""
    module, sep, func = spec.rpartition(":")
    if sep and module.endswith(".py"):
        return f"{os.path.abspath(module)}:{func}"
    return spec


def document_files(out: Path) -> list[tuple[str, Path]]:
    """(input name, path) of every per-document JSON below `out`, sorted by name."""
    found = []
    for dirpath, dirnames, filenames in os.walk(out):
        dirnames[:] = [d for d in dirnames if d != ".fujian"]
        for fn in filenames:
            p = Path(dirpath, fn)
            if not fn.endswith(".json") or is_temp_file(p):
                continue
            rel = p.relative_to(out).as_posix()
            if rel != REPORT_NAME:
                found.append((rel[: -len(".json")], p))
    return sorted(found)


def rebuild_outputs(out: Path, results: list[FileResult]) -> list[ReportEntry]:
    """Write the batch tables (CSVs, workbook) and report.json for this run's inputs.

    The JSONs are read one at a time and streamed into the tables, so memory does not grow
    with the size of the batch.
    """
    out = Path(out)
    entries: list[ReportEntry] = []
    workbook = WorkbookWriter(out / WORKBOOK_NAME)
    with CsvFilesWriter(out) as csvs:
        for r in sorted(results, key=lambda r: r.name):
            if not r.ok:
                entries.append(ReportEntry(file=r.name, status="error", error=r.error, projects=0,
                                           indicators=0, pages=None, seconds=r.seconds))
                continue
            doc = read_document_json(out / (r.name + ".json"))
            if doc is None or "schema_version" not in doc:  # vanished or damaged meanwhile
                entries.append(ReportEntry(file=r.name, status="error", projects=0, indicators=0,
                                           pages=None, seconds=r.seconds,
                                           error="output JSON missing after conversion"))
                continue
            csvs.add(doc)
            workbook.add(doc)
            n_proj, n_ind, pages = document_counts(doc)
            entries.append(ReportEntry(
                file=r.name, status="ok", error=None, projects=n_proj, indicators=n_ind,
                pages=pages, seconds=0.0 if r.skipped else r.seconds, output=r.name + ".json",
                skipped=r.skipped))
        workbook.save()
    write_report(entries, out / REPORT_NAME)
    return sorted(entries, key=lambda e: e.file)
