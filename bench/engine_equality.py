"""Do the PDF engines give the same JSON? Every PDF of every committed corpus is converted with
the PDFium engine and with the pdfplumber engine and the two per-document JSONs are compared.

    python bench/engine_equality.py [--engines pdfium,pdfplumber] [--tolerance 0.1] [PDF ...]

A difference is any value that is not equal, except the numbers of a `bbox`, which may differ
by up to --tolerance points: PDFium keeps a font's widths as whole thousandths of an em and
positions as 32-bit floats, pdfminer uses the file's decimals, so a glyph's box can move by a
few hundredths of a point along a line (never enough to change what a cell holds). The exit
status is 1 when some file differs beyond that, and every difference is listed with its path
in the JSON.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Iterator

from fujian.extract.model import ExtractionError
from fujian.pipeline import convert_file

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def corpus_pdfs() -> list[Path]:
    """Every PDF under samples/ (the committed corpora and the real bundles)."""
    return sorted(SAMPLES.rglob("*.pdf"))


def differences(a, b, tolerance: float, where: str = "") -> Iterator[str]:
    """Paths at which two JSON values differ (bbox numbers within `tolerance` are equal)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b), key=str):
            if k not in a or k not in b:
                yield f"{where}/{k}: only in {'second' if k not in a else 'first'}"
            else:
                yield from differences(a[k], b[k], tolerance, f"{where}/{k}")
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            yield f"{where}: {len(a)} items != {len(b)}"
        if where.endswith("/bbox") and len(a) == len(b) and all(
                isinstance(x, (int, float)) and isinstance(y, (int, float)) for x, y in zip(a, b)):
            if any(abs(x - y) > tolerance for x, y in zip(a, b)):
                yield f"{where}: {a} != {b}"
            return
        for i, (x, y) in enumerate(zip(a, b)):
            yield from differences(x, y, tolerance, f"{where}[{i}]")
    elif a != b:
        yield f"{where}: {a!r} != {b!r}"


def convert(path: Path, engine: str) -> dict:
    try:
        return convert_file(path, engine=engine)
    except ExtractionError as e:
        return {"error": str(e).replace(str(path), "<file>")}


def compare(pdfs: list[Path], engines: tuple[str, str], tolerance: float,
            out=sys.stdout) -> tuple[int, int, int]:
    """(files, files identical, files within tolerance)."""
    identical = close = 0
    for pdf in pdfs:
        a, b = (convert(pdf, e) for e in engines)
        if a == b:
            identical += 1
            close += 1
            continue
        diffs = list(differences(a, b, tolerance))
        if not diffs:
            close += 1
            continue
        print(f"{pdf.relative_to(SAMPLES) if pdf.is_relative_to(SAMPLES) else pdf}: "
              f"{len(diffs)} differences", file=out)
        for d in diffs[:12]:
            print(f"    {d}", file=out)
    return len(pdfs), identical, close


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--engines", default="pdfium,pdfplumber")
    ap.add_argument("--tolerance", type=float, default=0.1)
    args = ap.parse_args()
    engines = tuple(args.engines.split(","))
    pdfs = args.pdfs or corpus_pdfs()
    n, identical, close = compare(pdfs, engines, args.tolerance)
    print(f"{n} PDFs: {identical} byte-identical JSON, {close} equal but for bbox numbers within "
          f"{args.tolerance:g} pt, {n - close} different ({engines[0]} vs {engines[1]})")
    return 0 if close == n else 1


if __name__ == "__main__":
    sys.exit(main())
