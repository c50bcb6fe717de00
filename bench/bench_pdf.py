"""PDF reading speed: bare pdfplumber, bare camelot, our readers and the whole pipeline.

    python bench/bench_pdf.py [PDF ...] [--repeat N]

Defaults to every readable PDF in samples/pdf (scanned and user-password samples skipped).
All contenders read the same pages in the same run; the best of N repeats is kept per file.
Goal: pipeline ≤ 1.5× bare pdfplumber extract_tables, and faster than camelot lattice.
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
import warnings
from pathlib import Path
from typing import Callable

import pdfplumber

from fujian.extract.pdf_document import read_pdf
from fujian.extract.pdf_open import open_pdf

ROOT = Path(__file__).resolve().parent.parent
SKIP = ("scanned", "user_password")


def bare_pdfplumber(path: str) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()


def bare_camelot(path: str) -> None:
    import camelot

    logging.getLogger("camelot").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        camelot.read_pdf(path, pages="all", flavor="lattice", suppress_stdout=True)


def ours(engine: str) -> Callable[[str], None]:
    return lambda path: read_pdf(path, engine=engine)


def pipeline(path: str) -> None:
    from fujian.pipeline import convert_file

    convert_file(path)


CONTENDERS: list[tuple[str, Callable[[str], None]]] = [
    ("pdfplumber extract_tables", bare_pdfplumber),
    ("camelot lattice", bare_camelot),
    ("read_pdf engine=pdfplumber", ours("pdfplumber")),
    ("read_pdf engine=camelot", ours("camelot")),
    ("pipeline convert_file", pipeline),
]


def best_time(fn: Callable[[str], None], path: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(path)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    pdfs = args.pdfs or sorted(p for p in (ROOT / "samples" / "pdf").glob("*.pdf")
                               if not any(s in p.name for s in SKIP))
    if not pdfs:
        print("no PDFs to time", file=sys.stderr)
        return 2
    pages = 0
    totals = {name: 0.0 for name, _ in CONTENDERS}
    for pdf in pdfs:
        with open_pdf(pdf) as opened:  # bare camelot cannot read owner-password files itself
            pages += opened.page_count
            for name, fn in CONTENDERS:
                target = str(pdf) if name.startswith(("read_pdf", "pipeline")) else opened.path
                totals[name] += best_time(fn, target, args.repeat)
    base = totals["pdfplumber extract_tables"]
    print(f"{len(pdfs)} files, {pages} pages, best of {args.repeat}")
    print(f"{'contender':<28} {'seconds':>8} {'pages/s':>8} {'× pdfplumber':>13}")
    for name, _ in CONTENDERS:
        t = totals[name]
        print(f"{name:<28} {t:>8.2f} {pages / t:>8.1f} {t / base:>13.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
