"""Click commands of the audit tools: diff, check, review, compare-engines."""
from __future__ import annotations

import sys
from itertools import groupby
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape

from .diff import DiffInputError, diff_paths, document_files, load_json
from .diff_render import render_json, render_text
from .validate import validate_document

EXIT_SAME, EXIT_DIFFERENT, EXIT_USAGE = 0, 1, 2


def _console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="readable grouped text, or JSON for programs")
def diff_command(old: Path, new: Path, fmt: str) -> None:
    """Compare two per-document JSON files, or two output folders.

    Exit status: 0 identical, 1 different, 2 usage error.
    """
    try:
        result = diff_paths(old, new)
    except DiffInputError as exc:
        _fail(str(exc))
    for note in result.skipped:
        click.echo(f"skipped: {note}", err=True)
    if fmt == "json":
        click.echo(render_json(result))
    else:
        render_text(result, _console())
    sys.exit(EXIT_SAME if result.identical else EXIT_DIFFERENT)


def _documents(path: Path) -> list[tuple[str, Path]]:
    if not path.exists():
        _fail(f"{path} does not exist")
    if path.is_dir():
        files = list(document_files(path).items())
        if not files:
            _fail(f"no per-document JSON files below {path}")
        return files
    return [(path.name, path)]


@click.command("check")
@click.argument("out_or_json", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--recorded", is_flag=True,
              help="also list the warnings the converter recorded in each JSON (repairs, guesses)")
def check_command(out_or_json: Path, fmt: str, recorded: bool) -> None:
    """Validate every per-document JSON in an output folder (or one JSON file): the projects'
    validation warnings, and every failed check of the budget tables and narrative (run again on
    the JSON's records), grouped by document with the numbers on both sides.

    Exit status: 0 no warnings and no failed check, 1 some, 2 usage error.
    """
    from fujian.checks import run_checks

    report: dict[str, list[dict]] = {}
    failed: dict[str, list[dict]] = {}
    documents = _documents(out_or_json)
    for rel, path in documents:
        try:
            doc = load_json(path)
        except DiffInputError as exc:
            if len(documents) == 1:
                _fail(str(exc))
            click.echo(f"skipped: {exc}", err=True)  # another JSON in the folder
            continue
        warnings = validate_document(doc)
        if recorded:
            seen = {(w["code"], w["message"], w["project_seq"]) for w in warnings}
            warnings += [w for w in doc.get("warnings") or []
                         if isinstance(w, dict) and w.get("code") != "check_failed"
                         and (w.get("code"), w.get("message"), w.get("project_seq")) not in seen]
        report[rel] = warnings
        try:
            checks = [c.to_json() for c in run_checks(doc)]
        except (AttributeError, TypeError, ValueError, KeyError):  # not shaped as SPEC says
            checks = [c for c in doc.get("checks") or [] if isinstance(c, dict)]
        failed[rel] = [c for c in checks if c.get("status") == "fail"]
    total = sum(len(w) for w in report.values())
    n_failed = sum(len(f) for f in failed.values())
    if fmt == "json":
        import json

        from fujian.write.document_json import dumps_document

        click.echo(dumps_document({"warnings": total, "failed_checks": n_failed, "files": report,
                                   "checks": {k: v for k, v in failed.items() if v}}).rstrip())
    else:
        _print_check(report, failed, total, n_failed, _console())
    sys.exit(EXIT_DIFFERENT if total or n_failed else EXIT_SAME)


def _number(value) -> str:
    return "—" if value is None else format(value, "f") if not isinstance(value, float) else repr(value)


def _print_check(report: dict[str, list[dict]], failed: dict[str, list[dict]], total: int, n_failed: int,
                 console: Console) -> None:
    for rel in sorted(set(report) | set(failed)):
        warnings, checks = report.get(rel, []), failed.get(rel, [])
        if not warnings and not checks:
            continue
        counts = [f"[yellow]{len(warnings)} warning(s)[/yellow]"] if warnings else []
        counts += [f"[red]{len(checks)} failed check(s)[/red]"] if checks else []
        console.print(f"[bold]{escape(rel)}[/bold]  " + ", ".join(counts))
        ordered = sorted(warnings, key=lambda w: (w.get("project_seq") is not None, w.get("project_seq") or 0))
        for seq, group in groupby(ordered, key=lambda w: w.get("project_seq")):
            console.print(f"  project {seq}" if seq is not None else "  document")
            for w in group:
                page = f" [dim](page {w['page']})[/dim]" if w.get("page") is not None else ""
                console.print(f"    [yellow]{escape(w['code'])}[/yellow]: {escape(w['message'])}{page}")
        if checks:
            console.print("  failed checks")
        for c in checks:
            pages = ", ".join(str(p) for p in c.get("pages") or [])
            unit = f" {c['unit']}" if c.get("unit") else ""
            console.print(f"    [red]{escape(c['id'])}[/red]: {escape(c.get('rule') or '')}")
            console.print(f"      {_number(c.get('lhs'))} vs {_number(c.get('rhs'))}{unit}, difference "
                          f"{_number(c.get('difference'))} (tolerance {_number(c.get('tolerance'))})"
                          + (f" [dim](page {pages})[/dim]" if pages else ""))
            if c.get("sentence"):
                console.print(f"      「{escape(c['sentence'].strip()[:160])}」")
    clean = sum(1 for rel in report if not report[rel] and not failed.get(rel))
    console.print(f"\n{total} warning(s) and {n_failed} failed check(s) in {len(report) - clean} file(s); "
                  f"{clean} file(s) clean")


@click.command("review")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out", required=True, type=click.Path(path_type=Path),
              help="HTML file to write (for one JSON), or a folder (for an output folder)")
@click.option("--pdf", "pdf", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="the source PDF (for one JSON); by default it is found where it was "
                   "converted from, if it is still there")
@click.option("--resolution", type=click.IntRange(36, 300), default=100, show_default=True,
              help="page image resolution in dpi")
@click.option("--password", default=None, help="password of an encrypted PDF")
def review_command(path: Path, out: Path, pdf: Path | None, resolution: int, password: str | None) -> None:
    """Write static HTML pages to review extractions.

    PATH is one per-document JSON (-o is the HTML file) or an output folder of `fujian
    extract` (-o is a folder: index.html lists every document with its counts, warnings and
    failed checks, and links to one page per document). Every PDF page is shown with the
    project and indicator boxes drawn over it and the values beside it; warnings are
    highlighted. The PDF is the one the JSON was made from: found where it was converted from
    (or given with --pdf, which must have the JSON's sha256); a text dump has no page images.
    """
    from .review_index import write_folder_review

    if not path.exists():
        _fail(f"{path} does not exist")
    if path.is_dir():
        if pdf is not None:
            _fail("--pdf names the PDF of one JSON; for a folder each PDF is found by itself")
        documents = _documents(path)
        if out.exists() and not out.is_dir():
            _fail(f"-o {out}: for a folder, -o is a folder (it exists and is a file)")

        def write_one(name: str, json_path: Path, html: Path):
            try:
                return _review_one(json_path, html, None, resolution, password, quiet=True)
            except _ReviewError as exc:
                return None, 0, str(exc)

        named = [(rel[:-len(".json")] if rel.endswith(".json") else rel, p) for rel, p in documents]
        index = write_folder_review(named, out, str(path), write_one, _failed_inputs(path))
        click.echo(f"wrote {index} ({len(documents)} document page(s))")
        return
    try:
        doc, _, _ = _review_one(path, out, pdf, resolution, password, quiet=False)
    except _ReviewError as exc:
        _fail(str(exc))


class _ReviewError(Exception):
    pass


def _failed_inputs(out: Path) -> list[tuple[str, str]]:
    """(file, error) of the inputs report.json lists as failed: they have no JSON to review."""
    import json

    try:
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [(str(e.get("file")), str(e.get("error"))) for e in report
            if isinstance(e, dict) and e.get("status") == "error"] if isinstance(report, list) else []


def _review_one(doc_json: Path, out: Path, pdf: Path | None, resolution: int,
                password: str | None, quiet: bool):
    from .page_images import PageImageError, render_pages
    from .review import collect_warnings, write_review
    from .review_sources import SourceMismatch, check_given_pdf, find_source_pdf

    try:
        doc = load_json(doc_json)
    except DiffInputError as exc:
        raise _ReviewError(str(exc))
    is_pdf = (doc.get("source") or {}).get("format") == "pdf"
    if pdf is not None:
        if not pdf.exists():
            raise _ReviewError(f"{pdf} does not exist")
        try:
            check_given_pdf(pdf, doc)
        except SourceMismatch as exc:
            raise _ReviewError(str(exc))
    elif is_pdf:
        pdf = find_source_pdf(doc_json, doc)
        if pdf is None and not quiet:
            click.echo(f"note: the source PDF of {doc_json.name} is no longer where it was converted "
                       "from (or has changed); give it with --pdf to see the page images", err=True)
    pages = None
    if pdf is not None:
        try:
            pages = render_pages(pdf, resolution=resolution, password=password)
        except PageImageError as exc:
            raise _ReviewError(str(exc))
    try:
        write_review(doc, out, pages, json_name=doc_json.name)
    except OSError as exc:
        raise _ReviewError(f"cannot write {out}: {exc.strerror or exc}")
    except (AttributeError, TypeError, ValueError, KeyError) as exc:  # a JSON not shaped as SPEC.md says
        raise _ReviewError(f"{doc_json} does not follow the per-document JSON layout "
                           f"({type(exc).__name__}: {exc})")
    if not quiet:
        boxes = sum(1 for p in doc.get("projects") or [] for i in p.get("indicators") or [] if i.get("bbox"))
        click.echo(f"wrote {out} ({len(doc.get('projects') or [])} project(s), "
                   f"{len(pages) if pages else 0} page image(s), {boxes} indicator box(es))")
    return doc, len(collect_warnings(doc)), None


@click.command("compare-engines")
@click.argument("pdf", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--password", default=None, help="password of an encrypted PDF")
def compare_engines_command(pdf: Path, fmt: str, password: str | None) -> None:
    """Convert PDF with the pdfplumber and the camelot engine and show how the results differ.

    Exit status: 0 same result, 1 different, 2 usage error or a file an engine cannot read.
    """
    from .engines import EngineError, compare_engines

    if not pdf.exists():
        _fail(f"{pdf} does not exist")
    with open(pdf, "rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        _fail(f"{pdf} is not a PDF: compare-engines compares the PDF engines (pdfplumber and "
              "camelot); a text dump is read by one reader only")
    try:
        result = compare_engines(pdf, password=password)
    except EngineError as exc:
        _fail(str(exc))
    if fmt == "json":
        click.echo(render_json(result))
    else:
        render_text(result, _console())
    sys.exit(EXIT_SAME if result.identical else EXIT_DIFFERENT)
