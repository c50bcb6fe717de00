"""CPU time per page, side by side in one run: fujian's whole pipeline with each PDF engine, bare
pdfplumber `extract_tables()`, PyMuPDF `find_tables()` (when installed: it is AGPL, so never a
dependency — `pip install pymupdf` into the bench environment), camelot lattice, and the floor
of reading everything with pypdfium2; then fujian's start-up costs.

    python bench/bench_engines.py [PDF ...] [--repeat 5]

Defaults to the readable PDFs of samples/pdf and samples/holdout (ruled and unruled, portrait,
landscape, rotated; scans and the user-password sample left out). Each contender reads every
file `--repeat` times, contenders taking turns file by file (so a burst of load elsewhere hits
them alike); a file's figure is the median of its runs, the total the sum over files. CPU time
is the process's (time.process_time: every thread). The ratio column is contender ÷ fujian.
"""
from __future__ import annotations

import argparse
import ctypes
import logging
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parent.parent
SKIP = ("scanned", "user_password")


def fujian(engine: str) -> Callable[[str], None]:
    from fujian.pipeline import convert_file

    return lambda path: convert_file(path, engine=engine)


def bare_pdfplumber(path: str) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()


def pymupdf_tables() -> Optional[Callable[[str], None]]:
    try:
        import pymupdf
    except ImportError:
        return None

    def run(path: str) -> None:
        with pymupdf.open(path) as doc:
            for page in doc:
                try:
                    found = page.find_tables(use_layout=False)
                except TypeError:  # older PyMuPDF: no layout option at all
                    found = page.find_tables()
                for t in found.tables:
                    t.extract()
    return run


def bare_camelot(path: str) -> None:
    import camelot

    logging.getLogger("camelot").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:  # vector engine: ruling lines from the PDF, no page rendering
            camelot.read_pdf(path, pages="all", flavor="lattice", engine="vector",
                             suppress_stdout=True)
        except TypeError:  # a camelot without engines: its raster lattice
            camelot.read_pdf(path, pages="all", flavor="lattice", suppress_stdout=True)


def pypdfium2_floor(path: str) -> None:
    """Everything fujian's reader asks of PDFium, and nothing else: every character with its
    loose box, tight box, origin, font size, fill colour and matrix; every path with its
    segments, draw mode and colours; every image's bounds; form XObjects opened."""
    import pypdfium2  # noqa: F401
    import pypdfium2.raw as p

    d = [ctypes.c_double() for _ in range(4)]
    f = [ctypes.c_float() for _ in range(4)]
    u = [ctypes.c_uint() for _ in range(4)]
    m, r, i, b = p.FS_MATRIX(), p.FS_RECTF(), ctypes.c_int(), ctypes.c_int()

    def walk(objs):
        for o in objs:
            kind = p.FPDFPageObj_GetType(o)
            if kind == p.FPDF_PAGEOBJ_PATH:
                p.FPDFPageObj_GetMatrix(o, m)
                p.FPDFPath_GetDrawMode(o, i, b)
                p.FPDFPageObj_GetStrokeColor(o, *u)
                p.FPDFPageObj_GetFillColor(o, *u)
                for k in range(p.FPDFPath_CountSegments(o)):
                    s = p.FPDFPath_GetPathSegment(o, k)
                    p.FPDFPathSegment_GetType(s)
                    p.FPDFPathSegment_GetPoint(s, f[0], f[1])
                    p.FPDFPathSegment_GetClose(s)
            elif kind == p.FPDF_PAGEOBJ_IMAGE:
                p.FPDFPageObj_GetBounds(o, *f)
            elif kind == p.FPDF_PAGEOBJ_FORM:
                p.FPDFPageObj_GetMatrix(o, m)
                walk(p.FPDFFormObj_GetObject(o, k) for k in range(p.FPDFFormObj_CountObjects(o)))

    doc = p.FPDF_LoadDocument(path.encode(), None)
    for n in range(p.FPDF_GetPageCount(doc)):
        page = p.FPDF_LoadPage(doc, n)
        walk(p.FPDFPage_GetObject(page, k) for k in range(p.FPDFPage_CountObjects(page)))
        tp = p.FPDFText_LoadPage(page)
        for k in range(p.FPDFText_CountChars(tp)):
            p.FPDFText_GetUnicode(tp, k)
            p.FPDFText_GetLooseCharBox(tp, k, r)
            p.FPDFText_GetCharBox(tp, k, *d)
            p.FPDFText_GetCharOrigin(tp, k, d[0], d[1])
            p.FPDFText_GetFontSize(tp, k)
            p.FPDFText_GetFillColor(tp, k, *u)
            p.FPDFText_GetMatrix(tp, k, m)
        p.FPDFText_ClosePage(tp)
        p.FPDF_ClosePage(page)
    p.FPDF_CloseDocument(doc)


def cpu(fn: Callable[[str], None], path: str) -> float:
    start = time.process_time()
    fn(path)
    return time.process_time() - start


def child_cpu(cmd: list[str]) -> float:
    """CPU seconds (user + system) of a command run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def startup(repeat: int) -> None:
    fujian_cli = [sys.executable, "-m", "fujian.cli"]
    bare = statistics.median(child_cpu([sys.executable, "-c", "pass"]) for _ in range(repeat))
    helped = statistics.median(child_cpu(fujian_cli + ["--help"]) for _ in range(repeat))
    with tempfile.TemporaryDirectory() as tmp:
        one = ROOT / "samples" / "pingluo-rd-2025.txt"
        fixed = statistics.median(
            child_cpu(fujian_cli + ["extract", str(one), "-o", tmp, "--workers", "1", "--force"])
            for _ in range(repeat))
    print(f"\nstart-up (CPU s, median of {repeat}): python -c pass {bare:.3f}; "
          f"fujian --help {helped:.3f}; fujian extract of one text dump (the fixed cost of a "
          f"one-file run) {fixed:.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    from fujian.extract.pdf_open import open_pdf

    pdfs = args.pdfs or sorted(p for corpus in ("pdf", "holdout")
                               for p in (ROOT / "samples" / corpus).glob("*.pdf")
                               if not any(s in p.name for s in SKIP))
    contenders: list[tuple[str, Optional[Callable[[str], None]], bool]] = [
        # (name, function, reads the original file — else the decrypted / upright copy)
        ("fujian extract, engine pdfium", fujian("pdfium"), True),
        ("fujian extract, engine pdfplumber", fujian("pdfplumber"), True),
        ("bare pdfplumber extract_tables()", bare_pdfplumber, False),
        ("PyMuPDF find_tables(use_layout=False)", pymupdf_tables(), False),
        ("camelot lattice engine=vector", bare_camelot, False),
        ("pypdfium2 floor (all chars, paths, images)", pypdfium2_floor, False),
    ]
    totals = {name: 0.0 for name, fn, _ in contenders if fn}
    pages = 0
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} CPUs")
    for name, fn, _ in contenders:  # warm up: imports and caches are not per-page costs
        if fn:
            with open_pdf(pdfs[0]) as opened:
                fn(str(pdfs[0]) if _ else opened.path)
    for pdf in pdfs:
        with open_pdf(pdf) as opened:
            pages += opened.page_count
            runs: dict[str, list[float]] = {name: [] for name in totals}
            for _ in range(args.repeat):
                for name, fn, original in contenders:
                    if fn:
                        runs[name].append(cpu(fn, str(pdf) if original else opened.path))
        for name in totals:
            totals[name] += statistics.median(runs[name])
    base = totals["fujian extract, engine pdfium"]
    print(f"{len(pdfs)} PDFs, {pages} pages; CPU time, median of {args.repeat} per file")
    print(f"{'contender':<46} {'CPU s/page':>10} {'÷ fujian':>9}")
    for name, fn, _ in contenders:
        if not fn:
            print(f"{name:<46} {'(not installed)':>20}")
            continue
        print(f"{name:<46} {totals[name] / pages:>10.4f} {totals[name] / base:>9.2f}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    startup(args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
